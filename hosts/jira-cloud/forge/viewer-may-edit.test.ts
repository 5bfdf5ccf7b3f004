import { startEmulatorServer, type RunningEmulatorServer } from '../../emulator-kit';
import { JiraCloudAdapter } from '../adapter';
import { createJiraCloudEmulator } from '../emulator';
import { forgeApiState } from './testing/forge-sdk-fakes';
import { viewerMayEditIssue } from './viewer-may-edit';

jest.mock('@forge/api', () => jest.requireActual('./testing/forge-sdk-fakes').forgeApiModule);

/** The question the Exalate panel asks Jira, as the person who has the issue open, before it changes anything. */
describe('whether the viewer may edit the issue', () => {
  let server: RunningEmulatorServer;
  let supportIssue: string;
  let operationsIssue: string;

  beforeAll(async () => {
    // The account browses Customer Support but may not edit there (a viewer), and edits Operations.
    const emulator = createJiraCloudEmulator({ seed: { account: { readOnlyProjects: ['SUP'] } } });
    server = await startEmulatorServer(emulator.routes, { prefix: '/site' });
    forgeApiState.jiraSiteUrl = server.mountUrl;
    forgeApiState.jiraAuthorization = emulator.authorization;
    const adapter = new JiraCloudAdapter({ baseUrl: server.mountUrl, authorization: emulator.authorization });
    supportIssue = (await adapter.createItem({ projectKey: 'SUP', type: 'Task', summary: 'Printer on fire' })).key;
    operationsIssue = (await adapter.createItem({ projectKey: 'OPS', type: 'Task', summary: 'Rotate the keys' })).key;
    forgeApiState.requestJiraPaths.length = 0;
  });
  afterAll(() => server.close());

  it('is yes where Jira grants Edit issues, and asks as the person, not as the app', async () => {
    await expect(viewerMayEditIssue(operationsIssue)).resolves.toBe(true);
    expect(forgeApiState.requestJiraPaths).toEqual([`as user GET /rest/api/3/mypermissions?issueKey=${operationsIssue}&permissions=EDIT_ISSUES`]);
  });

  it('is no, not a failure, when Jira answers with something that is not its permissions (a login page, a cut body)', async () => {
    const answering = (body: string) => async () => ({
      status: 200,
      statusText: 'OK',
      headers: { forEach: () => undefined },
      arrayBuffer: async () => new TextEncoder().encode(body).buffer as ArrayBuffer,
    });
    await expect(viewerMayEditIssue(operationsIssue, answering('<html>Log in</html>'))).resolves.toBe(false);
    await expect(viewerMayEditIssue(operationsIssue, answering('{"permissions":{"EDIT_ISSUES":'))).resolves.toBe(false);
    await expect(viewerMayEditIssue(operationsIssue, answering('{"permissions":{}}'))).resolves.toBe(false);
  });

  it('is no where the person may only browse, and for an issue Jira does not show them', async () => {
    await expect(viewerMayEditIssue(supportIssue)).resolves.toBe(false);
    await expect(viewerMayEditIssue('SUP-99999')).resolves.toBe(false);
  });
});
