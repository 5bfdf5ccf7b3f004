/**
 * The Exalate app's plugin key on Jira Server/Data Center, as the Universal Plugin Manager knows it.
 * UPM addresses a plugin's REST resources as `/rest/plugins/1.0/<plugin key>-key/…`.
 */
export const exalateJiraServerAppKey = 'com.exalate.jiranode';

export function upmLicencePath(appKey: string): string {
  return `/rest/plugins/1.0/${encodeURIComponent(appKey)}-key/license`;
}
