import { isSyncing, runSyncPass, type NodeContext } from '../../../core';
import type { WorkQueue } from './work-queue';

const scheduledSetting = 'forge-sync-pass-scheduled-at';

/**
 * One consumer invocation's share of the engine: sync passes until nothing moves or the time
 * budget (kept well inside the consumer's `timeoutSeconds`) is spent. Work left over is pushed
 * as the next event at once; entries waiting for a retry get one delayed event at their due time,
 * recorded in KVS so that many passes do not each schedule their own.
 */
export async function runSyncPassStep(context: NodeContext, queue: WorkQueue, budgetMs: number): Promise<{ moved: number; continued: boolean }> {
  const startedAt = context.clock.now();
  let moved = 0;
  let last = 0;
  do {
    last = await runSyncPass(context);
    moved += last;
  } while (last > 0 && context.clock.now() - startedAt < budgetMs);
  if (last > 0) {
    await queue.push({ type: 'sync-pass' });
    return { moved, continued: true };
  }
  const dueAt = await nextDueAt(context);
  if (dueAt !== null) await scheduleAt(context, queue, dueAt);
  return { moved, continued: false };
}

/** When the next queued entry this side moves itself is due: inbound always, outbound to a public peer. */
export async function nextDueAt(context: NodeContext): Promise<number | null> {
  let earliest: number | null = null;
  for (const connection of (await context.store.listConnections()).filter(isSyncing)) {
    if (connection.status !== 'active') continue;
    const directions = connection.peer?.nodeUrl == null ? (['inbound'] as const) : (['inbound', 'outbound'] as const);
    for (const direction of directions) {
      for (const entry of await context.store.listQueue({ connectionId: connection.id, direction, states: ['queued', 'in_flight'], limit: 1000 })) {
        if (earliest === null || entry.nextAttemptAt < earliest) earliest = entry.nextAttemptAt;
      }
    }
  }
  return earliest;
}

async function scheduleAt(context: NodeContext, queue: WorkQueue, dueAt: number): Promise<void> {
  const now = context.clock.now();
  const scheduled = Number((await context.store.getSetting(scheduledSetting)) ?? '0');
  // An event already set for this moment or earlier will find this entry too.
  if (scheduled > now && scheduled <= dueAt) return;
  await context.store.putSetting(scheduledSetting, String(Math.max(dueAt, now + 1000)));
  await queue.push({ type: 'sync-pass' }, (dueAt - now) / 1000);
}
