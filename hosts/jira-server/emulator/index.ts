import { HookDeliveries, RateLimitStorm, type TrackerEmulator } from '../../emulator-kit';
import { deliverJiraWebhooks, type RepresentationContext } from '../../jira-rest/emulator';
import { JiraServerEmulatorState, type JiraServerEmulatorSeed } from './jira-server-emulator-state';
import { createJiraServerRoutes } from './jira-server-routes';
import { jiraServerSampleSeed } from './sample-seed';

export { JiraServerEmulatorState } from './jira-server-emulator-state';
export type { JiraServerAccount, JiraServerDeploymentType, JiraServerEmulatorSeed, JiraServerEmulatorSnapshot } from './jira-server-emulator-state';
export { jiraServerSampleSeed } from './sample-seed';

export interface JiraServerEmulatorOptions {
  /** Overrides parts of the sample site; anything left out comes from `jiraServerSampleSeed`. */
  readonly seed?: JiraServerEmulatorSeed;
  /** The emulator's clock for `created`/`updated` (epoch ms); the wall clock unless a test injects one. */
  readonly now?: () => number;
  /** How webhook deliveries are sent; the global fetch unless a test injects one. */
  readonly fetch?: typeof fetch;
}

export interface JiraServerEmulator extends TrackerEmulator<JiraServerEmulatorState> {
  /** Turn on to answer the next requests 429 with Retry-After (Jira DC's rate-limit headers). */
  readonly storm: RateLimitStorm;
  /** Resolves when every webhook delivery started so far has finished (tests wait on it). */
  deliveriesSettled(): Promise<void>;
}

/**
 * An in-process Jira Server/Data Center (REST v2 plus UPM's licence resource). Mounted at prefix P,
 * the Jira base URL (`trackerApi`) is `<origin>P`, and `authorization` is `Bearer <personal access token>`.
 */
export function createJiraServerEmulator(options: JiraServerEmulatorOptions = {}): JiraServerEmulator {
  const now = options.now ?? (() => Date.now());
  const state = new JiraServerEmulatorState(jiraServerSampleSeed, options.seed, now);
  const storm = new RateLimitStorm();
  const hookDeliveries = new HookDeliveries(options.fetch === undefined ? {} : { fetch: options.fetch });
  let lastSeen: RepresentationContext | undefined;
  deliverJiraWebhooks({
    work: state.work,
    representation: () => lastSeen,
    timeZone: () => state.account.timeZone,
    deliveries: hookDeliveries,
  });
  return {
    routes: createJiraServerRoutes(state, { storm, remember: (context) => (lastSeen = context) }),
    state,
    storm,
    deliveriesSettled: () => hookDeliveries.settled(),
    get authorization() {
      return state.authorization;
    },
  };
}
