import { z } from 'zod';
import { ExalateError, err, ok, parseJson, type Result } from '../../core';

/** An HTTP request as the node's server hands it over: header names in any case, the body untouched. */
export interface IncomingHookRequest {
  readonly headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  readonly rawBody: string | Uint8Array;
}

export interface ChangeEvent {
  /** Work item ids ("42") the event is about; empty for events the node does not sync. */
  readonly itemKeys: readonly string[];
}

/**
 * A service hook Event (serviceHooks 7.1 `definitions.Event`), tolerant: only what names the work
 * item is read. `workitem.updated` carries a WorkItemUpdate whose `id` is the update number and
 * whose `workItemId` (or `revision.id`) is the work item; the other events carry the work item.
 */
const serviceHookEventSchema = z.looseObject({
  eventType: z.string(),
  publisherId: z.string().optional(),
  resource: z.looseObject({
    id: z.union([z.number(), z.string()]).nullish(),
    workItemId: z.number().nullish(),
    revision: z.looseObject({ id: z.number().nullish() }).nullish(),
  }).nullish(),
});

const workItemEvents = new Set(['workitem.created', 'workitem.updated', 'workitem.commented', 'workitem.deleted', 'workitem.restored']);

/**
 * Reads a service hook delivery: checks the basic-auth password the subscription was made with
 * (the `webHooks` consumer sends `Authorization: Basic base64(user:password)`), then names the
 * work items it is about. Pure: no I/O, so it runs in any host.
 */
export function readChangeEvent(request: IncomingHookRequest, secret: string): Result<ChangeEvent> {
  const password = basicPassword(headerValue(request.headers, 'authorization'));
  if (password === undefined || !sameText(password, secret)) {
    return err(new ExalateError('unauthorized', 'An Azure DevOps service hook call came without the secret this node registered. If the service hook was edited or copied by hand, delete it in Project settings → Service hooks and let the node register it again.', { details: { tracker: 'azure-devops' } }));
  }
  const text = typeof request.rawBody === 'string' ? request.rawBody : new TextDecoder().decode(request.rawBody);
  const parsed = parseJson(text, serviceHookEventSchema);
  if (!parsed.ok) return err(new ExalateError('invalid_request', `An Azure DevOps service hook call did not carry an event the node can read (${parsed.reason}).`, { details: { tracker: 'azure-devops' } }));
  const event = parsed.value;
  if (!workItemEvents.has(event.eventType)) return ok({ itemKeys: [] });
  const resource = event.resource;
  const id = event.eventType === 'workitem.updated' ? resource?.workItemId ?? resource?.revision?.id : resource?.id;
  const key = id === undefined || id === null ? '' : String(id);
  return ok({ itemKeys: /^\d+$/.test(key) ? [key] : [] });
}

function headerValue(headers: IncomingHookRequest['headers'], name: string): string | undefined {
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== name) continue;
    return typeof value === 'string' ? value : value?.[0];
  }
  return undefined;
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

/** Compares every character whatever the first difference, so timing does not reveal the secret. */
function sameText(offered: string, expected: string): boolean {
  let difference = offered.length ^ expected.length;
  for (let index = 0; index < expected.length; index += 1) difference |= (offered.charCodeAt(index) || 0) ^ expected.charCodeAt(index);
  return difference === 0;
}
