import { noteLocalChange, richTextFromPlain, type TrackerItem } from '../core';
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
    description: richTextFromPlain('Smoke from tray 2'),
    priority: 'High',
    url: `https://jira-cloud.example/browse/${key}`,
    ...fields,
  });
  tracker.items.set(key, item);
  return item;
}

jest.setTimeout(90_000);

/** The item surface's admin calls (ARCHITECTURE §8) between two real public nodes: Jira Cloud and Azure DevOps. */
describe('the item surface: GET /items/{issueKey}, connect, unexalate', () => {
  let nodes: ConnectedTestNodes;

  beforeEach(async () => {
    nodes = await startConnectedTestNodes({ adoIsPublic: true, connectionName: 'Support to Dev', sync: fast });
  });
  afterEach(() => nodes.close());

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const surfaceOf = async (node: TestNode, key: string) => (await node.admin('GET', `/items/${key}`)).body as { itemKey: string; twins: any[] };
  const synchronized = (node: TestNode, key: string) =>
    waitFor(
      `${key} to be synchronized`,
      async () => {
        const twin = (await surfaceOf(node, key)).twins[0];
        return twin?.status === 'synchronized' ? twin : undefined;
      },
      45_000,
    );
  const waitingChanges = async (node: TestNode) =>
    (await node.context.store.listQueue({ connectionId: nodes.connectionId, direction: 'outbound', states: ['queued', 'in_flight'], limit: 100 })).filter(
      (entry) => entry.envelope.kind === 'change',
    );

  it('answers 404 for an item the tracker does not have, and no twins for one that syncs nowhere', async () => {
    newIssue(nodes.jira, 'SUP-1');

    const unknown = await nodes.jiraNode.admin('GET', '/items/SUP-404');
    const known = await nodes.jiraNode.admin('GET', '/items/SUP-1');

    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toEqual({ code: 'not_found', message: 'There is no item "SUP-404" in this tracker, or this node may not read it.' });
    expect(known).toEqual({ status: 200, body: { itemKey: 'SUP-1', twins: [] } });
  });

  it('shows the twin on both sides: connection, remote key with a link to it, Synchronized and when', async () => {
    newIssue(nodes.jira, 'SUP-1');
    expect((await nodes.jiraNode.admin('GET', '/items/SUP-1/exalate-options')).body).toEqual({
      itemKey: 'SUP-1',
      connections: [{ connectionId: nodes.connectionId, connectionName: 'Support to Dev' }],
      reason: null,
    });
    expect((await nodes.jiraNode.admin('POST', `/connections/${nodes.connectionId}/sync`, { issueKey: 'SUP-1' })).status).toBe(202);

    const twin = await synchronized(nodes.jiraNode, 'SUP-1');
    const remoteKey = twin.remoteKey as string;
    const onAdo = await synchronized(nodes.adoNode, remoteKey);

    expect(twin).toEqual({
      connectionId: nodes.connectionId,
      connectionName: 'Support to Dev',
      remoteKey,
      remoteUrl: `https://azure-devops.example/_workitems/edit/${remoteKey}`,
      status: 'synchronized',
      lastSyncedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      error: null,
    });
    expect(onAdo).toMatchObject({
      connectionId: nodes.connectionId,
      remoteKey: 'SUP-1',
      remoteUrl: 'https://jira-cloud.example/browse/SUP-1',
      status: 'synchronized',
    });
    // Once it syncs on the only connection, "Exalate" has nothing more to offer, and says so.
    expect((await nodes.jiraNode.admin('GET', '/items/SUP-1/exalate-options')).body).toEqual({
      itemKey: 'SUP-1',
      connections: [],
      reason: 'SUP-1 already syncs on every active connection.',
    });
    const replicas = await nodes.jiraNode.admin('GET', `/connections/${nodes.connectionId}/replicas/SUP-1`);
    expect(replicas.status).toBe(200);
    expect(replicas.body.local).toMatchObject({ key: 'SUP-1', summary: 'Issue SUP-1' });
  });

  it("offers no connection for an item outside every connection's project, and says why", async () => {
    newIssue(nodes.jira, 'OPS-1', { projectKey: 'OPS' });

    const options = await nodes.jiraNode.admin('GET', '/items/OPS-1/exalate-options');

    expect(options.body).toEqual({
      itemKey: 'OPS-1',
      connections: [],
      reason: expect.stringContaining('No active connection covers project OPS, where OPS-1 is ("Support to Dev" syncs project SUP)'),
    });
  });

  it('connects two existing items as twins on both sides, without creating a third', async () => {
    newIssue(nodes.jira, 'SUP-1', { summary: 'Printer on fire' });
    const { key: workItem } = await nodes.ado.createItem({ projectKey: 'SUP', type: 'Bug', summary: 'Printer is hot' });

    const connected = await nodes.jiraNode.admin('POST', `/connections/${nodes.connectionId}/twins`, { localKey: 'SUP-1', remoteKey: workItem });

    expect(connected.status).toBe(201);
    await synchronized(nodes.jiraNode, 'SUP-1');
    await waitFor('the work item to take the summary', () => nodes.ado.items.get(workItem)?.summary === 'Printer on fire');
    expect(nodes.ado.items.size).toBe(1);
    expect((await surfaceOf(nodes.jiraNode, 'SUP-1')).twins[0]).toMatchObject({ remoteKey: workItem, status: 'synchronized' });
    expect((await surfaceOf(nodes.adoNode, workItem)).twins[0]).toMatchObject({ remoteKey: 'SUP-1' });
  });

  it('refuses to connect a remote key that is already twinned (409) and changes nothing', async () => {
    newIssue(nodes.jira, 'SUP-1');
    newIssue(nodes.jira, 'SUP-2');
    await nodes.jiraNode.admin('POST', `/connections/${nodes.connectionId}/sync`, { issueKey: 'SUP-1' });
    const twin = await synchronized(nodes.jiraNode, 'SUP-1');
    const before = await nodes.jiraNode.context.store.listQueue({
      connectionId: nodes.connectionId,
      direction: 'outbound',
      states: ['queued', 'in_flight', 'done', 'failed'],
      limit: 100,
    });

    const refused = await nodes.jiraNode.admin('POST', `/connections/${nodes.connectionId}/twins`, { localKey: 'SUP-2', remoteKey: twin.remoteKey });

    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toBe(
      `"${twin.remoteKey}" is already connected to SUP-1 on the connection "Support to Dev". Unexalate SUP-1 first to connect it to SUP-2.`,
    );
    expect((await surfaceOf(nodes.jiraNode, 'SUP-2')).twins).toEqual([]);
    expect((await surfaceOf(nodes.jiraNode, 'SUP-1')).twins[0]).toMatchObject({ remoteKey: twin.remoteKey });
    expect(
      await nodes.jiraNode.context.store.listQueue({
        connectionId: nodes.connectionId,
        direction: 'outbound',
        states: ['queued', 'in_flight', 'done', 'failed'],
        limit: 100,
      }),
    ).toHaveLength(before.length);
  });

  it('unexalates on both sides: later edits on either side no longer travel, and a second unexalate is harmless', async () => {
    newIssue(nodes.jira, 'SUP-1');
    await nodes.jiraNode.admin('POST', `/connections/${nodes.connectionId}/sync`, { issueKey: 'SUP-1' });
    const remoteKey = (await synchronized(nodes.jiraNode, 'SUP-1')).remoteKey as string;
    await synchronized(nodes.adoNode, remoteKey);

    const first = await nodes.jiraNode.admin('DELETE', `/connections/${nodes.connectionId}/twins/SUP-1`);
    const second = await nodes.jiraNode.admin('DELETE', `/connections/${nodes.connectionId}/twins/SUP-1`);

    expect(first).toEqual({ status: 200, body: { unlinked: true } });
    expect(second).toEqual({ status: 200, body: { unlinked: false } });
    expect((await surfaceOf(nodes.jiraNode, 'SUP-1')).twins).toEqual([]);
    await waitFor('the other side to unlink its twin', async () => (await surfaceOf(nodes.adoNode, remoteKey)).twins.length === 0);
    nodes.jira.edit('SUP-1', { summary: 'Edited after unexalate' });
    nodes.ado.edit(remoteKey, { summary: 'Edited on the other side' });
    expect(await noteLocalChange(nodes.jiraNode.context, 'SUP-1')).toBe(0);
    expect(await noteLocalChange(nodes.adoNode.context, remoteKey)).toBe(0);
    expect(await waitingChanges(nodes.jiraNode)).toEqual([]);
    expect(await waitingChanges(nodes.adoNode)).toEqual([]);
    expect(nodes.jira.items.size).toBe(1);
    expect(nodes.ado.items.size).toBe(1);
  });
});
