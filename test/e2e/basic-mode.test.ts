import type { FrameLocator, Locator, Page } from 'playwright-core';
import { richTextFromPlain } from '../../core';
import { AzureDevOpsAdapter } from '../../hosts/azure-devops/adapter';
import { JiraCloudAdapter } from '../../hosts/jira-cloud/adapter';
import { adminClient } from '../support/sandbox-client';
import { waitFor } from '../support/wait-for';
import { expectAccessible } from './support/accessibility';
import { startBrowserSession, type BrowserSession } from './support/browser-session';
import { connectInstances } from './support/connect-instances';
import { finishJiraCloudInitiation } from './support/finish-jira-cloud-initiation';
import { chooseRadioWithKeyboard, pressWithKeyboard, typeWithKeyboard } from './support/keyboard';

/**
 * A Basic connection, made and read in the consoles: Jira Cloud initiates it in Basic mode to the
 * public Azure DevOps Services organization by its Destination Instance URL, and the admin accepts
 * it in the Azure DevOps hub; each side lists it as Basic and shows What syncs (the fixed set,
 * read-only) where a Script connection offers Edit scripts, and an issue created in Jira arrives in
 * Azure DevOps with its summary and status. (The Visual journey connects to the private Azure
 * DevOps Server.) The node console (Asana here) shows the same for a Basic connection made through
 * the admin API.
 */
jest.setTimeout(120_000);

let session: BrowserSession;

beforeAll(async () => {
  session = await startBrowserSession();
});
afterAll(async () => {
  await session?.close();
});

const exalateFrame = (page: Page): FrameLocator => page.frameLocator('iframe[title="Exalate"]');
const basicSet = ['Summary', 'Description', 'Status', 'Priority', 'Labels and tags', 'Comments', 'Attachments'];

const connectionRow = (scope: FrameLocator | Page, name: string): Locator => scope.getByRole('row').filter({ hasText: name }).first();

/** Opens What syncs from a connection's row and checks that it lists the Basic set, offers nothing to edit, and says the mode is fixed. */
async function expectWhatSyncs(page: Page, scope: FrameLocator | Page, connectionName: string, screenshot: string): Promise<void> {
  const row = connectionRow(scope, connectionName);
  await row.getByText('Basic', { exact: true }).waitFor();
  expect(await row.getByRole('button', { name: /^Edit scripts/ }).count()).toBe(0);
  await pressWithKeyboard(page, row.getByRole('button', { name: /^What syncs/ }));
  const view = scope
    .getByRole('dialog')
    .filter({ hasText: `What syncs: ${connectionName}` })
    .last();
  await view.getByText(/cannot be changed/).waitFor();
  for (const field of basicSet) await view.getByText(field, { exact: true }).first().waitFor();
  expect(await view.getByRole('textbox').count()).toBe(0);
  expect(await view.getByRole('button', { name: 'Save' }).count()).toBe(0);
  await session.shoot(page, screenshot);
  await expectAccessible(page);
  await pressWithKeyboard(page, view.getByRole('button', { name: 'Close', exact: true }).last());
  await view.waitFor({ state: 'detached' });
}

