import { exalateJiraServerAppKey } from './app-key';

/**
 * Where the Jira DC plugin (manifests/jira-server/plugin-descriptor.ts) sends people on the node,
 * and where the node reads back from a Jira site which node it belongs to. One place, so the
 * descriptor, the node's routes and the Destination Instance URL discovery cannot drift apart.
 */

/** `GET {nodeUrl}/jira-server/enter?page=connections`: a Jira admin opening Exalate from Jira's administration. */
export const jiraServerEntryPath = '/jira-server/enter';
/** Where Jira's OAuth 2.0 provider sends the browser back with the authorization code. */
export const jiraServerEntryCallbackPath = '/jira-server/enter/callback';
/** `GET {nodeUrl}/jira-server/item?issueKey=ENG-1`: the page the issue view's Exalate panel frames. */
export const jiraServerItemSurfacePath = '/jira-server/item';

/** The console pages the admin section links to, in the order the Jira Cloud app lists them. */
export const exalateAdminPageRoutes = [
  ['connections', 'Connections'],
  ['triggers', 'Triggers'],
  ['sync-queue', 'Sync queue'],
  ['errors', 'Errors'],
  ['general-settings', 'General settings'],
] as const;
export type ExalateAdminPageRoute = (typeof exalateAdminPageRoutes)[number][0];

/** The plugin's web-resource module that carries the node's location as a downloadable file. */
export const nodeLocationModuleKey = 'exalate-node-location';
export const nodeLocationFileName = 'exalate-node.json';

/**
 * Jira serves a plugin's downloadable web-resource files at
 * `/download/resources/{plugin key}:{module key}/{resource name}`, to anonymous callers too (the login
 * page's own scripts come this way). The node asks a Jira site here which node it belongs to.
 */
export function nodeLocationPath(appKey: string = exalateJiraServerAppKey): string {
  return `/download/resources/${appKey}:${nodeLocationModuleKey}/${nodeLocationFileName}`;
}
