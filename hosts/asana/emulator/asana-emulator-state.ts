import { z } from 'zod';
import { systemClock, type ClockV1 } from '../../../core';
import { bearerAuthorization, type PersistableEmulatorState } from '../../emulator-kit';
import {
  attachmentSchema,
  customFieldSchema,
  eventSchema,
  personSchema,
  sectionSchema,
  storySchema,
  tagSchema,
  taskSchema,
  webhookSchema,
  type AsanaAttachmentRecord,
  type AsanaCustomFieldRecord,
  type AsanaEventRecord,
  type AsanaPerson,
  type AsanaSectionRecord,
  type AsanaStoryRecord,
  type AsanaTagRecord,
  type AsanaTaskRecord,
  type AsanaWebhookRecord,
} from './asana-records';
import { oauthGrantSchema, type AsanaOAuthGrant } from './asana-oauth-grants';

/** Project colours Asana accepts (`ProjectBase.color` in asana.yaml). */
export const asanaProjectColors = [
  'dark-pink',
  'dark-green',
  'dark-blue',
  'dark-red',
  'dark-teal',
  'dark-brown',
  'dark-orange',
  'dark-purple',
  'dark-warm-gray',
  'light-pink',
  'light-green',
  'light-blue',
  'light-red',
  'light-teal',
  'light-brown',
  'light-orange',
  'light-purple',
  'light-warm-gray',
  'none',
] as const;
export type AsanaProjectColor = (typeof asanaProjectColors)[number];

/** Asana ids are decimal strings ("gid"); the emulator counts up from a realistic 16-digit value. */
const gidSchema = z.string().regex(/^\d{1,20}$/);

const userSchema = z.strictObject({ gid: gidSchema, name: z.string().min(1), email: z.string().min(3), personalAccessToken: z.string().min(1) });
const workspaceSchema = z.strictObject({ gid: gidSchema, name: z.string().min(1), isOrganization: z.boolean() });
const projectSchema = z.strictObject({
  gid: gidSchema,
  workspaceGid: gidSchema,
  name: z.string().min(1),
  archived: z.boolean(),
  color: z.enum(asanaProjectColors),
  notes: z.string(),
  createdAt: z.iso.datetime(),
  modifiedAt: z.iso.datetime(),
});

export type AsanaUser = z.infer<typeof userSchema>;
export type AsanaWorkspaceRecord = z.infer<typeof workspaceSchema>;
export type AsanaProjectRecord = z.infer<typeof projectSchema>;

const snapshotSchema = z.strictObject({
  format: z.literal('asana-emulator/1'),
  user: userSchema,
  workspaces: z.array(workspaceSchema),
  projects: z.array(projectSchema),
  lastGid: z.string().regex(/^\d{1,20}$/),
  // Added after the first release of the format; defaults keep older snapshots readable.
  people: z.array(personSchema).default([]),
  sections: z.array(sectionSchema).default([]),
  tags: z.array(tagSchema).default([]),
  customFields: z.array(customFieldSchema).default([]),
  tasks: z.array(taskSchema).default([]),
  stories: z.array(storySchema).default([]),
  attachments: z.array(attachmentSchema).default([]),
  webhooks: z.array(webhookSchema).default([]),
  events: z.array(eventSchema).default([]),
  lastEventSequence: z.number().int().nonnegative().default(0),
  // Apps the user let in through the OAuth consent page (asana-oauth-routes.ts).
  oauthGrants: z.array(oauthGrantSchema).default([]),
});

export type AsanaEmulatorSnapshot = z.infer<typeof snapshotSchema>;

export interface AsanaProjectSeed {
  readonly name: string;
  readonly archived?: boolean;
  readonly color?: AsanaProjectColor;
  readonly notes?: string;
}

export interface AsanaWorkspaceSeed {
  readonly name: string;
  readonly isOrganization?: boolean;
  readonly projects: readonly AsanaProjectSeed[];
  /** Custom fields added to every project of the workspace. */
  readonly customFields?: readonly { readonly name: string; readonly type: 'text' | 'number' | 'enum'; readonly options?: readonly string[] }[];
}

export interface AsanaPersonSeed {
  readonly name: string;
  readonly email: string;
}

