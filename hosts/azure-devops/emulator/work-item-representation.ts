import type { AzureDevOpsEmulatorState } from './azure-devops-emulator-state';
import { identityFields, type CommentRecord, type RelationRecord, type WorkItemRecord } from './work-item-records';

export type WorkItemExpand = 'none' | 'relations' | 'fields' | 'links' | 'all';

/** IdentityRef (work item tracking 7.1 `definitions.IdentityRef`) for a stored email. */
export function identityReference(state: AzureDevOpsEmulatorState, organizationUrl: string, email: string): Record<string, unknown> {
  const user = state.findUserByEmail(email);
  const id = user?.id ?? '00000000-0000-0000-0000-000000000000';
  const descriptor = `aad.${Buffer.from(id).toString('base64url')}`;
  return {
    displayName: user?.displayName ?? email,
    url: `${organizationUrl}/_apis/Identities/${id}`,
    _links: { avatar: { href: `${organizationUrl}/_apis/GraphProfile/MemberAvatars/${descriptor}` } },
    id,
    uniqueName: user?.email ?? email,
    imageUrl: `${organizationUrl}/_apis/GraphProfile/MemberAvatars/${descriptor}`,
    descriptor,
  };
}

/** The REST URL Azure DevOps gives a work item: under the project id, `workItems` in camel case. */
export function workItemUrl(state: AzureDevOpsEmulatorState, organizationUrl: string, record: WorkItemRecord): string {
  const project = state.findProject(String(record.fields['System.TeamProject'] ?? ''));
  return `${organizationUrl}/${project?.id ?? '_'}/_apis/wit/workItems/${record.id}`;
}

/** WorkItem (`definitions.WorkItem`): fields always; relations and links when `$expand` asks for them. */
export function representWorkItem(
  state: AzureDevOpsEmulatorState,
  organizationUrl: string,
  record: WorkItemRecord,
  expand: WorkItemExpand,
  only?: readonly string[],
): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(record.fields)) {
    if (only !== undefined && !only.some((wanted) => wanted.toLowerCase() === name.toLowerCase())) continue;
    fields[name] = identityFields.has(name) && typeof value === 'string' ? identityReference(state, organizationUrl, value) : value;
  }
  const url = workItemUrl(state, organizationUrl, record);
  const representation: Record<string, unknown> = { id: record.id, rev: record.rev, fields };
  if (expand === 'relations' || expand === 'all') {
    // A work item without relations has no `relations` property at all.
    if (record.relations.length > 0) representation['relations'] = record.relations.map((relation) => representRelation(state, organizationUrl, relation));
  }
  if (expand === 'links' || expand === 'all') {
    const project = String(record.fields['System.TeamProject'] ?? '');
    representation['_links'] = {
      self: { href: url },
      workItemUpdates: { href: `${url}/updates` },
      workItemRevisions: { href: `${url}/revisions` },
      workItemComments: { href: `${url}/comments` },
      html: { href: `${organizationUrl}/${encodeURIComponent(project)}/_workitems/edit/${record.id}` },
      workItemType: { href: `${organizationUrl}/_apis/wit/workItemTypes/${encodeURIComponent(String(record.fields['System.WorkItemType'] ?? ''))}` },
      fields: { href: `${organizationUrl}/_apis/wit/fields` },
    };
  }
  representation['url'] = url;
  return representation;
}

function representRelation(state: AzureDevOpsEmulatorState, organizationUrl: string, relation: RelationRecord): Record<string, unknown> {
  if ('workItemId' in relation.target)
    return { rel: relation.rel, url: `${organizationUrl}/_apis/wit/workItems/${relation.target.workItemId}`, attributes: relation.attributes };
  if ('url' in relation.target) return { rel: relation.rel, url: relation.target.url, attributes: relation.attributes };
  const attachment = state.findAttachment(relation.target.attachmentId);
  // The attributes Azure DevOps puts on an AttachedFile relation.
  const attributes =
    attachment === undefined
      ? relation.attributes
      : {
          authorizedDate: attachment.createdDate,
          id: attachment.id,
          resourceCreatedDate: attachment.createdDate,
          resourceModifiedDate: attachment.createdDate,
          revisedDate: '9999-01-01T00:00:00Z',
          resourceSize: Buffer.from(attachment.content, 'base64').length,
          name: attachment.fileName,
          ...relation.attributes,
        };
  return { rel: relation.rel, url: `${organizationUrl}/_apis/wit/attachments/${relation.target.attachmentId}`, attributes };
}

/** Comment (`definitions.Comment`, 7.1-preview.4). */
export function representComment(state: AzureDevOpsEmulatorState, organizationUrl: string, projectId: string, comment: CommentRecord): Record<string, unknown> {
  const author = (id: string): Record<string, unknown> => identityReference(state, organizationUrl, state.findUserById(id)?.email ?? '');
  return {
    workItemId: comment.workItemId,
    id: comment.id,
    version: comment.version,
    text: comment.text,
    createdBy: author(comment.createdBy),
    createdDate: comment.createdDate,
    modifiedBy: author(comment.modifiedBy),
    modifiedDate: comment.modifiedDate,
    format: 'html',
    renderedText: '',
    isDeleted: comment.isDeleted,
    mentions: [],
    reactions: [],
    url: `${organizationUrl}/${projectId}/_apis/wit/workItems/${comment.workItemId}/comments/${comment.id}`,
  };
}
