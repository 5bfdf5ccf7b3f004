import { ExalateError } from '../errors';
import { err, ok, type Result } from '../result';
import type { Connection, ConnectionStatus } from './connection';

/**
 * Pending → Active ⇄ Deactivated, with Error reachable from any live state and Delete from any.
 * The table is the whole lifecycle: a status change not listed here is refused.
 */
export type LifecycleEvent = 'handshake_completed' | 'deactivate' | 'activate' | 'fail' | 'recover' | 'delete';

const allowed: Readonly<Record<LifecycleEvent, { readonly from: readonly ConnectionStatus[]; readonly to: ConnectionStatus }>> = {
  handshake_completed: { from: ['pending'], to: 'active' },
  deactivate: { from: ['active'], to: 'deactivated' },
  activate: { from: ['deactivated'], to: 'active' },
  fail: { from: ['pending', 'active', 'deactivated'], to: 'error' },
  recover: { from: ['error'], to: 'active' },
  delete: { from: ['pending', 'active', 'deactivated', 'error'], to: 'deleted' },
};

const describe: Readonly<Record<ConnectionStatus, string>> = {
  pending: 'waiting for the other side to accept the invitation',
  active: 'active',
  deactivated: 'deactivated',
  error: 'in error',
  deleted: 'deleted',
};

export function applyLifecycleEvent(connection: Connection, event: LifecycleEvent, now: number, reason: string | null = null): Result<Connection> {
  const rule = allowed[event];
  if (!rule.from.includes(connection.status)) {
    return err(
      new ExalateError(
        'connection_state',
        `The connection "${connection.name}" is ${describe[connection.status]}, so it cannot ${event.replace('_', ' ')} now.`,
        { details: { status: connection.status, event } },
      ),
    );
  }
  return ok({ ...connection, status: rule.to, statusReason: rule.to === 'error' ? reason : null, updatedAt: now });
}
