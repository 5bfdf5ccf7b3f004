import type { Page } from 'playwright-core';
import type { BrowserSession } from './browser-session';
import { typeWithKeyboard } from './keyboard';

/** Creates an issue from the sandbox's Jira project page, by keyboard, and lands on its issue view; answers the issue's key. */
export async function createIssueFromProjectPage(
  session: BrowserSession,
  page: Page,
  deployment: 'jira-cloud' | 'jira-server',
  projectKey: string,
  summary: string,
): Promise<string> {
  await page.goto(`${session.sandbox.baseUrl}/${deployment}/projects/${projectKey}`);
  await typeWithKeyboard(page, page.getByLabel('Summary'), summary);
  await page.keyboard.press('Enter');
  await page.waitForURL(new RegExp(`/${deployment}/items/`));
  return decodeURIComponent(page.url().split('/items/')[1]?.split('?')[0] ?? '');
}
