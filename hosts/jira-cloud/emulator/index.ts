import { HookDeliveries, RateLimitStorm, type TrackerEmulator } from '../../emulator-kit';
import { deliverJiraWebhooks, type RepresentationContext } from '../../jira-rest/emulator';
import { JiraCloudEmulatorState, type JiraCloudEmulatorSeed } from './jira-cloud-emulator-state';
import { createJiraCloudRoutes } from './jira-cloud-routes';
import { jiraCloudSampleSeed } from './sample-seed';

export { JiraCloudEmulatorState } from './jira-cloud-emulator-state';
export type { JiraCloudAccount, JiraCloudEmulatorSeed, JiraCloudEmulatorSnapshot } from './jira-cloud-emulator-state';
export { jiraCloudSampleSeed } from './sample-seed';

export interface JiraCloudEmulatorOptions {
  /** Overrides parts of the sample site; anything left out comes from `jiraCloudSampleSeed`. */
  readonly seed?: JiraCloudEmulatorSeed;
  /** The emulator's clock for `created`/`updated` (epoch ms); the wall clock unless a test injects one. */
  readonly now?: () => number;
  /** How webhook deliveries are sent; the global fetch unless a test injects one. */
  readonly fetch?: typeof fetch;
}

export interface JiraCloudEmulator extends TrackerEmulator<JiraCloudEmulatorState> {
  /** Turn on to answer the next requests 429 with Retry-After (Jira Cloud's rate-limit headers). */
  readonly storm: RateLimitStorm;
  /** Resolves when every webhook delivery started so far has finished (tests wait on it). */
  deliveriesSettled(): Promise<void>;
}

/**
 * An in-process Jira Cloud site (REST v3). Mounted at prefix P, the site URL a client is configured
 * with (`trackerApi`) is `<origin>P`, and `authorization` is `Basic base64(email:apiToken)`.
 */
export function createJiraCloudEmulator(options: JiraCloudEmulatorOptions = {}): JiraCloudEmulator {
  const now = options.now ?? (() => Date.now());
  const state = new JiraCloudEmulatorState(jiraCloudSampleSeed, options.seed, now);
  const storm = new RateLimitStorm();
  const hookDeliveries = new HookDeliveries(options.fetch === undefined ? {} : { fetch: options.fetch });
  let lastSeen: RepresentationContext | undefined;
  deliverJiraWebhooks({
    work: state.work,
    representation: () => lastSeen,
    timeZone: () => state.account.timeZone,
    appClientSecret: () => state.oauthClientSecret,
    deliveries: hookDeliveries,
  });
  return {
    routes: createJiraCloudRoutes(state, { storm, remember: (context) => (lastSeen = context) }),
    state,
    storm,
    deliveriesSettled: () => hookDeliveries.settled(),
    get authorization() {
      return state.authorization;
    },
  };
}
