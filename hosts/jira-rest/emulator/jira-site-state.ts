import { z } from 'zod';
import type { PersistableEmulatorState } from '../../emulator-kit';
import { addJiraProjectRecord, jiraProjectRecordSchema, type JiraProjectRecord, type JiraProjectSeed } from './jira-representations';
import { JiraWork } from './jira-work';
import { jiraWorkSeed, jiraWorkSnapshotSchema, type JiraUserRecord, type JiraWorkSnapshot } from './jira-work-records';

/** Fields of every Jira emulator's snapshot schema; each deployment adds its format, version pattern, account and own fields. */
export const jiraSiteSnapshotFields = {
  serverTitle: z.string(),
  projects: z.array(jiraProjectRecordSchema),
  // Optional so that snapshots written before issues existed still restore (with the sample work).
  work: jiraWorkSnapshotSchema.optional(),
};

/** What every Jira emulator snapshot carries, whatever else its deployment adds. */
export interface JiraSiteSnapshot {
  readonly serverTitle: string;
  readonly version: string;
  readonly account: unknown;
  readonly projects: readonly JiraProjectRecord[];
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
  /** The people a fresh site (or a snapshot from before issues existed) starts its work with: the account and the seeded people. */
  readonly #people: (snapshot: Snapshot) => readonly JiraUserRecord[];
  /** Issues, comments, attachments, people, workflow and webhooks. */
  readonly work: JiraWork;

  constructor(schema: z.ZodType<Snapshot>, initial: unknown, people: (snapshot: Snapshot) => readonly JiraUserRecord[], now: () => number) {
    this.#schema = schema;
    this.#snapshot = schema.parse(initial);
    this.#people = people;
    this.work = new JiraWork(jiraWorkSeed(people(this.#snapshot), now()), now);
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
    this.work.restore(parsed.work ?? jiraWorkSeed(this.#people(parsed), this.work.now()));
  }
}
