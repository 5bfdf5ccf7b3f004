import { ExalateError } from '../errors';
import { normalizeNodeUrl } from '../exchange/destination-url';
import { exchangeBasePath, handshakeProofText, handshakeResponseSchema, type HandshakeRequest } from '../exchange/exchange-messages';
import { verifyText } from '../exchange/node-keys';
import { callPeer } from '../exchange/peer-client';
import { decodeInvitationCode } from '../invitation/invitation-code';
import type { NodeContext } from '../node/node-context';
import { err, ok, type Result } from '../result';
import type { Connection } from './connection';
import { findModeProblem } from './mode-requirements';
import { findProjectProblem } from './project-check';

export interface AcceptInvitationInput {
  readonly invitationCode: string;
  readonly projectKey: string;
}

/**
 * Accept Invitation. Everything that can be checked here is checked before any network call
 * (code format and checksum, expiry, mode, licence, project). Then this node, which can always
 * reach the initiator, runs the handshake; the connection is stored only once the initiator has
 * proved, with the key from the code, that it accepted us. A retry after a lost answer succeeds,
 * because the initiator recognises our key.
 */
export async function acceptInvitation(context: NodeContext, input: AcceptInvitationInput): Promise<Result<Connection>> {
  const now = context.clock.now();
  const decoded = decodeInvitationCode(input.invitationCode, now);
  if (!decoded.ok) return decoded;
  const invitation = decoded.value;

  if (invitation.initiator.nodeId === context.identity.nodeId) {
    return err(
      new ExalateError('invitation_rejected', 'This invitation code was created on this instance. Paste it into Accept Invitation on the other side.'),
    );
  }
  const existing = await context.store.getConnection(invitation.connectionId);
  if (existing && existing.status !== 'deleted') {
    return err(
      new ExalateError('invitation_used', `This invitation was already accepted here: the connection "${existing.name}" exists and is ${existing.status}.`),
    );
  }
  if (invitation.destinationIsPublic && context.settings.nodeUrl === null) {
    return err(
      new ExalateError(
        'invitation_rejected',
        'This invitation expects this side to be reachable at a public URL, but this node has none. Ask the initiator to initiate again with "I don\'t have a URL".',
      ),
    );
  }
  const instance = await context.tracker.describeInstance();
  const modeProblem = findModeProblem(context, instance, invitation.mode);
  if (modeProblem) return err(modeProblem);
  const projectProblem = await findProjectProblem(context.tracker, input.projectKey);
  if (projectProblem) return err(projectProblem);
  const initiatorUrl = normalizeNodeUrl(invitation.initiator.nodeUrl, context.settings.allowPrivateDestinations);
  if (!initiatorUrl.ok) return initiatorUrl;

  const request: HandshakeRequest = {
    connectionId: invitation.connectionId,
    token: invitation.token,
    acceptor: {
      nodeId: context.identity.nodeId,
      publicKey: context.identity.publicKey,
      tracker: instance.tracker,
      nodeUrl: invitation.destinationIsPublic ? context.settings.nodeUrl : null,
      name: invitation.destinationName,
    },
  };
  let proof: string;
  try {
    const answer = await callPeer(context.transport, {
      method: 'POST',
      url: `${initiatorUrl.value}${exchangeBasePath}/handshake`,
      body: request,
      responseSchema: handshakeResponseSchema,
      peerDescription: 'the initiating node',
    });
    if (answer.initiatorNodeId !== invitation.initiator.nodeId) throw lyingPeer();
    proof = answer.proof;
  } catch (error) {
    const failure = ExalateError.from(error);
    if (failure.code === 'internal') throw error;
    return err(failure);
  }
  if (!(await verifyText(invitation.initiator.publicKey, handshakeProofText(invitation.connectionId, context.identity.publicKey), proof))) {
    return err(lyingPeer());
  }

  const acceptedAt = context.clock.now();
  const connection: Connection = {
    id: invitation.connectionId,
    name: invitation.connectionName,
    description: invitation.description,
    mode: invitation.mode,
    status: 'active',
    statusReason: null,
    role: 'acceptor',
    localName: invitation.destinationName,
    remoteName: invitation.initiator.name,
    projectKey: input.projectKey,
    destination: initiatorUrl.value,
    remoteTracker: invitation.initiator.tracker,
    remoteInstanceUrl: invitation.initiator.instanceUrl,
    localIsPrivate: !invitation.destinationIsPublic,
    peer: {
      nodeId: invitation.initiator.nodeId,
      publicKey: invitation.initiator.publicKey,
      nodeUrl: initiatorUrl.value,
      tracker: invitation.initiator.tracker,
    },
    invitationExpiresAt: null,
    createdAt: acceptedAt,
    updatedAt: acceptedAt,
  };
  // Parallel accepts of one code all get this far (the initiator answers a repeated handshake from
  // the same key, so that a lost answer can be retried): one of them stores the connection.
  if (!(await context.store.insertConnectionUnlessLive(connection))) {
    return err(
      new ExalateError(
        'invitation_used',
        `This invitation was already accepted here: the connection "${connection.name}" exists. Refresh the Connections list.`,
      ),
    );
  }
  context.logger.info('invitation accepted', { connectionId: connection.id, initiator: initiatorUrl.value });
  return ok(connection);
}

function lyingPeer(): ExalateError {
  return new ExalateError(
    'peer_invalid_response',
    "The node at the invitation's URL could not prove it created this invitation. Do not accept it; ask the initiator for a new invitation code.",
  );
}
