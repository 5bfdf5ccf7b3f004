import type { NodeContext } from '../node/node-context';
import type { NewItem } from '../ports/tracker-item';
import type { StoreV1 } from '../ports/store';

/**
 * Creating an item and recording its twin cannot be one transaction: the tracker is not our
 * database. So before creating, the engine notes its intent, and right after, the key of what it
 * created. If the twin then cannot be stored (the process dies, the database refuses the write),
 * the retry adopts that item instead of creating a second one, and meanwhile the item is never
 * sent to the other side as new by a trigger. When even the note of the key could not be written,
 * this process's memory holds it, and as a last resort the retry looks for an item like the one it
 * meant to create (same project and summary, changed since the intent, not yet twinned).
 */
const intentSetting = (connectionId: string, changeId: string) => `creation-intent:${connectionId}:${changeId}`;
const createdSetting = (connectionId: string, localKey: string) => `created-by-sync:${connectionId}:${localKey}`;
/** Tracker clocks and search precision (Jira's JQL counts in minutes) make the window generous. */
const lookBackMs = 2 * 60_000;

/** Before creating: the intent's value is when it was formed, then `<time> <created key>`. */
export async function rememberCreationIntent(context: NodeContext, connectionId: string, changeId: string): Promise<void> {
  await context.store.putSetting(intentSetting(connectionId, changeId), String(context.clock.now()));
}

/** Right after the tracker created `localKey`, before the twin is stored. Never throws: the item exists either way. */
export async function noteItemCreated(context: NodeContext, connectionId: string, changeId: string, localKey: string): Promise<void> {
  context.signals.itemsAwaitingTwin.add(connectionId, changeId, localKey);
  try {
    await context.store.transaction(async (store) => {
      const since = (await store.getSetting(intentSetting(connectionId, changeId))) || String(context.clock.now());
      await store.putSetting(intentSetting(connectionId, changeId), `${since.split(' ')[0]} ${localKey}`);
      await store.putSetting(createdSetting(connectionId, localKey), changeId);
    });
  } catch (error) {
    context.logger.warn('could not note an item created by sync; this process remembers it', {
      connectionId,
      localKey,
      message: error instanceof Error ? error.message : String(error),
    });
  }
}

/**
 * Inside the transaction that stores the twin. Deleted, not emptied: a node creates an item per
 * change it receives, and notes left behind would grow the settings with every item it ever made.
 * Older versions of the node left empty values, which still read as "none".
 */
export async function forgetCreationIntent(store: StoreV1, connectionId: string, changeId: string, localKey: string): Promise<void> {
  await store.deleteSetting(intentSetting(connectionId, changeId));
  await store.deleteSetting(createdSetting(connectionId, localKey));
}

/** After that transaction committed. */
export function forgetCreatedInMemory(context: NodeContext, connectionId: string, changeId: string): void {
  context.signals.itemsAwaitingTwin.delete(connectionId, changeId);
}

/** This item was created by sync and its twin is not stored yet: it is not new, whatever a trigger says. */
export async function isAwaitingTwin(context: NodeContext, connectionId: string, localKey: string): Promise<boolean> {
  if (context.signals.itemsAwaitingTwin.has(connectionId, localKey)) return true;
  return Boolean(await context.store.getSetting(createdSetting(connectionId, localKey)));
}

export async function findItemCreatedBefore(context: NodeContext, connectionId: string, changeId: string, item: NewItem): Promise<string | undefined> {
  const intent = (await context.store.getSetting(intentSetting(connectionId, changeId))) ?? '';
  const [sinceText, notedKey] = intent.split(' ');
  const createdKey = context.signals.itemsAwaitingTwin.createdFor(connectionId, changeId) ?? notedKey;
  if (createdKey) {
    const twinned = await context.store.getTwinByLocalKey(connectionId, createdKey);
    return !twinned && (await context.tracker.getItem(createdKey)) ? createdKey : undefined;
  }
  const since = Number(sinceText || NaN);
  if (!Number.isFinite(since)) return undefined;
  // Several creations whose call failed as a whole (a batch create) are retried side by side, and
  // two of them may have the same summary: one at a time, each adopting an item the others then
  // see as taken, so that no item is adopted twice.
  return context.store.runExclusive(adoptionLockKey(connectionId), async () => {
    const page = await context.tracker.listChangedSince(item.projectKey, new Date(since - lookBackMs).toISOString(), { cursor: null, limit: 100 });
    for (const key of page.keys) {
      if (await context.store.getTwinByLocalKey(connectionId, key)) continue;
      if (await isAwaitingTwin(context, connectionId, key)) continue;
      const candidate = await context.tracker.getItem(key);
      if (candidate && candidate.summary === item.summary) {
        await noteItemCreated(context, connectionId, changeId, key);
        return key;
      }
    }
    return undefined;
  });
}

const adoptionLockKey = (connectionId: string) => `adopting:${connectionId}`;
