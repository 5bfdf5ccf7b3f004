import { z } from 'zod';
import { err, ExalateError, ok, parseJson, type Result } from '../../core';

/**
 * Jira webhook payloads (Cloud and Server/DC), read tolerantly: only what names the issue is
 * required. `jira:issue_created`/`jira:issue_updated` carry `issue.key`; `comment_created`/
 * `comment_updated` carry `issue` on Cloud and on current Data Center, and always `comment.self`
 * (`…/rest/api/2/issue/10010/comment/10000`), whose issue id Jira accepts wherever a key goes.
 * `issue.fields.updated` is the issue as the REST API returns it after the change (Atlassian's
 * "Webhooks" reference: the issue is an IssueBean), in Jira's format `2026-12-07T05:00:00.000+0000`;
 * a comment event's issue often lacks it. A value that is not a time is left out, never refused.
 */
const payloadSchema = z.looseObject({
  webhookEvent: z.string(),
  issue: z
    .looseObject({
      key: z.string().optional(),
      id: z.string().optional(),
      fields: z
        .looseObject({ updated: z.string().optional().catch(undefined) })
        .optional()
        .catch(undefined),
    })
    .optional(),
  comment: z.looseObject({ self: z.string().optional() }).optional(),
  changelog: z
    .looseObject({
      items: z.array(z.looseObject({ field: z.string(), fieldId: z.string().optional(), toString: z.string().nullable().optional() })).default([]),
    })
    .optional()
    .catch(undefined),
});

/** The events a change of an item raises; others (deletions, projects, sprints) name no item to sync. */
const itemEvents = new Set(['jira:issue_created', 'jira:issue_updated', 'comment_created', 'comment_updated']);

export interface JiraWebhookChange {
  readonly itemKeys: string[];
  /** The issue's `updated` after the change, when the delivery carries a readable one. */
  readonly updatedTimes?: ReadonlyMap<string, string>;
  /** What an edit changed (`changelog.items` of `jira:issue_updated`): each field's id, or its name, and its new value as text. */
  readonly changed?: ReadonlyMap<string, readonly JiraFieldChange[]>;
}

export interface JiraFieldChange {
  readonly field: string;
  readonly to: string | null;
}

export function readJiraWebhookPayload(rawBody: string | Uint8Array): Result<JiraWebhookChange> {
  const parsed = parseJson(typeof rawBody === 'string' ? rawBody : new TextDecoder().decode(rawBody), payloadSchema);
  if (!parsed.ok) return err(new ExalateError('invalid_request', `The webhook delivery is not a Jira webhook payload (${parsed.reason}).`));
  const payload = parsed.value;
  if (!itemEvents.has(payload.webhookEvent)) return ok({ itemKeys: [] });
  const key = payload.issue?.key ?? payload.issue?.id ?? /\/issue\/([^/]+)\/comment\//.exec(payload.comment?.self ?? '')?.[1];
  if (key === undefined)
    return err(new ExalateError('invalid_request', `The Jira ${payload.webhookEvent} delivery names no issue; the node cannot tell what changed.`));
  const updated = payload.issue?.fields?.updated;
  const items = payload.webhookEvent === 'jira:issue_updated' ? payload.changelog?.items : undefined;
  const changed =
    items === undefined || items.length === 0
      ? {}
      : { changed: new Map([[key, items.map((item) => ({ field: item.fieldId ?? item.field, to: item.toString ?? null }))]]) };
  if (updated === undefined || !Number.isFinite(Date.parse(updated))) return ok({ itemKeys: [key], ...changed });
  return ok({ itemKeys: [key], updatedTimes: new Map([[key, updated]]), ...changed });
}
