import type { FastifyInstance } from 'fastify';
import { randomBytes } from 'node:crypto';
import { ExalateError, LocalChangeIntake, readSecretSetting, writeSecretSetting, type NodeContext, type Result, type TrackerKind } from '../../core';
import type { AsanaAdapter } from '../asana/adapter';
import { answerHookHandshake, readChangeEvent as readAsanaEvent } from '../asana/entry';
import type { AzureDevOpsAdapter } from '../azure-devops/adapter';
import { readChangeEvent as readAzureDevOpsEvent } from '../azure-devops/entry';
import type { JiraCloudAdapter } from '../jira-cloud/adapter';
import { readChangeEvent as readJiraCloudEvent } from '../jira-cloud/entry';
import type { JiraServerAdapter } from '../jira-server/adapter';
import { readChangeEvent as readJiraServerEvent } from '../jira-server/entry';
import { asanaDeliverySecret, decideAsanaHandshake, hasAsanaWebhooks, registerAsanaWebhook, registrationParameter } from './asana-webhook-registrations';
import { sendError } from './errors';

export const changeHookPath = '/hooks/change';
const secretSetting = 'change_hook_secret';
const registeredSetting = 'change_hook_registered_for';
/**
 * The most items one event may make the node read from its tracker. A real event names one item
 * (Jira, Azure DevOps) or a handful of tasks (an Asana batch); a delivery naming hundreds would
 * spend the node's tracker quota on one request. The rest are left to the reconciler, which finds
 * every real change anyway.
 */
export const maximumItemsPerEvent = 20;

interface HookRequest {
  readonly headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  readonly rawBody: string;
}

/** How each tracker delivers change events: how to subscribe, and how to read (and verify) a delivery. */
const bindings: Readonly<Record<TrackerKind, { register(context: NodeContext, callbackUrl: string, secret: string): Promise<string | undefined>; read(request: HookRequest, secret: string): Promise<Result<{ readonly itemKeys: readonly string[] }>> }>> = {
  'jira-cloud': {
    register: async (context, callbackUrl, secret) => void (await (context.tracker as unknown as JiraCloudAdapter).registerChangeHook(callbackUrl, secret)),
    read: async (request, secret) => readJiraCloudEvent(request, secret),
  },
  'jira-server': {
    register: async (context, callbackUrl, secret) => void (await (context.tracker as unknown as JiraServerAdapter).registerChangeHook(callbackUrl, secret)),
    read: async (request, secret) => readJiraServerEvent(request, secret),
  },
  'azure-devops': {
    register: async (context, callbackUrl, secret) => void (await (context.tracker as unknown as AzureDevOpsAdapter).registerChangeHook(callbackUrl, secret)),
    read: async (request, secret) => readAzureDevOpsEvent(request, secret),
  },
  asana: {
    // Asana makes the secrets itself, one per webhook, in a handshake with this route during the
    // registration (asana-webhook-registrations.ts keeps them, one per project).
    register: async (context, callbackUrl) => {
      const adapter = context.tracker as unknown as AsanaAdapter;
      for (const project of await adapter.listProjects()) await registerAsanaWebhook(context, adapter, callbackUrl, project.key);
      return undefined;
    },
    read: (request, secret) => readAsanaEvent(request, secret),
  },
};

/**
 * Subscribes this node to its tracker's change events, once per callback URL (the tracker keeps
 * the subscription across restarts). Failing to subscribe is not fatal: the reconciler still
 * finds every change, only later.
 */
