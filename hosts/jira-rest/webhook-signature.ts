import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { parseJson } from '../../core';

/**
 * Checks of a Jira webhook delivery's origin. Used by the entries (host intake), never by adapters.
 *
 * - Admin webhooks with a secret (Jira DC "Managing webhooks → Securing your webhook", Jira Cloud
 *   "Secure admin webhooks"): `X-Hub-Signature: sha256=<hex HMAC-SHA256 of the raw body>`.
 * - Dynamic webhooks of OAuth 2.0 apps (Jira Cloud "Webhooks → authentication for OAuth 2.0
 *   apps"): `Authorization: Bearer <JWT>` signed HS256 with the app's client secret.
 * Both are compared in constant time over the exact bytes received.
 */
export function verifyHubSignature(header: string | undefined, rawBody: Uint8Array | string, secret: string): boolean {
  const match = /^sha256=([0-9a-f]{64})$/i.exec(header?.trim() ?? '');
  if (match === null) return false;
  const expected = createHmac('sha256', secret).update(rawBody).digest();
  const offered = Buffer.from(match[1]!, 'hex');
  return offered.length === expected.length && timingSafeEqual(offered, expected);
}

export type JwtCheck = { readonly valid: true; readonly claims: Readonly<Record<string, unknown>> } | { readonly valid: false; readonly reason: string };

/** An HS256 JWT from `Authorization: Bearer …`, signed with `secret` and not expired at `now` (epoch ms). */
export function verifyBearerJwt(header: string | undefined, secret: string, now: number): JwtCheck {
  const token = /^bearer\s+(\S+)$/i.exec(header?.trim() ?? '')?.[1];
  const parts = token?.split('.');
  if (parts === undefined || parts.length !== 3) return { valid: false, reason: 'it carries no bearer token' };
  const [head, body, signature] = parts as [string, string, string];
  const expected = createHmac('sha256', secret).update(`${head}.${body}`).digest();
  const offered = Buffer.from(signature, 'base64url');
  if (offered.length !== expected.length || !timingSafeEqual(offered, expected)) return { valid: false, reason: 'its token is not signed with the secret' };
  const tokenHeader = readJson(Buffer.from(head, 'base64url').toString('utf8'));
  if (tokenHeader?.['alg'] !== 'HS256') return { valid: false, reason: 'its token is not HS256' };
  const claims = readJson(Buffer.from(body, 'base64url').toString('utf8'));
  if (claims === undefined) return { valid: false, reason: 'its token cannot be read' };
  if (typeof claims['exp'] === 'number' && claims['exp'] * 1000 < now) return { valid: false, reason: 'its token has expired' };
  return { valid: true, claims };
}

const jsonObject = z.record(z.string(), z.unknown());

function readJson(text: string): Record<string, unknown> | undefined {
  const parsed = parseJson(text, jsonObject);
  return parsed.ok ? parsed.value : undefined;
}
