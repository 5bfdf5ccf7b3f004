import { join } from 'node:path';
import type { FastifyPluginAsync } from 'fastify';
import {
  defaultInvitationLifetimeMs,
  gatherCreations,
  loadNodeIdentity,
  readOrMakeSecretSetting,
  SyncSignals,
  systemClock,
  type ChangeIntakeV1,
  type ClockV1,
  type LoggerV1,
  type NodeContext,
  type ScriptSandboxV1,
  type StoreV1,
  type TrackerItemOperations,
  type TrackerV1,
  type TransportV1,
} from '../../core';
import type { AzureDevOpsAppTokenAccess } from './admin-authentication';
import type { JiraServerEntryOptions } from './jira-server-entry/entry-routes';
import { keyFileSecrets } from './key-file-secrets';
import { SyncRunner } from './sync-runner';
import { FetchTransport } from './fetch-transport';
import { nodeRoutes } from './node-routes';
import { SqliteStore } from './store/sqlite-store';
import { PostgresStore } from './store/postgres-store';
import { schemaForNode } from './store/postgres-pool';
import { ClaimLedger } from './operations/claim-ledger';
import { drainNode } from './operations/drain-node';
import { NodeMetrics } from './operations/node-metrics';
import { checkNodeReadiness } from './operations/node-readiness';
import { ObservedStore } from './operations/observed-store';
import { observeTracker } from './operations/observed-tracker';
import { NodeTrackerConnection } from './tracker-connection/node-tracker-connection';
import { SwitchableTracker } from './tracker-connection/switchable-tracker';
import { changeIntakeFactories } from './tracker-connection/tracker-adapters';
import { nodeHookSecret } from './change-hooks';
import type { NodeOperations } from './operations/operation-routes';
import { readQueueDepth } from './operations/queue-depth';
import { createWorkerScriptSandbox } from './script-sandbox/worker-script-sandbox';

export interface NodeOptions {
  /** Names the node's folder under the data directory and its log lines. */
  readonly name: string;
  readonly dataDirectory: string;
  /** Public URL of this node, or null for a private node. */
  readonly nodeUrl: string | null;
  /**
   * The tracker: a SwitchableTracker (tracker-from-environment.ts) carries how admins may connect it
   * from the console; any other adapter is used as given until an admin saves other credentials.
   */
  readonly tracker: TrackerV1 & TrackerItemOperations;
  readonly logger: LoggerV1;
  /** Fixed admin token (ADMIN_TOKEN); otherwise one is generated on first start and kept. */
  readonly adminToken?: string | undefined;
  readonly allowPrivateDestinations?: boolean;
  readonly invitationLifetimeMs?: number;
  /** MAXIMUM_PENDING_CONNECTIONS: codes waiting to be accepted at once (core's default: 100). */
  readonly maximumPendingConnections?: number | undefined;
  /** ATTACHMENT_CONTENT_LIMIT_MB: attachment content a peer may leave waiting, per connection (core's default: 256 MiB). */
  readonly attachmentContentLimitBytes?: number | undefined;
  readonly clock?: ClockV1;
  readonly transport?: TransportV1;
  /** How often the reconciler looks for changes the tracker's events missed (default 30 s). */
  readonly reconcileIntervalMs?: number;
  /** How long this node, when private, asks the public side to hold its polls (default 25 s). */
  readonly pollWaitMs?: number;
  /** Run the sync engine (on by default; tests of the connection story alone turn it off). */
  readonly runSync?: boolean;
  /**
   * DATABASE_URL: keep state in this PostgreSQL database, in a schema named after the node
   * (see schemaForNode), instead of SQLite under the data directory. Several node processes
   * with the same name and URL share one node's work.
   */
  readonly databaseUrl?: string | undefined;
  /** Add the process's own metrics (CPU, memory, event loop) to /metrics: for a node alone in its process. */
  readonly processMetrics?: boolean;
  /** Let the Azure DevOps hub call the admin API with its app token (AZURE_DEVOPS_EXTENSION_SECRET). */
  readonly azureDevOpsAppTokens?: AzureDevOpsAppTokenAccess | undefined;
  /** Browser origins allowed to call the admin API (CONSOLE_ORIGINS), such as the hub's CDN. */
  readonly consoleOrigins?: readonly string[];
  /** Jira Server/DC: let Jira administrators in from Jira through its OAuth 2.0 provider (JIRA_SERVER_OAUTH_CLIENT_ID). */
  readonly jiraServerEntry?: JiraServerEntryOptions | undefined;
  /**
   * Where scripts run; the node closes it when it closes. By default a pool of worker threads,
   * so that no script can hold the node's event loop (see script-sandbox/).
   */
  readonly scripts?: ScriptSandboxV1;
}

