import type { ConsoleConnection } from './admin-answers';
import { mappingFieldOf, trackerDisplayNames, type TrackerKind, type ValueMapKind, type ViewDirection } from './browser-core';
import type { ToggledPart, ToggleWay, ViewSideName } from './visual-mapping-editing';

/**
 * The words of the Visual mapping editor, the same in every console. Every control is named by
 * them (the row or pair it acts on included), so a screen reader, and a test, finds "Direction,
 * row 2" rather than the third unnamed select.
 */
export const editMappingLabel = 'Edit mapping';

/** A Visual connection is edited for as long as it exists, where a Script one offers Edit scripts. */
export function canEditMapping(connection: Pick<ConsoleConnection, 'mode' | 'status'>): boolean {
  return connection.mode === 'visual' && connection.status !== 'deleted';
}

export const mappingWords = {
  title: (connection: Pick<ConsoleConnection, 'name'>) => `Mapping: ${connection.name}`,
  intro:
    'Visual mode: what syncs between an item and its twin, and how. Both sides hold this mapping; a change you publish runs once the other side approves it.',
  loading: 'Loading the mapping…',
  tabs: { mapping: 'Mapping', history: 'History', scripts: 'Compiled scripts' },
  fieldsHeading: 'Fields',
  addRow: 'Add row',
  valuesHeading: 'Values',
  addPair: (kind: ValueMapKind) => `Add ${kind} pair`,
  notMapped: 'Not mapped',
  notMappedHelp: 'An item with a value marked Not mapped keeps its own value on the other side. Pair it to say what it becomes.',
  pairIt: (value: string) => `Pair ${value}`,
  commentsAndAttachments: 'Comments and attachments',
  filtersHeading: 'Which items sync',
  filterHelp: 'The items this side sends, in its tracker’s query language. Leave it empty to send nothing of this side’s own.',
  remoteFilterHelp: 'The other side sets which of its items it sends.',
  noFilter: 'None: the other side sends nothing of its own',
  saveDraft: 'Save draft',
  publish: 'Publish',
  approve: 'Approve',
  decline: 'Decline',
  rollBack: 'Roll back',
  close: 'Close',
  saved: (at: string) => `Draft saved ${at}. Publish it when it is ready; the other side then approves it.`,
  published: (version: number) => `Version ${version} published. It runs once the other side approves it; until then the current version keeps running.`,
  approved: (version: number) => `Version ${version} approved: both sides now run it.`,
  declined: (version: number) => `Version ${version} declined. The side that proposed it is told; the current version keeps running.`,
  rolledBack: (version: number) => `Rolling back to version ${version} was proposed to the other side. It runs once they approve it.`,
  problemsFound: (count: number) =>
    count === 1
      ? 'The mapping has a problem; it is shown where it is. Nothing was saved.'
      : `The mapping has ${count} problems; each is shown where it is. Nothing was saved.`,
  unsaved: 'You have changes that are not saved.',
  draftFrom: (by: string, at: string) => `This is your draft, saved by ${by} ${at}. The running version is unchanged until you publish.`,
  compiledHelp: 'The scripts this side runs, compiled from the mapping both sides approved. They are read only: change the mapping and publish it.',
  noHistory: 'Nothing published yet: the mapping the connection started with is running.',
} as const;

export const valueMapHeadings: Readonly<Record<ValueMapKind, string>> = { status: 'Status', priority: 'Priority', type: 'Type' };

export const directionWords: Readonly<Record<ViewDirection, string>> = {
  both: 'Both ways',
  'to-remote': 'To the other side',
  'to-local': 'To this side',
};
export const directionOptions: readonly { readonly value: ViewDirection; readonly label: string }[] = (['both', 'to-remote', 'to-local'] as const).map(
  (value) => ({ value, label: directionWords[value] }),
);

/** "This side (Jira Cloud)": the column headings, which say whose tracker the column is without naming who initiated. */
export function sideHeading(side: ViewSideName, tracker: TrackerKind): string {
  return `${side === 'local' ? 'This side' : 'Other side'} (${trackerDisplayNames[tracker]})`;
}

const whose = (side: ViewSideName) => (side === 'local' ? "This side's" : "Other side's");

/** The accessible names of a field row's controls; rows count from 1, as the admin sees them. */
export const rowLabels = {
  field: (side: ViewSideName, index: number) => `${whose(side)} field, row ${index + 1}`,
  direction: (index: number) => `Direction, row ${index + 1}`,
  remove: (index: number) => `Remove row ${index + 1}`,
};

export const pairLabels = {
  value: (kind: ValueMapKind, side: ViewSideName, index: number) => `${whose(side)} ${kind}, pair ${index + 1}`,
  direction: (kind: ValueMapKind, index: number) => `Direction of ${kind} pair ${index + 1}`,
  remove: (kind: ValueMapKind, index: number) => `Remove ${kind} pair ${index + 1}`,
};

export const toggleLabels: Readonly<Record<ToggledPart, Readonly<Record<ToggleWay, string>>>> = {
  comments: { send: "Send this side's comments to the other side", receive: "Add the other side's comments here" },
  attachments: { send: "Send this side's attachments to the other side", receive: "Add the other side's attachments here" },
};

export const compiledLabels = { outgoing: 'Outgoing sync script (compiled)', incoming: 'Incoming sync script (compiled)' } as const;

export const filterLabels: Readonly<Record<ViewSideName, string>> = { local: "This side's filter", remote: "Other side's filter" };

/** A field as the console shows it ("Area path"); a name the tracker does not know shows as it is, so the problem beside it makes sense. */
export function fieldLabelOf(tracker: TrackerKind, name: string): string {
  return mappingFieldOf(tracker, name)?.label ?? name;
}

/** "2026-12-07 14:03": short, and the same in every console and time zone the admin's browser is in. */
export function whenWords(at: string | number | null | undefined): string {
  if (at === null || at === undefined) return '';
  const date = new Date(at);
  if (Number.isNaN(date.getTime())) return String(at);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
