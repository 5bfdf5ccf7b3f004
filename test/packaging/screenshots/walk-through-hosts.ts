import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type FrameLocator } from 'playwright-core';
import { richTextFromPlain, type TrackerItem } from '../../../core';
import { MemoryTracker } from '../../fakes/memory-tracker';
import { startTestNode } from '../../support/test-node';
import { startHarness } from './harness-server';

/**
 * Walks the packaged Forge Custom UI and Azure DevOps hub, each inside an imitation of its host,
 * through the seeds' steps, finding every control by the seeds' words (its accessible name), with
 * real nodes behind them. Each step waits for what the admin would see next, so a missing label
 * or a broken step fails the walk. With `screenshots` set, each step is photographed there
 * (jira-cloud-*.png, azure-devops-*.png). Needs `npm run package` first.
 */
const root = join(__dirname, '../../..');

export interface WalkOptions {
  /** Where to write the screenshots; null to only walk. */
  readonly screenshots: string | null;
}

function issue(key: string, summary: string): TrackerItem {
  return {
    key, projectKey: key.split('-')[0] ?? 'SUP', type: 'Task', summary, description: richTextFromPlain(summary), status: 'To Do', priority: 'High', labels: [],
    assignee: null, reporter: null, comments: [], attachments: [], customFields: {}, parentKey: null, updated: new Date().toISOString(), url: `https://acme.example/${key}`,
  };
}