export interface AsanaEmulatorSeedDefaults {
  readonly user: Omit<AsanaUser, 'gid'>;
  readonly workspaces: readonly AsanaWorkspaceSeed[];
  /** People besides the token's owner, members of every workspace. */
  readonly people: readonly AsanaPersonSeed[];
  /** The sections every project starts with (board columns). */
  readonly sections: readonly string[];
}

/** Every field is optional; what is left out comes from the sample seed. */
export interface AsanaEmulatorSeed {
  readonly user?: Partial<Omit<AsanaUser, 'gid'>>;
  readonly workspaces?: readonly AsanaWorkspaceSeed[];
  readonly people?: readonly AsanaPersonSeed[];
}

interface Collections {
  readonly sections: AsanaSectionRecord[];
  readonly tags: AsanaTagRecord[];
  readonly customFields: AsanaCustomFieldRecord[];
  readonly tasks: AsanaTaskRecord[];
  readonly stories: AsanaStoryRecord[];
  readonly attachments: AsanaAttachmentRecord[];
  readonly webhooks: AsanaWebhookRecord[];
}
export type CollectionName = keyof Collections;

const keptEvents = 1000;
const firstGid = 1205000000000001n;
const seededAt = '2025-01-06T09:00:00.000Z';

export class AsanaEmulatorState implements PersistableEmulatorState<AsanaEmulatorSnapshot> {
  #snapshot: AsanaEmulatorSnapshot;
  readonly #clock: ClockV1;

