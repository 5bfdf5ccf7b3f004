import { applyLifecycleEvent } from '../connection/lifecycle';
import type { Connection } from '../connection/connection';
import { sha256Base64Url } from '../encoding/random';
import { ExalateError } from '../errors';
import { formatInstant } from '../invitation/invitation-code';
import type { NodeContext } from '../node/node-context';
import { err, ok, type Result } from '../result';
import { sameNodeUrl } from './destination-url';
import { handshakeProofText, type HandshakeRequest, type HandshakeResponse } from './exchange-messages';
import { signText } from './node-keys';

/**
 * The initiator's side of accepting: the one-time token is spent, the acceptor's public key is
 * stored and the connection turns Active, in one transaction. A second handshake with the same
 * token succeeds only for the same acceptor key (its first answer was lost); anyone else is refused.
 */
export async function answerHandshake(context: NodeContext, request: HandshakeRequest): Promise<Result<HandshakeResponse>> {
  const now = context.clock.now();
  const tokenHash = await sha256Base64Url(request.token);
  const outcome = await context.store
    .transaction(async (store): Promise<Result<Connection>> => {
      const connection = await store.getConnection(request.connectionId);
      if (!connection || connection.role !== 'initiator' || connection.status === 'deleted') {
        return err(
          new ExalateError(
            'invitation_rejected',
            'The initiating node does not know this invitation (it may have been deleted). Ask the initiator for a new invitation code.',
          ),
        );
      }
      const consumption = await store.consumeInvitation(connection.id, tokenHash, now);
      if (consumption === 'unknown') {
        return err(
          new ExalateError(
            'invitation_rejected',
            'The invitation code does not match the invitation on the initiating node. Ask the initiator for a new invitation code.',
          ),
        );
      }
      if (consumption === 'expired') {
        return err(
          new ExalateError(
            'invitation_expired',
            `The invitation code expired on ${formatInstant(connection.invitationExpiresAt ?? now)}. Ask the initiator for a new invitation code.`,
          ),
        );
      }
      if (consumption === 'already_used') {
        if (connection.peer?.publicKey === request.acceptor.publicKey && connection.peer.nodeId === request.acceptor.nodeId) return ok(connection);
        return err(
          new ExalateError(
            'invitation_used',
            'This invitation code was already used to accept the connection; a code works once. Ask the initiator for a new invitation code.',
          ),
        );
      }
      const publicConnection = connection.destination !== 'unknown';
      if (publicConnection && (request.acceptor.nodeUrl === null || !sameNodeUrl(request.acceptor.nodeUrl, connection.destination))) {
        // Undo the consumption with the rest of the transaction: the rightful destination can still accept.
        throw new HandshakeRefused(new ExalateError('invitation_rejected', `This invitation was made for ${connection.destination}; accept it there.`));
      }
      const activated = applyLifecycleEvent(
        {
          ...connection,
          peer: {
            nodeId: request.acceptor.nodeId,
            publicKey: request.acceptor.publicKey,
            // A private acceptor is never called: it has no URL as far as this node is concerned.
            nodeUrl: publicConnection ? connection.destination : null,
            tracker: request.acceptor.tracker,
          },
          remoteTracker: request.acceptor.tracker,
          invitationExpiresAt: null,
        },
        'handshake_completed',
        now,
      );
      if (!activated.ok) throw new HandshakeRefused(activated.error);
      await store.updateConnection(activated.value);
      return activated;
    })
    .catch((error: unknown) => {
      if (error instanceof HandshakeRefused) return err(error.refusal);
      throw error;
    });
  if (!outcome.ok) {
    context.logger.warn('handshake refused', { connectionId: request.connectionId, code: outcome.error.code });
    return outcome;
  }
  context.logger.info('handshake completed', { connectionId: request.connectionId });
  return ok({
    initiatorNodeId: context.identity.nodeId,
    proof: await signText(context.identity, handshakeProofText(request.connectionId, request.acceptor.publicKey)),
  });
}

/** Thrown inside the transaction so that it rolls back, then turned back into a Result. */
class HandshakeRefused extends Error {
  constructor(readonly refusal: ExalateError) {
    super(refusal.message);
  }
}
