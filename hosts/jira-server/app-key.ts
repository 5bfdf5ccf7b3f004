/**
 * This product's plugin key on Jira Server/Data Center, as the Universal Plugin Manager knows it: the
 * key of the descriptor `npm run package` writes (manifests/jira-server/plugin-descriptor.ts). It is
 * this project's own; another vendor's key would read (or be mistaken for) that vendor's licence.
 * UPM addresses a plugin's REST resources as `/rest/plugins/1.0/<plugin key>-key/…`.
 */
export const exalateJiraServerAppKey = 'org.exalate.open.jira';

export function upmLicencePath(appKey: string): string {
  return `/rest/plugins/1.0/${encodeURIComponent(appKey)}-key/license`;
}
