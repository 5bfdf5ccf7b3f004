import type { NodeContext } from '../node/node-context';
import type { QueueEntry } from './sync-records';

/**
 * The entries of a queue that may be handled now, in order. Per item, only the oldest unfinished
 * entry is eligible: if it waits for a retry, the item's later entries wait behind it, which is
 * how order per item survives failures and retries.
 */
export async function listDueEntries(context: NodeContext, connectionId: string, direction: QueueEntry['direction'], limit: number): Promise<QueueEntry[]> {
  const now = context.clock.now();
  const pending = await context.store.listQueue({ connectionId, direction, states: ['queued', 'in_flight'], limit: limit * 5 });
  const seenItems = new Set<string>();
  const due: QueueEntry[] = [];
  for (const entry of pending) {
    if (seenItems.has(entry.itemKey)) continue;
    seenItems.add(entry.itemKey);
    if (entry.nextAttemptAt <= now) due.push(entry);
    if (due.length >= limit) break;
  }
  return due;
}
