import type { NodeContext } from '../node/node-context';
import type { TrackerItem } from '../ports/tracker-item';
import { isSyncing } from './note-local-change';
import { isInConnectionScope } from './connection-scope';

export interface ExalateOptions {
  /** Active connections this item can be exalated with: it is in their project or one of their triggers matches it. */
  readonly connections: readonly { readonly connectionId: string; readonly connectionName: string }[];
  /** Why none is offered, in words for the person looking at the item; null when some are. */
  readonly reason: string | null;
}

/**
 * "Exalate this issue": the connections whose scope the item is in (the connection's project, or
 * an active trigger matching it) and that do not sync it yet. An item outside every connection's
 * scope gets none, and the reason says what an administrator could change.
 */
export async function findExalateOptions(context: NodeContext, item: TrackerItem): Promise<ExalateOptions> {
  const active = (await context.store.listConnections()).filter((connection) => connection.status === 'active' && isSyncing(connection));
  if (active.length === 0)
    return {
      connections: [],
      reason: 'No connection is active on this instance yet. An administrator initiates one in the Exalate console, and the other side accepts it.',
    };
  const free = [];
  for (const connection of active) {
    if (!(await context.store.getTwinByLocalKey(connection.id, item.key))) free.push(connection);
  }
  if (free.length === 0) return { connections: [], reason: `${item.key} already syncs on every active connection.` };
  const fitting = [];
  for (const connection of free) {
    if (await isInConnectionScope(context, connection, item)) fitting.push(connection);
  }
  if (fitting.length > 0) return { connections: fitting.map((connection) => ({ connectionId: connection.id, connectionName: connection.name })), reason: null };
  const scopes = free.map((connection) => `"${connection.name}" syncs project ${connection.projectKey}`).join('; ');
  return {
    connections: [],
    reason: `No active connection covers project ${item.projectKey}, where ${item.key} is (${scopes}). An administrator can add a trigger that matches it to a connection, or initiate a connection for this project.`,
  };
}
