import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createSandbox, type RunningSandbox } from './sandbox/create-sandbox';
import type { SandboxInstanceDescription } from './sandbox/sandbox-description';

// `npx tsx scripts/screenshots.ts`: starts the sandbox on a free port with a throw-away DATA_DIR,
// walks the seeds' flow in a real Chromium (Jira Cloud initiates a private connection in Script
// mode; the private Azure DevOps Server accepts it) and saves what an admin sees to
// docs/screenshots/. It fails loudly if a control with the seeds' name is missing, so it is also a
// smoke test of the console. CHROMIUM overrides the browser path.

const outputDirectory = resolve(__dirname, '..', 'docs', 'screenshots');
const chromiumPath = process.env['CHROMIUM'] ?? '/usr/bin/chromium';
const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'];

async function findFreePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

function instance(sandbox: RunningSandbox, id: string): SandboxInstanceDescription {
  const found = sandbox.description.instances.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`The sandbox has no instance "${id}"`);
  return found;
}

let shotNumber = 0;
async function shoot(page: Page, name: string, note: string): Promise<void> {
  shotNumber += 1;
  const file = `${String(shotNumber).padStart(2, '0')}-${name}.png`;
  // Let transitions (switch, focus ring) settle so the picture shows the resting state.
  await page.waitForTimeout(150);
  await page.screenshot({ path: join(outputDirectory, file), fullPage: true });
  process.stdout.write(`  ${file}  ${note}\n`);
}

/** The focused element's accessible name, to check that each step puts focus where it belongs. */
async function focusedName(page: Page): Promise<string> {
  return page.evaluate(() => {
    const element = document.activeElement;
    if (!(element instanceof HTMLElement)) return '';
    const label = element.id ? document.querySelector(`label[for="${CSS.escape(element.id)}"]`) : null;
    return (element.getAttribute('aria-label') ?? label?.textContent ?? element.textContent ?? '').replace('*', '').trim();
  });
}

async function expectFocus(page: Page, name: string): Promise<void> {
  const actual = await focusedName(page);
  if (actual !== name) throw new Error(`Expected focus on "${name}", found "${actual}"`);
}

async function openConsole(browser: Browser, url: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(url).origin });
  const page = await context.newPage();
  page.on('pageerror', (error) => process.stderr.write(`  page error: ${error.message}\n`));
  page.on('console', (message) => {
    if (message.type() === 'error') process.stderr.write(`  console error: ${message.text()}\n`);
  });
  await page.goto(url);
  await page.getByRole('heading', { name: 'Connections' }).waitFor();
  return page;
}

