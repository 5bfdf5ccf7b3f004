import type { TrackerEmulator } from '../../emulator-kit';
import { AsanaEmulatorState, type AsanaEmulatorSeed } from './asana-emulator-state';
import { createAsanaRoutes } from './asana-routes';
import { asanaSampleSeed } from './sample-seed';

export { AsanaEmulatorState, asanaProjectColors } from './asana-emulator-state';
export type {
  AsanaEmulatorSeed,
  AsanaEmulatorSnapshot,
  AsanaProjectColor,
  AsanaProjectRecord,
  AsanaProjectSeed,
  AsanaUser,
  AsanaWorkspaceRecord,
  AsanaWorkspaceSeed,
} from './asana-emulator-state';
export { asanaSampleSeed } from './sample-seed';

export interface AsanaEmulatorOptions {
  /** Overrides parts of the sample account; anything left out comes from `asanaSampleSeed`. */
  readonly seed?: AsanaEmulatorSeed;
}

export type AsanaEmulator = TrackerEmulator<AsanaEmulatorState>;

/**
 * An in-process Asana (REST 1.0). Mounted at prefix P, the host a client is configured with
 * (`trackerApi`, what comes before `/api/1.0`) is `<origin>P`, and `authorization` is `Bearer <PAT>`.
 */
export function createAsanaEmulator(options: AsanaEmulatorOptions = {}): AsanaEmulator {
  const state = new AsanaEmulatorState(asanaSampleSeed, options.seed);
  return {
    routes: createAsanaRoutes(state),
    state,
    get authorization() {
      return state.authorization;
    },
  };
}
