import { assembleJiraEmulator, type JiraEmulator, type JiraEmulatorOptions } from '../../jira-rest/emulator';
import { JiraCloudEmulatorState, type JiraCloudEmulatorSeed } from './jira-cloud-emulator-state';
import { createJiraCloudRoutes } from './jira-cloud-routes';
import { jiraCloudSampleSeed } from './sample-seed';

export { JiraCloudEmulatorState } from './jira-cloud-emulator-state';
export type { JiraCloudAccount, JiraCloudEmulatorSeed, JiraCloudEmulatorSnapshot } from './jira-cloud-emulator-state';
export { jiraCloudSampleSeed } from './sample-seed';

export type JiraCloudEmulatorOptions = JiraEmulatorOptions<JiraCloudEmulatorSeed>;
export type JiraCloudEmulator = JiraEmulator<JiraCloudEmulatorState>;

/**
 * An in-process Jira Cloud site (REST v3). Mounted at prefix P, the site URL a client is configured
 * with (`trackerApi`) is `<origin>P`, and `authorization` is `Basic base64(email:apiToken)`.
 */
export function createJiraCloudEmulator(options: JiraCloudEmulatorOptions = {}): JiraCloudEmulator {
  const state = new JiraCloudEmulatorState(jiraCloudSampleSeed, options.seed, options.now ?? (() => Date.now()));
  return assembleJiraEmulator({
    state,
    routes: (routeOptions) => createJiraCloudRoutes(state, routeOptions),
    fetch: options.fetch,
    appClientSecret: () => state.oauthClientSecret,
  });
}
