/**
 * Pieces of JQL the adapters write. JQL string literals are double-quoted with `\"` and `\\`
 * escapes; dates are wall-clock times in the searching user's time zone ("Advanced searching →
 * fields reference → Updated": `yyyy/MM/dd HH:mm`), so an instant has to be written in that zone.
 */
export function quoteJql(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** An instant as JQL's `yyyy/MM/dd HH:mm` in a time zone, rounded down to the minute (JQL has no seconds). */
export function formatJqlInstant(instant: number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(new Date(instant));
  const part = (type: string): string => parts.find((each) => each.type === type)?.value ?? '00';
  return `${part('year')}/${part('month')}/${part('day')} ${part('hour')}:${part('minute')}`;
}

/** Jira's `2026-11-23T12:00:00.000+0000` (offset without a colon) as ISO 8601 in UTC. */
export function isoFromJiraTimestamp(value: string | undefined): string {
  if (value === undefined) return new Date(0).toISOString();
  const normalised = value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  const time = Date.parse(normalised);
  return Number.isNaN(time) ? value : new Date(time).toISOString();
}
