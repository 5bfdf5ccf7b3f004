import { queueLocalChange, ExalateError, type Connection, type TrackerItem, type Twin } from '../../core';
import { recordSyncError } from '../../core/sync/record-sync-error';
import { isOwnWriteOrOlder } from '../../core/sync/queue-local-change';
import { startConnectedTestNodes, type ConnectedTestNodes } from '../support/connected-test-nodes';
import { trackerItem } from '../fakes/tracker-item';

/**
 * Deciding whether a local change leaves, read from state: what is in the outbox, what the twin
 * says, and how often the tracker was read (a read saved is a call under the tracker's rate limit;
 * a read skipped wrongly sends an old version). The engine is not running.
 */
describe('queueing a local change', () => {
  let nodes: ConnectedTestNodes;
  let reads: string[];
  beforeEach(async () => {
    nodes = await startConnectedTestNodes({ adoIsPublic: false, connectionName: 'outbox rules' });
    reads = [];
    const getItem = nodes.jira.getItem.bind(nodes.jira);
    nodes.jira.getItem = async (key: string) => {
      reads.push(key);
      return getItem(key);
    };
  });
  afterEach(() => nodes.close());

  const context = () => nodes.jiraNode.context;
  const connection = async (): Promise<Connection> => (await context().store.getConnection(nodes.connectionId))!;
  const outbox = () =>
    context().store.listQueue({ connectionId: nodes.connectionId, direction: 'outbound', states: ['queued', 'in_flight', 'done', 'failed'], limit: 100 });
  const sentSummaries = async () =>
    (await outbox()).map((entry) => (entry.envelope.kind === 'change' ? (entry.envelope.replica as { summary: string }).summary : entry.envelope.kind));
  const twinOf = async (key: string) => (await context().store.getTwinByLocalKey(nodes.connectionId, key))!;
  const updateTwin = async (key: string, fields: Partial<Twin>) => context().store.putTwin({ ...(await twinOf(key)), ...fields });
  const issue = (key: string, summary: string, updated: string): TrackerItem => {
    const item = trackerItem({ key, summary, updated });
    nodes.jira.items.set(key, item);
    return item;
  };
  /** SUP-1 sent once; the tracker then holds `now`, while the caller still has the read `stale`. */
  async function sentThenChanged(): Promise<{ stale: TrackerItem; now: TrackerItem }> {
    const stale = issue('SUP-1', 'first words', '2026-11-23T12:00:00.000Z');
    expect(await queueLocalChange(context(), await connection(), stale, { force: false })).toEqual({ ok: true, value: 'queued' });
    const now = issue('SUP-1', 'second words', '2026-11-23T12:05:00.000Z');
    reads = [];
    return { stale, now };
  }

  it('judges the event of its own write from the read just made, without reading the item again', async () => {
    const { now } = await sentThenChanged();
    await updateTwin('SUP-1', { lastWrittenUpdated: now.updated });
    expect(await queueLocalChange(context(), await connection(), now, { force: false, justRead: true })).toEqual({ ok: true, value: 'unchanged' });
    expect(reads).toEqual([]);
    expect(await sentSummaries()).toEqual(['first words']);
  });

  it('uses a read made just before as it is when the twin records its last write, and sends what it read', async () => {
    const { now } = await sentThenChanged();
    await updateTwin('SUP-1', { lastWrittenUpdated: '2026-11-23T12:01:00.000Z' });
    expect(await queueLocalChange(context(), await connection(), now, { force: false, justRead: true })).toEqual({ ok: true, value: 'queued' });
    expect(reads).toEqual([]);
    expect(await sentSummaries()).toEqual(['first words', 'second words']);
  });

  it('reads again under the lock when the twin, from an older version, does not record its last write', async () => {
    const { stale } = await sentThenChanged();
    await updateTwin('SUP-1', { lastWrittenUpdated: undefined });
    expect(await queueLocalChange(context(), await connection(), stale, { force: false, justRead: true })).toEqual({ ok: true, value: 'queued' });
    expect(reads).toEqual(['SUP-1']);
    expect(await sentSummaries()).toEqual(['first words', 'second words']);
  });

  it('reads again when the caller does not vouch for its read, and sends the tracker’s current version', async () => {
    const { stale } = await sentThenChanged();
    await updateTwin('SUP-1', { lastWrittenUpdated: '2026-11-23T12:01:00.000Z' });
    expect(await queueLocalChange(context(), await connection(), stale, { force: false })).toEqual({ ok: true, value: 'queued' });
    expect(reads).toEqual(['SUP-1']);
    expect(await sentSummaries()).toEqual(['first words', 'second words']);
  });

  it('on Sync now reads the item afresh, and sends it again even when nothing changed', async () => {
    const { stale } = await sentThenChanged();
    await updateTwin('SUP-1', { lastWrittenUpdated: '2026-11-23T12:01:00.000Z' });
    expect(await queueLocalChange(context(), await connection(), stale, { force: true, justRead: true })).toEqual({ ok: true, value: 'queued' });
    expect(reads).toEqual(['SUP-1']);
    expect(await queueLocalChange(context(), await connection(), stale, { force: false })).toEqual({ ok: true, value: 'unchanged' });
    expect(await queueLocalChange(context(), await connection(), stale, { force: true })).toEqual({ ok: true, value: 'queued' });
    expect(await sentSummaries()).toEqual(['first words', 'second words', 'second words']);
  });

  it('sends nothing when the caller’s condition no longer holds under the lock', async () => {
    const item = issue('SUP-2', 'no longer wanted', '2026-11-23T12:00:00.000Z');
    expect(await queueLocalChange(context(), await connection(), item, { force: false, onlyIf: async () => false })).toEqual({ ok: true, value: 'not_sent' });
    expect(await outbox()).toEqual([]);
  });

  it('does not send as new an item an incoming change created here whose twin is not stored yet', async () => {
    const item = issue('SUP-3', 'created by sync', '2026-11-23T12:00:00.000Z');
    context().signals.itemsAwaitingTwin.add(nodes.connectionId, 'chg_remote', 'SUP-3');
    expect(await queueLocalChange(context(), await connection(), item, { force: true })).toEqual({ ok: true, value: 'not_sent' });
    expect(await outbox()).toEqual([]);
  });

  it('marks a synced or failed twin as queued again, and resolves the errors of this item only', async () => {
    const { now } = await sentThenChanged();
    await updateTwin('SUP-1', { status: 'error' });
    issue('SUP-4', 'another issue', '2026-11-23T12:00:00.000Z');
    for (const itemKey of ['SUP-1', 'SUP-4'])
      await recordSyncError(context(), {
        scope: 'item',
        connectionId: nodes.connectionId,
        itemKey,
        error: new ExalateError('script_failed', `broke ${itemKey}`),
      });
    expect(await queueLocalChange(context(), await connection(), now, { force: false })).toEqual({ ok: true, value: 'queued' });
    expect((await twinOf('SUP-1')).status).toBe('queued');
    expect((await context().store.listErrors({ includeResolved: false })).map((error) => error.itemKey)).toEqual(['SUP-4']);
  });

  it('leaves a twin that is waiting for its receipt as it is', async () => {
    const { now } = await sentThenChanged();
    await updateTwin('SUP-1', { status: 'sent' });
    expect(await queueLocalChange(context(), await connection(), now, { force: false })).toEqual({ ok: true, value: 'queued' });
    expect((await twinOf('SUP-1')).status).toBe('sent');
  });
});

