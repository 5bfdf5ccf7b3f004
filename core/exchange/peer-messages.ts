import { ExalateError } from '../errors';
import type { NodeContext } from '../node/node-context';
import { err, ok, type Result } from '../result';
import { messagesOperation, peerReplySchema, type PeerMessage, type PeerReply, exchangeBasePath } from './exchange-messages';
import { callPeer } from './peer-client';
import { answerPeerMessage } from '../sync/answer-peer-message';
import {
  createSignedRequestToken,
  signatureHeader,
  verifySignedRequest,
  verifySignedRequestHeader,
  type SignedRequestHeaderCheck,
  type SignedRequestRejection,
} from './signed-request';

/** Every refusal of a peer's request says the same, so a forger learns nothing from it. */
function refusePeerRequest(context: NodeContext, connectionId: string, reason: SignedRequestRejection): ExalateError {
  context.logger.warn('signed request refused', { connectionId, reason });
  return new ExalateError('unauthorized', 'The request is not signed by the peer of this connection, or its signature expired or was used before.', {
    details: { reason },
  });
}

function headerCheck(context: NodeContext, connectionId: string, token: string | undefined, now: number): SignedRequestHeaderCheck {
  return {
    token,
    ownNodeId: context.identity.nodeId,
    operation: messagesOperation(connectionId),
    now,
    findPeer: async (claimedConnectionId) => {
      if (claimedConnectionId !== connectionId) return undefined;
      const connection = await context.store.getConnection(connectionId);
      return connection?.peer && connection.status !== 'deleted' ? connection.peer : undefined;
    },
  };
}

/**
 * The part of receiving a peer's message that needs only its headers: the token, the peer, the
 * signature, audience and validity. A host runs it before reading the body, so that a stranger's
 * request costs no memory; receivePeerMessage checks everything again with the body.
 */
export async function checkPeerMessageHeader(context: NodeContext, connectionId: string, token: string | undefined): Promise<Result<void>> {
  const verdict = await verifySignedRequestHeader(headerCheck(context, connectionId, token, context.clock.now()));
  return verdict.ok ? ok(undefined) : err(refusePeerRequest(context, connectionId, verdict.reason));
}

/**
 * Receives a signed message from a peer. Every rejection looks the same from outside (401) so a
 * forger learns nothing, and nothing is changed before the signature, audience, expiry, body and
 * replay checks all pass.
 */
export async function receivePeerMessage(
  context: NodeContext,
  connectionId: string,
  token: string | undefined,
  rawBody: string,
  parse: (body: string) => Result<PeerMessage>,
): Promise<Result<PeerReply>> {
  const now = context.clock.now();
  const verdict = await verifySignedRequest({
    ...headerCheck(context, connectionId, token, now),
    body: rawBody,
    rememberRequestId: (requestId, expiresAt) => context.store.rememberRequestId(requestId, expiresAt, now),
  });
  if (!verdict.ok) return err(refusePeerRequest(context, connectionId, verdict.reason));
  const message = parse(rawBody);
  if (!message.ok) return message;
  const connection = await context.store.getConnection(connectionId);
  if (!connection) return err(new ExalateError('not_found', 'The connection no longer exists on this side.'));
  return answerPeerMessage(context, connection, message.value);
}

/** Sends a signed message to the peer of a connection; only possible when the peer is public. */
export async function sendPeerMessage(context: NodeContext, connectionId: string, message: PeerMessage): Promise<Result<PeerReply>> {
  const connection = await context.store.getConnection(connectionId);
  if (!connection || connection.status === 'deleted') return err(new ExalateError('not_found', `There is no connection with id ${connectionId}.`));
  if (!connection.peer)
    return err(new ExalateError('connection_state', `The connection "${connection.name}" is still waiting for the other side to accept the invitation.`));
  if (connection.peer.nodeUrl === null) {
    return err(
      new ExalateError('connection_state', `The other side of "${connection.name}" is private: it starts every exchange itself, so this node never calls it.`),
    );
  }
  const body = JSON.stringify(message);
  const token = await createSignedRequestToken(
    context.identity,
    { audienceNodeId: connection.peer.nodeId, connectionId, operation: messagesOperation(connectionId), body },
    context.clock.now(),
  );
  try {
    return ok(
      await callPeer(context.transport, {
        method: 'POST',
        url: `${connection.peer.nodeUrl}${exchangeBasePath}/connections/${encodeURIComponent(connectionId)}/messages`,
        body: message,
        headers: { [signatureHeader]: token },
        responseSchema: peerReplySchema,
        peerDescription: 'the other side',
      }),
    );
  } catch (error) {
    const failure = ExalateError.from(error);
    if (failure.code === 'internal') throw error;
    return err(failure);
  }
}
