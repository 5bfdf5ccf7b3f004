import { z } from 'zod';
import type { Connection } from '../connection/connection';
import { parseJson } from '../encoding/json';
import { randomId } from '../encoding/random';
import type { NodeContext } from '../node/node-context';
import type { TrackerItem } from '../ports/tracker-item';
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

const settingKey = (connectionId: string) => `bulk-sync:${connectionId}`;
const pageSize = 100;

/**
 * Bulk sync: queues every item a trigger query matches, page by page, keeping its progress in the
 * store so the Triggers tab can show it (and a restart shows where it stopped). Items already in
 * sync and unchanged are counted, not resent.
 */
export async function runBulkSync(context: NodeContext, connection: Connection, query: string): Promise<BulkSyncProgress> {
  let progress: BulkSyncProgress = {
    id: randomId('bulk'),
    connectionId: connection.id,
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
  const save = () => context.store.putSetting(settingKey(connection.id), JSON.stringify(progress));
  try {
    await save();
    let cursor: string | null = null;
    do {
      // With the tracker's batch capability, one search brings the page's items with their fields;
      // without it, the keys, then one read per item.
      const page = await readPage(context, query, cursor);
      progress = { ...progress, found: progress.found + page.items.length };
      for (const { key, item } of page.items) {
        const read = item ?? (await context.tracker.getItem(key));
        const outcome = read ? await queueLocalChange(context, connection, read, { force: false, justRead: true }) : undefined;
        if (outcome?.ok && outcome.value === 'queued') progress = { ...progress, queued: progress.queued + 1 };
        else if (outcome?.ok) progress = { ...progress, unchanged: progress.unchanged + 1 };
        else progress = { ...progress, failed: progress.failed + 1 };
      }
      await save();
      cursor = page.nextCursor;
    } while (cursor !== null);
    progress = { ...progress, state: 'finished', finishedAt: context.clock.now() };
  } catch (error) {
    progress = { ...progress, state: 'failed', message: error instanceof Error ? error.message : String(error), finishedAt: context.clock.now() };
  }
  try {
    await save();
  } catch (error) {
    // The store refuses the write (a full disk): the run ends all the same; the caller gets its
    // outcome, and no rejection is left for a fire-and-forget caller to leave unhandled.
    context.logger.error('could not save bulk sync progress', { connectionId: connection.id, message: error instanceof Error ? error.message : String(error) });
  }
  return progress;
}

async function readPage(context: NodeContext, query: string, cursor: string | null): Promise<{ readonly items: readonly { readonly key: string; readonly item: TrackerItem | undefined }[]; readonly nextCursor: string | null }> {
  const batch = context.tracker.batch;
  if (batch !== undefined) {
    const page = await batch.searchItemsWithFields(query, { cursor, limit: pageSize });
    return { items: page.items.map((item) => ({ key: item.key, item })), nextCursor: page.nextCursor };
  }
  const page = await context.tracker.searchItems(query, { cursor, limit: pageSize });
  return { items: page.keys.map((key) => ({ key, item: undefined })), nextCursor: page.nextCursor };
}

export async function readBulkSyncProgress(context: NodeContext, connectionId: string): Promise<BulkSyncProgress | undefined> {
  const stored = await context.store.getSetting(settingKey(connectionId));
  if (!stored) return undefined;
  const parsed = parseJson(stored, bulkSyncProgressSchema);
  return parsed.ok ? parsed.value : undefined;
}
