import { z } from 'zod';
import {
  basicAuthorization,
  createJiraProjectRecords,
  jiraProjectRecordSchema,
  nextJiraProjectId,
  type JiraProjectRecord,
  type JiraProjectSeed,
  type PersistableEmulatorState,
} from '../../emulator-kit';

const accountSchema = z.strictObject({
  accountId: z.string().min(1).max(128),
  emailAddress: z.string().min(3),
  displayName: z.string().min(1),
  timeZone: z.string().min(1),
  apiToken: z.string().min(1),
});

export type JiraCloudAccount = z.infer<typeof accountSchema>;

const snapshotSchema = z.strictObject({
  format: z.literal('jira-cloud-emulator/1'),
  serverTitle: z.string(),
  version: z.string().regex(/^\d+\.\d+\.\d+/),
  account: accountSchema,
  projects: z.array(jiraProjectRecordSchema),
});

export type JiraCloudEmulatorSnapshot = z.infer<typeof snapshotSchema>;

export interface JiraCloudEmulatorSeedDefaults {
  readonly serverTitle: string;
  readonly version: string;
  readonly account: JiraCloudAccount;
  readonly projects: readonly JiraProjectSeed[];
}

/** Every field is optional; what is left out comes from the sample seed. */
export interface JiraCloudEmulatorSeed {
  readonly serverTitle?: string;
  readonly version?: string;
  readonly account?: Partial<JiraCloudAccount>;
  readonly projects?: readonly JiraProjectSeed[];
}

export class JiraCloudEmulatorState implements PersistableEmulatorState<JiraCloudEmulatorSnapshot> {
  #snapshot: JiraCloudEmulatorSnapshot;

  constructor(defaults: JiraCloudEmulatorSeedDefaults, seed: JiraCloudEmulatorSeed = {}) {
    this.#snapshot = snapshotSchema.parse({
      format: 'jira-cloud-emulator/1',
      serverTitle: seed.serverTitle ?? defaults.serverTitle,
      version: seed.version ?? defaults.version,
      account: { ...defaults.account, ...seed.account },
      projects: createJiraProjectRecords(seed.projects ?? defaults.projects),
    });
  }

  get serverTitle(): string {
    return this.#snapshot.serverTitle;
  }

  get version(): string {
    return this.#snapshot.version;
  }

  get account(): JiraCloudAccount {
    return this.#snapshot.account;
  }

  get projects(): readonly JiraProjectRecord[] {
    return this.#snapshot.projects;
  }

  /** Jira Cloud REST takes Basic auth with the account's email and an API token. */
  get authorization(): string {
    return basicAuthorization(this.account.emailAddress, this.account.apiToken);
  }

  addProject(seed: JiraProjectSeed): JiraProjectRecord {
    if (this.projects.some((project) => project.key === seed.key)) throw new Error(`A Jira project with the key ${seed.key} already exists.`);
    const project = jiraProjectRecordSchema.parse({
      id: nextJiraProjectId(this.projects),
      key: seed.key,
      name: seed.name,
      projectTypeKey: seed.projectTypeKey ?? 'software',
      description: seed.description ?? '',
    });
    this.#snapshot = { ...this.#snapshot, projects: [...this.projects, project] };
    return project;
  }

  toJSON(): JiraCloudEmulatorSnapshot {
    return structuredClone(this.#snapshot);
  }

  restore(snapshot: unknown): void {
    this.#snapshot = snapshotSchema.parse(snapshot);
  }
}
