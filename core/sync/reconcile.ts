import type { NodeContext } from '../node/node-context';
import { isSyncing, noteLocalChanges } from './note-local-change';
import { parseTriggerQuery, projectsOfTrigger } from '../trackers/trigger-query';

/** Overlap between passes, so that an item changed during the previous pass is not missed. */
const overlapMs = 5_000;
const settingKey = (projectKey: string) => `reconciler-watermark:${projectKey}`;

/**
 * The safety net for missed events: asks the tracker what changed since the last pass in every
 * project a connection watches (its triggers' projects and its project for incoming sync, where
 * its twins live) and notes each change. Unchanged replicas are not resent, so looking twice at
 * the same item costs a read, not a sync. Returns how many connections queued something.
 */
export async function reconcileOnce(context: NodeContext): Promise<number> {
  const startedAt = context.clock.now();
  const projects = new Set<string>();
  for (const connection of (await context.store.listConnections()).filter(isSyncing)) {
    const triggers = await context.store.listTriggers(connection.id);
    const watched = triggers
      .filter((trigger) => trigger.active)
      .flatMap((trigger) => {
        const conditions = parseTriggerQuery(trigger.query, context.tracker.kind);
        return conditions.ok ? projectsOfTrigger(conditions.value) : [];
      });
    if (watched.length > 0 || (await context.store.listTwins(connection.id)).length > 0) {
      for (const project of [...watched, connection.projectKey]) projects.add(project);
    }
  }
  let queued = 0;
  for (const projectKey of projects) {
    const watermark = Number((await context.store.getSetting(settingKey(projectKey))) ?? startedAt - overlapMs);
    let cursor: string | null = null;
    do {
      const page = await context.tracker.listChangedSince(projectKey, new Date(watermark - overlapMs).toISOString(), { cursor, limit: 100 });
      // Judged together: the echoes of this node's own writes are told apart by one batch read of their times.
      queued += await noteLocalChanges(context, page.keys);
      cursor = page.nextCursor;
    } while (cursor !== null);
    await context.store.putSetting(settingKey(projectKey), String(startedAt));
  }
  return queued;
}
