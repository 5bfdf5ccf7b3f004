import type { Connection } from '../connection/connection';
import { maximumPollWaitMs } from '../exchange/exchange-messages';
import { sendPeerMessage } from '../exchange/peer-messages';
import type { NodeContext } from '../node/node-context';
import { receiveEnvelopes } from './receive-envelopes';
import { recordSyncError } from './record-sync-error';

export { idlePollPause, nextIdlePollPauseMs, type PollRound } from './poll-backoff';

export interface PollOutcome {
  readonly ok: boolean;
  /** The ids to confirm in the next poll. */
  readonly acknowledge: readonly string[];
  /** How many envelopes the answer carried (see nextIdlePollPauseMs). */
  readonly received: number;
}

/**
 * The private side's half of a private connection: it asks the public side for what waits for
 * it, stores it, and confirms it in the next poll. One call is one round; the host runs rounds in
 * a loop. Returns the ids to confirm next time (empty when the poll failed: nothing was stored).
 */
export async function pollPeerOnce(
  context: NodeContext,
  connection: Connection,
  acknowledged: readonly string[],
  waitMs = maximumPollWaitMs,
): Promise<PollOutcome> {
  const reply = await sendPeerMessage(context, connection.id, { type: 'poll', acknowledged: [...acknowledged], waitMs });
  if (!reply.ok || reply.value.type !== 'envelopes') {
    if (!reply.ok) await recordSyncError(context, { scope: 'connection', connectionId: connection.id, itemKey: null, error: reply.error });
    return { ok: false, acknowledge: acknowledged, received: 0 };
  }
  try {
    return { ok: true, acknowledge: await receiveEnvelopes(context, connection, reply.value.envelopes), received: reply.value.envelopes.length };
  } catch (error) {
    // This side could not store what it was handed (its database refused the write: a full
    // disk). Nothing is confirmed, so the public side offers it again once its lease ends.
    await recordSyncError(context, { scope: 'connection', connectionId: connection.id, itemKey: null, error }).catch(() => undefined);
    return { ok: false, acknowledge: [], received: 0 };
  }
}

/** This side must poll: it is private and its peer is public. */
export function pollsPeer(connection: Connection): boolean {
  return connection.localIsPrivate && connection.peer?.nodeUrl != null && connection.status !== 'deleted' && connection.status !== 'pending';
}
