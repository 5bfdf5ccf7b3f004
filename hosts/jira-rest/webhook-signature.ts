import { z } from 'zod';
import { hmacSha256, sameBytes, verifyHs256Jwt } from '../incoming-request';

/**
 * Checks of a Jira webhook delivery's origin. Used by the change intakes, never by adapters.
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
  return sameBytes(Buffer.from(match[1]!, 'hex'), hmacSha256(secret, rawBody));
}

export type JwtCheck = { readonly valid: true; readonly claims: Readonly<Record<string, unknown>> } | { readonly valid: false; readonly reason: string };

const claimsSchema = z.record(z.string(), z.unknown());

const jwtRefusals = {
  malformed: 'it carries no bearer token',
  algorithm: 'its token is not HS256',
  signature: 'its token is not signed with the secret',
  claims: 'its token cannot be read',
} as const;

/** An HS256 JWT from `Authorization: Bearer …`, signed with `secret` and not expired at `now` (epoch ms). */
export function verifyBearerJwt(header: string | undefined, secret: string, now: number): JwtCheck {
  const token = /^bearer\s+(\S+)$/i.exec(header?.trim() ?? '')?.[1];
  if (token === undefined) return { valid: false, reason: jwtRefusals.malformed };
  const check = verifyHs256Jwt(token, secret, claimsSchema);
  if (!check.ok) return { valid: false, reason: jwtRefusals[check.failure] };
  const claims = check.claims;
  const expiry = claims['exp'];
  // An expiry that is not a number of seconds would otherwise never be checked: such a token is forged or broken.
  if (expiry !== undefined && !Number.isFinite(expiry)) return { valid: false, reason: 'its token has an expiry that is not a time' };
  if (typeof expiry === 'number' && expiry * 1000 < now) return { valid: false, reason: 'its token has expired' };
  return { valid: true, claims };
}
