import { z } from 'zod';
import { err, ExalateError, ok, parseJson, type Result } from '../../../core';
import { hmacSha256Hex, sameBytes } from '../../incoming-request';

/**
 * Asana signs every request it makes to an app server (developers.asana.com/docs/message-integrity):
 * `x-asana-request-signature` is the hex HMAC-SHA256, keyed with the app's client secret, of the
 * query string for a GET (everything after `?`, exactly as sent) and of the body's `data` field for
 * a POST (a JSON document carried as a string). Each request also names when it stops being valid,
 * `expires_at` (ISO 8601; developers.asana.com/docs/timeliness).
 */
export const asanaSignatureHeader = 'x-asana-request-signature';

/** The text Asana signed, and where the request's own fields are read from. */
export type SignedAsanaRequest = { readonly method: 'GET'; readonly queryString: string } | { readonly method: 'POST'; readonly body: string };

/** What a request checked by its signature carries: its fields, and when it stops being valid. */
export interface VerifiedAsanaRequest {
  /** The query's parameters for a GET, the parsed `data` document for a POST. */
  readonly fields: Readonly<Record<string, unknown>>;
  readonly signature: string;
  /** Epoch milliseconds. */
  readonly expiresAt: number;
}

/**
 * Asana signs a request for moments, not hours; a later `expires_at` is refused, so that no signed
 * request stays usable (or held in the replay memory) for long even if one were ever leaked.
 */
export const longestAsanaRequestLifetimeMs = 60 * 60_000;

const hexSignature = /^[0-9a-f]{64}$/i;
/** Tolerant: Asana may add fields; only `data` is read, and it must be the signed string. */
const postBodySchema = z.looseObject({ data: z.string() });
const dataDocumentSchema = z.record(z.string(), z.unknown());

export function signAsanaText(clientSecret: string, text: string): string {
  return hmacSha256Hex(clientSecret, text);
}

const refused = (message: string) => err(new ExalateError('unauthorized', message));

/**
 * Checks a request as Asana signs it. Every refusal is `unauthorized` (401) and is decided before
 * anything is read from the request's fields, so a request that fails here changes nothing.
 */
export function verifyAsanaRequest(
  request: SignedAsanaRequest,
  signature: string | undefined,
  clientSecret: string,
  now: number,
): Result<VerifiedAsanaRequest> {
  if (signature === undefined || signature === '') return refused(`The request has no ${asanaSignatureHeader} header: only Asana may call this app server.`);
  if (!hexSignature.test(signature)) return refused(`The ${asanaSignatureHeader} header is not an HMAC-SHA256 in hex.`);
  let signedText: string;
  if (request.method === 'GET') {
    signedText = request.queryString;
  } else {
    const body = parseJson(request.body, postBodySchema);
    if (!body.ok) return refused('The request body has no signed "data" field, as Asana sends it.');
    signedText = body.value.data;
  }
  const expected = Buffer.from(signAsanaText(clientSecret, signedText), 'hex');
  // Compared in constant time, so the answer's timing says nothing about how much of a guess was right.
  if (!sameBytes(Buffer.from(signature, 'hex'), expected)) {
    return refused(
      "The request's signature does not match: it was not signed with this app's client secret (ASANA_CLIENT_SECRET), or it was changed on the way.",
    );
  }
  const fields = readSignedFields(request.method, signedText);
  if (fields === undefined) return refused('The signed "data" field is not a JSON object.');
  const expiresAt = typeof fields['expires_at'] === 'string' ? Date.parse(fields['expires_at']) : Number.NaN;
  if (Number.isNaN(expiresAt)) return refused('The request has no valid expires_at; Asana names one in every request it signs.');
  if (now > expiresAt) return refused(`The request expired at ${new Date(expiresAt).toISOString()}; Asana sends a new one when the task is opened again.`);
  if (expiresAt - now > longestAsanaRequestLifetimeMs)
    return refused(`The request claims to stay valid until ${new Date(expiresAt).toISOString()}, longer than any request Asana signs.`);
  return ok({ fields, signature: signature.toLowerCase(), expiresAt });
}

function readSignedFields(method: SignedAsanaRequest['method'], signedText: string): Readonly<Record<string, unknown>> | undefined {
  if (method === 'GET') return Object.fromEntries(new URLSearchParams(signedText));
  const document = parseJson(signedText, dataDocumentSchema);
  return document.ok ? document.value : undefined;
}
