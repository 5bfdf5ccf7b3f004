import { itemSurfaceWords } from '../../console-kit/item-surface-words';
import type { PillColor } from './app-component-shapes';
import type { TaskTwin } from './task-surface';

const itemWords = itemSurfaceWords('asana');

/** The words of Exalate on an Asana task: the status words of every item surface, in Asana's pill colours. */
export const statusWords: Readonly<Record<TaskTwin['status'], { readonly text: string; readonly color: PillColor }>> = {
  queued: { text: itemWords.status.queued, color: 'cool-gray' },
  in_progress: { text: itemWords.status.in_progress, color: 'blue' },
  synchronized: { text: itemWords.status.synchronized, color: 'green' },
  error: { text: itemWords.status.error, color: 'red' },
};

export const taskSurfaceWords = {
  formTitle: itemWords.dialogTitle,
  ruleActionTitle: 'Exalate with connection',
  action: 'What to do',
  exalate: 'Exalate',
  exalateHint: 'Sync this task through a connection',
  connect: 'Connect',
  connectHint: 'Link it to an existing item on the other side',
  syncNow: itemWords.syncNow,
  syncNowHint: 'Send its current state again',
  unexalate: itemWords.unexalate,
  unexalateHint: 'Stop syncing; both items stay',
  connection: itemWords.connectionLabel,
  remoteKey: 'Key of the item on the other side',
  remoteKeyPlaceholder: 'Such as SUP-12 or 4711',
  remoteKeyMissing: 'Type the key of the item to connect this task to.',
  notSynced: 'Not synced yet',
  syncsOn: (count: number) => (count === 1 ? 'Syncs on 1 connection' : `Syncs on ${count} connections`),
  noneToSyncNow: 'This task does not sync on any connection (any more): Exalate or Connect it first.',
  chooseAction: 'Choose what to do with this task.',
  noActiveConnection: 'No connection is active on this node yet. An administrator initiates one in the Exalate console, and the other side accepts it.',
  chooseOffered: 'Choose one of the connections offered here.',
  widgetStatus: 'Status',
  widgetRemote: 'Remote item',
  widgetConnection: 'Connection',
  widgetLastSynced: itemWords.columns.lastSynced,
  widgetWaitingForKey: 'Waiting for the twin',
  widgetNotSynced: 'Not synced',
  widgetSubtitle: (connectionName: string) => `Exalate · ${connectionName}`,
  widgetUnexalatedFooter: 'This task no longer syncs on this connection. Exalate it again from the task’s Exalate menu.',
  widgetErrorFooter: (message: string) => `Error: ${message} Retry: Sync now, from the task’s Exalate menu.`,
  widgetSyncingFooter: 'Synced by Exalate; changes travel both ways.',
  resourceName: (connectionName: string, remoteKey: string | null) => (remoteKey === null ? `Exalate · ${connectionName}` : `${remoteKey} · ${connectionName}`),
} as const;
