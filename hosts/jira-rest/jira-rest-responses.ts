import { z } from 'zod';

/**
 * What the Jira adapters read from Jira REST responses, Cloud v3 and Server/DC v2 alike. Tolerant
 * on purpose: Jira adds fields without notice and sites add custom fields, so unknown fields pass
 * through and only what the adapters use is required. Names follow `components.schemas` of the
 * Jira Cloud platform v3 document; v2 serves the same resources (see hosts/jira-server for where
 * its differences come from).
 */

/** UserDetails / User: Cloud names people by accountId, Server/DC by name (username) and key. */
export const jiraUserSchema = z.looseObject({
  accountId: z.string().optional(),
  name: z.string().optional(),
  key: z.string().optional(),
  // Hidden by the person's privacy settings on Cloud: absent or null.
  emailAddress: z.string().nullable().optional(),
  displayName: z.string().optional(),
  active: z.boolean().optional(),
  timeZone: z.string().optional(),
});
export type JiraUser = z.infer<typeof jiraUserSchema>;

export const jiraCommentSchema = z.looseObject({
  id: z.string(),
  author: jiraUserSchema.nullable().optional(),
  body: z.unknown(),
  created: z.string().optional(),
  updated: z.string().optional(),
});

export const jiraCommentPageSchema = z.looseObject({
  startAt: z.number().optional(),
  maxResults: z.number().optional(),
  total: z.number().optional(),
  comments: z.array(jiraCommentSchema).default([]),
});

export const jiraAttachmentSchema = z.looseObject({
  id: z.union([z.string(), z.number()]).transform(String),
  filename: z.string(),
  mimeType: z.string().optional(),
  size: z.number().optional(),
  created: z.string().optional(),
  content: z.string().optional(),
});

const named = z.looseObject({ id: z.string().optional(), name: z.string() });

const jiraTransitionSchema = z.looseObject({
  id: z.string(),
  name: z.string().optional(),
  to: z.looseObject({ name: z.string(), statusCategory: z.looseObject({ key: z.string() }).optional() }),
});
export type JiraTransition = z.infer<typeof jiraTransitionSchema>;

export const jiraIssueSchema = z.looseObject({
  id: z.string(),
  key: z.string(),
  names: z.record(z.string(), z.string()).optional(),
  /** With `expand=transitions`: the transitions on offer from the issue's status. */
  transitions: z.array(jiraTransitionSchema).optional(),
  fields: z.looseObject({
    summary: z.string().default(''),
    description: z.unknown().optional(),
    issuetype: named.nullable().optional(),
    project: z.looseObject({ key: z.string() }).nullable().optional(),
    status: named.nullable().optional(),
    priority: named.nullable().optional(),
    labels: z.array(z.string()).default([]),
    assignee: jiraUserSchema.nullable().optional(),
    reporter: jiraUserSchema.nullable().optional(),
    parent: z.looseObject({ key: z.string() }).nullable().optional(),
    updated: z.string().optional(),
    comment: jiraCommentPageSchema.nullable().optional(),
    attachment: z.array(jiraAttachmentSchema).nullable().optional(),
  }),
});
export type JiraIssue = z.infer<typeof jiraIssueSchema>;

/** CreatedIssue. */
export const jiraCreatedIssueSchema = z.looseObject({ id: z.string(), key: z.string() });

/** Transitions. */
export const jiraTransitionsSchema = z.looseObject({
  transitions: z.array(jiraTransitionSchema).default([]),
});

/** Enhanced search (Cloud `GET /rest/api/3/search/jql`): pages by token; no total. */
export const jiraTokenSearchPageSchema = z.looseObject({
  issues: z.array(z.looseObject({ id: z.string(), key: z.string().optional() })).default([]),
  nextPageToken: z.string().nullable().optional(),
  isLast: z.boolean().optional(),
});

/** SearchResults (Server/DC `GET /rest/api/2/search`): pages by startAt, with total. */
export const jiraOffsetSearchPageSchema = z.looseObject({
  startAt: z.number().int().nonnegative(),
  maxResults: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  issues: z.array(z.looseObject({ id: z.string(), key: z.string() })).default([]),
});

/** FieldDetails list (`GET /rest/api/{3,2}/field`). */
export const jiraFieldListSchema = z.array(z.looseObject({ id: z.string(), name: z.string(), custom: z.boolean().optional() }));

export const jiraUserListSchema = z.array(jiraUserSchema);

/** The answer to an attachment upload: the Attachment list. */
export const jiraAttachmentListSchema = z.array(jiraAttachmentSchema);

export const jiraMyselfSchema = z.looseObject({ timeZone: z.string().optional() });

/** ContainerForRegisteredWebhooks (Cloud dynamic webhooks). */
export const jiraRegisteredWebhooksSchema = z.looseObject({
  webhookRegistrationResult: z.array(z.looseObject({ createdWebhookId: z.number().optional(), errors: z.array(z.string()).optional() })).default([]),
});

/** The admin webhook resource (`/rest/webhooks/1.0/webhook`): its id is the last segment of `self`. */
export const jiraAdminWebhookSchema = z.looseObject({ self: z.string(), name: z.string().optional() });

/** ErrorCollection, the body of Jira's 4xx answers. */
export const jiraErrorCollectionSchema = z.looseObject({
  errorMessages: z.array(z.string()).optional(),
  errors: z.record(z.string(), z.string()).optional(),
});

/** Jira's words from an ErrorCollection ("summary: You must specify a summary of the issue."), or ''. */
export function readJiraErrorBody(body: unknown): string {
  const parsed = jiraErrorCollectionSchema.safeParse(body);
  if (!parsed.success) return '';
  return [...(parsed.data.errorMessages ?? []), ...Object.entries(parsed.data.errors ?? {}).map(([field, message]) => `${field}: ${message}`)].join(' ');
}
