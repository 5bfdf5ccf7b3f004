import { z } from 'zod';
import { parseJson } from '../../core';
import { sameBytes } from './constant-time';
import { hmacSha256 } from './hmac-sha256';

export type Hs256JwtFailure = 'malformed' | 'algorithm' | 'signature' | 'claims';

export type Hs256JwtCheck<Claims> =
  | { readonly ok: true; readonly claims: Claims }
  /** `failure` says which step refused it; `reason` says why, for the caller's log. */
  | { readonly ok: false; readonly failure: Hs256JwtFailure; readonly reason: string };

const base64UrlPart = /^[A-Za-z0-9_-]*$/;
const headerSchema = z.looseObject({ alg: z.string(), typ: z.string().optional() });

/**
 * Verifies a JWT signed HS256 (RFC 7519 with RFC 7515's HMAC-SHA256): three base64url parts, a
 * header that names HS256 (a token naming any other algorithm, "none" included, is refused before
 * its signature is looked at), the signature over `header.claims` with `secret` compared in
 * constant time, then the claims read with the caller's schema. What the claims must say (expiry,
 * issuer, audience) is the caller's to check: each kind of token has its own rules.
 */
export function verifyHs256Jwt<Claims>(token: string, secret: string | Uint8Array, claimsSchema: z.ZodType<Claims>): Hs256JwtCheck<Claims> {
  const parts = token.split('.');
  if (parts.length !== 3 || parts.some((part) => !base64UrlPart.test(part))) return { ok: false, failure: 'malformed', reason: 'not a JWT' };
  const [encodedHeader = '', encodedClaims = '', signature = ''] = parts;
  const header = parseJson(Buffer.from(encodedHeader, 'base64url').toString('utf8'), headerSchema);
  if (!header.ok || header.value.alg !== 'HS256') return { ok: false, failure: 'algorithm', reason: 'not signed HS256' };
  if (!sameBytes(Buffer.from(signature, 'base64url'), hmacSha256(secret, `${encodedHeader}.${encodedClaims}`)))
    return { ok: false, failure: 'signature', reason: 'bad signature' };
  const claims = parseJson(Buffer.from(encodedClaims, 'base64url').toString('utf8'), claimsSchema);
  if (!claims.ok) return { ok: false, failure: 'claims', reason: `claims unreadable: ${claims.reason}` };
  return { ok: true, claims: claims.value };
}
