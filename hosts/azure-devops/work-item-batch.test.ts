import { ExalateError, richTextFromPlain } from '../../core';
import { startAzureDevOpsHarness, type AzureDevOpsHarness } from '../../test/support/azure-devops-harness';
import { readTrigger } from '../../test/support/read-trigger';

/** The batch half of the Tracker port on Azure DevOps: `workitemsbatch` reads and creations answered as written, checked against work item tracking 7.1. */
describe('AzureDevOpsAdapter batch operations', () => {
  let harness: AzureDevOpsHarness;

  beforeAll(async () => {
    harness = await startAzureDevOpsHarness();
  });
  afterAll(() => harness.close());
  beforeEach(() => harness.checks.clear());
  afterEach(() => harness.checks.assertExchangesMatchSpec());

  const calls = () => harness.checks.exchanges.map((exchange) => `${exchange.method} ${new URL(exchange.url).pathname.replace(/\/\d+(?=\/|$)/g, '/ID')}`);

  it('reads a page of whole work items with one WIQL query and one batch read, the same items one read each would give', async () => {
    const adapter = harness.adapterWith({});
    const keys: string[] = [];
    for (let index = 0; index < 3; index += 1)
      keys.push((await adapter.createItem({ projectKey: 'Fabrikam Fiber', type: 'Task', summary: `Batch page ${index}`, labels: ['batch-page'] })).key);
    await adapter.addComment(keys[0]!, richTextFromPlain('Only this one has a comment'));
    harness.checks.clear();

    const page = await adapter.batch!.searchItemsWithFields(
      readTrigger("[System.TeamProject] = 'Fabrikam Fiber' AND [System.Tags] = 'batch-page'", 'azure-devops'),
      { cursor: null, limit: 200 },
    );

    // The comments of the one work item that has some; none for the others (System.CommentCount 0).
    expect(calls().filter((call) => !call.endsWith('/comments'))).toEqual([
      expect.stringMatching(/POST .*\/_apis\/wit\/wiql$/),
      expect.stringMatching(/POST .*\/_apis\/wit\/workitemsbatch$/),
    ]);
    expect(calls().filter((call) => call.endsWith('/comments'))).toHaveLength(1);
    expect(page.items.map((item) => item.key)).toEqual(keys);
    for (const item of page.items) expect(item).toEqual(await adapter.getItem(item.key));
  });

  it('reads when many work items last changed in one call, leaving out an id that does not exist', async () => {
    const adapter = harness.adapterWith({});
    const { key } = await adapter.createItem({ projectKey: 'Fabrikam Fiber', type: 'Task', summary: 'Timed' });
    await adapter.updateItem(key, { summary: 'Timed again' });
    harness.checks.clear();

    const times = await adapter.batch!.readUpdatedTimes([key, '987654']);

    expect(harness.checks.exchanges).toHaveLength(1);
    expect([...times.entries()]).toEqual([[key, (await adapter.getItem(key))!.updated]]);
  });

  it('creates each work item with one call whose answer is the item as written, and reports a refused one by itself', async () => {
    const adapter = harness.adapterWith({});
    harness.checks.clear();

    const outcomes = await adapter.batch!.createItems([
      { projectKey: 'Fabrikam Fiber', type: 'Task', summary: 'Created in a batch' },
      { projectKey: 'Fabrikam Fiber', type: 'No such type', summary: 'Refused one' },
      { projectKey: 'Fabrikam Fiber', type: 'Bug', summary: 'Also created', priority: '1' },
    ]);

    expect(calls()).toHaveLength(3);
    expect(outcomes.map((outcome) => outcome.ok)).toEqual([true, false, true]);
    const refused = outcomes[1]!;
    expect(!refused.ok && ExalateError.isInstance(refused.error)).toBe(true);
    for (const outcome of outcomes) if (outcome.ok) expect(outcome.written).toEqual(await adapter.getItem(outcome.key));
  });
});
