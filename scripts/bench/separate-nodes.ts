import Fastify from 'fastify';
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { TrackerKind } from '../../core';
import { freePort } from '../../test/support/free-port';
import type { SandboxInstanceDescription } from '../sandbox/sandbox-description';
import { createSandboxTracker } from '../sandbox/sandbox-trackers';

export interface SeparateNodeDefinition {
  readonly id: string;
  readonly tracker: TrackerKind;
  readonly public: boolean;
}

export interface SeparateNodes {
  /** Shaped like sandbox.json's instances, so the same admin and tracker clients work. */
  readonly instances: readonly SandboxInstanceDescription[];
  /** The node process's memory now (after a garbage collection), its peak resident size and its CPU time so far. */
  memoryOf(id: string): Promise<{ readonly usage: NodeJS.MemoryUsage; readonly peakRssBytes: number; readonly cpu: NodeJS.CpuUsage }>;
  close(): Promise<void>;
}

/**
 * The sandbox's shape with each node in its own process (node-process.ts): the emulated trackers
 * stay in this process, each node reaches its tracker over HTTP and receives its events by
 * webhook, as a deployed node does. The benchmark driver (this process) competes for the same
 * cores as the nodes: the emulators are part of the cost of every change.
 */
export async function startSeparateNodes(
  dataDirectory: string,
  definitions: readonly SeparateNodeDefinition[],
  options: { readonly onTrackerRequest?: (instanceId: string) => void } = {},
): Promise<SeparateNodes> {
  const trackerPort = await freePort();
  const trackerBase = `http://127.0.0.1:${trackerPort}`;
  const app = Fastify({ logger: false, forceCloseConnections: true, bodyLimit: 64 * 1024 * 1024 });
  const trackers = definitions.map((definition) => ({
    definition,
    tracker: createSandboxTracker(definition.tracker, `${trackerBase}/${definition.id}/tracker`, undefined),
  }));
  for (const { definition, tracker } of trackers) {
    const onTrackerRequest = options.onTrackerRequest;
    await app.register(
      async (scope) => {
        // Counted before routing, so a refused request counts as the call it was.
        if (onTrackerRequest) scope.addHook('onRequest', async () => onTrackerRequest(definition.id));
        await scope.register(tracker.routes);
      },
      { prefix: `/${definition.id}/tracker` },
    );
  }
  await app.listen({ port: trackerPort, host: '127.0.0.1' });

  const children = new Map<string, ChildProcess>();
  const instances: SandboxInstanceDescription[] = [];
  try {
    for (const { definition, tracker } of trackers) {
      const port = await freePort();
      const adminToken = randomBytes(18).toString('base64url');
      const child = fork(join(__dirname, 'node-process.ts'), [], {
        execArgv: [
          '--import',
          'tsx',
          '--expose-gc',
          ...(process.env['BENCH_NODE_CPU_PROFILE_DIR'] ? ['--cpu-prof', `--cpu-prof-dir=${process.env['BENCH_NODE_CPU_PROFILE_DIR']}`] : []),
        ],
        env: {
          ...process.env,
          NODE_ID: definition.id,
          TRACKER: definition.tracker,
          TRACKER_URL: tracker.trackerApi,
          TRACKER_AUTH: tracker.trackerAuth,
          PORT: String(port),
          PUBLIC: definition.public ? '1' : '0',
          DATA_DIR: dataDirectory,
          ADMIN_TOKEN: adminToken,
          HOOK_SECRET: tracker.changeHookSecret ?? '',
        },
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      });
      children.set(definition.id, child);
      const ready = await nextMessage<{ nodeUrl: string | null; adminApi: string }>(child, 'ready', 60_000);
      instances.push({
        id: definition.id,
        tracker: definition.tracker,
        public: definition.public,
        url: ready.nodeUrl,
        console: '',
        adminApi: ready.adminApi,
        adminToken,
        trackerApi: tracker.trackerApi,
        trackerAuth: tracker.trackerAuth,
        itemPage: '',
      });
    }
  } catch (error) {
    for (const child of children.values()) child.kill('SIGKILL');
    await app.close();
    throw error;
  }

  return {
    instances,
    memoryOf: async (id) => {
      const child = children.get(id);
      if (!child) throw new Error(`no node process ${id}`);
      const answer = nextMessage<{ usage: NodeJS.MemoryUsage; peakRssBytes: number; cpu: NodeJS.CpuUsage }>(child, 'memory', 30_000);
      child.send({ type: 'memory' });
      const { usage, peakRssBytes, cpu } = await answer;
      return { usage, peakRssBytes, cpu };
    },
    close: async () => {
      await Promise.all(
        [...children.values()].map(
          (child) =>
            new Promise<void>((resolve) => {
              if (child.exitCode !== null) return resolve();
              const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
              child.once('exit', () => {
                clearTimeout(timer);
                resolve();
              });
              child.send({ type: 'stop' });
            }),
        ),
      );
      await app.close();
    },
  };
}

function nextMessage<T>(child: ChildProcess, type: string, timeoutMs: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => finish(new Error(`the node process did not answer "${type}" within ${timeoutMs / 1000} s`)), timeoutMs);
    const onMessage = (message: { type?: string }) => {
      if (message.type === type) finish(undefined, message as T);
    };
    const onExit = (code: number | null) => finish(new Error(`the node process exited (${code}) before answering "${type}"`));
    const finish = (error: Error | undefined, value?: T) => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      if (error) reject(error);
      else resolve(value as T);
    };
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}
