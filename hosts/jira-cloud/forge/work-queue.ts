import { Queue } from '@forge/events';
import { z } from 'zod';

/** The one async-events queue of the app (manifest: `consumer` on this queue). */
export const workQueueKey = 'exalate-work';

/**
 * Work too long for the invocation that found it, as small events: a sync pass (deliver and apply
 * what is due), or one page of a bulk sync. Each event does a bounded amount and pushes the next.
 */
export const workEventSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('sync-pass') }),
  z.strictObject({
    type: z.literal('bulk-sync'),
    connectionId: z.string().min(1).max(100),
    queries: z.array(z.string().min(1).max(2000)).min(1).max(100),
    queryIndex: z.number().int().nonnegative(),
    /** The tracker's cursor for the next page of the current query; null at its first page. */
    cursor: z.string().max(10_000).nullable(),
  }),
]);
export type WorkEvent = z.infer<typeof workEventSchema>;

export interface WorkQueue {
  push(event: WorkEvent, delaySeconds?: number): Promise<void>;
}

/** Forge allows a delay of at most 900 s on an async event. */
export const maximumDelaySeconds = 900;

/**
 * `@forge/events` (v2+ API: `push({ body, delayInSeconds, concurrency })`). Sync passes share one
 * concurrency key with limit 1, so two invocations never claim from the same queues at once for no
 * gain; a bulk sync is serialised per connection.
 */
export function createForgeWorkQueue(): WorkQueue {
  const queue = new Queue({ key: workQueueKey });
  return {
    push: async (event, delaySeconds) => {
      const concurrencyKey = event.type === 'sync-pass' ? 'sync-pass' : `bulk-sync-${event.connectionId.replace(/[^A-Za-z0-9-]/g, '-')}`;
      await queue.push({
        body: event,
        concurrency: { key: concurrencyKey, limit: 1 },
        ...(delaySeconds ? { delayInSeconds: Math.min(maximumDelaySeconds, Math.max(1, Math.ceil(delaySeconds))) } : {}),
      });
    },
  };
}
