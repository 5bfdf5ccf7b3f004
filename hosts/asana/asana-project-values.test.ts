import { ExalateError } from '../../core';
import { startAsanaHarness, type AsanaHarness } from '../../test/support/asana-harness';

/** An Asana project's values: completion and Task from the profile, priorities from its Priority field, every exchange checked against asana.yaml. */
describe('AsanaAdapter project values', () => {
  let harness: AsanaHarness;

  beforeAll(async () => {
    harness = await startAsanaHarness();
  });
  afterAll(() => harness.close());
  beforeEach(() => harness.checks.clear());
  afterEach(() => harness.checks.assertExchangesMatchSpec());

  const projectNamed = (name: string) => harness.emulator.state.projects.find((project) => project.name === name)!.gid;

  it("offers completed and incomplete, Task, and the options of the project's Priority field", async () => {
    const values = await harness.adapter.readProjectValues(projectNamed('Roadmap'));

    expect(values).toEqual({ statuses: ['incomplete', 'completed'], priorities: ['High', 'Medium', 'Low'], types: ['Task'] });
    expect(harness.checks.exchanges.map((exchange) => [exchange.path.replace(/projects\/\d+/, 'projects/{gid}'), exchange.response.outcome])).toEqual([
      ['/api/1.0/projects/{gid}/custom_field_settings', 'valid'],
    ]);
  });

  it('offers no priority in a project without a Priority field', async () => {
    await expect(harness.adapter.readProjectValues(projectNamed('Joint launch'))).resolves.toMatchObject({ priorities: [] });
  });

  it('refuses a project that does not exist', async () => {
    const failure = await harness.adapter.readProjectValues('1205999999999999').catch((error: unknown) => error);

    expect(ExalateError.isInstance(failure)).toBe(true);
    expect((failure as ExalateError).code).toBe('not_found');
  });
});
