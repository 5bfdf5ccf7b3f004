import { TrackerHttpClient, type TrackerHttpClientOptions } from '../tracker-http';
import type { JiraDialect } from './jira-dialect';
import { readJiraErrorBody } from './jira-rest-responses';

/**
 * How a Jira adapter reaches Jira: `baseUrl` and `authorization`, plus anything of hosts/tracker-http
 * to inject (fetch, clock, sleep, budgets, retry). Jira Cloud takes Basic email:API token in a node,
 * and on Forge a `fetch` that calls `api.asApp().requestJira(route…)` with the path of the URL it is
 * given; Jira Server/DC takes `Bearer <personal access token>` (Jira 8.14 and later) and a base URL
 * with any context path (`https://jira.example.com/jira`).
 */
export type JiraClientOptions = Omit<TrackerHttpClientOptions, 'tracker' | 'messages'>;

/** The HTTP client of one Jira deployment: its name and its advice come from the dialect, errors read as Jira's ErrorCollection. */
export function createJiraHttpClient(options: JiraClientOptions, dialect: JiraDialect): TrackerHttpClient {
  return new TrackerHttpClient({
    ...options,
    tracker: dialect.tracker,
    messages: { trackerName: dialect.trackerName, ...dialect.advice, readErrorBody: readJiraErrorBody },
  });
}
