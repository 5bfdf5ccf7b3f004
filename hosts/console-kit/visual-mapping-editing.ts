import { mappingFieldsOf, type MappingView, type TrackerKind, type ValueMapKind, type ViewDirection } from './browser-core';

/**
 * The edits an admin makes to a Visual mapping in the console, on their own side's view (this side
 * is `local`, the other `remote`). Each returns a new view and leaves the one given as it was, so
 * the editor can tell a changed draft from the saved one and the node gets exactly what was shown.
 */
export type FieldRowView = MappingView['fields'][number];
export type ValuePairView = MappingView['values'][ValueMapKind][number];
export type ToggledPart = 'comments' | 'attachments';
export type ToggleWay = 'send' | 'receive';
export type ViewSideName = 'local' | 'remote';

/** The fields each side offers, by name, as the node read them from the trackers (`values.local.fields`). */
export interface OfferedFields {
  readonly local: readonly string[];
  readonly remote: readonly string[];
}

/**
 * A new row pairs the first field this side offers that no row maps yet with the field of the same
 * name on the other side (or the other side's first free field), both ways: the row an admin most
 * often wants, which they then adjust. With every field mapped already, it repeats the first so the
 * admin still sees a row to change (validation names a field written twice).
 */
export function addFieldRow(view: MappingView, offered: OfferedFields): MappingView {
  const localFields = offeredFieldNames(view.local.tracker, offered.local);
  const remoteFields = offeredFieldNames(view.remote.tracker, offered.remote);
  const usedLocal = new Set(view.fields.map((row) => row.local));
  const usedRemote = new Set(view.fields.map((row) => row.remote));
  const local = localFields.find((name) => !usedLocal.has(name)) ?? localFields[0];
  const remote =
    (local !== undefined && remoteFields.includes(local) && !usedRemote.has(local) ? local : undefined) ??
    remoteFields.find((name) => !usedRemote.has(name)) ??
    remoteFields[0];
  if (local === undefined || remote === undefined) return view;
  return { ...view, fields: [...view.fields, { local, remote, direction: 'both' }] };
}

export function removeFieldRow(view: MappingView, index: number): MappingView {
  return { ...view, fields: view.fields.filter((_row, at) => at !== index) };
}

export function changeFieldRow(view: MappingView, index: number, change: Partial<FieldRowView>): MappingView {
  return { ...view, fields: view.fields.map((row, at) => (at === index ? { ...row, ...change } : row)) };
}

/**
 * A new pair for one value map. Given a value (an unmapped one the admin chose to pair), it starts
 * from that value; otherwise from the first value of this side no pair names yet. The other side's
 * value is the one of the same name when there is one, else its first value.
 */
export function addValuePair(
  view: MappingView,
  kind: ValueMapKind,
  values: Readonly<Record<ViewSideName, readonly string[]>>,
  start?: { readonly side: ViewSideName; readonly value: string },
): MappingView {
  const pairs = view.values[kind];
  const firstFree = (side: ViewSideName) => values[side].find((value) => !pairs.some((pair) => pair[side] === value)) ?? values[side][0];
  const leadSide = start?.side ?? 'local';
  const followSide: ViewSideName = leadSide === 'local' ? 'remote' : 'local';
  const lead = start?.value ?? firstFree(leadSide);
  if (lead === undefined) return view;
  const follow = values[followSide].find((value) => value.toLowerCase() === lead.toLowerCase()) ?? firstFree(followSide);
  if (follow === undefined) return view;
  const pair = leadSide === 'local' ? { local: lead, remote: follow } : { local: follow, remote: lead };
  return { ...view, values: { ...view.values, [kind]: [...pairs, { ...pair, direction: 'both' }] } };
}

export function removeValuePair(view: MappingView, kind: ValueMapKind, index: number): MappingView {
  return { ...view, values: { ...view.values, [kind]: view.values[kind].filter((_pair, at) => at !== index) } };
}

export function changeValuePair(view: MappingView, kind: ValueMapKind, index: number, change: Partial<ValuePairView>): MappingView {
  return { ...view, values: { ...view.values, [kind]: view.values[kind].map((pair, at) => (at === index ? { ...pair, ...change } : pair)) } };
}

export function setToggle(view: MappingView, part: ToggledPart, way: ToggleWay, on: boolean): MappingView {
  return { ...view, [part]: { ...view[part], [way]: on } };
}

/** This side's filter, as typed; an empty one means this side starts no sync of its own (the document's null). */
export function setLocalFilter(view: MappingView, text: string): MappingView {
  return { ...view, local: { ...view.local, filter: text.trim() === '' ? null : text } };
}

/** The fields a row may name on this side: the tracker's mapping fields the project offers, in the tracker's order. */
export function offeredFieldNames(tracker: TrackerKind, offered: readonly string[]): string[] {
  const names = mappingFieldsOf(tracker).map((field) => field.name);
  return offered.length === 0 ? names : names.filter((name) => offered.includes(name));
}

/** Does the edited view say something other than the one it started from? */
export function viewsDiffer(one: MappingView, other: MappingView): boolean {
  return JSON.stringify(one) !== JSON.stringify(other);
}

export type { ViewDirection };