describe('Basic mode, Jira Cloud to the public Azure DevOps Services by its URL', () => {
  const name = 'basic-jira_to_acme-ado';

  it('Jira Cloud initiates a Basic connection to the Destination Instance URL, the mode step saying what Basic syncs', async () => {
    const page = await session.newPage();
    await page.goto(session.instance('jira-cloud').console);
    const app = exalateFrame(page);
    await pressWithKeyboard(page, app.getByRole('button', { name: 'Initiate Connection' }));
    const dialog = app.getByRole('dialog');
    await typeWithKeyboard(page, dialog.getByRole('textbox', { name: 'Destination Instance URL' }), session.instance('azure-devops').url ?? '');
    await pressWithKeyboard(page, dialog.getByRole('button', { name: 'Next' }));
    await dialog.getByText('Configuration mode').first().waitFor();
    await dialog.getByText(/A fixed set of fields syncs both ways/).waitFor();
    await chooseRadioWithKeyboard(page, dialog.getByRole('radiogroup'), dialog.getByRole('radio', { name: 'Basic' }));
    await session.shoot(page, 'jira-cloud-initiate-basic-mode');
    await expectAccessible(page);
    const code = await finishJiraCloudInitiation(page, dialog, { localName: 'basic-jira', remoteName: 'acme-ado' });
    await waitFor('the invitation code on the clipboard', async () => (await page.evaluate(() => navigator.clipboard.readText())) === code);
    await pressWithKeyboard(page, dialog.getByRole('button', { name: 'Done' }));
    await connectionRow(app, name).getByText('Basic', { exact: true }).waitFor();
    await page.close();
  });

  it('Azure DevOps Services accepts it in Basic mode in its hub, lists it as Basic and shows What syncs', async () => {
    const page = await session.newPage();
    await page.goto(session.instance('azure-devops').console);
    const app = exalateFrame(page);
    await app.getByRole('menuitem', { name: 'Accept Invitation' }).click();
    await app.getByLabel('Invitation code').click();
    await page.keyboard.press('Control+V');
    await app.getByRole('button', { name: 'Next' }).click();
    // The preview names the mode the invitation carries.
    await app.getByText('Invited by').waitFor();
    await app.getByText('Basic', { exact: true }).first().waitFor();
    await app.getByRole('button', { name: 'Next' }).click();
    await app.getByRole('button', { name: 'Project' }).click();
    await app.getByRole('option', { name: 'Fabrikam Fiber' }).first().click();
    await app.getByRole('button', { name: 'Accept', exact: true }).click();
    await app.getByText('Connection accepted').waitFor();
    await app.getByRole('button', { name: 'Done' }).click();
    await connectionRow(app, name).getByText('Active').waitFor();
    await expectWhatSyncs(page, app, name, 'azure-devops-basic-what-syncs');
    await page.close();
  });

  it('Jira Cloud shows the Active Basic connection and What syncs', async () => {
    const page = await session.newPage();
    await page.goto(session.instance('jira-cloud').console);
    const app = exalateFrame(page);
    await connectionRow(app, name).getByText('Active').waitFor();
    // A public connection: the remote side is named by the URL the admin typed.
    await connectionRow(app, name)
      .getByText(session.instance('azure-devops').url ?? 'no URL')
      .waitFor();
    await session.shoot(page, 'jira-cloud-basic-connection-active');
    await expectWhatSyncs(page, app, name, 'jira-cloud-basic-what-syncs');
    await page.close();
  });

  it('an issue created in Jira arrives in Azure DevOps with its summary and its status, mapped onto the work item’s workflow', async () => {
    const jiraInstance = session.instance('jira-cloud');
    const adoInstance = session.instance('azure-devops');
    const jiraAdmin = adminClient(jiraInstance);
    const connections = (await jiraAdmin('GET', '/connections')).body as { id: string; name: string }[];
    const connectionId = connections.find((connection) => connection.name === name)?.id ?? '';
    const jiraUser = new JiraCloudAdapter({ baseUrl: jiraInstance.trackerApi, authorization: jiraInstance.trackerAuth });
    const adoUser = new AzureDevOpsAdapter({ baseUrl: adoInstance.trackerApi, authorization: adoInstance.trackerAuth });
    const issue = await jiraUser.createItem({
      projectKey: 'SUP',
      type: 'Task',
      summary: 'Badge printer jams',
      description: richTextFromPlain('Every morning.'),
      status: 'In Progress',
    });
    expect((await jiraUser.getItem(issue.key))?.status).toBe('In Progress');
    expect((await jiraAdmin('POST', `/connections/${connectionId}/sync`, { issueKey: issue.key })).status).toBe(202);
    const remoteKey = await waitFor(
      `the twin of ${issue.key}`,
      async () => {
        const twin = await jiraAdmin('GET', `/connections/${connectionId}/twins/${issue.key}`);
        return twin.status === 200 && twin.body.status === 'synchronized' ? (twin.body.remoteKey as string) : undefined;
      },
      45_000,
    );
    const workItem = await adoUser.getItem(remoteKey);
    expect(workItem?.summary).toBe('Badge printer jams');
    // Jira's In Progress is Azure DevOps' Active.
    expect(workItem?.status).toBe('Active');
  });
});

describe('Basic mode in the node console (Asana)', () => {
  it('lists a Basic connection as Basic and shows What syncs', async () => {
    const asana = session.instance('asana');
    const asanaProjects = await adminClient(asana)('GET', '/projects');
    const accepted = await connectInstances(asana, session.instance('jira-server'), {
      mode: 'basic',
      localName: 'basic-asana',
      remoteName: 'partner-jira',
      name: 'basic-asana_to_partner-jira',
      projectKey: asanaProjects.body[0].key,
    });
    expect(accepted.mode).toBe('basic');

    const page = await session.newPage();
    await page.goto(asana.console);
    await connectionRow(page, 'basic-asana_to_partner-jira').getByText('Active').waitFor();
    await expectWhatSyncs(page, page, 'basic-asana_to_partner-jira', 'asana-basic-what-syncs');
    await page.close();
  });
});
