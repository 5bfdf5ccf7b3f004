import type { TrackerAttachment, TrackerComment, TrackerItem, TrackerUser } from '../../core';
import { richTextFromHtml } from '../../core/rich-text/html';
import { guessMimeType } from '../tracker-http';
import type { CommentResponse, WorkItemResponse } from './azure-devops-responses';

/** Fields the item carries in its own properties, so they are not repeated in customFields. */
const mappedFields = new Set([
  'System.Id',
  'System.Rev',
  'System.Title',
  'System.Description',
  'System.State',
  'System.Tags',
  'System.AssignedTo',
  'System.CreatedBy',
  'System.WorkItemType',
  'System.TeamProject',
  'System.ChangedDate',
  'Microsoft.VSTS.Common.Priority',
  'System.Parent',
  'System.CommentCount',
  'System.History',
  // Bookkeeping of the service that changes with every revision and means nothing to a script.
  'System.Watermark',
  'System.AuthorizedAs',
  'System.AuthorizedDate',
  'System.RevisedDate',
  'System.PersonId',
]);

export const parentRelation = 'System.LinkTypes.Hierarchy-Reverse';
export const attachmentRelation = 'AttachedFile';

/** A work item (read with `$expand=all`) and its comments, in the shape every adapter returns. */
export function toTrackerItem(organizationUrl: string, workItem: WorkItemResponse, comments: readonly CommentResponse[]): TrackerItem {
  const fields = workItem.fields;
  const text = (name: string): string => (typeof fields[name] === 'string' ? fields[name] : '');
  const project = text('System.TeamProject');
  const priority = fields['Microsoft.VSTS.Common.Priority'];
  const customFields: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(fields)) {
    if (mappedFields.has(name)) continue;
    const identity = identityOf(value);
    // Identity-valued fields (ChangedBy, ResolvedBy, custom people pickers) read as emails.
    customFields[name] = identity !== null && typeof value === 'object' ? (identity.email ?? identity.displayName) : value;
  }
  return {
    key: String(workItem.id),
    projectKey: project,
    type: text('System.WorkItemType'),
    summary: text('System.Title'),
    description: richTextFromHtml(text('System.Description')),
    status: text('System.State'),
    priority: typeof priority === 'number' || typeof priority === 'string' ? String(priority) : null,
    // System.Tags is one string, "; "-separated (learn.microsoft.com, "Add work item tags").
    labels: text('System.Tags')
      .split(';')
      .map((tag) => tag.trim())
      .filter((tag) => tag !== ''),
    assignee: identityOf(fields['System.AssignedTo']),
    reporter: identityOf(fields['System.CreatedBy']),
    comments: [...comments]
      .filter((comment) => comment.isDeleted !== true)
      .sort((left, right) => left.id - right.id)
      .map(toTrackerComment),
    attachments: (workItem.relations ?? []).filter((relation) => relation.rel === attachmentRelation).map(toTrackerAttachment),
    customFields,
    parentKey: parentKeyOf(workItem),
    updated: text('System.ChangedDate'),
    url: workItem._links?.html?.href ?? `${organizationUrl}/${encodeURIComponent(project)}/_workitems/edit/${workItem.id}`,
  };
}

/**
 * System.CommentCount is the number of comments on the work item (the "Discussion"); at 0 there is
 * nothing to read. A server that does not send it may have comments, so they are read.
 */
export function mayHaveComments(workItem: WorkItemResponse): boolean {
  const count = workItem.fields['System.CommentCount'];
  return count === undefined || count === null || Number(count) !== 0;
}

/** IdentityRef objects carry `uniqueName` (the sign-in email on Azure DevOps Services); strings are "Name <email>". */
export function identityOf(value: unknown): TrackerUser | null {
  if (typeof value === 'string') {
    const match = /^(.*?)\s*<([^<>]+@[^<>]+)>\s*$/.exec(value);
    if (match !== null) return { displayName: match[1] || (match[2] ?? ''), email: match[2] ?? null, id: match[2] ?? value };
    return value.includes('@') ? { displayName: value, email: value, id: value } : null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const identity = value as Readonly<Record<string, unknown>>;
  const uniqueName = typeof identity.uniqueName === 'string' ? identity.uniqueName : undefined;
  const displayName = typeof identity.displayName === 'string' ? identity.displayName : uniqueName;
  if (displayName === undefined) return null;
  return {
    displayName,
    email: uniqueName?.includes('@') === true ? uniqueName : null,
    id: typeof identity.id === 'string' ? identity.id : (uniqueName ?? displayName),
  };
}

function toTrackerComment(comment: CommentResponse): TrackerComment {
  return {
    id: String(comment.id),
    author: identityOf(comment.createdBy),
    body: richTextFromHtml(comment.text ?? ''),
    created: comment.createdDate,
    updated: comment.modifiedDate ?? comment.createdDate,
  };
}

/** The attachment id is the last segment of the relation URL (`…/_apis/wit/attachments/{guid}`). */
export function attachmentIdOf(url: string): string {
  return /\/_apis\/wit\/attachments\/([^/?]+)/i.exec(url)?.[1] ?? url;
}

function toTrackerAttachment(relation: {
  readonly url: string;
  readonly attributes?: Readonly<Record<string, unknown>> | null | undefined;
}): TrackerAttachment {
  const attributes = relation.attributes ?? {};
  const filename = typeof attributes['name'] === 'string' ? attributes['name'] : 'attachment';
  const created = attributes['resourceCreatedDate'] ?? attributes['authorizedDate'];
  return {
    id: attachmentIdOf(relation.url),
    filename,
    // Azure DevOps keeps no media type for attachments; it is guessed from the file name.
    mimeType: guessMimeType(filename),
    size: typeof attributes['resourceSize'] === 'number' ? attributes['resourceSize'] : 0,
    created: typeof created === 'string' ? created : '',
  };
}

export function parentKeyOf(workItem: WorkItemResponse): string | null {
  const relation = (workItem.relations ?? []).find((candidate) => candidate.rel === parentRelation);
  const fromRelation = relation === undefined ? undefined : /\/workItems\/(\d+)\/?$/i.exec(relation.url)?.[1];
  if (fromRelation !== undefined) return fromRelation;
  const parent = workItem.fields['System.Parent'];
  return typeof parent === 'number' ? String(parent) : null;
}
