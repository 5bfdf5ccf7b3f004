import { createHmac } from 'node:crypto';
import { richTextFromPlain, writeSecretSetting, type TrackerItem } from '../../core';
import { connectionRecord } from '../../test/fakes/connection-record';
import { MemoryTracker } from '../../test/fakes/memory-tracker';
import { trackerItem } from '../../test/fakes/tracker-item';
import { startTestNode, type TestNode } from '../../test/support/test-node';
import { waitFor } from '../../test/support/wait-for';

/**
 * `POST /hooks/change` with deliveries that carry the item's time after the change (a Jira
 * Server/DC webhook's `issue.fields.updated`): the event of the node's own write is told by that
 * time alone, with no tracker call; an event past the write is read and queued as before.
 */
describe('the change-hook route and the time a delivery carries', () => {
  const secret = 'hook-secret-0123456789abcdefghij';
  const connectionId = 'con_hooks';
  const writtenAt = '2026-12-07T05:00:01.000Z';
  let node: TestNode;
  let items: MemoryTracker;
  const itemsRead: string[] = [];

  beforeAll(async () => {
    items = new MemoryTracker('jira-server');
    for (const key of ['SUP-1', 'SUP-2', 'SUP-3']) items.items.set(key, issue(key));
    const getItem = items.getItem.bind(items);
    items.getItem = async (key) => {
      itemsRead.push(key);
      return getItem(key);
    };
    node = await startTestNode({ name: 'hooks-times', isPublic: true, tracker: items });
    await node.context.store.insertConnection(
      connectionRecord({
        id: connectionId,
        name: 'hooks',
        status: 'active',
        localName: 'here',
        remoteName: 'there',
        projectKey: 'SUP',
        remoteTracker: 'jira-cloud',
        peer: { nodeId: 'node_peer', publicKey: 'A'.repeat(43), nodeUrl: null, tracker: 'jira-cloud' },
        invitationExpiresAt: null,
      }),
    );
    await node.context.store.insertTrigger({ id: 'trg_1', connectionId, query: 'project = SUP', active: true, createdAt: 1 });
    await writeSecretSetting(node.context.store, node.context.secrets, 'change_hook_secret', secret);
    // SUP-1 was last written by this node's sync, at `writtenAt`.
    await node.context.store.putTwin({
      connectionId,
      localKey: 'SUP-1',
      remoteKey: '10001',
      status: 'synchronized',
      lastSentHash: null,
      nextOutboundSequence: 0,
      lastAppliedInboundSequence: 0,
      previousReplica: null,
      commentLinks: [],
      attachmentLinks: [],
      sentAttachmentIds: [],
      lastWrittenUpdated: writtenAt,
      updatedAt: 1,
    });
  });
  afterAll(async () => {
    await node.close();
  });

  const deliver = async (key: string, updated?: unknown) => {
    const body = JSON.stringify({
      webhookEvent: 'jira:issue_updated',
      issue: { key, fields: { summary: 'x', ...(updated === undefined ? {} : { updated }) } },
    });
    const signature = `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
    const response = await fetch(`${node.nodeUrl}/hooks/change`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-hub-signature': signature },
      body,
    });
    expect(response.status).toBe(204);
  };
  const queuedKeys = async () =>
    (await node.context.store.listQueue({ connectionId, direction: 'outbound', states: ['queued', 'in_flight', 'done'], limit: 100 }))
      .filter((entry) => entry.envelope.kind === 'change')
      .map((entry) => entry.itemKey);

  it('takes the event of its own write as the echo with no tracker call, by the time the delivery carries', async () => {
    await deliver('SUP-1', '2026-12-07T05:00:01.000+0000');
    // Another item's event after it: once that one is queued, the first was judged.
    await deliver('SUP-2');
    await waitFor('SUP-2 queued', async () => (await queuedKeys()).includes('SUP-2'), 30_000);

    expect(itemsRead).not.toContain('SUP-1');
    expect(await queuedKeys()).not.toContain('SUP-1');
  });

  it('reads and queues the item when the carried time is past the node’s write: someone edited it since', async () => {
    items.items.set('SUP-1', { ...issue('SUP-1'), summary: 'Edited in Jira', updated: '2026-12-07T05:00:02.000Z' });
    await deliver('SUP-1', '2026-12-07T05:00:02.000+0000');
    await waitFor('SUP-1 queued', async () => (await queuedKeys()).includes('SUP-1'), 30_000);

    expect(itemsRead).toContain('SUP-1');
  });
});

function issue(key: string): TrackerItem {
  return trackerItem({
    key,
    type: 'Bug',
    summary: `Item ${key}`,
    description: richTextFromPlain('From a tracker'),
    updated: '2026-11-23T12:00:00.000Z',
    url: `https://tracker.example/${key}`,
  });
}
