import { noteLocalChange, reconcileOnce, type NodeContext } from '../../../core';
import { readForgeProductEvent } from '../change-intake';
import { requestSyncPass } from './admin-resolver';
import type { WorkQueue } from './work-queue';

/**
 * `avi:jira:created:issue`, `avi:jira:updated:issue` and `avi:jira:commented:issue`: Jira says an
 * issue changed. Events the app caused itself (writing a peer's change) are ignored, here and by
 * the manifest's `ignoreSelf` filter: the engine would find the replica unchanged anyway, but it
 * would cost a script run and Jira reads. Whether the change syncs is core's decision.
 */
export async function handleProductEvent(context: NodeContext, event: unknown, queue: WorkQueue): Promise<number> {
  const read = readForgeProductEvent(event);
  if (!read.ok) {
    context.logger.warn('ignored a Forge event', { message: read.error.message });
    return 0;
  }
  if (read.value.selfGenerated) return 0;
  let queued = 0;
  for (const key of new Set(read.value.itemKeys)) queued += await noteLocalChange(context, key);
  if (queued > 0) await requestSyncPass(context, queue);
  return queued;
}

/**
 * The scheduled trigger (every five minutes, Forge's shortest interval): the reconciler catches
 * changes whose events were missed, and a sync pass retries whatever is due.
 */
export async function handleScheduledReconcile(context: NodeContext, queue: WorkQueue): Promise<number> {
  const queued = await reconcileOnce(context);
  await requestSyncPass(context, queue);
  return queued;
}
