import { z } from 'zod';
import { err, ExalateError, ok, type Result } from '../../core';
import { verifyHs256Jwt } from '../incoming-request';
import { azureDevOpsUserIdPattern } from './collection-administrators';

/**
 * The app token Azure DevOps gives the hub (`SDK.getAppToken()`): a JWT signed HS256 with the
 * extension's certificate, the secret shown in the Marketplace publisher portal (right-click the
 * extension → Certificate; learn.microsoft.com/azure/devops/extend/develop/auth). Its claims name
 * the user (`nameid`, their Azure DevOps id, a GUID), their tenant (`tid`), a token id (`jti`), the
 * issuer (`iss`, app.vstoken.visualstudio.com) and the audience (`aud`), valid from `nbf` to `exp`.
 * Every token Azure DevOps issues carries all of them except perhaps `tid`, so one without them was
 * not made by Azure DevOps and is refused. The token says nothing of the organization: binding it
 * to the node's organization is the administrator check's part (hosts/node/admin-authentication.ts).
 * Changing the extension's scopes changes the certificate: the node then needs the new secret.
 */
const claimsSchema = z.looseObject({
  nameid: z.string().optional(),
  tid: z.string().optional(),
  iss: z.string().optional(),
  aud: z.union([z.string(), z.array(z.string())]).optional(),
  nbf: z.number().optional(),
  exp: z.number().optional(),
});
const requiredClaims = ['nameid', 'iss', 'aud', 'nbf', 'exp'] as const;

/**
 * The longest validity (`nbf` to `exp`) accepted. Azure DevOps issues app tokens for about 70
 * minutes (4,200 s from `nbf` to `exp` in tokens decoded from a live organization); the SDK asks
 * for a fresh one as it nears expiry. A token valid for much longer was not issued by Azure DevOps:
 * a leaked certificate could otherwise mint one that works for years.
 */
export const maximumAppTokenLifetimeMs = 90 * 60_000;
/** Azure DevOps user ids are GUIDs; anything else in `nameid` is not Azure DevOps' doing. */

export interface AppTokenClaims {
  /** The Azure DevOps user id of the admin using the hub. */
  readonly userId: string;
  readonly tenant: string | undefined;
  readonly issuer: string;
  readonly audience: readonly string[];
  readonly expiresAt: number;
}

export interface AppTokenCheck {
  /** The extension's certificate (its secret), as the publisher portal shows it. */
  readonly secret: string;
  readonly now: number;
  /** Accepted issuers; defaults to Azure DevOps' two. */
  readonly issuers?: readonly string[];
  /** When set, the token's audience must include it. */
  readonly audience?: string;
  /** Clock difference tolerated between Azure DevOps and the node (default 5 minutes). */
  readonly clockSkewMs?: number;
}

export const azureDevOpsTokenIssuers = ['app.vstoken.visualstudio.com', 'app.vssps.visualstudio.com'] as const;

const reloadAdvice = 'Reload the Exalate page in Azure DevOps (Organization settings → Extensions → Exalate) so Azure DevOps issues a fresh token.';

/**
 * Verifies an app token: HS256 only (a token naming another algorithm, "none" included, is
 * refused), the signature with the extension's secret in constant time, then the claims Azure
 * DevOps always sets, the issuer, the audience, the validity period and its length. A token that
 * fails before its signature is checked gets one message that gives nothing away; a genuine token
 * that is expired or odd is told what is wrong with it.
 */
export function verifyAzureDevOpsAppToken(token: string | undefined, check: AppTokenCheck): Result<AppTokenClaims> {
  const refuse = (
    reason: string,
    message = `The Azure DevOps app token was refused. ${reloadAdvice} If it keeps failing, the node may hold an old extension certificate.`,
  ) => err(new ExalateError('unauthorized', message, { details: { reason } }));
  const refuseGenuine = (reason: string, what: string) => refuse(reason, `The Azure DevOps app token was refused: ${what}. ${reloadAdvice}`);
  const verified = verifyHs256Jwt((token ?? '').replace(/^Bearer\s+/i, ''), check.secret, claimsSchema);
  if (!verified.ok) return refuse(verified.reason);
  const claims = verified.claims;
  const missing = requiredClaims.filter((name) => claims[name] === undefined || claims[name] === '');
  if (missing.length > 0)
    return refuseGenuine(`missing claims: ${missing.join(', ')}`, `it lacks the claims ${missing.join(', ')} that Azure DevOps puts in every app token`);
  const { nameid = '', tid, iss = '', aud = [], nbf = 0, exp = 0 } = claims;
  if (!azureDevOpsUserIdPattern.test(nameid)) return refuseGenuine('nameid is not a user id', 'its user (nameid) is not an Azure DevOps user id');
  const issuers = check.issuers ?? azureDevOpsTokenIssuers;
  if (!issuers.includes(iss)) return refuseGenuine(`issuer ${iss}`, `it was issued by ${iss}, not by Azure DevOps (${issuers.join(' or ')})`);
  const audience = Array.isArray(aud) ? aud : [aud];
  if (audience.length === 0 || (check.audience !== undefined && !audience.includes(check.audience)))
    return refuseGenuine('audience', 'it is meant for another audience');
  if (exp <= nbf) return refuseGenuine('ends before it starts', 'its validity ends before it starts');
  if ((exp - nbf) * 1000 > maximumAppTokenLifetimeMs) {
    return refuseGenuine(
      `lifetime ${exp - nbf} s`,
      `it claims to be valid for ${describeDuration((exp - nbf) * 1000)}, and Azure DevOps issues app tokens for about 70 minutes (at most ${maximumAppTokenLifetimeMs / 60_000} minutes are accepted)`,
    );
  }
  const skew = check.clockSkewMs ?? 5 * 60_000;
  if (exp * 1000 + skew <= check.now) return refuseGenuine('expired', `it expired at ${new Date(exp * 1000).toISOString()}`);
  if (nbf * 1000 - skew > check.now)
    return refuseGenuine('not valid yet', `it is valid only from ${new Date(nbf * 1000).toISOString()}; check the node's clock`);
  return ok({ userId: nameid, tenant: tid, issuer: iss, audience, expiresAt: exp * 1000 });
}

function describeDuration(milliseconds: number): string {
  const hours = milliseconds / 3_600_000;
  return hours >= 48 ? `${Math.round(hours / 24)} days` : hours >= 2 ? `${Math.round(hours)} hours` : `${Math.round(milliseconds / 60_000)} minutes`;
}
