import type { FastifyPluginAsync } from 'fastify';
import { systemClock, type TrackerItemOperations, type TrackerKind, type TrackerV1 } from '../../core';
import { HostBudgets } from '../../hosts/tracker-http';
import { AsanaAdapter } from '../../hosts/asana/adapter';
import { asanaSampleOAuthClient, createAsanaEmulator } from '../../hosts/asana/emulator';
import { AzureDevOpsAdapter } from '../../hosts/azure-devops/adapter';
import { createAzureDevOpsEmulator } from '../../hosts/azure-devops/emulator';
import { JiraCloudAdapter } from '../../hosts/jira-cloud/adapter';
import { createJiraCloudEmulator } from '../../hosts/jira-cloud/emulator';
import { JiraServerAdapter } from '../../hosts/jira-server/adapter';
import { createJiraServerEmulator } from '../../hosts/jira-server/emulator';
import { jiraServerEntryCallbackPath } from '../../hosts/jira-server/plugin-addresses';
import { SwitchableTracker } from '../../hosts/node/tracker-connection/switchable-tracker';

/** One emulated tracker, mounted in the sandbox, with the adapter its node uses to reach it. */
export interface SandboxTracker {
  readonly routes: FastifyPluginAsync;
  /** What a real client is configured with: Jira site URL, ADO organization URL, Asana host. */
  readonly trackerApi: string;
  readonly trackerAuth: string;
  readonly adapter: TrackerV1 & TrackerItemOperations;
  /** The secret the tracker signs change events with, when the tracker (not the node) chooses it. */
  readonly changeHookSecret?: string;
  /**
   * Jira Server/DC: the incoming application link made for the node (its OAuth 2.0 client) and the
   * Jira session of the administrator the sandbox's browser is signed in as.
   */
  readonly jiraServerEntry?: { readonly clientId: string; readonly clientSecret: string; readonly administratorSession: string };
  snapshot(): unknown;
}

/** The emulator's origin plus prefix: `http://localhost:8080/jira-cloud/tracker`. */
type MountedAt = string;

/** The organization every emulated Azure DevOps is, by name (its URL ends with it; the sandbox's Azure DevOps pages live under it). */
export const azureDevOpsOrganization = 'acme';

/**
 * A real tracker is spared with a small budget per host (hosts/tracker-http: 10 requests a
 * second by default); an emulator on this machine is not, so that the sandbox measures the
 * product rather than a politeness delay. The budget mechanism itself stays in the path.
 */
export function emulatorBudgets(): HostBudgets {
  return new HostBudgets(
    { concurrency: 16, burst: 2000, requestsPerSecond: 2000 },
    { clock: systemClock, sleep: (milliseconds) => new Promise((resolve) => setTimeout(resolve, milliseconds)) },
  );
}

/** How each tracker is emulated in the sandbox: one row per tracker, the same shape for all. */
const factories: Readonly<Record<TrackerKind, (mountedAt: MountedAt, saved: unknown, nodeUrl: string | null) => SandboxTracker>> = {
  'jira-cloud': (mountedAt, saved) => {
    const emulator = createJiraCloudEmulator();
    // Jira Cloud signs dynamic webhook deliveries with the OAuth app's client secret.
    return {
      ...tracker(emulator, mountedAt, saved, (baseUrl, authorization) => new JiraCloudAdapter({ baseUrl, authorization, budgets: emulatorBudgets() })),
      changeHookSecret: emulator.state.oauthClientSecret,
    };
  },
  'jira-server': (mountedAt, saved, nodeUrl) => {
    const emulator = createJiraServerEmulator();
    // Signed in with the emulator's token; an admin may save another base URL and token in the console.
    const made = tracker(
      emulator,
      mountedAt,
      saved,
      (baseUrl, authorization) =>
        new SwitchableTracker({
          kind: 'jira-server',
          environment: { baseUrl, authorization },
          createAdapter: (credentials) =>
            new JiraServerAdapter({ baseUrl: credentials.baseUrl, authorization: credentials.authorization, budgets: emulatorBudgets() }),
        }),
    );
    if (nodeUrl === null) return made;
    // What a Jira administrator does once: upload the plugin packaged for this node, and link the node
    // as an OAuth 2.0 application (see hosts/node/jira-server-entry/).
    emulator.state.installPlugin(nodeUrl);
    const link = emulator.state.oauth.createIncomingLink(`${nodeUrl}${jiraServerEntryCallbackPath}`);
    return {
      ...made,
      jiraServerEntry: {
        clientId: link.clientId,
        clientSecret: link.clientSecret,
        administratorSession: emulator.state.oauth.signIn(emulator.state.account.name),
      },
    };
  },
  'azure-devops': (mountedAt, saved) => {
    const emulator = createAzureDevOpsEmulator();
    return tracker(
      emulator,
      `${mountedAt}/${azureDevOpsOrganization}`,
      saved,
      (baseUrl, authorization) => new AzureDevOpsAdapter({ baseUrl, authorization, budgets: emulatorBudgets() }),
    );
  },
  asana: (mountedAt, saved) => {
    const emulator = createAsanaEmulator();
    // Signed in with the emulator's personal access token, and able to sign in again with OAuth
    // (ASANA_CLIENT_ID, ASANA_CLIENT_SECRET and ASANA_OAUTH_URL of a real node) against the emulator.
    return tracker(
      emulator,
      mountedAt,
      saved,
      (baseUrl, authorization) =>
        new SwitchableTracker({
          kind: 'asana',
          environment: { baseUrl, authorization },
          asanaOAuth: { clientId: asanaSampleOAuthClient.clientId, clientSecret: asanaSampleOAuthClient.clientSecret, oauthUrl: baseUrl },
          createAdapter: (credentials) => new AsanaAdapter({ ...credentials, budgets: emulatorBudgets() }),
        }),
    );
  },
};

interface AnyEmulator {
  readonly routes: FastifyPluginAsync;
  readonly authorization: string;
  readonly state: { toJSON(): unknown; restore(snapshot: unknown): void };
}

function tracker(
  emulator: AnyEmulator,
  trackerApi: string,
  saved: unknown,
  makeAdapter: (baseUrl: string, authorization: string) => TrackerV1 & TrackerItemOperations,
): SandboxTracker {
  // Restored before the adapter is built, so the adapter uses the credentials of the saved state.
  if (saved !== undefined) emulator.state.restore(saved);
  return {
    routes: emulator.routes,
    trackerApi,
    get trackerAuth() {
      return emulator.authorization;
    },
    adapter: makeAdapter(trackerApi, emulator.authorization),
    snapshot: () => emulator.state.toJSON(),
  };
}

/**
 * `saved` is a snapshot this tracker wrote before a restart, or undefined for the sample data;
 * `nodeUrl` is the public URL of the node beside it (null for a private one).
 */
export function createSandboxTracker(kind: TrackerKind, mountedAt: MountedAt, saved: unknown, nodeUrl: string | null = null): SandboxTracker {
  return factories[kind](mountedAt, saved, nodeUrl);
}
