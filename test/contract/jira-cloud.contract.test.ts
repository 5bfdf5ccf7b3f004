import { basicAuthorization } from '../../hosts/emulator-kit';
import { JiraCloudAdapter } from '../../hosts/jira-cloud/adapter';
import { createSpecCheckingFetch } from '../spec/spec-checking-fetch';
import { jiraCloudSpecOptions } from '../support/jira-spec-options';
import { startJiraCloudHarness } from '../support/jira-harness';
import { jiraEmulatorFixture } from './jira-emulator-fixture';
import { describeLiveTrackerContract, describeTrackerContract, type TrackerContractVocabulary } from './tracker.contract';

const vocabulary = (userEmail: string): TrackerContractVocabulary => ({
  itemType: 'Bug',
  initialStatus: 'To Do',
  targetStatus: 'In Progress',
  priorities: ['High', 'Low'],
  supportsLabels: true,
  userEmail,
  missingItemKey: 'SUP-99999',
  queryForProject: (projectKey) => `project = "${projectKey}" ORDER BY created ASC`,
});

describeTrackerContract('jira-cloud (emulator)', async () => jiraEmulatorFixture(await startJiraCloudHarness(), 'SUP', vocabulary('sam@acme.example')));

/**
 * `npm run test:live` with JIRA_CLOUD_URL (https://your-domain.atlassian.net), JIRA_CLOUD_EMAIL and
 * JIRA_CLOUD_TOKEN (an API token of that account) set; JIRA_CLOUD_PROJECT picks the project to
 * create test issues in (default: the first the account can see). The issues are deleted after.
 */
describeLiveTrackerContract('jira-cloud', ['JIRA_CLOUD_URL', 'JIRA_CLOUD_EMAIL', 'JIRA_CLOUD_TOKEN'], async (environment) => {
  const baseUrl = environment['JIRA_CLOUD_URL']!.replace(/\/+$/, '');
  const authorization = basicAuthorization(environment['JIRA_CLOUD_EMAIL']!, environment['JIRA_CLOUD_TOKEN']!);
  const specCheck = createSpecCheckingFetch(jiraCloudSpecOptions(baseUrl));
  const tracker = new JiraCloudAdapter({ baseUrl, authorization, fetch: specCheck.fetch });
  const projectKey = process.env['JIRA_CLOUD_PROJECT'] ?? (await tracker.listProjects())[0]?.key ?? 'SUP';
  return {
    tracker,
    projectKey,
    vocabulary: { ...vocabulary(environment['JIRA_CLOUD_EMAIL']!), missingItemKey: `${projectKey}-999999` },
    close: async () => undefined,
    assertExchangesMatchSpec: () => {
      specCheck.assertExchangesMatchSpec();
      specCheck.clear();
    },
    deleteItem: async (key) => {
      await fetch(`${baseUrl}/rest/api/3/issue/${key}`, { method: 'DELETE', headers: { Authorization: authorization } });
    },
  };
});
