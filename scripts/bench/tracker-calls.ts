import { richTextFromPlain, type TrackerItem, type TrackerKind } from '../../core';
import { statusMapBetween, statusVocabulary } from '../../core/rules/tracker-vocabulary';
import { connectInScriptMode, startCallCountingSandbox } from '../../test/support/call-counting-sandbox';
import { adminClient, instanceOf } from '../../test/support/sandbox-client';
import { benchmarkProjects as projects, benchmarkUserOf } from './benchmark-users';

/**
 * Tracker API calls per synced change, for each tracker as the side that sends (reads the item,
 * runs the outgoing script) and as the side that receives (reads, writes). Each tracker sends a
 * summary change to a Jira Cloud peer (Jira Cloud sends to each of the others), then status changes to
 * and fro, through the sandbox with webhooks on; the reconciler is slowed down so that its own reads
 * are not counted.
 * Run: npx tsx scripts/bench/tracker-calls.ts [changes=20]
 */
/** Each tracker as the sending side, and each as the receiving side. */
const directions: readonly (readonly [TrackerKind, TrackerKind])[] = [
  ['jira-cloud', 'jira-server'],
  ['jira-server', 'jira-cloud'],
  ['azure-devops', 'jira-cloud'],
  ['asana', 'jira-cloud'],
  ['jira-cloud', 'azure-devops'],
  ['jira-cloud', 'asana'],
];

async function main(): Promise<void> {
  const changes = Number(process.argv[2] ?? 20);
  // The benchmark's own reads (as a user, marked) are not the product's calls.
  const { sandbox, calls, close } = await startCallCountingSandbox();
  const counted = (id: string) => calls.get(id)?.length ?? 0;
  const rows: string[] = [];
  const statusRows: string[] = [];
  try {
    for (const [sender, receiver] of directions) {
      const senderAdmin = adminClient(instanceOf(sandbox.description, sender));
      const id = await connectInScriptMode(sandbox.description, sender, receiver, {
        localName: `${sender}-b`,
        remoteName: `${receiver}-b`,
        name: `bench_${sender}`,
      });
      const user = benchmarkUserOf(sandbox.description, sender);
      process.stderr.write(`measuring ${sender}\n`);
      const { key } = await user.createItem({
        projectKey: projects[sender],
        type: 'Task',
        summary: 'bench 0',
        description: richTextFromPlain('calls per change'),
      });
      await senderAdmin('POST', `/connections/${id}/sync`, { issueKey: key });
      await until(async () => (await senderAdmin('GET', `/connections/${id}/twins/${key}`)).body?.status === 'synchronized');
      calls.clear();
      for (let index = 1; index <= changes; index++) {
        await user.updateItem(key, { summary: `bench ${index}` });
        await until(
          async () =>
            (await senderAdmin('GET', `/connections/${id}/twins/${key}`)).body?.status === 'synchronized' &&
            (await peerItem(sandbox.description, receiver, senderAdmin, id, key))?.summary === `bench ${index}`,
        );
      }
      const sent = counted(sender) / changes;
      const received = counted(receiver) / changes;
      rows.push(`| ${sender} → ${receiver} | ${sent.toFixed(1)} | ${received.toFixed(1)} |`);

      // Status changes, to and fro between two of the sender's default statuses that one step of
      // its workflow joins ("to do" and "in progress"; Asana, which has no "in progress": completed).
      calls.clear();
      const { todo, doing, done } = statusVocabulary(sender).target;
      const other = doing === todo ? done : doing;
      for (let index = 1; index <= changes; index++) {
        const status = index % 2 === 1 ? other : todo;
        await user.updateItem(key, { status });
        const expected = statusMapBetween(receiver, sender)[status];
        await until(
          async () =>
            (await senderAdmin('GET', `/connections/${id}/twins/${key}`)).body?.status === 'synchronized' &&
            (await peerItem(sandbox.description, receiver, senderAdmin, id, key))?.status === expected,
        );
      }
      statusRows.push(`| ${sender} → ${receiver} | ${(counted(sender) / changes).toFixed(1)} | ${(counted(receiver) / changes).toFixed(1)} |`);
    }
    const header = '| direction | calls on the sending tracker | calls on the receiving tracker |\n|---|---|---|';
    process.stdout.write(
      `Tracker API calls per synced summary change (${changes} changes each, webhooks on):\n${header}\n${rows.join('\n')}\n\n` +
        `Tracker API calls per synced status change (${changes} changes each, one workflow step each, to and fro):\n${header}\n${statusRows.join('\n')}\n`,
    );
  } finally {
    await close();
  }
}

async function peerItem(
  description: Parameters<typeof instanceOf>[0],
  receiver: TrackerKind,
  admin: ReturnType<typeof adminClient>,
  id: string,
  key: string,
): Promise<TrackerItem | undefined> {
  const remoteKey = (await admin('GET', `/connections/${id}/twins/${key}`)).body?.remoteKey as string | undefined;
  return remoteKey ? benchmarkUserOf(description, receiver).getItem(remoteKey) : undefined;
}

async function until(check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
