import { z } from 'zod';
import { systemClock, type ClockV1 } from '../../../core';
import { basicAuthorization, type PersistableEmulatorState } from '../../emulator-kit';
import { stableUuid } from './stable-uuid';
import {
  attachmentRecordSchema,
  commentRecordSchema,
  subscriptionRecordSchema,
  userRecordSchema,
  workItemRecordSchema,
  type AttachmentRecord,
  type AzureDevOpsUserRecord,
  type CommentRecord,
  type SubscriptionRecord,
  type WorkItemRecord,
} from './work-item-records';

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
  // Added after the first release of the format; defaults keep older snapshots readable.
  users: z.array(userRecordSchema).default([]),
  workItems: z.array(workItemRecordSchema).default([]),
  comments: z.array(commentRecordSchema).default([]),
  attachments: z.array(attachmentRecordSchema).default([]),
  subscriptions: z.array(subscriptionRecordSchema).default([]),
  lastWorkItemId: z.number().int().nonnegative().default(0),
  lastCommentId: z.number().int().nonnegative().default(0),
  /** Members of Project Collection Administrators; left out, the token's owner (who created the organization). */
  collectionAdministrators: z.array(z.uuid()).optional(),
});

export type AzureDevOpsEmulatorSnapshot = z.infer<typeof snapshotSchema>;

export interface AzureDevOpsProjectSeed {
  readonly name: string;
  readonly description?: string;
  readonly state?: ProjectState;
  readonly visibility?: 'private' | 'public';
}

export interface AzureDevOpsUserSeed {
  readonly displayName: string;
  readonly email: string;
}

export interface AzureDevOpsEmulatorSeedDefaults {
  readonly organization: string;
  readonly deploymentType: AzureDevOpsDeploymentType;
  readonly account: Omit<AzureDevOpsAccount, 'id'>;
  readonly projects: readonly AzureDevOpsProjectSeed[];
  /** People of the organization besides the token's owner, who is always one. */
  readonly users: readonly AzureDevOpsUserSeed[];
}

/** Every field is optional; what is left out comes from the sample seed. */
export interface AzureDevOpsEmulatorSeed {
  readonly organization?: string;
  readonly deploymentType?: AzureDevOpsDeploymentType;
  readonly account?: Partial<Omit<AzureDevOpsAccount, 'id'>>;
  readonly projects?: readonly AzureDevOpsProjectSeed[];
  readonly users?: readonly AzureDevOpsUserSeed[];
  /** Emails of the people in Project Collection Administrators; by default only the token's owner. */
  readonly collectionAdministrators?: readonly string[];
}

const seededAt = '2025-01-06T09:00:00.000Z';

export class AzureDevOpsEmulatorState implements PersistableEmulatorState<AzureDevOpsEmulatorSnapshot> {
  #snapshot: AzureDevOpsEmulatorSnapshot;
  readonly #clock: ClockV1;

