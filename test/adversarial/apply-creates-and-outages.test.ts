import {
  ExalateError,
  noteLocalChange,
  queueLocalChange,
  receiveEnvelopes,
  richTextFromPlain,
  type BatchCreateOutcome,
  type Connection,
  type Envelope,
  type NewItem,
  type NodeContext,
  type QueueEntry,
  type StoreV1,
  type TrackerBatchV1,
  type TrackerItemOperations,
} from '../../core';
import { applyInbound } from '../../core/sync/apply-inbound';
import { storageFullError } from '../../core/sync/storage-full';
import { startConnectedTestNodes, type ConnectedTestNodes } from '../support/connected-test-nodes';
import type { TestNode } from '../support/test-node';
import { trackerItem } from '../fakes/tracker-item';

/**
 * Applying on the receiving side, read from state: a creation through the tracker's batch call (and
 * what its answer spares), what a creation that cannot happen leaves behind, a script error that
 * waits for the admin, and a database that refuses writes part-way through a claim. The engines are
 * not running; the test carries the envelopes and applies them itself.
 */
describe('applying creations, script errors and a full database', () => {
  let nodes: ConnectedTestNodes;
  beforeEach(async () => {
    nodes = await startConnectedTestNodes({ adoIsPublic: false, connectionName: 'creations' });
  });
  afterEach(() => nodes.close());

  const connectionOn = async (node: TestNode): Promise<Connection> => (await node.context.store.getConnection(nodes.connectionId))!;
  const queueOf = (node: TestNode, direction: QueueEntry['direction']) =>
    node.context.store.listQueue({ connectionId: nodes.connectionId, direction, states: ['queued', 'in_flight', 'done', 'failed'], limit: 500 });
  /** Every queued outbound envelope of `from`, marked sent there and received by `to`. */
  async function carry(from: TestNode, to: TestNode): Promise<Envelope[]> {
    const queued = (await queueOf(from, 'outbound')).filter((entry) => entry.state === 'queued');
    for (const entry of queued) await from.context.store.updateQueueEntry(nodes.connectionId, 'outbound', entry.position, { state: 'done' });
    await receiveEnvelopes(
      to.context,
      await connectionOn(to),
      queued.map((entry) => entry.envelope),
    );
    return queued.map((entry) => entry.envelope);
  }
  const apply = async (node: TestNode, context: NodeContext = node.context) => applyInbound(context, await connectionOn(node));
  /** A new Jira issue, queued for Azure DevOps and received there. */
  async function jiraIssueReceivedOnAdo(key: string, fields: Parameters<typeof trackerItem>[0] | object = {}): Promise<void> {
    nodes.jira.items.set(key, trackerItem({ key, summary: `Issue ${key}`, updated: '2026-11-23T12:00:00.000Z', ...fields }));
    expect(await queueLocalChange(nodes.jiraNode.context, await connectionOn(nodes.jiraNode), nodes.jira.items.get(key)!, { force: true })).toEqual({
      ok: true,
      value: 'queued',
    });
    await carry(nodes.jiraNode, nodes.adoNode);
  }
  const adoInbox = () => queueOf(nodes.adoNode, 'inbound');
  const adoTwins = () => nodes.adoNode.context.store.listTwins(nodes.connectionId);
  async function setAdoIncomingScript(incoming: string): Promise<void> {
    const outgoing = (await nodes.adoNode.admin('GET', `/connections/${nodes.connectionId}/rules`)).body.outgoing as string;
    expect((await nodes.adoNode.admin('PUT', `/connections/${nodes.connectionId}/rules`, { outgoing, incoming })).status).toBe(200);
  }

  describe('creating through the tracker’s batch call', () => {
    let reads: string[];
    let answer: (item: NewItem) => Promise<BatchCreateOutcome[]>;
    beforeEach(() => {
      reads = [];
      const getItem = nodes.ado.getItem.bind(nodes.ado);
      nodes.ado.getItem = async (key: string) => {
        reads.push(key);
        return getItem(key);
      };
      // By default the batch call creates the item and answers with it as written, as Azure DevOps' does.
      answer = async (item) => {
        const { key } = await nodes.ado.createItem(item);
        return [{ ok: true, key, written: (await getItem(key))! }];
      };
      const batch: TrackerBatchV1 = {
        version: 1,
        maximumCreateBatch: 1,
        createItems: async (items) => answer(items[0]!),
        searchItemsWithFields: async () => ({ items: [], nextCursor: null }),
        readUpdatedTimes: async (keys) => new Map(keys.flatMap((key) => (nodes.ado.items.has(key) ? [[key, nodes.ado.items.get(key)!.updated]] : []))),
      };
      Object.defineProperty(nodes.ado, 'batch', { value: batch });
    });

    it('takes the created item from the batch answer, reads nothing after, and records the write so its event is not sent back', async () => {
      await jiraIssueReceivedOnAdo('SUP-1');
      expect(await apply(nodes.adoNode)).toBe(1);
      const [twin] = await adoTwins();
      expect(reads).toEqual([]);
      expect(twin!.lastWrittenUpdated).toBe(nodes.ado.items.get(twin!.localKey)!.updated);
      expect(await noteLocalChange(nodes.adoNode.context, twin!.localKey)).toBe(0);
    });

    it.each([
      [
        'a comment',
        {
          comments: [
            {
              id: 'c-1',
              author: null,
              body: richTextFromPlain('Seen on tray 2 too'),
              created: '2026-11-23T12:00:00.000Z',
              updated: '2026-11-23T12:00:00.000Z',
            },
          ],
        },
      ],
      ['an attachment', { attachments: [{ id: 'f-1', filename: 'tray.jpg', mimeType: 'image/jpeg', size: 4, created: '2026-11-23T12:00:00.000Z' }] }],
    ])('reads the item once after a create followed by %s, so that later write is the one recorded', async (_what, fields) => {
      const jira: TrackerItemOperations = nodes.jira;
      jira.downloadAttachment = async () => new TextEncoder().encode('jpeg');
      await jiraIssueReceivedOnAdo('SUP-1', fields);
      expect(await apply(nodes.adoNode)).toBe(1);
      const [twin] = await adoTwins();
      expect(reads).toEqual([twin!.localKey]);
      expect(twin!.lastWrittenUpdated).toBe(nodes.ado.items.get(twin!.localKey)!.updated);
      expect(await noteLocalChange(nodes.adoNode.context, twin!.localKey)).toBe(0);
    });

    it('keeps a change whose creation the tracker refused queued with the tracker’s reason, and links nothing', async () => {
      answer = async () => [{ ok: false, error: new ExalateError('forbidden', 'The node may not create work items in SUP.') }];
      await jiraIssueReceivedOnAdo('SUP-1');
      expect(await apply(nodes.adoNode)).toBe(0);
      expect((await adoInbox()).map((entry) => [entry.state, entry.lastError])).toEqual([['queued', 'The node may not create work items in SUP.']]);
      expect(await adoTwins()).toEqual([]);
    });

    it('keeps a change queued, saying what to report, when the batch call answers with no outcome', async () => {
      answer = async () => [];
      await jiraIssueReceivedOnAdo('SUP-1');
      expect(await apply(nodes.adoNode)).toBe(0);
      expect((await adoInbox()).map((entry) => [entry.state, entry.lastError])).toEqual([
        ['queued', "The azure-devops adapter answered a batch create of one item with no outcome; report this with the node's log."],
      ]);
      expect(await adoTwins()).toEqual([]);
    });
  });

  it('keeps a first change queued with the reason when the incoming script creates nothing', async () => {
    await setAdoIncomingScript('// This side only updates items it already has.');
    await jiraIssueReceivedOnAdo('SUP-1');
    expect(await apply(nodes.adoNode)).toBe(0);
    expect((await adoInbox()).map((entry) => [entry.state, entry.lastError])).toEqual([
      ['queued', 'The incoming script did not say how to create the item (firstSync).'],
    ]);
    expect(nodes.ado.writes).toEqual([]);
  });

  it('parks a change whose incoming script threw at once, for the admin, rather than retrying it like a script that ran out of time', async () => {
    await setAdoIncomingScript("throw new Error('no status mapping for Waiting');");
    await jiraIssueReceivedOnAdo('SUP-1');
    const before = nodes.adoNode.context.clock.now();
    expect(await apply(nodes.adoNode)).toBe(0);
    const [entry] = await adoInbox();
    expect(entry).toMatchObject({ state: 'queued', attempts: 1, lastError: expect.stringContaining('no status mapping for Waiting') });
    expect(entry!.nextAttemptAt - before).toBeGreaterThan(300 * 24 * 3600_000);
    // Listed once for the admin, as one occurrence.
    expect(await nodes.adoNode.context.store.listErrors({ includeResolved: false })).toEqual([
      expect.objectContaining({ itemKey: 'SUP-1', code: 'script_failed', occurrences: 1, message: expect.stringContaining('no status mapping for Waiting') }),
    ]);
  });

  it('marks the twin synchronized on a receipt though a receipt this side owes for the same item still waits to leave', async () => {
    await jiraIssueReceivedOnAdo('SUP-1');
    expect(await apply(nodes.adoNode)).toBe(1);
    const now = nodes.jiraNode.context.clock.now();
    // A receipt of Jira's own for SUP-1, not yet collected by the peer: it is no change still on its way.
    await nodes.jiraNode.context.store.enqueue({
      connectionId: nodes.connectionId,
      direction: 'outbound',
      itemKey: 'SUP-1',
      envelope: { kind: 'applied', id: 'applied_chg_from_ado', sourceKey: 'ado-3', targetKey: 'SUP-1', changeId: 'chg_from_ado', createdAt: now },
      state: 'queued',
      attempts: 0,
      nextAttemptAt: now,
      lastError: null,
      createdAt: now,
      updatedAt: now,
    });
    await receiveEnvelopes(
      nodes.jiraNode.context,
      await connectionOn(nodes.jiraNode),
      (await queueOf(nodes.adoNode, 'outbound')).map((entry) => entry.envelope),
    );
    expect(await apply(nodes.jiraNode)).toBe(1);
    expect(await nodes.jiraNode.context.store.getTwinByLocalKey(nodes.connectionId, 'SUP-1')).toMatchObject({ status: 'synchronized' });
  });

  describe('when the database refuses writes', () => {
    /** The node's context, its store refusing the named writes as a full disk does. */
    function refusing(node: TestNode, writes: readonly (keyof StoreV1)[]): NodeContext {
      const store = new Proxy(node.context.store, {
        get(target, name, receiver) {
          if (writes.includes(name as keyof StoreV1))
            return async () => {
              throw storageFullError(new Error('SQLITE_FULL: database or disk is full'));
            };
          const value = Reflect.get(target, name, receiver);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
      return { ...node.context, store };
    }
    /** Two receipts and a change from Azure DevOps, in Jira's inbox: one claim holds all three. */
    async function receiptsAndAChangeOnJira(): Promise<void> {
      await jiraIssueReceivedOnAdo('SUP-1');
      await jiraIssueReceivedOnAdo('SUP-2');
      expect(await apply(nodes.adoNode)).toBe(2);
      nodes.ado.items.set('SUP-90', trackerItem({ key: 'SUP-90', summary: 'made on Azure DevOps', updated: '2026-11-23T12:00:00.000Z' }));
      await queueLocalChange(nodes.adoNode.context, await connectionOn(nodes.adoNode), nodes.ado.items.get('SUP-90')!, { force: true });
      expect((await carry(nodes.adoNode, nodes.jiraNode)).map((envelope) => envelope.kind)).toEqual(['applied', 'applied', 'change']);
    }

    it('stops at the first refused write: that entry waits with a backoff, the rest go back to the queue as they were, and nothing reaches the tracker', async () => {
      await receiptsAndAChangeOnJira();
      const before = nodes.jiraNode.context.clock.now();
      expect(await apply(nodes.jiraNode, refusing(nodes.jiraNode, ['transaction']))).toBe(0);
      const after = nodes.jiraNode.context.clock.now();
      const inbox = await queueOf(nodes.jiraNode, 'inbound');
      expect(inbox.map((entry) => [entry.envelope.kind, entry.state, entry.attempts])).toEqual([
        ['applied', 'queued', 1],
        ['applied', 'queued', 0],
        ['change', 'queued', 0],
      ]);
      expect(inbox[0]!.lastError).toContain('database refused a write because it is full');
      // Due after the first backoff (half to all of a second), like the entry that failed.
      for (const entry of inbox) {
        expect(entry.nextAttemptAt).toBeGreaterThanOrEqual(before + 500);
        expect(entry.nextAttemptAt).toBeLessThanOrEqual(after + 1000);
      }
      expect(nodes.jira.writes).toEqual([]);
    });

    it('logs each step it could not take, by name, for the admin who reads the node’s log', async () => {
      await receiptsAndAChangeOnJira();
      const logged: { message: string; fields: Record<string, unknown> }[] = [];
      const context = refusing(nodes.jiraNode, ['transaction', 'updateQueueEntry', 'recordError', 'putTwin']);
      const logger = {
        ...context.logger,
        error: (message: string, fields?: Record<string, unknown>) => logged.push({ message, fields: fields ?? {} }),
      };
      expect(await apply(nodes.jiraNode, { ...context, logger })).toBe(0);
      expect(logged.map((line) => line.message)).toEqual([
        'could not record a sync error',
        'could not postpone a queue entry',
        'could not hand a claim back',
        'could not hand a claim back',
      ]);
      for (const line of logged) expect(line.fields).toEqual({ message: expect.stringContaining('database refused a write') });
    });

    it('logs that it could not mark the twin of a change that failed in error', async () => {
      await jiraIssueReceivedOnAdo('SUP-1');
      expect(await apply(nodes.adoNode)).toBe(1);
      nodes.jira.edit('SUP-1', { summary: 'renamed' });
      expect(await noteLocalChange(nodes.jiraNode.context, 'SUP-1')).toBe(1);
      await carry(nodes.jiraNode, nodes.adoNode);
      const logged: string[] = [];
      const context = refusing(nodes.adoNode, ['transaction', 'putTwin']);
      expect(await apply(nodes.adoNode, { ...context, logger: { ...context.logger, error: (message: string) => logged.push(message) } })).toBe(0);
      expect(logged).toEqual(['could not mark a twin in error']);
    });
  });
});
