import { randomId } from '../encoding/random';
import { ExalateError } from '../errors';
import type { NodeContext } from '../node/node-context';
import type { ErrorScope, SyncError } from './sync-records';

/** Lists a failure where the admin looks (Errors tab), counted once per scope, item and cause. */
export async function recordSyncError(
  context: NodeContext,
  failure: {
    readonly scope: ErrorScope;
    readonly connectionId: string | null;
    readonly itemKey: string | null;
    readonly error: unknown;
    readonly line?: number | null;
  },
): Promise<SyncError> {
  const error = ExalateError.from(failure.error);
  const now = context.clock.now();
  // The Errors tab lists every connection together: each message says which one it is about.
  const connection = failure.connectionId ? await context.store.getConnection(failure.connectionId) : undefined;
  const message = connection ? `Connection "${connection.name}"${failure.itemKey ? `, item ${failure.itemKey}` : ''}: ${error.message}` : error.message;
  context.logger.warn('sync error', { scope: failure.scope, connectionId: failure.connectionId, itemKey: failure.itemKey, code: error.code, message });
  return context.store.recordError({
    id: randomId('err'),
    scope: failure.scope,
    connectionId: failure.connectionId,
    itemKey: failure.itemKey,
    code: error.code,
    message,
    line: failure.line ?? (typeof error.details?.['line'] === 'number' ? error.details['line'] : null),
    occurrences: 1,
    createdAt: now,
    updatedAt: now,
    resolvedAt: null,
  });
}
