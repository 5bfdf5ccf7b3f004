import { richTextFromPlain } from '../core';
import { benchmarkProjects, benchmarkUserOf } from '../scripts/bench/benchmark-users';
import { connectInScriptMode, startCallCountingSandbox, type CallCountingSandbox } from './support/call-counting-sandbox';
import { adminClient, instanceOf } from './support/sandbox-client';
import { waitFor } from './support/wait-for';

/**
 * Asana as the receiving side of a synced summary change, counted on the Asana emulator with
 * webhooks on: the read before the write (one `/batch`) and the PUT, nothing else. The PUT's answer
 * is the task as written (no read after it), and the webhook event of the write carries its time,
 * which the node matches with the time the PUT gave (no read of the task's time).
 */
describe('Asana receiving a synced change: two calls', () => {
  let counting: CallCountingSandbox;
  /** Asana's calls, task gids and the API prefix left out, so that they read the same every run. */
  const asanaCalls = () =>
    (counting.calls.get('asana') ?? []).map((call) => `${call.method} ${call.path.replace(/^.*\/api\/1\.0/, '').replace(/\/\d{6,}(?=\/|$)/g, '/GID')}`);

  beforeAll(async () => {
    counting = await startCallCountingSandbox();
  });
  afterAll(() => counting.close());

  it('costs the read before the write and the PUT for each summary change from Jira Cloud', async () => {
    const { sandbox } = counting;
    const jiraAdmin = adminClient(instanceOf(sandbox.description, 'jira-cloud'));
    const id = await connectInScriptMode(sandbox.description, 'jira-cloud', 'asana', {
      localName: 'jira-cloud-calls',
      remoteName: 'asana-calls',
      name: 'asana_calls',
    });
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
    counting.calls.clear();

    const changes = 3;
    for (let index = 1; index <= changes; index++) {
      await jiraUser.updateItem(key, { summary: `calls ${index}` });
      await waitFor(`change ${index} in Asana`, async () => (await asanaUser.getItem(taskKey))?.summary === `calls ${index}`, 30_000);
    }
    // One more change, landed, so that the event of every change counted above has long been judged.
    await jiraUser.updateItem(key, { summary: 'calls, last' });
    await waitFor('the last change in Asana', async () => (await asanaUser.getItem(taskKey))?.summary === 'calls, last', 30_000);

    expect(asanaCalls()).toEqual(Array.from({ length: changes + 1 }, () => ['POST /batch', 'PUT /tasks/GID']).flat());
  }, 60_000);
});
