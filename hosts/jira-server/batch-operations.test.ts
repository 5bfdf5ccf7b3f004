import { jiraHarnessForEachTest, startJiraServerHarness } from '../../test/support/jira-harness';
import { readTrigger } from '../../test/support/read-trigger';

/**
 * The batch half of the Tracker port on Jira Data Center: `issue/bulk` and `search` with fields
 * (REST API v2), every exchange checked against the platform's document as the harness maps v2 to it.
 */
describe('JiraServerAdapter batch operations', () => {
  const harness = jiraHarnessForEachTest(startJiraServerHarness);
  const callsSince = (start: number) => harness.specCheck.exchanges.slice(start).map((exchange) => `${exchange.method} ${new URL(exchange.url).pathname}`);
  const project = readTrigger('project = ITSM', 'jira-server');

  it('creates several issues in one bulk call and reads them back with one search, the refused one reported by itself', async () => {
    const before = await harness.adapter.searchItems(project, { cursor: null, limit: 100 });
    const start = harness.specCheck.exchanges.length;

    const outcomes = await harness.adapter.batch.createItems([
      { projectKey: 'ITSM', type: 'Task', summary: 'First of the batch' },
      { projectKey: 'ITSM', type: 'No such type', summary: 'Refused one' },
      { projectKey: 'ITSM', type: 'Task', summary: 'Third of the batch' },
    ]);

    // One bulk create and one search that reads the created issues back: not a create and a read each.
    expect(callsSince(start)).toEqual(['POST /jira-server/tracker/rest/api/2/issue/bulk', 'GET /jira-server/tracker/rest/api/2/search']);
    expect(outcomes.map((outcome) => outcome.ok)).toEqual([true, false, true]);
    expect(!outcomes[1]!.ok && outcomes[1]!.error.message).toContain('refused to create "Refused one"');
    for (const outcome of outcomes) if (outcome.ok) expect(outcome.written).toEqual(await harness.adapter.getItem(outcome.key));
    const after = await harness.adapter.searchItems(project, { cursor: null, limit: 100 });
    expect(after.keys.length - before.keys.length).toBe(2);
  });

  it('reads a page of whole issues in one search, the same items one read each would give', async () => {
    for (let index = 0; index < 3; index += 1) await harness.adapter.createItem({ projectKey: 'ITSM', type: 'Task', summary: `Paged ${index}` });
    const start = harness.specCheck.exchanges.length;

    const page = await harness.adapter.batch.searchItemsWithFields(project, { cursor: null, limit: 100 });

    expect(callsSince(start)).toHaveLength(1);
    expect(page.items.length).toBeGreaterThanOrEqual(3);
    for (const item of page.items) expect(item).toEqual(await harness.adapter.getItem(item.key));
  });

  it('reads when several issues last changed in one search', async () => {
    const first = await harness.adapter.createItem({ projectKey: 'ITSM', type: 'Task', summary: 'Timed' });
    const second = await harness.adapter.createItem({ projectKey: 'ITSM', type: 'Task', summary: 'Timed too' });
    await harness.adapter.updateItem(first.key, { summary: 'Timed again' });
    const start = harness.specCheck.exchanges.length;

    const times = await harness.adapter.batch.readUpdatedTimes([first.key, second.key]);

    expect(callsSince(start)).toEqual(['GET /jira-server/tracker/rest/api/2/search']);
    expect(times).toEqual(
      new Map([
        [first.key, (await harness.adapter.getItem(first.key))!.updated],
        [second.key, (await harness.adapter.getItem(second.key))!.updated],
      ]),
    );
  });

  it('leaves out an issue that does not exist: Jira refuses the whole search, so those keys are read one by one', async () => {
    const { key } = await harness.adapter.createItem({ projectKey: 'ITSM', type: 'Task', summary: 'Timed' });

    const times = await harness.adapter.batch.readUpdatedTimes([key, 'ITSM-99999']);

    expect([...times.entries()]).toEqual([[key, (await harness.adapter.getItem(key))!.updated]]);
  });
});
