import { z } from 'zod';
import { ExalateError, err, ok, parseJson, type ChangeDelivery, type CreateChangeIntake, type Result } from '../../core';
import { headerValue, hookSecretChangeIntake, sameSecret } from '../incoming-request';
import { AzureDevOpsAdapter } from './adapter';

/** Azure DevOps tells the node of changes through service hooks whose basic-auth password is the node's hook secret. */
export const createAzureDevOpsChangeIntake: CreateChangeIntake = (context) =>
  hookSecretChangeIntake(context, {
    name: 'Azure DevOps',
    adapter: AzureDevOpsAdapter,
    subscribe: (adapter, callbackUrl, secret) => adapter.registerChangeHook(callbackUrl, secret),
    read: (delivery, secret) => readChangeEvent(delivery, secret),
  });

/**
 * A work item's fields as an event carries them: only `System.ChangedDate` is read, and a value
 * that is not a string is left out rather than refusing the delivery.
 */
const changedDateFieldsSchema = z
  .looseObject({ 'System.ChangedDate': z.string().optional().catch(undefined) })
  .nullish()
  .catch(undefined);

/**
 * A service hook Event (serviceHooks 7.1 `definitions.Event`), tolerant: only what names the work
 * item and its time is read. `workitem.updated` carries a WorkItemUpdate whose `id` is the update
 * number, whose `workItemId` (or `revision.id`) is the work item and whose `revision` is the work
 * item at that update; the other events carry the work item.
 */
const serviceHookEventSchema = z.looseObject({
  eventType: z.string(),
  publisherId: z.string().optional(),
  resource: z
    .looseObject({
      id: z.union([z.number(), z.string()]).nullish(),
      workItemId: z.number().nullish(),
      fields: changedDateFieldsSchema,
      revision: z.looseObject({ id: z.number().nullish(), fields: changedDateFieldsSchema }).nullish(),
    })
    .nullish(),
});

const workItemEvents = new Set(['workitem.created', 'workitem.updated', 'workitem.commented', 'workitem.deleted', 'workitem.restored']);

/**
 * Reads a service hook delivery: checks the basic-auth password the subscription was made with
 * (the `webHooks` consumer sends `Authorization: Basic base64(user:password)`), then names the
 * work items it is about, with the work item's `System.ChangedDate` after the change for a creation
 * or an update (the adapter's `updated` is that same field, so the node tells its own write
 * without a read). Pure: no I/O.
 */
export function readChangeEvent(
  request: ChangeDelivery,
  secret: string,
): Result<{ readonly itemKeys: readonly string[]; readonly updatedTimes?: ReadonlyMap<string, string> }> {
  const password = basicPassword(headerValue(request.headers, 'authorization'));
  if (password === undefined || !sameSecret(password, secret)) {
    return err(
      new ExalateError(
        'unauthorized',
        'An Azure DevOps service hook call came without the secret this node registered. If the service hook was edited or copied by hand, delete it in Project settings → Service hooks and let the node register it again.',
        { details: { tracker: 'azure-devops' } },
      ),
    );
  }
  const text = typeof request.rawBody === 'string' ? request.rawBody : new TextDecoder().decode(request.rawBody);
  const parsed = parseJson(text, serviceHookEventSchema);
  if (!parsed.ok)
    return err(
      new ExalateError('invalid_request', `An Azure DevOps service hook call did not carry an event the node can read (${parsed.reason}).`, {
        details: { tracker: 'azure-devops' },
      }),
    );
  const event = parsed.value;
  if (!workItemEvents.has(event.eventType)) return ok({ itemKeys: [] });
  const resource = event.resource;
  const id = event.eventType === 'workitem.updated' ? (resource?.workItemId ?? resource?.revision?.id) : resource?.id;
  const key = String(id ?? '');
  if (!/^\d+$/.test(key)) return ok({ itemKeys: [] });
  const changedDate =
    event.eventType === 'workitem.updated'
      ? resource?.revision?.fields?.['System.ChangedDate']
      : event.eventType === 'workitem.created'
        ? resource?.fields?.['System.ChangedDate']
        : undefined;
  if (changedDate === undefined || !Number.isFinite(Date.parse(changedDate))) return ok({ itemKeys: [key] });
  return ok({ itemKeys: [key], updatedTimes: new Map([[key, changedDate]]) });
}

/** RFC 7617: the credentials are base64 of "user:password"; the password is what follows the first colon. */
function basicPassword(header: string | undefined): string | undefined {
  const encoded = /^basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '')?.[1];
  if (encoded === undefined) return undefined;
  let decoded: string;
  try {
    decoded = new TextDecoder().decode(Uint8Array.from(atob(encoded), (character) => character.charCodeAt(0)));
  } catch {
    return undefined;
  }
  const colon = decoded.indexOf(':');
  return colon < 0 ? undefined : decoded.slice(colon + 1);
}