async function initiatePrivateConnection(page: Page): Promise<string> {
  await page.getByRole('button', { name: 'Initiate Connection' }).click();
  const dialog = page.getByRole('dialog', { name: 'Initiate connection' });
  await dialog.waitFor();
  await shoot(page, 'jira-cloud-initiate-destination', 'Initiate Connection: Destination Instance URL, or I don\'t have a URL');

  await dialog.getByRole('switch', { name: "I don't have a URL" }).check();
  await shoot(page, 'jira-cloud-initiate-no-url', "I don't have a URL is on: a private destination");
  await dialog.getByRole('button', { name: 'Next' }).click();

  await dialog.getByRole('heading', { name: 'Configuration mode' }).waitFor();
  await dialog.getByRole('radio', { name: 'Script' }).check();
  await shoot(page, 'jira-cloud-initiate-mode', 'Script mode chosen; Basic and Visual unavailable, with the reason');
  await dialog.getByRole('button', { name: 'Next' }).click();

  await dialog.getByRole('heading', { name: 'Connection information' }).waitFor();
  await expectFocus(page, 'Local instance short name');
  await dialog.getByRole('button', { name: 'Next' }).click();
  await dialog.getByText('Enter a short name for your instance').waitFor();
  await shoot(page, 'jira-cloud-initiate-information-errors', 'Next with empty fields: the wizard\'s own messages, focus on the first');
  // Typed as a person types: every keystroke goes through the wizard.
  await dialog.getByRole('textbox', { name: 'Local instance short name' }).pressSequentially('acme-jira');
  await dialog.getByRole('textbox', { name: 'Remote instance short name' }).pressSequentially('partner-ado');
  await dialog.getByRole('textbox', { name: 'Description' }).fill('Support escalations to the partner\'s on-premise Azure DevOps');
  const connectionName = await dialog.getByRole('textbox', { name: 'Connection name' }).inputValue();
  if (connectionName !== 'acme-jira_to_partner-ado') throw new Error(`Unexpected proposed connection name "${connectionName}"`);
  await shoot(page, 'jira-cloud-initiate-information', 'Connection information filled; the connection name follows the short names');
  // Enter in a text field submits the step, as Next does.
  await dialog.getByRole('textbox', { name: 'Remote instance short name' }).press('Enter');

  await dialog.getByRole('heading', { name: 'Select a project for the incoming sync' }).waitFor();
  const picker = dialog.getByRole('combobox', { name: 'Project' });
  await picker.and(page.locator(':enabled')).waitFor();
  await picker.selectOption('SUP');
  await shoot(page, 'jira-cloud-initiate-project', 'Project for incoming sync, fed by GET /projects');
  await dialog.getByRole('button', { name: 'Initiate' }).click();

  await dialog.getByRole('heading', { name: 'Copy invitation code' }).waitFor();
  await expectFocus(page, 'Copy invitation code');
  await dialog.getByRole('button', { name: 'Copy invitation code' }).click();
  await dialog.getByRole('button', { name: 'Copied' }).waitFor();
  const code = await dialog.getByRole('textbox', { name: 'Invitation code' }).inputValue();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  if (copied !== code) throw new Error('The clipboard does not hold the invitation code');
  await shoot(page, 'jira-cloud-initiate-invitation', 'The invitation code, copied; the destination shows "unknown"');
  await dialog.getByRole('button', { name: 'Done' }).click();
  await dialog.waitFor({ state: 'detached' });
  await expectFocus(page, 'Initiate Connection');
  await page.getByText('Pending', { exact: true }).waitFor();
  await shoot(page, 'jira-cloud-connections-pending', 'The new connection, Pending, remote side "unknown"');
  return code;
}

async function acceptInvitation(page: Page, code: string): Promise<void> {
  await page.getByRole('button', { name: 'Accept Invitation' }).click();
  const dialog = page.getByRole('dialog', { name: 'Accept invitation' });
  await dialog.waitFor();
  await expectFocus(page, 'Invitation code');
  await page.keyboard.insertText(code);
  await shoot(page, 'azure-devops-private-accept-code', 'Accept Invitation on the private side: the code pasted');
  // Keyboard only from here: Tab to Next, Enter.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expectFocus(page, 'Next');
  await page.keyboard.press('Enter');

  await dialog.getByRole('heading', { name: 'Invitation', exact: true }).waitFor();
  await shoot(page, 'azure-devops-private-accept-preview', 'Who invites, the tracker, the mode and the connection name');
  await dialog.getByRole('button', { name: 'Next' }).click();

  const picker = dialog.getByRole('combobox', { name: 'Project' });
  await picker.and(page.locator(':enabled')).waitFor();
  await picker.selectOption('Fabrikam Fiber');
  await shoot(page, 'azure-devops-private-accept-project', 'Project for incoming sync on the Azure DevOps side');
  await dialog.getByRole('button', { name: 'Accept' }).click();

  await dialog.getByRole('heading', { name: 'Connection accepted' }).waitFor();
  await shoot(page, 'azure-devops-private-accepted', 'Accepted: the connection is active on both sides');
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  await page.getByText('Active', { exact: true }).waitFor();
  await shoot(page, 'azure-devops-private-connections-active', 'The private side\'s list: Active, Deactivate / Check / Delete');
  // The private side can reach the public one: Check sends it a signed ping.
  await page.getByRole('button', { name: /^Check / }).click();
  await page.getByText('answered a signed ping').waitFor();
  await shoot(page, 'azure-devops-private-check', 'Check: the signed ping answered, with the status on the other side');
}

