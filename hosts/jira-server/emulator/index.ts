import { assembleJiraEmulator, type JiraEmulator, type JiraEmulatorOptions } from '../../jira-rest/emulator';
import { JiraServerEmulatorState, type JiraServerEmulatorSeed } from './jira-server-emulator-state';
import { createJiraServerRoutes } from './jira-server-routes';
import { jiraServerSampleSeed } from './sample-seed';

export { JiraServerEmulatorState } from './jira-server-emulator-state';
export type { JiraServerAccount, JiraServerDeploymentType, JiraServerEmulatorSeed, JiraServerEmulatorSnapshot } from './jira-server-emulator-state';
export { jiraServerSampleSeed } from './sample-seed';

export type JiraServerEmulatorOptions = JiraEmulatorOptions<JiraServerEmulatorSeed>;
export type JiraServerEmulator = JiraEmulator<JiraServerEmulatorState>;

/**
 * An in-process Jira Server/Data Center (REST v2 plus UPM's licence resource). Mounted at prefix P,
 * the Jira base URL (`trackerApi`) is `<origin>P`, and `authorization` is `Bearer <personal access token>`.
 */
export function createJiraServerEmulator(options: JiraServerEmulatorOptions = {}): JiraServerEmulator {
  const state = new JiraServerEmulatorState(jiraServerSampleSeed, options.seed, options.now ?? (() => Date.now()));
  return assembleJiraEmulator({ state, routes: (routeOptions) => createJiraServerRoutes(state, routeOptions), fetch: options.fetch });
}
