import Fastify from 'fastify';
import { silentLogger, type TrackerItemOperations, type TrackerKind, type TrackerV1 } from '../../core';
import { AzureDevOpsAdapter } from '../../hosts/azure-devops/adapter';
import { JiraCloudAdapter } from '../../hosts/jira-cloud/adapter';
import { JiraServerAdapter } from '../../hosts/jira-server/adapter';
import { changeHookPath, registerChangeHooks } from '../../hosts/node/change-hooks';
import { adminBasePath, bodyLimitBytes } from '../../hosts/node/node-routes';
import { startNode } from '../../hosts/node/start-node';
import { emulatorBudgets } from '../sandbox/sandbox-trackers';

/**
 * One node alone in its process, for benchmarks that measure a node rather than the whole
 * sandbox: its memory, and throughput with each node on a core of its own as deployed. The
 * tracker it serves is an emulator in the parent process, reached over HTTP with the sandbox's
 * budgets (scripts/sandbox/sandbox-trackers.ts). Started by separate-nodes.ts with
 * `node --import tsx scripts/bench/node-process.ts` and an IPC channel; settings in the
 * environment: NODE_ID, TRACKER, TRACKER_URL, TRACKER_AUTH, PORT, PUBLIC (1 or 0), DATA_DIR,
 * ADMIN_TOKEN, HOOK_SECRET (optional: the secret the tracker signs events with).
 * It answers `{ type: 'memory' }` with process.memoryUsage() (after a garbage collection when
 * node runs with --expose-gc) the peak resident size and the CPU time used so far, and `{ type: 'stop' }` by closing and exiting.
 */
type Adapter = TrackerV1 & TrackerItemOperations;

const adapters: Partial<Record<TrackerKind, (baseUrl: string, authorization: string) => Adapter>> = {
  'jira-cloud': (baseUrl, authorization) => new JiraCloudAdapter({ baseUrl, authorization, budgets: emulatorBudgets() }),
  'jira-server': (baseUrl, authorization) => new JiraServerAdapter({ baseUrl, authorization, budgets: emulatorBudgets() }),
  'azure-devops': (baseUrl, authorization) => new AzureDevOpsAdapter({ baseUrl, authorization, budgets: emulatorBudgets() }),
};

async function main(): Promise<void> {
  const required = (name: string): string => {
    const value = process.env[name];
    if (!value) throw new Error(`${name} is not set`);
    return value;
  };
  const kind = required('TRACKER') as TrackerKind;
  const makeAdapter = adapters[kind];
  if (!makeAdapter) throw new Error(`no benchmark adapter for ${kind}`);
  const port = Number(required('PORT'));
  const origin = `http://127.0.0.1:${port}`;
  const isPublic = process.env['PUBLIC'] === '1';
  const node = await startNode({
    name: required('NODE_ID'),
    dataDirectory: required('DATA_DIR'),
    nodeUrl: isPublic ? origin : null,
    tracker: makeAdapter(required('TRACKER_URL'), required('TRACKER_AUTH')),
    logger: silentLogger,
    adminToken: required('ADMIN_TOKEN'),
    allowPrivateDestinations: true,
    // Benchmarks drive changes through events; the reconciler would only add its own reads.
    reconcileIntervalMs: 3_600_000,
  });
  // Held polls and keep-alive sockets would keep close() waiting for Fastify's keep-alive timeout.
  const app = Fastify({ bodyLimit: bodyLimitBytes, logger: false, forceCloseConnections: true });
  await app.register(node.routes);
  await app.listen({ port, host: '127.0.0.1' });
  // A private node has no public URL, but its tracker still reaches it from inside the network.
  await registerChangeHooks(node, `${origin}${changeHookPath}`, process.env['HOOK_SECRET'] || undefined);

  process.on('message', (message: { type?: string }) => {
    if (message.type === 'memory') {
      (globalThis as { gc?: () => void }).gc?.();
      process.send?.({ type: 'memory', usage: process.memoryUsage(), peakRssBytes: process.resourceUsage().maxRSS * 1024, cpu: process.cpuUsage() });
    } else if (message.type === 'stop') {
      void app
        .close()
        .then(() => node.close({ graceMs: 1_000 }))
        .finally(() => process.exit(0));
    }
  });
  process.send?.({ type: 'ready', nodeUrl: isPublic ? origin : null, adminApi: `${origin}${adminBasePath}` });
}

main().catch((error: unknown) => {
  process.stderr.write(`benchmark node failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
