import type { AsanaClient } from './asana-client';
import { eventsAnswerSchema } from './asana-responses';
import { taskKeysOfEvents, taskTimesOfEvents } from './asana-events';

/**
 * What one call of the Events API says (developers.asana.com/docs/events):
 * - `events`: the tasks changed since `sync`, and the token to pass next time; `hasMore` asks
 *   for another call right away. `updatedTimes`: each task's latest event time, where its events
 *   carry one (asana-events.ts `taskTimesOfEvents`), for `noteLocalChanges`' `knownTimes`.
 * - `resync`: the token was missing or too old (Asana keeps events about a day) and Asana answered
 *   412 with a fresh one. Changes in between are unknown, so the caller reconciles the project
 *   (listChangedSince) and then continues from the fresh token.
 */
export type EventsPoll =
  | {
      readonly kind: 'events';
      readonly itemKeys: readonly string[];
      readonly updatedTimes: ReadonlyMap<string, string>;
      readonly sync: string;
      readonly hasMore: boolean;
    }
  | { readonly kind: 'resync'; readonly sync: string };

export async function pollEvents(client: AsanaClient, resource: string, sync: string | null): Promise<EventsPoll> {
  const answer = await client.jsonWithStatus(
    {
      path: '/events',
      query: { resource, ...(sync === null ? {} : { sync }) },
      expectedStatuses: [412],
      // Reading events changes nothing; a lost answer can be asked again.
      idempotent: true,
      action: `read the events of ${resource}`,
    },
    eventsAnswerSchema,
  );
  const next = answer.body.sync ?? sync ?? '';
  if (answer.status === 412) return { kind: 'resync', sync: next };
  const events = answer.body.data ?? [];
  return { kind: 'events', itemKeys: taskKeysOfEvents(events), updatedTimes: taskTimesOfEvents(events), sync: next, hasMore: answer.body.has_more === true };
}
