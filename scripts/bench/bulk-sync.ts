import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JiraCloudAdapter } from '../../hosts/jira-cloud/adapter';
import { freePort } from '../../test/support/free-port';
import { adminClient } from '../../test/support/sandbox-client';
import type { SandboxInstanceDescription } from '../sandbox/sandbox-description';
import { createSandbox } from '../sandbox/create-sandbox';
import { emulatorBudgets } from '../sandbox/sandbox-trackers';
import { startSeparateNodes } from './separate-nodes';

/**
 * Bulk sync end to end: N Jira Cloud issues backfilled by a trigger's bulk sync over a private
 * connection to a private Azure DevOps Server, through the trackers' REST APIs (emulated), real
 * nodes, SQLite, QuickJS scripts. The clock runs from the bulk sync's start until the Jira side
 * holds a receipt for every issue (each one created on the other side and its twin stored on
 * both). Two set-ups:
 *
 * - `sandbox` (default): the whole sandbox in this one process (five nodes and five emulators,
 *   npm start's shape): one JavaScript thread does all the work, so it uses one core.
 * - `separate`: each of the two nodes in a process of its own, the emulators in this one, as
 *   nodes are deployed; it also prints each node process's memory once every twin exists (each
 *   node then holds N twins) and the CPU time each process spent per item during the bulk sync.
 *
 * Both print the tracker calls per item during the bulk sync, on the sending tracker (Jira Cloud)
 * and the receiving one (Azure DevOps): every request the two emulators served in that time.
 *
 * Run: npx tsx scripts/bench/bulk-sync.ts [items=1000] [sandbox|separate]   (the full run uses 10000)
 */
const trackerCalls = new Map<string, number>();
let countingCalls = false;
function countTrackerCall(instanceId: string): void {
  if (countingCalls) trackerCalls.set(instanceId, (trackerCalls.get(instanceId) ?? 0) + 1);
}

async function main(): Promise<void> {
  const items = Number(process.argv[2] ?? 1000);
  const mode = process.argv[3] ?? 'sandbox';
  if (!Number.isInteger(items) || items < 1 || (mode !== 'sandbox' && mode !== 'separate')) throw new Error('usage: bulk-sync.ts [items] [sandbox|separate]');
  const dataDirectory = mkdtempSync(join(tmpdir(), 'exalate-bulk-'));
  try {
    if (mode === 'sandbox') {
      const sandbox = await createSandbox({
        port: await freePort(),
        dataDirectory,
        reconcileIntervalMs: 3_600_000,
        persistEveryWrite: false,
        onTrackerRequest: countTrackerCall,
      });
      try {
        const seconds = await runBulkSync(items, sandbox.description.instances);
        const rss = process.memoryUsage().rss / 1024 / 1024;
        report(items, seconds, `one process for the whole sandbox; its RSS ${rss.toFixed(0)} MB (five nodes, five emulators, ${items} twins on each side)`);
      } finally {
        await sandbox.close();
      }
    } else {
      const nodes = await startSeparateNodes(
        dataDirectory,
        [
          { id: 'jira-cloud', tracker: 'jira-cloud', public: true },
          { id: 'azure-devops-private', tracker: 'azure-devops', public: false },
        ],
        { onTrackerRequest: countTrackerCall },
      );
      try {
        const ids = ['azure-devops-private', 'jira-cloud'];
        const cpuAtStart = new Map<string, NodeJS.CpuUsage>();
        const seconds = await runBulkSync(items, nodes.instances, async () => {
          for (const id of ids) cpuAtStart.set(id, (await nodes.memoryOf(id)).cpu);
          cpuAtStart.set('driver', process.cpuUsage());
        });
        const driverCpu = process.cpuUsage(cpuAtStart.get('driver'));
        const perItem = (cpu: NodeJS.CpuUsage) => ((cpu.user + cpu.system) / 1000 / items).toFixed(1);
        const megabytes = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);
        const parts: string[] = [];
        for (const id of ids) {
          const { usage, peakRssBytes, cpu } = await nodes.memoryOf(id);
          const start = cpuAtStart.get(id)!;
          parts.push(
            `${id}: RSS ${megabytes(usage.rss)} MB (peak ${megabytes(peakRssBytes)} MB; JS heap ${megabytes(usage.heapUsed)} MB, outside the heap ${megabytes(usage.external)} MB), ` +
              `CPU ${perItem({ user: cpu.user - start.user, system: cpu.system - start.system })} ms per item`,
          );
        }
        parts.push(`driver with both emulators: CPU ${perItem(driverCpu)} ms per item`);
        report(items, seconds, `each node in its own process, emulators in the driver, ${items} twins on each node; ${parts.join('; ')}`);
      } finally {
        await nodes.close();
      }
    }
  } finally {
    rmSync(dataDirectory, { recursive: true, force: true });
  }
}

