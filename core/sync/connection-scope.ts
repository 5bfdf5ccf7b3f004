import type { Connection } from '../connection/connection';
import type { NodeContext } from '../node/node-context';
import type { TrackerItem } from '../ports/tracker-item';
import type { TriggerCondition } from '../trackers';
import { itemMatchesTrigger, parseTriggerQuery } from '../trackers/trigger-query';

/** The conditions of a connection's active triggers; a query that no longer parses matches nothing. */
export async function activeTriggerConditions(context: NodeContext, connectionId: string): Promise<readonly (readonly TriggerCondition[])[]> {
  const conditions: (readonly TriggerCondition[])[] = [];
  for (const trigger of await context.store.listTriggers(connectionId)) {
    if (!trigger.active) continue;
    const parsed = parseTriggerQuery(trigger.query, context.tracker.kind);
    if (parsed.ok) conditions.push(parsed.value);
  }
  return conditions;
}

/** What a connection may sync here: items of its project, and items one of its active triggers matches. */
export async function isInConnectionScope(context: NodeContext, connection: Connection, item: TrackerItem): Promise<boolean> {
  if (connection.projectKey === item.projectKey) return true;
  return (await activeTriggerConditions(context, connection.id)).some((conditions) => itemMatchesTrigger(item, conditions));
}