export interface RunningNode {
  readonly context: NodeContext;
  /** How the tracker tells this node of changes (`/hooks/change`, registerChangeHooks). */
  readonly changeIntake: ChangeIntakeV1;
  readonly adminToken: string;
  /** True when the admin token was generated just now and must be shown to the admin once. */
  readonly adminTokenIsNew: boolean;
  readonly routes: FastifyPluginAsync;
  /** /healthz, /readyz and /metrics, also mounted by `routes`. */
  readonly operations: NodeOperations;
  /** Shutdown, first step: claim no more work and report not ready. */
  stopClaiming(): void;
  /**
   * Stops the engine and closes the store. Claimed work gets `graceMs` (default 20 s) to finish;
   * what is still claimed then goes back to the queue for other processes.
   */
  close(options?: { readonly graceMs?: number }): Promise<void>;
}

const adminTokenSetting = 'admin_token';

/** Opens a node's store, loads (or makes) its identity and admin token, and builds its routes. */
export async function startNode(options: NodeOptions): Promise<RunningNode> {
  const clock = options.clock ?? systemClock;
  const baseStore: StoreV1 = options.databaseUrl
    ? await PostgresStore.open({
        url: options.databaseUrl,
        schema: schemaForNode(options.name),
        onConnectionError: (error) => options.logger.warn('a database connection broke; it is replaced', { message: error.message }),
      })
    : SqliteStore.open(join(options.dataDirectory, options.name, 'node.sqlite'));
  const ledger = new ClaimLedger();
  const metrics = new NodeMetrics({ queueDepth: () => readQueueDepth(baseStore), processMetrics: options.processMetrics ?? false });
  const store = new ObservedStore(baseStore, { metrics, ledger, clock });
  const operations: NodeOperations = { metrics, readiness: () => checkNodeReadiness(baseStore, ledger) };
  const secrets = keyFileSecrets(join(options.dataDirectory, options.name, 'secret.key'), process.env['NODE_SECRET_KEY']);
  const identity = await loadNodeIdentity(store, secrets, clock.now());
  // A token given at start is used as it is; otherwise the node makes one on its first start and keeps it.
  const { value: adminToken, made: adminTokenIsNew } = options.adminToken
    ? { value: options.adminToken, made: false }
    : await readOrMakeSecretSetting(store, secrets, adminTokenSetting, 24);
  // One tracker object for the node's life; signing in from the console switches what it delegates to.
  const tracker = SwitchableTracker.around(options.tracker);
  const trackerConnection = new NodeTrackerConnection({ tracker, store, secrets, clock, logger: options.logger, nodeUrl: options.nodeUrl });
  await trackerConnection.restore();
  const context: NodeContext = {
    store,
    // Creations applied side by side reach the tracker together, where its batch create takes many.
    tracker: observeTracker(gatherCreations(tracker), metrics),
    trackerConnection,
    transport: options.transport ?? new FetchTransport({ allowPrivateAddresses: options.allowPrivateDestinations ?? false }),
    clock,
    logger: options.logger,
    secrets,
    scripts: options.scripts ?? createWorkerScriptSandbox(),
    signals: new SyncSignals(),
    identity,
    settings: {
      nodeUrl: options.nodeUrl,
      invitationLifetimeMs: options.invitationLifetimeMs ?? defaultInvitationLifetimeMs,
      allowPrivateDestinations: options.allowPrivateDestinations ?? false,
      ...(options.maximumPendingConnections === undefined ? {} : { maximumPendingConnections: options.maximumPendingConnections }),
      ...(options.attachmentContentLimitBytes === undefined ? {} : { attachmentContentLimitBytes: options.attachmentContentLimitBytes }),
    },
  };
  const changeIntake = changeIntakeFactories[tracker.kind]({
    store,
    secrets,
    clock,
    logger: options.logger,
    hookSecret: nodeHookSecret({ store, secrets }),
    // Counted and timed per adapter call, like every other tracker call.
    withTracker: (work) => tracker.withSignedInAdapter((adapter) => work(observeTracker(adapter, metrics))),
  });
  const runner = new SyncRunner(context, {
    reconcileIntervalMs: options.reconcileIntervalMs ?? 30_000,
    ...(options.pollWaitMs ? { pollWaitMs: options.pollWaitMs } : {}),
  });
  if (options.runSync !== false) runner.start();
  return {
    context,
    changeIntake,
    adminToken,
    adminTokenIsNew,
    routes: nodeRoutes({
      context,
      changeIntake,
      adminToken,
      servesPeers: options.nodeUrl !== null,
      operations,
      azureDevOpsAppTokens: options.azureDevOpsAppTokens,
      consoleOrigins: options.consoleOrigins ?? [],
      jiraServerEntry: options.jiraServerEntry,
    }),
    operations,
    stopClaiming: () => ledger.startDraining(),
    close: async (closeOptions = {}) => {
      // Held polls answer at once, the loops finish their current step (or hand their claims
      // back when that takes longer than the grace period), then the store closes.
      context.signals.notifyAll();
      await drainNode({ ledger, stopWork: () => runner.stop(), store: baseStore, clock, logger: options.logger, graceMs: closeOptions.graceMs ?? 20_000 });
      context.scripts.dispose();
      await store.close();
      // A peer's poll that was mid-way when shutdown began may have started waiting since:
      // wake it, so no held request (and its timer) outlives the node.
      context.signals.notifyAll();
    },
  };
}
