import { noteLocalChange, richTextFromPlain } from '../../core';
import { MemoryTracker } from '../../test/fakes/memory-tracker';
import { startTestNode } from '../../test/support/test-node';

/**
 * Change latency over a private connection: a change noted on the public side (as a tracker
 * event would note it) until the private side has written it to its tracker. Real nodes, real
 * HTTP on loopback, real SQLite, real QuickJS scripts; the trackers are in memory so that only
 * the product's own latency is measured.
 * Run: npx tsx scripts/bench/private-latency.ts [changes=200]
 */
async function main(): Promise<void> {
  const changes = Number(process.argv[2] ?? 200);
  const jira = new MemoryTracker('jira-cloud');
  const ado = new MemoryTracker('azure-devops');
  const timing = { reconcileIntervalMs: 3_600_000, pollWaitMs: 25_000 };
  const publicNode = await startTestNode({ name: 'jira', isPublic: true, tracker: jira, sync: timing });
  const privateNode = await startTestNode({ name: 'ado', isPublic: false, tracker: ado, sync: timing });
  try {
    const initiated = await publicNode.admin('POST', '/connections/initiate', { destinationUrl: null, mode: 'script', localName: 'jira', remoteName: 'ado', name: 'bench', projectKey: 'SUP' });
    await privateNode.admin('POST', '/connections/accept', { invitationCode: initiated.body.invitationCode, projectKey: 'SUP' });
    const connectionId = initiated.body.connection.id as string;
    jira.items.set('SUP-1', {
      key: 'SUP-1', projectKey: 'SUP', type: 'Bug', summary: 'start', description: richTextFromPlain('bench'), status: 'To Do', priority: null, labels: [],
      assignee: null, reporter: null, comments: [], attachments: [], customFields: {}, parentKey: null, updated: new Date().toISOString(), url: '',
    });
    await publicNode.admin('POST', `/connections/${connectionId}/sync`, { issueKey: 'SUP-1' });
    const remoteKey = await until(async () => ((await publicNode.admin('GET', `/connections/${connectionId}/twins/SUP-1`)).body?.remoteKey as string | null) ?? undefined);

    const latencies: number[] = [];
    for (let index = 0; index < changes; index++) {
      const summary = `change ${index}`;
      jira.edit('SUP-1', { summary });
      const startedAt = performance.now();
      await noteLocalChange(publicNode.context, 'SUP-1');
      await until(async () => ado.items.get(remoteKey)?.summary === summary || undefined);
      latencies.push(performance.now() - startedAt);
    }
    latencies.sort((left, right) => left - right);
    const at = (quantile: number) => latencies[Math.min(latencies.length - 1, Math.floor(quantile * latencies.length))]!.toFixed(1);
    process.stdout.write(`private connection change latency over ${changes} changes: p50 ${at(0.5)} ms, p95 ${at(0.95)} ms, p99 ${at(0.99)} ms, max ${at(1)} ms\n`);
  } finally {
    await Promise.all([publicNode.close(), privateNode.close()]);
  }
}

async function until<T>(check: () => Promise<T | undefined>): Promise<T> {
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