export async function walkThroughHosts(options: WalkOptions): Promise<{ readonly steps: readonly string[] }> {
  const steps: string[] = [];
  const jiraConsole = join(root, 'dist/jira-cloud/static/console');
  const hub = join(root, 'dist/azure-devops/extension/hub');
  if (!existsSync(join(jiraConsole, 'console.js')) || !existsSync(join(hub, 'hub.js'))) throw new Error('Run `npm run package` first: the screenshots show the packaged bundles.');
  if (options.screenshots !== null) mkdirSync(options.screenshots, { recursive: true });

  const jira = new MemoryTracker('jira-cloud', [{ key: 'SUP', name: 'Customer Support' }, { key: 'DEV', name: 'Development' }, { key: 'OPS', name: 'Operations' }]);
  const ado = new MemoryTracker('azure-devops', [{ key: 'Support', name: 'Support' }, { key: 'Platform', name: 'Platform' }]);
  const jiraNode = await startTestNode({ name: 'jira-cloud', isPublic: true, tracker: jira });
  const adoNode = await startTestNode({ name: 'azure-devops', isPublic: false, tracker: ado });
  const harness = await startHarness({
    jiraConsoleDirectory: jiraConsole,
    azureDevOpsHubDirectory: hub,
    jiraNode: { origin: jiraNode.adminApi.replace(/\/api\/v1$/, ''), adminToken: jiraNode.adminToken },
    azureDevOpsNode: { origin: adoNode.adminApi.replace(/\/api\/v1$/, ''), adminToken: adoNode.adminToken },
  });
  const browser = await chromium.launch({ executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: harness.origin });
    const page = await context.newPage();
    const shot = async (name: string) => {
      steps.push(name);
      if (options.screenshots !== null) await page.screenshot({ path: join(options.screenshots, `${name}.png`) });
    };
    const settle = () => page.waitForTimeout(400);

    // Jira Cloud: Initiate Connection to a private Azure DevOps organization (the Jira Cloud seed).
    await page.goto(`${harness.origin}/jira?route=connections`);
    const jiraApp = page.frameLocator('iframe[title="Exalate"]');
    await jiraApp.getByText('No connections yet').waitFor();
    await shot('jira-cloud-connections-empty');
    await jiraApp.getByRole('button', { name: 'Initiate Connection' }).click();
    await jiraApp.getByRole('dialog').waitFor();
    await settle();
    await shot('jira-cloud-initiate-destination');
    await jiraApp.getByLabel("I don't have a URL").first().check({ force: true });
    await settle();
    await shot('jira-cloud-initiate-no-url');
    await jiraApp.getByRole('button', { name: 'Next' }).click();
    await jiraApp.getByText('Configuration mode').waitFor();
    await jiraApp.getByLabel('Script').check({ force: true });
    await settle();
    await shot('jira-cloud-initiate-mode');
    await jiraApp.getByRole('button', { name: 'Next' }).click();
    await jiraApp.getByLabel('Local instance short name').fill('acme_jira');
    await jiraApp.getByLabel('Remote instance short name').fill('acme_ado');
    await jiraApp.getByLabel('Description').fill('Customer escalations between support and engineering');
    await settle();
    await shot('jira-cloud-initiate-information');
    await jiraApp.getByRole('button', { name: 'Next' }).click();
    await jiraApp.getByText('Select a project for the incoming sync').first().waitFor();
    await chooseAtlaskitOption(jiraApp, 'Project', 'Customer Support (SUP)');
    await settle();
    await shot('jira-cloud-initiate-project');
    await jiraApp.getByRole('button', { name: 'Initiate', exact: true }).click();
    await jiraApp.getByRole('button', { name: 'Copy invitation code' }).waitFor();
    await jiraApp.getByRole('button', { name: 'Copy invitation code' }).click();
    await settle();
    await shot('jira-cloud-initiate-invitation');
    const invitationCode = await jiraApp.getByLabel('Invitation code').inputValue();
    await jiraApp.getByRole('button', { name: 'Done' }).click();
    await settle();
    await shot('jira-cloud-connections-pending');

    // Azure DevOps: the organization's node URL first, then Accept Invitation (the ADO seed).
    await page.goto(`${harness.origin}/ado?fresh=1`);
    const hubApp = page.frameLocator('#hub-frame');
    await hubApp.getByLabel('Node URL').waitFor();
    await settle();
    await shot('azure-devops-node-url');
    await hubApp.getByLabel('Node URL').fill(`${harness.origin}/ado-node`);
    await hubApp.getByRole('button', { name: 'Save' }).click();
    await hubApp.getByText('No connections yet').waitFor();
    await settle();
    await shot('azure-devops-connections-empty');
    // The header's command bar renders its buttons as menu items.
    await hubApp.getByRole('menuitem', { name: 'Accept Invitation' }).click();
    await hubApp.getByLabel('Invitation code').fill(invitationCode);
    await settle();
    await shot('azure-devops-accept-code');
    await hubApp.getByRole('button', { name: 'Next' }).click();
    await hubApp.getByText('Invited by').waitFor();
    await settle();
    await shot('azure-devops-accept-preview');
    await hubApp.getByRole('button', { name: 'Next' }).click();
    await hubApp.getByRole('button', { name: 'Project' }).click();
    await hubApp.getByRole('option', { name: 'Support' }).first().click();
    await settle();
    await shot('azure-devops-accept-project');
    await hubApp.getByRole('button', { name: 'Accept', exact: true }).click();
    await hubApp.getByText('Connection accepted').waitFor();
    await settle();
    await shot('azure-devops-accepted');
    await hubApp.getByRole('button', { name: 'Done' }).click();
    await hubApp.getByText('acme_jira_to_acme_ado').waitFor();
    await settle();
    await shot('azure-devops-connections-active');

    // Something to show on the other pages: a trigger, waiting changes and a script error.
    const connectionId = (await jiraNode.admin('GET', '/connections')).body[0].id as string;
    await jiraNode.admin('POST', `/connections/${connectionId}/triggers`, { query: 'project = SUP AND labels = customer', active: true });
    for (const [key, summary] of [['SUP-1', 'Printer on fire'], ['SUP-2', 'VPN drops every hour']] as const) {
      jira.items.set(key, issue(key, summary));
      await jiraNode.admin('POST', `/connections/${connectionId}/sync`, { issueKey: key });
    }
    await jiraNode.admin('PUT', `/connections/${connectionId}/rules`, { outgoing: "replica.summary = issue.summary\nif (!issue.priority) throw new Error('Set a priority: the partner needs one.')", incoming: '' });
    jira.items.set('SUP-3', { ...issue('SUP-3', 'Refund not received'), priority: null });
    await jiraNode.admin('POST', `/connections/${connectionId}/sync`, { issueKey: 'SUP-3' });
    await adoNode.admin('POST', `/connections/${connectionId}/triggers`, { query: "[System.TeamProject] = 'Support'", active: true });
    await adoNode.admin('PUT', `/connections/${connectionId}/rules`, { outgoing: "replica.summary = issue.summary\nthrow new Error('The Region field is missing on this work item type.')", incoming: '' });
    ado.items.set('Support-7', issue('Support-7', 'Checkout page times out'));
    await adoNode.admin('POST', `/connections/${connectionId}/sync`, { issueKey: 'Support-7' });

    for (const route of ['connections', 'triggers', 'sync-queue', 'errors', 'general-settings'] as const) {
      await page.goto(`${harness.origin}/jira?route=${route}`);
      await jiraApp.getByRole('heading', { level: 1 }).waitFor();
      await page.waitForTimeout(900);
      await shot(`jira-cloud-${route === 'connections' ? 'connections-active' : route}`);
    }
    await page.goto(`${harness.origin}/jira?route=connections`);
    await jiraApp.getByRole('button', { name: 'Edit rules' }).click();
    await jiraApp.getByLabel('Outgoing sync script').waitFor();
    await page.waitForTimeout(600);
    await shot('jira-cloud-rules');

    await page.goto(`${harness.origin}/ado`);
    for (const [tab, name] of [['Triggers', 'triggers'], ['Sync queue', 'sync-queue'], ['Errors', 'errors'], ['General settings', 'general-settings']] as const) {
      await hubApp.getByRole('tab', { name: tab }).click();
      await page.waitForTimeout(900);
      await shot(`azure-devops-${name}`);
    }
  } finally {
    await browser.close();
    await harness.close();
    await jiraNode.close();
    await adoNode.close();
  }
  return { steps };
}

/** Atlaskit's Select is a combobox: open it, then pick the option by its text. */
async function chooseAtlaskitOption(frame: FrameLocator, label: string, option: string): Promise<void> {
  await frame.getByLabel(label, { exact: true }).click();
  await frame.getByText(option, { exact: true }).click();
}

