import type { FastifyInstance } from 'fastify';
import {
  err,
  ExalateError,
  LocalChangeIntake,
  ok,
  readOrMakeSecretSetting,
  readSecretSetting,
  writeSecretSetting,
  type ChangeIntakeV1,
  type HookSecretV1,
  type NodeContext,
} from '../../core';
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

/** A node as its change hooks see it: its context, and its tracker's change intake (tracker-connection/tracker-adapters.ts). */
export interface ChangeHookNode {
  readonly context: NodeContext;
  readonly changeIntake: ChangeIntakeV1;
}

/**
 * Subscribes this node to its tracker's change events, once per callback URL (the tracker keeps
 * the subscription across restarts). Failing to subscribe is not fatal: the reconciler still
 * finds every change, only later.
 */
export async function registerChangeHooks({ context, changeIntake }: ChangeHookNode, callbackUrl: string, trackerSecret?: string): Promise<void> {
  // Jira Cloud signs with its OAuth app's client secret: the node is told it rather than choosing one.
  if (trackerSecret) await writeSecretSetting(context.store, context.secrets, secretSetting, trackerSecret);
  if ((await context.store.getSetting(registeredSetting)) === callbackUrl && (await changeIntake.keepsRegistration())) return;
  try {
    await changeIntake.register(callbackUrl);
    await context.store.putSetting(registeredSetting, callbackUrl);
  } catch (error) {
    context.logger.warn('could not subscribe to tracker events; the reconciler will find changes instead', {
      message: error instanceof Error ? error.message : String(error),
    });
  }
}

/** The secret the node gives trackers that send it back with every delivery, kept sealed in the store. */
export function nodeHookSecret(context: Pick<NodeContext, 'store' | 'secrets'>): HookSecretV1 {
  return {
    forRegistration: async () => (await readOrMakeSecretSetting(context.store, context.secrets, secretSetting, 24)).value,
    forDelivery: async () => {
      const stored = await readSecretSetting(context.store, context.secrets, secretSetting);
      return stored === undefined
        ? err(
            new ExalateError(
              'unauthorized',
              'This delivery came through no webhook the node registered. If the webhook was created elsewhere, delete it and restart the node to register its own.',
            ),
          )
        : ok(stored);
    },
  };
}

/** `POST /hooks/change`: the tracker's events, handed to its change intake. Answered at once; the changes are noted right after. */
export function registerChangeHookRoute(app: FastifyInstance, { context, changeIntake }: ChangeHookNode): void {
  // Events that arrive while others are judged are judged together (core/sync/local-change-intake.ts).
  const noted = new LocalChangeIntake(context, { maximumGroup: 200 });
  app.post(changeHookPath, async (request, reply) => {
    const answer = await changeIntake.receive({
      headers: request.headers,
      rawBody: typeof request.body === 'string' ? request.body : '',
      query: queryOf(request.query),
      sender: request.ip,
    });
    if (!answer.ok) {
      context.logger.warn('a tracker event was refused', { code: answer.error.code, message: answer.error.message });
      return sendError(reply, answer.error);
    }
    if (answer.value.kind === 'handshake') return reply.code(200).headers(answer.value.responseHeaders).send();
    noteChanges(context, noted, answer.value.itemKeys, answer.value.updatedTimes);
    return reply.code(204).send();
  });
}

/** The delivery URL's query parameters that have one value. */
function queryOf(query: unknown): Readonly<Record<string, string>> {
  if (typeof query !== 'object' || query === null) return {};
  return Object.fromEntries(Object.entries(query).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

/** `updatedTimes`: the items' times the delivery carried, so the event of the node's own write is told without a tracker call. */
function noteChanges(
  context: NodeContext,
  intake: LocalChangeIntake,
  itemKeys: readonly string[],
  updatedTimes: ReadonlyMap<string, string> | undefined,
): void {
  const distinct = [...new Set(itemKeys)];
  intake.note(distinct.slice(0, maximumItemsPerEvent), updatedTimes);
  if (distinct.length > maximumItemsPerEvent) {
    context.logger.warn('a tracker event named more items than the node reads for one event; it read the first ones and leaves the rest to the reconciler', {
      named: distinct.length,
      read: maximumItemsPerEvent,
    });
  }
}
