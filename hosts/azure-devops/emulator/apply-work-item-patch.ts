import { z } from 'zod';
import type { AzureDevOpsEmulatorState } from './azure-devops-emulator-state';
import { refused, succeeded, type EmulatorOutcome } from './emulator-failure';
import { normaliseFieldValue } from './work-item-field-rules';
import { relationTypes, type RelationRecord, type WorkItemRecord } from './work-item-records';

/** JsonPatchOperation of the work item tracking 7.1 document. */
const patchDocumentSchema = z.array(
  z.looseObject({
    op: z.enum(['add', 'remove', 'replace', 'move', 'copy', 'test']),
    path: z.string(),
    value: z.unknown().optional(),
    from: z.string().nullish(),
  }),
);

const relationValueSchema = z.looseObject({
  rel: z.string(),
  url: z.string(),
  attributes: z.record(z.string(), z.unknown()).nullish(),
});

export interface FieldChange {
  readonly oldValue: unknown;
  readonly newValue: unknown;
}

export interface PatchResult {
  readonly record: WorkItemRecord;
  /** Other work items whose links changed with it (the far end of a parent link). */
  readonly linked: readonly WorkItemRecord[];
  /** Field changes as a service hook's `workitem.updated` resource lists them. */
  readonly changes: Readonly<Record<string, FieldChange>>;
}

/**
 * Applies a JSON Patch document (RFC 6902, as Azure DevOps restricts it for work items) all or
 * nothing: the first failing operation, including a `test` (answered 412 with TF26071, the
 * optimistic-concurrency refusal), leaves the work item as it was.
 */
