import { systemClock, type ClockV1 } from '../../../core';
import { HookDeliveries, RateLimitStorm, type TrackerEmulator } from '../../emulator-kit';
import { AsanaEmulatorState, type AsanaEmulatorSeed } from './asana-emulator-state';
import { AsanaEventOutbox } from './asana-event-outbox';
import { createAsanaRoutes } from './asana-routes';
import type { AsanaOAuthClient } from './asana-oauth-grants';
import { asanaSampleOAuthClient, asanaSampleSeed } from './sample-seed';

export { AsanaEmulatorState, asanaProjectColors } from './asana-emulator-state';
export type {
  AsanaEmulatorSeed,
  AsanaEmulatorSnapshot,
  AsanaPersonSeed,
  AsanaProjectColor,
  AsanaProjectRecord,
  AsanaProjectSeed,
  AsanaUser,
  AsanaWorkspaceRecord,
  AsanaWorkspaceSeed,
} from './asana-emulator-state';
export type { AsanaTaskRecord, AsanaStoryRecord, AsanaAttachmentRecord, AsanaWebhookRecord } from './asana-records';
export { asanaSampleOAuthClient, asanaSampleSeed } from './sample-seed';
export type { AsanaOAuthClient, AsanaOAuthGrant } from './asana-oauth-grants';

export interface AsanaEmulatorOptions {
  /** Overrides parts of the sample account; anything left out comes from `asanaSampleSeed`. */
  readonly seed?: AsanaEmulatorSeed;
  /** Every timestamp the emulator writes comes from here, and codes and access tokens expire by it. */
  readonly clock?: ClockV1;
  /** OAuth apps users may grant access to (`/-/oauth_authorize`); the sandbox's app by default. */
  readonly oauthClients?: readonly AsanaOAuthClient[];
}

export interface AsanaEmulator extends TrackerEmulator<AsanaEmulatorState> {
  /** Switch for tests: answer 429 with Retry-After, for a number of requests or until stopped. */
  readonly rateLimit: RateLimitStorm;
  /** Webhook events sent so far; `settled()` waits for those in flight. */
  readonly hookDeliveries: HookDeliveries;
}

/**
 * An in-process Asana (REST 1.0). Mounted at prefix P, the host a client is configured with
 * (`trackerApi`, what comes before `/api/1.0`) is `<origin>P`, and `authorization` is `Bearer <PAT>`.
 */
export function createAsanaEmulator(options: AsanaEmulatorOptions = {}): AsanaEmulator {
  const state = new AsanaEmulatorState(asanaSampleSeed, options.seed, options.clock ?? systemClock);
  const rateLimit = new RateLimitStorm();
  const hookDeliveries = new HookDeliveries();
  return {
    routes: createAsanaRoutes(state, {
      storm: rateLimit,
      outbox: new AsanaEventOutbox(state, hookDeliveries),
      oauthClients: options.oauthClients ?? [asanaSampleOAuthClient],
    }),
    state,
    rateLimit,
    hookDeliveries,
    get authorization() {
      return state.authorization;
    },
  };
}
