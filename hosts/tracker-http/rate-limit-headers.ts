/**
 * Reads what a tracker says about its rate limits. Only Web APIs (Headers), so it runs on Forge.
 *
 * - `Retry-After` is either delay-seconds or an HTTP-date (RFC 9110 §10.2.3). Jira Cloud, Jira DC
 *   (8.6+ rate limiting), Azure DevOps and Asana all send seconds on 429; Jira Cloud also sends it on
 *   some 503s ("a resource limit has been reached").
 * - `X-RateLimit-Reset` is an ISO 8601 instant on Jira Cloud (`yyyy-MM-ddTHH:mmZ`, developer.atlassian.com
 *   "Rate limiting") and Unix epoch seconds on Azure DevOps ("Rate and usage limits").
 * - `X-RateLimit-Remaining: 0` means the next call will be refused until the reset.
 * - `X-RateLimit-NearLimit: true` (Jira Cloud) is sent when less than 20% of the budget remains.
 * - `X-RateLimit-Delay` (Azure DevOps, seconds with up to three decimals) says the service already
 *   held this request back because the caller is over its share ("Rate and usage limits"): the
 *   next refusal is near, so it counts as near the limit.
 * - `RateLimit-Reason` (Jira Cloud) names the limit that was hit: `jira-burst-based` (per endpoint and
 *   second), `jira-per-issue-on-write` (writes to one issue), `jira-quota-*` (the hourly points quota).
 */
export interface RateLimitSignal {
  /** Milliseconds the tracker asked the caller to wait, from Retry-After or X-RateLimit-Reset. */
  readonly waitMilliseconds: number | undefined;
  /** When the budget resets (epoch ms), if the tracker said. */
  readonly resetAt: number | undefined;
  /** The tracker said there is no budget left. */
  readonly exhausted: boolean;
  /** The tracker said the budget is nearly used (Jira Cloud's X-RateLimit-NearLimit), or held the request back (Azure DevOps' X-RateLimit-Delay). */
  readonly nearLimit: boolean;
  /** Jira Cloud's RateLimit-Reason, as sent. */
  readonly reason: string | undefined;
}

/** Parses Retry-After into milliseconds from `now`; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  // An HTTP-date such as `Wed, 21 Oct 2026 07:28:00 GMT`.
  if (!/[a-z]/i.test(trimmed)) return undefined;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/** Parses X-RateLimit-Reset: epoch seconds (Azure DevOps) or an ISO 8601 instant (Jira Cloud). */
export function parseRateLimitReset(value: string | null): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d{9,11}$/.test(trimmed)) return Number(trimmed) * 1000;
  if (!/^\d{4}-\d{2}-\d{2}T/.test(trimmed)) return undefined;
  const instant = Date.parse(trimmed);
  return Number.isNaN(instant) ? undefined : instant;
}

export function readRateLimitSignal(headers: Headers, now: number): RateLimitSignal {
  const retryAfter = parseRetryAfter(headers.get('Retry-After'), now);
  const resetAt = parseRateLimitReset(headers.get('X-RateLimit-Reset'));
  const fromReset = resetAt === undefined ? undefined : Math.max(0, resetAt - now);
  const remaining = headers.get('X-RateLimit-Remaining');
  return {
    waitMilliseconds: retryAfter ?? fromReset,
    resetAt,
    exhausted: remaining !== null && remaining.trim() === '0',
    nearLimit: headers.get('X-RateLimit-NearLimit')?.trim().toLowerCase() === 'true' || Number(headers.get('X-RateLimit-Delay') ?? '0') > 0,
    reason: headers.get('RateLimit-Reason')?.trim() || undefined,
  };
}

/** What a Jira Cloud RateLimit-Reason means to an admin, for error messages. */
export function describeRateLimitReason(reason: string | undefined): string {
  if (reason === undefined) return '';
  if (reason === 'jira-per-issue-on-write') return ' (too many writes to the same issue in a short time)';
  if (reason === 'jira-burst-based') return ' (too many requests per second to one endpoint)';
  if (reason.startsWith('jira-quota')) return ' (the hourly API quota of the site or app is used up)';
  return ` (${reason})`;
}
