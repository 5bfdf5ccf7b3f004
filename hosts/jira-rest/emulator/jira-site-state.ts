import type { z } from 'zod';
import type { PersistableEmulatorState } from '../../emulator-kit';
import { addJiraProjectRecord, type JiraProjectRecord, type JiraProjectSeed } from './jira-representations';
import { JiraWork } from './jira-work';
import type { JiraWorkSnapshot } from './jira-work-records';

/** What every Jira emulator snapshot carries, whatever else its deployment adds. */
export interface JiraSiteSnapshot {
  readonly serverTitle: string;
  readonly version: string;
  readonly account: unknown;
  readonly projects: readonly JiraProjectRecord[];
  /** Optional so that snapshots written before issues existed still restore (with the sample work). */
  readonly work?: JiraWorkSnapshot | undefined;
}

/**
 * The state both Jira emulators keep alike: the site's title, version, account and projects in a
 * snapshot of the deployment's own format, and its work (issues, comments, attachments, people,
 * workflow, webhooks). Cloud and Server/DC add what only they have.
 */
export class JiraSiteState<Snapshot extends JiraSiteSnapshot> implements PersistableEmulatorState<Snapshot> {
  #snapshot: Snapshot;
  readonly #schema: z.ZodType<Snapshot>;
  /** The work a fresh site (or a snapshot from before issues existed) starts with: the account and the seeded people. */
  readonly #sampleWork: (snapshot: Snapshot, now: number) => JiraWorkSnapshot;
  /** Issues, comments, attachments, people, workflow and webhooks. */
  readonly work: JiraWork;

  constructor(schema: z.ZodType<Snapshot>, initial: unknown, sampleWork: (snapshot: Snapshot, now: number) => JiraWorkSnapshot, now: () => number) {
    this.#schema = schema;
    this.#snapshot = schema.parse(initial);
    this.#sampleWork = sampleWork;
    this.work = new JiraWork(sampleWork(this.#snapshot, now()), now);
  }

  protected get snapshot(): Snapshot {
    return this.#snapshot;
  }

  protected set snapshot(snapshot: Snapshot) {
    this.#snapshot = snapshot;
  }

  get serverTitle(): string {
    return this.#snapshot.serverTitle;
  }

  get version(): string {
    return this.#snapshot.version;
  }

  get account(): Snapshot['account'] {
    return this.#snapshot.account;
  }

  get projects(): readonly JiraProjectRecord[] {
    return this.#snapshot.projects;
  }

  addProject(seed: JiraProjectSeed): JiraProjectRecord {
    const project = addJiraProjectRecord(this.projects, seed);
    this.#snapshot = { ...this.#snapshot, projects: [...this.projects, project] };
    return project;
  }

  toJSON(): Snapshot {
    return { ...structuredClone(this.#snapshot), work: this.work.toJSON() };
  }

  restore(snapshot: unknown): void {
    const parsed = this.#schema.parse(snapshot);
    this.#snapshot = parsed;
    this.work.restore(parsed.work ?? this.#sampleWork(parsed, this.work.now()));
  }
}
