import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { richTextFromPlain } from '../core';
import { benchmarkProjects, benchmarkUserOf, isBenchmarkUserRequest } from '../scripts/bench/benchmark-users';
import { createSandbox, type RunningSandbox } from '../scripts/sandbox/create-sandbox';
import { freePort } from './support/free-port';
import { adminClient, instanceOf } from './support/sandbox-client';
import { waitFor } from './support/wait-for';

/**
 * Asana as the receiving side of a synced summary change, counted on the Asana emulator with
 * webhooks on: the read before the write (one `/batch`) and the PUT, nothing else. The PUT's answer
 * is the task as written (no read after it), and the webhook event of the write carries its time,
 * which the node matches with the time the PUT gave (no read of the task's time).
 */
describe('Asana receiving a synced change: two calls', () => {
  let sandbox: RunningSandbox;
  let dataDirectory: string;
  const asanaCalls: string[] = [];

  beforeAll(async () => {
    dataDirectory = mkdtempSync(join(tmpdir(), 'exalate-asana-calls-'));
    sandbox = await createSandbox({
      port: await freePort(),
      dataDirectory,
      // The reconciler's own reads are not the change's calls.
      reconcileIntervalMs: 3_600_000,
      persistEveryWrite: false,
      onTrackerRequest: (id, request) => {
        if (id === 'asana' && !isBenchmarkUserRequest(request.headers))
          asanaCalls.push(`${request.method} ${(request.url.split('?')[0] ?? '').replace(/^.*\/api\/1\.0/, '').replace(/\/\d{6,}(?=\/|$)/g, '/GID')}`);
      },
    });
  });
  afterAll(async () => {
    await sandbox.close();
    rmSync(dataDirectory, { recursive: true, force: true });
  });

  it('costs the read before the write and the PUT for each summary change from Jira Cloud', async () => {
    const jiraAdmin = adminClient(instanceOf(sandbox.description, 'jira-cloud'));
    const initiated = await jiraAdmin('POST', '/connections/initiate', {
      destinationUrl: instanceOf(sandbox.description, 'asana').url,
      mode: 'script',
      localName: 'jira-cloud-calls',
      remoteName: 'asana-calls',
      name: 'asana_calls',
      projectKey: benchmarkProjects['jira-cloud'],
    });
    await adminClient(instanceOf(sandbox.description, 'asana'))('POST', '/connections/accept', {
      invitationCode: initiated.body.invitationCode,
      projectKey: benchmarkProjects.asana,
    });
    const id = initiated.body.connection.id as string;
    const jiraUser = benchmarkUserOf(sandbox.description, 'jira-cloud');
    const asanaUser = benchmarkUserOf(sandbox.description, 'asana');
    const { key } = await jiraUser.createItem({
      projectKey: benchmarkProjects['jira-cloud'],
      type: 'Task',
      summary: 'calls 0',
      description: richTextFromPlain('counted on the Asana side'),
    });
    await jiraAdmin('POST', `/connections/${id}/sync`, { issueKey: key });
    const twin = async () => (await jiraAdmin('GET', `/connections/${id}/twins/${key}`)).body as { status?: string; remoteKey?: string } | undefined;
    await waitFor('the first sync', async () => (await twin())?.status === 'synchronized', 30_000);
    const taskKey = (await twin())?.remoteKey ?? '';
    asanaCalls.length = 0;

    const changes = 3;
    for (let index = 1; index <= changes; index++) {
      await jiraUser.updateItem(key, { summary: `calls ${index}` });
      await waitFor(`change ${index} in Asana`, async () => (await asanaUser.getItem(taskKey))?.summary === `calls ${index}`, 30_000);
    }
    // One more change, landed, so that the event of every change counted above has long been judged.
    await jiraUser.updateItem(key, { summary: 'calls, last' });
    await waitFor('the last change in Asana', async () => (await asanaUser.getItem(taskKey))?.summary === 'calls, last', 30_000);

    expect(asanaCalls).toEqual(Array.from({ length: changes + 1 }, () => ['POST /batch', 'PUT /tasks/GID']).flat());
  }, 60_000);
});
