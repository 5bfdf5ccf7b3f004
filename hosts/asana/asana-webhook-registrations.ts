import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { ExalateError, parseJson, readSecretSetting, writeSecretSetting, type ChangeIntakeContext } from '../../core';

/**
 * Which Asana webhooks this node trusts, and with which secret.
 *
 * Asana makes a webhook's secret itself: while `POST /webhooks` is in flight it POSTs an
 * `X-Hook-Secret` handshake to the target URL, creates the webhook only if the target echoes it,
 * and signs every later delivery with it (`X-Hook-Signature`, hex HMAC-SHA256 of the body;
 * developers.asana.com/docs/webhooks-guide). Anyone who can reach the node can send such a
 * handshake too, so the node answers one only for a registration it is making at that moment:
 * each registration puts a single-use code in its target URL (`?registration=…`) that is open for
 * one minute and accepts one handshake. The registration's answer names the webhook (its gid); its
 * secret replaces, never joins, the one kept for the same resource. Deliveries come to the same
 * URL, so each is checked against its own webhook's secret and nothing else. Kept sealed in the
 * store, so every process of the node and every restart knows them.
 */
const registrationsSetting = 'change_hook_asana_webhooks';
/** The query parameter that names a registration in a webhook's target URL. */
export const registrationParameter = 'registration';
/** Asana's handshake arrives while `POST /webhooks` waits; a minute covers a slow network and retries. */
const registrationWindowMs = 60_000;

const pendingSchema = z.strictObject({ registration: z.string(), resource: z.string(), expiresAt: z.number(), secret: z.string().nullable() });
const webhookSchema = z.strictObject({ registration: z.string(), resource: z.string(), webhookId: z.string(), secret: z.string() });
const registrationsSchema = z.strictObject({ pending: z.array(pendingSchema), webhooks: z.array(webhookSchema) });
type Registrations = z.infer<typeof registrationsSchema>;
type PendingRegistration = z.infer<typeof pendingSchema>;

/** Where the records are kept, and the clock and log they go by. */
export type RegistrationsContext = Pick<ChangeIntakeContext, 'store' | 'secrets' | 'clock' | 'logger'>;

/** The two webhook calls a registration makes (the adapter's, through the node's sign-in handling). */
export interface AsanaWebhooks {
  create(target: string, resource: string): Promise<{ readonly webhookId: string; readonly secret: string | undefined }>;
  delete(webhookId: string): Promise<void>;
}

async function readRegistrations(context: RegistrationsContext): Promise<Registrations> {
  const stored = await readSecretSetting(context.store, context.secrets, registrationsSetting);
  if (stored === undefined) return { pending: [], webhooks: [] };
  const parsed = parseJson(stored, registrationsSchema);
  if (!parsed.ok)
    throw new ExalateError('internal', `The node's record of its Asana webhooks is unreadable (${parsed.reason}); restart the node to register them again.`);
  return parsed.value;
}

async function writeRegistrations(context: RegistrationsContext, registrations: Registrations): Promise<void> {
  const now = context.clock.now();
  const open = registrations.pending.filter((pending) => pending.expiresAt > now);
  await writeSecretSetting(context.store, context.secrets, registrationsSetting, JSON.stringify({ ...registrations, pending: open }));
}

/** True once the node holds at least one webhook registered this way. */
export async function hasAsanaWebhooks(context: RegistrationsContext): Promise<boolean> {
  return (await readRegistrations(context)).webhooks.length > 0;
}

/**
 * Registers (or registers again) the webhook of one resource: opens the handshake window, asks
 * Asana for the webhook, keeps its secret in place of the old one, and deletes the old webhook so
 * Asana stops sending to a secret the node no longer holds.
 */
export async function registerAsanaWebhook(context: RegistrationsContext, webhooks: AsanaWebhooks, callbackUrl: string, resource: string): Promise<void> {
  const registration = randomBytes(18).toString('base64url');
  const target = new URL(callbackUrl);
  target.searchParams.set(registrationParameter, registration);
  const before = await readRegistrations(context);
  await writeRegistrations(context, {
    ...before,
    pending: [...before.pending, { registration, resource, expiresAt: context.clock.now() + registrationWindowMs, secret: null }],
  });

  let answer: { readonly webhookId: string; readonly secret: string | undefined };
  try {
    answer = await webhooks.create(target.toString(), resource);
  } catch (error) {
    const current = await readRegistrations(context);
    await writeRegistrations(context, { ...current, pending: current.pending.filter((pending) => pending.registration !== registration) });
    throw error;
  }

  const current = await readRegistrations(context);
  const pending = current.pending.find((candidate) => candidate.registration === registration);
  // asana.yaml has `POST /webhooks` answer with the secret too; the handshake's copy must agree.
  const secret = answer.secret ?? pending?.secret ?? undefined;
  if (secret === undefined || (answer.secret !== undefined && pending?.secret != null && pending.secret !== answer.secret)) {
    await writeRegistrations(context, { ...current, pending: current.pending.filter((candidate) => candidate.registration !== registration) });
    throw new ExalateError(
      'invalid_request',
      `Asana created webhook ${answer.webhookId} for ${resource}, but the node did not receive a matching X-Hook-Secret for it; delete that webhook in Asana and restart the node.`,
      { details: { tracker: 'asana' } },
    );
  }
  const replaced = current.webhooks.filter((webhook) => webhook.resource === resource);
  await writeRegistrations(context, {
    pending: current.pending.filter((candidate) => candidate.registration !== registration),
    webhooks: [...current.webhooks.filter((webhook) => webhook.resource !== resource), { registration, resource, webhookId: answer.webhookId, secret }],
  });
  context.logger.info('registered an Asana webhook', { resource, webhookId: answer.webhookId, replaced: replaced.map((webhook) => webhook.webhookId) });
  for (const old of replaced) {
    try {
      await webhooks.delete(old.webhookId);
    } catch (error) {
      context.logger.warn('could not delete a replaced Asana webhook; its deliveries are refused', {
        webhookId: old.webhookId,
        message: error instanceof Error ? error.message : String(error),
      });
    }
  }
}

export type HandshakeVerdict = { readonly accepted: true; readonly resource: string } | { readonly accepted: false; readonly reason: string };

/**
 * Decides on an `X-Hook-Secret` handshake that reached the node: accepted only for an open
 * registration whose window has not closed and that has not had its handshake yet.
 */
export async function decideAsanaHandshake(context: RegistrationsContext, registration: string | undefined, secret: string): Promise<HandshakeVerdict> {
  if (registration === undefined || registration === '') return { accepted: false, reason: 'the handshake names no registration of this node' };
  const registrations = await readRegistrations(context);
  const pending = registrations.pending.find((candidate) => candidate.registration === registration);
  if (pending === undefined) return { accepted: false, reason: 'no registration of this node is in progress under that name' };
  if (pending.expiresAt <= context.clock.now()) return { accepted: false, reason: 'the registration window had closed' };
  if (pending.secret !== null) return { accepted: false, reason: 'the registration already had its handshake' };
  const answered: PendingRegistration = { ...pending, secret };
  await writeRegistrations(context, {
    ...registrations,
    pending: registrations.pending.map((candidate) => (candidate.registration === registration ? answered : candidate)),
  });
  return { accepted: true, resource: pending.resource };
}

/** The secret of the webhook a delivery came through (named by its target URL), if the node holds it. */
export async function asanaDeliverySecret(context: RegistrationsContext, registration: string | undefined): Promise<string | undefined> {
  if (registration === undefined || registration === '') return undefined;
  return (await readRegistrations(context)).webhooks.find((webhook) => webhook.registration === registration)?.secret;
}
