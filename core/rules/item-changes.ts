import type { ItemChanges, NewItem, TrackerItem } from '../ports/tracker-item';
import { canonicalJson } from '../replica/canonical-json';
import type { ScriptedItem } from './script-outputs';

type Writable<T> = { -readonly [K in keyof T]: T[K] };

/** The type a new item gets when the incoming script names none. */
export const fallbackItemType = 'Task';

/**
 * What the incoming script changed, as a diff against the item's current state: a field the
 * script left alone, or set to the value it already has, is not in the changes. Applying once,
 * and only the difference, is what keeps sync from overwriting what other automation did.
 * Project and type are only set on creation; trackers move items between them in other ways.
 */
export function diffItem(current: TrackerItem, wanted: ScriptedItem): ItemChanges {
  const changes: Writable<ItemChanges> = {};
  if (wanted.summary !== current.summary) changes.summary = wanted.summary;
  if (canonicalJson(wanted.description) !== canonicalJson(current.description)) changes.description = wanted.description;
  // A status cannot be cleared; null means the script did not want one.
  if (wanted.status !== null && wanted.status !== current.status) changes.status = wanted.status;
  if (wanted.priority !== current.priority) changes.priority = wanted.priority;
  const labels = uniqueLabels(wanted.labels);
  if (!sameMembers(labels, current.labels)) changes.labels = labels;
  const assigneeEmail = assigneeChange(current, wanted);
  if (assigneeEmail !== undefined) changes.assigneeEmail = assigneeEmail;
  const customFields = customFieldChanges(current.customFields, wanted.customFields);
  if (customFields !== undefined) changes.customFields = customFields;
  if (wanted.parentKey !== current.parentKey) changes.parentKey = wanted.parentKey;
  return changes;
}

/** The item an incoming script asked for on first sync; undefined when it set no summary (nothing to create). */
export function newItemFrom(wanted: ScriptedItem, defaultProjectKey: string): NewItem | undefined {
  if (wanted.summary.trim() === '') return undefined;
  const item: Writable<NewItem> = {
    projectKey: wanted.projectKey === null || wanted.projectKey === '' ? defaultProjectKey : wanted.projectKey,
    type: wanted.type === null || wanted.type === '' ? fallbackItemType : wanted.type,
    summary: wanted.summary,
  };
  if (wanted.description.content.length > 0) item.description = wanted.description;
  if (wanted.status !== null) item.status = wanted.status;
  if (wanted.priority !== null) item.priority = wanted.priority;
  const labels = uniqueLabels(wanted.labels);
  if (labels.length > 0) item.labels = labels;
  if (wanted.assignee?.email) item.assigneeEmail = wanted.assignee.email;
  const customFields = Object.fromEntries(Object.entries(wanted.customFields).filter(([, value]) => value !== null && value !== undefined));
  if (Object.keys(customFields).length > 0) item.customFields = customFields;
  if (wanted.parentKey !== null) item.parentKey = wanted.parentKey;
  return item;
}

/** True when applying the changes would write nothing. */
export function isEmptyChange(changes: ItemChanges): boolean {
  return Object.keys(changes).length === 0;
}

function uniqueLabels(labels: readonly string[]): string[] {
  return [...new Set(labels.map((label) => label.trim()).filter((label) => label !== ''))];
}

/** Labels are a set: the same labels in another order are no change. */
function sameMembers(left: readonly string[], right: readonly string[]): boolean {
  const rightSet = new Set(right);
  return left.length === rightSet.size && left.every((label) => rightSet.has(label));
}

/**
 * undefined: no change. A user whose email the tracker hides (Jira Cloud) cannot be compared or
 * named, so leaving such an assignee as it was is no change.
 */
function assigneeChange(current: TrackerItem, wanted: ScriptedItem): string | null | undefined {
  if (wanted.assignee === null) return current.assignee === null ? undefined : null;
  const email = wanted.assignee.email;
  if (email === null || email === '') return undefined;
  const currentEmail = current.assignee?.email ?? null;
  return currentEmail !== null && currentEmail.toLowerCase() === email.toLowerCase() ? undefined : email;
}

function customFieldChanges(current: Readonly<Record<string, unknown>>, wanted: Readonly<Record<string, unknown>>): Record<string, unknown> | undefined {
  const changed: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(wanted)) {
    // A field without a value and one set to null are the same to every tracker.
    if (canonicalJson(value ?? null) !== canonicalJson(current[name] ?? null)) changed[name] = value ?? null;
  }
  return Object.keys(changed).length > 0 ? changed : undefined;
}
