import type { SyncStoreV1 } from '../ports/sync-store';
import type { Envelope } from './sync-records';

/**
 * Puts a new envelope at the end of a connection's outbox, due at once. Every outbound message
 * starts this way, so a fresh entry looks the same whichever step sent it; an envelope id already
 * in the outbox is not added again (the store's rule), which keeps a retried step from sending twice.
 */
export async function enqueueOutbound(
  store: Pick<SyncStoreV1, 'enqueue'>,
  connectionId: string,
  itemKey: string,
  envelope: Envelope,
  now: number,
): Promise<void> {
  await store.enqueue({
    connectionId,
    direction: 'outbound',
    itemKey,
    envelope,
    state: 'queued',
    attempts: 0,
    nextAttemptAt: now,
    lastError: null,
    createdAt: now,
    updatedAt: now,
  });
}
