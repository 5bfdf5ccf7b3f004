import type { FastifyInstance } from 'fastify';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { noteLocalChange, parseJson, readSecretSetting, workTopic, writeSecretSetting, type NodeContext, type Result, type TrackerKind } from '../../core';
import type { AsanaAdapter } from '../asana/adapter';
import { answerHookHandshake, readChangeEvent as readAsanaEvent } from '../asana/entry';
import type { AzureDevOpsAdapter } from '../azure-devops/adapter';
import { readChangeEvent as readAzureDevOpsEvent } from '../azure-devops/entry';
import type { JiraCloudAdapter } from '../jira-cloud/adapter';
import { readChangeEvent as readJiraCloudEvent } from '../jira-cloud/entry';
import type { JiraServerAdapter } from '../jira-server/adapter';
import { readChangeEvent as readJiraServerEvent } from '../jira-server/entry';
import { sendError } from './errors';

export const changeHookPath = '/hooks/change';
const secretSetting = 'change_hook_secret';
const registeredSetting = 'change_hook_registered_for';
const asanaSecretsSetting = 'change_hook_asana_secrets';

async function asanaSecrets(context: NodeContext): Promise<string[]> {
  const parsed = parseJson((await readSecretSetting(context.store, context.secrets, asanaSecretsSetting)) ?? '[]', z.array(z.string()));
  return parsed.ok ? parsed.value : [];
}

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
    // Asana makes the secrets itself, one per webhook, in a handshake with this route, which
    // keeps each of them.
    register: async (context, callbackUrl) => {
      const adapter = context.tracker as unknown as AsanaAdapter;
      for (const project of await adapter.listProjects()) await adapter.registerChangeHook(callbackUrl, { resource: project.key });
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
  if ((await context.store.getSetting(registeredSetting)) === callbackUrl) return;
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
  app.post(changeHookPath, async (request, reply) => {
    const hookRequest: HookRequest = { headers: request.headers, rawBody: typeof request.body === 'string' ? request.body : '' };
    const handshake = context.tracker.kind === 'asana' ? answerHookHandshake(hookRequest) : undefined;
    if (handshake) {
      // Asana gives each webhook (one per project) its own secret: keep them all.
      await writeSecretSetting(context.store, context.secrets, asanaSecretsSetting, JSON.stringify([...(await asanaSecrets(context)), handshake.secret]));
      return reply.code(200).headers(handshake.responseHeaders).send();
    }
    const secrets = context.tracker.kind === 'asana' ? await asanaSecrets(context) : [(await readSecretSetting(context.store, context.secrets, secretSetting)) ?? ''];
    let event = await bindings[context.tracker.kind].read(hookRequest, secrets[0] ?? '');
    for (const secret of secrets.slice(1)) {
      if (event.ok) break;
      event = await bindings[context.tracker.kind].read(hookRequest, secret);
    }
    if (!event.ok) {
      context.logger.warn('a tracker event was refused', { code: event.error.code, message: event.error.message });
      return sendError(reply, event.error);
    }
    void noteChanges(context, event.value.itemKeys);
    return reply.code(204).send();
  });
}

async function noteChanges(context: NodeContext, itemKeys: readonly string[]): Promise<void> {
  for (const key of new Set(itemKeys)) {
    try {
      if ((await noteLocalChange(context, key)) > 0) context.signals.notify(workTopic);
    } catch (error) {
      context.logger.warn('a tracker event could not be handled; the reconciler will retry', { itemKey: key, message: error instanceof Error ? error.message : String(error) });
    }
  }
}
