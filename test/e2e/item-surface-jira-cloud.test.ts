import type { FrameLocator, Page } from 'playwright-core';
import { adminClient } from '../support/sandbox-client';
import { waitFor } from '../support/wait-for';
import { expectAccessible } from './support/accessibility';
import { startBrowserSession, type BrowserSession } from './support/browser-session';
import { connectInstances } from './support/connect-instances';
import { createIssueFromProjectPage } from './support/jira-issue-page';
import { pressWithKeyboard, typeWithKeyboard } from './support/keyboard';

/**
 * A person on a Jira Cloud issue, in Chromium, by the keyboard alone: the sandbox's Jira issue view
 * with the app's "Exalate" issue panel and "Exalate" issue action, running the Custom UI that
 * `npm run package` ships. Exalate an issue, see its twin synchronized and its changes arrive,
 * Unexalate it, and Connect two existing items. Every page is scanned by axe-core.
 */
jest.setTimeout(180_000);

let session: BrowserSession;
const connectionName = 'Support to Development';

const jira = () => session.instance('jira-cloud');
const ado = () => session.instance('azure-devops');
const itemPageOf = (instance: { itemPage: string }, key: string) => instance.itemPage.replace('{key}', encodeURIComponent(key));
const panel = (page: Page): FrameLocator => page.frameLocator('iframe[title="Exalate"]');
const actionDialog = (page: Page): FrameLocator => page.frameLocator('iframe[title="Exalate this issue"]');

beforeAll(async () => {
  session = await startBrowserSession();
  // The admins' part, done already (the admin journeys walk it in the consoles): Jira Cloud and Azure DevOps connected.
  await connectInstances(jira(), ado(), { localName: 'support', remoteName: 'development', name: connectionName, projectKey: 'SUP' });
});
afterAll(async () => {
  await session?.close();
});

const createIssue = (page: Page, summary: string): Promise<string> => createIssueFromProjectPage(session, page, 'jira-cloud', 'SUP', summary);

/** Opens the issue action from the ••• menu, by keyboard. */
async function openExalateAction(page: Page): Promise<FrameLocator> {
  await pressWithKeyboard(page, page.getByRole('button', { name: 'More actions' }));
  await page.getByRole('menuitem', { name: 'Exalate' }).waitFor();
  await page.keyboard.press('Enter');
  const dialog = actionDialog(page);
  await dialog.getByRole('heading', { name: /Exalate this issue/ }).waitFor();
  return dialog;
}

/** The twin as the node answers it for the panel, read over the admin API. */
const twinsOf = async (instance: ReturnType<typeof jira>, key: string) =>
  (await adminClient(instance)('GET', `/items/${encodeURIComponent(key)}`)).body.twins as { remoteKey: string | null; status: string }[];

describe('the Exalate item surface on a Jira Cloud issue', () => {
  let page: Page;
  let issueKey: string;
  let workItemId: string;

  beforeAll(async () => {
    page = await session.newPage();
  });

  it('exalates an unsynced issue through a connection: the panel shows the twin as a link, Synchronized', async () => {
    issueKey = await createIssue(page, 'Printer on fire');
    const frame = panel(page);
    await frame.getByText(/This issue is not synced/).waitFor();
    await expectAccessible(page);
    await session.shoot(page, 'jira-cloud-item-unsynced');

    const dialog = await openExalateAction(page);
    await dialog.getByText('Sync through a connection').waitFor();
    await session.shoot(page, 'jira-cloud-item-exalate-dialog');
    await expectAccessible(page);
    await pressWithKeyboard(page, dialog.getByRole('button', { name: 'Exalate', exact: true }));

    await frame.getByText('Synchronized').waitFor({ timeout: 60_000 });
    const [twin] = await twinsOf(jira(), issueKey);
    workItemId = twin?.remoteKey ?? '';
    const link = frame.getByRole('link', { name: workItemId });
    expect(await link.getAttribute('href')).toBe(`${ado().trackerApi}/_workitems/edit/${workItemId}`);
    await expect(frame.getByRole('heading', { name: connectionName }).count()).resolves.toBe(1);
    await expectAccessible(page);
    await session.shoot(page, 'jira-cloud-item-synchronized');
  });

  it('shows a change made on the twin on this issue', async () => {
    // The work item is changed in Azure DevOps, through its own REST API (the sandbox's item page posts there).
    const changed = await fetch(`${itemPageOf(ado(), workItemId)}/summary`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: session.sandbox.baseUrl },
      body: 'summary=Printer+on+fire+(tray+2)',
    });
    expect(changed.status).toBe(303);
    await waitFor(
      'the change to reach the issue',
      async () => {
        await page.reload();
        return (await page.getByRole('heading', { level: 1 }).textContent()) === 'Printer on fire (tray 2)';
      },
      60_000,
    );
  });

  it('unexalates: both items stay, and later edits no longer travel', async () => {
    const frame = panel(page);
    await frame.getByText('Synchronized').waitFor({ timeout: 60_000 });
    await pressWithKeyboard(page, frame.getByRole('button', { name: `Unexalate: ${connectionName}` }));
    await frame.getByText(/no longer syncs on/).waitFor();
    await frame.getByText(/This issue is not synced/).waitFor();
    await session.shoot(page, 'jira-cloud-item-unexalated');
    // Both sides forgot the pair: the other side was told.
    await waitFor('the work item to be unlinked too', async () => (await twinsOf(ado(), workItemId)).length === 0);

    await typeWithKeyboard(page, page.getByLabel('Summary'), 'Edited after Unexalate');
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'Summary saved.' }).waitFor();
    expect(await twinsOf(jira(), issueKey)).toEqual([]);
    const queue = await adminClient(jira())('GET', `/connections/${(await adminClient(jira())('GET', '/connections')).body[0].id}/queue`);
    expect(queue.body.entries.filter((entry: { itemKey: string }) => entry.itemKey === issueKey)).toEqual([]);
  });

  it('connects two existing items: they are twins', async () => {
    const otherIssue = await createIssue(page, 'Scanner jams');
    const created = await fetch(
      `${session.sandbox.baseUrl}/azure-devops/projects/${encodeURIComponent((await adminClient(ado())('GET', '/projects')).body[0].key)}/items`,
      {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: session.sandbox.baseUrl },
        body: 'summary=Scanner+is+jammed',
      },
    );
    const existingWorkItem = decodeURIComponent(created.headers.get('location')?.split('/items/')[1] ?? '');
    expect(existingWorkItem).toMatch(/^\d+$/);

    const dialog = await openExalateAction(page);
    await typeWithKeyboard(page, dialog.getByLabel('Remote item key'), existingWorkItem);
    await session.shoot(page, 'jira-cloud-item-connect');
    await pressWithKeyboard(page, dialog.getByRole('button', { name: 'Connect', exact: true }));

    const frame = panel(page);
    await frame.getByRole('link', { name: existingWorkItem }).waitFor({ timeout: 60_000 });
    await frame.getByText('Synchronized').waitFor({ timeout: 60_000 });
    await waitFor('the work item to know its twin', async () => (await twinsOf(ado(), existingWorkItem))[0]?.remoteKey === otherIssue);
    await expectAccessible(page);
    await session.shoot(page, 'jira-cloud-item-connected');
  });
});
