import { z } from 'zod';
import {
  ExalateError,
  err,
  ok,
  parseJson,
  type ChangeDelivery,
  type ChangeDeliveryAnswer,
  type ChangeIntakeContext,
  type ChangeIntakeV1,
  type CreateChangeIntake,
  type Result,
} from '../../core';
import { headerValue, hmacSha256Hex, ownAdapter, sameSecret } from '../incoming-request';
import { AsanaAdapter } from './adapter';
import { taskKeysOfEvents, taskTimesOfEvents } from './asana-events';
import { eventSchema } from './asana-responses';
import {
  asanaDeliverySecret,
  decideAsanaHandshake,
  hasAsanaWebhooks,
  registerAsanaWebhook,
  registrationParameter,
  type AsanaWebhooks,
} from './asana-webhook-registrations';

/**
 * Asana's webhooks, one per project. Asana makes each webhook's secret itself, in a handshake with
 * the callback URL while the webhook is being created (asana-webhook-registrations.ts keeps them,
 * one per project), so this intake answers that handshake and checks every delivery against the
 * secret of the webhook it came through; the node's own hook secret plays no part.
 */
export const createAsanaChangeIntake: CreateChangeIntake = (context) => new AsanaChangeIntake(context);

class AsanaChangeIntake implements ChangeIntakeV1 {
  readonly version = 1;
  readonly #context: ChangeIntakeContext;
  readonly #webhooks: AsanaWebhooks;

  constructor(context: ChangeIntakeContext) {
    this.#context = context;
    this.#webhooks = {
      create: (target, resource) => context.withTracker((tracker) => ownAdapter(tracker, AsanaAdapter, 'Asana').registerChangeHook(target, { resource })),
      delete: (webhookId) => context.withTracker((tracker) => ownAdapter(tracker, AsanaAdapter, 'Asana').deleteChangeHook(webhookId)),
    };
  }

  async register(callbackUrl: string): Promise<void> {
    const projects = await this.#context.withTracker((tracker) => tracker.listProjects());
    for (const project of projects) await registerAsanaWebhook(this.#context, this.#webhooks, callbackUrl, project.key);
  }

  /** Webhooks registered before the node kept one secret per webhook, or whose record cannot be read, are registered again. */
  async keepsRegistration(): Promise<boolean> {
    return hasAsanaWebhooks(this.#context).catch((error: unknown) => {
      this.#context.logger.warn('the Asana webhook records could not be read; registering the webhooks again', {
        message: error instanceof Error ? error.message : String(error),
      });
      return false;
    });
  }

  async receive(delivery: ChangeDelivery): Promise<Result<ChangeDeliveryAnswer>> {
    const registration = delivery.query?.[registrationParameter];
    const handshake = answerHookHandshake(delivery);
    if (handshake !== undefined) {
      const verdict = await decideAsanaHandshake(this.#context, registration, handshake.secret);
      if (!verdict.accepted) {
        this.#context.logger.warn('an Asana webhook handshake was refused', { reason: verdict.reason, from: delivery.sender });
        return err(
          new ExalateError(
            'forbidden',
            'This node answers an Asana webhook handshake only while it is registering that webhook itself. Restart the node to register its webhooks again; do not create webhooks for it by hand.',
          ),
        );
      }
      this.#context.logger.info('an Asana webhook handshake was accepted', { resource: verdict.resource });
      return ok({ kind: 'handshake', responseHeaders: handshake.responseHeaders });
    }
    const secret = await asanaDeliverySecret(this.#context, registration);
    if (secret === undefined)
      return err(
        new ExalateError(
          'unauthorized',
          'This delivery came through no webhook the node registered. If the webhook was created elsewhere, delete it and restart the node to register its own.',
        ),
      );
    const event = await readChangeEvent(delivery, secret);
    return event.ok ? ok({ kind: 'changes', itemKeys: event.value.itemKeys, updatedTimes: event.value.updatedTimes }) : event;
  }
}

/** A delivery's body: the events (tasks, stories, attachments); `{"events": []}` is a heartbeat. */
const deliverySchema = z.looseObject({ events: z.array(eventSchema) });

/**
 * The first request to a new webhook target is Asana's handshake: it carries `X-Hook-Secret` and
 * must be answered 200 with the same header (developers.asana.com/docs/webhooks-guide). Returns the
 * secret to keep (every later delivery is signed with it) and the headers to answer with, or
 * undefined when the request is not a handshake.
 */
export function answerHookHandshake(
  request: ChangeDelivery,
): { readonly secret: string; readonly responseHeaders: Readonly<Record<string, string>> } | undefined {
  const secret = headerValue(request.headers, 'x-hook-secret');
  if (secret === undefined || secret === '') return undefined;
  return { secret, responseHeaders: { 'X-Hook-Secret': secret } };
}

/**
 * Checks `X-Hook-Signature` (the hex HMAC-SHA256 of the raw body under the handshake secret) and
 * names the tasks the events concern, with each task's time when its events carry one
 * (`taskTimesOfEvents`).
 */
export async function readChangeEvent(
  request: ChangeDelivery,
  hookSecret: string,
): Promise<Result<{ readonly itemKeys: readonly string[]; readonly updatedTimes: ReadonlyMap<string, string> }>> {
  const body = typeof request.rawBody === 'string' ? new TextEncoder().encode(request.rawBody) : request.rawBody;
  const offered = headerValue(request.headers, 'x-hook-signature')?.trim().toLowerCase() ?? '';
  if (!sameSecret(offered, hmacSha256Hex(hookSecret, body))) {
    return err(
      new ExalateError(
        'unauthorized',
        'An Asana webhook call came without a valid X-Hook-Signature for the secret this node holds. If the webhook was created elsewhere, delete it and let the node register it again.',
        { details: { tracker: 'asana' } },
      ),
    );
  }
  const parsed = parseJson(new TextDecoder().decode(body), deliverySchema);
  if (!parsed.ok)
    return err(
      new ExalateError('invalid_request', `An Asana webhook call did not carry events the node can read (${parsed.reason}).`, {
        details: { tracker: 'asana' },
      }),
    );
  return ok({ itemKeys: taskKeysOfEvents(parsed.value.events), updatedTimes: taskTimesOfEvents(parsed.value.events) });
}
