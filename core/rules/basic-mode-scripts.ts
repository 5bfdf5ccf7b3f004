import { trackerDisplayNames, type TrackerKind } from '../trackers';
import { scriptBlocks, type DefaultScripts } from './default-scripts';

/** One row of the "What syncs" view: the field and, in one line, how it crosses. */
export interface BasicModeField {
  readonly name: string;
  readonly label: string;
  readonly detail: string;
}

/** A field of the set: what the console says of it, and how the outgoing and incoming scripts carry it. */
interface BasicModeFieldRule extends BasicModeField {
  readonly outgoing: (item: string) => readonly string[];
  readonly incoming: (item: string, local: TrackerKind, remote: TrackerKind) => readonly string[];
}

/**
 * The one list of what a Basic connection syncs, in the order the scripts handle it. The consoles
 * show it and the scripts are built from it, so what the console says syncs is what syncs; nothing
 * outside it crosses (no assignee, reporter or parent), and nothing in it can be configured.
 */
const basicModeSet: readonly BasicModeFieldRule[] = [
  {
    name: 'summary',
    label: 'Summary',
    detail: 'The title, as it is.',
    outgoing: (item) => [`replica.summary = ${item}.summary;`],
    incoming: (item) => [`${item}.summary = replica.summary ?? ${item}.summary;`],
  },
  {
    name: 'description',
    label: 'Description',
    detail: "Rich text, converted between the trackers' formats.",
    outgoing: (item) => [`replica.description = ${item}.description;`],
    incoming: (item) => [`${item}.description = replica.description ?? ${item}.description;`],
  },
  {
    name: 'status',
    label: 'Status',
    detail: "By name, mapped onto the other side's workflow; a status with no match there leaves the status as it is.",
    outgoing: (item) => [`replica.status = ${item}.status;`],
    incoming: (item, local, remote) => scriptBlocks.status(item, local, remote),
  },
  {
    name: 'priority',
    label: 'Priority',
    detail: "Mapped between the trackers' scales; Asana has no built-in priority, so none is set there.",
    outgoing: (item) => [`replica.priority = ${item}.priority;`],
    incoming: (item, local, remote) => scriptBlocks.priority(item, local, remote),
  },
  {
    name: 'labels',
    label: 'Labels and tags',
    detail: 'All of them; in Jira, spaces in a label become underscores.',
    outgoing: (item) => [`replica.labels = ${item}.labels;`],
    incoming: (item, local) => scriptBlocks.labels(item, local),
  },
  {
    name: 'comments',
    label: 'Comments',
    detail: "New and edited comments, with their author's name.",
    outgoing: (item) => [`replica.comments = ${item}.comments;`],
    incoming: (item) => [`commentHelper.mergeComments(${item}, replica);`],
  },
  {
    name: 'attachments',
    label: 'Attachments',
    detail: 'New attachments, with their file names.',
    outgoing: (item) => [`replica.attachments = ${item}.attachments;`],
    incoming: (item) => [`attachmentHelper.mergeAttachments(${item}, replica);`],
  },
];

/** The Basic set as the consoles show it. */
export const basicModeFields: readonly BasicModeField[] = basicModeSet.map(({ name, label, detail }) => ({ name, label, detail }));

/** The set in words, for messages: "summary, description, …, comments and attachments". */
export function basicModeSetInWords(): string {
  const names = basicModeFields.map((field) => field.label.toLowerCase());
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1) ?? ''}`;
}

/**
 * The scripts every Basic connection runs, whatever the store holds: the Basic set both ways, each
 * field built from the same pieces as the default Script-mode scripts. An item received for the
 * first time is created in the connection's project with a type that follows the remote one.
 */
export function basicModeScripts(localTracker: TrackerKind, remoteTracker: TrackerKind): DefaultScripts {
  const item = scriptBlocks.itemName(localTracker);
  const outgoing = scriptBlocks.lines(
    `// Basic mode: this ${trackerDisplayNames[localTracker]} side sends a fixed set of fields; it cannot be edited.`,
    // Not fields of the set: what the other side needs to link to the item and to create its twin.
    `replica.url = ${item}.url;`,
    `replica.projectKey = ${item}.projectKey;`,
    `replica.type = ${item}.type;`,
    ...basicModeSet.flatMap((field) => field.outgoing(item)),
  );
  const incoming = scriptBlocks.lines(
    `// Basic mode: a fixed set of fields from ${trackerDisplayNames[remoteTracker]} changes this ${trackerDisplayNames[localTracker]} side; it cannot be edited.`,
    ...scriptBlocks.creation(item, localTracker, remoteTracker),
    ...basicModeSet.flatMap((field) => field.incoming(item, localTracker, remoteTracker)),
  );
  return { outgoing, incoming };
}
