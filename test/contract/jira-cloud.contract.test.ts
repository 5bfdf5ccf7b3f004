import { basicAuthorization, startEmulatorServer } from '../../hosts/emulator-kit';
import { JiraCloudAdapter } from '../../hosts/jira-cloud/adapter';
import { createJiraCloudEmulator } from '../../hosts/jira-cloud/emulator';
import { createTestTimers } from '../../hosts/tracker-http';
import { createSpecCheckingFetch } from '../spec/spec-checking-fetch';
import { jiraCloudSpecOptions } from './jira-spec-options';
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

describeTrackerContract('jira-cloud (emulator)', async () => {
  // The emulator's clock ticks a second per reading, so every change has its own `updated`.
  let emulatorTime = Date.parse('2026-11-23T09:00:00Z');
  const emulator = createJiraCloudEmulator({ now: () => (emulatorTime += 1000) });
  const server = await startEmulatorServer(emulator.routes, { prefix: '/jira-cloud/tracker' });
  const specCheck = createSpecCheckingFetch(jiraCloudSpecOptions(server.mountUrl));
  const timers = createTestTimers();
  return {
    tracker: new JiraCloudAdapter({ baseUrl: server.mountUrl, authorization: emulator.authorization, fetch: specCheck.fetch, clock: timers.clock, sleep: timers.sleep, random: timers.random }),
    projectKey: 'SUP',
    vocabulary: vocabulary('sam@acme.example'),
    close: () => server.close(),
    faults: {
      startRateLimitStorm: (options) => emulator.storm.start(options),
      stopRateLimitStorm: () => emulator.storm.stop(),
      waits: timers.waits,
      countItems: (projectKey) => emulator.state.work.countIssues(projectKey),
      countComments: (key) => emulator.state.work.issue(key)?.comments.length ?? 0,
    },
    assertExchangesMatchSpec: () => {
      specCheck.assertExchangesMatchSpec();
      specCheck.clear();
    },
  };
});

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
