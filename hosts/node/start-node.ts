import { join } from 'node:path';
import type { FastifyPluginAsync } from 'fastify';
import {
  createQuickJsSandbox,
  defaultInvitationLifetimeMs,
  loadNodeIdentity,
  readSecretSetting,
  writeSecretSetting,
  SyncSignals,
  systemClock,
  type ClockV1,
  type LoggerV1,
  type NodeContext,
  type TrackerItemOperations,
  type TrackerV1,
  type TransportV1,
} from '../../core';
import { keyFileSecrets } from './key-file-secrets';
import { SyncRunner } from './sync-runner';
import { FetchTransport } from './fetch-transport';
import { nodeRoutes } from './node-routes';
import { SqliteStore } from './store/sqlite-store';
import { randomBytes } from 'node:crypto';

export interface NodeOptions {
  /** Names the node's folder under the data directory and its log lines. */
  readonly name: string;
  readonly dataDirectory: string;
  /** Public URL of this node, or null for a private node. */
  readonly nodeUrl: string | null;
  readonly tracker: TrackerV1 & TrackerItemOperations;
  readonly logger: LoggerV1;
  /** Fixed admin token (ADMIN_TOKEN); otherwise one is generated on first start and kept. */
  readonly adminToken?: string | undefined;
  readonly allowPrivateDestinations?: boolean;
  readonly invitationLifetimeMs?: number;
  readonly clock?: ClockV1;
  readonly transport?: TransportV1;
  /** How often the reconciler looks for changes the tracker's events missed (default 30 s). */
  readonly reconcileIntervalMs?: number;
  /** How long this node, when private, asks the public side to hold its polls (default 25 s). */
  readonly pollWaitMs?: number;
  /** Run the sync engine (on by default; tests of the connection story alone turn it off). */
  readonly runSync?: boolean;
}

export interface RunningNode {
  readonly context: NodeContext;
  readonly adminToken: string;
  /** True when the admin token was generated just now and must be shown to the admin once. */
  readonly adminTokenIsNew: boolean;
  readonly routes: FastifyPluginAsync;
  close(): Promise<void>;
}

const adminTokenSetting = 'admin_token';

/** Opens a node's store, loads (or makes) its identity and admin token, and builds its routes. */
export async function startNode(options: NodeOptions): Promise<RunningNode> {
  const clock = options.clock ?? systemClock;
  const store = SqliteStore.open(join(options.dataDirectory, options.name, 'node.sqlite'));
  const secrets = keyFileSecrets(join(options.dataDirectory, options.name, 'secret.key'), process.env['NODE_SECRET_KEY']);
  const identity = await loadNodeIdentity(store, secrets, clock.now());
  let adminToken = options.adminToken;
  let adminTokenIsNew = false;
  if (!adminToken) {
    adminToken = await readSecretSetting(store, secrets, adminTokenSetting);
    if (!adminToken) {
      adminToken = randomBytes(24).toString('base64url');
      adminTokenIsNew = true;
      await writeSecretSetting(store, secrets, adminTokenSetting, adminToken);
    }
  }
  const context: NodeContext = {
    store,
    tracker: options.tracker,
    transport: options.transport ?? new FetchTransport(),
    clock,
    logger: options.logger,
    secrets,
    scripts: createQuickJsSandbox(),
    signals: new SyncSignals(),
    identity,
    settings: {
      nodeUrl: options.nodeUrl,
      invitationLifetimeMs: options.invitationLifetimeMs ?? defaultInvitationLifetimeMs,
      allowPrivateDestinations: options.allowPrivateDestinations ?? false,
    },
  };
  const runner = new SyncRunner(context, { reconcileIntervalMs: options.reconcileIntervalMs ?? 30_000, ...(options.pollWaitMs ? { pollWaitMs: options.pollWaitMs } : {}) });
  if (options.runSync !== false) runner.start();
  return {
    context,
    adminToken,
    adminTokenIsNew,
    routes: nodeRoutes({ context, adminToken, servesPeers: options.nodeUrl !== null }),
    close: async () => {
      // Held polls answer at once, the loops finish their current step, then the store closes.
      context.signals.notifyAll();
      await runner.stop();
      context.scripts.dispose();
      await store.close();
    },
  };
}
