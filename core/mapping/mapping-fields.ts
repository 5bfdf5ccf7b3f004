import { trackerProfile, type TrackerKind } from '../trackers';

/**
 * The fields a Visual mapping row may name: the replica fields every script knows (the script API,
 * core/rules/script-api-types.ts) and the tracker words a profile adds (`due` on Asana, `areaPath`
 * and `iterationPath` on Azure DevOps). A row names them the way scripts do, so the compiled script
 * reads `workItem.areaPath` for the row an admin sees as "Area path".
 */
export type MappingFieldKind = 'text' | 'rich-text' | 'status' | 'priority' | 'type' | 'labels' | 'user' | 'date' | 'path';

export interface MappingField {
  /** As scripts name it: `summary`, `areaPath`. */
  readonly name: string;
  /** As the console shows it. */
  readonly label: string;
  readonly kind: MappingFieldKind;
  /** False when a sync may read it but never write it (the reporter is the person who created the item). */
  readonly writable: boolean;
}

const standardFields: readonly MappingField[] = [
  { name: 'summary', label: 'Summary', kind: 'text', writable: true },
  { name: 'description', label: 'Description', kind: 'rich-text', writable: true },
  { name: 'status', label: 'Status', kind: 'status', writable: true },
  { name: 'priority', label: 'Priority', kind: 'priority', writable: true },
  // Set when the item is created; later changes are ignored (the script API's `type`).
  { name: 'type', label: 'Type', kind: 'type', writable: true },
  { name: 'labels', label: 'Labels', kind: 'labels', writable: true },
  { name: 'assignee', label: 'Assignee', kind: 'user', writable: true },
  { name: 'reporter', label: 'Reporter', kind: 'user', writable: false },
];

/** The tracker words of the profiles' scriptFields.aliases, as the console names them. */
const aliasFields: Readonly<Record<string, Omit<MappingField, 'name'>>> = {
  due: { label: 'Due date', kind: 'date', writable: true },
  areaPath: { label: 'Area path', kind: 'path', writable: true },
  iterationPath: { label: 'Iteration path', kind: 'path', writable: true },
};

/** Every field a row may name on this tracker, in the order the console lists them. */
export function mappingFieldsOf(tracker: TrackerKind): readonly MappingField[] {
  const profile = trackerProfile(tracker);
  const standard = standardFields.filter((field) => field.kind !== 'priority' || profile.vocabulary.hasPriority);
  const aliases = Object.keys(profile.scriptFields.aliases).map((name) => ({
    name,
    ...(aliasFields[name] ?? { label: name, kind: 'text' as const, writable: true }),
  }));
  return [...standard, ...aliases];
}

export function mappingFieldOf(tracker: TrackerKind, name: string): MappingField | undefined {
  return mappingFieldsOf(tracker).find((field) => field.name === name);
}

/**
 * Whether a value of the sending field can be written into the receiving one. Plain and formatted
 * text convert into each other (a formatted description sent to a summary loses its formatting);
 * the people fields take each other (a reporter here may become the assignee there); everything
 * else only goes to a field of its own kind, since its values mean nothing elsewhere.
 */
export function fieldKindsFit(sending: MappingFieldKind, receiving: MappingFieldKind): boolean {
  if (sending === receiving) return true;
  const text: readonly MappingFieldKind[] = ['text', 'rich-text'];
  return text.includes(sending) && text.includes(receiving);
}
