import { AsanaAdapter } from '../../hosts/asana/adapter';
import { startAsanaHarness } from '../support/asana-harness';
import { describeLiveTrackerContract, describeTrackerContract, type TrackerContractVocabulary } from './tracker.contract';

const vocabulary = (userEmail: string): TrackerContractVocabulary => ({
  itemType: 'Task',
  // Asana tasks are only completed or incomplete.
  initialStatus: 'incomplete',
  targetStatus: 'completed',
  // A project with an enum custom field named Priority gives tasks a priority.
  priorities: process.env['ASANA_PRIORITIES'] === 'none' ? null : ['High', 'Low'],
  supportsLabels: true,
  userEmail,
  missingItemKey: '1',
  queryForProject: (projectKey) => `project = ${projectKey}`,
});

describeTrackerContract('asana (emulator)', async () => {
  const harness = await startAsanaHarness();
  const { emulator } = harness;
  const project = emulator.state.projects.find((candidate) => candidate.name === 'Bugs');
  return {
    tracker: harness.adapter,
    projectKey: project?.gid ?? '',
    vocabulary: vocabulary('ada@acme.example'),
    close: () => harness.close(),
    faults: {
      startRateLimitStorm: (options) => emulator.rateLimit.start(options),
      stopRateLimitStorm: () => emulator.rateLimit.stop(),
      waits: harness.timers.waits,
      countItems: (projectKey) =>
        emulator.state.list('tasks').filter((task) => task.memberships.some((membership) => membership.projectGid === projectKey)).length,
      countComments: (itemKey) => emulator.state.list('stories').filter((story) => story.taskGid === itemKey && story.type === 'comment').length,
    },
    assertExchangesMatchSpec: () => {
      try {
        harness.checks.assertExchangesMatchSpec();
      } finally {
        harness.checks.clear();
      }
    },
  };
});

/**
 * Against real Asana: ASANA_TOKEN (a personal access token) and ASANA_PROJECT (the gid of a project
 * the suite may create tasks in; give it an enum custom field "Priority" with options High and Low,
 * or set ASANA_PRIORITIES=none). ASANA_USER_EMAIL names a member to look up (default: the token's user).
 */
describeLiveTrackerContract('asana', ['ASANA_TOKEN', 'ASANA_PROJECT'], async (environment) => {
  const adapter = new AsanaAdapter({
    baseUrl: process.env['ASANA_URL'] ?? 'https://app.asana.com',
    authorization: `Bearer ${environment['ASANA_TOKEN'] ?? ''}`,
  });
  const email = process.env['ASANA_USER_EMAIL'] ?? '';
  return {
    tracker: adapter,
    projectKey: environment['ASANA_PROJECT'] ?? '',
    vocabulary: vocabulary(email),
    close: async () => undefined,
    deleteItem: async (key) => {
      await fetch(`${process.env['ASANA_URL'] ?? 'https://app.asana.com'}/api/1.0/tasks/${key}`, {
        method: 'DELETE',
        headers: { Authorization: `Bearer ${environment['ASANA_TOKEN'] ?? ''}` },
      });
    },
  };
});