export async function registerChangeHooks(context: NodeContext, callbackUrl: string, trackerSecret?: string): Promise<void> {
  // Jira Cloud signs with its OAuth app's client secret: the node is told it rather than choosing one.
  if (trackerSecret) await writeSecretSetting(context.store, context.secrets, secretSetting, trackerSecret);
  // Asana webhooks registered before the node kept one secret per webhook are registered again.
  // A record of them that cannot be read counts as none: they are registered again, and the node
  // starts either way.
  const asanaWebhooksKept = async () =>
    hasAsanaWebhooks(context).catch((error: unknown) => {
      context.logger.warn('the Asana webhook records could not be read; registering the webhooks again', { message: error instanceof Error ? error.message : String(error) });
      return false;
    });
  if ((await context.store.getSetting(registeredSetting)) === callbackUrl && (context.tracker.kind !== 'asana' || (await asanaWebhooksKept()))) return;
  const secret = await hookSecret(context);
  try {
    const issued = await bindings[context.tracker.kind].register(context, callbackUrl, secret);
    if (issued) await writeSecretSetting(context.store, context.secrets, secretSetting, issued);
    await context.store.putSetting(registeredSetting, callbackUrl);
  } catch (error) {
    context.logger.warn('could not subscribe to tracker events; the reconciler will find changes instead', { message: error instanceof Error ? error.message : String(error) });
  }
}

async function hookSecret(context: NodeContext): Promise<string> {
  const stored = await readSecretSetting(context.store, context.secrets, secretSetting);
  if (stored) return stored;
  const secret = randomBytes(24).toString('base64url');
  await writeSecretSetting(context.store, context.secrets, secretSetting, secret);
  return secret;
}

/** `POST /hooks/change`: the tracker's events. Answered at once; the changes are noted right after. */
export function registerChangeHookRoute(app: FastifyInstance, context: NodeContext): void {
  // Events that arrive while others are judged are judged together (core/sync/local-change-intake.ts).
  const intake = new LocalChangeIntake(context, { maximumGroup: 200 });
  app.post(changeHookPath, async (request, reply) => {
    const hookRequest: HookRequest = { headers: request.headers, rawBody: typeof request.body === 'string' ? request.body : '' };
    const registration = registrationOf(request.query);
    const handshake = context.tracker.kind === 'asana' ? answerHookHandshake(hookRequest) : undefined;
    if (handshake) {
      const verdict = await decideAsanaHandshake(context, registration, handshake.secret);
      if (!verdict.accepted) {
        context.logger.warn('an Asana webhook handshake was refused', { reason: verdict.reason, from: request.ip });
        return sendError(reply, new ExalateError('forbidden', 'This node answers an Asana webhook handshake only while it is registering that webhook itself. Restart the node to register its webhooks again; do not create webhooks for it by hand.'));
      }
      context.logger.info('an Asana webhook handshake was accepted', { resource: verdict.resource });
      return reply.code(200).headers(handshake.responseHeaders).send();
    }
    const secret = context.tracker.kind === 'asana' ? await asanaDeliverySecret(context, registration) : await readSecretSetting(context.store, context.secrets, secretSetting);
    const event = secret === undefined
      ? { ok: false as const, error: new ExalateError('unauthorized', 'This delivery came through no webhook the node registered. If the webhook was created elsewhere, delete it and restart the node to register its own.') }
      : await bindings[context.tracker.kind].read(hookRequest, secret);
    if (!event.ok) {
      context.logger.warn('a tracker event was refused', { code: event.error.code, message: event.error.message });
      return sendError(reply, event.error);
    }
    noteChanges(context, intake, event.value.itemKeys);
    return reply.code(204).send();
  });
}

/** The `?registration=` of the URL an Asana webhook delivers to (see asana-webhook-registrations.ts). */
function registrationOf(query: unknown): string | undefined {
  const value = typeof query === 'object' && query !== null ? (query as Record<string, unknown>)[registrationParameter] : undefined;
  return typeof value === 'string' ? value : undefined;
}

function noteChanges(context: NodeContext, intake: LocalChangeIntake, itemKeys: readonly string[]): void {
  const distinct = [...new Set(itemKeys)];
  intake.note(distinct.slice(0, maximumItemsPerEvent));
  if (distinct.length > maximumItemsPerEvent) {
    context.logger.warn('a tracker event named more items than the node reads for one event; it read the first ones and leaves the rest to the reconciler', { named: distinct.length, read: maximumItemsPerEvent });
  }
}
