import { ExalateError } from '../../core';
import { startAzureDevOpsHarness, type AzureDevOpsHarness } from '../../test/support/azure-devops-harness';

/** A project's states, priorities and work item types, read live from the emulator, every exchange checked against the 7.1 documents. */
describe('AzureDevOpsAdapter project values', () => {
  let harness: AzureDevOpsHarness;

  beforeAll(async () => {
    harness = await startAzureDevOpsHarness();
  });
  afterAll(() => harness.close());
  beforeEach(() => harness.checks.clear());
  afterEach(() => harness.checks.assertExchangesMatchSpec());

  it("lists the project's work item types, the states of every type, and priorities 1 to 4", async () => {
    const values = await harness.adapter.readProjectValues('Fabrikam Fiber');

    expect(values).toEqual({
      statuses: ['New', 'Active', 'Resolved', 'Closed', 'Removed'],
      priorities: ['1', '2', '3', '4'],
      types: ['Bug', 'Task', 'User Story', 'Feature', 'Epic', 'Issue'],
    });
    const paths = harness.checks.exchanges.map((exchange) => decodeURIComponent(new URL(exchange.url).pathname).replace(/^.*\/acme\//, ''));
    expect(paths[0]).toBe('Fabrikam Fiber/_apis/wit/workitemtypes');
    expect(harness.checks.exchanges.map((exchange) => exchange.response.outcome)).toEqual(paths.map(() => 'valid'));
    expect(paths.slice(1).sort()).toEqual(values.types.map((type) => `Fabrikam Fiber/_apis/wit/workitemtypes/${type}/states`).sort());
  });

  it('refuses a project that does not exist, with Azure DevOps naming it', async () => {
    const failure = await harness.adapter.readProjectValues('Nowhere').catch((error: unknown) => error);

    expect(ExalateError.isInstance(failure)).toBe(true);
    expect((failure as ExalateError).code).toBe('not_found');
    expect((failure as ExalateError).message).toContain('The following project does not exist: Nowhere');
  });
});
