import { z } from 'zod';
import { parseJson, readSecretSetting, writeSecretSetting, type SecretsV1, type StoreV1 } from '../../../core';

/** Sealed: tokens. */
const connectionSetting = 'tracker_connection';
/** Not secret: the Asana workspace chosen in the console. */
const workspaceSetting = 'tracker_workspace';

const accountSchema = z.strictObject({ name: z.string(), email: z.string().optional() });

/** What the console saved, read back through a strict schema (rows are a trust boundary too). */
export const storedConnectionSchema = z.discriminatedUnion('method', [
  z.strictObject({
    method: z.literal('token'),
    tracker: z.literal('jira-server'),
    baseUrl: z.string().url(),
    token: z.string().min(1),
    account: accountSchema,
    savedAt: z.number(),
  }),
  z.strictObject({
    method: z.literal('oauth'),
    tracker: z.literal('asana'),
    /** The Asana API host the tokens are used with. */
    baseUrl: z.string().url(),
    accessToken: z.string().min(1),
    refreshToken: z.string().min(1),
    /** Epoch milliseconds. */
    expiresAt: z.number(),
    /** Sent again with every refresh: Asana checks it against the one used to sign in. */
    redirectUri: z.string().url(),
    account: accountSchema.extend({ gid: z.string() }),
    savedAt: z.number(),
  }),
]);

export type StoredConnection = z.infer<typeof storedConnectionSchema>;

const workspaceSchema = z.strictObject({ gid: z.string(), name: z.string() });
export type StoredWorkspace = z.infer<typeof workspaceSchema>;

/** undefined when nothing was saved, or when what was saved cannot be read (then the node says so in its log). */
export async function readStoredConnection(
  store: StoreV1,
  secrets: SecretsV1,
): Promise<{ readonly connection: StoredConnection | undefined; readonly problem?: string }> {
  const text = await readSecretSetting(store, secrets, connectionSetting);
  if (text === undefined || text === '') return { connection: undefined };
  const parsed = parseJson(text, storedConnectionSchema);
  return parsed.ok ? { connection: parsed.value } : { connection: undefined, problem: parsed.reason };
}

export async function writeStoredConnection(store: StoreV1, secrets: SecretsV1, connection: StoredConnection): Promise<void> {
  await writeSecretSetting(store, secrets, connectionSetting, JSON.stringify(storedConnectionSchema.parse(connection)));
}

export async function readStoredWorkspace(store: StoreV1): Promise<StoredWorkspace | undefined> {
  const text = await store.getSetting(workspaceSetting);
  if (text === undefined || text === '') return undefined;
  const parsed = parseJson(text, workspaceSchema);
  return parsed.ok ? parsed.value : undefined;
}

/** undefined forgets the choice: every workspace's projects are offered again. */
export async function writeStoredWorkspace(store: StoreV1, workspace: StoredWorkspace | undefined): Promise<void> {
  await store.putSetting(workspaceSetting, workspace === undefined ? '' : JSON.stringify(workspaceSchema.parse(workspace)));
}
