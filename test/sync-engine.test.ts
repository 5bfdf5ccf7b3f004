import { ExalateError, noteLocalChange, receiveEnvelopes, richTextFromPlain, type Envelope, type TrackerItem } from '../core';
import { MemoryTracker } from './fakes/memory-tracker';
import { startTestNode, type TestNode } from './support/test-node';
import { waitFor } from './support/wait-for';
import { trackerItem } from './fakes/tracker-item';

const fast = { reconcileIntervalMs: 100, pollWaitMs: 1000 };

function newIssue(tracker: MemoryTracker, key: string, fields: Partial<TrackerItem> = {}): TrackerItem {
  const item = trackerItem({
    key,
    type: 'Bug',
    summary: 'Printer on fire',
    description: richTextFromPlain('Smoke from tray 2'),
    priority: 'High',
    labels: ['hardware'],
    url: `https://jira.example/browse/${key}`,
    ...fields,
  });
  tracker.items.set(key, item);
  return item;
}

// Room for one lost long-poll answer (its changes wait out a 30 s lease) on a loaded machine.
jest.setTimeout(90_000);

describe('sync engine over a private connection', () => {
  let jira: MemoryTracker;
  let ado: MemoryTracker;
  let publicNode: TestNode;
  let privateNode: TestNode;
  let connectionId: string;

  beforeEach(async () => {
    jira = new MemoryTracker('jira-cloud');
    ado = new MemoryTracker('azure-devops');
    publicNode = await startTestNode({ name: 'jira', isPublic: true, tracker: jira, sync: fast });
    privateNode = await startTestNode({ name: 'ado', isPublic: false, tracker: ado, sync: fast });
    const initiated = await publicNode.admin('POST', '/connections/initiate', {
      destinationUrl: null,
      mode: 'script',
      localName: 'jira',
      remoteName: 'ado',
      name: 'jira_to_ado',
      projectKey: 'SUP',
    });
    connectionId = initiated.body.connection.id;
    expect((await privateNode.admin('POST', '/connections/accept', { invitationCode: initiated.body.invitationCode, projectKey: 'SUP' })).status).toBe(201);
  });
  afterEach(async () => {
    await Promise.all([publicNode.close(), privateNode.close()]);
  });

  /** Change envelopes a node still has to send: read from its outbox, not inferred from quiet. */
  const queuedChanges = async (node: TestNode) =>
    (await node.context.store.listQueue({ connectionId, direction: 'outbound', states: ['queued', 'in_flight'], limit: 100 })).filter(
      (entry) => entry.envelope.kind === 'change',
    );
  const twinOf = async (node: TestNode, key: string) => {
    const answer = await node.admin('GET', `/connections/${connectionId}/twins/${key}`);
    return answer.status === 200 ? (answer.body as { remoteKey: string | null; status: string }) : undefined;
  };
  /**
   * The twin once the private side's receipt is back. A lost long-poll answer leaves its changes
   * leased for 30 s before they are offered again, so a loaded machine may need that long.
   */
  const synchronizedTwin = (key: string) =>
    waitFor(`the twin of ${key}`, async () => ((await twinOf(publicNode, key))?.status === 'synchronized' ? twinOf(publicNode, key) : undefined), 45_000);

  it('syncs an issue by hand to the private side, with summary, description, mapped status and comments', async () => {
    newIssue(jira, 'SUP-1', {
      status: 'In Progress',
      comments: [
        {
          id: 'c1',
          author: { email: 'alice@example.com', displayName: 'Alice Example', id: 'u1' },
          body: richTextFromPlain('Fire is spreading'),
          created: '',
          updated: '',
        },
      ],
    });
    expect((await publicNode.admin('POST', `/connections/${connectionId}/sync`, { issueKey: 'SUP-1' })).status).toBe(202);
    const twin = await waitFor('the twin to be synchronized', async () => {
      const found = await twinOf(publicNode, 'SUP-1');
      return found?.status === 'synchronized' ? found : undefined;
    });
    const created = ado.items.get(twin.remoteKey!)!;
    expect(created.summary).toBe('Printer on fire');
    expect(created.description).toEqual(richTextFromPlain('Smoke from tray 2'));
    expect(created.status).toBe('Active');
    expect(created.comments.map((comment) => comment.body)).toHaveLength(1);
  });

  it('brings a rename on the private side back to Jira without any admin action, and never echoes', async () => {
    newIssue(jira, 'SUP-1');
    await publicNode.admin('POST', `/connections/${connectionId}/sync`, { issueKey: 'SUP-1' });
    const twin = await synchronizedTwin('SUP-1');
    ado.edit(twin!.remoteKey!, { summary: 'Printer on fire (tray 2)' });
    await waitFor('the rename to reach Jira', () => jira.items.get('SUP-1')!.summary === 'Printer on fire (tray 2)');
    // Each tracker reports the write sync made, as its webhook would: neither side queues it back.
    expect(await noteLocalChange(publicNode.context, 'SUP-1')).toBe(0);
    expect(await noteLocalChange(privateNode.context, twin!.remoteKey!)).toBe(0);
    expect(await queuedChanges(publicNode)).toEqual([]);
    expect(jira.writes).toEqual(['update SUP-1 summary']);
    expect(ado.writes.filter((write) => write.startsWith('update'))).toEqual([]);
  });

  it('syncs new issues by a trigger, by itself', async () => {
    expect((await publicNode.admin('POST', `/connections/${connectionId}/triggers`, { query: 'project = SUP', active: true })).status).toBe(201);
    newIssue(jira, 'SUP-7', { summary: 'Triggered' });
    await waitFor('the triggered issue to arrive', () => [...ado.items.values()].find((item) => item.summary === 'Triggered'));
  });

  it('with triggers on both sides, an item created by sync is not sent back as a new one', async () => {
    await publicNode.admin('POST', `/connections/${connectionId}/triggers`, { query: 'project = SUP', active: true });
    await privateNode.admin('POST', `/connections/${connectionId}/triggers`, { query: "[System.TeamProject] = 'SUP'", active: true });
    newIssue(jira, 'SUP-1', { summary: 'Only once' });
    await waitFor('the issue on ADO', () => ado.items.size === 1);
    await ado.addComment([...ado.items.keys()][0]!, richTextFromPlain('ack'));
    await waitFor('the ADO comment on Jira', () => jira.items.get('SUP-1')!.comments.length === 1);
    // The writes sync made, reported back by each tracker, queue nothing: no new item, no second comment.
    expect(await noteLocalChange(publicNode.context, 'SUP-1')).toBe(0);
    expect(await noteLocalChange(privateNode.context, [...ado.items.keys()][0]!)).toBe(0);
    expect(await queuedChanges(publicNode)).toEqual([]);
    expect([...jira.items.keys()]).toEqual(['SUP-1']);
    expect(ado.items.size).toBe(1);
    expect([...ado.items.values()][0]!.comments).toHaveLength(1);
  });

  it('shows a comment added on either side exactly once on the other', async () => {
    newIssue(jira, 'SUP-1');
    await publicNode.admin('POST', `/connections/${connectionId}/sync`, { issueKey: 'SUP-1' });
    const twin = await synchronizedTwin('SUP-1');
    await jira.addComment('SUP-1', richTextFromPlain('from jira'));
    await waitFor('the Jira comment on ADO', () => ado.items.get(twin!.remoteKey!)!.comments.length === 1);
    await ado.addComment(twin!.remoteKey!, richTextFromPlain('from ado'));
    await waitFor('the ADO comment on Jira', () => jira.items.get('SUP-1')!.comments.length === 2);
    expect(await noteLocalChange(publicNode.context, 'SUP-1')).toBe(0);
    expect(await noteLocalChange(privateNode.context, twin!.remoteKey!)).toBe(0);
    expect(await queuedChanges(publicNode)).toEqual([]);
    // One comment added by a person and one by sync on each side (the fake tracker counts both).
    expect(jira.writes.filter((write) => write.startsWith('comment'))).toHaveLength(2);
    expect(ado.writes.filter((write) => write.startsWith('comment'))).toHaveLength(2);
    expect(jira.items.get('SUP-1')!.comments).toHaveLength(2);
    expect(ado.items.get(twin!.remoteKey!)!.comments).toHaveLength(2);
  });

  it('writes a change delivered three times once, and ignores an old one delivered again', async () => {
    newIssue(jira, 'SUP-1');
    await publicNode.admin('POST', `/connections/${connectionId}/sync`, { issueKey: 'SUP-1' });
    const twin = await synchronizedTwin('SUP-1');
    const sent = await publicNode.context.store.listQueue({ connectionId, direction: 'outbound', states: ['done'], limit: 10 });
    const first = sent.find((entry) => entry.envelope.kind === 'change')!.envelope as Extract<Envelope, { kind: 'change' }>;
    const connection = (await privateNode.context.store.getConnection(connectionId))!;
    const next: Envelope = { ...first, id: 'chg_next', sequence: first.sequence + 1, replica: { ...(first.replica as object), summary: 'delivered thrice' } };
    for (let attempt = 0; attempt < 3; attempt++) await receiveEnvelopes(privateNode.context, connection, [next]);
    await waitFor('the change to be applied', () => ado.items.get(twin!.remoteKey!)!.summary === 'delivered thrice');
    // The first change again, as a peer that lost its receipt would resend it: recognised by its sequence.
    await receiveEnvelopes(privateNode.context, connection, [{ ...first, id: 'chg_first_again' }]);
    await waitFor('the old change to be handled', async () =>
      (await privateNode.context.store.listQueue({ connectionId, direction: 'inbound', states: ['done'], limit: 100 })).some(
        (entry) => entry.envelope.id === 'chg_first_again',
      ),
    );
    expect(ado.writes.filter((write) => write.includes(twin!.remoteKey!))).toEqual([`create ${twin!.remoteKey}`, `update ${twin!.remoteKey} summary`]);
    expect(ado.items.get(twin!.remoteKey!)!.summary).toBe('delivered thrice');
  });

  it('test run shows the replica and the changes the scripts would make, and writes nothing', async () => {
    newIssue(jira, 'SUP-1', { status: 'Done' });
    const writesBefore = [...jira.writes, ...ado.writes];
    const run = await publicNode.admin('POST', `/connections/${connectionId}/test-run`, {
      issueKey: 'SUP-1',
      replica: { key: 'ADO-9', summary: 'Renamed remotely', status: { name: 'Closed' } },
    });
    expect(run.status).toBe(200);
    expect(run.body.replica).toMatchObject({ key: 'SUP-1', summary: 'Printer on fire', status: { name: 'Done' } });
    expect(run.body.incoming.changes).toMatchObject({ summary: 'Renamed remotely' });
    expect([...jira.writes, ...ado.writes]).toEqual(writesBefore);
    expect((await publicNode.admin('GET', `/connections/${connectionId}/queue`)).body.counts.outbound.queued).toBe(0);
  });

  it('test run tries scripts from the editor before they are saved, and a broken one is refused with its line, saving nothing', async () => {
    newIssue(jira, 'SUP-1');
    const saved = (await publicNode.admin('GET', `/connections/${connectionId}/rules`)).body;
    const trial = { outgoing: 'replica.key = issue.key\nreplica.summary = issue.summary.toUpperCase()', incoming: saved.incoming };
    const run = await publicNode.admin('POST', `/connections/${connectionId}/test-run`, { issueKey: 'SUP-1', rules: trial });
    expect(run.status).toBe(200);
    expect(run.body.replica).toMatchObject({ summary: 'PRINTER ON FIRE' });

    const broken = await publicNode.admin('POST', `/connections/${connectionId}/test-run`, {
      issueKey: 'SUP-1',
      rules: { ...trial, outgoing: 'replica.key = issue.key\nreplica.summary = issue.summary ]\nreplica.status = issue.status' },
    });
    expect(broken.status).toBe(400);
    expect(broken.body.error.message).toMatch(/line 2/i);
    expect((await publicNode.admin('GET', `/connections/${connectionId}/rules`)).body).toEqual(saved);
  });

  it('queues while deactivated and delivers everything, in order, on activate', async () => {
    newIssue(jira, 'SUP-1');
    await publicNode.admin('POST', `/connections/${connectionId}/sync`, { issueKey: 'SUP-1' });
    const twin = await synchronizedTwin('SUP-1');
    expect((await publicNode.admin('POST', `/connections/${connectionId}/deactivate`)).status).toBe(200);
    // Noted as a tracker event would note them (a forced "sync now" would queue again whatever
    // the reconciler already queued for the same content).
    for (const summary of ['one', 'two', 'three']) {
      jira.edit('SUP-1', { summary });
      await noteLocalChange(publicNode.context, 'SUP-1');
    }
    // Two polls of the private side answered since: the engine ran, and delivered nothing.
    const pollsBefore = publicNode.inbound.filter((line) => line.includes('/messages')).length;
    await waitFor('two polls of the private side', () => publicNode.inbound.filter((line) => line.includes('/messages')).length >= pollsBefore + 2);
    expect(ado.items.get(twin!.remoteKey!)!.summary).toBe('Printer on fire');
    expect((await queuedChanges(publicNode)).map((entry) => entry.state)).toEqual(['queued', 'queued', 'queued']);
    expect((await publicNode.admin('GET', `/connections/${connectionId}/queue`)).body.counts.outbound.queued).toBe(3);
    await publicNode.admin('POST', `/connections/${connectionId}/activate`);
    await waitFor('the last summary', () => ado.items.get(twin!.remoteKey!)!.summary === 'three');
    expect(ado.writes.filter((write) => write.startsWith(`update ${twin!.remoteKey}`))).toHaveLength(3);
  });

  it('honours Retry-After from a throttled tracker and keeps the order of an item', async () => {
    newIssue(jira, 'SUP-1');
    await publicNode.admin('POST', `/connections/${connectionId}/sync`, { issueKey: 'SUP-1' });
    const twin = await synchronizedTwin('SUP-1');
    ado.failNextWrites(
      1,
      new ExalateError('tracker_unavailable' as never, 'Azure DevOps asked to slow down', { isRetryable: true, details: { retryAfterSeconds: 1 } }),
    );
    jira.edit('SUP-1', { summary: 'first' });
    await noteLocalChange(publicNode.context, 'SUP-1');
    jira.edit('SUP-1', { summary: 'second' });
    await noteLocalChange(publicNode.context, 'SUP-1');
    const queue = await waitFor('the throttled entry to wait', async () => {
      const answer = await privateNode.admin('GET', `/connections/${connectionId}/queue`);
      return answer.body.entries.find((entry: { lastError: string | null }) => entry.lastError?.includes('slow down'));
    });
    expect(Date.parse(queue.nextAttemptAt) - Date.now()).toBeGreaterThan(500);
    await waitFor('the final summary', () => ado.items.get(twin!.remoteKey!)!.summary === 'second');
    const updates = ado.writes.filter((write) => write.startsWith(`update ${twin!.remoteKey}`));
    expect(updates).toHaveLength(2);
  });
});
