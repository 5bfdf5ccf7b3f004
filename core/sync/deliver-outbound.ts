import type { Connection } from '../connection/connection';
import { ExalateError } from '../errors';
import { maximumEnvelopesPerMessage } from '../exchange/exchange-messages';
import { sendPeerMessage } from '../exchange/peer-messages';
import type { NodeContext } from '../node/node-context';
import { nextAttemptAt } from './backoff';
import { fitMessageSize } from './fit-message-size';
import { recordSyncError } from './record-sync-error';

/** A claimed delivery that never finished (the worker died mid-request) is offered again after this. */
const deliveryLeaseMs = 60_000;

/**
 * Pushes due outbox entries to a peer this side can reach (a public peer). Entries the peer
 * confirmed are done; the rest wait for a retry with backoff, honouring Retry-After. Returns how
 * many were delivered.
 */
export async function deliverOutbound(context: NodeContext, connection: Connection): Promise<number> {
  if (connection.status !== 'active' || connection.peer?.nodeUrl == null) return 0;
  const claimed = await context.store.claimDueEntries({
    connectionId: connection.id,
    direction: 'outbound',
    now: context.clock.now(),
    leaseMs: deliveryLeaseMs,
    limit: maximumEnvelopesPerMessage,
  });
  const due = await fitMessageSize(context, claimed);
  if (due.length === 0) return 0;
  const reply = await sendPeerMessage(context, connection.id, { type: 'deliver', envelopes: due.map((entry) => entry.envelope) });
  const now = context.clock.now();
  if (!reply.ok || reply.value.type !== 'delivered') {
    const failure = reply.ok
      ? new ExalateError('peer_invalid_response', 'The other side answered a delivery with something else than a receipt.')
      : reply.error;
    await context.store.transaction(async (store) => {
      for (const entry of due) {
        await store.updateQueueEntry(connection.id, 'outbound', entry.position, {
          state: 'queued',
          nextAttemptAt: nextAttemptAt(now, entry.attempts - 1, failure),
          lastError: failure.message,
          updatedAt: now,
        });
      }
    });
    await recordSyncError(context, { scope: 'connection', connectionId: connection.id, itemKey: null, error: failure });
    return 0;
  }
  const stored = new Set(reply.value.ids);
  await context.store.transaction(async (store) => {
    for (const entry of due) {
      const patch = stored.has(entry.envelope.id)
        ? { state: 'done' as const, lastError: null }
        : { state: 'queued' as const, nextAttemptAt: nextAttemptAt(now, entry.attempts - 1, undefined) };
      await store.updateQueueEntry(connection.id, 'outbound', entry.position, { ...patch, updatedAt: now });
    }
  });
  await context.store.resolveErrors({ connectionId: connection.id, itemKey: null }, now);
  return stored.size;
}
