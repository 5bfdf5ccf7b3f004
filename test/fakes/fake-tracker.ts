import type { LicenceState, TrackerInstance, TrackerKind, TrackerProject, TrackerV1 } from '../../core';

/** A Tracker port fake for tests about connections, where no tracker behaviour is under test. */
export class FakeTracker implements TrackerV1 {
  licence: LicenceState | undefined;

  constructor(
    readonly kind: TrackerKind,
    private readonly projects: readonly TrackerProject[] = [{ key: 'SUP', name: 'Support' }],
    licence?: LicenceState,
  ) {
    this.licence = licence;
  }

  async describeInstance(): Promise<TrackerInstance> {
    return { tracker: this.kind, version: 'test', url: `https://${this.kind}.example`, ...(this.licence ? { licence: this.licence } : {}) };
  }

  async listProjects(): Promise<readonly TrackerProject[]> {
    return this.projects;
  }
}
