import Fastify, { type FastifyPluginAsync } from 'fastify';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { silentLogger, type LoggerV1 } from '../../core';
import { createConsoleLogger } from '../../hosts/node/console-logger';
import { changeHookPath, registerChangeHooks } from '../../hosts/node/change-hooks';
import { adminBasePath, bodyLimitBytes } from '../../hosts/node/node-routes';
import { startNode, type RunningNode } from '../../hosts/node/start-node';
import { consoleRoutes } from '../../hosts/node/ui/console-routes';
import { renderHomePage } from './home-page';
import { instanceHostPages } from './host-pages/instance-host-pages';
import { jiraServerHostRoutes } from './host-pages/jira-server-host-routes';
import { sandboxExtensionSecret } from './host-pages/sandbox-app-token';
import type { SandboxDescription, SandboxInstanceDescription } from './sandbox-description';
import { itemPageTemplate, projectPages } from './project-pages';
import { sandboxFaultPoints, type SandboxFaultPlan } from './sandbox-fault-plan';
import { guardSandboxHost } from './sandbox-host-guard';
import { sandboxInstances } from './sandbox-instances';
import { createSandboxTracker, type SandboxTracker } from './sandbox-trackers';

export interface SandboxOptions {
  /** The port to listen on; the sandbox's URLs are built from it, so it must be known up front. */
  readonly port: number;
  readonly dataDirectory: string;
  /** Host name used in published URLs. */
  readonly hostName?: string;
  /**
   * Other names the sandbox answers to besides localhost, 127.0.0.1 and [::1] (SANDBOX_HOST_NAMES):
   * any other Host header is refused, so that no web page can read admin tokens by DNS rebinding.
   */
  readonly allowedHostNames?: readonly string[];
  /** Log lines of every node to stderr; tests keep it off. */
  readonly verbose?: boolean;
  /** How often each node's reconciler looks for missed changes (default 5 s). */
  readonly reconcileIntervalMs?: number;
  /** Write each emulated tracker's state to disk on every write (default), or only on close (benchmarks). */
  readonly persistEveryWrite?: boolean;
  /** Called for every request an emulated tracker receives: benchmarks count tracker calls with it. */
  readonly onTrackerRequest?: (
    instanceId: string,
    request: { readonly method: string; readonly url: string; readonly headers: Readonly<Record<string, unknown>> },
  ) => void;
  /** Called with the body of every request an emulated tracker parsed: benchmarks count Asana's batch actions with it. */
  readonly onTrackerRequestBody?: (instanceId: string, request: { readonly method: string; readonly url: string; readonly body: unknown }) => void;
  /**
   * Keep every node's state in this PostgreSQL database, one schema per node, instead of SQLite
   * files under the data directory (ARCHITECTURE §8). Defaults to DATABASE_URL; tests pass their
   * own. The emulated trackers' snapshots stay under the data directory either way.
   */
  readonly databaseUrl?: string | undefined;
  /** Kill this process at a durable step of a private connection (SANDBOX_KILL_AT): fault tests hit the step every time. */
  readonly faultPlan?: SandboxFaultPlan | undefined;
}

export interface RunningSandbox {
  readonly baseUrl: string;
  readonly description: SandboxDescription;
  close(): Promise<void>;
}

/**
 * Every tracker emulated, a node for each, and their consoles, on one port of this machine
 * (ARCHITECTURE §8). Each instance lives under its own path: `/<id>/tracker` (the emulated REST
 * API), `/<id>/node` (the node: admin API, and for public instances the exchange API), and
 * `/<id>/console`.
 */
