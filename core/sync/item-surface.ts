import type { Connection } from '../connection/connection';
import type { NodeContext } from '../node/node-context';
import type { SyncError, Twin } from './sync-records';
import { isWebAddress, remoteItemUrl } from './remote-item-url';

/** What a person reads on an item about one twin (ARCHITECTURE §8, `GET /items/{issueKey}`). */
export type ItemTwinStatus = 'queued' | 'in_progress' | 'synchronized' | 'error';

export interface ItemTwinView {
  readonly connectionId: string;
  readonly connectionName: string;
  /** null until the other side has told which item it created. */
  readonly remoteKey: string | null;
  readonly remoteUrl: string | null;
  readonly status: ItemTwinStatus;
  /** ISO 8601, or null before the first completed sync. */
  readonly lastSyncedAt: string | null;
  /** The latest unresolved error in its own words, with the id Retry takes (`POST /errors/{errorId}/retry`). */
  readonly error: { readonly message: string; readonly errorId: string } | null;
}

/** The item's twins across every connection that is not deleted, in the order of the connections. */
export async function describeItemTwins(context: NodeContext, itemKey: string): Promise<readonly ItemTwinView[]> {
  const connections = (await context.store.listConnections()).filter((connection) => connection.status !== 'deleted');
  const errors = await context.store.listErrors({ includeResolved: false });
  const views: ItemTwinView[] = [];
  for (const connection of connections) {
    const twin = await context.store.getTwinByLocalKey(connection.id, itemKey);
    if (twin) views.push(await describeTwin(context, connection, twin, errors));
  }
  return views;
}

async function describeTwin(context: NodeContext, connection: Connection, twin: Twin, errors: readonly SyncError[]): Promise<ItemTwinView> {
  // Errors of an incoming change are recorded under the other side's key; a broken script (connection scope) stops every item.
  const error = errors
    .filter(
      (candidate) =>
        candidate.connectionId === connection.id &&
        (candidate.scope === 'connection' || candidate.itemKey === twin.localKey || (twin.remoteKey !== null && candidate.itemKey === twin.remoteKey)),
    )
    .sort((first, second) => second.updatedAt - first.updatedAt)[0];
  return {
    connectionId: connection.id,
    connectionName: connection.name,
    remoteKey: twin.remoteKey,
    remoteUrl:
      twin.remoteKey === null
        ? null
        : (remoteItemUrl(connection.remoteTracker, connection.remoteInstanceUrl, twin.remoteKey) ?? urlFromReplica(twin.previousReplica)),
    status: error || twin.status === 'error' ? 'error' : await statusOf(context, connection, twin),
    lastSyncedAt: typeof twin.lastSyncedAt === 'number' ? new Date(twin.lastSyncedAt).toISOString() : null,
    error: error ? { message: error.message, errorId: error.id } : null,
  };
}

/**
 * Queued: a change waits its turn in this side's outbox. In progress: one is being sent, or was
 * sent and its receipt is not back, or the other side's change waits to be applied here.
 */
async function statusOf(context: NodeContext, connection: Connection, twin: Twin): Promise<ItemTwinStatus> {
  const outbound = await context.store.listQueue({
    connectionId: connection.id,
    direction: 'outbound',
    states: ['queued', 'in_flight'],
    limit: 100,
    itemKey: twin.localKey,
  });
  if (outbound.some((entry) => entry.state === 'queued' && entry.attempts === 0)) return 'queued';
  if (outbound.length > 0) return 'in_progress';
  if (twin.remoteKey !== null) {
    const inbound = await context.store.listQueue({
      connectionId: connection.id,
      direction: 'inbound',
      states: ['queued', 'in_flight'],
      limit: 1,
      itemKey: twin.remoteKey,
    });
    if (inbound.length > 0) return 'in_progress';
  }
  return twin.status === 'synchronized' ? 'synchronized' : 'in_progress';
}

/** The other side's own address of its item, as its last change carried it (the replica's `url`). */
function urlFromReplica(replica: unknown): string | null {
  if (typeof replica !== 'object' || replica === null) return null;
  const url = (replica as { url?: unknown }).url;
  return typeof url === 'string' && isWebAddress(url) ? url : null;
}
