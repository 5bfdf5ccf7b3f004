import { ExalateError } from '../../core';
import { verifyAzureDevOpsAppToken } from '../azure-devops/ui-token';
import { sameSecret } from '../incoming-request';
import type { AdministratorCheck } from './azure-devops-administrators';
import { isEntrySessionToken, type EntrySessions } from './jira-server-entry/entry-sessions';

/**
 * Who may call the admin API: the holder of the node's admin token, and, when the node serves an
 * Azure DevOps organization, the Exalate hub, which sends the app token Azure DevOps gave it
 * (`SDK.getAppToken()`, a JWT signed with the extension's certificate). The hub never sees the
 * admin token. The signature only proves Azure DevOps issued the token, to a user of any
 * organization that installed the extension; whether that user may administer this node is what
 * this node's own organization says (an administrator check with the node's own token), so a
 * user of another organization, or a non-administrator of this one, is not let in.
 */
export interface AzureDevOpsAppTokenAccess {
  /** The extension's certificate as the Marketplace publisher portal shows it (AZURE_DEVOPS_EXTENSION_SECRET). */
  readonly secret: string;
  /** When set, only these Azure DevOps user ids (the token's `nameid`), if also administrators, are let in (AZURE_DEVOPS_ADMIN_IDS). */
  readonly userIds?: readonly string[];
}

export interface AdminAuthentication {
  readonly adminToken: string;
  readonly azureDevOpsAppTokens?: AzureDevOpsAppTokenAccess | undefined;
  /** Asks the node's Azure DevOps organization whether a user administers it; absent on other trackers. */
  readonly azureDevOpsAdministrators?: AdministratorCheck | undefined;
  /** Console sessions of Jira administrators who entered from Jira (jira-server-entry/); absent on other nodes. */
  readonly jiraServerSessions?: EntrySessions | undefined;
  readonly now: () => number;
}

export type AdminCaller =
  | { readonly kind: 'admin-token' }
  | { readonly kind: 'azure-devops-app'; readonly userId: string }
  | { readonly kind: 'jira-administrator'; readonly user: string };

export type AdminAuthenticationResult =
  | { readonly caller: AdminCaller }
  /** `error` is the answer (401, 403 or 503, with what to do); `reason` is for the node's log. */
  | { readonly refused: ExalateError; readonly reason: string };

const adminTokenAdvice = 'Send the admin token as "Authorization: Bearer <token>". The node prints it on first start; ADMIN_TOKEN sets it.';

/** The caller behind an Authorization header, or why (for the caller and the node's log) it is refused. */
export async function authenticateAdmin(header: string | undefined, authentication: AdminAuthentication): Promise<AdminAuthenticationResult> {
  const presented = /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1];
  if (!presented) return { refused: new ExalateError('unauthorized', adminTokenAdvice), reason: 'no bearer token' };
  if (sameSecret(presented, authentication.adminToken)) return { caller: { kind: 'admin-token' } };
  if (authentication.jiraServerSessions !== undefined && isEntrySessionToken(presented)) {
    const session = await authentication.jiraServerSessions.verify(presented);
    if (!session.ok) return { refused: session.error, reason: `Jira session: ${session.error.message}` };
    return { caller: { kind: 'jira-administrator', user: session.value.user } };
  }
  const access = authentication.azureDevOpsAppTokens;
  // An app token is a JWT; the admin token never has dots, so nothing else is tried as one.
  if (access === undefined || !presented.includes('.')) return { refused: new ExalateError('unauthorized', adminTokenAdvice), reason: 'wrong admin token' };
  const claims = verifyAzureDevOpsAppToken(presented, { secret: access.secret, now: authentication.now() });
  if (!claims.ok) return { refused: claims.error, reason: `app token: ${String(claims.error.details?.['reason'] ?? claims.error.message)}` };
  const userId = claims.value.userId;
  if (access.userIds !== undefined && !access.userIds.some((allowed) => allowed.toLowerCase() === userId.toLowerCase())) {
    return {
      refused: new ExalateError(
        'forbidden',
        `This node lets only the Azure DevOps users listed in its AZURE_DEVOPS_ADMIN_IDS in, and your user id ${userId} is not one of them. Ask whoever runs the node to add it.`,
      ),
      reason: `app token of user ${userId}, who is not in AZURE_DEVOPS_ADMIN_IDS`,
    };
  }
  const administrators = authentication.azureDevOpsAdministrators;
  if (administrators === undefined) {
    return {
      refused: new ExalateError(
        'forbidden',
        `This node does not serve an Azure DevOps organization, so it lets no Azure DevOps app token in. ${adminTokenAdvice}`,
      ),
      reason: 'app token on a node of another tracker',
    };
  }
  let isAdministrator: boolean;
  try {
    isAdministrator = await administrators.isAdministrator(userId);
  } catch (error) {
    const said = error instanceof Error ? error.message : String(error);
    return {
      refused: new ExalateError(
        'tracker_unavailable',
        `The node could not ask Azure DevOps whether you (user ${userId}) are an administrator of its organization: ${said} Try again in a minute; if it keeps failing, give the node's personal access token the Identity (Read) scope.`,
        { isRetryable: true, cause: error },
      ),
      reason: `app token of user ${userId}: the administrator check failed (${said})`,
    };
  }
  if (!isAdministrator) {
    return {
      refused: new ExalateError(
        'forbidden',
        `Azure DevOps says your account (user ${userId}) is not in Project Collection Administrators of the organization this node syncs, so Exalate's settings are closed to it. Ask an administrator of that organization to add you to Project Collection Administrators (Organization settings → Permissions), then reload this page.`,
      ),
      reason: `app token of user ${userId}, who is not a Project Collection Administrator of the node's organization`,
    };
  }
  return { caller: { kind: 'azure-devops-app', userId } };
}
