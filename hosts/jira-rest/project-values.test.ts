import { ExalateError, type TrackerProjectValues } from '../../core';
import { jiraHarnessForEachTest, startJiraCloudHarness, startJiraServerHarness } from '../../test/support/jira-harness';
import type { JiraWork } from './emulator/jira-work';

/** What these tests use of either Jira's emulator and adapter. */
type Emulator = { readonly state: { readonly work: JiraWork } };
type Adapter = { readProjectValues(projectKey: string): Promise<TrackerProjectValues> };

/** A project's statuses, priorities and types, read live from both Jiras (REST v3 and v2), every exchange checked against the v3 document. */
describe.each([
  ['Jira Cloud', startJiraCloudHarness, '/rest/api/3/', 'SUP'],
  ['Jira Server/DC', startJiraServerHarness, '/rest/api/2/', 'ENG'],
] as const)('%s project values', (_name, start, api, project) => {
  const harness = jiraHarnessForEachTest<Emulator, Adapter>(start);

  it("lists the project's own statuses, the site's priorities and the project's issue types", async () => {
    const work = harness.emulator.state.work;
    // An admin added a status to the workflow.
    work.restore({ ...work.snapshot, statuses: [...work.snapshot.statuses, { id: '10100', name: 'Code review', category: 'indeterminate' }] });

    const values = await harness.adapter.readProjectValues(project);

    expect(values.statuses).toEqual(['To Do', 'In Progress', 'Done', 'Code review']);
    expect(values.priorities).toEqual(['Highest', 'High', 'Medium', 'Low', 'Lowest']);
    expect(values.types).toEqual(['Story', 'Task', 'Sub-task', 'Bug', 'Epic']);
    const paths = harness.specCheck.exchanges.map((exchange) => new URL(exchange.url).pathname.replace(/^.*\/rest\/api\/\d\//, api));
    expect(harness.specCheck.exchanges.map((exchange) => exchange.check.outcome)).toEqual(['valid', 'valid', 'valid']);
    expect(paths.sort()).toEqual([`${api}priority`, `${api}project/${project}`, `${api}project/${project}/statuses`]);
  });

  it('refuses a project that does not exist, naming it', async () => {
    const failure = await harness.adapter.readProjectValues('NOPE').catch((error: unknown) => error);

    expect(ExalateError.isInstance(failure)).toBe(true);
    expect((failure as ExalateError).code).toBe('not_found');
    expect((failure as ExalateError).message).toContain("No project could be found with key 'NOPE'");
  });
});
