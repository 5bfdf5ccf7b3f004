import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TrackerKind } from '../../core';
import { createSandbox } from '../sandbox/create-sandbox';
import { freePort } from '../../test/support/free-port';
import { adminClient, instanceOf } from '../../test/support/sandbox-client';
import { connectInScriptMode } from '../../test/support/call-counting-sandbox';
import { benchmarkUserOf, benchmarkProjects, isBenchmarkUserRequest } from './benchmark-users';
import { realTrackerEstimates } from './real-tracker-limits';

/**
 * Tracker API calls per item in a bulk backfill, for every ordered pair of the four trackers: N
 * new items on the sending side, one bulk sync over a public connection, the clock of calls
 * running from the bulk sync's start until the sender holds a receipt for every item. Each pair
 * gets a fresh sandbox (webhooks on, the reconciler slowed down so its own reads are not counted;
 * the benchmark's own calls are marked and left out). Then, from the receiving side's calls per
 * item, how long a backfill of 10,000 items would take within each tracker's published limits.
 *
 * Run: npx tsx scripts/bench/backfill-calls.ts [items=100] [sender:receiver ...]
 */
const trackers: readonly TrackerKind[] = ['jira-cloud', 'jira-server', 'azure-devops', 'asana'];

const bulkQuery: Readonly<Record<TrackerKind, string>> = {
  'jira-cloud': `project = ${benchmarkProjects['jira-cloud']}`,
  'jira-server': `project = ${benchmarkProjects['jira-server']}`,
  'azure-devops': `[System.TeamProject] = '${benchmarkProjects['azure-devops']}'`,
  asana: `project = "${benchmarkProjects.asana}"`,
};

interface PairCalls {
  readonly sender: TrackerKind;
  readonly receiver: TrackerKind;
  readonly items: number;
  readonly sendingPerItem: number;
  readonly receivingPerItem: number;
  /** As the receiving tracker's rate limit counts them: each action of an Asana `/batch` call is a request. */
  readonly receivingRateLimitedPerItem: number;
  readonly seconds: number;
}

async function main(): Promise<void> {
  const items = Number(process.argv[2] ?? 100);
  if (!Number.isInteger(items) || items < 1) throw new Error('usage: backfill-calls.ts [items] [sender:receiver ...]');
  const named = process.argv.slice(3).map((pair) => pair.split(':') as [TrackerKind, TrackerKind]);
  const pairs =
    named.length > 0 ? named : trackers.flatMap((sender) => trackers.filter((receiver) => receiver !== sender).map((receiver) => [sender, receiver] as const));
  const results: PairCalls[] = [];
  for (const [sender, receiver] of pairs) {
    process.stderr.write(`backfill ${sender} → ${receiver}\n`);
    results.push(await measurePair(sender, receiver, items));
  }
  process.stdout.write(`Tracker API calls per item in a bulk backfill of ${items} new items (bulk sync over a public connection, webhooks on):\n`);
  process.stdout.write(
    '| sending → receiving | calls per item on the sending tracker | calls per item on the receiving tracker | the same as its rate limit counts them | seconds |\n|---|---|---|---|---|\n',
  );
  for (const result of results)
    process.stdout.write(
      `| ${result.sender} → ${result.receiver} | ${result.sendingPerItem.toFixed(2)} | ${result.receivingPerItem.toFixed(2)} | ${result.receivingRateLimitedPerItem.toFixed(2)} | ${result.seconds.toFixed(1)} |\n`,
    );
  process.stdout.write(`\n${realTrackerEstimates(results, 10_000)}\n`);
}

async function measurePair(sender: TrackerKind, receiver: TrackerKind, items: number): Promise<PairCalls> {
  const dataDirectory = mkdtempSync(join(tmpdir(), 'exalate-backfill-'));
  const counts = new Map<string, number>();
  // Asana counts each action of a batch call against its rate limit (asana.yaml, "Batch API").
  const batchActionsBeyondOne = new Map<string, number>();
  let counting = false;
  const sandbox = await createSandbox({
    port: await freePort(),
    dataDirectory,
    reconcileIntervalMs: 3_600_000,
    persistEveryWrite: false,
    onTrackerRequest: (id, request) => {
      if (counting && !isBenchmarkUserRequest(request.headers)) counts.set(id, (counts.get(id) ?? 0) + 1);
    },
    onTrackerRequestBody: (id, request) => {
      const actions = (request.body as { data?: { actions?: unknown } } | undefined)?.data?.actions;
      if (counting && /\/api\/1\.0\/batch(\?|$)/.test(request.url) && Array.isArray(actions))
        batchActionsBeyondOne.set(id, (batchActionsBeyondOne.get(id) ?? 0) + actions.length - 1);
    },
  });
  try {
    const senderAdmin = adminClient(instanceOf(sandbox.description, sender));
    const connectionId = await connectInScriptMode(sandbox.description, sender, receiver, {
      localName: `${sender}-b`,
      remoteName: `${receiver}-b`,
      name: 'backfill',
    });
    const user = benchmarkUserOf(sandbox.description, sender);
    for (let index = 0; index < items; index++) await user.createItem({ projectKey: benchmarkProjects[sender], type: 'Task', summary: `backfill ${index}` });

    counting = true;
    const startedAt = performance.now();
    const started = await senderAdmin('POST', `/connections/${connectionId}/bulk-sync`, { query: bulkQuery[sender] });
    if (started.status !== 202) fail(`bulk sync did not start: ${JSON.stringify(started.body)}`);
    // The project may hold items of the sandbox's sample data besides the new ones: the bulk sync's
    // own count says how many receipts to wait for.
    const queued = await waitFor(async () => {
      const progress = (await senderAdmin('GET', `/connections/${connectionId}/bulk-sync`)).body;
      if (progress?.state === 'failed') fail(`bulk sync failed: ${progress.message}`);
      return progress?.state === 'finished' ? (progress.queued as number) : undefined;
    });
    await waitFor(async () => {
      const done = (await senderAdmin('GET', `/connections/${connectionId}/queue`)).body.counts.inbound.done as number;
      return done >= queued ? done : undefined;
    });
    counting = false;
    const seconds = (performance.now() - startedAt) / 1000;
    return {
      sender,
      receiver,
      items: queued,
      sendingPerItem: (counts.get(sender) ?? 0) / queued,
      receivingPerItem: (counts.get(receiver) ?? 0) / queued,
      receivingRateLimitedPerItem: ((counts.get(receiver) ?? 0) + (batchActionsBeyondOne.get(receiver) ?? 0)) / queued,
      seconds,
    };
  } finally {
    await sandbox.close();
    rmSync(dataDirectory, { recursive: true, force: true });
  }
}

/** Polls until `check` gives a value; a run that stops moving for two minutes is broken, not slow. */
async function waitFor<T>(check: () => Promise<T | undefined>): Promise<T> {
  const deadline = performance.now() + 120_000;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (performance.now() > deadline) fail('no result within 2 minutes');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function fail(message: string): never {
  throw new Error(message);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
