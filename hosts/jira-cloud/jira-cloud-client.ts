import { TrackerHttpClient, type TrackerHttpClientOptions } from '../tracker-http';
import { readJiraErrorBody } from '../jira-rest';

/**
 * How the Jira Cloud adapter reaches the site: `baseUrl` and `authorization` (Basic email:API
 * token in a node), plus anything of hosts/tracker-http to inject (fetch, clock, sleep, budgets,
 * retry). On Forge, pass a `fetch` that calls `api.asApp().requestJira(route…)` with the path of
 * the URL it is given: the adapter code stays the same.
 */
export type JiraCloudClientOptions = Omit<TrackerHttpClientOptions, 'tracker' | 'messages'>;

export function createJiraCloudHttpClient(options: JiraCloudClientOptions): TrackerHttpClient {
  return new TrackerHttpClient({
    ...options,
    tracker: 'jira-cloud',
    messages: {
      trackerName: 'Jira Cloud',
      unauthorized:
        "Create a new API token at https://id.atlassian.com/manage-profile/security/api-tokens for the account the node works as, and save it with that account's email in this node's Jira Cloud settings.",
      forbiddenAdvice:
        "Give the node's account the Browse projects permission on the projects to sync, and Edit issues, Transition issues, Add comments and Create attachments on those it writes to.",
      checkAddress:
        'Check that the Jira site URL is the address you open Jira at, such as https://your-domain.atlassian.net, and that this machine can open it.',
      rateLimitAdvice: 'Jira Cloud limits requests per site and per issue; the node slows down by itself.',
      outageAdvice: 'If it keeps happening, check https://jira-software.status.atlassian.com.',
      readErrorBody: readJiraErrorBody,
    },
  });
}
