import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JiraCloudAdapter } from '../../hosts/jira-cloud/adapter';
import { freePort } from '../../test/support/free-port';
import { adminClient, instanceOf } from '../../test/support/sandbox-client';
import { createSandbox } from '../sandbox/create-sandbox';
import { emulatorBudgets } from '../sandbox/sandbox-trackers';

/**
 * Bulk sync end to end in the sandbox: N Jira Cloud issues backfilled by a trigger's bulk sync
 * over a private connection to the private Azure DevOps Server, through the trackers' REST APIs,
 * real nodes, SQLite, QuickJS scripts. Prints items per second, the backfill time, and the
 * process's resident memory (the whole sandbox: five nodes and five emulators) once every twin
 * exists.
 * Run: npx tsx scripts/bench/bulk-sync.ts [items=1000]   (the full run uses 10000)
 */
async function main(): Promise<void> {
  const items = Number(process.argv[2] ?? 1000);
  const dataDirectory = mkdtempSync(join(tmpdir(), 'exalate-bulk-'));
  const sandbox = await createSandbox({ port: await freePort(), dataDirectory, reconcileIntervalMs: 3_600_000, persistEveryWrite: false });
  try {
    const jira = instanceOf(sandbox.description, 'jira-cloud');
    const jiraAdmin = adminClient(jira);
    const initiated = await jiraAdmin('POST', '/connections/initiate', { destinationUrl: null, mode: 'script', localName: 'jira', remoteName: 'ado', name: 'bulk', projectKey: 'OPS' });
    await adminClient(instanceOf(sandbox.description, 'azure-devops-private'))('POST', '/connections/accept', { invitationCode: initiated.body.invitationCode, projectKey: 'Platform' });
    const connectionId = initiated.body.connection.id as string;
    const jiraUser = new JiraCloudAdapter({ baseUrl: jira.trackerApi, authorization: jira.trackerAuth, budgets: emulatorBudgets() });
    const createdAt = performance.now();
    for (let index = 0; index < items; index++) await jiraUser.createItem({ projectKey: 'OPS', type: 'Task', summary: `bulk ${index}` });
    process.stderr.write(`created ${items} issues in ${((performance.now() - createdAt) / 1000).toFixed(1)} s\n`);

    const startedAt = performance.now();
    await jiraAdmin('POST', `/connections/${connectionId}/bulk-sync`, { query: 'project = OPS' });
    let receipts = 0;
    while (receipts < items) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      receipts = (await jiraAdmin('GET', `/connections/${connectionId}/queue`)).body.counts.inbound.done as number;
    }
    const seconds = (performance.now() - startedAt) / 1000;
    const rss = process.memoryUsage().rss / 1024 / 1024;
    process.stdout.write(`bulk sync of ${items} items: ${seconds.toFixed(1)} s, ${(items / seconds).toFixed(1)} items/s end to end; sandbox process RSS ${rss.toFixed(0)} MB with ${items} twins on each side\n`);
  } finally {
    await sandbox.close();
    rmSync(dataDirectory, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
