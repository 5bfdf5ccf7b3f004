import { TrackerHttpClient, type TrackerHttpClientOptions } from '../tracker-http';
import { readJiraErrorBody } from '../jira-rest';

/**
 * How the Jira Server/DC adapter reaches Jira: `baseUrl` (with any context path, e.g.
 * `https://jira.example.com/jira`) and `authorization` (`Bearer <personal access token>`, Jira 8.14
 * and later), plus anything of hosts/tracker-http to inject (fetch, clock, sleep, budgets, retry).
 */
export type JiraServerClientOptions = Omit<TrackerHttpClientOptions, 'tracker' | 'messages'>;

export function createJiraServerHttpClient(options: JiraServerClientOptions): TrackerHttpClient {
  return new TrackerHttpClient({
    ...options,
    tracker: 'jira-server',
    messages: {
      trackerName: 'Jira',
      unauthorized:
        "Create a new personal access token in Jira (your profile → Personal Access Tokens, Jira 8.14 or later) and save it in this node's Jira Server settings.",
      forbiddenAdvice:
        "Give the token's user the Browse projects permission on the projects to sync, and Edit issues, Transition issues, Add comments and Create attachments on those it writes to.",
      // A single sign-on gateway that redirects REST calls to its login page produces the "not Jira" answers.
      checkAddress:
        'Check the Jira base URL (including any context path such as /jira), that this machine can open it, and that single sign-on does not redirect REST calls with a personal access token to a login page.',
      rateLimitAdvice: "A Jira administrator can exempt the node's user under System → Rate limiting.",
      outageAdvice: "If it keeps happening, look at Jira's atlassian-jira.log.",
      readErrorBody: readJiraErrorBody,
    },
  });
}
