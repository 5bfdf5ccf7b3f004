import type { FastifyPluginAsync } from 'fastify';
import { HookDeliveries, RateLimitStorm, type PersistableEmulatorState, type TrackerEmulator } from '../../emulator-kit';
import type { RepresentationContext } from './jira-issue-representation';
import type { JiraSiteOptions } from './jira-site-routes';
import { deliverJiraWebhooks } from './jira-webhook-delivery';
import type { JiraWork } from './jira-work';

export interface JiraEmulatorOptions<Seed> {
  /** Overrides parts of the sample site; anything left out comes from the deployment's sample seed. */
  readonly seed?: Seed;
  /** The emulator's clock for `created`/`updated` (epoch ms); the wall clock unless a test injects one. */
  readonly now?: () => number;
  /** How webhook deliveries are sent; the global fetch unless a test injects one. */
  readonly fetch?: typeof fetch;
}

/** What the assembly needs of a Jira emulator's state (a JiraSiteState of Cloud or Server/DC). */
export interface JiraEmulatorState extends PersistableEmulatorState<unknown> {
  readonly work: JiraWork;
  readonly authorization: string;
  readonly account: { readonly timeZone: string };
}

export interface JiraEmulator<State extends JiraEmulatorState> extends TrackerEmulator<State> {
  /** Turn on to answer the next requests 429 with Retry-After (and the deployment's rate-limit headers). */
  readonly storm: RateLimitStorm;
  /** Resolves when every webhook delivery started so far has finished (tests wait on it). */
  deliveriesSettled(): Promise<void>;
}

export type JiraRouteOptions = Pick<JiraSiteOptions, 'storm' | 'remember'>;

interface JiraEmulatorParts<State> {
  readonly state: State;
  readonly routes: (options: JiraRouteOptions) => FastifyPluginAsync;
  readonly fetch: typeof fetch | undefined;
  /** Cloud signs dynamic webhook deliveries with the OAuth 2.0 app's client secret (a JWT). */
  readonly appClientSecret?: () => string;
}

/**
 * Wires a Jira site's state to its routes the same way for Cloud and Server/DC: a rate-limit storm
 * switch, and webhook deliveries whose links point where the site was last reached.
 */
export function assembleJiraEmulator<State extends JiraEmulatorState>(parts: JiraEmulatorParts<State>): JiraEmulator<State> {
  const { state } = parts;
  const storm = new RateLimitStorm();
  const hookDeliveries = new HookDeliveries(parts.fetch === undefined ? {} : { fetch: parts.fetch });
  let lastSeen: RepresentationContext | undefined;
  deliverJiraWebhooks({
    work: state.work,
    representation: () => lastSeen,
    timeZone: () => state.account.timeZone,
    ...(parts.appClientSecret === undefined ? {} : { appClientSecret: parts.appClientSecret }),
    deliveries: hookDeliveries,
  });
  return {
    routes: parts.routes({ storm, remember: (context) => (lastSeen = context) }),
    state,
    storm,
    deliveriesSettled: () => hookDeliveries.settled(),
    get authorization() {
      return state.authorization;
    },
  };
}