describe('telling the node’s own write from a person’s edit by the tracker’s time', () => {
  const twin = (lastWrittenUpdated: string | null | undefined) => ({ lastWrittenUpdated }) as Twin;
  const item = (updated: string) => ({ updated }) as TrackerItem;

  it.each([
    ['the same instant as the write', '2026-11-23T12:00:00.000Z', '2026-11-23T12:00:00.000Z', true],
    ['a read older than the write', '2026-11-23T11:59:59.999Z', '2026-11-23T12:00:00.000Z', true],
    ['one millisecond after the write', '2026-11-23T12:00:00.001Z', '2026-11-23T12:00:00.000Z', false],
    ['an item time that is no time', 'yesterday', '2026-11-23T12:00:00.000Z', false],
    ['a recorded time that is no time', '2026-11-23T12:00:00.000Z', 'soon', false],
  ])('%s', (_case, updated, written, own) => {
    expect(isOwnWriteOrOlder(item(updated), twin(written))).toBe(own);
  });

  it('is never the node’s own write when no write was recorded', () => {
    expect(isOwnWriteOrOlder(item('2026-11-23T12:00:00.000Z'), undefined)).toBe(false);
    expect(isOwnWriteOrOlder(item('2026-11-23T12:00:00.000Z'), twin(null))).toBe(false);
    expect(isOwnWriteOrOlder(item('2026-11-23T12:00:00.000Z'), twin(undefined))).toBe(false);
  });
});
