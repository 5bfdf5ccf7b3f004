import type { TrackerEmulator } from '../../emulator-kit';
import { AzureDevOpsEmulatorState, type AzureDevOpsEmulatorSeed } from './azure-devops-emulator-state';
import { createAzureDevOpsRoutes } from './azure-devops-routes';
import { azureDevOpsSampleSeed } from './sample-seed';

export { AzureDevOpsEmulatorState, projectStates } from './azure-devops-emulator-state';
export type {
  AzureDevOpsAccount,
  AzureDevOpsDeploymentType,
  AzureDevOpsEmulatorSeed,
  AzureDevOpsEmulatorSnapshot,
  AzureDevOpsProjectRecord,
  AzureDevOpsProjectSeed,
  ProjectState,
} from './azure-devops-emulator-state';
export { azureDevOpsSampleSeed } from './sample-seed';

export interface AzureDevOpsEmulatorOptions {
  /** Overrides parts of the sample organization; anything left out comes from `azureDevOpsSampleSeed`. */
  readonly seed?: AzureDevOpsEmulatorSeed;
}

export type AzureDevOpsEmulator = TrackerEmulator<AzureDevOpsEmulatorState>;

/**
 * An in-process Azure DevOps organization (REST 7.1). Mounted at prefix P, the organization URL a
 * client is configured with (`trackerApi`) is `<origin>P/<state.organization>` (`acme` in the
 * sample), and `authorization` is `Basic base64(":" + pat)`.
 */
export function createAzureDevOpsEmulator(options: AzureDevOpsEmulatorOptions = {}): AzureDevOpsEmulator {
  const state = new AzureDevOpsEmulatorState(azureDevOpsSampleSeed, options.seed);
  return {
    routes: createAzureDevOpsRoutes(state),
    state,
    get authorization() {
      return state.authorization;
    },
  };
}
