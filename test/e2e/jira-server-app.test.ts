import type { FrameLocator, Page } from 'playwright-core';
import { waitFor } from '../support/wait-for';
import { expectAccessible } from './support/accessibility';
import { startBrowserSession, type BrowserSession } from './support/browser-session';
import { chooseRadioWithKeyboard, pressWithKeyboard, tabTo, typeWithKeyboard } from './support/keyboard';

/**
 * The fourth guide ("Initiate a Connection in Script Mode for Jira On-premise") from Jira Data
 * Center's own administration, by keyboard alone: Administration (⚙) → Manage apps → Exalate →
 * Connections (the section the packaged plugin adds), into the console without a pasted token (Jira
 * tells the node who is coming), then Initiate Connection with the Destination Instance URL, Script
 * mode (the sandbox's Jira holds no licence for the plugin, as a real one does), the connection
 * information, the project, Initiate, Copy invitation code, Done; and Jira Cloud accepts the code.
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

describe('Jira DC: Administration → Manage apps → Exalate → Connections, the fourth guide by keyboard alone', () => {
  let page: Page;
  let code = '';

  beforeAll(async () => {
    page = await session.newPage();
  });

  it('finds Exalate in Manage apps, with the pages the plugin adds, and enters the console as the Jira administrator', async () => {
    const jiraServer = session.instance('jira-server');
    expect(new URL(jiraServer.console).pathname).toBe('/jira-server/jira/plugins/servlet/upm');
    await page.goto(`${new URL(jiraServer.console).origin}/jira-server/jira/secure/Dashboard.jspa`);
    await pressWithKeyboard(page, page.getByRole('button', { name: 'Administration' }));
    await page.getByRole('menuitem', { name: 'Manage apps' }).waitFor();
    await session.shoot(page, 'jira-server-administration-menu');
    await pressWithKeyboard(page, page.getByRole('menuitem', { name: 'Manage apps' }));
    // The menu item is a link: wait for Manage apps to load before reading it (a read during the
    // navigation has nothing to read).
    await page.waitForURL(jiraServer.console);
    const sidebar = page.getByRole('navigation', { name: 'Manage apps' });
    const exalate = sidebar.getByRole('list', { name: 'Exalate' });
    await exalate.getByRole('link', { name: 'General settings' }).waitFor();
    expect(await exalate.getByRole('link').allTextContents()).toEqual(['Connections', 'Triggers', 'Sync queue', 'Errors', 'General settings']);
    await session.shoot(page, 'jira-server-manage-apps-exalate');
    await expectAccessible(page);

    // "Click Settings → Apps & click Connections under the Exalate menu."
    await pressWithKeyboard(page, exalate.getByRole('link', { name: 'Connections' }));
    await page.getByRole('button', { name: 'Initiate Connection' }).waitFor();
    expect(page.url()).toBe(`${new URL(jiraServer.console).origin}/jira-server/console/#connections`);
    // The session Jira's entry handed over, not the sandbox's admin token, is what the console keeps.
    expect(await page.evaluate(() => sessionStorage.getItem('exalate.adminToken'))).toMatch(/^jds1\./);
    await session.shoot(page, 'jira-server-connections-from-jira');
    await expectAccessible(page);
  });

  it('initiates a public Script connection to Jira Cloud by its Destination Instance URL, and copies the code', async () => {
    await pressWithKeyboard(page, page.getByRole('button', { name: 'Initiate Connection' }));
    const dialog = page.getByRole('dialog', { name: 'Initiate connection' });
    await typeWithKeyboard(page, dialog.getByRole('textbox', { name: 'Destination Instance URL' }), session.instance('jira-cloud').url ?? '');
    await session.shoot(page, 'jira-server-guide-destination');
    await pressWithKeyboard(page, dialog.getByRole('button', { name: 'Next' }));
    await dialog.getByRole('heading', { name: 'Configuration mode' }).waitFor();
    // The mode step says what it checked: the plugin is installed in Jira with no licence, which is fine.
    await dialog.getByText(/asked Jira's Manage apps \(UPM\) about org\.exalate\.open\.jira; the app is installed with no licence/).waitFor();
    await chooseRadioWithKeyboard(page, dialog.getByRole('radiogroup'), dialog.getByRole('radio', { name: 'Script' }));
    await session.shoot(page, 'jira-server-guide-mode-script');
    await expectAccessible(page);
    await pressWithKeyboard(page, dialog.getByRole('button', { name: 'Next' }));
    await typeWithKeyboard(page, dialog.getByRole('textbox', { name: 'Local instance short name' }), 'acme-dc');
    await typeWithKeyboard(page, dialog.getByRole('textbox', { name: 'Remote instance short name' }), 'acme-cloud-2');
    expect(await dialog.getByRole('textbox', { name: 'Connection name' }).inputValue()).toBe('acme-dc_to_acme-cloud-2');
    await typeWithKeyboard(page, dialog.getByRole('textbox', { name: 'Description' }), 'Engineering issues with Jira Cloud');
    await session.shoot(page, 'jira-server-guide-information');
    await pressWithKeyboard(page, dialog.getByRole('button', { name: 'Next' }));
    const project = dialog.getByRole('combobox', { name: 'Project' });
    await project.and(page.locator(':enabled')).waitFor();
    await tabTo(page, project);
    await page.keyboard.press('ArrowDown');
    expect(await project.inputValue()).not.toBe('');
    await session.shoot(page, 'jira-server-guide-project');
    await pressWithKeyboard(page, dialog.getByRole('button', { name: 'Initiate', exact: true }));
    await pressWithKeyboard(page, dialog.getByRole('button', { name: 'Copy invitation code' }));
    code = await dialog.getByRole('textbox', { name: 'Invitation code' }).inputValue();
    expect(code).toMatch(/^exa1\./);
    await waitFor('the invitation code on the clipboard', async () => (await page.evaluate(() => navigator.clipboard.readText())) === code);
    await session.shoot(page, 'jira-server-guide-invitation');
    await expectAccessible(page);
    await pressWithKeyboard(page, dialog.getByRole('button', { name: 'Done' }));
    await page.getByRole('row').filter({ hasText: 'acme-dc_to_acme-cloud-2' }).filter({ hasText: 'Pending' }).waitFor();
  });

  it('Jira Cloud accepts the code; the Connections page shows the connection Active after a refresh', async () => {
    const jira = await session.newPage();
    await jira.goto(session.instance('jira-cloud').console);
    const app = exalateFrame(jira);
    await pressWithKeyboard(jira, app.getByRole('button', { name: 'Accept Invitation' }));
    const accept = app.getByRole('dialog');
    await tabTo(jira, accept.getByLabel('Invitation code'));
    await jira.keyboard.press('Control+V');
    await pressWithKeyboard(jira, accept.getByRole('button', { name: 'Next' }));
    await accept.getByText('acme-dc_to_acme-cloud-2').first().waitFor();
    await pressWithKeyboard(jira, accept.getByRole('button', { name: 'Next' }));
    await tabTo(jira, accept.getByLabel('Project', { exact: true }));
    await jira.keyboard.type('Development');
    await jira.keyboard.press('Enter');
    await pressWithKeyboard(jira, accept.getByRole('button', { name: 'Accept', exact: true }));
    await accept.getByText('Connection accepted').first().waitFor();
    await jira.close();

    // "Refresh the Connections page to see the Connection status change."
    await page.reload();
    await page.getByRole('row').filter({ hasText: 'acme-dc_to_acme-cloud-2' }).filter({ hasText: 'Active' }).waitFor();
    await session.shoot(page, 'jira-server-guide-active');
    await page.close();
  });
});
