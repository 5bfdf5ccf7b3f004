import { randomId, randomToken, sha256Base64Url } from '../encoding/random';
import { ExalateError } from '../errors';
import { normalizeNodeUrl } from '../exchange/destination-url';
import { inspectDestination } from '../exchange/inspect-destination';
import { encodeInvitationCode } from '../invitation/invitation-code';
import type { NodeContext } from '../node/node-context';
import { err, ok, type Result } from '../result';
import { unknownDestination, type Connection, type ConnectionMode } from './connection';
import { findModeProblem } from './mode-requirements';
import { findPendingLimitProblem, pendingConnectionsLockKey } from './pending-connection-limit';
import { findProjectProblem } from './project-check';

export interface InitiateConnectionInput {
  /** null: "I don't have a URL", the destination is private and will call this node. */
  readonly destinationUrl: string | null;
  readonly mode: ConnectionMode;
  readonly localName: string;
  readonly remoteName: string;
  readonly name: string;
  readonly description?: string | undefined;
  readonly projectKey: string;
}

export interface InitiatedConnection {
  readonly connection: Connection;
  readonly invitationCode: string;
}

/**
 * Initiate Connection: checks everything the admin could still fix (mode, licence, project,
 * destination), then stores a Pending connection, the hash of a one-time token and the code
 * sealed, and returns the invitation code. Nothing is stored when a check fails.
 */
export async function initiateConnection(context: NodeContext, input: InitiateConnectionInput): Promise<Result<InitiatedConnection>> {
  const ownUrl = context.settings.nodeUrl;
  if (ownUrl === null) {
    return err(
      new ExalateError(
        'forbidden',
        'This node has no public URL, so the other side could never reach it to accept. Accept an invitation from the other side instead (Accept Invitation), or give this node a public URL.',
      ),
    );
  }
  // Said before anything else is checked, so the admin is not walked through a form in vain.
  const limitProblem = await findPendingLimitProblem(context.store, context.settings, context.clock.now());
  if (limitProblem) return err(limitProblem);
  const instance = await context.tracker.describeInstance();
  const modeProblem = findModeProblem(context, instance, input.mode);
  if (modeProblem) return err(modeProblem);
  const projectProblem = await findProjectProblem(context.tracker, input.projectKey);
  if (projectProblem) return err(projectProblem);

  let destination: string = unknownDestination;
  let remoteTracker: Connection['remoteTracker'] = unknownDestination;
  let remoteInstanceUrl: string | null = null;
  if (input.destinationUrl !== null) {
    const url = normalizeNodeUrl(input.destinationUrl, context.settings.allowPrivateDestinations);
    if (!url.ok) return url;
    const info = await inspectDestination(context, url.value);
    if (!info.ok) return info;
    if (!info.value.modes.includes(input.mode)) {
      return err(
        new ExalateError(
          'mode_unavailable',
          `The destination does not offer ${input.mode} mode (it offers: ${info.value.modes.join(', ') || 'none'}). Choose one of those.`,
        ),
      );
    }
    destination = info.value.nodeUrl;
    remoteTracker = info.value.tracker;
    remoteInstanceUrl = info.value.instanceUrl;
  }

  const now = context.clock.now();
  const expiresAt = now + context.settings.invitationLifetimeMs;
  const token = randomToken();
  const connection: Connection = {
    id: randomId('con'),
    name: input.name,
    description: input.description ?? '',
    mode: input.mode,
    status: 'pending',
    statusReason: null,
    role: 'initiator',
    localName: input.localName,
    remoteName: input.remoteName,
    projectKey: input.projectKey,
    destination,
    remoteTracker,
    remoteInstanceUrl,
    localIsPrivate: false,
    peer: null,
    invitationExpiresAt: expiresAt,
    createdAt: now,
    updatedAt: now,
  };
  const invitationCode = encodeInvitationCode({
    connectionId: connection.id,
    token,
    initiator: {
      nodeId: context.identity.nodeId,
      nodeUrl: ownUrl,
      publicKey: context.identity.publicKey,
      tracker: instance.tracker,
      trackerVersion: instance.version,
      instanceUrl: instance.url,
      name: input.localName,
    },
    destinationName: input.remoteName,
    destinationIsPublic: input.destinationUrl !== null,
    connectionName: input.name,
    description: input.description ?? '',
    mode: input.mode,
    expiresAt,
  });
  const tokenHash = await sha256Base64Url(token);
  // Sealed at rest so the initiator can show the code again while the connection is Pending.
  const sealedCode = await context.secrets.seal(invitationCode);
  // Counted again where it is stored, one initiation at a time: parallel calls cannot pass the limit together.
  const stored = await context.store.runExclusive(pendingConnectionsLockKey, () =>
    context.store.transaction(async (store): Promise<Result<void>> => {
      const problem = await findPendingLimitProblem(store, context.settings, now);
      if (problem) return err(problem);
      await store.insertConnection(connection);
      await store.insertInvitation({ connectionId: connection.id, tokenHash, expiresAt, usedAt: null, sealedCode });
      return ok(undefined);
    }),
  );
  if (!stored.ok) return stored;
  context.logger.info('connection initiated', { connectionId: connection.id, destination, mode: input.mode });
  return ok({ connection, invitationCode });
}
