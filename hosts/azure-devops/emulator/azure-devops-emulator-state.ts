import { z } from 'zod';
import { basicAuthorization, type PersistableEmulatorState } from '../../emulator-kit';
import { stableUuid } from './stable-uuid';

/** ProjectState values of the core 7.1 document (`definitions.TeamProjectReference.state`). */
export const projectStates = ['deleting', 'new', 'wellFormed', 'createPending', 'all', 'unchanged', 'deleted'] as const;
export type ProjectState = (typeof projectStates)[number];

/** `hosted` is Azure DevOps Services; `onPremises` is Azure DevOps Server (connectionData's deploymentType). */
export type AzureDevOpsDeploymentType = 'hosted' | 'onPremises';

const projectRecordSchema = z.strictObject({
  id: z.uuid(),
  name: z.string().min(1).max(64),
  description: z.string(),
  state: z.enum(projectStates),
  visibility: z.enum(['private', 'public']),
  revision: z.number().int().nonnegative(),
  lastUpdateTime: z.iso.datetime(),
});

export type AzureDevOpsProjectRecord = z.infer<typeof projectRecordSchema>;

const accountSchema = z.strictObject({
  id: z.uuid(),
  displayName: z.string().min(1),
  email: z.string().min(3),
  personalAccessToken: z.string().min(1),
});

export type AzureDevOpsAccount = z.infer<typeof accountSchema>;

const snapshotSchema = z.strictObject({
  format: z.literal('azure-devops-emulator/1'),
  /** Organization names are unique and case-insensitive in Azure DevOps URLs. */
  organization: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9-]{0,48}[A-Za-z0-9]$/),
  deploymentType: z.enum(['hosted', 'onPremises']),
  instanceId: z.uuid(),
  deploymentId: z.uuid(),
  account: accountSchema,
  projects: z.array(projectRecordSchema),
});

export type AzureDevOpsEmulatorSnapshot = z.infer<typeof snapshotSchema>;

export interface AzureDevOpsProjectSeed {
  readonly name: string;
  readonly description?: string;
  readonly state?: ProjectState;
  readonly visibility?: 'private' | 'public';
}

export interface AzureDevOpsEmulatorSeedDefaults {
  readonly organization: string;
  readonly deploymentType: AzureDevOpsDeploymentType;
  readonly account: Omit<AzureDevOpsAccount, 'id'>;
  readonly projects: readonly AzureDevOpsProjectSeed[];
}

/** Every field is optional; what is left out comes from the sample seed. */
export interface AzureDevOpsEmulatorSeed {
  readonly organization?: string;
  readonly deploymentType?: AzureDevOpsDeploymentType;
  readonly account?: Partial<Omit<AzureDevOpsAccount, 'id'>>;
  readonly projects?: readonly AzureDevOpsProjectSeed[];
}

const seededAt = '2025-01-06T09:00:00.000Z';

export class AzureDevOpsEmulatorState implements PersistableEmulatorState<AzureDevOpsEmulatorSnapshot> {
  #snapshot: AzureDevOpsEmulatorSnapshot;

  constructor(defaults: AzureDevOpsEmulatorSeedDefaults, seed: AzureDevOpsEmulatorSeed = {}) {
    const organization = seed.organization ?? defaults.organization;
    const account = { ...defaults.account, ...seed.account };
    const projects = seed.projects ?? defaults.projects;
    const names = new Set(projects.map((project) => project.name.toLowerCase()));
    if (names.size !== projects.length) throw new Error('Two seeded Azure DevOps projects share a name; project names are unique in an organization.');
    this.#snapshot = snapshotSchema.parse({
      format: 'azure-devops-emulator/1',
      organization,
      deploymentType: seed.deploymentType ?? defaults.deploymentType,
      instanceId: stableUuid(`instance/${organization}`),
      deploymentId: stableUuid(`deployment/${organization}`),
      account: { id: stableUuid(`user/${account.email}`), ...account },
      projects: projects.map((project) => projectRecord(organization, project, seededAt)),
    });
  }

  get organization(): string {
    return this.#snapshot.organization;
  }

  get deploymentType(): AzureDevOpsDeploymentType {
    return this.#snapshot.deploymentType;
  }

  get instanceId(): string {
    return this.#snapshot.instanceId;
  }

  get deploymentId(): string {
    return this.#snapshot.deploymentId;
  }

  get account(): AzureDevOpsAccount {
    return this.#snapshot.account;
  }

  get projects(): readonly AzureDevOpsProjectRecord[] {
    return this.#snapshot.projects;
  }

  /** A PAT goes in Basic auth with an empty user name: `Basic base64(":" + pat)`. */
  get authorization(): string {
    return basicAuthorization('', this.account.personalAccessToken);
  }

  addProject(seed: AzureDevOpsProjectSeed): AzureDevOpsProjectRecord {
    if (this.projects.some((project) => project.name.toLowerCase() === seed.name.toLowerCase())) throw new Error(`A project named ${seed.name} already exists in ${this.organization}.`);
    const project = projectRecord(this.organization, seed, new Date().toISOString());
    this.#snapshot = { ...this.#snapshot, projects: [...this.projects, project] };
    return project;
  }

  toJSON(): AzureDevOpsEmulatorSnapshot {
    return structuredClone(this.#snapshot);
  }

  restore(snapshot: unknown): void {
    this.#snapshot = snapshotSchema.parse(snapshot);
  }
}

function projectRecord(organization: string, seed: AzureDevOpsProjectSeed, lastUpdateTime: string): AzureDevOpsProjectRecord {
  return projectRecordSchema.parse({
    id: stableUuid(`project/${organization}/${seed.name.toLowerCase()}`),
    name: seed.name,
    description: seed.description ?? '',
    state: seed.state ?? 'wellFormed',
    visibility: seed.visibility ?? 'private',
    revision: 1,
    lastUpdateTime,
  });
}
