import type { Connection } from '../connection/connection';
import { ExalateError } from '../errors';
import { mappingDrift, type MappingDrift, type VisualMapping } from '../mapping';
import type { NodeContext } from '../node/node-context';
import { recordSyncError } from './record-sync-error';
import { visualMappingItemKey } from './sync-records';
import { workTopic } from './sync-signals';
import { mappingSideOf, readAgreedMapping } from './visual-mapping-store';
import { claimDriftRead, readLiveVocabularies, type MappingVocabularies } from './visual-mapping-values';

/**
 * What follows when a version of a Visual mapping is agreed on this side: this side's filter
 * becomes the connection's trigger, and the version is checked for drift against the tracker.
 */
export async function afterMappingAgreed(context: NodeContext, connection: Connection): Promise<void> {
  const mapping = await readAgreedMapping(context, connection);
  await installMappingFilter(context, connection, mapping);
  await checkMappingDrift(context, connection);
}

/** The trigger a Visual mapping's filter is installed as: one per connection, so a new version replaces it. */
export const mappingFilterTriggerId = (connectionId: string) => `trg_visual_${connectionId}`;

/**
 * Installs this side's filter of the agreed mapping as the connection's trigger, replacing the one
 * the previous version installed; without a filter, none is. Triggers an admin added by hand are
 * left as they are: they were added on purpose and the mapping does not know them.
 */
export async function installMappingFilter(context: NodeContext, connection: Connection, mapping: VisualMapping): Promise<void> {
  const filter = mapping[mappingSideOf(connection)].filter;
  const id = mappingFilterTriggerId(connection.id);
  const installed = (await context.store.listTriggers(connection.id)).find((trigger) => trigger.id === id);
  if (installed !== undefined && installed.query === filter && installed.active) return;
  if (installed !== undefined) await context.store.deleteTrigger(connection.id, id);
  if (filter !== null) {
    await context.store.insertTrigger({ id, connectionId: connection.id, query: filter, active: true, createdAt: context.clock.now() });
    context.signals.notify(workTopic);
  }
}

/**
 * Drift: pairs of the agreed version naming a value this side's tracker no longer has (a status
 * renamed or removed since). Each is an error on the connection, under the mapping's reserved key,
 * saying which pair to fix; items keep syncing meanwhile (an unknown value keeps the item's own).
 * Once the agreed version names none, the error is resolved. Judged only against values the
 * tracker listed (now and before): its default vocabulary says nothing about a project's own workflow.
 */
export async function checkMappingDrift(context: NodeContext, connection: Connection, known?: MappingVocabularies): Promise<readonly MappingDrift[]> {
  const vocabularies = known ?? (await readLiveVocabularies(context, connection));
  if (!vocabularies.live.local) return [];
  const side = mappingSideOf(connection);
  const drifts = mappingDrift(await readAgreedMapping(context, connection), side, vocabularies.vocabularies[side], vocabularies.seen[side]);
  const now = context.clock.now();
  if (drifts.length === 0) {
    await context.store.resolveErrors({ connectionId: connection.id, itemKey: visualMappingItemKey }, now);
    return drifts;
  }
  const words = drifts.map((drift) => drift.message).join(' ');
  const open = (await context.store.listErrors({ includeResolved: false })).find(
    (error) => error.connectionId === connection.id && error.itemKey === visualMappingItemKey && error.message.endsWith(words),
  );
  // The same drift seen again (each time the mapping is read) is the same error, not another occurrence.
  if (open === undefined)
    await recordSyncError(context, {
      scope: 'connection',
      connectionId: connection.id,
      itemKey: visualMappingItemKey,
      error: new ExalateError('conflict', words),
    });
  return drifts;
}

/**
 * A write to the tracker was refused on a Visual connection: a mapped value may be gone. The
 * tracker's values are read again to find out, at most once a minute per connection, so a burst of
 * refused writes costs one read.
 */
export async function checkDriftAfterRefusedWrite(context: NodeContext, connection: Connection): Promise<void> {
  if (connection.mode !== 'visual' || !(await claimDriftRead(context, connection.id))) return;
  await checkMappingDrift(context, connection);
}
