import type { Connection } from '../connection/connection';
import { ExalateError } from '../errors';
import { maximumEnvelopesPerMessage, type PeerMessage, type PeerReply } from '../exchange/exchange-messages';
import type { NodeContext } from '../node/node-context';
import { err, ok, type Result } from '../result';
import { fitMessageSize } from './fit-message-size';
import { receiveEnvelopes } from './receive-envelopes';
import { outboundTopic } from './sync-signals';

/** How long an envelope handed to a polling peer counts as in flight before it is offered again. */
export const pollLeaseMs = 30_000;

/** The receiving side of a verified peer message. */
export async function answerPeerMessage(context: NodeContext, connection: Connection, message: PeerMessage): Promise<Result<PeerReply>> {
  switch (message.type) {
    case 'ping':
      return ok({ type: 'pong', connectionStatus: connection.status });
    case 'deliver':
      if (connection.status === 'deleted') return err(new ExalateError('connection_state', 'This connection was deleted on the receiving side.'));
      return ok({ type: 'delivered', ids: [...(await receiveEnvelopes(context, connection, message.envelopes))] });
    case 'poll':
      return ok({ type: 'envelopes', envelopes: await answerPoll(context, connection, message.acknowledged, message.waitMs) });
  }
}

/**
 * A private peer polls: first what it confirmed is marked done, then what waits for it is handed
 * out under a lease. With nothing to hand out, the request is held until something is queued or
 * the wait ends, so a change crosses a private connection as soon as it exists.
 */
async function answerPoll(context: NodeContext, connection: Connection, acknowledged: readonly string[], waitMs: number) {
  await markAcknowledged(context, connection.id, acknowledged);
  let envelopes = await leaseDueEnvelopes(context, connection.id);
  if (envelopes.length === 0 && waitMs > 0) {
    await context.signals.wait(outboundTopic(connection.id), waitMs);
    envelopes = await leaseDueEnvelopes(context, connection.id);
  }
  return envelopes;
}

async function markAcknowledged(context: NodeContext, connectionId: string, acknowledged: readonly string[]): Promise<void> {
  if (acknowledged.length === 0) return;
  const wanted = new Set(acknowledged);
  const now = context.clock.now();
  await context.store.transaction(async (store) => {
    const inFlight = await store.listQueue({
      connectionId,
      direction: 'outbound',
      states: ['in_flight', 'queued'],
      limit: acknowledged.length,
      envelopeIds: acknowledged,
    });
    for (const entry of inFlight) {
      if (wanted.has(entry.envelope.id)) await store.updateQueueEntry(connectionId, 'outbound', entry.position, { state: 'done', updatedAt: now });
    }
  });
}

async function leaseDueEnvelopes(context: NodeContext, connectionId: string) {
  // Read again: the connection may have been deactivated while the poll was held. A deactivated
  // connection keeps its queue and hands out nothing until it is activated again.
  const connection = await context.store.getConnection(connectionId);
  if (connection?.status !== 'active') return [];
  const claimed = await context.store.claimDueEntries({
    connectionId: connection.id,
    direction: 'outbound',
    now: context.clock.now(),
    leaseMs: pollLeaseMs,
    limit: maximumEnvelopesPerMessage,
  });
  return (await fitMessageSize(context, claimed)).map((entry) => entry.envelope);
}
