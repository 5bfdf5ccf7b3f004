import type { LicenceState, TrackerInstance, TrackerKind, TrackerProject } from '../../core';
import { MemoryTracker } from './memory-tracker';

/** A tracker for tests about connections, where no item behaviour is under test; it can carry a licence state. */
export class FakeTracker extends MemoryTracker {
  licence: LicenceState | undefined;

  constructor(kind: TrackerKind, projects: readonly TrackerProject[] = [{ key: 'SUP', name: 'Support' }], licence?: LicenceState) {
    super(kind, projects);
    this.licence = licence;
  }

  override async describeInstance(): Promise<TrackerInstance> {
    return { tracker: this.kind, version: 'test', url: `https://${this.kind}.example`, ...(this.licence ? { licence: this.licence } : {}) };
  }
}
