import type { ItemChanges, NewItem } from '../../core';
import { richTextToHtml } from '../../core/rich-text/html';
import type { WorkItemResponse } from './azure-devops-responses';
import { parentRelation } from './work-item-mapping';

/** One JSON Patch operation (RFC 6902) as the work item tracking API takes it (`JsonPatchOperation`). */
export interface PatchOperation {
  readonly op: 'add' | 'remove' | 'replace' | 'test';
  readonly path: string;
  readonly value?: unknown;
}

/**
 * The JSON Patch that makes a work item say what `changes` asks. `add` on a field sets it whether
 * or not it has a value (the documented way to write work item fields); `remove` is only sent for a
 * field or relation that exists, since the service refuses removing what is not there.
 */
export function patchForChanges(organizationUrl: string, current: WorkItemResponse | undefined, changes: ItemChanges): PatchOperation[] {
  const fields = current?.fields ?? {};
  const operations: PatchOperation[] = [];
  const set = (field: string, value: unknown): void => {
    operations.push({ op: 'add', path: `/fields/${field}`, value });
  };
  const clear = (field: string): void => {
    if (fields[field] !== undefined && fields[field] !== null && fields[field] !== '') operations.push({ op: 'remove', path: `/fields/${field}` });
  };

  if (changes.summary !== undefined) set('System.Title', changes.summary);
  if (changes.description !== undefined) set('System.Description', richTextToHtml(changes.description));
  if (changes.status !== undefined) set('System.State', changes.status);
  if (changes.priority !== undefined) {
    // Microsoft.VSTS.Common.Priority is an integer (1 highest to 4 lowest in the Agile and Scrum processes).
    if (changes.priority === null) clear('Microsoft.VSTS.Common.Priority');
    else set('Microsoft.VSTS.Common.Priority', /^\d+$/.test(changes.priority) ? Number(changes.priority) : changes.priority);
  }
  if (changes.labels !== undefined) {
    if (changes.labels.length === 0) clear('System.Tags');
    else set('System.Tags', changes.labels.join('; '));
  }
  if (changes.assigneeEmail !== undefined) {
    // The service resolves an email (or "Name <email>") to the organization's identity.
    if (changes.assigneeEmail === null) clear('System.AssignedTo');
    else set('System.AssignedTo', changes.assigneeEmail);
  }
  for (const [field, value] of Object.entries(changes.customFields ?? {})) {
    if (value === null || value === undefined) clear(field);
    else set(field, value);
  }
  if (changes.parentKey !== undefined) operations.push(...parentOperations(organizationUrl, current, changes.parentKey));
  return operations;
}

/**
 * What `patchForChanges` reads of the work item before writing: its relations for a parent change
 * (the old link is removed by its index), its field values for a clear (the service refuses
 * removing a field that has no value), nothing for changes that only set values, which come out
 * the same whatever the item holds.
 */
export type CurrentStateNeeded = 'nothing' | 'fields' | 'relations';

export function currentStateNeededBy(changes: ItemChanges): CurrentStateNeeded {
  if (changes.parentKey !== undefined) return 'relations';
  const clears =
    changes.priority === null ||
    changes.labels?.length === 0 ||
    changes.assigneeEmail === null ||
    Object.values(changes.customFields ?? {}).some((value) => value === null || value === undefined);
  return clears ? 'fields' : 'nothing';
}

/** Creation: the title and type's fields, then the same operations as an update. */
export function patchForNewItem(organizationUrl: string, item: NewItem): PatchOperation[] {
  const { summary, projectKey: _projectKey, type: _type, ...changes } = item;
  return [{ op: 'add', path: '/fields/System.Title', value: summary }, ...patchForChanges(organizationUrl, undefined, changes)];
}

function parentOperations(organizationUrl: string, current: WorkItemResponse | undefined, parentKey: string | null): PatchOperation[] {
  const relations = current?.relations ?? [];
  const index = relations.findIndex((relation) => relation.rel === parentRelation);
  const existing = index < 0 ? undefined : /\/workItems\/(\d+)\/?$/i.exec(relations[index]?.url ?? '')?.[1];
  if (existing === (parentKey ?? undefined)) return [];
  const operations: PatchOperation[] = index < 0 ? [] : [{ op: 'remove', path: `/relations/${index}` }];
  if (parentKey !== null)
    operations.push({
      op: 'add',
      path: '/relations/-',
      value: { rel: parentRelation, url: `${organizationUrl}/_apis/wit/workItems/${parentKey}`, attributes: { comment: 'Linked by the Exalate sync node' } },
    });
  return operations;
}
