import { jiraProjectAvatarUrls, jiraTimestamp, jiraUserAvatarUrls, type JiraProjectRecord } from './jira-representations';
import type { JiraWork } from './jira-work';
import type { JiraAttachmentRecord, JiraCommentRecord, JiraIssueRecord, JiraStatusRecord, JiraUserRecord } from './jira-work-records';

/**
 * Issues, comments, attachments, users and transitions as both Jira emulators answer them. Shapes
 * follow `IssueBean`, `Comment`, `Attachment`, `UserDetails`/`User`, `IssueTransition` and
 * `StatusDetails` of the Jira Cloud platform v3 document (which the tests check them against).
 * Server/DC REST v2 serves the same resources; its differences, from Atlassian's Jira Server REST
 * v2 reference: people carry `key` and `name` instead of `accountId`, text fields are wiki markup
 * strings instead of ADF, and there is no `accountType`.
 */
export interface JiraEmulatorDialect {
  readonly restVersion: '2' | '3';
  /** Cloud names people by accountId; Server/DC by username. */
  readonly people: 'accountId' | 'username';
}

export interface RepresentationContext {
  readonly site: string;
  readonly dialect: JiraEmulatorDialect;
  readonly work: JiraWork;
  readonly projects: readonly JiraProjectRecord[];
}

/** Field id → the name admins see (the `names` expansion). */
export const systemFieldNames: Readonly<Record<string, string>> = {
  summary: 'Summary',
  description: 'Description',
  issuetype: 'Issue Type',
  project: 'Project',
  status: 'Status',
  priority: 'Priority',
  labels: 'Labels',
  assignee: 'Assignee',
  reporter: 'Reporter',
  creator: 'Creator',
  parent: 'Parent',
  created: 'Created',
  updated: 'Updated',
  comment: 'Comment',
  attachment: 'Attachment',
};

function api(context: RepresentationContext): string {
  return `${context.site}/rest/api/${context.dialect.restVersion}`;
}

export function userRepresentation(context: RepresentationContext, user: JiraUserRecord): Record<string, unknown> {
  const common = {
    emailAddress: user.emailAddress,
    avatarUrls: jiraUserAvatarUrls(context.site, user.id),
    displayName: user.displayName,
    active: user.active,
    timeZone: user.timeZone,
  };
  return context.dialect.people === 'accountId'
    ? { self: `${api(context)}/user?accountId=${encodeURIComponent(user.id)}`, accountId: user.id, accountType: 'atlassian', ...common }
    : { self: `${api(context)}/user?username=${encodeURIComponent(user.name)}`, key: user.id, name: user.name, ...common };
}

function userOrNull(context: RepresentationContext, id: string | null): Record<string, unknown> | null {
  const user = context.work.user(id);
  return user === undefined ? null : userRepresentation(context, user);
}

export function statusRepresentation(context: RepresentationContext, status: JiraStatusRecord): Record<string, unknown> {
  const category = {
    new: { id: 2, key: 'new', colorName: 'blue-gray', name: 'To Do' },
    indeterminate: { id: 4, key: 'indeterminate', colorName: 'yellow', name: 'In Progress' },
    done: { id: 3, key: 'done', colorName: 'green', name: 'Done' },
  }[status.category];
  return {
    self: `${api(context)}/status/${status.id}`,
    description: '',
    iconUrl: `${context.site}/images/icons/statuses/generic.png`,
    name: status.name,
    id: status.id,
    statusCategory: { self: `${api(context)}/statuscategory/${category.id}`, ...category },
  };
}

export function commentRepresentation(context: RepresentationContext, issue: JiraIssueRecord, comment: JiraCommentRecord): Record<string, unknown> {
  return {
    self: `${api(context)}/issue/${issue.id}/comment/${comment.id}`,
    id: comment.id,
    author: userOrNull(context, comment.authorId),
    body: comment.body,
    updateAuthor: userOrNull(context, comment.updateAuthorId),
    created: jiraTimestamp(new Date(comment.created)),
    updated: jiraTimestamp(new Date(comment.updated)),
    ...(context.dialect.people === 'accountId' ? { jsdPublic: true } : {}),
  };
}

export function attachmentRepresentation(context: RepresentationContext, attachment: JiraAttachmentRecord): Record<string, unknown> {
  // Cloud serves content through the REST resource; Server/DC through its attachment servlet.
  const content =
    context.dialect.restVersion === '3'
      ? `${api(context)}/attachment/content/${attachment.id}`
      : `${context.site}/secure/attachment/${attachment.id}/${encodeURIComponent(attachment.filename)}`;
  return {
    self: `${api(context)}/attachment/${attachment.id}`,
    id: attachment.id,
    filename: attachment.filename,
    author: userOrNull(context, attachment.authorId),
    created: jiraTimestamp(new Date(attachment.created)),
    size: attachment.size,
    mimeType: attachment.mimeType,
    content,
  };
}

export function issueTypeRepresentation(context: RepresentationContext, typeId: string): Record<string, unknown> {
  const type = context.work.snapshot.issueTypes.find((candidate) => candidate.id === typeId);
  return {
    self: `${api(context)}/issuetype/${typeId}`,
    id: typeId,
    description: '',
    iconUrl: `${context.site}/images/icons/issuetypes/generic.png`,
    name: type?.name ?? typeId,
    subtask: type?.subtask ?? false,
  };
}