/** Creates the issues, starts the bulk sync, and returns the seconds until every receipt is in. */
async function runBulkSync(
  items: number,
  instances: readonly SandboxInstanceDescription[],
  beforeStart: () => Promise<void> = async () => undefined,
): Promise<number> {
  const instance = (id: string) => instances.find((each) => each.id === id) ?? fail(`no instance ${id}`);
  const jira = instance('jira-cloud');
  const jiraAdmin = adminClient(jira);
  const initiated = await jiraAdmin('POST', '/connections/initiate', {
    destinationUrl: null,
    mode: 'script',
    localName: 'jira',
    remoteName: 'ado',
    name: 'bulk',
    projectKey: 'OPS',
  });
  const accepted = await adminClient(instance('azure-devops-private'))('POST', '/connections/accept', {
    invitationCode: initiated.body.invitationCode,
    projectKey: 'Platform',
  });
  if (accepted.status !== 201) fail(`accept failed: ${JSON.stringify(accepted.body)}`);
  const connectionId = initiated.body.connection.id as string;
  const jiraUser = new JiraCloudAdapter({ baseUrl: jira.trackerApi, authorization: jira.trackerAuth, budgets: emulatorBudgets() });
  const createdAt = performance.now();
  for (let index = 0; index < items; index++) await jiraUser.createItem({ projectKey: 'OPS', type: 'Task', summary: `bulk ${index}` });
  process.stderr.write(`created ${items} issues in ${((performance.now() - createdAt) / 1000).toFixed(1)} s\n`);

  await beforeStart();
  trackerCalls.clear();
  countingCalls = true;
  const startedAt = performance.now();
  const started = await jiraAdmin('POST', `/connections/${connectionId}/bulk-sync`, { query: 'project = OPS' });
  if (started.status !== 202) fail(`bulk sync did not start: ${JSON.stringify(started.body)}`);
  let receipts = 0;
  let lastProgressAt = performance.now();
  while (receipts < items) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    const now = (await jiraAdmin('GET', `/connections/${connectionId}/queue`)).body.counts.inbound.done as number;
    if (now > receipts) lastProgressAt = performance.now();
    // A run that stops moving is broken, not slow: fail it rather than wait forever.
    if (performance.now() - lastProgressAt > 120_000) fail(`no progress for 2 minutes at ${now} of ${items} receipts`);
    receipts = now;
  }
  countingCalls = false;
  return (performance.now() - startedAt) / 1000;
}

function report(items: number, seconds: number, setUp: string): void {
  const perItem = (id: string) => ((trackerCalls.get(id) ?? 0) / items).toFixed(2);
  process.stdout.write(`bulk sync of ${items} items: ${seconds.toFixed(1)} s, ${(items / seconds).toFixed(1)} items/s end to end; ${setUp}\n`);
  process.stdout.write(
    `tracker calls per item during the bulk sync: sending (jira-cloud) ${perItem('jira-cloud')}, receiving (azure-devops-private) ${perItem('azure-devops-private')}\n`,
  );
}

function fail(message: string): never {
  throw new Error(message);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
