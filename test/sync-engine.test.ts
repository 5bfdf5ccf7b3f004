import { ExalateError, noteLocalChange, receiveEnvelopes, richTextFromPlain, type Envelope, type TrackerItem } from '../core';
import { MemoryTracker } from './fakes/memory-tracker';
import { startConnectedTestNodes, type ConnectedTestNodes } from './support/connected-test-nodes';
import type { TestNode } from './support/test-node';
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
  let nodes: ConnectedTestNodes;

  beforeEach(async () => {
    nodes = await startConnectedTestNodes({ adoIsPublic: false, connectionName: 'jira_to_ado', sync: fast });
  });
  afterEach(() => nodes.close());

  /** Change envelopes a node still has to send: read from its outbox, not inferred from quiet. */
  const queuedChanges = async (node: TestNode) =>
    (await node.context.store.listQueue({ connectionId: nodes.connectionId, direction: 'outbound', states: ['queued', 'in_flight'], limit: 100 })).filter(
      (entry) => entry.envelope.kind === 'change',
    );
  const twinOf = async (node: TestNode, key: string) => {
    const answer = await node.admin('GET', `/connections/${nodes.connectionId}/twins/${key}`);
    return answer.status === 200 ? (answer.body as { remoteKey: string | null; status: string }) : undefined;
  };
  /**
   * The twin once the private side's receipt is back. A lost long-poll answer leaves its changes
   * leased for 30 s before they are offered again, so a loaded machine may need that long.
   */
  const synchronizedTwin = (key: string) =>
    waitFor(
      `the twin of ${key}`,
      async () => ((await twinOf(nodes.jiraNode, key))?.status === 'synchronized' ? twinOf(nodes.jiraNode, key) : undefined),
      45_000,
    );

  it('syncs an issue by hand to the private side, with summary, description, mapped status and comments', async () => {
    newIssue(nodes.jira, 'SUP-1', {
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
    expect((await nodes.jiraNode.admin('POST', `/connections/${nodes.connectionId}/sync`, { issueKey: 'SUP-1' })).status).toBe(202);
    const twin = await waitFor('the twin to be synchronized', async () => {
      const found = await twinOf(nodes.jiraNode, 'SUP-1');
      return found?.status === 'synchronized' ? found : undefined;
    });
    const created = nodes.ado.items.get(twin.remoteKey!)!;
    expect(created.summary).toBe('Printer on fire');
    expect(created.description).toEqual(richTextFromPlain('Smoke from tray 2'));
    expect(created.status).toBe('Active');
    expect(created.comments.map((comment) => comment.body)).toHaveLength(1);
  });

  it('brings a rename on the private side back to Jira without any admin action, and never echoes', async () => {
    newIssue(nodes.jira, 'SUP-1');
    await nodes.jiraNode.admin('POST', `/connections/${nodes.connectionId}/sync`, { issueKey: 'SUP-1' });
    const twin = await synchronizedTwin('SUP-1');
    nodes.ado.edit(twin!.remoteKey!, { summary: 'Printer on fire (tray 2)' });
    await waitFor('the rename to reach Jira', () => nodes.jira.items.get('SUP-1')!.summary === 'Printer on fire (tray 2)');
    // Each tracker reports the write sync made, as its webhook would: neither side queues it back.
    expect(await noteLocalChange(nodes.jiraNode.context, 'SUP-1')).toBe(0);
    expect(await noteLocalChange(nodes.adoNode.context, twin!.remoteKey!)).toBe(0);
    expect(await queuedChanges(nodes.jiraNode)).toEqual([]);
    expect(nodes.jira.writes).toEqual(['update SUP-1 summary']);
    expect(nodes.ado.writes.filter((write) => write.startsWith('update'))).toEqual([]);
  });

  it('syncs new issues by a trigger, by itself', async () => {
    expect((await nodes.jiraNode.admin('POST', `/connections/${nodes.connectionId}/triggers`, { query: 'project = SUP', active: true })).status).toBe(201);
    newIssue(nodes.jira, 'SUP-7', { summary: 'Triggered' });
    await waitFor('the triggered issue to arrive', () => [...nodes.ado.items.values()].find((item) => item.summary === 'Triggered'));
  });

  it('with triggers on both sides, an item created by sync is not sent back as a new one', async () => {
    await nodes.jiraNode.admin('POST', `/connections/${nodes.connectionId}/triggers`, { query: 'project = SUP', active: true });
    await nodes.adoNode.admin('POST', `/connections/${nodes.connectionId}/triggers`, { query: "[System.TeamProject] = 'SUP'", active: true });
    newIssue(nodes.jira, 'SUP-1', { summary: 'Only once' });
    await waitFor('the issue on ADO', () => nodes.ado.items.size === 1);
    await nodes.ado.addComment([...nodes.ado.items.keys()][0]!, richTextFromPlain('ack'));
    await waitFor('the ADO comment on Jira', () => nodes.jira.items.get('SUP-1')!.comments.length === 1);
    // The writes sync made, reported back by each tracker, queue nothing: no new item, no second comment.
    expect(await noteLocalChange(nodes.jiraNode.context, 'SUP-1')).toBe(0);
    expect(await noteLocalChange(nodes.adoNode.context, [...nodes.ado.items.keys()][0]!)).toBe(0);
    expect(await queuedChanges(nodes.jiraNode)).toEqual([]);
    expect([...nodes.jira.items.keys()]).toEqual(['SUP-1']);
    expect(nodes.ado.items.size).toBe(1);
    expect([...nodes.ado.items.values()][0]!.comments).toHaveLength(1);
  });

  it('shows a comment added on either side exactly once on the other', async () => {
    newIssue(nodes.jira, 'SUP-1');
    await nodes.jiraNode.admin('POST', `/connections/${nodes.connectionId}/sync`, { issueKey: 'SUP-1' });
    const twin = await synchronizedTwin('SUP-1');
    await nodes.jira.addComment('SUP-1', richTextFromPlain('from jira'));
    await waitFor('the Jira comment on ADO', () => nodes.ado.items.get(twin!.remoteKey!)!.comments.length === 1);
    await nodes.ado.addComment(twin!.remoteKey!, richTextFromPlain('from ado'));
    await waitFor('the ADO comment on Jira', () => nodes.jira.items.get('SUP-1')!.comments.length === 2);
    expect(await noteLocalChange(nodes.jiraNode.context, 'SUP-1')).toBe(0);
    expect(await noteLocalChange(nodes.adoNode.context, twin!.remoteKey!)).toBe(0);
    expect(await queuedChanges(nodes.jiraNode)).toEqual([]);
    // One comment added by a person and one by sync on each side (the fake tracker counts both).
    expect(nodes.jira.writes.filter((write) => write.startsWith('comment'))).toHaveLength(2);
    expect(nodes.ado.writes.filter((write) => write.startsWith('comment'))).toHaveLength(2);
    expect(nodes.jira.items.get('SUP-1')!.comments).toHaveLength(2);
    expect(nodes.ado.items.get(twin!.remoteKey!)!.comments).toHaveLength(2);
  });

  it('writes a change delivered three times once, and ignores an old one delivered again', async () => {
    newIssue(nodes.jira, 'SUP-1');
    await nodes.jiraNode.admin('POST', `/connections/${nodes.connectionId}/sync`, { issueKey: 'SUP-1' });
    const twin = await synchronizedTwin('SUP-1');
    const sent = await nodes.jiraNode.context.store.listQueue({ connectionId: nodes.connectionId, direction: 'outbound', states: ['done'], limit: 10 });
    const first = sent.find((entry) => entry.envelope.kind === 'change')!.envelope as Extract<Envelope, { kind: 'change' }>;
    const connection = (await nodes.adoNode.context.store.getConnection(nodes.connectionId))!;
    const next: Envelope = { ...first, id: 'chg_next', sequence: first.sequence + 1, replica: { ...(first.replica as object), summary: 'delivered thrice' } };
    for (let attempt = 0; attempt < 3; attempt++) await receiveEnvelopes(nodes.adoNode.context, connection, [next]);
    await waitFor('the change to be applied', () => nodes.ado.items.get(twin!.remoteKey!)!.summary === 'delivered thrice');
    // The first change again, as a peer that lost its receipt would resend it: recognised by its sequence.
    await receiveEnvelopes(nodes.adoNode.context, connection, [{ ...first, id: 'chg_first_again' }]);
    await waitFor('the old change to be handled', async () =>
      (await nodes.adoNode.context.store.listQueue({ connectionId: nodes.connectionId, direction: 'inbound', states: ['done'], limit: 100 })).some(
        (entry) => entry.envelope.id === 'chg_first_again',
      ),
    );
    expect(nodes.ado.writes.filter((write) => write.includes(twin!.remoteKey!))).toEqual([`create ${twin!.remoteKey}`, `update ${twin!.remoteKey} summary`]);
    expect(nodes.ado.items.get(twin!.remoteKey!)!.summary).toBe('delivered thrice');
  });

  it('test run shows the replica and the changes the scripts would make, and writes nothing', async () => {
    newIssue(nodes.jira, 'SUP-1', { status: 'Done' });
    const writesBefore = [...nodes.jira.writes, ...nodes.ado.writes];
    const run = await nodes.jiraNode.admin('POST', `/connections/${nodes.connectionId}/test-run`, {
      issueKey: 'SUP-1',
      replica: { key: 'ADO-9', summary: 'Renamed remotely', status: { name: 'Closed' } },
    });
    expect(run.status).toBe(200);
    expect(run.body.replica).toMatchObject({ key: 'SUP-1', summary: 'Printer on fire', status: { name: 'Done' } });
    expect(run.body.incoming.changes).toMatchObject({ summary: 'Renamed remotely' });
    expect([...nodes.jira.writes, ...nodes.ado.writes]).toEqual(writesBefore);
    expect((await nodes.jiraNode.admin('GET', `/connections/${nodes.connectionId}/queue`)).body.counts.outbound.queued).toBe(0);
  });

  it('test run tries scripts from the editor before they are saved, and a broken one is refused with its line, saving nothing', async () => {
    newIssue(nodes.jira, 'SUP-1');
    const saved = (await nodes.jiraNode.admin('GET', `/connections/${nodes.connectionId}/rules`)).body;
    const trial = { outgoing: 'replica.key = issue.key\nreplica.summary = issue.summary.toUpperCase()', incoming: saved.incoming };
    const run = await nodes.jiraNode.admin('POST', `/connections/${nodes.connectionId}/test-run`, { issueKey: 'SUP-1', rules: trial });
    expect(run.status).toBe(200);
    expect(run.body.replica).toMatchObject({ summary: 'PRINTER ON FIRE' });

    const broken = await nodes.jiraNode.admin('POST', `/connections/${nodes.connectionId}/test-run`, {
      issueKey: 'SUP-1',
      rules: { ...trial, outgoing: 'replica.key = issue.key\nreplica.summary = issue.summary ]\nreplica.status = issue.status' },
    });
    expect(broken.status).toBe(400);
    expect(broken.body.error.message).toMatch(/line 2/i);
    expect((await nodes.jiraNode.admin('GET', `/connections/${nodes.connectionId}/rules`)).body).toEqual(saved);
  });

  it('queues while deactivated and delivers everything, in order, on activate', async () => {
    newIssue(nodes.jira, 'SUP-1');
    await nodes.jiraNode.admin('POST', `/connections/${nodes.connectionId}/sync`, { issueKey: 'SUP-1' });
    const twin = await synchronizedTwin('SUP-1');
    expect((await nodes.jiraNode.admin('POST', `/connections/${nodes.connectionId}/deactivate`)).status).toBe(200);
    // Noted as a tracker event would note them (a forced "sync now" would queue again whatever
    // the reconciler already queued for the same content).
    for (const summary of ['one', 'two', 'three']) {
      nodes.jira.edit('SUP-1', { summary });
      await noteLocalChange(nodes.jiraNode.context, 'SUP-1');
    }
    // Two polls of the private side answered since: the engine ran, and delivered nothing.
    const pollsBefore = nodes.jiraNode.inbound.filter((line) => line.includes('/messages')).length;
    await waitFor('two polls of the private side', () => nodes.jiraNode.inbound.filter((line) => line.includes('/messages')).length >= pollsBefore + 2);
    expect(nodes.ado.items.get(twin!.remoteKey!)!.summary).toBe('Printer on fire');
    expect((await queuedChanges(nodes.jiraNode)).map((entry) => entry.state)).toEqual(['queued', 'queued', 'queued']);
    expect((await nodes.jiraNode.admin('GET', `/connections/${nodes.connectionId}/queue`)).body.counts.outbound.queued).toBe(3);
    await nodes.jiraNode.admin('POST', `/connections/${nodes.connectionId}/activate`);
    await waitFor('the last summary', () => nodes.ado.items.get(twin!.remoteKey!)!.summary === 'three');
    expect(nodes.ado.writes.filter((write) => write.startsWith(`update ${twin!.remoteKey}`))).toHaveLength(3);
  });

  it('honours Retry-After from a throttled tracker and keeps the order of an item', async () => {
    newIssue(nodes.jira, 'SUP-1');
    await nodes.jiraNode.admin('POST', `/connections/${nodes.connectionId}/sync`, { issueKey: 'SUP-1' });
    const twin = await synchronizedTwin('SUP-1');
    nodes.ado.failNextWrites(
      1,
      new ExalateError('tracker_unavailable' as never, 'Azure DevOps asked to slow down', { isRetryable: true, details: { retryAfterSeconds: 1 } }),
    );
    nodes.jira.edit('SUP-1', { summary: 'first' });
    await noteLocalChange(nodes.jiraNode.context, 'SUP-1');
    nodes.jira.edit('SUP-1', { summary: 'second' });
    await noteLocalChange(nodes.jiraNode.context, 'SUP-1');
    const queue = await waitFor('the throttled entry to wait', async () => {
      const answer = await nodes.adoNode.admin('GET', `/connections/${nodes.connectionId}/queue`);
      return answer.body.entries.find((entry: { lastError: string | null }) => entry.lastError?.includes('slow down'));
    });
    expect(Date.parse(queue.nextAttemptAt) - Date.now()).toBeGreaterThan(500);
    await waitFor('the final summary', () => nodes.ado.items.get(twin!.remoteKey!)!.summary === 'second');
    const updates = nodes.ado.writes.filter((write) => write.startsWith(`update ${twin!.remoteKey}`));
    expect(updates).toHaveLength(2);
  });
});
