import { z } from 'zod';

/**
 * What a Jira emulator (Cloud or Server/DC) holds about work: people, the workflow, issues with
 * comments and attachments, and registered webhooks. Persisted with the emulator's snapshot, so
 * strict: a snapshot this code did not write is refused.
 */
export const jiraUserRecordSchema = z.strictObject({
  /** Cloud: the accountId. Server/DC: the user key (JIRAUSER10000). */
  id: z.string().min(1).max(128),
  /** Server/DC: the username people sign in with. Cloud has none and repeats the id. */
  name: z.string().min(1),
  emailAddress: z.string().min(3),
  displayName: z.string().min(1),
  active: z.boolean(),
  timeZone: z.string().min(1),
});

export const jiraStatusRecordSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  /** Jira's three status categories: new (To Do), indeterminate (In Progress), done. */
  category: z.enum(['new', 'indeterminate', 'done']),
});

export const jiraTransitionRecordSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  fromStatusIds: z.array(z.string()),
  toStatusId: z.string(),
});

export const jiraNamedRecordSchema = z.strictObject({ id: z.string(), name: z.string() });

export const jiraIssueTypeRecordSchema = z.strictObject({ id: z.string(), name: z.string(), subtask: z.boolean() });

export const jiraCustomFieldRecordSchema = z.strictObject({
  id: z.string().regex(/^customfield_\d+$/),
  name: z.string(),
  /** JsonTypeBean.type: string, number, option, array, … */
  type: z.enum(['string', 'number', 'array']),
  /** The custom field type key, e.g. com.atlassian.jira.plugin.system.customfieldtypes:textfield. */
  custom: z.string(),
});

export const jiraCommentRecordSchema = z.strictObject({
  id: z.string(),
  authorId: z.string(),
  updateAuthorId: z.string(),
  /** ADF (Cloud) or wiki markup (Server/DC), exactly as the client sent it. */
  body: z.unknown(),
  created: z.number(),
  updated: z.number(),
});

export const jiraAttachmentRecordSchema = z.strictObject({
  id: z.string(),
  filename: z.string(),
  mimeType: z.string(),
  size: z.number().int().nonnegative(),
  created: z.number(),
  authorId: z.string(),
  contentBase64: z.string(),
});

export const jiraIssueRecordSchema = z.strictObject({
  id: z.string(),
  key: z.string(),
  projectKey: z.string(),
  issueTypeId: z.string(),
  summary: z.string(),
  /** ADF (Cloud) or wiki markup (Server/DC); null when empty. */
  description: z.unknown(),
  statusId: z.string(),
  priorityId: z.string().nullable(),
  labels: z.array(z.string()),
  assigneeId: z.string().nullable(),
  reporterId: z.string().nullable(),
  creatorId: z.string(),
  parentKey: z.string().nullable(),
  customFields: z.record(z.string(), z.unknown()),
  created: z.number(),
  updated: z.number(),
  comments: z.array(jiraCommentRecordSchema),
  attachments: z.array(jiraAttachmentRecordSchema),
});

export const jiraWebhookRecordSchema = z.strictObject({
  id: z.number().int().positive(),
  /** Cloud dynamic webhooks (POST /rest/api/3/webhook) or admin webhooks (POST /rest/webhooks/1.0/webhook). */
  kind: z.enum(['dynamic', 'admin']),
  name: z.string(),
  url: z.string(),
  events: z.array(z.string()),
  jqlFilter: z.string(),
  /** Admin webhooks: deliveries carry X-Hub-Signature computed with it. */
  secret: z.string().nullable(),
  created: z.number(),
  /** Dynamic webhooks expire 30 days after registration unless refreshed. */
  expires: z.number().nullable(),
});

export const jiraWorkSnapshotSchema = z.strictObject({
  users: z.array(jiraUserRecordSchema),
  issueTypes: z.array(jiraIssueTypeRecordSchema),
  statuses: z.array(jiraStatusRecordSchema),
  transitions: z.array(jiraTransitionRecordSchema),
  priorities: z.array(jiraNamedRecordSchema),
  customFields: z.array(jiraCustomFieldRecordSchema),
  issues: z.array(jiraIssueRecordSchema),
  webhooks: z.array(jiraWebhookRecordSchema),
  counters: z.strictObject({
    issueId: z.number(),
    commentId: z.number(),
    attachmentId: z.number(),
    webhookId: z.number(),
    issueNumbers: z.record(z.string(), z.number()),
  }),
  /** When anything in the work last changed (epoch ms). */
  updatedAt: z.number(),
});

export type JiraUserRecord = z.infer<typeof jiraUserRecordSchema>;
export type JiraStatusRecord = z.infer<typeof jiraStatusRecordSchema>;
export type JiraTransitionRecord = z.infer<typeof jiraTransitionRecordSchema>;
export type JiraIssueTypeRecord = z.infer<typeof jiraIssueTypeRecordSchema>;
export type JiraCustomFieldRecord = z.infer<typeof jiraCustomFieldRecordSchema>;
export type JiraCommentRecord = z.infer<typeof jiraCommentRecordSchema>;
export type JiraAttachmentRecord = z.infer<typeof jiraAttachmentRecordSchema>;
export type JiraIssueRecord = z.infer<typeof jiraIssueRecordSchema>;
export type JiraWebhookRecord = z.infer<typeof jiraWebhookRecordSchema>;
export type JiraWorkSnapshot = z.infer<typeof jiraWorkSnapshotSchema>;

/** The workflow and fields both Jira emulators start with: To Do → In Progress → Done and back. */
export function jiraWorkSeed(users: readonly JiraUserRecord[], now: number): JiraWorkSnapshot {
  return {
    users: [...users],
    issueTypes: [
      { id: '10001', name: 'Story', subtask: false },
      { id: '10002', name: 'Task', subtask: false },
      { id: '10003', name: 'Sub-task', subtask: true },
      { id: '10004', name: 'Bug', subtask: false },
      { id: '10000', name: 'Epic', subtask: false },
    ],
    statuses: [
      { id: '10000', name: 'To Do', category: 'new' },
      { id: '3', name: 'In Progress', category: 'indeterminate' },
      { id: '10001', name: 'Done', category: 'done' },
    ],
    transitions: [
      { id: '11', name: 'Start progress', fromStatusIds: ['10000'], toStatusId: '3' },
      { id: '21', name: 'Stop progress', fromStatusIds: ['3'], toStatusId: '10000' },
      { id: '31', name: 'Done', fromStatusIds: ['3'], toStatusId: '10001' },
      { id: '41', name: 'Reopen', fromStatusIds: ['10001'], toStatusId: '3' },
    ],
    priorities: [
      { id: '1', name: 'Highest' },
      { id: '2', name: 'High' },
      { id: '3', name: 'Medium' },
      { id: '4', name: 'Low' },
      { id: '5', name: 'Lowest' },
    ],
    customFields: [
      { id: 'customfield_10010', name: 'Customer Tier', type: 'string', custom: 'com.atlassian.jira.plugin.system.customfieldtypes:textfield' },
      { id: 'customfield_10020', name: 'Story Points', type: 'number', custom: 'com.atlassian.jira.plugin.system.customfieldtypes:float' },
    ],
    issues: [],
    webhooks: [],
    counters: { issueId: 10000, commentId: 10000, attachmentId: 10000, webhookId: 0, issueNumbers: {} },
    updatedAt: now,
  };
}
