import { trackerProfile, type TrackerKind } from '../trackers';
import { canonicalJson } from '../replica/canonical-json';
import type { ScriptedItem } from './script-outputs';

/**
 * The alias properties a script sees on the item: each tracker word for a field adapters keep among
 * custom fields (the profile's scriptFields.aliases: `workItem.areaPath` is
 * `customFields['System.AreaPath']`), every custom field with a
 * dotted reference name as a property of its own (`workItem['Microsoft.VSTS.Common.Priority']`),
 * and Asana's `completed`. Plain properties rather than accessors: the harness stays small, and
 * foldAliases turns what the script changed back into custom fields after the run.
 */
export function aliasProperties(tracker: TrackerKind, customFields: Readonly<Record<string, unknown>>, status: string | null): Record<string, unknown> {
  const fields = trackerProfile(tracker).scriptFields;
  const properties: Record<string, unknown> = {};
  for (const [alias, fieldName] of Object.entries(fields.aliases)) properties[alias] = customFields[fieldName] ?? null;
  if (fields.dottedCustomFields) for (const [name, value] of Object.entries(customFields)) if (name.includes('.')) properties[name] = value;
  if (fields.completedFlag) properties['completed'] = status === completedStatus(tracker);
  return properties;
}

/**
 * Folds the alias properties the script changed into custom fields (and Asana's `completed` into
 * the status, unless the script set the status itself). `shown` is the item as the script got it.
 */
export function foldAliases(tracker: TrackerKind, wanted: ScriptedItem, shown: Readonly<Record<string, unknown>>): ScriptedItem {
  const changed = (name: string): boolean => name in wanted && canonicalJson(wanted[name] ?? null) !== canonicalJson(shown[name] ?? null);
  const fields = trackerProfile(tracker).scriptFields;
  const customFields: Record<string, unknown> = { ...wanted.customFields };
  for (const [alias, fieldName] of Object.entries(fields.aliases)) if (changed(alias)) customFields[fieldName] = wanted[alias] ?? null;
  if (fields.dottedCustomFields) for (const name of Object.keys(wanted)) if (name.includes('.') && changed(name)) customFields[name] = wanted[name] ?? null;
  let status = wanted.status;
  const shownStatus = (shown['status'] as { readonly name: string } | null | undefined)?.name ?? null;
  if (fields.completedFlag && changed('completed') && status === shownStatus)
    status = wanted['completed'] === true ? completedStatus(tracker) : trackerProfile(tracker).vocabulary.statuses.target.todo;
  return { ...wanted, customFields, status };
}

/** The status a `completed` flag stands for: the tracker's finished status ("completed" on Asana). */
function completedStatus(tracker: TrackerKind): string {
  return trackerProfile(tracker).vocabulary.statuses.target.done;
}
