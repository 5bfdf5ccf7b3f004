import type { Connection } from '../connection/connection';
import { randomId } from '../encoding/random';
import type { NodeContext } from '../node/node-context';
import type { StoreV1 } from '../ports/store';
import type { Envelope, QueueEntry } from './sync-records';
import { itemLockKey } from './item-locks';
import { outboundTopic, workTopic } from './sync-signals';
import { enqueueOutbound } from './enqueue-outbound';

/** What a dropped entry says in the Sync queue: it was left unsent on purpose, not lost. */
const unexalatedNote = 'Not sent: the item was unexalated (it no longer syncs on this connection).';

/**
 * Unexalate on this side: the twin is unlinked, changes of the item still waiting in either
 * direction are dropped, and the other side is told (an `unlinked` envelope) so that its edits stop
 * travelling too. Both items stay as they are. Unexalating an item that no longer syncs changes
 * nothing and answers `false`, so a second click is harmless.
 */
export async function unexalateItem(context: NodeContext, connection: Connection, localKey: string): Promise<boolean> {
  const unlinked = await context.store.runExclusive(itemLockKey(connection.id, localKey), () =>
    context.store.transaction(async (store) => {
      const twin = await store.getTwinByLocalKey(connection.id, localKey);
      if (!twin) return false;
      const now = context.clock.now();
      await dropWaitingEntries(store, connection.id, 'outbound', twin.localKey, now);
      if (twin.remoteKey !== null) await dropWaitingEntries(store, connection.id, 'inbound', twin.remoteKey, now);
      await store.deleteTwin(connection.id, twin.localKey);
      // Once anything was sent, the other side may hold a twin of this item: it has to hear of this.
      if (twin.remoteKey !== null || twin.nextOutboundSequence > 0) {
        await enqueueOutbound(store, connection.id, twin.localKey, { kind: 'unlinked', id: randomId('unl'), sourceKey: twin.localKey, createdAt: now }, now);
      }
      return true;
    }),
  );
  if (unlinked) {
    context.signals.notify(outboundTopic(connection.id));
    context.signals.notify(workTopic);
  }
  return unlinked;
}

/** The other side unexalated its item: unlink the twin of it here, and drop what still waits to go there. */
export async function applyPeerUnlink(
  context: NodeContext,
  connection: Connection,
  entry: QueueEntry,
  unlinked: Extract<Envelope, { kind: 'unlinked' }>,
): Promise<void> {
  const twin = await context.store.getTwinByRemoteKey(connection.id, unlinked.sourceKey);
  const finish = (store: StoreV1, now: number) =>
    store.updateQueueEntry(connection.id, 'inbound', entry.position, { state: 'done', lastError: null, updatedAt: now });
  if (!twin) {
    await context.store.transaction((store) => finish(store, context.clock.now()));
    return;
  }
  await context.store.runExclusive(itemLockKey(connection.id, twin.localKey), () =>
    context.store.transaction(async (store) => {
      const now = context.clock.now();
      const current = await store.getTwinByLocalKey(connection.id, twin.localKey);
      if (current && current.remoteKey === unlinked.sourceKey) {
        await dropWaitingEntries(store, connection.id, 'outbound', current.localKey, now);
        await store.deleteTwin(connection.id, current.localKey);
      }
      await finish(store, now);
    }),
  );
}

async function dropWaitingEntries(store: StoreV1, connectionId: string, direction: QueueEntry['direction'], itemKey: string, now: number): Promise<void> {
  const waiting = await store.listQueue({ connectionId, direction, states: ['queued', 'in_flight'], limit: 10_000, itemKey });
  for (const entry of waiting) {
    await store.updateQueueEntry(connectionId, direction, entry.position, { state: 'done', lastError: unexalatedNote, updatedAt: now });
  }
}
