import { ExalateError } from '../../core';
import { startJiraCloudHarness, type JiraHarness } from '../../test/support/jira-harness';
import { readTrigger } from '../../test/support/read-trigger';
import { JiraCloudAdapter } from './adapter';
import type { JiraCloudEmulator } from './emulator';

/** The batch half of the Tracker port on Jira Cloud: `search/jql` with fields and `issue/bulk`, checked against the v3 document. */
describe('JiraCloudAdapter batch operations', () => {
  let harness: JiraHarness<JiraCloudEmulator, JiraCloudAdapter>;
  let adapter: JiraCloudAdapter;
  let specCheck: JiraHarness<JiraCloudEmulator, JiraCloudAdapter>['specCheck'];

  beforeEach(async () => {
    harness = await startJiraCloudHarness();
    ({ adapter, specCheck } = harness);
  });
  afterEach(async () => {
    specCheck.assertExchangesMatchSpec();
    await harness.close();
  });

  const callsSince = (start: number) => specCheck.exchanges.slice(start).map((exchange) => `${exchange.method} ${new URL(exchange.url).pathname}`);

  it('creates several issues in one bulk call, applies the ones Jira accepts exactly once, and reports the refused one by itself', async () => {
    const before = await adapter.searchItems(readTrigger('project = SUP', 'jira-cloud'), { cursor: null, limit: 100 });
    const start = specCheck.exchanges.length;

    const outcomes = await adapter.batch.createItems([
      { projectKey: 'SUP', type: 'Task', summary: 'First of the batch' },
      { projectKey: 'SUP', type: 'No such type', summary: 'Refused one' },
      { projectKey: 'SUP', type: 'Bug', summary: 'Third of the batch', status: 'In Progress' },
    ]);
    const calls = callsSince(start);

    expect(outcomes.map((outcome) => outcome.ok)).toEqual([true, false, true]);
    const refused = outcomes[1]!;
    expect(!refused.ok && ExalateError.isInstance(refused.error) && refused.error.message).toContain('refused to create "Refused one"');
    const created = outcomes.flatMap((outcome) => (outcome.ok ? [outcome] : []));
    for (const outcome of created) expect(outcome.written).toEqual(await adapter.getItem(outcome.key));
    expect(created[1]!.written).toMatchObject({ summary: 'Third of the batch', type: 'Bug', status: 'In Progress' });
    // One bulk create, the transition of the third (its transitions read, then one posted), one
    // read-back search: not one create and one read per issue.
    expect(calls.map((call) => call.replace(/SUP-\d+/, 'KEY'))).toEqual([
      'POST /jira-cloud/tracker/rest/api/3/issue/bulk',
      'GET /jira-cloud/tracker/rest/api/3/issue/KEY/transitions',
      'POST /jira-cloud/tracker/rest/api/3/issue/KEY/transitions',
      'POST /jira-cloud/tracker/rest/api/3/search/jql',
    ]);
    const after = await adapter.searchItems(readTrigger('project = SUP', 'jira-cloud'), { cursor: null, limit: 100 });
    expect(after.keys.length - before.keys.length).toBe(2);
  });

  it('reads a page of whole issues in one search, the same items one read each would give', async () => {
    for (let index = 0; index < 3; index += 1) await adapter.createItem({ projectKey: 'SUP', type: 'Task', summary: `Paged ${index}` });
    await adapter.addComment((await adapter.searchItems(readTrigger('project = SUP', 'jira-cloud'), { cursor: null, limit: 1 })).keys[0]!, {
      type: 'doc',
      content: [{ type: 'paragraph', content: [{ type: 'text', text: 'A comment' }] }],
    } as never);
    const start = specCheck.exchanges.length;

    const page = await adapter.batch.searchItemsWithFields(readTrigger('project = SUP', 'jira-cloud'), { cursor: null, limit: 100 });

    expect(callsSince(start)).toEqual(['GET /jira-cloud/tracker/rest/api/3/search/jql']);
    expect(page.items.length).toBeGreaterThanOrEqual(3);
    for (const item of page.items) expect(item).toEqual(await adapter.getItem(item.key));
  });

  it('reads when each issue last changed, and leaves out one that does not exist', async () => {
    const { key } = await adapter.createItem({ projectKey: 'SUP', type: 'Task', summary: 'Timed' });
    await adapter.updateItem(key, { summary: 'Timed again' });

    const times = await adapter.batch.readUpdatedTimes([key, 'SUP-99999']);

    expect([...times.entries()]).toEqual([[key, (await adapter.getItem(key))!.updated]]);
  });
});
