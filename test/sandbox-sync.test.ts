import { plainTextOf, richTextFromPlain } from '../core';
import { AzureDevOpsAdapter } from '../hosts/azure-devops/adapter';
import { JiraCloudAdapter } from '../hosts/jira-cloud/adapter';
import type { RunningSandbox } from '../scripts/sandbox/create-sandbox';
import { adminClient, instanceOf } from './support/sandbox-client';
import { startTestSandbox } from './support/test-sandbox';
import { waitFor } from './support/wait-for';

/**
 * Issue sync in the sandbox, through the trackers' own REST APIs (with the credentials that
 * /sandbox.json publishes) and the admin API: what an admin and their users would see.
 */
describe('the sandbox: Jira Cloud and a private Azure DevOps Server sync both ways', () => {
  let sandbox: RunningSandbox;
  let jiraUser: JiraCloudAdapter;
  let adoUser: AzureDevOpsAdapter;
  let jiraAdmin: ReturnType<typeof adminClient>;
  let adoAdmin: ReturnType<typeof adminClient>;
  let connectionId: string;

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    const jira = instanceOf(sandbox.description, 'jira-cloud');
    const ado = instanceOf(sandbox.description, 'azure-devops-private');
    jiraUser = new JiraCloudAdapter({ baseUrl: jira.trackerApi, authorization: jira.trackerAuth });
    adoUser = new AzureDevOpsAdapter({ baseUrl: ado.trackerApi, authorization: ado.trackerAuth });
    jiraAdmin = adminClient(jira);
    adoAdmin = adminClient(ado);
    const initiated = await jiraAdmin('POST', '/connections/initiate', {
      destinationUrl: null,
      mode: 'script',
      localName: 'acme-jira',
      remoteName: 'acme-ado',
      name: 'acme-jira_to_acme-ado',
      projectKey: 'SUP',
    });
    connectionId = initiated.body.connection.id;
    expect((await adoAdmin('POST', '/connections/accept', { invitationCode: initiated.body.invitationCode, projectKey: 'Fabrikam Fiber' })).status).toBe(201);
  });
  afterAll(() => sandbox.close());

  const remoteKeyOf = (key: string) =>
    waitFor(`the twin of ${key}`, async () => {
      const twin = await jiraAdmin('GET', `/connections/${connectionId}/twins/${key}`);
      return twin.status === 200 && twin.body.status === 'synchronized' ? (twin.body.remoteKey as string) : undefined;
    });

  it('syncs an issue by hand, then a rename and comments flow both ways exactly once', async () => {
    const { key } = await jiraUser.createItem({
      projectKey: 'SUP',
      type: 'Bug',
      summary: 'Checkout fails on Safari',
      description: richTextFromPlain('Steps: open the cart, press Pay.'),
    });
    await jiraUser.updateItem(key, { status: 'In Progress' });
    await jiraUser.addComment(key, richTextFromPlain('Seen by three customers'));
    expect((await jiraAdmin('POST', `/connections/${connectionId}/sync`, { issueKey: key })).status).toBe(202);

    const workItemId = await remoteKeyOf(key);
    const workItem = (await adoUser.getItem(workItemId))!;
    expect(workItem.summary).toBe('Checkout fails on Safari');
    expect(plainTextOf(workItem.description)).toContain('Steps: open the cart, press Pay.');
    expect(workItem.status).toBe('Active');
    expect(workItem.comments.map((comment) => plainTextOf(comment.body))).toEqual([expect.stringContaining('Seen by three customers')]);

    // Renamed on the private side: reaches Jira Cloud with no admin action.
    await adoUser.updateItem(workItemId, { summary: 'Checkout fails on Safari 17' });
    await waitFor('the rename on Jira', async () => (await jiraUser.getItem(key))!.summary === 'Checkout fails on Safari 17');

    await adoUser.addComment(workItemId, richTextFromPlain('Fixed in build 1042'));
    await waitFor('the ADO comment on Jira', async () => (await jiraUser.getItem(key))!.comments.length === 2);
    // A later change from Jira is the barrier: the node's own comment write on Jira came before it,
    // so had that write echoed back, the comment would be on Azure DevOps twice when this arrives.
    await jiraUser.updateItem(key, { summary: 'Checkout fails on Safari 17 and 18' });
    await waitFor('the barrier on Azure DevOps', async () => (await adoUser.getItem(workItemId))!.summary === 'Checkout fails on Safari 17 and 18');
    expect((await jiraUser.getItem(key))!.comments).toHaveLength(2);
    expect((await adoUser.getItem(workItemId))!.comments).toHaveLength(2);
  });

  it('syncs new issues by itself once a trigger matches them', async () => {
    expect((await jiraAdmin('POST', `/connections/${connectionId}/triggers`, { query: 'project = SUP AND type = Task', active: true })).status).toBe(201);
    const { key } = await jiraUser.createItem({ projectKey: 'SUP', type: 'Task', summary: 'Renew the TLS certificate' });
    const workItemId = await remoteKeyOf(key);
    expect((await adoUser.getItem(workItemId))!.summary).toBe('Renew the TLS certificate');
  });
});
