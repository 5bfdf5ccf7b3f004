import { ExalateError } from '../errors';
import { formatInstant } from '../invitation/invitation-code';
import type { NodeContext } from '../node/node-context';
import { err, ok, type Result } from '../result';

/** What the initiator sees again of a Pending connection's invitation. */
export interface PendingInvitation {
  readonly invitationCode: string;
  /** ISO 8601 instant. */
  readonly expiresAt: string;
}

const askForNewConnection = 'Delete this connection and initiate a new one to get a new invitation code.';

/**
 * The invitation code of a Pending connection, opened from the store, so an admin who closed the
 * wizard before copying it (or lost the message) can send it again. Refused, with what to do, once
 * the code is used (the connection is no longer Pending), expired, or the connection is gone.
 */
export async function readPendingInvitation(context: NodeContext, connectionId: string): Promise<Result<PendingInvitation>> {
  const connection = await context.store.getConnection(connectionId);
  if (!connection || connection.status === 'deleted') {
    return err(
      new ExalateError(
        'not_found',
        `There is no connection with id "${connectionId.slice(0, 100)}"; it may have been deleted, and its invitation code with it. Refresh the Connections list.`,
      ),
    );
  }
  if (connection.role !== 'initiator') {
    return err(
      new ExalateError(
        'connection_state',
        `"${connection.name}" was accepted on this side from an invitation code made on the other side; only the initiator's side can show it.`,
      ),
    );
  }
  const invitation = await context.store.getInvitation(connection.id);
  if (connection.status !== 'pending' || !invitation || invitation.usedAt !== null) {
    return err(
      new ExalateError(
        'invitation_used',
        `The invitation code of "${connection.name}" was already used: the other side accepted it, and a code works once. No code is needed any more.`,
      ),
    );
  }
  if (invitation.expiresAt <= context.clock.now()) {
    return err(
      new ExalateError(
        'invitation_expired',
        `The invitation code of "${connection.name}" expired on ${formatInstant(invitation.expiresAt)}. ${askForNewConnection}`,
      ),
    );
  }
  if (invitation.sealedCode === null) {
    // Codes made before the node kept them sealed cannot be shown again.
    return err(
      new ExalateError(
        'not_found',
        `The invitation code of "${connection.name}" was not kept by this node (it was initiated with an earlier version). ${askForNewConnection}`,
      ),
    );
  }
  return ok({ invitationCode: await context.secrets.open(invitation.sealedCode), expiresAt: new Date(invitation.expiresAt).toISOString() });
}
