import { encodeText } from '../encoding/base64url';
import { ExalateError } from '../errors';
import { maximumMessageBytes } from '../exchange/message-size';
import type { NodeContext } from '../node/node-context';
import { recordSyncError } from './record-sync-error';
import type { QueueEntry } from './sync-records';

/**
 * Keeps the claimed entries that fit in one message and gives the rest back to the queue at once,
 * so they go in the next message instead of waiting for a lease. The message size is this node's
 * (NodeSettings.maximumMessageBytes: less on Forge, whose invocations carry 5 MB). An entry that
 * alone is over it can never be sent: it fails with an item error that says its size and the limit,
 * instead of every message failing in the platform (entries queued before the limit was lowered).
 */
export async function fitMessageSize(context: NodeContext, claimed: readonly QueueEntry[]): Promise<QueueEntry[]> {
  const limit = context.settings.maximumMessageBytes ?? maximumMessageBytes;
  const kept: QueueEntry[] = [];
  let bytes = 0;
  const returned: QueueEntry[] = [];
  const oversized: { entry: QueueEntry; size: number }[] = [];
  for (const entry of claimed) {
    // UTF-8 bytes, as the receiver counts them: a replica in Japanese is up to three bytes a character.
    const size = encodeText(JSON.stringify(entry.envelope)).length;
    if (size > limit) oversized.push({ entry, size });
    else if (bytes + size > limit) returned.push(entry);
    else {
      kept.push(entry);
      bytes += size;
    }
  }
  const now = context.clock.now();
  for (const entry of returned) {
    await context.store.updateQueueEntry(entry.connectionId, entry.direction, entry.position, {
      state: 'queued',
      attempts: entry.attempts - 1,
      nextAttemptAt: now,
      updatedAt: now,
    });
  }
  for (const { entry, size } of oversized) {
    const error = new ExalateError(
      'payload_too_large',
      `${describe(entry)} is ${megabytes(size)} as a message, and one message between the nodes carries at most ${megabytes(limit)} here; it was not sent.`,
      {
        details: { bytes: size, limitBytes: limit },
      },
    );
    await context.store.updateQueueEntry(entry.connectionId, entry.direction, entry.position, { state: 'failed', lastError: error.message, updatedAt: now });
    await recordSyncError(context, { scope: 'item', connectionId: entry.connectionId, itemKey: entry.itemKey, error });
  }
  return kept;
}

function megabytes(bytes: number): string {
  return `${(bytes / 1048576).toFixed(1)} MiB`;
}

function describe(entry: QueueEntry): string {
  const envelope = entry.envelope;
  if (envelope.kind === 'attachment') return `The attachment "${envelope.filename}" of ${entry.itemKey}`;
  return envelope.kind === 'change' ? `The change to ${entry.itemKey}` : `The receipt for ${entry.itemKey}`;
}
