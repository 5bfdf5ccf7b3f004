import type { Connection } from '../connection/connection';
import type { NodeContext } from '../node/node-context';
import type { TrackerItem } from '../ports/tracker-item';
import { itemLockKey } from './item-locks';
import { queueLocalChange } from './queue-local-change';
import type { Twin } from './sync-records';
import { activeTriggerConditions } from './connection-scope';
import type { TriggerCondition } from '../trackers';
import { itemMatchesTrigger } from '../trackers/trigger-query';

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
  return noteLocalChanges(context, [itemKey]);
}

/**
 * Several items changed (events that arrived together). Before anything is read in full, what
 * the node already knows is used: an item no connection syncs or could trigger on is not read at
 * all, and an item whose every twin was last written by this node at exactly the tracker time it
 * has now is the echo of that write. That time comes from the event itself when the tracker sent
 * it along (`knownTimes`: item key → the item's last-changed time after the change, as the
 * tracker wrote it), otherwise from one batch read of the items' times, where the tracker offers
 * it, instead of a read of each item and a script run. The rest are read and judged as before.
 */
export async function noteLocalChanges(context: NodeContext, itemKeys: readonly string[], knownTimes?: ReadonlyMap<string, string>): Promise<number> {
  const connections = (await context.store.listConnections()).filter(isSyncing);
  if (connections.length === 0) return 0;
  const triggers = new Map<string, readonly (readonly TriggerCondition[])[]>();
  for (const connection of connections) triggers.set(connection.id, await activeTriggerConditions(context, connection.id));
  const keys = [...new Set(itemKeys)];
  const twinsOf = new Map<string, readonly (Twin | undefined)[]>();
  for (const key of keys) twinsOf.set(key, await Promise.all(connections.map((connection) => context.store.getTwinByLocalKey(connection.id, key))));

  const mayMatter = (key: string, index: number) => twinsOf.get(key)?.[index] !== undefined || (triggers.get(connections[index]!.id)?.length ?? 0) > 0;
  const watched = keys.filter((key) => connections.some((_connection, index) => mayMatter(key, index)));
  // Keys where every connection that may care holds a twin this node wrote: their times decide.
  const echoCandidates = watched.filter((key) =>
    connections.every((_connection, index) => !mayMatter(key, index) || typeof twinsOf.get(key)?.[index]?.lastWrittenUpdated === 'string'),
  );
  const toRead = echoCandidates.filter((key) => knownTimes?.get(key) === undefined);
  const readTimes = toRead.length > 0 && context.tracker.batch ? await context.tracker.batch.readUpdatedTimes(toRead) : undefined;
  // The keys whose time is known: sent with the event, or asked of the tracker just now.
  const timed = echoCandidates.filter((key) => knownTimes?.get(key) !== undefined || readTimes !== undefined);
  const isEcho = (key: string, twins: readonly (Twin | undefined)[] | undefined) => {
    const time = knownTimes?.get(key) ?? readTimes?.get(key);
    // Gone from the tracker (the batch read found nothing): nothing to send, as a read finding nothing would have decided.
    if (time === undefined) return true;
    return connections.every((_connection, index) => !mayMatter(key, index) || notPast(time, twins?.[index]?.lastWrittenUpdated));
  };
  const echoes = new Set(timed.filter((key) => isEcho(key, twinsOf.get(key))));
  for (const key of timed.filter((key) => !echoes.has(key))) {
    // A tracker can tell of a write before the write's own step has stored the time it made (a
    // webhook delivered at once): wait for any write to the item in progress, then look again,
    // rather than read the whole item to find the echo.
    const twins = await Promise.all(
      connections.map(async (connection, index) => {
        if (!mayMatter(key, index)) return undefined;
        await context.store.runExclusive(itemLockKey(connection.id, key), async () => undefined);
        return context.store.getTwinByLocalKey(connection.id, key);
      }),
    );
    if (isEcho(key, twins)) echoes.add(key);
  }

  let queued = 0;
  for (const key of watched) {
    if (echoes.has(key)) continue;
    const item = await context.tracker.getItem(key);
    if (!item) continue;
    for (const connection of connections) {
      // Decided under the item's lock, after any incoming write in progress has stored its twin.
      const outcome = await queueLocalChange(context, connection, item, {
        force: false,
        justRead: true,
        onlyIf: () => isUnderSyncOrTriggered(context, connection, item, triggers.get(connection.id) ?? []),
      });
      if (outcome.ok && outcome.value === 'queued') queued += 1;
    }
  }
  return queued;
}

function notPast(time: string, written: string | null | undefined): boolean {
  if (typeof written !== 'string') return false;
  const itemTime = Date.parse(time);
  const writtenTime = Date.parse(written);
  return Number.isFinite(itemTime) && Number.isFinite(writtenTime) && itemTime <= writtenTime;
}

/** `triggers`: the connection's active trigger conditions, read once for the whole batch. */
async function isUnderSyncOrTriggered(
  context: NodeContext,
  connection: Connection,
  item: TrackerItem,
  triggers: readonly (readonly TriggerCondition[])[],
): Promise<boolean> {
  if (await context.store.getTwinByLocalKey(connection.id, item.key)) return true;
  return triggers.some((conditions) => itemMatchesTrigger(item, conditions));
}
