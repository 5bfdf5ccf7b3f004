import { adminOperations, err, ExalateError, findConnection, ok, resolverKey, type AdminOperation } from '../../../core';
import type { WorkQueue } from './work-queue';

export const bulkSyncKey = 'POST /connections/{id}/bulk-sync';

/**
 * Core's admin table as the Forge app serves it: every operation unchanged, except bulk sync.
 * Core starts that one in the background of the node process, which in Forge ends with the
 * invocation; here the same checks run and the work goes to the async-events queue, one page per
 * step (bulk-sync-step.ts). The answer is the node's answer.
 */
export function forgeAdminOperations(queue: WorkQueue): readonly AdminOperation[] {
  return adminOperations.map((operation) => (resolverKey(operation) === bulkSyncKey ? { ...operation, run: queuedBulkSync(queue) } : operation));
}

function queuedBulkSync(queue: WorkQueue): AdminOperation['run'] {
  return async (context, { params, body }) => {
    const connection = await findConnection(context, params['id'] ?? '');
    if (!connection.ok) return connection;
    const query = (body as { query?: string } | null | undefined)?.query;
    const queries = query ? [query] : (await context.store.listTriggers(connection.value.id)).filter((trigger) => trigger.active).map((trigger) => trigger.query);
    if (queries.length === 0) return err(new ExalateError('invalid_request', 'Give a query, or add an active trigger first: bulk sync syncs what the triggers match.'));
    await queue.push({ type: 'bulk-sync', connectionId: connection.value.id, queries, queryIndex: 0, cursor: null });
    return ok({ started: true, queries });
  };
}
