import { ExalateError } from '../errors';
import type { NodeContext } from '../node/node-context';
import { err, ok, type Result } from '../result';
import type { Connection } from './connection';
import { applyLifecycleEvent, type LifecycleEvent } from './lifecycle';

/** Deleted connections keep their row (twins keep their data) but leave every list. */
export async function listConnections(context: NodeContext): Promise<readonly Connection[]> {
  const connections = await context.store.listConnections();
  return connections.filter((connection) => connection.status !== 'deleted');
}

export async function findConnection(context: NodeContext, id: string): Promise<Result<Connection>> {
  const connection = await context.store.getConnection(id);
  if (!connection || connection.status === 'deleted') {
    return err(new ExalateError('not_found', `There is no connection with id "${id.slice(0, 100)}". Refresh the Connections list.`));
  }
  return ok(connection);
}

/** Deactivate, activate or delete, by the lifecycle table; the mode is never touched. */
export async function changeConnectionStatus(
  context: NodeContext,
  id: string,
  event: Extract<LifecycleEvent, 'deactivate' | 'activate' | 'delete'>,
): Promise<Result<Connection>> {
  return context.store.transaction(async (store) => {
    const found = await findConnection({ ...context, store }, id);
    if (!found.ok) return found;
    const changed = applyLifecycleEvent(found.value, event, context.clock.now());
    if (!changed.ok) return changed;
    await store.updateConnection(changed.value);
    // A deleted connection can never be accepted: its sealed invitation code has no use left.
    if (event === 'delete' && found.value.role === 'initiator') await store.discardInvitationCode(id);
    context.logger.info('connection status changed', { connectionId: id, status: changed.value.status });
    return changed;
  });
}
