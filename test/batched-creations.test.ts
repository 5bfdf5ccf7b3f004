import { createQuickJsSandbox, queueLocalChange, receiveEnvelopes, type Connection, type Envelope, type QueueEntry } from '../core';
import { applyInbound } from '../core/sync/apply-inbound';
import { MemoryTracker } from './fakes/memory-tracker';
import { trackerItem } from './fakes/tracker-item';
import { startJiraCloudHarness, type JiraHarness } from './support/jira-harness';
import { startTestNode, type TestNode } from './support/test-node';
import type { JiraCloudEmulator } from '../hosts/jira-cloud/emulator';
import type { JiraCloudAdapter } from '../hosts/jira-cloud/adapter';

/**
 * A backfill into Jira Cloud: new items of an Azure DevOps project (a memory tracker) sent to a
 * real node whose tracker is the Jira Cloud emulator, every exchange checked against the v3
 * document. The engine runs no timers here: the test carries the envelopes across and applies
 * them, then counts what Jira was asked (the emulator's requests) and what it holds (its issues).
 */
describe('a backfill into Jira creates many items per issue/bulk call', () => {
  let harness: JiraHarness<JiraCloudEmulator, JiraCloudAdapter>;
  let ado: MemoryTracker;
  let adoNode: TestNode;
  let jiraNode: TestNode;
  let connectionId: string;

  beforeEach(async () => {
    harness = await startJiraCloudHarness();
    ado = new MemoryTracker('azure-devops');
    const scripts = createQuickJsSandbox();
    jiraNode = await startTestNode({ name: 'jira', isPublic: true, tracker: harness.adapter, scripts });
    adoNode = await startTestNode({ name: 'ado', isPublic: true, tracker: ado, scripts });
    const initiated = await jiraNode.admin('POST', '/connections/initiate', {
      destinationUrl: adoNode.nodeUrl,
      mode: 'script',
      localName: 'jira',
      remoteName: 'ado',
      name: 'backfill_into_jira',
      projectKey: 'SUP',
    });
    expect(initiated.status).toBe(201);
    expect((await adoNode.admin('POST', '/connections/accept', { invitationCode: initiated.body.invitationCode, projectKey: 'SUP' })).status).toBe(201);
    connectionId = initiated.body.connection.id;
  });

  afterEach(async () => {
    try {
      harness.specCheck.assertExchangesMatchSpec();
    } finally {
      await Promise.all([jiraNode.close(), adoNode.close()]);
      await harness.close();
    }
  });

  const connectionOn = async (node: TestNode): Promise<Connection> => (await node.context.store.getConnection(connectionId))!;
  const inboxOf = (node: TestNode): Promise<readonly QueueEntry[]> =>
    node.context.store.listQueue({ connectionId, direction: 'inbound', states: ['queued', 'in_flight', 'done', 'failed'], limit: 500 });

  /** N new work items on the Azure DevOps side, queued for sync and carried into the Jira node's inbox. */
  async function sendNewItems(summaries: readonly string[]): Promise<void> {
    const connection = await connectionOn(adoNode);
    for (const [index, summary] of summaries.entries()) {
      const item = trackerItem({ key: String(100 + index), summary });
      ado.items.set(item.key, item);
      expect(await queueLocalChange(adoNode.context, connection, item, { force: true })).toEqual({ ok: true, value: 'queued' });
    }
    const queued = await adoNode.context.store.listQueue({ connectionId, direction: 'outbound', states: ['queued'], limit: 500 });
    const envelopes: Envelope[] = queued.map((entry) => entry.envelope);
    await receiveEnvelopes(jiraNode.context, await connectionOn(jiraNode), envelopes);
  }

  /** Applies on the Jira node until nothing is due; every tracker request made meanwhile is returned. */
  async function applyOnJira(): Promise<{ bulkCreates: number; singleCreates: number; requests: number }> {
    const before = harness.specCheck.exchanges.length;
    for (let round = 0; round < 20 && (await applyInbound(jiraNode.context, await connectionOn(jiraNode))) > 0; round++);
    const made = harness.specCheck.exchanges.slice(before);
    const paths = made.map((exchange) => `${exchange.method} ${new URL(exchange.url).pathname}`);
    return {
      bulkCreates: paths.filter((path) => path.endsWith('/rest/api/3/issue/bulk')).length,
      singleCreates: paths.filter((path) => path.startsWith('POST') && path.endsWith('/rest/api/3/issue')).length,
      requests: made.length,
    };
  }

  /** How many Jira issues of project SUP carry each summary. */
  const issuesBySummary = (): Map<string, number> => {
    const counts = new Map<string, number>();
    for (const issue of harness.emulator.state.work.snapshot.issues)
      if (issue.projectKey === 'SUP') counts.set(issue.summary, (counts.get(issue.summary) ?? 0) + 1);
    return counts;
  };

  it('creates every item exactly once, with far fewer issue/bulk calls than items', async () => {
    const count = 30;
    const summaries = Array.from({ length: count }, (_unused, index) => `Backfilled ${index}`);
    const existingIssues = harness.emulator.state.work.countIssues('SUP');
    await sendNewItems(summaries);

    const calls = await applyOnJira();

    const created = issuesBySummary();
    expect(summaries.map((summary) => created.get(summary) ?? 0)).toEqual(summaries.map(() => 1));
    expect(harness.emulator.state.work.countIssues('SUP')).toBe(existingIssues + count);
    // Eight changes are applied side by side: the first creation goes alone, the others gather
    // while it is under way, so a call carries several items (one per item before).
    expect(calls.singleCreates).toBe(0);
    expect(calls.bulkCreates).toBeLessThanOrEqual(count / 3);
    // And issues created in the status they want are not moved: under one Jira request per item in all.
    expect(calls.requests).toBeLessThan(count);
    // Every item has its twin, and every change is done.
    const twins = await jiraNode.context.store.listTwins(connectionId);
    expect(twins.filter((twin) => twin.status === 'synchronized')).toHaveLength(count);
    expect(new Set(twins.map((twin) => twin.localKey)).size).toBe(count);
    expect((await inboxOf(jiraNode)).map((entry) => entry.state)).toEqual(summaries.map(() => 'done'));
    process.stdout.write(
      `backfill of ${count} items into Jira: ${calls.bulkCreates} issue/bulk calls, ${calls.requests} Jira requests in all (${(calls.requests / count).toFixed(2)} per item)\n`,
    );
  });

  it('creates the rest exactly once when Jira refuses one item of a call, and lists the refusal on that item alone', async () => {
    // Jira refuses a summary of more than 255 characters ("Summary must be less than 255 characters.").
    const tooLong = `Too long ${'x'.repeat(260)}`;
    const summaries = ['Refused neighbour 0', 'Refused neighbour 1', tooLong, 'Refused neighbour 3', 'Refused neighbour 4', 'Refused neighbour 5'];
    await sendNewItems(summaries);

    const calls = await applyOnJira();

    const created = issuesBySummary();
    expect(summaries.map((summary) => created.get(summary) ?? 0)).toEqual([1, 1, 0, 1, 1, 1]);
    expect(calls.bulkCreates).toBeLessThan(summaries.length);
    const inbox = await inboxOf(jiraNode);
    const refusedKey = '102';
    const refused = inbox.find((entry) => entry.itemKey === refusedKey)!;
    expect(refused.state).toBe('queued');
    expect(refused.lastError).toMatch(/refused to create.*Summary must be less than 255 characters/);
    expect(inbox.filter((entry) => entry.itemKey !== refusedKey).map((entry) => entry.state)).toEqual(['done', 'done', 'done', 'done', 'done']);
    const errors = (await jiraNode.admin('GET', '/errors')).body;
    expect(JSON.stringify(errors)).toContain('Summary must be less than 255 characters');
    const twins = await jiraNode.context.store.listTwins(connectionId);
    expect(twins.map((twin) => twin.remoteKey).sort()).toEqual(['100', '101', '103', '104', '105']);
  });
});
