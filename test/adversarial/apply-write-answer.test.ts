import {
  noteLocalChange,
  queueLocalChange,
  receiveEnvelopes,
  richTextFromPlain,
  type Connection,
  type ItemChanges,
  type QueueEntry,
  type TrackerItem,
} from '../../core';
import { applyInbound } from '../../core/sync/apply-inbound';
import { startConnectedTestNodes, type ConnectedTestNodes } from '../support/connected-test-nodes';
import type { TestNode } from '../support/test-node';
import { trackerItem } from '../fakes/tracker-item';

/**
 * A tracker whose write answers with the item as written (Azure DevOps' PATCH) spares the read
 * after the write: the engine records that answer's time and hash instead, so the event of the
 * write is still recognised as its own. Read from state, with the engines stopped.
 */
describe('applying an update through a write that answers with the item', () => {
  let nodes: ConnectedTestNodes;
  let reads: string[];
  let writesAnswered: string[];
  beforeEach(async () => {
    nodes = await startConnectedTestNodes({ adoIsPublic: false, connectionName: 'write-answer' });
    reads = [];
    writesAnswered = [];
    const getItem = nodes.ado.getItem.bind(nodes.ado);
    nodes.ado.getItem = async (key: string) => {
      reads.push(key);
      return getItem(key);
    };
    const updateItemReturningItem = async (key: string, changes: ItemChanges): Promise<TrackerItem | null> => {
      await nodes.ado.updateItem(key, changes);
      writesAnswered.push(key);
      return (await getItem(key)) ?? null;
    };
    Object.defineProperty(nodes.ado, 'updateItemReturningItem', { value: updateItemReturningItem });
  });
  afterEach(() => nodes.close());

  const connectionOn = async (node: TestNode): Promise<Connection> => (await node.context.store.getConnection(nodes.connectionId))!;
  const queueOf = (node: TestNode, direction: QueueEntry['direction']) =>
    node.context.store.listQueue({ connectionId: nodes.connectionId, direction, states: ['queued', 'in_flight', 'done', 'failed'], limit: 500 });
  /** Jira's issue as it is now, queued and carried to the Azure DevOps node, then applied there. */
  async function syncJiraIssue(issue: TrackerItem): Promise<number> {
    nodes.jira.items.set(issue.key, issue);
    await queueLocalChange(nodes.jiraNode.context, await connectionOn(nodes.jiraNode), issue, { force: true });
    const queued = (await queueOf(nodes.jiraNode, 'outbound')).filter((entry) => entry.state === 'queued');
    for (const entry of queued) await nodes.jiraNode.context.store.updateQueueEntry(nodes.connectionId, 'outbound', entry.position, { state: 'done' });
    await receiveEnvelopes(
      nodes.adoNode.context,
      await connectionOn(nodes.adoNode),
      queued.map((entry) => entry.envelope),
    );
    return applyInbound(nodes.adoNode.context, await connectionOn(nodes.adoNode));
  }
  const adoTwin = async () => (await nodes.adoNode.context.store.listTwins(nodes.connectionId))[0]!;

  it('reads the item only before a summary change, and still takes the event of its own write as the echo', async () => {
    await syncJiraIssue(trackerItem({ key: 'SUP-1', summary: 'Printer jams', updated: '2026-11-23T12:00:00.000Z' }));
    const created = await adoTwin();
    reads.length = 0;

    expect(await syncJiraIssue(trackerItem({ key: 'SUP-1', summary: 'Printer jams on tray 2', updated: '2026-11-23T12:05:00.000Z' }))).toBe(1);

    expect(nodes.ado.items.get(created.localKey)!.summary).toBe('Printer jams on tray 2');
    expect(writesAnswered).toEqual([created.localKey]);
    expect(reads).toEqual([created.localKey]);
    const twin = await adoTwin();
    expect(twin.lastWrittenUpdated).toBe(nodes.ado.items.get(created.localKey)!.updated);
    expect(twin.lastWrittenUpdated).not.toBe(created.lastWrittenUpdated);
    expect(await noteLocalChange(nodes.adoNode.context, created.localKey)).toBe(0);
  });

  it('reads the item after the write when a comment was added after it, so the comment is part of what was written', async () => {
    await syncJiraIssue(trackerItem({ key: 'SUP-1', summary: 'Printer jams', updated: '2026-11-23T12:00:00.000Z' }));
    const created = await adoTwin();
    reads.length = 0;
    const comment = {
      id: 'c-1',
      author: null,
      body: richTextFromPlain('Tray 2 too'),
      created: '2026-11-23T12:05:00.000Z',
      updated: '2026-11-23T12:05:00.000Z',
    };

    await syncJiraIssue(trackerItem({ key: 'SUP-1', summary: 'Printer jams on tray 2', updated: '2026-11-23T12:05:00.000Z', comments: [comment] }));

    expect(reads).toEqual([created.localKey, created.localKey]);
    expect((await adoTwin()).lastWrittenUpdated).toBe(nodes.ado.items.get(created.localKey)!.updated);
    expect(await noteLocalChange(nodes.adoNode.context, created.localKey)).toBe(0);
  });
});
