import type { Locator, Page } from 'playwright-core';
import { pressWithKeyboard, tabTo, typeWithKeyboard } from './keyboard';

/**
 * The Initiate Connection wizard in Jira Cloud, from its mode step on, by keyboard: Next, both short
 * names, the Customer Support project for the incoming sync, and Copy invitation code. Answers the
 * code the wizard shows, which the acceptor then pastes.
 */
export async function finishJiraCloudInitiation(
  page: Page,
  dialog: Locator,
  names: { readonly localName: string; readonly remoteName: string },
): Promise<string> {
  await pressWithKeyboard(page, dialog.getByRole('button', { name: 'Next' }));
  await typeWithKeyboard(page, dialog.getByLabel('Local instance short name'), names.localName);
  await typeWithKeyboard(page, dialog.getByLabel('Remote instance short name'), names.remoteName);
  await pressWithKeyboard(page, dialog.getByRole('button', { name: 'Next' }));
  await dialog.getByText('Select a project for the incoming sync').first().waitFor();
  await tabTo(page, dialog.getByLabel('Project', { exact: true }));
  await page.keyboard.type('Customer Support');
  await page.keyboard.press('Enter');
  await pressWithKeyboard(page, dialog.getByRole('button', { name: 'Next', exact: true }));
  await pressWithKeyboard(page, dialog.getByRole('button', { name: 'Copy invitation code' }));
  return dialog.getByLabel('Invitation code').inputValue();
}
