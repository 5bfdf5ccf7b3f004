import type { Connection } from '../connection/connection';
import type { NodeContext } from '../node/node-context';
import type { TrackerItem } from '../ports/tracker-item';
import { queueLocalChange } from './queue-local-change';
import { itemMatchesTrigger, parseTriggerQuery } from './trigger-query';

/** Connections that sync: Active, and Deactivated ones, which keep queueing to resume in order. */
export function isSyncing(connection: Connection): boolean {
  return (connection.status === 'active' || connection.status === 'deactivated') && connection.peer !== null;
}

/**
 * A tracker said an item changed (an event, or the reconciler found it). Every connection that
 * already syncs the item, or whose active trigger matches it now, queues the change.
 * Returns how many connections queued something.
 */
export async function noteLocalChange(context: NodeContext, itemKey: string): Promise<number> {
  const connections = (await context.store.listConnections()).filter(isSyncing);
  if (connections.length === 0) return 0;
  const item = await context.tracker.getItem(itemKey);
  if (!item) return 0;
  let queued = 0;
  for (const connection of connections) {
    // Decided under the item's lock, after any incoming write in progress has stored its twin.
    const outcome = await queueLocalChange(context, connection, item, { force: false, onlyIf: () => isUnderSyncOrTriggered(context, connection, item) });
    if (outcome.ok && outcome.value === 'queued') queued += 1;
  }
  return queued;
}

async function isUnderSyncOrTriggered(context: NodeContext, connection: Connection, item: TrackerItem): Promise<boolean> {
  if (await context.store.getTwinByLocalKey(connection.id, item.key)) return true;
  const triggers = await context.store.listTriggers(connection.id);
  return triggers.some((trigger) => {
    if (!trigger.active) return false;
    const conditions = parseTriggerQuery(trigger.query, context.tracker.kind);
    return conditions.ok && itemMatchesTrigger(item, conditions.value);
  });
}
