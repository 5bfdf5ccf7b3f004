import { z } from 'zod';
import type { LicenceState } from '../../../core';
import {
  bearerAuthorization,
  createJiraProjectRecords,
  jiraProjectRecordSchema,
  nextJiraProjectId,
  type JiraProjectRecord,
  type JiraProjectSeed,
  type PersistableEmulatorState,
} from '../../emulator-kit';

const accountSchema = z.strictObject({
  /** Jira Server user key (`JIRAUSER10000` for users created since Jira 8.4). */
  key: z.string().min(1),
  /** The username people sign in with. */
  name: z.string().min(1),
  emailAddress: z.string().min(3),
  displayName: z.string().min(1),
  timeZone: z.string().min(1),
  personalAccessToken: z.string().min(1),
});

export type JiraServerAccount = z.infer<typeof accountSchema>;

const licenceStates = ['trial', 'paid', 'expired', 'none'] as const satisfies readonly LicenceState[];
export type JiraServerDeploymentType = 'Server' | 'DataCenter';

const snapshotSchema = z.strictObject({
  format: z.literal('jira-server-emulator/1'),
  serverTitle: z.string(),
  version: z.string().regex(/^\d+\.\d+\.\d+$/),
  deploymentType: z.enum(['Server', 'DataCenter']),
  account: accountSchema,
  appKey: z.string().min(1),
  licence: z.enum(licenceStates),
  projects: z.array(jiraProjectRecordSchema),
});

export type JiraServerEmulatorSnapshot = z.infer<typeof snapshotSchema>;

export interface JiraServerEmulatorSeedDefaults {
  readonly serverTitle: string;
  readonly version: string;
  readonly deploymentType: JiraServerDeploymentType;
  readonly account: JiraServerAccount;
  readonly appKey: string;
  readonly licence: LicenceState;
  readonly projects: readonly JiraProjectSeed[];
}

/** Every field is optional; what is left out comes from the sample seed. */
export interface JiraServerEmulatorSeed {
  readonly serverTitle?: string;
  readonly version?: string;
  readonly deploymentType?: JiraServerDeploymentType;
  readonly account?: Partial<JiraServerAccount>;
  readonly appKey?: string;
  /** The Exalate app licence UPM reports: trial, paid, expired, or none installed. */
  readonly licence?: LicenceState;
  readonly projects?: readonly JiraProjectSeed[];
}

export class JiraServerEmulatorState implements PersistableEmulatorState<JiraServerEmulatorSnapshot> {
  #snapshot: JiraServerEmulatorSnapshot;

  constructor(defaults: JiraServerEmulatorSeedDefaults, seed: JiraServerEmulatorSeed = {}) {
    this.#snapshot = snapshotSchema.parse({
      format: 'jira-server-emulator/1',
      serverTitle: seed.serverTitle ?? defaults.serverTitle,
      version: seed.version ?? defaults.version,
      deploymentType: seed.deploymentType ?? defaults.deploymentType,
      account: { ...defaults.account, ...seed.account },
      appKey: seed.appKey ?? defaults.appKey,
      licence: seed.licence ?? defaults.licence,
      projects: createJiraProjectRecords(seed.projects ?? defaults.projects),
    });
  }

  get serverTitle(): string {
    return this.#snapshot.serverTitle;
  }

  get version(): string {
    return this.#snapshot.version;
  }

  get deploymentType(): JiraServerDeploymentType {
    return this.#snapshot.deploymentType;
  }

  get account(): JiraServerAccount {
    return this.#snapshot.account;
  }

  get appKey(): string {
    return this.#snapshot.appKey;
  }

  get licence(): LicenceState {
    return this.#snapshot.licence;
  }

  get projects(): readonly JiraProjectRecord[] {
    return this.#snapshot.projects;
  }

  /** Jira Server/DC 8.14+ takes personal access tokens as Bearer tokens. */
  get authorization(): string {
    return bearerAuthorization(this.account.personalAccessToken);
  }

  /** Moves the app between trial, paid, expired and none, as buying or letting a licence lapse would. */
  setLicence(licence: LicenceState): void {
    this.#snapshot = { ...this.#snapshot, licence };
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

  toJSON(): JiraServerEmulatorSnapshot {
    return structuredClone(this.#snapshot);
  }

  restore(snapshot: unknown): void {
    this.#snapshot = snapshotSchema.parse(snapshot);
  }
}
