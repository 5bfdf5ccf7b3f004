import { systemClock, type ClockV1 } from '../../../core';
import { HookDeliveries, RateLimitStorm, type TrackerEmulator } from '../../emulator-kit';
import { AzureDevOpsEmulatorState, type AzureDevOpsEmulatorSeed } from './azure-devops-emulator-state';
import { createAzureDevOpsRoutes } from './azure-devops-routes';
import { azureDevOpsSampleSeed } from './sample-seed';
import { ServiceHookOutbox } from './service-hook-outbox';
import { stableUuid } from './stable-uuid';

export { AzureDevOpsEmulatorState, projectStates } from './azure-devops-emulator-state';
export type {
  AzureDevOpsAccount,
  AzureDevOpsDeploymentType,
  AzureDevOpsEmulatorSeed,
  AzureDevOpsEmulatorSnapshot,
  AzureDevOpsProjectRecord,
  AzureDevOpsProjectSeed,
  AzureDevOpsUserSeed,
  ProjectState,
} from './azure-devops-emulator-state';
export type { WorkItemRecord, CommentRecord, AttachmentRecord, SubscriptionRecord } from './work-item-records';
export { azureDevOpsSampleSeed } from './sample-seed';

/** The id the emulator gives the person with this email (ids are derived from emails, stable across starts). */
export function azureDevOpsUserId(email: string): string {
  return stableUuid(`user/${email}`);
}

export interface AzureDevOpsEmulatorOptions {
  /** Overrides parts of the sample organization; anything left out comes from `azureDevOpsSampleSeed`. */
  readonly seed?: AzureDevOpsEmulatorSeed;
  /** Every timestamp the emulator writes comes from here. */
  readonly clock?: ClockV1;
}

export interface AzureDevOpsEmulator extends TrackerEmulator<AzureDevOpsEmulatorState> {
  /** Switch for tests: answer 429 with Retry-After, for a number of requests or until stopped. */
  readonly rateLimit: RateLimitStorm;
  /** Service hook notifications sent so far; `settled()` waits for those in flight. */
  readonly hookDeliveries: HookDeliveries;
}

/**
 * An in-process Azure DevOps organization (REST 7.1). Mounted at prefix P, the organization URL a
 * client is configured with (`trackerApi`) is `<origin>P/<state.organization>` (`acme` in the
 * sample), and `authorization` is `Basic base64(":" + pat)`.
 */
export function createAzureDevOpsEmulator(options: AzureDevOpsEmulatorOptions = {}): AzureDevOpsEmulator {
  const state = new AzureDevOpsEmulatorState(azureDevOpsSampleSeed, options.seed, options.clock ?? systemClock);
  const rateLimit = new RateLimitStorm();
  const hookDeliveries = new HookDeliveries();
  return {
    routes: createAzureDevOpsRoutes(state, { storm: rateLimit, outbox: new ServiceHookOutbox(state, hookDeliveries) }),
    state,
    rateLimit,
    hookDeliveries,
    get authorization() {
      return state.authorization;
    },
  };
}
