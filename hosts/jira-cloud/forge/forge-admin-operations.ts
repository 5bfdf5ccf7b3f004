import { adminOperations, bulkSyncQueries, findConnection, ok, resolverKey, type AdminOperation } from '../../../core';
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
    const queries = await bulkSyncQueries(context, connection.value, (body as { query?: string } | null | undefined)?.query);
    if (!queries.ok) return queries;
    await queue.push({ type: 'bulk-sync', connectionId: connection.value.id, queries: [...queries.value], queryIndex: 0, cursor: null });
    return ok({ started: true, queries: queries.value });
  };
}
