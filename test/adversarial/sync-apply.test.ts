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
import { MemoryTracker } from '../fakes/memory-tracker';
import { startTestNode, type TestNode } from '../support/test-node';
import { trackerItem } from '../fakes/tracker-item';

/**
 * The sync engine's guarantees, asserted on the state they leave rather than on quiet after a
 * sleep: the engine is not running, the test carries envelopes between the two nodes and applies
 * them itself, then reads queue entries, twins and each tracker's list of writes.
 */
type ChangeEnvelope = Extract<Envelope, { kind: 'change' }>;

describe('applying changes from the peer', () => {
  let jira: MemoryTracker;
  let ado: MemoryTracker;
  let jiraNode: TestNode;
  let adoNode: TestNode;
  let connectionId: string;

  beforeEach(async () => {
    jira = new MemoryTracker('jira-cloud');
    ado = new MemoryTracker('azure-devops');
    jiraNode = await startTestNode({ name: 'jira', isPublic: true, tracker: jira });
    adoNode = await startTestNode({ name: 'ado', isPublic: false, tracker: ado });
    const initiated = await jiraNode.admin('POST', '/connections/initiate', {
      destinationUrl: null,
      mode: 'script',
      localName: 'jira',
      remoteName: 'ado',
      name: 'jira_to_ado',
      projectKey: 'SUP',
    });
    connectionId = initiated.body.connection.id;
    expect((await adoNode.admin('POST', '/connections/accept', { invitationCode: initiated.body.invitationCode, projectKey: 'SUP' })).status).toBe(201);
  });
  afterEach(async () => {
    await Promise.all([jiraNode.close(), adoNode.close()]);
  });

  const connectionOn = async (node: TestNode): Promise<Connection> => (await node.context.store.getConnection(connectionId))!;
  const queueOf = (node: TestNode, direction: QueueEntry['direction']) =>
    node.context.store.listQueue({ connectionId, direction, states: ['queued', 'in_flight', 'done', 'failed'], limit: 500 });
  /** What the peer's poll would take: every queued outbound envelope of `from`, marked sent there and stored in `to`'s inbox. */
  async function carry(from: TestNode, to: TestNode): Promise<Envelope[]> {
    const queued = (await queueOf(from, 'outbound')).filter((entry) => entry.state === 'queued');
    for (const entry of queued) await from.context.store.updateQueueEntry(connectionId, 'outbound', entry.position, { state: 'done' });
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
  const twinOnAdo = async () => (await adoNode.context.store.listTwins(connectionId))[0]!;

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
    jira.items.set(key, item);
    return item;
  }

  /** SUP-1 synced to ADO, then renamed on Jira and that change applied too: ADO's twin has applied sequences 0 and 1. */
  async function syncedTwiceToAdo(): Promise<{ created: ChangeEnvelope; renamed: ChangeEnvelope; adoKey: string }> {
    const issue = newIssue('SUP-1');
    expect(await queueLocalChange(jiraNode.context, await connectionOn(jiraNode), issue, { force: true })).toEqual({ ok: true, value: 'queued' });
    const [created] = (await carry(jiraNode, adoNode)) as ChangeEnvelope[];
    expect(await apply(adoNode)).toBe(1);
    jira.edit('SUP-1', { summary: 'Printer on fire (tray 2)' });
    expect(await noteLocalChange(jiraNode.context, 'SUP-1')).toBe(1);
    const [renamed] = (await carry(jiraNode, adoNode)) as ChangeEnvelope[];
    expect(await apply(adoNode)).toBe(1);
    const adoKey = (await twinOnAdo()).localKey;
    expect(ado.items.get(adoKey)!.summary).toBe('Printer on fire (tray 2)');
    expect([created!.sequence, renamed!.sequence]).toEqual([0, 1]);
    return { created: created!, renamed: renamed!, adoKey };
  }

  it('records what it applied: entry done, twin at the applied sequence, a receipt queued for the sender', async () => {
    const { renamed, adoKey } = await syncedTwiceToAdo();
    const inbox = await queueOf(adoNode, 'inbound');
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
    const receipts = (await queueOf(adoNode, 'outbound')).map((entry) => entry.envelope).filter((envelope) => envelope.kind === 'applied');
    expect(receipts).toEqual([
      expect.objectContaining({ sourceKey: 'SUP-1', targetKey: adoKey }),
      expect.objectContaining({ id: `applied_${renamed.id}`, changeId: renamed.id, sourceKey: 'SUP-1', targetKey: adoKey }),
    ]);
    expect(ado.writes).toEqual([`create ${adoKey}`, `update ${adoKey} summary`]);
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
    ado.edit(sent.adoKey, { summary: 'Edited on Azure DevOps afterwards' });
    const writesBefore = [...ado.writes];
    const replayed = resend(sent);
    await receiveEnvelopes(adoNode.context, await connectionOn(adoNode), [replayed]);
    expect(await apply(adoNode)).toBe(1);

    expect(ado.items.get(sent.adoKey)!.summary).toBe('Edited on Azure DevOps afterwards');
    expect(ado.writes).toEqual(writesBefore);
    expect((await queueOf(adoNode, 'inbound')).find((entry) => entry.envelope.id === replayed.id)).toMatchObject({ state: 'done', lastError: null });
    expect((await twinOnAdo()).lastAppliedInboundSequence).toBe(1);
    // The sender may have lost its receipt: it is sent again.
    expect((await queueOf(adoNode, 'outbound')).map((entry) => entry.envelope.id)).toContain(`applied_${replayed.id}`);
  });

  it('stores an envelope delivered again under its own id once, and applies it once', async () => {
    const { renamed } = await syncedTwiceToAdo();
    const inboxBefore = await queueOf(adoNode, 'inbound');
    const writesBefore = [...ado.writes];
    for (let attempt = 0; attempt < 3; attempt++) await receiveEnvelopes(adoNode.context, await connectionOn(adoNode), [renamed]);
    expect(await queueOf(adoNode, 'inbound')).toEqual(inboxBefore);
    expect(await apply(adoNode)).toBe(0);
    expect(ado.writes).toEqual(writesBefore);
  });

  it('applies the next sequence after the latest, once', async () => {
    const { renamed, adoKey } = await syncedTwiceToAdo();
    const next: ChangeEnvelope = { ...renamed, id: 'chg_next', sequence: 2, replica: { ...(renamed.replica as object), summary: 'third' } };
    await receiveEnvelopes(adoNode.context, await connectionOn(adoNode), [next]);
    expect(await apply(adoNode)).toBe(1);
    expect(ado.items.get(adoKey)!.summary).toBe('third');
    expect((await twinOnAdo()).lastAppliedInboundSequence).toBe(2);
    expect(await apply(adoNode)).toBe(0);
    expect(ado.writes.filter((write) => write.startsWith(`update ${adoKey}`))).toHaveLength(2);
  });

  describe('the echo guard', () => {
    it('does not send back what it just wrote: the tracker event for the write queues nothing', async () => {
      const { adoKey } = await syncedTwiceToAdo();
      // The tracker reports the write sync made, as its webhook would.
      expect(await noteLocalChange(adoNode.context, adoKey)).toBe(0);
      expect((await queueOf(adoNode, 'outbound')).filter((entry) => entry.envelope.kind === 'change')).toEqual([]);
      expect((await twinOnAdo()).lastSentHash).not.toBeNull();
      // A person's edit afterwards is a change and is queued (the guard is not simply "send nothing").
      ado.edit(adoKey, { summary: 'A person renamed it' });
      expect(await noteLocalChange(adoNode.context, adoKey)).toBe(1);
      const changes = (await queueOf(adoNode, 'outbound')).filter((entry) => entry.envelope.kind === 'change');
      expect(changes.map((entry) => [entry.state, (entry.envelope as ChangeEnvelope).sequence])).toEqual([['queued', 0]]);
    });

    it('ends a round trip with one write on each side, and the write on the way back is not sent again', async () => {
      const { adoKey } = await syncedTwiceToAdo();
      ado.edit(adoKey, { summary: 'Renamed on Azure DevOps' });
      expect(await noteLocalChange(adoNode.context, adoKey)).toBe(1);
      await carry(adoNode, jiraNode);
      expect(await apply(jiraNode)).toBe(3);
      expect(jira.items.get('SUP-1')!.summary).toBe('Renamed on Azure DevOps');
      expect(jira.writes).toEqual(['update SUP-1 summary']);
      // Jira's event for that write: nothing goes back to Azure DevOps.
      expect(await noteLocalChange(jiraNode.context, 'SUP-1')).toBe(0);
      expect((await queueOf(jiraNode, 'outbound')).filter((entry) => entry.state === 'queued' && entry.envelope.kind === 'change')).toEqual([]);
      await carry(jiraNode, adoNode);
      const adoWrites = [...ado.writes];
      await apply(adoNode);
      expect(ado.writes).toEqual(adoWrites);
      expect(ado.items.get(adoKey)!.summary).toBe('Renamed on Azure DevOps');
    });
  });

  it("keeps a change the tracker refused in the queue, due after the tracker's Retry-After, with the reason", async () => {
    const { adoKey, renamed } = await syncedTwiceToAdo();
    ado.failNextWrites(
      1,
      new ExalateError('tracker_unavailable' as never, 'Azure DevOps asked to slow down', { isRetryable: true, details: { retryAfterSeconds: 120 } }),
    );
    const next: ChangeEnvelope = { ...renamed, id: 'chg_throttled', sequence: 2, replica: { ...(renamed.replica as object), summary: 'after the throttle' } };
    await receiveEnvelopes(adoNode.context, await connectionOn(adoNode), [next]);
    const before = adoNode.context.clock.now();
    expect(await apply(adoNode)).toBe(0);
    const waiting = (await queueOf(adoNode, 'inbound')).find((entry) => entry.envelope.id === 'chg_throttled')!;
    expect(waiting).toMatchObject({ state: 'queued', attempts: 1, lastError: expect.stringContaining('slow down') });
    expect(waiting.nextAttemptAt - before).toBeGreaterThanOrEqual(120_000);
    expect(await twinOnAdo()).toMatchObject({ status: 'error', lastAppliedInboundSequence: 1 });
    expect(ado.items.get(adoKey)!.summary).toBe('Printer on fire (tray 2)');
  });
  it('tries a change whose incoming script ran out of time again after a backoff, and parks it for the admin only after the third time', async () => {
    const { renamed } = await syncedTwiceToAdo();
    const outgoing = (await adoNode.admin('GET', `/connections/${connectionId}/rules`)).body.outgoing as string;
    expect((await adoNode.admin('PUT', `/connections/${connectionId}/rules`, { outgoing, incoming: 'while (true) {}' })).status).toBe(200);
    const next: ChangeEnvelope = { ...renamed, id: 'chg_slow', sequence: 2, replica: { ...(renamed.replica as object), summary: 'after a slow script' } };
    await receiveEnvelopes(adoNode.context, await connectionOn(adoNode), [next]);
    const entry = async () => (await queueOf(adoNode, 'inbound')).find((queued) => queued.envelope.id === 'chg_slow')!;
    const dueNow = async () =>
      adoNode.context.store.updateQueueEntry(connectionId, 'inbound', (await entry()).position, { nextAttemptAt: adoNode.context.clock.now() });
    const fifteenMinutes = 15 * 60_000;
    for (const attempt of [1, 2]) {
      const before = adoNode.context.clock.now();
      await apply(adoNode);
      const waiting = await entry();
      expect([attempt, waiting.state, waiting.attempts]).toEqual([attempt, 'queued', attempt]);
      // A backoff, not the admin's retry: due again within the engine's longest backoff.
      expect([attempt, waiting.nextAttemptAt - before <= fifteenMinutes]).toEqual([attempt, true]);
      await dueNow();
    }
    const before = adoNode.context.clock.now();
    await apply(adoNode);
    const parked = await entry();
    expect(parked).toMatchObject({ state: 'queued', attempts: 3, lastError: expect.stringContaining('stopped after') });
    expect(parked.nextAttemptAt - before).toBeGreaterThan(300 * 24 * 3600_000);
    expect((await adoNode.admin('GET', '/errors')).body).toEqual(
      expect.arrayContaining([expect.objectContaining({ connectionId, message: expect.stringContaining('stopped after') })]),
    );
  });
  it('marks the twin synchronized when the receipt comes back while the change it acknowledges is still in flight here, as after a sender died once the peer had stored it', async () => {
    const issue = newIssue('SUP-1');
    expect(await queueLocalChange(jiraNode.context, await connectionOn(jiraNode), issue, { force: true })).toEqual({ ok: true, value: 'queued' });
    // Claimed for delivery, delivered, and then the sender died: its entry stays in flight.
    const [claimed] = await jiraNode.context.store.claimDueEntries({
      connectionId,
      direction: 'outbound',
      now: jiraNode.context.clock.now(),
      leaseMs: 60_000,
      limit: 10,
    });
    await receiveEnvelopes(adoNode.context, await connectionOn(adoNode), [claimed!.envelope]);
    expect(await apply(adoNode)).toBe(1);
    const [receipt] = await carry(adoNode, jiraNode);
    expect(receipt).toMatchObject({ kind: 'applied', changeId: claimed!.envelope.id });
    await apply(jiraNode);
    expect((await jiraNode.context.store.listTwins(connectionId))[0]).toMatchObject({ localKey: 'SUP-1', status: 'synchronized' });
    expect((await queueOf(jiraNode, 'outbound')).find((entry) => entry.envelope.id === claimed!.envelope.id)).toMatchObject({ state: 'done' });
  });
  it('refuses a peer connecting its item to one of ours outside this connection (another project, no trigger), and links nothing', async () => {
    const outside: TrackerItem = { ...newIssue('SUP-9'), key: 'OPS-1', projectKey: 'OPS' };
    ado.items.set('OPS-1', outside);
    const inScope: TrackerItem = { ...newIssue('SUP-8'), key: 'SUP-77', projectKey: 'SUP' };
    ado.items.set('SUP-77', inScope);
    const linked = (id: string, sourceKey: string, targetKey: string): Envelope => ({
      kind: 'linked',
      id,
      sourceKey,
      targetKey,
      createdAt: adoNode.context.clock.now(),
    });
    await receiveEnvelopes(adoNode.context, await connectionOn(adoNode), [linked('lnk_outside', 'SUP-9', 'OPS-1'), linked('lnk_inside', 'SUP-8', 'SUP-77')]);
    await apply(adoNode);
    const twins = await adoNode.context.store.listTwins(connectionId);
    expect(twins.map((twin) => [twin.localKey, twin.remoteKey])).toEqual([['SUP-77', 'SUP-8']]);
    expect((await queueOf(adoNode, 'inbound')).find((entry) => entry.envelope.id === 'lnk_outside')).toMatchObject({
      state: 'queued',
      lastError: expect.stringContaining('outside this connection'),
    });
  });
});
