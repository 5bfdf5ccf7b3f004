import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { err, ExalateError, ok, parseJson, type Result } from '../../core';

/**
 * The app token Azure DevOps gives the hub (`SDK.getAppToken()`): a JWT signed HS256 with the
 * extension's certificate, the secret shown in the Marketplace publisher portal (right-click the
 * extension → Certificate; learn.microsoft.com/azure/devops/extend/develop/auth). Its claims name
 * the user (`nameid`), their tenant (`tid`), the issuer (`iss`, app.vstoken.visualstudio.com or
 * app.vssps.visualstudio.com) and the audience (`aud`), valid from `nbf` to `exp`. Changing the
 * extension's scopes changes the certificate: the node then needs the new secret.
 */
const claimsSchema = z.looseObject({
  nameid: z.string().min(1),
  tid: z.string().optional(),
  iss: z.string().optional(),
  aud: z.union([z.string(), z.array(z.string())]).optional(),
  nbf: z.number().optional(),
  exp: z.number(),
});
const headerSchema = z.looseObject({ alg: z.string(), typ: z.string().optional() });

export interface AppTokenClaims {
  /** The Azure DevOps user id of the admin using the hub. */
  readonly userId: string;
  readonly tenant: string | undefined;
  readonly issuer: string | undefined;
  readonly audience: readonly string[];
  readonly expiresAt: number;
}

export interface AppTokenCheck {
  /** The extension's certificate (its secret), as the publisher portal shows it. */
  readonly secret: string;
  readonly now: number;
  /** Accepted issuers; defaults to Azure DevOps' two. */
  readonly issuers?: readonly string[];
  /** When set, the token's audience must include it (bind the node to its organization's tokens). */
  readonly audience?: string;
  /** Clock difference tolerated between Azure DevOps and the node (default 5 minutes). */
  readonly clockSkewMs?: number;
}

export const azureDevOpsTokenIssuers = ['app.vstoken.visualstudio.com', 'app.vssps.visualstudio.com'] as const;

/**
 * Verifies an app token: HS256 only (a token naming another algorithm, "none" included, is
 * refused), the signature with the extension's secret in constant time, then issuer, audience and
 * validity period. Every refusal reads the same from outside; the reason is for the node's log.
 */
export function verifyAzureDevOpsAppToken(token: string | undefined, check: AppTokenCheck): Result<AppTokenClaims> {
  const refuse = (reason: string) => err(new ExalateError('unauthorized', 'The Azure DevOps app token was refused. Reload the Exalate page in Azure DevOps; if it keeps failing, the node may hold an old extension certificate.', { details: { reason } }));
  const parts = (token ?? '').replace(/^Bearer\s+/i, '').split('.');
  if (parts.length !== 3 || parts.some((part) => !/^[A-Za-z0-9_-]*$/.test(part))) return refuse('not a JWT');
  const [encodedHeader = '', encodedClaims = '', signature = ''] = parts;
  const header = parseJson(Buffer.from(encodedHeader, 'base64url').toString('utf8'), headerSchema);
  if (!header.ok || header.value.alg !== 'HS256') return refuse('not signed HS256');
  const expected = createHmac('sha256', Buffer.from(check.secret, 'utf8')).update(`${encodedHeader}.${encodedClaims}`).digest();
  const presented = Buffer.from(signature, 'base64url');
  if (presented.length !== expected.length || !timingSafeEqual(presented, expected)) return refuse('bad signature');
  const claims = parseJson(Buffer.from(encodedClaims, 'base64url').toString('utf8'), claimsSchema);
  if (!claims.ok) return refuse(`claims unreadable: ${claims.reason}`);
  const skew = check.clockSkewMs ?? 5 * 60_000;
  const { nameid, tid, iss, aud, nbf, exp } = claims.value;
  if (exp * 1000 + skew <= check.now) return refuse('expired');
  if (nbf !== undefined && nbf * 1000 - skew > check.now) return refuse('not valid yet');
  const issuers = check.issuers ?? azureDevOpsTokenIssuers;
  if (iss !== undefined && !issuers.includes(iss)) return refuse(`issuer ${iss}`);
  const audience = aud === undefined ? [] : Array.isArray(aud) ? aud : [aud];
  if (check.audience !== undefined && !audience.includes(check.audience)) return refuse('audience');
  return ok({ userId: nameid, tenant: tid, issuer: iss, audience, expiresAt: exp * 1000 });
}
