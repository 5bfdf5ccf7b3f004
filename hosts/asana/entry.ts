import { z } from 'zod';
import { ExalateError, err, ok, parseJson, type Result } from '../../core';
import { taskKeysOfEvents } from './asana-events';
import { eventSchema } from './asana-responses';

/** An HTTP request as the node's server hands it over: header names in any case, the body untouched. */
export interface IncomingHookRequest {
  readonly headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  readonly rawBody: string | Uint8Array;
}

export interface ChangeEvent {
  /** Task gids the events are about; empty for a heartbeat (`{"events": []}`). */
  readonly itemKeys: readonly string[];
}

const deliverySchema = z.looseObject({ events: z.array(eventSchema) });

/**
 * The first request to a new webhook target is Asana's handshake: it carries `X-Hook-Secret` and
 * must be answered 200 with the same header (developers.asana.com/docs/webhooks-guide). Returns the
 * secret to keep (every later delivery is signed with it) and the headers to answer with, or
 * undefined when the request is not a handshake.
 */
export function answerHookHandshake(request: IncomingHookRequest): { readonly secret: string; readonly responseHeaders: Readonly<Record<string, string>> } | undefined {
  const secret = headerValue(request.headers, 'x-hook-secret');
  if (secret === undefined || secret === '') return undefined;
  return { secret, responseHeaders: { 'X-Hook-Secret': secret } };
}

/**
 * Checks `X-Hook-Signature` (the hex HMAC-SHA256 of the raw body under the handshake secret) and
 * names the tasks the events concern. Web Crypto only, so it runs in any host.
 */
export async function readChangeEvent(request: IncomingHookRequest, hookSecret: string): Promise<Result<ChangeEvent>> {
  const body = typeof request.rawBody === 'string' ? new TextEncoder().encode(request.rawBody) : request.rawBody;
  const offered = headerValue(request.headers, 'x-hook-signature')?.trim().toLowerCase() ?? '';
  const expected = await hmacHex(hookSecret, body);
  if (!sameText(offered, expected)) {
    return err(new ExalateError('unauthorized', 'An Asana webhook call came without a valid X-Hook-Signature for the secret this node holds. If the webhook was created elsewhere, delete it and let the node register it again.', { details: { tracker: 'asana' } }));
  }
  const parsed = parseJson(new TextDecoder().decode(body), deliverySchema);
  if (!parsed.ok) return err(new ExalateError('invalid_request', `An Asana webhook call did not carry events the node can read (${parsed.reason}).`, { details: { tracker: 'asana' } }));
  return ok({ itemKeys: taskKeysOfEvents(parsed.value.events) });
}

async function hmacHex(secret: string, body: Uint8Array): Promise<string> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const signature = new Uint8Array(await crypto.subtle.sign('HMAC', key, body.slice()));
  return Array.from(signature, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

function headerValue(headers: IncomingHookRequest['headers'], name: string): string | undefined {
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== name) continue;
    return typeof value === 'string' ? value : value?.[0];
  }
  return undefined;
}

/** Compares every character whatever the first difference, so timing does not reveal the signature. */
function sameText(offered: string, expected: string): boolean {
  let difference = offered.length ^ expected.length;
  for (let index = 0; index < expected.length; index += 1) difference |= (offered.charCodeAt(index) || 0) ^ expected.charCodeAt(index);
  return difference === 0;
}
