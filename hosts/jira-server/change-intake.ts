import { err, ExalateError, type ChangeDelivery, type CreateChangeIntake, type Result } from '../../core';
import { headerValue, hookSecretChangeIntake } from '../incoming-request';
import { jiraOwnEditTimes } from '../jira-rest/jira-own-edits';
import { readJiraWebhookPayload, type JiraWebhookChange } from '../jira-rest/jira-webhook-payload';
import { verifyHubSignature } from '../jira-rest/webhook-signature';
import { JiraServerAdapter } from './adapter';

/** Jira Server/DC tells the node of changes through an admin webhook, signed with the node's hook secret. */
export const createJiraServerChangeIntake: CreateChangeIntake = (context) =>
  hookSecretChangeIntake(context, {
    name: 'Jira Server / Data Center',
    adapter: JiraServerAdapter,
    subscribe: (adapter, callbackUrl, secret) => adapter.registerChangeHook(callbackUrl, secret),
    read: (delivery, secret) => readChangeEvent(delivery, secret),
    ownEditTimes: (adapter, changes) => jiraOwnEditTimes(adapter.ownEdits, changes),
  });

/**
 * A Jira Server/DC webhook delivery (`jira:issue_created`, `jira:issue_updated`, `comment_created`,
 * `comment_updated`), accepted only with `X-Hub-Signature: sha256=<HMAC-SHA256 of the body with the
 * webhook's secret>` (Jira DC "Managing webhooks → Securing your webhook"). Other events give no keys;
 * the issue's `updated` comes along when the payload carries it.
 */
export function readChangeEvent(delivery: ChangeDelivery, secret: string): Result<JiraWebhookChange> {
  const signature = headerValue(delivery.headers, 'x-hub-signature');
  if (signature === undefined) {
    return err(
      new ExalateError(
        'unauthorized',
        "A Jira webhook delivery arrived without X-Hub-Signature. Register the webhook from the node's Jira Server settings so that it carries the connection's secret (Jira versions without webhook secrets cannot be verified).",
      ),
    );
  }
  if (!verifyHubSignature(signature, delivery.rawBody, secret)) {
    return err(
      new ExalateError(
        'unauthorized',
        "A Jira webhook delivery was refused: its X-Hub-Signature does not match the secret. If the secret changed, register the webhook again from the node's Jira Server settings.",
      ),
    );
  }
  return readJiraWebhookPayload(delivery.rawBody);
}
