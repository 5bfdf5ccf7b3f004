import { z } from 'zod';
import { err, ExalateError, ok, type ChangeDelivery, type CreateChangeIntake, type Result } from '../../core';
import { headerValue, hookSecretChangeIntake } from '../incoming-request';
import { jiraOwnEditTimes } from '../jira-rest/jira-own-edits';
import { readJiraWebhookPayload, type JiraWebhookChange } from '../jira-rest/jira-webhook-payload';
import { verifyBearerJwt, verifyHubSignature } from '../jira-rest/webhook-signature';
import { JiraCloudAdapter } from './adapter';

/**
 * Jira Cloud's ways of telling the node that items changed: webhooks to the node's change-hook
 * route, and, in the Forge app, product events handed to a trigger. The readers are pure: the host
 * hands over what arrived and gets the keys to look at, or why not.
 */
export const createJiraCloudChangeIntake: CreateChangeIntake = (context) =>
  hookSecretChangeIntake(context, {
    name: 'Jira Cloud',
    adapter: JiraCloudAdapter,
    // Jira Cloud signs with the OAuth app's client secret: the node is told it (registerChangeHooks) rather than choosing one.
    subscribe: (adapter, callbackUrl, secret) => adapter.registerChangeHook(callbackUrl, secret),
    read: (delivery, secret) => readChangeEvent(delivery, secret),
    ownEditTimes: (adapter, changes) => jiraOwnEditTimes(adapter.ownEdits, changes),
  });

/**
 * A webhook delivery (`jira:issue_created`, `jira:issue_updated`, `comment_created`,
 * `comment_updated`), accepted only when signed with `secret`: a dynamic webhook's
 * `Authorization: Bearer <JWT>` (HS256 with the OAuth app's client secret, `exp` checked against
 * `now`), or an admin webhook's `X-Hub-Signature: sha256=…`. Other events give no keys. The issue's
 * `updated` comes along when the payload carries it, so the node's own write is told without a read.
 */
export function readChangeEvent(delivery: ChangeDelivery, secret: string, now: number = Date.now()): Result<JiraWebhookChange> {
  const hubSignature = headerValue(delivery.headers, 'x-hub-signature');
  if (hubSignature !== undefined) {
    if (!verifyHubSignature(hubSignature, delivery.rawBody, secret)) return err(refused('its X-Hub-Signature does not match the webhook secret'));
  } else {
    const check = verifyBearerJwt(headerValue(delivery.headers, 'authorization'), secret, now);
    if (!check.valid) return err(refused(check.reason));
  }
  return readJiraWebhookPayload(delivery.rawBody);
}

function refused(reason: string): ExalateError {
  return new ExalateError(
    'unauthorized',
    `A Jira Cloud webhook delivery was refused: ${reason}. If the secret changed, register the webhook again from the node's Jira Cloud settings.`,
  );
}

/**
 * Forge product events as Forge hands them to a trigger function (an object, already parsed),
 * after developer.atlassian.com/platform/forge/events-reference/jira: every issue event carries
 * `issue: { id, key, fields }`; `avi:jira:commented:issue` also carries `comment`; `selfGenerated`
 * is true when the app's own call caused the event (so the engine can ignore its own writes).
 */
const forgeIssueEventSchema = z.looseObject({
  eventType: z.string(),
  issue: z.looseObject({ id: z.string().optional(), key: z.string().optional() }).optional(),
  selfGenerated: z.boolean().optional(),
  atlassianId: z.string().optional(),
});

const forgeItemEvents = new Set(['avi:jira:created:issue', 'avi:jira:updated:issue', 'avi:jira:commented:issue']);

export function readForgeProductEvent(event: unknown): Result<{ itemKeys: string[]; selfGenerated: boolean }> {
  const parsed = forgeIssueEventSchema.safeParse(event);
  if (!parsed.success) return err(new ExalateError('invalid_request', 'The Forge trigger received something that is not a Jira product event (no eventType).'));
  const { eventType, issue, selfGenerated } = parsed.data;
  if (!forgeItemEvents.has(eventType))
    return err(
      new ExalateError(
        'invalid_request',
        `The Forge trigger received ${eventType}; the manifest should subscribe it to avi:jira:created:issue, avi:jira:updated:issue and avi:jira:commented:issue only.`,
      ),
    );
  const key = issue?.key ?? issue?.id;
  if (key === undefined) return err(new ExalateError('invalid_request', `The Forge ${eventType} event names no issue.`));
  return ok({ itemKeys: [key], selfGenerated: selfGenerated ?? false });
}
