import type { TrackerKind } from './browser-core';
import { trackerWords } from './tracker-words';
import type { ItemTwinStatusAnswer } from './item-surface-answers';

/**
 * Every word of the item surface (the Exalate panel and the "Exalate" action on an issue, a work
 * item or a task), shared by all hosts so that each shows the same product in its own chrome.
 * Status words are Exalate's: Queued, In progress, Synchronized, Error.
 */
export function itemSurfaceWords(tracker: TrackerKind) {
  const words = trackerWords[tracker];
  return {
    panelTitle: 'Exalate',
    actionLabel: 'Exalate',
    loading: 'Loading sync status…',
    refresh: 'Refresh',
    noTwins: `This ${words.item} is not synced. Use Exalate to sync it through a connection, or connect it to an existing remote item.`,
    twinsLabel: `Where this ${words.item} syncs`,
    columns: { connection: 'Connection', remoteKey: 'Remote item', status: 'Status', lastSynced: 'Last synced', actions: 'Actions' },
    remoteKeyPending: 'Not created yet',
    neverSynced: 'Not yet',
    status: { queued: 'Queued', in_progress: 'In progress', synchronized: 'Synchronized', error: 'Error' } satisfies Record<ItemTwinStatusAnswer, string>,
    syncNow: 'Sync now',
    retry: 'Retry',
    showLocalReplica: 'Show local replica',
    showRemoteReplica: 'Show remote replica',
    unexalate: 'Unexalate',
    unexalateHelp: `Stops syncing this ${words.item} on the connection; both ${words.items} stay as they are.`,
    replicaTitle: (side: 'local' | 'remote', connectionName: string) => `${side === 'local' ? 'Local' : 'Remote'} replica: ${connectionName}`,
    replicaEmpty: (side: 'local' | 'remote') =>
      side === 'local' ? `The outgoing script sends nothing for this ${words.item}.` : `The other side has not sent a replica of its ${words.item} yet.`,
    close: 'Close',
    dialogTitle: `Exalate this ${words.item}`,
    exalateHeading: 'Sync through a connection',
    exalateHelp: `Choose an active connection; the ${words.item} is synced to the other side at once and stays in sync as it changes.`,
    connectionLabel: 'Connection',
    exalateButton: 'Exalate',
    connectHeading: 'Connect to an existing remote item',
    connectHelp: `Links this ${words.item} to an item that already exists on the other side, by its key, and syncs them.`,
    remoteKeyLabel: 'Remote item key',
    connectButton: 'Connect',
    noConnections: 'No connection can take it',
    cancel: 'Cancel',
    notices: {
      synced: (key: string) => `${key} is queued to sync.`,
      exalated: (key: string, connectionName: string) => `${key} is queued to sync through "${connectionName}".`,
      connected: (key: string, remoteKey: string) => `${key} and ${remoteKey} are now twins; ${key} is queued to sync.`,
      unexalated: (key: string, connectionName: string) => `${key} no longer syncs on "${connectionName}". Both items stay as they are.`,
      alreadyUnexalated: (key: string, connectionName: string) => `${key} was not syncing on "${connectionName}" any more.`,
      retried: 'Retrying now.',
      remoteKeyRequired: `Enter the key of the remote ${words.item}.`,
      connectionRequired: 'Choose a connection.',
    },
  } as const;
}

export type ItemSurfaceWords = ReturnType<typeof itemSurfaceWords>;

/** "2026-11-23 09:41" in the browser's time zone; the ISO instant stays in the element's title. */
export function formatSyncedAt(iso: string | null, words: ItemSurfaceWords): string {
  if (iso === null) return words.neverSynced;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
