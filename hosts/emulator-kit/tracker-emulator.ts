import type { FastifyPluginAsync } from 'fastify';

/** Emulator state that can be written to disk and read back (the sandbox keeps it under DATA_DIR). */
export interface PersistableEmulatorState<Snapshot> {
  toJSON(): Snapshot;
  /** Replaces the whole state with a snapshot; throws when the snapshot is not one this emulator wrote. */
  restore(snapshot: unknown): void;
}

/**
 * What every tracker emulator factory returns. Mount `routes` under a prefix with
 * `app.register(emulator.routes, { prefix })`; clients send `authorization` as their
 * Authorization header. `authorization` follows the state, so it stays right after `restore`.
 */
export interface TrackerEmulator<State extends PersistableEmulatorState<unknown>> {
  readonly routes: FastifyPluginAsync;
  readonly authorization: string;
  readonly state: State;
}
