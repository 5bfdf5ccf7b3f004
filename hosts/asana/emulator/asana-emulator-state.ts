import { z } from 'zod';
import { bearerAuthorization, type PersistableEmulatorState } from '../../emulator-kit';

/** Project colours Asana accepts (`ProjectBase.color` in asana.yaml). */
export const asanaProjectColors = [
  'dark-pink', 'dark-green', 'dark-blue', 'dark-red', 'dark-teal', 'dark-brown', 'dark-orange', 'dark-purple', 'dark-warm-gray',
  'light-pink', 'light-green', 'light-blue', 'light-red', 'light-teal', 'light-brown', 'light-orange', 'light-purple', 'light-warm-gray', 'none',
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
}

export interface AsanaEmulatorSeedDefaults {
  readonly user: Omit<AsanaUser, 'gid'>;
  readonly workspaces: readonly AsanaWorkspaceSeed[];
}

/** Every field is optional; what is left out comes from the sample seed. */
export interface AsanaEmulatorSeed {
  readonly user?: Partial<Omit<AsanaUser, 'gid'>>;
  readonly workspaces?: readonly AsanaWorkspaceSeed[];
}

const firstGid = 1205000000000001n;
const seededAt = '2025-01-06T09:00:00.000Z';

export class AsanaEmulatorState implements PersistableEmulatorState<AsanaEmulatorSnapshot> {
  #snapshot: AsanaEmulatorSnapshot;

  constructor(defaults: AsanaEmulatorSeedDefaults, seed: AsanaEmulatorSeed = {}) {
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
    this.#snapshot = snapshotSchema.parse({ format: 'asana-emulator/1', user, workspaces, projects, lastGid: lastGid.toString() });
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
    const project = projectRecord(gid, workspaceGid, seed, new Date().toISOString());
    this.#snapshot = { ...this.#snapshot, projects: [...this.projects, project], lastGid: gid };
    return project;
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