async function showOtherThemes(browser: Browser, sandbox: RunningSandbox): Promise<void> {
  const asana = await openConsole(browser, instance(sandbox, 'asana').console);
  await asana.getByRole('button', { name: 'Initiate Connection' }).click();
  const dialog = asana.getByRole('dialog', { name: 'Initiate connection' });
  await dialog.getByRole('textbox', { name: 'Destination Instance URL' }).fill(instance(sandbox, 'jira-server').url ?? '');
  await dialog.getByRole('button', { name: 'Next' }).click();
  await dialog.getByRole('heading', { name: 'Configuration mode' }).waitFor();
  await dialog.getByRole('radio', { name: 'Script' }).check();
  await shoot(asana, 'asana-initiate-mode', 'Asana theme: a public destination (Jira Server) inspected, its modes offered');
  await asana.context().close();

  const jiraServer = await openConsole(browser, instance(sandbox, 'jira-server').console);
  // Tabs follow the WAI-ARIA pattern: the arrow keys move between them.
  await jiraServer.getByRole('tab', { name: 'Connections' }).focus();
  await jiraServer.keyboard.press('ArrowRight');
  await jiraServer.getByRole('heading', { name: 'General settings' }).waitFor();
  await shoot(jiraServer, 'jira-server-general-settings', 'Jira Server / DC: General settings with its licence state');
  await jiraServer.context().close();
}

/** A self-hosted node's page carries no token: the page is served as such a node would serve it. */
async function showSignIn(browser: Browser, sandbox: RunningSandbox): Promise<void> {
  const target = instance(sandbox, 'jira-server');
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.route(`${target.console}/`, async (route) => {
    const response = await route.fetch();
    const body = (await response.text()).replace(/"adminToken":"[^"]*"/, '"adminToken":null');
    await route.fulfill({ response, body });
  });
  await page.goto(`${target.console}/`);
  const token = page.getByLabel('Admin token');
  await token.waitFor();
  await token.fill('not-the-token');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByText('did not accept this admin token').waitFor();
  await shoot(page, 'jira-server-sign-in-refused', 'Self-hosted node: sign in with the admin token; a wrong one is refused');
  await token.fill(target.adminToken);
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Connections' }).waitFor();
  // The token is kept in sessionStorage: a reload stays signed in.
  await page.reload();
  await page.getByRole('heading', { name: 'Connections' }).waitFor();
  await context.close();
}

async function main(): Promise<void> {
  mkdirSync(outputDirectory, { recursive: true });
  const dataDirectory = mkdtempSync(join(tmpdir(), 'exalate-screenshots-'));
  const port = await findFreePort();
  const sandbox = await createSandbox({ port, dataDirectory });
  const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: chromiumArgs });
  process.stdout.write(`Sandbox at ${sandbox.baseUrl}; screenshots in ${outputDirectory}\n`);
  try {
    const jiraCloud = await openConsole(browser, instance(sandbox, 'jira-cloud').console);
    await shoot(jiraCloud, 'jira-cloud-connections-empty', 'Jira Cloud console, Connections tab, nothing yet');
    const code = await initiatePrivateConnection(jiraCloud);

    const azureDevOpsPrivate = await openConsole(browser, instance(sandbox, 'azure-devops-private').console);
    await acceptInvitation(azureDevOpsPrivate, code);

    // No reload: the initiator's list polls while a connection is Pending.
    await jiraCloud.getByText('Active', { exact: true }).waitFor({ timeout: 15_000 });
    await shoot(jiraCloud, 'jira-cloud-connections-active', 'Back on Jira Cloud, without a reload: Active');

    await azureDevOpsPrivate.getByRole('tab', { name: 'General settings' }).click();
    await shoot(azureDevOpsPrivate, 'azure-devops-private-general-settings', 'The private node: no URL, so "private"');
    await azureDevOpsPrivate.getByRole('tab', { name: 'Connections' }).click();
    await azureDevOpsPrivate.getByRole('button', { name: /^Delete / }).click();
    await azureDevOpsPrivate.getByRole('alertdialog').waitFor();
    await shoot(azureDevOpsPrivate, 'azure-devops-private-delete-confirm', 'Delete asks first; Cancel has the focus');
    await azureDevOpsPrivate.keyboard.press('Escape');

    await showOtherThemes(browser, sandbox);
    await showSignIn(browser, sandbox);
  } finally {
    await browser.close();
    await sandbox.close();
    rmSync(dataDirectory, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`Screenshots failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
