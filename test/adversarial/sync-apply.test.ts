import {
  ExalateError,
  noteLocalChange,
  queueLocalChange,
  receiveEnvelopes,
  richTextFromPlain,
  type Connection,
  type Envelope,
  type QueueEntry,
  type TrackerItem,
} from '../../core';
import { applyInbound } from '../../core/sync/apply-inbound';
import { startConnectedTestNodes, type ConnectedTestNodes } from '../support/connected-test-nodes';
import type { TestNode } from '../support/test-node';
import { trackerItem } from '../fakes/tracker-item';

/**
 * The sync engine's guarantees, asserted on the state they leave rather than on quiet after a
 * sleep: the engine is not running, the test carries envelopes between the two nodes and applies
 * them itself, then reads queue entries, twins and each tracker's list of writes.
 */
type ChangeEnvelope = Extract<Envelope, { kind: 'change' }>;

describe('applying changes from the peer', () => {
  let nodes: ConnectedTestNodes;

  beforeEach(async () => {
    nodes = await startConnectedTestNodes({ adoIsPublic: false, connectionName: 'jira_to_ado' });
  });
  afterEach(() => nodes.close());

  const connectionOn = async (node: TestNode): Promise<Connection> => (await node.context.store.getConnection(nodes.connectionId))!;
  const queueOf = (node: TestNode, direction: QueueEntry['direction']) =>
    node.context.store.listQueue({ connectionId: nodes.connectionId, direction, states: ['queued', 'in_flight', 'done', 'failed'], limit: 500 });
  /** What the peer's poll would take: every queued outbound envelope of `from`, marked sent there and stored in `to`'s inbox. */
  async function carry(from: TestNode, to: TestNode): Promise<Envelope[]> {
    const queued = (await queueOf(from, 'outbound')).filter((entry) => entry.state === 'queued');
    for (const entry of queued) await from.context.store.updateQueueEntry(nodes.connectionId, 'outbound', entry.position, { state: 'done' });
    const envelopes = queued.map((entry) => entry.envelope);
    await receiveEnvelopes(to.context, await connectionOn(to), envelopes);
    return envelopes;
  }
  /** Applies until nothing is due (a claim takes the head of each item only); returns how many entries were handled. */
  async function apply(node: TestNode): Promise<number> {
    let handled = 0;
    for (let round = 0; round < 20; round++) {
      const now = await applyInbound(node.context, await connectionOn(node));
      if (now === 0) return handled;
      handled += now;
    }
    throw new Error('applying never ran out of due entries');
  }
  const twinOnAdo = async () => (await nodes.adoNode.context.store.listTwins(nodes.connectionId))[0]!;

  function newIssue(key: string, fields: Partial<TrackerItem> = {}): TrackerItem {
    const item = trackerItem({
      key,
      type: 'Bug',
      summary: 'Printer on fire',
      description: richTextFromPlain('Smoke from tray 2'),
      priority: 'High',
      updated: '2026-11-23T12:00:00.000Z',
      url: `https://jira.example/browse/${key}`,
      ...fields,
    });
    nodes.jira.items.set(key, item);
    return item;
  }

  /** SUP-1 synced to ADO, then renamed on Jira and that change applied too: ADO's twin has applied sequences 0 and 1. */
  async function syncedTwiceToAdo(): Promise<{ created: ChangeEnvelope; renamed: ChangeEnvelope; adoKey: string }> {
    const issue = newIssue('SUP-1');
    expect(await queueLocalChange(nodes.jiraNode.context, await connectionOn(nodes.jiraNode), issue, { force: true })).toEqual({ ok: true, value: 'queued' });
    const [created] = (await carry(nodes.jiraNode, nodes.adoNode)) as ChangeEnvelope[];
    expect(await apply(nodes.adoNode)).toBe(1);
    nodes.jira.edit('SUP-1', { summary: 'Printer on fire (tray 2)' });
    expect(await noteLocalChange(nodes.jiraNode.context, 'SUP-1')).toBe(1);
    const [renamed] = (await carry(nodes.jiraNode, nodes.adoNode)) as ChangeEnvelope[];
    expect(await apply(nodes.adoNode)).toBe(1);
    const adoKey = (await twinOnAdo()).localKey;
    expect(nodes.ado.items.get(adoKey)!.summary).toBe('Printer on fire (tray 2)');
    expect([created!.sequence, renamed!.sequence]).toEqual([0, 1]);
    return { created: created!, renamed: renamed!, adoKey };
  }

  it('records what it applied: entry done, twin at the applied sequence, a receipt queued for the sender', async () => {
    const { renamed, adoKey } = await syncedTwiceToAdo();
    const inbox = await queueOf(nodes.adoNode, 'inbound');
    expect(inbox.map((entry) => [entry.envelope.id, entry.state, entry.lastError])).toEqual([
      [expect.any(String), 'done', null],
      [renamed.id, 'done', null],
    ]);
    expect(await twinOnAdo()).toMatchObject({
      localKey: adoKey,
      remoteKey: 'SUP-1',
      status: 'synchronized',
      lastAppliedInboundSequence: 1,
      previousReplica: renamed.replica,
    });
    const receipts = (await queueOf(nodes.adoNode, 'outbound')).map((entry) => entry.envelope).filter((envelope) => envelope.kind === 'applied');
    expect(receipts).toEqual([
      expect.objectContaining({ sourceKey: 'SUP-1', targetKey: adoKey }),
      expect.objectContaining({ id: `applied_${renamed.id}`, changeId: renamed.id, sourceKey: 'SUP-1', targetKey: adoKey }),
    ]);
    expect(nodes.ado.writes).toEqual([`create ${adoKey}`, `update ${adoKey} summary`]);
  });

  it.each([
    [
      'the latest change again under a new envelope id (equal sequence)',
      (sent: { created: ChangeEnvelope; renamed: ChangeEnvelope }) => ({ ...sent.renamed, id: 'chg_resent_latest' }),
    ],
    [
      'an older change again under a new envelope id',
      (sent: { created: ChangeEnvelope; renamed: ChangeEnvelope }) => ({ ...sent.created, id: 'chg_resent_older' }),
    ],
  ])('acknowledges %s and writes nothing, so a newer edit made here survives', async (_name, resend) => {
    const sent = await syncedTwiceToAdo();
    nodes.ado.edit(sent.adoKey, { summary: 'Edited on Azure DevOps afterwards' });
    const writesBefore = [...nodes.ado.writes];
    const replayed = resend(sent);
    await receiveEnvelopes(nodes.adoNode.context, await connectionOn(nodes.adoNode), [replayed]);
    expect(await apply(nodes.adoNode)).toBe(1);

    expect(nodes.ado.items.get(sent.adoKey)!.summary).toBe('Edited on Azure DevOps afterwards');
    expect(nodes.ado.writes).toEqual(writesBefore);
    expect((await queueOf(nodes.adoNode, 'inbound')).find((entry) => entry.envelope.id === replayed.id)).toMatchObject({ state: 'done', lastError: null });
    expect((await twinOnAdo()).lastAppliedInboundSequence).toBe(1);
    // The sender may have lost its receipt: it is sent again.
    expect((await queueOf(nodes.adoNode, 'outbound')).map((entry) => entry.envelope.id)).toContain(`applied_${replayed.id}`);
  });

  it('stores an envelope delivered again under its own id once, and applies it once', async () => {
    const { renamed } = await syncedTwiceToAdo();
    const inboxBefore = await queueOf(nodes.adoNode, 'inbound');
    const writesBefore = [...nodes.ado.writes];
    for (let attempt = 0; attempt < 3; attempt++) await receiveEnvelopes(nodes.adoNode.context, await connectionOn(nodes.adoNode), [renamed]);
    expect(await queueOf(nodes.adoNode, 'inbound')).toEqual(inboxBefore);
    expect(await apply(nodes.adoNode)).toBe(0);
    expect(nodes.ado.writes).toEqual(writesBefore);
  });

  it('applies the next sequence after the latest, once', async () => {
    const { renamed, adoKey } = await syncedTwiceToAdo();
    const next: ChangeEnvelope = { ...renamed, id: 'chg_next', sequence: 2, replica: { ...(renamed.replica as object), summary: 'third' } };
    await receiveEnvelopes(nodes.adoNode.context, await connectionOn(nodes.adoNode), [next]);
    expect(await apply(nodes.adoNode)).toBe(1);
    expect(nodes.ado.items.get(adoKey)!.summary).toBe('third');
    expect((await twinOnAdo()).lastAppliedInboundSequence).toBe(2);
    expect(await apply(nodes.adoNode)).toBe(0);
    expect(nodes.ado.writes.filter((write) => write.startsWith(`update ${adoKey}`))).toHaveLength(2);
  });

  describe('the echo guard', () => {
    it('does not send back what it just wrote: the tracker event for the write queues nothing', async () => {
      const { adoKey } = await syncedTwiceToAdo();
      // The tracker reports the write sync made, as its webhook would.
      expect(await noteLocalChange(nodes.adoNode.context, adoKey)).toBe(0);
      expect((await queueOf(nodes.adoNode, 'outbound')).filter((entry) => entry.envelope.kind === 'change')).toEqual([]);
      // A person's edit afterwards is a change and is queued (the guard is not simply "send nothing").
      nodes.ado.edit(adoKey, { summary: 'A person renamed it' });
      expect(await noteLocalChange(nodes.adoNode.context, adoKey)).toBe(1);
      const changes = (await queueOf(nodes.adoNode, 'outbound')).filter((entry) => entry.envelope.kind === 'change');
      expect(changes.map((entry) => [entry.state, (entry.envelope as ChangeEnvelope).sequence])).toEqual([['queued', 0]]);
    });

    it('applies a change with the incoming script alone, and judges a later event against the item as written', async () => {
      const { created, adoKey } = await syncedTwiceToAdo();
      const scripts = nodes.adoNode.context.scripts;
      const runs: string[] = [];
      const run = scripts.run.bind(scripts);
      jest.spyOn(scripts, 'run').mockImplementation((program) => {
        runs.push(program.scriptName);
        return run(program);
      });
      const renamedAgain: ChangeEnvelope = { ...created, id: 'chg_third', sequence: 2, replica: { ...(created.replica as object), summary: 'third' } };
      await receiveEnvelopes(nodes.adoNode.context, await connectionOn(nodes.adoNode), [renamedAgain]);
      expect(await apply(nodes.adoNode)).toBe(1);
      expect(runs).toEqual(['incoming script']);
      // An event past the write that changes nothing the other side gets (a field sync leaves
      // alone): judged against the item as written, once, and nothing is sent.
      nodes.ado.edit(adoKey, {});
      expect(await noteLocalChange(nodes.adoNode.context, adoKey)).toBe(0);
      nodes.ado.edit(adoKey, {});
      expect(await noteLocalChange(nodes.adoNode.context, adoKey)).toBe(0);
      expect(runs).toEqual(['incoming script', 'outgoing script', 'outgoing script', 'outgoing script']);
      expect((await queueOf(nodes.adoNode, 'outbound')).filter((entry) => entry.envelope.kind === 'change')).toEqual([]);
      // What the other side wrote is not sent back even when a later edit sends the item.
      nodes.ado.edit(adoKey, { priority: 'High' });
      expect(await noteLocalChange(nodes.adoNode.context, adoKey)).toBe(1);
      const [sent] = (await queueOf(nodes.adoNode, 'outbound')).filter((entry) => entry.envelope.kind === 'change');
      expect((sent!.envelope as ChangeEnvelope).replica).toMatchObject({ summary: 'third' });
    });

    it('ends a round trip with one write on each side, and the write on the way back is not sent again', async () => {
      const { adoKey } = await syncedTwiceToAdo();
      nodes.ado.edit(adoKey, { summary: 'Renamed on Azure DevOps' });
      expect(await noteLocalChange(nodes.adoNode.context, adoKey)).toBe(1);
      await carry(nodes.adoNode, nodes.jiraNode);
      expect(await apply(nodes.jiraNode)).toBe(3);
      expect(nodes.jira.items.get('SUP-1')!.summary).toBe('Renamed on Azure DevOps');
      expect(nodes.jira.writes).toEqual(['update SUP-1 summary']);
      // Jira's event for that write: nothing goes back to Azure DevOps.
      expect(await noteLocalChange(nodes.jiraNode.context, 'SUP-1')).toBe(0);
      expect((await queueOf(nodes.jiraNode, 'outbound')).filter((entry) => entry.state === 'queued' && entry.envelope.kind === 'change')).toEqual([]);
      await carry(nodes.jiraNode, nodes.adoNode);
      const adoWrites = [...nodes.ado.writes];
      await apply(nodes.adoNode);
      expect(nodes.ado.writes).toEqual(adoWrites);
      expect(nodes.ado.items.get(adoKey)!.summary).toBe('Renamed on Azure DevOps');
    });
  });

  it("keeps a change the tracker refused in the queue, due after the tracker's Retry-After, with the reason", async () => {
    const { adoKey, renamed } = await syncedTwiceToAdo();
    nodes.ado.failNextWrites(
      1,
      new ExalateError('tracker_unavailable' as never, 'Azure DevOps asked to slow down', { isRetryable: true, details: { retryAfterSeconds: 120 } }),
    );
    const next: ChangeEnvelope = { ...renamed, id: 'chg_throttled', sequence: 2, replica: { ...(renamed.replica as object), summary: 'after the throttle' } };
    await receiveEnvelopes(nodes.adoNode.context, await connectionOn(nodes.adoNode), [next]);
    const before = nodes.adoNode.context.clock.now();
    expect(await apply(nodes.adoNode)).toBe(0);
    const waiting = (await queueOf(nodes.adoNode, 'inbound')).find((entry) => entry.envelope.id === 'chg_throttled')!;
    expect(waiting).toMatchObject({ state: 'queued', attempts: 1, lastError: expect.stringContaining('slow down') });
    expect(waiting.nextAttemptAt - before).toBeGreaterThanOrEqual(120_000);
    expect(await twinOnAdo()).toMatchObject({ status: 'error', lastAppliedInboundSequence: 1 });
    expect(nodes.ado.items.get(adoKey)!.summary).toBe('Printer on fire (tray 2)');
  });
  it('tries a change whose incoming script ran out of time again after a backoff, and parks it for the admin only after the third time', async () => {
    const { renamed } = await syncedTwiceToAdo();
    const outgoing = (await nodes.adoNode.admin('GET', `/connections/${nodes.connectionId}/rules`)).body.outgoing as string;
    expect((await nodes.adoNode.admin('PUT', `/connections/${nodes.connectionId}/rules`, { outgoing, incoming: 'while (true) {}' })).status).toBe(200);
    const next: ChangeEnvelope = { ...renamed, id: 'chg_slow', sequence: 2, replica: { ...(renamed.replica as object), summary: 'after a slow script' } };
    await receiveEnvelopes(nodes.adoNode.context, await connectionOn(nodes.adoNode), [next]);
    const entry = async () => (await queueOf(nodes.adoNode, 'inbound')).find((queued) => queued.envelope.id === 'chg_slow')!;
    const dueNow = async () =>
      nodes.adoNode.context.store.updateQueueEntry(nodes.connectionId, 'inbound', (await entry()).position, {
        nextAttemptAt: nodes.adoNode.context.clock.now(),
      });
    const fifteenMinutes = 15 * 60_000;
    for (const attempt of [1, 2]) {
      const before = nodes.adoNode.context.clock.now();
      await apply(nodes.adoNode);
      const waiting = await entry();
      expect([attempt, waiting.state, waiting.attempts]).toEqual([attempt, 'queued', attempt]);
      // A backoff, not the admin's retry: due again within the engine's longest backoff.
      expect([attempt, waiting.nextAttemptAt - before <= fifteenMinutes]).toEqual([attempt, true]);
      await dueNow();
    }
    const before = nodes.adoNode.context.clock.now();
    await apply(nodes.adoNode);
    const parked = await entry();
    expect(parked).toMatchObject({ state: 'queued', attempts: 3, lastError: expect.stringContaining('stopped after') });
    expect(parked.nextAttemptAt - before).toBeGreaterThan(300 * 24 * 3600_000);
    expect((await nodes.adoNode.admin('GET', '/errors')).body).toEqual(
      expect.arrayContaining([expect.objectContaining({ connectionId: nodes.connectionId, message: expect.stringContaining('stopped after') })]),
    );
  });
  it('marks the twin synchronized when the receipt comes back while the change it acknowledges is still in flight here, as after a sender died once the peer had stored it', async () => {
    const issue = newIssue('SUP-1');
    expect(await queueLocalChange(nodes.jiraNode.context, await connectionOn(nodes.jiraNode), issue, { force: true })).toEqual({ ok: true, value: 'queued' });
    // Claimed for delivery, delivered, and then the sender died: its entry stays in flight.
    const [claimed] = await nodes.jiraNode.context.store.claimDueEntries({
      connectionId: nodes.connectionId,
      direction: 'outbound',
      now: nodes.jiraNode.context.clock.now(),
      leaseMs: 60_000,
      limit: 10,
    });
    await receiveEnvelopes(nodes.adoNode.context, await connectionOn(nodes.adoNode), [claimed!.envelope]);
    expect(await apply(nodes.adoNode)).toBe(1);
    const [receipt] = await carry(nodes.adoNode, nodes.jiraNode);
    expect(receipt).toMatchObject({ kind: 'applied', changeId: claimed!.envelope.id });
    await apply(nodes.jiraNode);
    expect((await nodes.jiraNode.context.store.listTwins(nodes.connectionId))[0]).toMatchObject({ localKey: 'SUP-1', status: 'synchronized' });
    expect((await queueOf(nodes.jiraNode, 'outbound')).find((entry) => entry.envelope.id === claimed!.envelope.id)).toMatchObject({ state: 'done' });
  });
  it('refuses a peer connecting its item to one of ours outside this connection (another project, no trigger), and links nothing', async () => {
    const outside: TrackerItem = { ...newIssue('SUP-9'), key: 'OPS-1', projectKey: 'OPS' };
    nodes.ado.items.set('OPS-1', outside);
    const inScope: TrackerItem = { ...newIssue('SUP-8'), key: 'SUP-77', projectKey: 'SUP' };
    nodes.ado.items.set('SUP-77', inScope);
    const linked = (id: string, sourceKey: string, targetKey: string): Envelope => ({
      kind: 'linked',
      id,
      sourceKey,
      targetKey,
      createdAt: nodes.adoNode.context.clock.now(),
    });
    await receiveEnvelopes(nodes.adoNode.context, await connectionOn(nodes.adoNode), [
      linked('lnk_outside', 'SUP-9', 'OPS-1'),
      linked('lnk_inside', 'SUP-8', 'SUP-77'),
    ]);
    await apply(nodes.adoNode);
    const twins = await nodes.adoNode.context.store.listTwins(nodes.connectionId);
    expect(twins.map((twin) => [twin.localKey, twin.remoteKey])).toEqual([['SUP-77', 'SUP-8']]);
    expect((await queueOf(nodes.adoNode, 'inbound')).find((entry) => entry.envelope.id === 'lnk_outside')).toMatchObject({
      state: 'queued',
      lastError: expect.stringContaining('outside this connection'),
    });
  });
});
