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
import { chooseRadioWithKeyboard, pressWithKeyboard, tabTo, typeWithKeyboard } from './support/keyboard';

/**
 * A Visual connection, made and changed in the consoles: Jira Cloud initiates it in Visual mode to
 * the private Azure DevOps Server, which accepts it. The Jira admin edits the mapping (Priority now
 * flows only into Jira) and publishes it; nothing changes until the Azure DevOps admin reads the
 * proposal's changes in the hub and approves it. An issue created in Jira afterwards arrives in
 * Azure DevOps with its summary, but without its priority, and a Test run on it in the Compiled
 * scripts tab shows the same replica.
 */
jest.setTimeout(150_000);

let session: BrowserSession;

beforeAll(async () => {
  session = await startBrowserSession();
});
afterAll(async () => {
  await session?.close();
});

const exalateFrame = (page: Page): FrameLocator => page.frameLocator('iframe[title="Exalate"]');
const connectionRow = (scope: FrameLocator | Page, name: string): Locator => scope.getByRole('row').filter({ hasText: name }).first();
const name = 'visual-jira_to_partner-ado';

describe('Visual mode, Jira Cloud to the private Azure DevOps Server', () => {
  let code = '';

  it('Jira Cloud initiates a Visual connection to a side with no URL', async () => {
    const page = await session.newPage();
    await page.goto(session.instance('jira-cloud').console);
    const app = exalateFrame(page);
    await pressWithKeyboard(page, app.getByRole('button', { name: 'Initiate Connection' }));
    const dialog = app.getByRole('dialog');
    await pressWithKeyboard(page, dialog.getByLabel("I don't have a URL"), 'Space');
    await pressWithKeyboard(page, dialog.getByRole('button', { name: 'Next' }));
    await dialog.getByText('Configuration mode').first().waitFor();
    await chooseRadioWithKeyboard(page, dialog.getByRole('radiogroup'), dialog.getByRole('radio', { name: 'Visual' }));
    await session.shoot(page, 'visual-jira-cloud-initiate-mode');
    await expectAccessible(page);
    code = await finishJiraCloudInitiation(page, dialog, { localName: 'visual-jira', remoteName: 'partner-ado' });
    await pressWithKeyboard(page, dialog.getByRole('button', { name: 'Done' }));
    await connectionRow(app, name).getByText('Visual', { exact: true }).waitFor();
    await page.close();
  });

  it('Azure DevOps Server accepts it, and the connection offers Edit mapping instead of Edit scripts', async () => {
    const page = await session.newPage();
    await page.goto(session.instance('azure-devops-private').console);
    const app = exalateFrame(page);
    await app.getByRole('menuitem', { name: 'Accept Invitation' }).click();
    await app.getByLabel('Invitation code').fill(code);
    await app.getByRole('button', { name: 'Next' }).click();
    await app.getByText('Invited by').waitFor();
    await app.getByText('Visual', { exact: true }).first().waitFor();
    await app.getByRole('button', { name: 'Next' }).click();
    await app.getByRole('button', { name: 'Project' }).click();
    await app.getByRole('option', { name: 'Fabrikam Fiber' }).first().click();
    await app.getByRole('button', { name: 'Accept', exact: true }).click();
    await app.getByText('Connection accepted').waitFor();
    await app.getByRole('button', { name: 'Done' }).click();
    const row = connectionRow(app, name);
    await row.getByText('Active').waitFor();
    await row.getByText('Visual', { exact: true }).waitFor();
    await row.getByRole('button', { name: `Edit mapping of ${name}` }).waitFor();
    expect(await row.getByRole('button', { name: /^Edit scripts/ }).count()).toBe(0);
    await page.close();
  });

  it('Jira Cloud edits the mapping (Priority now only comes into Jira), saves it as a draft and publishes it', async () => {
    const page = await session.newPage();
    await page.goto(session.instance('jira-cloud').console);
    const app = exalateFrame(page);
    const row = connectionRow(app, name);
    await row.getByText('Active').waitFor();
    await pressWithKeyboard(page, row.getByRole('button', { name: `Edit mapping ${name}` }));
    const editor = app.getByRole('dialog').filter({ hasText: `Mapping: ${name}` });
    const fields = editor.getByRole('table', { name: 'Fields' });
    await fields.waitFor();
    // The default mapping: summary, description, status, priority, type and labels, both ways.
    await expect(fields.getByRole('row').nth(4).textContent()).resolves.toMatch(/Priority.*Both ways.*Priority/);
    await editor.getByRole('table', { name: 'Status pairs' }).waitFor();
    await session.shoot(page, 'visual-jira-cloud-mapping-editor');
    await expectAccessible(page);

    await tabTo(page, editor.getByLabel('Direction, row 4'));
    await page.keyboard.type('To this side');
    await page.keyboard.press('Enter');
    await expect(fields.getByRole('row').nth(4).textContent()).resolves.toMatch(/Priority.*To this side.*Priority/);
    await editor.getByText('You have changes that are not saved.').waitFor();
    // Save draft and Publish stand in the footer, after every row: Shift+Tab reaches them sooner.
    await tabTo(page, editor.getByRole('button', { name: 'Save draft' }), 'backward');
    await page.keyboard.press('Enter');
    await editor.getByText(/^Draft saved/).waitFor();

    await editor.getByRole('button', { name: 'Publish' }).click();
    await editor.getByText(/^Version 2 published/).waitFor();
    await editor.getByText(/^Version 2 awaits the other side's approval/).waitFor();
    await session.shoot(page, 'visual-jira-cloud-mapping-published');
    await expectAccessible(page);
    // Until the other side approves, version 1 runs: what this side sends still carries the priority.
    const mapping = await adminClient(session.instance('jira-cloud'))('GET', `/connections/${await connectionIdOf('jira-cloud')}/visual-mapping`);
    expect(mapping.body.agreed.version).toBe(1);
    await page.close();
  });

  it('Azure DevOps Server reads the proposal’s changes in the hub and approves it', async () => {
    const ado = session.instance('azure-devops-private');
    const adoConnection = await connectionIdOf('azure-devops-private');
    // The proposal reaches the private side on its next poll of the Jira Cloud node.
    await waitFor(
      'the proposal on the Azure DevOps side',
      async () => (await adminClient(ado)('GET', `/connections/${adoConnection}/visual-mapping`)).body.incomingProposal !== null,
      30_000,
    );
    const page = await session.newPage();
    await page.goto(ado.console);
    const app = exalateFrame(page);
    await connectionRow(app, name)
      .getByRole('button', { name: `Edit mapping of ${name}` })
      .click();
    const proposal = app.getByText('Proposal: version 2');
    await proposal.waitFor();
    const changes = app.getByRole('list', { name: 'Proposed changes' });
    await expect(changes.textContent()).resolves.toMatch(/Priority/);
    await session.shoot(page, 'visual-azure-devops-server-proposal');
    await expectAccessible(page);
    await app.getByRole('button', { name: 'Approve', exact: true }).click();
    await app.getByText('Version 2 approved: both sides now run it.').waitFor();
    await app.getByRole('tab', { name: 'History' }).click();
    await app.getByRole('list', { name: 'Published versions' }).getByText('Version 2').waitFor();
    await session.shoot(page, 'visual-azure-devops-server-history');
    await page.close();
  });

  it('an issue created in Jira afterwards follows the new mapping in Azure DevOps: its summary arrives, its priority does not', async () => {
    const jiraInstance = session.instance('jira-cloud');
    const adoInstance = session.instance('azure-devops-private');
    const jiraAdmin = adminClient(jiraInstance);
    const connectionId = await connectionIdOf('jira-cloud');
    await waitFor(
      'version 2 running on the Jira Cloud side',
      async () => (await jiraAdmin('GET', `/connections/${connectionId}/visual-mapping`)).body.agreed.version === 2,
      30_000,
    );
    const jiraUser = new JiraCloudAdapter({ baseUrl: jiraInstance.trackerApi, authorization: jiraInstance.trackerAuth });
    const adoUser = new AzureDevOpsAdapter({ baseUrl: adoInstance.trackerApi, authorization: adoInstance.trackerAuth });
    expect((await jiraAdmin('POST', `/connections/${connectionId}/triggers`, { query: 'project = SUP', active: true })).status).toBe(201);

    const issue = await jiraUser.createItem({
      projectKey: 'SUP',
      type: 'Task',
      summary: 'Invoices print twice',
      description: richTextFromPlain('Since the upgrade.'),
      priority: 'Highest',
    });
    const remoteKey = await waitFor(
      `the twin of ${issue.key}`,
      async () => {
        const twin = await jiraAdmin('GET', `/connections/${connectionId}/twins/${issue.key}`);
        return twin.status === 200 && twin.body.status === 'synchronized' ? (twin.body.remoteKey as string) : undefined;
      },
      45_000,
    );
    const workItem = await adoUser.getItem(remoteKey);
    expect(workItem?.summary).toBe('Invoices print twice');
    // Version 1 would have mapped Highest to 1; version 2 sends no priority, so the work item keeps
    // the priority Azure DevOps gives a new one.
    expect(workItem?.priority).toBe('2');

    const page = await session.newPage();
    await page.goto(jiraInstance.console);
    const app = exalateFrame(page);
    await pressWithKeyboard(page, connectionRow(app, name).getByRole('button', { name: `Edit mapping ${name}` }));
    const editor = app.getByRole('dialog').filter({ hasText: `Mapping: ${name}` });
    await editor.getByRole('tab', { name: 'History' }).click();
    const versions = editor.getByRole('list', { name: 'Published versions' });
    await versions.getByText('Version 2').waitFor();
    await versions.getByRole('button', { name: 'Roll back to version 1' }).waitFor();
    await session.shoot(page, 'visual-jira-cloud-history');
    await expectAccessible(page);
    await editor.getByRole('tab', { name: 'Compiled scripts' }).click();
    await expect(editor.getByLabel('Outgoing sync script (compiled)').inputValue()).resolves.toContain('version 2');
    await session.shoot(page, 'visual-jira-cloud-compiled-scripts');

    // Test run on the issue that crossed: the replica version 2 builds, read only, with nothing written.
    await editor.getByText(/compiled from version 2 \(running now\)/).waitFor();
    await typeWithKeyboard(page, editor.getByLabel('Issue key for a test run'), issue.key);
    await pressWithKeyboard(page, editor.getByRole('button', { name: 'Test run', exact: true }));
    const result = editor.getByLabel('Test run result');
    await result.waitFor();
    const replica = await result.inputValue();
    expect(replica).toContain('Invoices print twice');
    // Version 2 sends no priority: the test run shows the same replica the sync sent.
    expect(replica).not.toContain('Highest');
    await editor.getByText(new RegExp(`^Test run on ${issue.key} with version 2`)).waitFor();
    expect(await result.getAttribute('readonly')).not.toBeNull();
    await result.scrollIntoViewIfNeeded();
    await session.shoot(page, 'visual-jira-cloud-test-run');
    await expectAccessible(page);
    await page.close();
  });
});

describe('Visual mode in the node console (Asana)', () => {
  it('edits a Visual connection’s mapping, and shows a refused draft’s problem in the row it names', async () => {
    const asana = session.instance('asana');
    const jiraServer = session.instance('jira-server');
    const jiraProjects = await adminClient(jiraServer)('GET', '/projects');
    const accepted = await connectInstances(jiraServer, asana, {
      mode: 'visual',
      localName: 'visual-dc',
      remoteName: 'partner-asana',
      name: 'visual-dc_to_partner-asana',
      projectKey: jiraProjects.body[0].key,
    });
    expect(accepted.mode).toBe('visual');

    const page = await session.newPage();
    await page.goto(asana.console);
    const row = connectionRow(page, 'visual-dc_to_partner-asana');
    await row.getByText('Active').waitFor();
    await pressWithKeyboard(page, row.getByRole('button', { name: 'Edit mapping visual-dc_to_partner-asana' }));
    const editor = page.getByRole('dialog', { name: 'Mapping: visual-dc_to_partner-asana' });
    const fields = editor.getByRole('table', { name: 'Fields' });
    await fields.waitFor();
    // Asana has no built-in priority: the mapping a Visual connection starts with has no Priority row and no priority pairs.
    const mappedFields = await fields
      .getByRole('combobox', { name: /field, row/ })
      .evaluateAll((selects) => selects.map((select) => (select as HTMLSelectElement).value));
    expect(mappedFields).toContain('summary');
    expect(mappedFields).not.toContain('priority');
    expect(await editor.getByRole('table', { name: 'Priority pairs' }).count()).toBe(0);
    await session.shoot(page, 'visual-asana-mapping-editor');
    await expectAccessible(page);

    // The reporter is set by Asana itself: a row writing it there is refused, and the reason stands in that row.
    await editor.getByLabel("This side's field, row 1").selectOption('reporter');
    await editor.getByLabel('Direction, row 1').selectOption('to-local');
    await editor.getByRole('button', { name: 'Save draft' }).click();
    await editor.getByText(/^The mapping has (a problem|\d+ problems)/).waitFor();
    const refusedRow = fields.getByRole('row').nth(1);
    await refusedRow.getByText(/Reporter cannot be written in Asana/).waitFor();
    await refusedRow.scrollIntoViewIfNeeded();
    await session.shoot(page, 'visual-asana-mapping-refused');
    await expectAccessible(page);
    await page.close();
  });
});

async function connectionIdOf(instanceId: string): Promise<string> {
  const connections = (await adminClient(session.instance(instanceId))('GET', '/connections')).body as { id: string; name: string }[];
  const found = connections.find((connection) => connection.name === name);
  if (!found) throw new Error(`${instanceId} has no connection ${name}`);
  return found.id;
}
