import { ExalateError } from '../../core';
import { jiraHarnessForEachTest, startJiraCloudHarness } from '../../test/support/jira-harness';
import { readTrigger } from '../../test/support/read-trigger';

/** The batch half of the Tracker port on Jira Cloud: `search/jql` with fields and `issue/bulk`, checked against the v3 document. */
describe('JiraCloudAdapter batch operations', () => {
  const harness = jiraHarnessForEachTest(startJiraCloudHarness);

  const callsSince = (start: number) => harness.specCheck.exchanges.slice(start).map((exchange) => `${exchange.method} ${new URL(exchange.url).pathname}`);

  it('creates several issues in one bulk call, applies the ones Jira accepts exactly once, and reports the refused one by itself', async () => {
    const before = await harness.adapter.searchItems(readTrigger('project = SUP', 'jira-cloud'), { cursor: null, limit: 100 });
    const start = harness.specCheck.exchanges.length;

    const outcomes = await harness.adapter.batch.createItems([
      { projectKey: 'SUP', type: 'Task', summary: 'First of the batch', status: 'To Do' },
      { projectKey: 'SUP', type: 'No such type', summary: 'Refused one' },
      { projectKey: 'SUP', type: 'Bug', summary: 'Third of the batch', status: 'In Progress' },
    ]);
    const calls = callsSince(start);

    expect(outcomes.map((outcome) => outcome.ok)).toEqual([true, false, true]);
    const refused = outcomes[1]!;
    expect(!refused.ok && ExalateError.isInstance(refused.error) && refused.error.message).toContain('refused to create "Refused one"');
    const created = outcomes.flatMap((outcome) => (outcome.ok ? [outcome] : []));
    for (const outcome of created) expect(outcome.written).toEqual(await harness.adapter.getItem(outcome.key));
    expect(created[1]!.written).toMatchObject({ summary: 'Third of the batch', type: 'Bug', status: 'In Progress' });
    expect(created[0]!.written).toMatchObject({ summary: 'First of the batch', status: 'To Do' });
    // One bulk create, one read-back search, then the transition of the third only (the first
    // starts in the status it wants): its transitions read, one posted, and it is read back again.
    // Not one create and one read per issue.
    expect(calls.map((call) => call.replace(/SUP-\d+/, 'KEY'))).toEqual([
      'POST /jira-cloud/tracker/rest/api/3/issue/bulk',
      'POST /jira-cloud/tracker/rest/api/3/search/jql',
      'GET /jira-cloud/tracker/rest/api/3/issue/KEY/transitions',
      'POST /jira-cloud/tracker/rest/api/3/issue/KEY/transitions',
      'POST /jira-cloud/tracker/rest/api/3/search/jql',
    ]);
    const after = await harness.adapter.searchItems(readTrigger('project = SUP', 'jira-cloud'), { cursor: null, limit: 100 });
    expect(after.keys.length - before.keys.length).toBe(2);
  });

  it('reports an issue whose status its workflow cannot reach as the failure of that item alone, and keeps the others of the call', async () => {
    const outcomes = await harness.adapter.batch.createItems([
      { projectKey: 'SUP', type: 'Task', summary: 'Before the unreachable one' },
      { projectKey: 'SUP', type: 'Task', summary: 'Wants an unknown status', status: 'Nowhere' },
      { projectKey: 'SUP', type: 'Task', summary: 'After the unreachable one' },
    ]);

    expect(outcomes.map((outcome) => outcome.ok)).toEqual([true, false, true]);
    const failed = outcomes[1]!;
    expect(!failed.ok && failed.error.message).toMatch(/cannot move SUP-\d+ from "To Do" to "Nowhere"/);
    expect(outcomes[0]!.ok && outcomes[0]!.written).toMatchObject({ summary: 'Before the unreachable one' });
    expect(outcomes[2]!.ok && outcomes[2]!.written).toMatchObject({ summary: 'After the unreachable one' });
  });

  it('reads a page of whole issues in one search, the same items one read each would give', async () => {
    for (let index = 0; index < 3; index += 1) await harness.adapter.createItem({ projectKey: 'SUP', type: 'Task', summary: `Paged ${index}` });
    await harness.adapter.addComment((await harness.adapter.searchItems(readTrigger('project = SUP', 'jira-cloud'), { cursor: null, limit: 1 })).keys[0]!, {
      type: 'doc',
      content: [{ type: 'paragraph', content: [{ type: 'text', text: 'A comment' }] }],
    } as never);
    const start = harness.specCheck.exchanges.length;

    const page = await harness.adapter.batch.searchItemsWithFields(readTrigger('project = SUP', 'jira-cloud'), { cursor: null, limit: 100 });

    expect(callsSince(start)).toEqual(['GET /jira-cloud/tracker/rest/api/3/search/jql']);
    expect(page.items.length).toBeGreaterThanOrEqual(3);
    for (const item of page.items) expect(item).toEqual(await harness.adapter.getItem(item.key));
  });

  it('reads when each issue last changed, and leaves out one that does not exist', async () => {
    const { key } = await harness.adapter.createItem({ projectKey: 'SUP', type: 'Task', summary: 'Timed' });
    await harness.adapter.updateItem(key, { summary: 'Timed again' });

    const times = await harness.adapter.batch.readUpdatedTimes([key, 'SUP-99999']);

    expect([...times.entries()]).toEqual([[key, (await harness.adapter.getItem(key))!.updated]]);
  });
});