  constructor(defaults: AzureDevOpsEmulatorSeedDefaults, seed: AzureDevOpsEmulatorSeed = {}, clock: ClockV1 = systemClock) {
    this.#clock = clock;
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
      users: [account, ...(seed.users ?? defaults.users)].map((user) => ({
        id: stableUuid(`user/${user.email}`),
        displayName: user.displayName,
        email: user.email,
      })),
      ...(seed.collectionAdministrators === undefined
        ? {}
        : { collectionAdministrators: seed.collectionAdministrators.map((email) => stableUuid(`user/${email}`)) }),
    });
  }

  /** Ids of the users in Project Collection Administrators. */
  get collectionAdministratorIds(): readonly string[] {
    return this.#snapshot.collectionAdministrators ?? [this.account.id];
  }

  /** Adds a user to Project Collection Administrators, or takes them out. */
  setCollectionAdministrator(userId: string, member: boolean): void {
    const others = this.collectionAdministratorIds.filter((id) => id !== userId);
    this.#snapshot = { ...this.#snapshot, collectionAdministrators: member ? [...others, userId] : others };
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
    if (this.projects.some((project) => project.name.toLowerCase() === seed.name.toLowerCase()))
      throw new Error(`A project named ${seed.name} already exists in ${this.organization}.`);
    const project = projectRecord(this.organization, seed, this.now());
    this.#snapshot = { ...this.#snapshot, projects: [...this.projects, project] };
    return project;
  }

  /** ISO 8601 from the injected clock, so tests control every timestamp the emulator writes. */
  now(): string {
    return new Date(this.#clock.now()).toISOString();
  }

  get users(): readonly AzureDevOpsUserRecord[] {
    return this.#snapshot.users;
  }

  findUserByEmail(email: string): AzureDevOpsUserRecord | undefined {
    const wanted = email.trim().toLowerCase();
    return this.users.find((user) => user.email.toLowerCase() === wanted);
  }

  findUserById(id: string): AzureDevOpsUserRecord | undefined {
    return this.users.find((user) => user.id === id);
  }

  addUser(seed: AzureDevOpsUserSeed): AzureDevOpsUserRecord {
    const existing = this.findUserByEmail(seed.email);
    if (existing !== undefined) return existing;
    const user = userRecordSchema.parse({ id: stableUuid(`user/${seed.email}`), ...seed });
    this.#snapshot = { ...this.#snapshot, users: [...this.users, user] };
    return user;
  }

  findProject(idOrName: string): AzureDevOpsProjectRecord | undefined {
    const wanted = idOrName.toLowerCase();
    return this.projects.find((project) => project.id === wanted || project.name.toLowerCase() === wanted);
  }

  get workItems(): readonly WorkItemRecord[] {
    return this.#snapshot.workItems;
  }

  findWorkItem(id: number): WorkItemRecord | undefined {
    return this.workItems.find((item) => item.id === id);
  }

  nextWorkItemId(): number {
    this.#snapshot = { ...this.#snapshot, lastWorkItemId: this.#snapshot.lastWorkItemId + 1 };
    return this.#snapshot.lastWorkItemId;
  }

  /** Inserts or replaces by id. */
  saveWorkItem(record: WorkItemRecord): void {
    const others = this.workItems.filter((item) => item.id !== record.id);
    this.#snapshot = { ...this.#snapshot, workItems: [...others, workItemRecordSchema.parse(record)].sort((left, right) => left.id - right.id) };
  }

  commentsOf(workItemId: number): readonly CommentRecord[] {
    return this.#snapshot.comments.filter((comment) => comment.workItemId === workItemId);
  }

  nextCommentId(): number {
    this.#snapshot = { ...this.#snapshot, lastCommentId: this.#snapshot.lastCommentId + 1 };
    return this.#snapshot.lastCommentId;
  }

  saveComment(record: CommentRecord): void {
    const others = this.#snapshot.comments.filter((comment) => comment.id !== record.id);
    this.#snapshot = { ...this.#snapshot, comments: [...others, commentRecordSchema.parse(record)].sort((left, right) => left.id - right.id) };
  }

  findAttachment(id: string): AttachmentRecord | undefined {
    return this.#snapshot.attachments.find((attachment) => attachment.id === id.toLowerCase());
  }

  saveAttachment(record: AttachmentRecord): void {
    this.#snapshot = { ...this.#snapshot, attachments: [...this.#snapshot.attachments, attachmentRecordSchema.parse(record)] };
  }

  get subscriptions(): readonly SubscriptionRecord[] {
    return this.#snapshot.subscriptions;
  }

  saveSubscription(record: SubscriptionRecord): void {
    const others = this.subscriptions.filter((subscription) => subscription.id !== record.id);
    this.#snapshot = { ...this.#snapshot, subscriptions: [...others, subscriptionRecordSchema.parse(record)] };
  }

  removeSubscription(id: string): boolean {
    const before = this.subscriptions.length;
    this.#snapshot = { ...this.#snapshot, subscriptions: this.subscriptions.filter((subscription) => subscription.id !== id) };
    return this.subscriptions.length < before;
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
