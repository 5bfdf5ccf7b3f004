import { encodeText } from '../encoding/base64url';
import { maximumMessageBytes } from '../exchange/message-size';
import type { NodeContext } from '../node/node-context';
import type { QueueEntry } from './sync-records';

/**
 * Keeps the claimed entries that fit in one message (always at least one) and gives the rest
 * back to the queue at once, so they go in the next message instead of waiting for a lease.
 */
export async function fitMessageSize(context: NodeContext, claimed: readonly QueueEntry[]): Promise<QueueEntry[]> {
  const kept: QueueEntry[] = [];
  let bytes = 0;
  const returned: QueueEntry[] = [];
  for (const entry of claimed) {
    // UTF-8 bytes, as the receiver counts them: a replica in Japanese is up to three bytes a character.
    const size = encodeText(JSON.stringify(entry.envelope)).length;
    if (kept.length > 0 && bytes + size > maximumMessageBytes) returned.push(entry);
    else {
      kept.push(entry);
      bytes += size;
    }
  }
  const now = context.clock.now();
  for (const entry of returned) {
    await context.store.updateQueueEntry(entry.connectionId, entry.direction, entry.position, { state: 'queued', attempts: entry.attempts - 1, nextAttemptAt: now, updatedAt: now });
  }
  return kept;
}
