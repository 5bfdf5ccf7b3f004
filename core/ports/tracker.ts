import type { TrackerKind } from '../trackers';

/** Licence state of the app on a tracker that sells it per instance (Jira Server/DC). */
export type LicenceState = 'trial' | 'paid' | 'expired' | 'none';

export interface TrackerInstance {
  readonly tracker: TrackerKind;
  readonly version: string;
  /** The tracker's own base URL (Jira site, Azure DevOps organization, Asana host). */
  readonly url: string;
  /** Only trackers that license the app per instance report it. */
  readonly licence?: LicenceState;
  /** What was asked about the licence and what the tracker answered, for the admin to read. */
  readonly licenceCheck?: string;
}

/** A place where incoming items are created: a Jira project, an ADO project, an Asana project. */
export interface TrackerProject {
  readonly key: string;
  readonly name: string;
}

/**
 * The names a project's items can take now, as its tracker lists them: every status of its
 * workflows, its priorities (empty where the tracker has none) and its item types. Visual mode
 * checks a mapping against them, so a project's own statuses can be mapped.
 */
export interface TrackerProjectValues {
  readonly statuses: readonly string[];
  readonly priorities: readonly string[];
  readonly types: readonly string[];
}

/**
 * What core needs from a tracker. Adapters in hosts/<tracker>/adapter.ts implement it by
 * translation only: no sync decision lives behind this port.
 */
export interface TrackerV1 {
  readonly kind: TrackerKind;
  describeInstance(): Promise<TrackerInstance>;
  listProjects(): Promise<readonly TrackerProject[]>;
  /**
   * The statuses, priorities and types of one project (optional: a tracker without it is checked
   * against its profile's default vocabulary). One to a few reads; core calls it rarely (when a
   * mapping is read or agreed), never per item.
   */
  readonly readProjectValues?: ((projectKey: string) => Promise<TrackerProjectValues>) | undefined;
}
