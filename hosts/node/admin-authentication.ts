import { timingSafeEqual } from 'node:crypto';
import { verifyAzureDevOpsAppToken } from '../azure-devops/ui-token';

/**
 * Who may call the admin API: the holder of the node's admin token, and, when the node serves an
 * Azure DevOps organization, the Exalate hub, which sends the app token Azure DevOps gave it
 * (`SDK.getAppToken()`, a JWT signed with the extension's certificate). The hub never sees the
 * admin token: an organization admin opens the hub, and the node trusts the signature.
 */
export interface AzureDevOpsAppTokenAccess {
  /** The extension's certificate as the Marketplace publisher portal shows it (AZURE_DEVOPS_EXTENSION_SECRET). */
  readonly secret: string;
  /** When set, only these Azure DevOps user ids (the token's `nameid`) are let in (AZURE_DEVOPS_ADMIN_IDS). */
  readonly userIds?: readonly string[];
}

export interface AdminAuthentication {
  readonly adminToken: string;
  readonly azureDevOpsAppTokens?: AzureDevOpsAppTokenAccess | undefined;
  readonly now: () => number;
}

export type AdminCaller = { readonly kind: 'admin-token' } | { readonly kind: 'azure-devops-app'; readonly userId: string };

/** The caller behind an Authorization header, or the reason (for the node's log) it is refused. */
export function authenticateAdmin(header: string | undefined, authentication: AdminAuthentication): { readonly caller: AdminCaller } | { readonly refused: string } {
  const presented = /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1];
  if (!presented) return { refused: 'no bearer token' };
  if (sameText(presented, authentication.adminToken)) return { caller: { kind: 'admin-token' } };
  const access = authentication.azureDevOpsAppTokens;
  // An app token is a JWT; the admin token never has dots, so nothing else is tried as one.
  if (access === undefined || !presented.includes('.')) return { refused: 'wrong admin token' };
  const claims = verifyAzureDevOpsAppToken(presented, { secret: access.secret, now: authentication.now() });
  if (!claims.ok) return { refused: `app token: ${String(claims.error.details?.['reason'] ?? claims.error.message)}` };
  if (access.userIds !== undefined && !access.userIds.includes(claims.value.userId)) return { refused: `app token of user ${claims.value.userId}, who is not in AZURE_DEVOPS_ADMIN_IDS` };
  return { caller: { kind: 'azure-devops-app', userId: claims.value.userId } };
}

/** Constant time for equal lengths; the length of the admin token is not a secret worth hiding. */
function sameText(presented: string, expected: string): boolean {
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
