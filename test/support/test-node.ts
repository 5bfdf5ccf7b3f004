import Fastify from 'fastify';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger, type ClockV1, type LoggerV1, type NodeContext, type ScriptSandboxV1, type TrackerItemOperations, type TrackerV1 } from '../../core';
import { FetchTransport } from '../../hosts/node/fetch-transport';
import { adminBasePath, bodyLimitBytes } from '../../hosts/node/node-routes';
import { startNode } from '../../hosts/node/start-node';
import { RecordingTransport } from '../fakes/recording-transport';
import { freePort } from './free-port';

export interface TestNode {
  readonly nodeUrl: string | null;
  readonly adminApi: string;
  readonly adminToken: string;
  /** Every request this node started. */
  readonly outbound: RecordingTransport;
  /** Every request that reached this node's HTTP server, as "METHOD path". */
  readonly inbound: string[];
  readonly context: NodeContext;
  // Answers are read loosely on purpose: each test asserts the fields it cares about.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  admin(method: string, path: string, body?: unknown, token?: string): Promise<{ status: number; body: any }>;
  close(): Promise<void>;
}

/** A real node on its own port, with its own SQLite file, for tests that cross the network. */
export async function startTestNode(options: {
  name: string;
  isPublic: boolean;
  tracker: TrackerV1 & TrackerItemOperations;
  clock?: ClockV1;
  invitationLifetimeMs?: number;
  /** Production refuses loopback and private destinations; tests allow them unless told otherwise. */
  allowPrivateDestinations?: boolean;
  logger?: LoggerV1;
  dataDirectory?: string;
  /** A fixed port, to restart a node at the same URL. */
  port?: number;
  /** Sync engine timing; the engine is off unless this is given. */
  sync?: { reconcileIntervalMs: number; pollWaitMs: number };
  /** Where the node runs scripts, instead of its own pool of worker threads. */
  scripts?: ScriptSandboxV1;
  /** Keep the node's state in this PostgreSQL database (a schema named after the node) instead of SQLite. */
  databaseUrl?: string;
}): Promise<TestNode> {
  const port = options.port ?? (await freePort());
  const origin = `http://127.0.0.1:${port}`;
  const nodeUrl = options.isPublic ? origin : null;
  // Every test node listens on 127.0.0.1, so their transport must reach loopback whatever the URL checks say.
  const outbound = new RecordingTransport(new FetchTransport({ allowPrivateAddresses: true }));
  const node = await startNode({
    name: options.name,
    dataDirectory: options.dataDirectory ?? mkdtempSync(join(tmpdir(), 'exalate-node-')),
    nodeUrl,
    tracker: options.tracker,
    logger: options.logger ?? silentLogger,
    allowPrivateDestinations: options.allowPrivateDestinations ?? true,
    transport: outbound,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.invitationLifetimeMs ? { invitationLifetimeMs: options.invitationLifetimeMs } : {}),
    ...(options.scripts ? { scripts: options.scripts } : {}),
    ...(options.sync ? { reconcileIntervalMs: options.sync.reconcileIntervalMs, pollWaitMs: options.sync.pollWaitMs } : { runSync: false }),
    ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {}),
  });
  const inbound: string[] = [];
  // Held polls and keep-alive sockets would keep close() waiting for Fastify's 72 s keep-alive timeout.
  const app = Fastify({ bodyLimit: bodyLimitBytes, forceCloseConnections: true });
  app.addHook('onRequest', async (request) => {
    inbound.push(`${request.method} ${request.url}`);
  });
  await app.register(node.routes);
  await app.listen({ port, host: '127.0.0.1' });
  const adminApi = `${origin}${adminBasePath}`;
  return {
    nodeUrl,
    adminApi,
    adminToken: node.adminToken,
    outbound,
    inbound,
    context: node.context,
    admin: async (method, path, body, token = node.adminToken) => {
      const response = await fetch(`${adminApi}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
      });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : undefined };
    },
    close: async () => {
      await app.close();
      await node.close();
    },
  };
}
