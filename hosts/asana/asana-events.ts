import type { AsanaEvent } from './asana-responses';

/**
 * The tasks a batch of Asana events is about: a task event names the task; a story (comment) or
 * attachment event names its task as the parent (developers.asana.com/docs/webhooks-guide,
 * "Event types"). Each task once, in the order first seen.
 */
export function taskKeysOfEvents(events: readonly AsanaEvent[]): string[] {
  const keys: string[] = [];
  for (const event of events) {
    const key = taskKeyOf(event);
    if (key !== undefined && !keys.includes(key)) keys.push(key);
  }
  return keys;
}

/**
 * Each task's time after the changes a batch of events tells of: the latest `created_at` of its
 * events ("the timestamp when the event occurred", asana.yaml EventResponse; Asana stamps the
 * events of one write with that write's instant, the task's `modified_at`). The node compares it
 * with the time its own write produced to know the event of that write without asking Asana.
 * This is sound: the event of a later edit (in Asana, or a comment) carries a later `created_at`,
 * so the task is read; an edit that happened before the write's answer is in the state the PUT
 * returned, which the node already holds. A task with any event lacking a readable time gets no
 * time (that event may be the later one), and is read as before.
 */
export function taskTimesOfEvents(events: readonly AsanaEvent[]): ReadonlyMap<string, string> {
  const latest = new Map<string, { readonly text: string; readonly instant: number }>();
  const untimed = new Set<string>();
  for (const event of events) {
    const key = taskKeyOf(event);
    if (key === undefined) continue;
    const text = event.created_at;
    const instant = typeof text === 'string' ? Date.parse(text) : Number.NaN;
    if (typeof text !== 'string' || !Number.isFinite(instant)) untimed.add(key);
    else if (instant > (latest.get(key)?.instant ?? Number.NEGATIVE_INFINITY)) latest.set(key, { text, instant });
  }
  return new Map([...latest].filter(([key]) => !untimed.has(key)).map(([key, time]) => [key, time.text]));
}

function taskKeyOf(event: AsanaEvent): string | undefined {
  const key = event.resource?.resource_type === 'task' ? event.resource.gid : event.parent?.resource_type === 'task' ? event.parent.gid : undefined;
  return key !== undefined && /^\d+$/.test(key) ? key : undefined;
}
