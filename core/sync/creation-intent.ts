import type { NodeContext } from '../node/node-context';
import type { NewItem } from '../ports/tracker-item';

/**
 * Creating an item and recording its twin cannot be one transaction: the tracker is not our
 * database. So before creating, the engine notes its intent; if the process dies after the
 * tracker created the item but before the twin was stored, the retry finds that item (same
 * project and summary, changed since the intent, not yet twinned) and adopts it instead of
 * creating a second one.
 */
const settingKey = (connectionId: string, changeId: string) => `creation-intent:${connectionId}:${changeId}`;
/** Tracker clocks and search precision (Jira's JQL counts in minutes) make the window generous. */
const lookBackMs = 2 * 60_000;

export async function rememberCreationIntent(context: NodeContext, connectionId: string, changeId: string): Promise<void> {
  await context.store.putSetting(settingKey(connectionId, changeId), String(context.clock.now()));
}

export async function forgetCreationIntent(context: NodeContext, connectionId: string, changeId: string): Promise<void> {
  // An empty value means "no intent": the settings table has no delete, and none is needed.
  if (await context.store.getSetting(settingKey(connectionId, changeId))) await context.store.putSetting(settingKey(connectionId, changeId), '');
}

export async function findItemCreatedBefore(context: NodeContext, connectionId: string, changeId: string, item: NewItem): Promise<string | undefined> {
  const since = Number((await context.store.getSetting(settingKey(connectionId, changeId))) || NaN);
  if (!Number.isFinite(since)) return undefined;
  const page = await context.tracker.listChangedSince(item.projectKey, new Date(since - lookBackMs).toISOString(), { cursor: null, limit: 100 });
  for (const key of page.keys) {
    if (await context.store.getTwinByLocalKey(connectionId, key)) continue;
    const candidate = await context.tracker.getItem(key);
    if (candidate && candidate.summary === item.summary) return key;
  }
  return undefined;
}
