import { bulkSyncProgressSchema, findConnection, parseJson, queueLocalChange, type BulkSyncProgress, type NodeContext } from '../../../core';
import type { WorkEvent, WorkQueue } from './work-queue';

/**
 * Where core keeps a bulk sync's progress, so that `GET /connections/{id}/bulk-sync` (core's
 * readBulkSyncProgress) reports what this step writes. It mirrors the private key of
 * core/sync/bulk-sync.ts; bulk-sync-step.test.ts fails if the two drift apart.
 */
const progressSetting = (connectionId: string) => `bulk-sync:${connectionId}`;
const pageSize = 100;

type BulkSyncEvent = Extract<WorkEvent, { type: 'bulk-sync' }>;

/**
 * Bulk sync in Forge: core's runBulkSync walks every page in one call, which for a large trigger
 * outlives a Forge invocation (55 s by default, 900 s at most). Here each consumer invocation
 * handles pages of the current query until its time budget is spent, saves the same progress
 * record core writes, and pushes an event for the next page. The decision per item is core's
 * `queueLocalChange`, as in runBulkSync.
 */
export async function runBulkSyncStep(context: NodeContext, event: BulkSyncEvent, queue: WorkQueue, budgetMs: number): Promise<BulkSyncProgress | undefined> {
  const startedAt = context.clock.now();
  const connection = await findConnection(context, event.connectionId);
  if (!connection.ok) return undefined;
  let { queryIndex, cursor } = event;
  let progress = cursor === null ? await startProgress(context, event, queryIndex) : await readProgress(context, event.connectionId);
  if (!progress) progress = await startProgress(context, event, queryIndex);
  try {
    for (;;) {
      const query = event.queries[queryIndex] ?? '';
      const page = await context.tracker.searchItems(query, { cursor, limit: pageSize });
      progress = { ...progress, found: progress.found + page.keys.length };
      for (const key of page.keys) {
        const item = await context.tracker.getItem(key);
        const outcome = item ? await queueLocalChange(context, connection.value, item, { force: false }) : undefined;
        if (outcome?.ok && outcome.value === 'queued') progress = { ...progress, queued: progress.queued + 1 };
        else if (outcome?.ok) progress = { ...progress, unchanged: progress.unchanged + 1 };
        else progress = { ...progress, failed: progress.failed + 1 };
      }
      cursor = page.nextCursor;
      if (cursor === null) {
        progress = { ...progress, state: 'finished', finishedAt: context.clock.now() };
        await saveProgress(context, progress);
        queryIndex += 1;
        if (queryIndex >= event.queries.length) break;
        progress = await startProgress(context, event, queryIndex);
      } else await saveProgress(context, progress);
      if (context.clock.now() - startedAt >= budgetMs) {
        await queue.push({ ...event, queryIndex, cursor });
        return progress;
      }
    }
  } catch (error) {
    progress = { ...progress, state: 'failed', message: error instanceof Error ? error.message : String(error), finishedAt: context.clock.now() };
    await saveProgress(context, progress);
  }
  await queue.push({ type: 'sync-pass' });
  return progress;
}

async function startProgress(context: NodeContext, event: BulkSyncEvent, queryIndex: number): Promise<BulkSyncProgress> {
  const progress: BulkSyncProgress = {
    id: `bulk_${crypto.randomUUID()}`,
    connectionId: event.connectionId,
    query: event.queries[queryIndex] ?? '',
    state: 'running',
    found: 0,
    queued: 0,
    unchanged: 0,
    failed: 0,
    message: null,
    startedAt: context.clock.now(),
    finishedAt: null,
  };
  await saveProgress(context, progress);
  return progress;
}

async function readProgress(context: NodeContext, connectionId: string): Promise<BulkSyncProgress | undefined> {
  const stored = await context.store.getSetting(progressSetting(connectionId));
  const parsed = stored === undefined ? undefined : parseJson(stored, bulkSyncProgressSchema);
  return parsed?.ok ? parsed.value : undefined;
}

function saveProgress(context: NodeContext, progress: BulkSyncProgress): Promise<void> {
  return context.store.putSetting(progressSetting(progress.connectionId), JSON.stringify(progress));
}
