import type { NodeContext } from '../node/node-context';
import { isSyncing } from './note-local-change';
import { queueLocalChange } from './queue-local-change';
import type { SyncError } from './sync-records';
import { outboundTopic, workTopic } from './sync-signals';

/**
 * The admin's Retry on an error: what the error held back is tried again now.
 *
 * A change that was queued and failed (a peer down, an incoming script error) waits in the queue
 * with a backoff: it is made due at once. A change that never reached the queue (the outgoing
 * script failed while the item was being read for sending) has nothing waiting: the item is read
 * again and judged as a fresh change, so that a fixed script sends it now rather than at the
 * item's next edit. The error is resolved first; a retry that fails again records a new one.
 */
export async function retrySyncError(context: NodeContext, error: SyncError): Promise<void> {
  const now = context.clock.now();
  await context.store.resolveErrors({ id: error.id }, now);
  if (error.connectionId !== null) {
    let waiting = 0;
    for (const direction of ['outbound', 'inbound'] as const) {
      const pending = await context.store.listQueue({
        connectionId: error.connectionId,
        direction,
        states: ['queued', 'in_flight'],
        limit: 10_000,
        ...(error.itemKey === null ? {} : { itemKey: error.itemKey }),
      });
      for (const entry of pending) {
        if (error.itemKey !== null && entry.itemKey !== error.itemKey) continue;
        waiting += 1;
        await context.store.updateQueueEntry(error.connectionId, direction, entry.position, { nextAttemptAt: now, updatedAt: now });
      }
    }
    if (waiting === 0 && error.itemKey !== null) await sendItemAgain(context, error.connectionId, error.itemKey);
    context.signals.notify(outboundTopic(error.connectionId));
  }
  context.signals.notify(workTopic);
}

async function sendItemAgain(context: NodeContext, connectionId: string, itemKey: string): Promise<void> {
  // An incoming change names the other side's key. Unless this side syncs an item of that key,
  // one that ever arrived under it means the error is about the peer's item, and this tracker's
  // item of the same key (two Jira sites share project keys) is another one.
  if (!(await context.store.getTwinByLocalKey(connectionId, itemKey))) {
    const arrived = await context.store.listQueue({ connectionId, direction: 'inbound', states: ['done', 'failed'], limit: 1, itemKey });
    if (arrived.length > 0) return;
  }
  const connection = await context.store.getConnection(connectionId);
  if (!connection || !isSyncing(connection)) return;
  const item = await context.tracker.getItem(itemKey);
  if (!item) return;
  // Not forced: an item whose replica was sent unchanged since has nothing held back.
  await queueLocalChange(context, connection, item, { force: false, justRead: true });
}
