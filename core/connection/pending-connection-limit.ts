import { ExalateError } from '../errors';
import { formatInstant } from '../invitation/invitation-code';
import type { NodeSettings } from '../node/node-context';
import type { StoreV1 } from '../ports/store';
import type { Connection } from './connection';

/**
 * Each initiation stores a connection and an invitation, and whoever holds the admin token (or a
 * console left open) could initiate without end. A hundred codes waiting at once is far beyond
 * what an admin hands out by hand, and small enough that the Connections tab stays readable.
 */
export const defaultMaximumPendingConnections = 100;

/** Serialises the count and the insert of an initiation, across every process sharing the store. */
export const pendingConnectionsLockKey = 'pending-connections';

/** Pending and still acceptable: an expired code can never be accepted, so it does not count. */
export function isAwaitingAcceptance(connection: Connection, now: number): boolean {
  return connection.status === 'pending' && connection.invitationExpiresAt !== null && connection.invitationExpiresAt > now;
}

/** Refuses a new initiation while the node already holds its limit of codes waiting to be accepted. */
export async function findPendingLimitProblem(store: StoreV1, settings: NodeSettings, now: number): Promise<ExalateError | undefined> {
  const limit = settings.maximumPendingConnections ?? defaultMaximumPendingConnections;
  const waiting = (await store.listConnections()).filter((connection) => isAwaitingAcceptance(connection, now));
  if (waiting.length < limit) return undefined;
  const soonest = Math.min(...waiting.map((connection) => connection.invitationExpiresAt ?? Number.POSITIVE_INFINITY));
  return new ExalateError(
    'conflict',
    `This node already has ${waiting.length} pending connections whose invitation codes are neither accepted nor expired, and ${limit} is the limit. ` +
      `Delete pending connections you no longer need on the Connections tab, or wait until some expire (the next on ${formatInstant(soonest)}), then initiate again.`,
    { details: { pending: waiting.length, limit } },
  );
}
