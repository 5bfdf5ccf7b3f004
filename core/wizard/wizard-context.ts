import type { ConnectionMode } from '../connection/connection';
import type { LicenceState } from '../ports/tracker';
import type { TrackerKind } from '../trackers';

/**
 * The instance the wizard runs on, as the host knows it when the wizard opens. The admin API's
 * `GET {adminApi}/instance` answers exactly these fields (`tracker`, `isPublic`, `licence`, `modes`).
 */
export interface LocalInstance {
  readonly tracker: TrackerKind;
  /** Whether the other side can reach this instance; a private instance can only accept. */
  readonly isPublic: boolean;
  /** Reported only by trackers that license the app per instance (Jira Server/DC); null or absent when unknown. */
  readonly licence?: LicenceState | null;
  /** What was checked for the licence and what was found, in words the mode step shows (Jira Server/DC). */
  readonly licenceCheck?: string | null;
  /** The modes this node can run (core's `supportedModes`); absent means all three. */
  readonly modes?: readonly ConnectionMode[];
}

/** Given once when a wizard opens and kept in every state, so transitions need nothing else. */
export interface WizardContext {
  readonly local: LocalInstance;
}