export async function createSandbox(options: SandboxOptions): Promise<RunningSandbox> {
  const baseUrl = `http://${options.hostName ?? 'localhost'}:${options.port}`;
  // Held polls and keep-alive sockets would keep close() waiting for Fastify's 72 s keep-alive timeout.
  const app = Fastify({ bodyLimit: bodyLimitBytes, logger: false, forceCloseConnections: true });
  guardSandboxHost(app, options.port, [...(options.hostName ? [options.hostName] : []), ...(options.allowedHostNames ?? [])]);
  mkdirSync(options.dataDirectory, { recursive: true });

  const faultPoints = options.faultPlan === undefined ? undefined : sandboxFaultPoints(options.faultPlan);
  const started: { id: string; node: RunningNode; tracker: SandboxTracker; description: SandboxInstanceDescription }[] = [];
  for (const definition of sandboxInstances) {
    const instanceDirectory = join(options.dataDirectory, definition.id);
    const nodeUrl = definition.public ? `${baseUrl}/${definition.id}/node` : null;
    const tracker = createSandboxTracker(
      definition.tracker,
      `${baseUrl}/${definition.id}/tracker`,
      readSnapshot(join(instanceDirectory, 'tracker.json')),
      nodeUrl,
    );
    const logger: LoggerV1 = options.verbose ? createConsoleLogger(definition.id) : silentLogger;
    const node = await startNode({
      name: definition.id,
      dataDirectory: options.dataDirectory,
      databaseUrl: 'databaseUrl' in options ? options.databaseUrl : process.env['DATABASE_URL'] || undefined,
      nodeUrl,
      tracker: tracker.adapter,
      logger,
      // The sandbox's instances talk to each other on localhost, which production refuses.
      allowPrivateDestinations: true,
      // Tracker events arrive at once; the reconciler is only the safety net.
      reconcileIntervalMs: options.reconcileIntervalMs ?? 5_000,
      // The Azure DevOps hub calls its node with the app token the sandbox's Azure DevOps signs.
      ...(definition.tracker === 'azure-devops' ? { azureDevOpsAppTokens: { secret: sandboxExtensionSecret } } : {}),
      // Jira administrators enter from the sandbox's Jira DC through its OAuth 2.0 provider.
      ...(tracker.jiraServerEntry === undefined
        ? {}
        : {
            jiraServerEntry: {
              clientId: tracker.jiraServerEntry.clientId,
              clientSecret: tracker.jiraServerEntry.clientSecret,
              consoleUrl: `${baseUrl}/${definition.id}/console/`,
            },
          }),
    });
    const onTrackerRequest = options.onTrackerRequest;
    const snapshotFile = join(instanceDirectory, 'tracker.json');
    await app.register(
      async (scope) => {
        if (onTrackerRequest)
          scope.addHook('onRequest', async (request) =>
            onTrackerRequest(definition.id, { method: request.method, url: request.url, headers: request.headers }),
          );
        const onTrackerRequestBody = options.onTrackerRequestBody;
        if (onTrackerRequestBody)
          scope.addHook('preHandler', async (request) => onTrackerRequestBody(definition.id, { method: request.method, url: request.url, body: request.body }));
        // An emulated tracker is durable like a real one: a write is on disk before it is answered,
        // so a sandbox killed at any moment restarts with every write a node saw succeed.
        if (options.persistEveryWrite !== false) {
          scope.addHook('onSend', async (request, reply, payload) => {
            if (request.method !== 'GET' && request.method !== 'HEAD' && reply.statusCode < 400) writeSnapshot(snapshotFile, tracker.snapshot());
            return payload;
          });
        }
        faultPoints?.watchTracker(scope, definition);
        await scope.register(tracker.routes);
      },
      { prefix: `/${definition.id}/tracker` },
    );
    await app.register(faultPoints?.watchNode(node.routes, definition) ?? node.routes, { prefix: `/${definition.id}/node` });
    const adminApi = `${baseUrl}/${definition.id}/node${adminBasePath}`;
    await app.register(consoleRoutes({ title: definition.title, tracker: definition.tracker, adminApi, adminToken: node.adminToken }), {
      prefix: `/${definition.id}/console`,
    });
    const hostPages =
      jiraDataCenterPages(definition.id, definition.title, nodeUrl, tracker) ??
      instanceHostPages({ definition, baseUrl, adminApi, adminToken: node.adminToken, trackerApi: tracker.trackerApi, tracker: tracker.adapter });
    if (hostPages) await app.register(hostPages.routes, { prefix: hostPages.prefix });
    await app.register(projectPages({ definition, baseUrl, tracker: tracker.adapter, trackerApi: tracker.trackerApi, adminApi, adminToken: node.adminToken }), {
      prefix: `/${definition.id}`,
    });
    started.push({
      id: definition.id,
      node,
      tracker,
      description: {
        id: definition.id,
        tracker: definition.tracker,
        public: definition.public,
        url: nodeUrl,
        console: hostPages ? `${baseUrl}${hostPages.consolePath}` : `${baseUrl}/${definition.id}/console`,
        adminApi,
        adminToken: node.adminToken,
        trackerApi: tracker.trackerApi,
        trackerAuth: tracker.trackerAuth,
        itemPage: itemPageTemplate(baseUrl, definition.id),
      },
    });
  }

  const description: SandboxDescription = { instances: started.map((instance) => instance.description) };
  const titles = new Map(sandboxInstances.map((definition) => [definition.id, definition.title]));
  app.get('/sandbox.json', async () => description);
  app.get('/', async (_request, reply) =>
    reply
      .header('content-security-policy', "frame-ancestors 'none'")
      .header('x-frame-options', 'DENY')
      .type('text/html; charset=utf-8')
      .send(renderHomePage(description, titles)),
  );
  await app.listen({ port: options.port, host: '127.0.0.1' });
  // Subscriptions need the routes listening: Asana's handshake calls back during registration.
  await Promise.all(
    started.map((instance) => registerChangeHooks(instance.node, `${baseUrl}/${instance.id}/node${changeHookPath}`, instance.tracker.changeHookSecret)),
  );

  return {
    baseUrl,
    description,
    close: async () => {
      await app.close();
      for (const instance of started) {
        writeSnapshot(join(options.dataDirectory, instance.id, 'tracker.json'), instance.tracker.snapshot());
        await instance.node.close();
      }
    },
  };
}

/**
 * Jira Server/DC's own administration around Exalate (Manage apps with the plugin's section): the
 * instance's `console` is that page, as Jira Cloud's is its Settings → Apps page.
 */
function jiraDataCenterPages(
  id: string,
  title: string,
  nodeUrl: string | null,
  tracker: SandboxTracker,
): { prefix: string; routes: FastifyPluginAsync; consolePath: string } | null {
  if (tracker.jiraServerEntry === undefined || nodeUrl === null) return null;
  const base = `/${id}/jira`;
  return {
    prefix: base,
    routes: jiraServerHostRoutes({
      site: { base, title, userName: 'Jira Administrator' },
      nodeUrl,
      session: { value: tracker.jiraServerEntry.administratorSession, cookiePath: `/${id}/` },
    }),
    consolePath: `${base}/plugins/servlet/upm`,
  };
}

function readSnapshot(file: string): unknown {
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as unknown;
  } catch {
    // A snapshot cut short by a crash is worth less than the sample data it would replace.
    return undefined;
  }
}

/** Written beside and renamed over, so a crash mid-write leaves the previous snapshot whole. */
function writeSnapshot(file: string, snapshot: unknown): void {
  mkdirSync(dirname(file), { recursive: true });
  const temporary = `${file}.tmp`;
  writeFileSync(temporary, JSON.stringify(snapshot));
  renameSync(temporary, file);
}
