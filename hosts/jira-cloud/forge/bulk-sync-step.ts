import { findConnection, readBulkSyncProgress, runBulkSyncPage, startBulkSync, type BulkSyncProgress, type NodeContext } from '../../../core';
import type { WorkEvent, WorkQueue } from './work-queue';

type BulkSyncEvent = Extract<WorkEvent, { type: 'bulk-sync' }>;

/**
 * Bulk sync in Forge: core's runBulkSync walks every page in one call, which for a large trigger
 * outlives a Forge invocation (55 s by default, 900 s at most). Here each consumer invocation runs
 * core's pages (runBulkSyncPage) of the current query until its time budget is spent, then pushes
 * an event that carries the query and cursor to go on from. What a page does, and the progress the
 * Triggers tab reads, are core's; this only schedules the pages.
 */
export async function runBulkSyncStep(context: NodeContext, event: BulkSyncEvent, queue: WorkQueue, budgetMs: number): Promise<BulkSyncProgress | undefined> {
  const startedAt = context.clock.now();
  const connection = await findConnection(context, event.connectionId);
  if (!connection.ok) return undefined;
  let { queryIndex, cursor } = event;
  const start = () => startBulkSync(context, event.connectionId, event.queries[queryIndex] ?? '');
  // Past the first page the progress so far is core's stored one; without it (never saved), begin again.
  let progress = (cursor === null ? undefined : await readBulkSyncProgress(context, event.connectionId)) ?? (await start());
  while (progress.state === 'running') {
    ({ progress, nextCursor: cursor } = await runBulkSyncPage(context, connection.value, progress, cursor));
    if (progress.state === 'finished' && queryIndex + 1 < event.queries.length) {
      queryIndex += 1;
      progress = await start();
    }
    if (progress.state === 'running' && context.clock.now() - startedAt >= budgetMs) {
      await queue.push({ ...event, queryIndex, cursor });
      return progress;
    }
  }
  await queue.push({ type: 'sync-pass' });
  return progress;
}
