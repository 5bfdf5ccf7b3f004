import { bearerAuthorization } from '../../hosts/emulator-kit';
import { JiraServerAdapter } from '../../hosts/jira-server/adapter';
import { createSpecCheckingFetch } from '../spec/spec-checking-fetch';
import { jiraServerSpecOptions } from '../support/jira-spec-options';
import { startJiraServerHarness } from '../support/jira-harness';
import { jiraEmulatorFixture } from './jira-emulator-fixture';
import { describeLiveTrackerContract, describeTrackerContract, type TrackerContractVocabulary } from './tracker.contract';

const vocabulary = (userEmail: string, projectKey: string): TrackerContractVocabulary => ({
  itemType: 'Bug',
  initialStatus: 'To Do',
  targetStatus: 'In Progress',
  priorities: ['High', 'Low'],
  supportsLabels: true,
  userEmail,
  missingItemKey: `${projectKey}-99999`,
  queryForProject: (key) => `project = "${key}" ORDER BY created ASC`,
});

describeTrackerContract('jira-server (emulator)', async () =>
  jiraEmulatorFixture(await startJiraServerHarness(), 'ENG', vocabulary('sam@acme.example', 'ENG')),
);

/**
 * `npm run test:live` with JIRA_SERVER_URL (the base URL, with any context path) and
 * JIRA_SERVER_TOKEN (a personal access token) set; JIRA_SERVER_PROJECT picks the project (default:
 * the first visible) and JIRA_SERVER_USER_EMAIL a user to look up (default: the token's user).
 */
describeLiveTrackerContract('jira-server', ['JIRA_SERVER_URL', 'JIRA_SERVER_TOKEN'], async (environment) => {
  const baseUrl = environment['JIRA_SERVER_URL']!.replace(/\/+$/, '');
  const authorization = bearerAuthorization(environment['JIRA_SERVER_TOKEN']!);
  const specCheck = createSpecCheckingFetch(jiraServerSpecOptions(baseUrl));
  const tracker = new JiraServerAdapter({ baseUrl, authorization, fetch: specCheck.fetch });
  const projectKey = process.env['JIRA_SERVER_PROJECT'] ?? (await tracker.listProjects())[0]?.key ?? 'ENG';
  const myself = (await (await fetch(`${baseUrl}/rest/api/2/myself`, { headers: { Authorization: authorization } })).json()) as { emailAddress?: string };
  return {
    tracker,
    projectKey,
    vocabulary: vocabulary(process.env['JIRA_SERVER_USER_EMAIL'] ?? myself.emailAddress ?? '', projectKey),
    close: async () => undefined,
    assertExchangesMatchSpec: () => {
      specCheck.assertExchangesMatchSpec();
      specCheck.clear();
    },
    deleteItem: async (key) => {
      await fetch(`${baseUrl}/rest/api/2/issue/${key}`, { method: 'DELETE', headers: { Authorization: authorization } });
    },
  };
});
