import { ExalateError, noteLocalChange, queueLocalChange, receiveEnvelopes, type Connection, type Envelope, type QueueEntry } from '../../core';
import { applyInbound } from '../../core/sync/apply-inbound';
import { recordSyncError } from '../../core/sync/record-sync-error';
import { startConnectedTestNodes, type ConnectedTestNodes } from '../support/connected-test-nodes';
import type { TestNode } from '../support/test-node';
import { trackerItem } from '../fakes/tracker-item';

/**
 * Receipts and failures on the applying side, read from state: which outbound entries a receipt
 * closes, when a twin counts as synchronized, and what a failed apply leaves behind (the entry due
 * again after its backoff, the error listed on the item, the twin in error, the log line for a
 * failure nobody foresaw). The engines are not running; the test carries the envelopes.
 */
describe('receipts and failures when applying', () => {
  let nodes: ConnectedTestNodes;
  beforeEach(async () => {
    nodes = await startConnectedTestNodes({ adoIsPublic: false, connectionName: 'receipts' });
  });
  afterEach(() => nodes.close());

  const connectionOn = async (node: TestNode): Promise<Connection> => (await node.context.store.getConnection(nodes.connectionId))!;
  const queueOf = (node: TestNode, direction: QueueEntry['direction']) =>
    node.context.store.listQueue({ connectionId: nodes.connectionId, direction, states: ['queued', 'in_flight', 'done', 'failed'], limit: 500 });
  /** Takes every queued or in-flight outbound envelope of `from` (as the peer's poll would, leaving the sender's entries as they are) into `to`'s inbox. */
  async function carry(from: TestNode, to: TestNode, kinds: readonly Envelope['kind'][] = ['change', 'applied']): Promise<Envelope[]> {
    const open = (await queueOf(from, 'outbound')).filter(
      (entry) => (entry.state === 'queued' || entry.state === 'in_flight') && kinds.includes(entry.envelope.kind),
    );
    const envelopes = open.map((entry) => entry.envelope);
    await receiveEnvelopes(to.context, await connectionOn(to), envelopes);
    return envelopes;
  }
  const markSent = async (node: TestNode, ids: readonly string[]) => {
    for (const entry of await queueOf(node, 'outbound'))
      if (ids.includes(entry.envelope.id)) await node.context.store.updateQueueEntry(nodes.connectionId, 'outbound', entry.position, { state: 'done' });
  };
  const apply = async (node: TestNode) => applyInbound(node.context, await connectionOn(node));
  const newIssue = (key: string, summary: string) => nodes.jira.items.set(key, trackerItem({ key, summary, updated: '2026-11-23T12:00:00.000Z' }));

  it('closes only the change a receipt names, and calls the twin synchronized only when no later change is still on its way', async () => {
    newIssue('SUP-1', 'first');
    await queueLocalChange(nodes.jiraNode.context, await connectionOn(nodes.jiraNode), nodes.jira.items.get('SUP-1')!, { force: true });
    const [first] = await queueOf(nodes.jiraNode, 'outbound');
    // The sender died after the peer stored its change: the entry is still in flight here.
    await nodes.jiraNode.context.store.updateQueueEntry(nodes.connectionId, 'outbound', first!.position, { state: 'in_flight' });
    await carry(nodes.jiraNode, nodes.adoNode, ['change']);
    expect(await apply(nodes.adoNode)).toBe(1);
    // A second edit leaves before the first one's receipt comes back.
    nodes.jira.edit('SUP-1', { summary: 'second' });
    expect(await noteLocalChange(nodes.jiraNode.context, 'SUP-1')).toBe(1);

    await carry(nodes.adoNode, nodes.jiraNode, ['applied']);
    expect(await apply(nodes.jiraNode)).toBe(1);
    const outbox = await queueOf(nodes.jiraNode, 'outbound');
    expect(outbox.map((entry) => [entry.envelope.id, entry.state])).toEqual([
      [first!.envelope.id, 'done'],
      [outbox[1]!.envelope.id, 'queued'],
    ]);
    const twin = (await nodes.jiraNode.context.store.getTwinByLocalKey(nodes.connectionId, 'SUP-1'))!;
    expect(twin.remoteKey).toBe([...nodes.ado.items.keys()][0]);
    expect(twin.status).not.toBe('synchronized');

    // The second change crosses and its receipt comes back: now it is.
    const second = await carry(nodes.jiraNode, nodes.adoNode, ['change']);
    await markSent(nodes.jiraNode, [second[0]!.id]);
    expect(await apply(nodes.adoNode)).toBe(1);
    await receiveEnvelopes(
      nodes.jiraNode.context,
      await connectionOn(nodes.jiraNode),
      (await queueOf(nodes.adoNode, 'outbound'))
        .map((entry) => entry.envelope)
        .filter((envelope) => envelope.kind === 'applied' && envelope.changeId === second[0]!.id),
    );
    expect(await apply(nodes.jiraNode)).toBe(1);
    expect((await nodes.jiraNode.context.store.getTwinByLocalKey(nodes.connectionId, 'SUP-1'))!.status).toBe('synchronized');
  });

  it('keeps what arrives on a deactivated connection and applies it, in order, once activated', async () => {
    newIssue('SUP-2', 'waits');
    await queueLocalChange(nodes.jiraNode.context, await connectionOn(nodes.jiraNode), nodes.jira.items.get('SUP-2')!, { force: true });
    expect((await nodes.adoNode.admin('POST', `/connections/${nodes.connectionId}/deactivate`)).status).toBe(200);
    await carry(nodes.jiraNode, nodes.adoNode);
    expect(await apply(nodes.adoNode)).toBe(0);
    expect((await queueOf(nodes.adoNode, 'inbound')).map((entry) => entry.state)).toEqual(['queued']);
    expect(nodes.ado.items.size).toBe(0);
    expect((await nodes.adoNode.admin('POST', `/connections/${nodes.connectionId}/activate`)).status).toBe(200);
    expect(await apply(nodes.adoNode)).toBe(1);
    expect([...nodes.ado.items.values()].map((item) => item.summary)).toEqual(['waits']);
  });

  it('after a failed write lists the error on the item, marks the twin in error, and makes the change due again after the first backoff', async () => {
    newIssue('SUP-3', 'synced once');
    await queueLocalChange(nodes.jiraNode.context, await connectionOn(nodes.jiraNode), nodes.jira.items.get('SUP-3')!, { force: true });
    const [created] = await carry(nodes.jiraNode, nodes.adoNode);
    await markSent(nodes.jiraNode, [created!.id]);
    expect(await apply(nodes.adoNode)).toBe(1);

    nodes.jira.edit('SUP-3', { summary: 'renamed' });
    await noteLocalChange(nodes.jiraNode.context, 'SUP-3');
    const [renamed] = await carry(nodes.jiraNode, nodes.adoNode, ['change']);
    nodes.ado.failNextWrites(1, new ExalateError('tracker_unavailable', 'Azure DevOps is down for maintenance.', { isRetryable: true }));
    const before = nodes.adoNode.context.clock.now();
    await apply(nodes.adoNode);
    const after = nodes.adoNode.context.clock.now();

    const entry = (await queueOf(nodes.adoNode, 'inbound')).find((each) => each.envelope.id === renamed!.id)!;
    expect(entry).toMatchObject({ state: 'queued', attempts: 1, lastError: expect.stringContaining('down for maintenance') });
    // The first backoff (attempt 0): between half and all of one second from now.
    expect(entry.nextAttemptAt).toBeGreaterThanOrEqual(before + 500);
    expect(entry.nextAttemptAt).toBeLessThanOrEqual(after + 1000);
    const errors = await nodes.adoNode.context.store.listErrors({ includeResolved: false });
    expect(errors).toEqual([
      expect.objectContaining({ connectionId: nodes.connectionId, itemKey: 'SUP-3', message: expect.stringContaining('down for maintenance') }),
    ]);
    const twin = (await nodes.adoNode.context.store.getTwinByRemoteKey(nodes.connectionId, 'SUP-3'))!;
    expect(twin.status).toBe('error');
  });

  it('logs the details of a failure nobody foresaw, where the admin is sent to look, and only of that kind', async () => {
    newIssue('SUP-4', 'meets a bug');
    await queueLocalChange(nodes.jiraNode.context, await connectionOn(nodes.jiraNode), nodes.jira.items.get('SUP-4')!, { force: true });
    await carry(nodes.jiraNode, nodes.adoNode);
    const logged: { message: string; fields: Record<string, unknown> }[] = [];
    const logger = nodes.adoNode.context.logger;
    const original = logger.error.bind(logger);
    logger.error = (message: string, fields?: Record<string, unknown>) => {
      logged.push({ message, fields: fields ?? {} });
      original(message, fields);
    };
    const createItem = nodes.ado.createItem.bind(nodes.ado);
    nodes.ado.createItem = async () => {
      throw new TypeError('Cannot read properties of undefined');
    };
    await apply(nodes.adoNode);
    expect(logged).toEqual([
      {
        message: 'applying a change failed unexpectedly',
        fields: expect.objectContaining({ itemKey: 'SUP-4', message: expect.stringContaining('TypeError') }),
      },
    ]);

    // A foreseen failure (the tracker said no, in words) is listed, not logged as a surprise.
    logged.length = 0;
    nodes.ado.createItem = async () => {
      throw new ExalateError('forbidden', 'The node may not create work items in SUP.');
    };
    const [entry] = await queueOf(nodes.adoNode, 'inbound');
    await nodes.adoNode.context.store.updateQueueEntry(nodes.connectionId, 'inbound', entry!.position, { nextAttemptAt: 0 });
    await apply(nodes.adoNode);
    expect(logged).toEqual([]);
    nodes.ado.createItem = createItem;
  });

  it('resolves the errors of the item it applied, and no other item’s', async () => {
    for (const itemKey of ['SUP-5', 'SUP-6'])
      await recordSyncError(nodes.adoNode.context, {
        scope: 'item',
        connectionId: nodes.connectionId,
        itemKey,
        error: new ExalateError('tracker_unavailable', `${itemKey} failed before`),
      });
    newIssue('SUP-5', 'now fine');
    await queueLocalChange(nodes.jiraNode.context, await connectionOn(nodes.jiraNode), nodes.jira.items.get('SUP-5')!, { force: true });
    await carry(nodes.jiraNode, nodes.adoNode);
    expect(await apply(nodes.adoNode)).toBe(1);
    expect((await nodes.adoNode.context.store.listErrors({ includeResolved: false })).map((error) => error.itemKey)).toEqual(['SUP-6']);
  });
});
