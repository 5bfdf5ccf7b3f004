import { createHmac } from 'node:crypto';
import type { HookDeliveries } from '../../emulator-kit';
import { commentRepresentation, issueRepresentation, userRepresentation, type RepresentationContext } from './jira-issue-representation';
import { parseJql } from './jira-jql';
import type { JiraWork, JiraWorkEvent } from './jira-work';
import type { JiraWebhookRecord } from './jira-work-records';

export interface WebhookDeliveryOptions {
  readonly work: JiraWork;
  /** Where the site is reached (for `self` links), remembered from the latest request. */
  readonly representation: () => RepresentationContext | undefined;
  readonly timeZone: () => string;
  /** Dynamic webhooks (Cloud, OAuth 2.0 apps) are signed with the app's client secret as a JWT. */
  readonly appClientSecret?: () => string;
  /** Sends each delivery without holding up the API call that caused it. */
  readonly deliveries: HookDeliveries;
}

/**
 * Posts Jira's webhook payloads to every registered webhook whose events and JQL filter match a
 * change, the way Jira does after the change is committed: fire and forget, never holding up the
 * API call that caused it, with a short timeout (the emulator kit's hook deliveries). Payload shapes follow Atlassian's "Webhooks"
 * reference: `jira:issue_*` carry `issue`, `user`, `issue_event_type_name` and a `changelog` on
 * updates; `comment_*` carry `comment` and `issue`; Cloud dynamic webhooks add `matchedWebhookIds`.
 * Admin webhooks with a secret carry `X-Hub-Signature: sha256=<HMAC of the body>`; dynamic ones an
 * `Authorization: Bearer <JWT>` signed HS256 with the app's client secret. Each delivery has an
 * `X-Atlassian-Webhook-Identifier` a receiver can use to drop duplicates.
 */
export function deliverJiraWebhooks(options: WebhookDeliveryOptions): void {
  let deliveries = 0;

  options.work.onChange((event) => {
    const context = options.representation();
    if (context === undefined) return;
    const webhookEvent = event.kind === 'issue_created' ? 'jira:issue_created' : event.kind === 'issue_updated' ? 'jira:issue_updated' : event.kind;
    const now = options.work.now();
    for (const webhook of options.work.snapshot.webhooks) {
      if (!webhook.events.includes(webhookEvent) || (webhook.expires !== null && webhook.expires < now) || !matchesFilter(options, context, webhook, event))
        continue;
      deliveries += 1;
      const body = JSON.stringify(payload(context, webhookEvent, event, webhook, now));
      const headers: Record<string, string> = {
        'Content-Type': 'application/json',
        'X-Atlassian-Webhook-Identifier': `${webhook.id}-${deliveries}`,
        'User-Agent': 'Atlassian Webhook HTTP Client',
      };
      if (webhook.kind === 'admin' && webhook.secret !== null)
        headers['X-Hub-Signature'] = `sha256=${createHmac('sha256', webhook.secret).update(body).digest('hex')}`;
      if (webhook.kind === 'dynamic' && options.appClientSecret !== undefined)
        headers['Authorization'] =
          `Bearer ${signJwt(options.appClientSecret(), { iss: context.site, iat: Math.floor(now / 1000), exp: Math.floor(now / 1000) + 180 })}`;
      options.deliveries.deliver(webhook.url, { headers, body });
    }
  });
}

function matchesFilter(options: WebhookDeliveryOptions, context: RepresentationContext, webhook: JiraWebhookRecord, event: JiraWorkEvent): boolean {
  if (webhook.jqlFilter.trim() === '') return true;
  const snapshot = options.work.snapshot;
  const query = parseJql(webhook.jqlFilter, {
    timeZone: options.timeZone(),
    projectKeys: context.projects.map((project) => project.key),
    statusName: (issue) => snapshot.statuses.find((status) => status.id === issue.statusId)?.name ?? '',
    typeName: (issue) => snapshot.issueTypes.find((type) => type.id === issue.issueTypeId)?.name ?? '',
  });
  return query.ok && query.matches(event.issue);
}

function payload(context: RepresentationContext, webhookEvent: string, event: JiraWorkEvent, webhook: JiraWebhookRecord, now: number): Record<string, unknown> {
  const actor = context.work.user(event.actorId);
  const matched = webhook.kind === 'dynamic' ? { matchedWebhookIds: [webhook.id] } : {};
  if (event.kind === 'comment_created' || event.kind === 'comment_updated') {
    const issue = issueRepresentation(context, event.issue, { fields: ['summary', 'issuetype', 'project', 'status', 'priority', 'assignee'] });
    return { timestamp: now, webhookEvent, comment: commentRepresentation(context, event.issue, event.comment), issue, ...matched };
  }
  return {
    timestamp: now,
    webhookEvent,
    issue_event_type_name: event.kind === 'issue_updated' ? event.eventTypeName : 'issue_created',
    user: actor === undefined ? null : userRepresentation(context, actor),
    issue: issueRepresentation(context, event.issue),
    ...(event.kind === 'issue_updated' ? { changelog: { id: String(now), items: event.changes } } : {}),
    ...matched,
  };
}

function signJwt(secret: string, claims: Readonly<Record<string, unknown>>): string {
  const encode = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(claims)}`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}
