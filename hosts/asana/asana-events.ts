import type { AsanaEvent } from './asana-responses';

/**
 * The tasks a batch of Asana events is about: a task event names the task; a story (comment) or
 * attachment event names its task as the parent (developers.asana.com/docs/webhooks-guide,
 * "Event types"). Each task once, in the order first seen.
 */
export function taskKeysOfEvents(events: readonly AsanaEvent[]): string[] {
  const keys: string[] = [];
  for (const event of events) {
    const resourceType = event.resource?.resource_type;
    const key = resourceType === 'task' ? event.resource?.gid : event.parent?.resource_type === 'task' ? event.parent.gid : undefined;
    if (key !== undefined && /^\d+$/.test(key) && !keys.includes(key)) keys.push(key);
  }
  return keys;
}
