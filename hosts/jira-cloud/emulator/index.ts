import type { TrackerEmulator } from '../../emulator-kit';
import { JiraCloudEmulatorState, type JiraCloudEmulatorSeed } from './jira-cloud-emulator-state';
import { createJiraCloudRoutes } from './jira-cloud-routes';
import { jiraCloudSampleSeed } from './sample-seed';

export { JiraCloudEmulatorState } from './jira-cloud-emulator-state';
export type { JiraCloudAccount, JiraCloudEmulatorSeed, JiraCloudEmulatorSnapshot } from './jira-cloud-emulator-state';
export { jiraCloudSampleSeed } from './sample-seed';

export interface JiraCloudEmulatorOptions {
  /** Overrides parts of the sample site; anything left out comes from `jiraCloudSampleSeed`. */
  readonly seed?: JiraCloudEmulatorSeed;
}

export type JiraCloudEmulator = TrackerEmulator<JiraCloudEmulatorState>;

/**
 * An in-process Jira Cloud site (REST v3). Mounted at prefix P, the site URL a client is configured
 * with (`trackerApi`) is `<origin>P`, and `authorization` is `Basic base64(email:apiToken)`.
 */
export function createJiraCloudEmulator(options: JiraCloudEmulatorOptions = {}): JiraCloudEmulator {
  const state = new JiraCloudEmulatorState(jiraCloudSampleSeed, options.seed);
  return {
    routes: createJiraCloudRoutes(state),
    state,
    get authorization() {
      return state.authorization;
    },
  };
}
