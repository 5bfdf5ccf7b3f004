import type { FrameLocator, Page } from 'playwright-core';
import { adminClient } from '../support/sandbox-client';
import { expectAccessible } from './support/accessibility';
import { startBrowserSession, type BrowserSession } from './support/browser-session';
import { connectInstances } from './support/connect-instances';
import { createIssueFromProjectPage } from './support/jira-issue-page';
import { pressWithKeyboard } from './support/keyboard';

/**
 * A Jira administrator on a Jira Data Center issue, in Chromium, by the keyboard alone: the sandbox's
 * Jira DC issue view with the plugin's "Exalate" web panel framing the node's item surface page.
 * Signed in to Jira already, they sign in to Exalate from the panel (Jira's entry runs in a window of
 * its own and hands the session back to the panel), then Exalate an unsynced issue through a
 * connection and see its twin, a link, Synchronized. Every page is scanned by axe-core.
 */
jest.setTimeout(180_000);

let session: BrowserSession;
const connectionName = 'Engineering to Development';

const jiraServer = () => session.instance('jira-server');
const ado = () => session.instance('azure-devops');
const panel = (page: Page): FrameLocator => page.frameLocator('iframe[title="Exalate"]');

beforeAll(async () => {
  session = await startBrowserSession();
  // The admins' part, done already (the admin journeys walk it in the consoles): Jira DC and Azure DevOps connected.
  await connectInstances(jiraServer(), ado(), { localName: 'engineering', remoteName: 'development', name: connectionName, projectKey: 'ENG' });
});
afterAll(async () => {
  await session?.close();
});

const createIssue = (page: Page, summary: string): Promise<string> => createIssueFromProjectPage(session, page, 'jira-server', 'ENG', summary);

describe('the Exalate panel on a Jira Data Center issue', () => {
  let page: Page;

  beforeAll(async () => {
    page = await session.newPage();
    // The administrator is signed in to Jira: its pages set Jira's session cookie.
    await page.goto(jiraServer().console);
  });

  it('signs in from the panel through Jira, then exalates an unsynced issue: the twin as a link, Synchronized', async () => {
    const issueKey = await createIssue(page, 'Build agents run out of disk');
    const frame = panel(page);
    const signIn = frame.getByRole('button', { name: 'Sign in to Exalate' });
    await signIn.waitFor();
    // Without a session the panel offers only the way in.
    await expect(frame.getByRole('button').count()).resolves.toBe(1);
    await expect(frame.getByText(/This issue is not synced/).count()).resolves.toBe(0);
    await expectAccessible(page);
    await session.shoot(page, 'jira-server-item-sign-in');

    const signInWindow = page.waitForEvent('popup');
    await pressWithKeyboard(page, signIn);
    // Jira's entry in its own window: Jira knows its administrator, the node hands the session back and the window closes.
    const opened = await signInWindow;
    await opened.waitForEvent('close', { timeout: 30_000 });
    await frame.getByText(/This issue is not synced/).waitFor();
    await expectAccessible(page);
    await session.shoot(page, 'jira-server-item-unsynced');

    await pressWithKeyboard(page, frame.getByRole('button', { name: 'Exalate this issue' }));
    await frame.getByRole('heading', { name: 'Sync through a connection' }).waitFor();
    await expect(frame.getByLabel('Connection', { exact: true }).inputValue()).resolves.not.toBe('');
    await expectAccessible(page);
    await session.shoot(page, 'jira-server-item-exalate');
    await pressWithKeyboard(page, frame.getByRole('button', { name: 'Exalate', exact: true }));

    await frame.getByText('Synchronized').waitFor({ timeout: 60_000 });
    const twins = (await adminClient(jiraServer())('GET', `/items/${encodeURIComponent(issueKey)}`)).body.twins as { remoteKey: string | null }[];
    const workItemId = twins[0]?.remoteKey ?? '';
    expect(workItemId).toMatch(/^\d+$/);
    const link = frame.getByRole('link', { name: workItemId });
    expect(await link.getAttribute('href')).toBe(`${ado().trackerApi}/_workitems/edit/${workItemId}`);
    await expect(frame.getByRole('heading', { name: connectionName }).count()).resolves.toBe(1);
    await expectAccessible(page);
    await session.shoot(page, 'jira-server-item-synchronized');
  });
});
