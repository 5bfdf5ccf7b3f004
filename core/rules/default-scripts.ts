import { trackerDisplayNames, trackerProfile, type TrackerKind } from '../trackers';
import { doneStatuses, priorityMapBetween, statusMapBetween, statusVocabulary, typeMapBetween } from './tracker-vocabulary';

export interface DefaultScripts {
  readonly outgoing: string;
  readonly incoming: string;
}

/** The name scripts use for the local item on each tracker (all three work everywhere). */
function itemName(tracker: TrackerKind): string {
  return trackerProfile(tracker).words.scriptItem;
}

/**
 * The scripts a new connection starts with: summary, description, status (mapped, with a
 * fallback), priority, labels, comments and attachments, both ways. They are what admins read
 * first and edit, so they are written out plainly, maps included, rather than hidden in helpers.
 */
export function defaultScripts(localTracker: TrackerKind, remoteTracker: TrackerKind): DefaultScripts {
  // Read for every synced change of a connection that kept its defaults: written once per pair.
  const key = `${localTracker}\u0000${remoteTracker}`;
  const kept = defaultScriptsMade.get(key);
  if (kept !== undefined) return kept;
  const scripts = { outgoing: defaultOutgoingScript(localTracker), incoming: defaultIncomingScript(localTracker, remoteTracker) };
  defaultScriptsMade.set(key, scripts);
  return scripts;
}

const defaultScriptsMade = new Map<string, DefaultScripts>();

function defaultOutgoingScript(local: TrackerKind): string {
  const item = itemName(local);
  return lines(
    `// Outgoing: what this ${trackerDisplayNames[local]} side sends. The other side's incoming script decides what to use.`,
    `replica.url = ${item}.url;`,
    `replica.projectKey = ${item}.projectKey;`,
    `replica.type = ${item}.type;`,
    `replica.summary = ${item}.summary;`,
    `replica.description = ${item}.description;`,
    `replica.status = ${item}.status;`,
    `replica.priority = ${item}.priority;`,
    `replica.labels = ${item}.labels;`,
    `replica.assignee = ${item}.assignee;`,
    `replica.reporter = ${item}.reporter;`,
    `replica.comments = ${item}.comments;`,
    `replica.attachments = ${item}.attachments;`,
    `replica.parent = ${item}.parentKey ? { key: ${item}.parentKey } : null;`,
    `replica.updated = ${item}.updated;`,
  );
}

function defaultIncomingScript(local: TrackerKind, remote: TrackerKind): string {
  const item = itemName(local);
  return lines(
    `// Incoming: how a replica from ${trackerDisplayNames[remote]} changes this ${trackerDisplayNames[local]} side.`,
    ...creation(item, local, remote),
    '',
    `${item}.summary = replica.summary ?? ${item}.summary;`,
    `${item}.description = replica.description ?? ${item}.description;`,
    '',
    ...status(item, local, remote),
    '',
    ...priority(item, local, remote),
    ...labels(item, local),
    '',
    '// Assignee by email (uncomment to sync it; the person needs an account here with the same email):',
    `// ${item}.assignee = nodeHelper.getUserByEmail(replica.assignee?.email);`,
    '',
    `commentHelper.mergeComments(${item}, replica);`,
    `attachmentHelper.mergeAttachments(${item}, replica);`,
  );
}

function creation(item: string, local: TrackerKind, remote: TrackerKind): string[] {
  const typeMap = typeMapBetween(local, remote);
  const onlyType = trackerProfile(local).vocabulary.onlyItemType;
  if (onlyType !== null) {
    return [
      'if (firstSync) {',
      `  // New ${trackerProfile(local).words.item}s go to the connection's project (${item}.projectKey is already set to it).`,
      `  ${item}.type = ${quote(onlyType)};`,
      '}',
    ];
  }
  const comment = `  // New items go to the connection's project (${item}.projectKey is already set to it); the type follows the remote type.`;
  if (Object.keys(typeMap).length === 0) return ['if (firstSync) {', comment, `  ${item}.type = nodeHelper.getIssueType(replica.type) ?? 'Task';`, '}'];
  return [
    'if (firstSync) {',
    comment,
    ...objectLiteral('  const typeMap', typeMap),
    "  const remoteType = replica.type ?? 'Task';",
    `  ${item}.type = nodeHelper.getIssueType(typeMap[remoteType] ?? remoteType) ?? 'Task';`,
    '}',
  ];
}

function status(item: string, local: TrackerKind, remote: TrackerKind): string[] {
  if (trackerProfile(remote).vocabulary.statusIsCompletion && !trackerProfile(local).vocabulary.statusIsCompletion) {
    const target = statusVocabulary(local).target;
    return [
      `// ${trackerProfile(remote).words.brand} ${trackerProfile(remote).words.item}s are only completed or not: completing one finishes this item, and reopening it`,
      '// reopens a finished item; other statuses here are left as they are.',
      `const doneStatuses = [${doneStatuses(local).map(quote).join(', ')}];`,
      'if (replica.status) {',
      `  if (replica.status.name === ${quote(statusVocabulary(remote).target.done)}) ${item}.status = ${quote(target.done)};`,
      `  else if (firstSync || doneStatuses.includes(${item}.status?.name ?? '')) ${item}.status = ${quote(target.todo)};`,
      '}',
    ];
  }
  if (local === remote) {
    return ['// Same workflow on both sides: the status is copied as it is.', `if (replica.status) ${item}.status = replica.status;`];
  }
  const fallback = `${item}.status ?? ${quote(statusVocabulary(local).target.todo)}`;
  return [
    '// Status: the remote status mapped onto this workflow; one not in the map keeps the current status.',
    ...objectLiteral('const statusMap', statusMapBetween(local, remote)),
    `if (replica.status) ${item}.status = statusHelper.map(replica.status, statusMap, ${fallback});`,
  ];
}

function priority(item: string, local: TrackerKind, remote: TrackerKind): string[] {
  if (!trackerProfile(local).vocabulary.hasPriority)
    return [`// ${trackerProfile(local).words.brand} has no built-in priority; map replica.priority to a custom field here if your project has one.`];
  const map = priorityMapBetween(local, remote);
  if (map === undefined) return [`if (replica.priority) ${item}.priority = replica.priority.name;`];
  return [...objectLiteral('const priorityMap', map), `if (replica.priority) ${item}.priority = priorityMap[replica.priority.name] ?? ${item}.priority;`];
}

function labels(item: string, local: TrackerKind): string[] {
  if (!trackerProfile(local).vocabulary.labelsMayHaveSpaces) {
    return [
      `// ${trackerProfile(local).words.brand} labels cannot contain spaces.`,
      `if (replica.labels) ${item}.labels = replica.labels.map((label) => label.trim().replace(/\\s+/g, '_'));`,
    ];
  }
  return [`if (replica.labels) ${item}.labels = replica.labels;`];
}

function objectLiteral(declaration: string, entries: Readonly<Record<string, string>>): string[] {
  const indent = declaration.match(/^\s*/)?.[0] ?? '';
  const members = Object.entries(entries).map(([key, value]) => `${indent}  ${quote(key)}: ${quote(value)},`);
  return members.length === 0 ? [`${declaration} = {};`] : [`${declaration} = {`, ...members, `${indent}};`];
}

function quote(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function lines(...entries: string[]): string {
  return `${entries.join('\n')}\n`;
}

/** The pieces these scripts are made of, shared with Basic mode (basic-mode-scripts.ts) so both map statuses, priorities, types and labels alike. */
export const scriptBlocks = { itemName, creation, status, priority, labels, lines } as const;