  constructor(defaults: AsanaEmulatorSeedDefaults, seed: AsanaEmulatorSeed = {}, clock: ClockV1 = systemClock) {
    this.#clock = clock;
    let lastGid = firstGid - 1n;
    const nextGid = (): string => {
      lastGid += 1n;
      return lastGid.toString();
    };
    const user = { gid: nextGid(), ...defaults.user, ...seed.user };
    const workspaces: AsanaWorkspaceRecord[] = [];
    const projects: AsanaProjectRecord[] = [];
    for (const workspaceSeed of seed.workspaces ?? defaults.workspaces) {
      const workspace = { gid: nextGid(), name: workspaceSeed.name, isOrganization: workspaceSeed.isOrganization ?? true };
      workspaces.push(workspace);
      for (const projectSeed of workspaceSeed.projects) projects.push(projectRecord(nextGid(), workspace.gid, projectSeed, seededAt));
    }
    // Sections, people and custom fields take gids after every project, so project gids stay as they were.
    const sections = projects.flatMap((project) => defaults.sections.map((name) => ({ gid: nextGid(), projectGid: project.gid, name })));
    const people = (seed.people ?? defaults.people).map((person) => ({ gid: nextGid(), ...person }));
    const customFields = (seed.workspaces ?? defaults.workspaces).flatMap((workspaceSeed, index) =>
      (workspaceSeed.customFields ?? []).map((field) => ({
        gid: nextGid(),
        workspaceGid: workspaces[index]?.gid ?? '',
        name: field.name,
        type: field.type,
        enumOptions: (field.options ?? []).map((name, position) => ({
          gid: nextGid(),
          name,
          color: ['red', 'yellow', 'green', 'blue'][position % 4] ?? 'none',
        })),
        projectGids: projects.filter((project) => project.workspaceGid === workspaces[index]?.gid).map((project) => project.gid),
      })),
    );
    this.#snapshot = snapshotSchema.parse({
      format: 'asana-emulator/1',
      user,
      workspaces,
      projects,
      lastGid: lastGid.toString(),
      sections,
      people,
      customFields,
    });
  }

  get user(): AsanaUser {
    return this.#snapshot.user;
  }

  get workspaces(): readonly AsanaWorkspaceRecord[] {
    return this.#snapshot.workspaces;
  }

  get projects(): readonly AsanaProjectRecord[] {
    return this.#snapshot.projects;
  }

  /** Asana personal access tokens are sent as Bearer tokens. */
  get authorization(): string {
    return bearerAuthorization(this.user.personalAccessToken);
  }

  findWorkspace(gid: string): AsanaWorkspaceRecord | undefined {
    return this.workspaces.find((workspace) => workspace.gid === gid);
  }

  addProject(workspaceGid: string, seed: AsanaProjectSeed): AsanaProjectRecord {
    if (this.findWorkspace(workspaceGid) === undefined) throw new Error(`No Asana workspace has the gid ${workspaceGid}.`);
    const gid = (BigInt(this.#snapshot.lastGid) + 1n).toString();
    const project = projectRecord(gid, workspaceGid, seed, this.now());
    this.#snapshot = { ...this.#snapshot, projects: [...this.projects, project], lastGid: gid };
    return project;
  }

  get oauthGrants(): readonly AsanaOAuthGrant[] {
    return this.#snapshot.oauthGrants;
  }

  saveOAuthGrants(grants: readonly AsanaOAuthGrant[]): void {
    this.#snapshot = { ...this.#snapshot, oauthGrants: [...grants] };
  }

  /** Epoch milliseconds from the injected clock: when codes and access tokens expire. */
  nowMs(): number {
    return this.#clock.now();
  }

  /** ISO 8601 from the injected clock, so tests control every timestamp the emulator writes. */
  now(): string {
    return new Date(this.#clock.now()).toISOString();
  }

  nextGid(): string {
    const gid = (BigInt(this.#snapshot.lastGid) + 1n).toString();
    this.#snapshot = { ...this.#snapshot, lastGid: gid };
    return gid;
  }

  /** Everyone in the workspaces: the token's owner first. */
  get people(): readonly AsanaPerson[] {
    return [{ gid: this.user.gid, name: this.user.name, email: this.user.email }, ...this.#snapshot.people];
  }

  /** `me`, a gid or an email, as Asana accepts wherever it takes a user (`user_gid` in asana.yaml). */
  findPerson(identifier: string): AsanaPerson | undefined {
    const wanted = identifier.trim().toLowerCase();
    if (wanted === 'me') return this.people[0];
    return this.people.find((person) => person.gid === wanted || person.email.toLowerCase() === wanted);
  }

  list<Name extends CollectionName>(name: Name): readonly Collections[Name][number][] {
    return this.#snapshot[name];
  }

  find<Name extends CollectionName>(name: Name, gid: string): Collections[Name][number] | undefined {
    return (this.#snapshot[name] as readonly { readonly gid: string }[]).find((record) => record.gid === gid) as Collections[Name][number] | undefined;
  }

  /** Replaces by gid where it stands (lists keep creation order), or appends. */
  save<Name extends CollectionName>(name: Name, record: Collections[Name][number]): void {
    const records = this.#snapshot[name] as readonly { readonly gid: string }[];
    const position = records.findIndex((existing) => existing.gid === record.gid);
    const next = position < 0 ? [...records, record] : records.map((existing, index) => (index === position ? record : existing));
    this.#snapshot = { ...this.#snapshot, [name]: next };
  }

  remove<Name extends CollectionName>(name: Name, gid: string): boolean {
    const before = this.#snapshot[name].length;
    this.#snapshot = { ...this.#snapshot, [name]: (this.#snapshot[name] as readonly { readonly gid: string }[]).filter((existing) => existing.gid !== gid) };
    return this.#snapshot[name].length < before;
  }

  get events(): readonly AsanaEventRecord[] {
    return this.#snapshot.events;
  }

  get lastEventSequence(): number {
    return this.#snapshot.lastEventSequence;
  }

  /** Asana keeps events for a day; the emulator keeps the newest thousand, older sync tokens get 412. */
  appendEvent(concerns: readonly string[], body: Record<string, unknown>): AsanaEventRecord {
    const event = eventSchema.parse({ sequence: this.#snapshot.lastEventSequence + 1, concerns, body });
    this.#snapshot = { ...this.#snapshot, events: [...this.#snapshot.events, event].slice(-keptEvents), lastEventSequence: event.sequence };
    return event;
  }

  toJSON(): AsanaEmulatorSnapshot {
    return structuredClone(this.#snapshot);
  }

  restore(snapshot: unknown): void {
    this.#snapshot = snapshotSchema.parse(snapshot);
  }
}

function projectRecord(gid: string, workspaceGid: string, seed: AsanaProjectSeed, at: string): AsanaProjectRecord {
  return projectSchema.parse({
    gid,
    workspaceGid,
    name: seed.name,
    archived: seed.archived ?? false,
    color: seed.color ?? 'none',
    notes: seed.notes ?? '',
    createdAt: at,
    modifiedAt: at,
  });
}
