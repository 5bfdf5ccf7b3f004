import { z } from 'zod';
import type { AdminFailure } from '../../console-kit/admin-failure';
import { ok, trackerKinds, type Result } from '../../console-kit/browser-core';
import { callOperation } from '../../console-kit/operation-client';
import { createNodeTransport } from './admin-client';
import { readStoredAdminToken } from './admin-token-storage';
import { readConsoleConfiguration } from './console-configuration';

// The console's calls for "Tracker connection" in General settings (core/admin/tracker-connection-operations.ts).
// Tolerant like admin-answers.ts: a newer node may add fields.

export const trackerConnectionAnswerSchema = z.object({
  tracker: z.enum(trackerKinds),
  baseUrl: z.string().nullable(),
  signedIn: z.boolean(),
  account: z.object({ name: z.string(), email: z.string().optional() }).optional(),
  workspace: z.object({ gid: z.string(), name: z.string() }).optional(),
  method: z.enum(['environment', 'token', 'oauth']),
});
export type TrackerConnectionAnswer = z.infer<typeof trackerConnectionAnswerSchema>;

export const workspacesAnswerSchema = z.array(z.object({ gid: z.string(), name: z.string() }));
export type WorkspaceAnswer = z.infer<typeof workspacesAnswerSchema>[number];

const signInAnswerSchema = z.object({ url: z.string().min(1) });

export interface TrackerConnectionClient {
  describe(): Promise<Result<TrackerConnectionAnswer, AdminFailure>>;
  saveToken(baseUrl: string, token: string): Promise<Result<TrackerConnectionAnswer, AdminFailure>>;
  /** Where the browser goes next to sign in, resolved against the page. */
  startSignIn(returnTo: string): Promise<Result<string, AdminFailure>>;
  listWorkspaces(): Promise<Result<readonly WorkspaceAnswer[], AdminFailure>>;
  chooseWorkspace(gid: string): Promise<Result<TrackerConnectionAnswer, AdminFailure>>;
}

/**
 * The admin API address and token of the page: General settings is drawn without them (the shell
 * hands it the instance only), so they are read where the shell reads them, the page's
 * configuration and the token kept for this tab.
 */
export function pageAdminAccess(): { readonly adminApi: string; readonly adminToken: string } | undefined {
  if (typeof window === 'undefined') return undefined;
  const configuration = readConsoleConfiguration(window.exalateConsole);
  if (!configuration.ok) return undefined;
  const adminToken = configuration.value.adminToken ?? readStoredAdminToken();
  return adminToken === null ? undefined : { adminApi: configuration.value.adminApi, adminToken };
}

/**
 * The node's root as the browser reaches it: the admin API minus its `/api/v1`. The sign-in start
 * of a private node is a path under it.
 */
export function resolveFromNodeRoot(adminApi: string, url: string, page: string): string {
  if (/^https?:\/\//i.test(url)) return url;
  const api = new URL(adminApi, page);
  const root = api.pathname.replace(/\/+$/, '').replace(/\/api\/v1$/, '');
  return new URL(`${root}${url}`, api.origin).toString();
}

export function createTrackerConnectionClient(options: {
  readonly adminApi: string;
  readonly adminToken: string;
  readonly fetch?: typeof fetch;
}): TrackerConnectionClient {
  const transport = createNodeTransport(options);
  const call = <S extends z.ZodType>(key: string, schema: S, body?: unknown) => callOperation(transport, key, schema, {}, body);

  return {
    describe: () => call('GET /tracker-connection', trackerConnectionAnswerSchema),
    saveToken: (baseUrl, token) => call('PUT /tracker-connection', trackerConnectionAnswerSchema, { baseUrl, token }),
    startSignIn: async (returnTo) => {
      const answer = await call('POST /tracker-connection/sign-in', signInAnswerSchema, { returnTo });
      return answer.ok ? ok(resolveFromNodeRoot(options.adminApi, answer.value.url, returnTo)) : answer;
    },
    listWorkspaces: () => call('GET /tracker-connection/workspaces', workspacesAnswerSchema),
    chooseWorkspace: (gid) => call('PUT /tracker-connection/workspace', trackerConnectionAnswerSchema, { gid }),
  };
}
