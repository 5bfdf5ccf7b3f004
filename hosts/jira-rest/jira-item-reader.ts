import type { TrackerComment, TrackerItem } from '../../core';
import type { JiraDialect } from './jira-dialect';
import type { JiraIssue } from './jira-rest-responses';
import { isoFromJiraTimestamp } from './jql-text';
import type { z } from 'zod';
import type { jiraCommentSchema } from './jira-rest-responses';

type JiraComment = z.infer<typeof jiraCommentSchema>;

/**
 * An IssueBean (read with `expand=names`) as the port's TrackerItem. Custom fields are keyed by
 * the name admins see, from the `names` expansion; a field without a value (null) is left out.
 */
export function readTrackerItem(dialect: JiraDialect, siteUrl: string, issue: JiraIssue, comments: readonly JiraComment[]): TrackerItem {
  const fields = issue.fields;
  const customFields: Record<string, unknown> = {};
  for (const [id, value] of Object.entries(fields)) {
    if (!id.startsWith('customfield_') || value === null || value === undefined) continue;
    customFields[issue.names?.[id] ?? id] = value;
  }
  return {
    key: issue.key,
    projectKey: fields.project?.key ?? issue.key.replace(/-\d+$/, ''),
    type: fields.issuetype?.name ?? '',
    summary: fields.summary,
    description: dialect.readText(fields.description ?? null),
    status: fields.status?.name ?? '',
    priority: fields.priority?.name ?? null,
    labels: fields.labels,
    assignee: fields.assignee === null || fields.assignee === undefined ? null : dialect.readUser(fields.assignee),
    reporter: fields.reporter === null || fields.reporter === undefined ? null : dialect.readUser(fields.reporter),
    comments: comments.map((comment) => readComment(dialect, comment)),
    attachments: (fields.attachment ?? []).map((attachment) => ({
      id: attachment.id,
      filename: attachment.filename,
      mimeType: attachment.mimeType ?? 'application/octet-stream',
      size: attachment.size ?? 0,
      created: isoFromJiraTimestamp(attachment.created),
    })),
    customFields,
    parentKey: fields.parent?.key ?? null,
    updated: isoFromJiraTimestamp(fields.updated),
    url: `${siteUrl}/browse/${issue.key}`,
  };
}

export function readComment(dialect: JiraDialect, comment: JiraComment): TrackerComment {
  return {
    id: comment.id,
    author: comment.author === null || comment.author === undefined ? null : dialect.readUser(comment.author),
    body: dialect.readText(comment.body ?? null),
    created: isoFromJiraTimestamp(comment.created),
    updated: isoFromJiraTimestamp(comment.updated ?? comment.created),
  };
}
