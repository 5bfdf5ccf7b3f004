import { richTextFromPlain } from '../core';
import { benchmarkProjects, benchmarkUserOf } from '../scripts/bench/benchmark-users';
import { connectInScriptMode, startCallCountingSandbox, type CallCountingSandbox } from './support/call-counting-sandbox';
import { adminClient, instanceOf } from './support/sandbox-client';
import { waitFor } from './support/wait-for';

/**
 * Jira Cloud as the receiving side of synced summary and status changes, counted on both emulators
 * with webhooks on. On Jira: the read before the write (with the transitions on offer) and the edit
 * or the transition, nothing else: Jira answers both with no body, so the item as written is that
 * read with the new value, and the webhook of the write is told by its changelog, not by a read.
 * On Jira DC, the sender: one read per change and no write, so nothing came back as an echo.
 */
describe('Jira receiving a synced change: two calls', () => {
  let counting: CallCountingSandbox;
  /** A Jira instance's calls, the API prefix left out. */
  const callsOf = (id: 'jira-cloud' | 'jira-server') =>
    (counting.calls.get(id) ?? []).map((call) => `${call.method} ${call.path.replace(/^.*\/rest\/api\/\d/, '')}`);

  beforeAll(async () => {
    counting = await startCallCountingSandbox();
  });
  afterAll(() => counting.close());

  it('costs the read before the write and the write, for summary and status changes from Jira DC', async () => {
    const { sandbox } = counting;
    const senderAdmin = adminClient(instanceOf(sandbox.description, 'jira-server'));
    const id = await connectInScriptMode(sandbox.description, 'jira-server', 'jira-cloud', {
      localName: 'jira-dc-calls',
      remoteName: 'jira-cloud-calls',
      name: 'jira_calls',
    });
    const sender = benchmarkUserOf(sandbox.description, 'jira-server');
    const receiver = benchmarkUserOf(sandbox.description, 'jira-cloud');
    const { key } = await sender.createItem({
      projectKey: benchmarkProjects['jira-server'],
      type: 'Task',
      summary: 'calls 0',
      description: richTextFromPlain('counted on the Jira Cloud side'),
    });
    await senderAdmin('POST', `/connections/${id}/sync`, { issueKey: key });
    const twin = async () => (await senderAdmin('GET', `/connections/${id}/twins/${key}`)).body as { status?: string; remoteKey?: string } | undefined;
    await waitFor('the first sync', async () => (await twin())?.status === 'synchronized', 30_000);
    const issueKey = (await twin())?.remoteKey ?? '';
    counting.calls.clear();

    const arrived = (label: string, check: (item: Awaited<ReturnType<typeof receiver.getItem>>) => boolean) =>
      waitFor(label, async () => check(await receiver.getItem(issueKey)) && (await twin())?.status === 'synchronized', 30_000);
    await sender.updateItem(key, { summary: 'calls 1' });
    await arrived('the summary change', (item) => item?.summary === 'calls 1');
    await sender.updateItem(key, { status: 'In Progress' });
    await arrived('the status change', (item) => item?.status === 'In Progress');
    await sender.updateItem(key, { summary: 'calls 2' });
    await arrived('the second summary change', (item) => item?.summary === 'calls 2');
    // One more change, landed, so that the event of every change counted above has long been judged.
    await sender.updateItem(key, { status: 'To Do' });
    await arrived('the last change', (item) => item?.status === 'To Do');

    const read = `GET /issue/${issueKey}`;
    expect(callsOf('jira-cloud')).toEqual([
      read,
      `PUT /issue/${issueKey}`,
      read,
      `POST /issue/${issueKey}/transitions`,
      read,
      `PUT /issue/${issueKey}`,
      read,
      `POST /issue/${issueKey}/transitions`,
    ]);
    expect(callsOf('jira-server')).toEqual(Array.from({ length: 4 }, () => `GET /issue/${key}`));
  }, 60_000);
});
