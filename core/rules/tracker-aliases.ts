import type { TrackerKind } from '../ports/tracker';
import { canonicalJson } from '../replica/canonical-json';
import type { ScriptedItem } from './script-outputs';

/**
 * Tracker words for fields adapters keep among custom fields: `workItem.areaPath` is
 * `customFields['System.AreaPath']`. Adapters put these names in TrackerItem.customFields.
 */
export const trackerFieldAliases: Readonly<Record<TrackerKind, Readonly<Record<string, string>>>> = {
  'jira-cloud': {},
  'jira-server': {},
  'azure-devops': { areaPath: 'System.AreaPath', iterationPath: 'System.IterationPath' },
  asana: { due: 'due_on' },
};

/**
 * The alias properties a script sees on the item: each tracker word, every custom field with a
 * dotted reference name as a property of its own (`workItem['Microsoft.VSTS.Common.Priority']`),
 * and Asana's `completed`. Plain properties rather than accessors: the harness stays small, and
 * foldAliases turns what the script changed back into custom fields after the run.
 */
export function aliasProperties(tracker: TrackerKind, customFields: Readonly<Record<string, unknown>>, status: string | null): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (const [alias, fieldName] of Object.entries(trackerFieldAliases[tracker])) properties[alias] = customFields[fieldName] ?? null;
  if (tracker === 'azure-devops') for (const [name, value] of Object.entries(customFields)) if (name.includes('.')) properties[name] = value;
  if (tracker === 'asana') properties['completed'] = status === 'completed';
  return properties;
}

/**
 * Folds the alias properties the script changed into custom fields (and Asana's `completed` into
 * the status, unless the script set the status itself). `shown` is the item as the script got it.
 */
export function foldAliases(tracker: TrackerKind, wanted: ScriptedItem, shown: Readonly<Record<string, unknown>>): ScriptedItem {
  const changed = (name: string): boolean => name in wanted && canonicalJson(wanted[name] ?? null) !== canonicalJson(shown[name] ?? null);
  const customFields: Record<string, unknown> = { ...wanted.customFields };
  for (const [alias, fieldName] of Object.entries(trackerFieldAliases[tracker])) if (changed(alias)) customFields[fieldName] = wanted[alias] ?? null;
  if (tracker === 'azure-devops') for (const name of Object.keys(wanted)) if (name.includes('.') && changed(name)) customFields[name] = wanted[name] ?? null;
  let status = wanted.status;
  const shownStatus = (shown['status'] as { readonly name: string } | null | undefined)?.name ?? null;
  if (tracker === 'asana' && changed('completed') && status === shownStatus) status = wanted['completed'] === true ? 'completed' : 'incomplete';
  return { ...wanted, customFields, status };
}