export function applyWorkItemPatch(
  state: AzureDevOpsEmulatorState,
  original: WorkItemRecord,
  document: unknown,
  userEmail: string,
): EmulatorOutcome<PatchResult> {
  const parsed = patchDocumentSchema.safeParse(document);
  if (!parsed.success || parsed.data.length === 0)
    return refused(400, 'VssPropertyValidationException', 'You must pass a valid patch document in the body of the request.');
  const projectName = String(original.fields['System.TeamProject'] ?? '');
  const fields: Record<string, unknown> = { ...original.fields };
  let relations: RelationRecord[] = [...original.relations];
  const linked = new Map<number, WorkItemRecord>();

  for (const operation of parsed.data) {
    if (operation.op === 'test') {
      const actual = operation.path === '/rev' ? original.rev : operation.path === '/id' ? original.id : fields[operation.path.replace(/^\/fields\//, '')];
      if (String(actual) !== String(operation.value))
        return refused(
          412,
          'WorkItemRevisionMismatchException',
          'TF26071: This work item has been changed by someone else since you opened it. You will need to refresh it and discard your changes.',
        );
      continue;
    }
    if (operation.op === 'move' || operation.op === 'copy')
      return refused(400, 'VssPropertyValidationException', `The '${operation.op}' operation is not supported for work items.`);

    if (operation.path.startsWith('/fields/')) {
      const field = operation.path.slice('/fields/'.length);
      const value = operation.op === 'remove' ? undefined : operation.value;
      const normalised = normaliseFieldValue(field, value, { state, projectName });
      if (!normalised.ok) return normalised;
      if (normalised.value === undefined) delete fields[field];
      else fields[field] = normalised.value;
      continue;
    }

    if (operation.path === '/relations/-' && operation.op === 'add') {
      const added = readRelation(state, original, relations, operation.value);
      if (!added.ok) return added;
      relations.push(added.value);
      const target = 'workItemId' in added.value.target ? added.value.target.workItemId : undefined;
      if (target !== undefined) linkFarEnd(state, linked, target, added.value.rel, original.id, 'add');
      continue;
    }

    const index = /^\/relations\/(\d+)(\/attributes)?$/.exec(operation.path);
    const existing = index === null ? undefined : relations[Number(index[1])];
    if (index !== null && existing !== undefined && (operation.op === 'remove' || operation.op === 'replace')) {
      if (operation.op === 'remove') {
        relations = relations.filter((_, position) => position !== Number(index[1]));
        if ('workItemId' in existing.target) linkFarEnd(state, linked, existing.target.workItemId, existing.rel, original.id, 'remove');
      } else {
        const attributes = z
          .record(z.string(), z.unknown())
          .safeParse(index[2] === undefined ? (relationValueSchema.safeParse(operation.value).data?.attributes ?? {}) : operation.value);
        relations = relations.map((relation, position) =>
          position === Number(index[1]) ? { ...relation, attributes: { ...relation.attributes, ...(attributes.data ?? {}) } } : relation,
        );
      }
      continue;
    }
    return refused(400, 'VssPropertyValidationException', `The path ${operation.path} is not valid for the '${operation.op}' operation on a work item.`);
  }

  if (String(fields['System.Title'] ?? '').trim() === '')
    return refused(400, 'RuleValidationException', 'TF401320: Rule Error for field Title. Error code: Required, InvalidEmpty.');

  const changes: Record<string, FieldChange> = {};
  for (const name of new Set([...Object.keys(original.fields), ...Object.keys(fields)])) {
    if (JSON.stringify(original.fields[name]) !== JSON.stringify(fields[name])) changes[name] = { oldValue: original.fields[name], newValue: fields[name] };
  }
  const relationsChanged = JSON.stringify(relations) !== JSON.stringify(original.relations);
  if (Object.keys(changes).length === 0 && !relationsChanged && linked.size === 0) return succeeded({ record: original, linked: [], changes });

  const now = state.now();
  const rev = original.rev + 1;
  const stamped: Record<string, unknown> = {
    ...fields,
    'System.Rev': rev,
    'System.ChangedDate': now,
    'System.ChangedBy': userEmail,
    'System.AuthorizedDate': now,
  };
  if (changes['System.State'] !== undefined) stamped['Microsoft.VSTS.Common.StateChangeDate'] = now;
  const parent = relations.find((relation) => relation.rel === 'System.LinkTypes.Hierarchy-Reverse');
  if (parent !== undefined && 'workItemId' in parent.target) stamped['System.Parent'] = parent.target.workItemId;
  else delete stamped['System.Parent'];
  changes['System.Rev'] = { oldValue: original.rev, newValue: rev };
  changes['System.ChangedDate'] = { oldValue: original.fields['System.ChangedDate'], newValue: now };
  return succeeded({
    record: { ...original, rev, fields: stamped, relations },
    linked: [...linked.values()].map((item) => stampLinked(item, userEmail, now)),
    changes,
  });
}

function readRelation(
  state: AzureDevOpsEmulatorState,
  item: WorkItemRecord,
  relations: readonly RelationRecord[],
  value: unknown,
): EmulatorOutcome<RelationRecord> {
  const parsed = relationValueSchema.safeParse(value);
  if (!parsed.success) return refused(400, 'VssPropertyValidationException', 'A relation needs "rel" and "url".');
  const { rel, url } = parsed.data;
  const attributes = parsed.data.attributes ?? {};
  if (!relationTypes.has(rel)) return refused(400, 'WorkItemLinkInvalidException', `VS402625: Relation type ${rel} does not exist.`);
  if (rel === 'AttachedFile') {
    const attachmentId = /\/_apis\/wit\/attachments\/([0-9a-fA-F-]{36})(?:[?/]|$)/.exec(url)?.[1]?.toLowerCase();
    if (attachmentId === undefined || state.findAttachment(attachmentId) === undefined)
      return refused(400, 'WorkItemLinkInvalidException', `TF237124: Attachment ${url} is not found.`);
    return succeeded({ rel, target: { attachmentId }, attributes });
  }
  if (rel === 'Hyperlink' || rel === 'ArtifactLink') return succeeded({ rel, target: { url }, attributes });

  const workItemId = Number(/\/_apis\/wit\/workItems\/(\d+)\/?$/i.exec(url)?.[1] ?? Number.NaN);
  if (!Number.isInteger(workItemId) || state.findWorkItem(workItemId) === undefined)
    return refused(400, 'WorkItemLinkInvalidException', `TF201035: The work item ${url} that you are trying to link to does not exist.`);
  if (workItemId === item.id) return refused(400, 'WorkItemLinkInvalidException', 'TF201036: A work item cannot be linked to itself.');
  if (relations.some((relation) => relation.rel === rel && 'workItemId' in relation.target && relation.target.workItemId === workItemId)) {
    return refused(400, 'WorkItemLinkInvalidException', `TF201040: The link to work item ${workItemId} already exists.`);
  }
  if (rel === 'System.LinkTypes.Hierarchy-Reverse' && relations.some((relation) => relation.rel === rel)) {
    return refused(
      400,
      'WorkItemLinkInvalidException',
      'TF201036: You cannot add a Parent link to this work item because a work item can have only one link of this type.',
    );
  }
  return succeeded({
    rel,
    target: { workItemId },
    attributes: {
      isLocked: false,
      name: rel === 'System.LinkTypes.Hierarchy-Reverse' ? 'Parent' : rel === 'System.LinkTypes.Hierarchy-Forward' ? 'Child' : 'Related',
      ...attributes,
    },
  });
}

/** Azure DevOps keeps both ends of a link: a Parent link on one item is a Child link on the other. */
function linkFarEnd(
  state: AzureDevOpsEmulatorState,
  linked: Map<number, WorkItemRecord>,
  targetId: number,
  rel: string,
  itemId: number,
  action: 'add' | 'remove',
): void {
  const reverse: Readonly<Record<string, string>> = {
    'System.LinkTypes.Hierarchy-Reverse': 'System.LinkTypes.Hierarchy-Forward',
    'System.LinkTypes.Hierarchy-Forward': 'System.LinkTypes.Hierarchy-Reverse',
    'System.LinkTypes.Related': 'System.LinkTypes.Related',
  };
  const farRel = reverse[rel];
  const target = linked.get(targetId) ?? state.findWorkItem(targetId);
  if (farRel === undefined || target === undefined) return;
  const relations =
    action === 'add'
      ? [
          ...target.relations,
          {
            rel: farRel,
            target: { workItemId: itemId },
            attributes: { isLocked: false, name: farRel.endsWith('Forward') ? 'Child' : farRel.endsWith('Reverse') ? 'Parent' : 'Related' },
          },
        ]
      : target.relations.filter((relation) => !(relation.rel === farRel && 'workItemId' in relation.target && relation.target.workItemId === itemId));
  linked.set(targetId, { ...target, relations });
}

function stampLinked(item: WorkItemRecord, userEmail: string, now: string): WorkItemRecord {
  const rev = item.rev + 1;
  const parent = item.relations.find((relation) => relation.rel === 'System.LinkTypes.Hierarchy-Reverse');
  const fields: Record<string, unknown> = { ...item.fields, 'System.Rev': rev, 'System.ChangedDate': now, 'System.ChangedBy': userEmail };
  if (parent !== undefined && 'workItemId' in parent.target) fields['System.Parent'] = parent.target.workItemId;
  else delete fields['System.Parent'];
  return { ...item, rev, fields };
}