/** Every field of an issue by id, as `fields` of an IssueBean holds them. */
export function issueFields(context: RepresentationContext, issue: JiraIssueRecord): Record<string, unknown> {
  const snapshot = context.work.snapshot;
  const project = context.projects.find((candidate) => candidate.key === issue.projectKey);
  const status = snapshot.statuses.find((candidate) => candidate.id === issue.statusId)!;
  const priority = snapshot.priorities.find((candidate) => candidate.id === issue.priorityId);
  const parent = issue.parentKey === null ? undefined : context.work.issue(issue.parentKey);
  const fields: Record<string, unknown> = {
    summary: issue.summary,
    description: issue.description ?? null,
    issuetype: issueTypeRepresentation(context, issue.issueTypeId),
    project:
      project === undefined
        ? null
        : {
            self: `${api(context)}/project/${project.id}`,
            id: project.id,
            key: project.key,
            name: project.name,
            projectTypeKey: project.projectTypeKey,
            avatarUrls: jiraProjectAvatarUrls(context.site, project.id),
          },
    status: statusRepresentation(context, status),
    priority:
      priority === undefined
        ? null
        : {
            self: `${api(context)}/priority/${priority.id}`,
            iconUrl: `${context.site}/images/icons/priorities/${priority.name.toLowerCase()}.svg`,
            name: priority.name,
            id: priority.id,
          },
    labels: issue.labels,
    assignee: userOrNull(context, issue.assigneeId),
    reporter: userOrNull(context, issue.reporterId),
    creator: userOrNull(context, issue.creatorId),
    created: jiraTimestamp(new Date(issue.created)),
    updated: jiraTimestamp(new Date(issue.updated)),
    comment: {
      comments: issue.comments.map((comment) => commentRepresentation(context, issue, comment)),
      self: `${api(context)}/issue/${issue.id}/comment`,
      maxResults: issue.comments.length,
      total: issue.comments.length,
      startAt: 0,
    },
    attachment: issue.attachments.map((attachment) => attachmentRepresentation(context, attachment)),
  };
  if (parent !== undefined)
    fields['parent'] = {
      id: parent.id,
      key: parent.key,
      self: `${api(context)}/issue/${parent.id}`,
      fields: {
        summary: parent.summary,
        status: statusRepresentation(
          context,
          snapshot.statuses.find((candidate) => candidate.id === parent.statusId)!,
        ),
      },
    };
  for (const custom of snapshot.customFields) fields[custom.id] = issue.customFields[custom.id] ?? null;
  return fields;
}

export interface IssueRepresentationOptions {
  /** Field ids to include; undefined or containing `*all`/`*navigable` means all. */
  readonly fields?: readonly string[] | undefined;
  readonly expand?: readonly string[] | undefined;
}

export function issueRepresentation(context: RepresentationContext, issue: JiraIssueRecord, options: IssueRepresentationOptions = {}): Record<string, unknown> {
  const all = issueFields(context, issue);
  const wanted = options.fields;
  const fields =
    wanted === undefined || wanted.some((field) => field === '*all' || field === '*navigable')
      ? all
      : Object.fromEntries(Object.entries(all).filter(([id]) => wanted.includes(id)));
  const body: Record<string, unknown> = {
    expand: 'renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations',
    id: issue.id,
    self: `${api(context)}/issue/${issue.id}`,
    key: issue.key,
    fields,
  };
  if (options.expand?.includes('names')) body['names'] = fieldNames(context, Object.keys(fields));
  // "transitions: Returns all possible transitions for the issue" (Get issue, expand).
  if (options.expand?.includes('transitions'))
    body['transitions'] = context.work.transitionsOf(issue).map((transition) => transitionRepresentation(context, transition));
  return body;
}

export function fieldNames(context: RepresentationContext, ids: readonly string[]): Record<string, string> {
  const customNames = new Map(context.work.snapshot.customFields.map((field) => [field.id, field.name]));
  return Object.fromEntries(ids.map((id) => [id, customNames.get(id) ?? systemFieldNames[id] ?? id]));
}

export function transitionRepresentation(
  context: RepresentationContext,
  transition: { readonly id: string; readonly name: string; readonly toStatusId: string },
): Record<string, unknown> {
  const status = context.work.snapshot.statuses.find((candidate) => candidate.id === transition.toStatusId)!;
  return {
    id: transition.id,
    name: transition.name,
    to: statusRepresentation(context, status),
    hasScreen: false,
    isGlobal: false,
    isInitial: false,
    isAvailable: true,
    isConditional: false,
    isLooped: false,
  };
}

/** `GET /rest/api/{2,3}/field`: FieldDetails of the system fields the emulator holds and its custom fields. */
export function fieldList(context: RepresentationContext): Record<string, unknown>[] {
  const system = Object.entries(systemFieldNames).map(([id, name]) => ({
    id,
    key: id,
    name,
    custom: false,
    orderable: true,
    navigable: true,
    searchable: true,
    clauseNames: [id],
    schema: { type: id === 'labels' ? 'array' : 'string', system: id },
  }));
  const custom = context.work.snapshot.customFields.map((field) => {
    const customId = Number(field.id.replace('customfield_', ''));
    return {
      id: field.id,
      key: field.id,
      name: field.name,
      custom: true,
      orderable: true,
      navigable: true,
      searchable: true,
      clauseNames: [`cf[${customId}]`, field.name],
      schema: { type: field.type, custom: field.custom, customId },
    };
  });
  return [...system, ...custom];
}
