import { z } from 'zod';
import type { Connection } from '../connection/connection';
import { parseJson } from '../encoding/json';
import { randomId } from '../encoding/random';
import { ExalateError } from '../errors';
import type { NodeContext } from '../node/node-context';
import type { TrackerItem } from '../ports/tracker-item';
import { err, ok, type Result } from '../result';
import type { TriggerConditions } from '../trackers/trigger-condition';
import { parseTriggerQuery } from '../trackers/trigger-query';
import { queueLocalChange } from './queue-local-change';

export const bulkSyncProgressSchema = z.strictObject({
  id: z.string(),
  connectionId: z.string(),
  query: z.string(),
  state: z.enum(['running', 'finished', 'failed']),
  found: z.number().int(),
  queued: z.number().int(),
  unchanged: z.number().int(),
  failed: z.number().int(),
  message: z.string().nullable(),
  startedAt: z.number().int(),
  finishedAt: z.number().int().nullable(),
});
export type BulkSyncProgress = z.infer<typeof bulkSyncProgressSchema>;

/** Where a bulk sync stands after one page: its progress (as stored) and the cursor of the next page, null when none is left. */
export interface BulkSyncPage {
  readonly progress: BulkSyncProgress;
  readonly nextCursor: string | null;
}

const settingKey = (connectionId: string) => `bulk-sync:${connectionId}`;
const pageSize = 100;

/**
 * What a bulk sync request covers: the query it names, or else the query of each active
 * trigger; refused when there is neither, since bulk sync syncs what the triggers match.
 */
export async function bulkSyncQueries(context: NodeContext, connection: Connection, query: string | undefined): Promise<Result<readonly string[]>> {
  const queries = query ? [query] : (await context.store.listTriggers(connection.id)).filter((trigger) => trigger.active).map((trigger) => trigger.query);
  if (queries.length === 0)
    return err(new ExalateError('invalid_request', 'Give a query, or add an active trigger first: bulk sync syncs what the triggers match.'));
  // A query that does not parse is refused now, in its own words, rather than accepted and then
  // failing where the admin only sees it on the progress line.
  for (const each of queries) {
    const parsed = parseTriggerQuery(each, context.tracker.kind);
    if (!parsed.ok) return parsed;
  }
  return ok(queries);
}

/**
 * Bulk sync: queues every item a trigger query matches, page by page, keeping its progress in the
 * store so the Triggers tab can show it (and a restart shows where it stopped). Items already in
 * sync and unchanged are counted, not resent. This walks every page in one call; a host whose
 * invocations are cut short (Forge) runs startBulkSync and then runBulkSyncPage a page at a time.
 */
export async function runBulkSync(context: NodeContext, connection: Connection, query: string): Promise<BulkSyncProgress> {
  let page: BulkSyncPage = { progress: await startBulkSync(context, connection.id, query), nextCursor: null };
  while (page.progress.state === 'running') page = await runBulkSyncPage(context, connection, page.progress, page.nextCursor);
  return page.progress;
}

/** A new bulk sync of one query, its progress stored; failed at once when the store refuses it. */
export async function startBulkSync(context: NodeContext, connectionId: string, query: string): Promise<BulkSyncProgress> {
  const progress: BulkSyncProgress = {
    id: randomId('bulk'),
    connectionId,
    query,
    state: 'running',
    found: 0,
    queued: 0,
    unchanged: 0,
    failed: 0,
    message: null,
    startedAt: context.clock.now(),
    finishedAt: null,
  };
  try {
    await saveProgress(context, progress);
    return progress;
  } catch (error) {
    return endAsFailed(context, progress, error);
  }
}

/**
 * One page of a running bulk sync, from `cursor` (null for the first): each item's outcome is
 * queueLocalChange's, counted into the progress, which is stored after the page. After the last
 * page the bulk sync is finished; a tracker or store failure ends it as failed, with the reason.
 */
export async function runBulkSyncPage(context: NodeContext, connection: Connection, progress: BulkSyncProgress, cursor: string | null): Promise<BulkSyncPage> {
  // Core reads the query with the one grammar and the tracker is searched for its conditions; a
  // query the grammar refuses ends the bulk sync with the grammar's reason, before any tracker call.
  const trigger = parseTriggerQuery(progress.query, context.tracker.kind);
  if (!trigger.ok) return { progress: await endAsFailed(context, progress, trigger.error), nextCursor: null };
  // What is counted so far stays counted when the page fails part-way.
  let counted = progress;
  try {
    // With the tracker's batch capability, one search brings the page's items with their fields;
    // without it, the keys, then one read per item.
    const page = await readPage(context, trigger.value, cursor);
    counted = { ...counted, found: counted.found + page.items.length };
    for (const { key, item } of page.items) {
      const read = item ?? (await context.tracker.getItem(key));
      const outcome = read ? await queueLocalChange(context, connection, read, { force: false, justRead: true }) : undefined;
      if (outcome?.ok && outcome.value === 'queued') counted = { ...counted, queued: counted.queued + 1 };
      else if (outcome?.ok) counted = { ...counted, unchanged: counted.unchanged + 1 };
      else counted = { ...counted, failed: counted.failed + 1 };
    }
    if (page.nextCursor === null) counted = { ...counted, state: 'finished', finishedAt: context.clock.now() };
    await saveProgress(context, counted);
    return { progress: counted, nextCursor: page.nextCursor };
  } catch (error) {
    return { progress: await endAsFailed(context, counted, error), nextCursor: null };
  }
}

export async function readBulkSyncProgress(context: NodeContext, connectionId: string): Promise<BulkSyncProgress | undefined> {
  const stored = await context.store.getSetting(settingKey(connectionId));
  if (!stored) return undefined;
  const parsed = parseJson(stored, bulkSyncProgressSchema);
  return parsed.ok ? parsed.value : undefined;
}

async function readPage(
  context: NodeContext,
  trigger: TriggerConditions,
  cursor: string | null,
): Promise<{ readonly items: readonly { readonly key: string; readonly item: TrackerItem | undefined }[]; readonly nextCursor: string | null }> {
  const batch = context.tracker.batch;
  if (batch !== undefined) {
    const page = await batch.searchItemsWithFields(trigger, { cursor, limit: pageSize });
    return { items: page.items.map((item) => ({ key: item.key, item })), nextCursor: page.nextCursor };
  }
  const page = await context.tracker.searchItems(trigger, { cursor, limit: pageSize });
  return { items: page.keys.map((key) => ({ key, item: undefined })), nextCursor: page.nextCursor };
}

function saveProgress(context: NodeContext, progress: BulkSyncProgress): Promise<void> {
  return context.store.putSetting(settingKey(progress.connectionId), JSON.stringify(progress));
}

async function endAsFailed(context: NodeContext, progress: BulkSyncProgress, error: unknown): Promise<BulkSyncProgress> {
  const failed: BulkSyncProgress = {
    ...progress,
    state: 'failed',
    message: error instanceof Error ? error.message : String(error),
    finishedAt: context.clock.now(),
  };
  try {
    await saveProgress(context, failed);
  } catch (saveError) {
    // The store refuses the write (a full disk): the run ends all the same; the caller gets its
    // outcome, and no rejection is left for a fire-and-forget caller to leave unhandled.
    context.logger.error('could not save bulk sync progress', {
      connectionId: progress.connectionId,
      message: saveError instanceof Error ? saveError.message : String(saveError),
    });
  }
  return failed;
}
