import { noteLocalChange, richTextFromPlain, workTopic } from '../../core';
import { MemoryTracker } from '../../test/fakes/memory-tracker';
import { startTestNode, type TestNode } from '../../test/support/test-node';
import { trackerItem } from '../../test/fakes/tracker-item';

/**
 * Change latency over a private and over a public connection: a change noted on the sending side
 * (as a tracker event notes it: noteLocalChange, then the worker is woken, as hosts/node's change
 * hook does) until the receiving side has written it to its tracker.
 * - private: Jira Cloud (public) → Azure DevOps (private); the private side's held long poll
 *   collects the change.
 * - public: Jira Cloud → Azure DevOps, both public; the sending side pushes the change.
 * Same trackers and scripts both times, so the two figures differ only by the connection.
 * Real nodes, real HTTP on loopback, real SQLite, real QuickJS scripts; the trackers are in
 * memory so that only the product's own latency is measured. Changes are made one at a time.
 * Run: npx tsx scripts/bench/private-latency.ts [changes=200]
 */
async function main(): Promise<void> {
  const changes = Number(process.argv[2] ?? 200);
  if (!Number.isInteger(changes) || changes < 1) throw new Error('usage: private-latency.ts [changes]');
  for (const kind of ['private', 'public'] as const) {
    const latencies = await measure(kind, changes);
    latencies.sort((left, right) => left - right);
    const at = (quantile: number) => latencies[Math.min(latencies.length - 1, Math.floor(quantile * latencies.length))]!.toFixed(1);
    process.stdout.write(
      `${kind} connection change latency over ${changes} changes: p50 ${at(0.5)} ms, p95 ${at(0.95)} ms, p99 ${at(0.99)} ms, max ${at(1)} ms\n`,
    );
  }
}

async function measure(kind: 'private' | 'public', changes: number): Promise<number[]> {
  const jira = new MemoryTracker('jira-cloud');
  const other = new MemoryTracker('azure-devops');
  const timing = { reconcileIntervalMs: 3_600_000, pollWaitMs: 25_000 };
  const sender = await startTestNode({ name: 'jira', isPublic: true, tracker: jira, sync: timing });
  let receiver: TestNode | undefined;
  try {
    receiver = await startTestNode({ name: 'ado', isPublic: kind === 'public', tracker: other, sync: timing });
    const initiated = await sender.admin('POST', '/connections/initiate', {
      destinationUrl: receiver.nodeUrl,
      mode: 'script',
      localName: 'jira',
      remoteName: 'other',
      name: `bench_${kind}`,
      projectKey: 'SUP',
    });
    const accepted = await receiver.admin('POST', '/connections/accept', { invitationCode: initiated.body.invitationCode, projectKey: 'SUP' });
    if (accepted.status !== 201) throw new Error(`accept failed: ${JSON.stringify(accepted.body)}`);
    const connectionId = initiated.body.connection.id as string;
    jira.items.set('SUP-1', trackerItem({ key: 'SUP-1', type: 'Bug', summary: 'start', description: richTextFromPlain('bench') }));
    await sender.admin('POST', `/connections/${connectionId}/sync`, { issueKey: 'SUP-1' });
    sender.context.signals.notify(workTopic);
    const remoteKey = await until(
      async () => ((await sender.admin('GET', `/connections/${connectionId}/twins/SUP-1`)).body?.remoteKey as string | null) ?? undefined,
    );

    const latencies: number[] = [];
    for (let index = 0; index < changes; index++) {
      const summary = `change ${index}`;
      jira.edit('SUP-1', { summary });
      const startedAt = performance.now();
      if ((await noteLocalChange(sender.context, 'SUP-1')) > 0) sender.context.signals.notify(workTopic);
      await until(async () => other.items.get(remoteKey)?.summary === summary || undefined);
      latencies.push(performance.now() - startedAt);
    }
    return latencies;
  } finally {
    await Promise.all([sender.close(), receiver?.close()]);
  }
}

/** Polls every millisecond: the figure is the product's latency, not this loop's. Gives up after a minute. */
async function until<T>(check: () => Promise<T | undefined>): Promise<T> {
  const deadline = performance.now() + 60_000;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (performance.now() > deadline) throw new Error('a change did not arrive within a minute');
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
