import { asUser, assumeTrustedRoute } from '@forge/api';
import { z } from 'zod';
import type { RequestJira } from './forge-fetch';

/** `api.asUser().requestJira`: Jira answers as the person who has the issue open. */
export const requestJiraAsUser: RequestJira = (path, init) => asUser().requestJira(assumeTrustedRoute(path), init);

const myPermissionsSchema = z.looseObject({ permissions: z.looseObject({ EDIT_ISSUES: z.looseObject({ havePermission: z.boolean() }) }) });

/**
 * Whether the person who has the issue open may edit it: Jira's "Get my permissions" for the issue,
 * asked as that person (developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-permissions).
 * Forge shows the Exalate panel to everyone who can see the issue; only those who may edit it may
 * change how it syncs (Exalate, Sync now, Connect, Unexalate, Retry). Anything but a clear yes is a no.
 */
export async function viewerMayEditIssue(issueKey: string, requestJira: RequestJira = requestJiraAsUser): Promise<boolean> {
  const path = `/rest/api/3/mypermissions?${new URLSearchParams({ issueKey, permissions: 'EDIT_ISSUES' }).toString()}`;
  const answer = await requestJira(path, { method: 'GET', headers: { accept: 'application/json' } });
  if (answer.status !== 200) return false;
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder().decode(await answer.arrayBuffer()));
  } catch {
    return false;
  }
  const permissions = myPermissionsSchema.safeParse(body);
  return permissions.success && permissions.data.permissions.EDIT_ISSUES.havePermission;
}
