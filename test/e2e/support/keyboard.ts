import type { Locator, Page } from 'playwright-core';

/**
 * An admin with no mouse: Tab (or Shift+Tab) until the control has focus, then keys. A control
 * that Tab never reaches fails the journey, which is the point. Locators find controls by their
 * accessible names, so each step also checks the control is named as the seeds name it.
 */
const maximumTabs = 60;

async function isFocused(control: Locator): Promise<boolean> {
  return control.evaluate((element) => element === element.ownerDocument.activeElement && element.ownerDocument.hasFocus()).catch(() => false);
}

/**
 * Composite widgets (a command bar's menu items, tabs) take one Tab stop and move inside with the
 * arrow keys, as WAI-ARIA prescribes: true when focus is in the same such widget as the control.
 */
async function isInSameCompositeWidget(control: Locator): Promise<boolean> {
  return control
    .evaluate((element) => {
      const widget = element.closest('[role=menubar], [role=toolbar], [role=tablist], [role=menu]');
      return widget !== null && widget.contains(element.ownerDocument.activeElement) && element.ownerDocument.hasFocus();
    })
    .catch(() => false);
}

export async function tabTo(page: Page, control: Locator, direction: 'forward' | 'backward' = 'forward'): Promise<void> {
  await control.waitFor({ state: 'visible' });
  for (let presses = 0; presses < maximumTabs; presses++) {
    if (await isFocused(control)) return;
    if (await isInSameCompositeWidget(control)) {
      for (let moves = 0; moves < 10 && !(await isFocused(control)); moves++) await page.keyboard.press('ArrowRight');
      if (await isFocused(control)) return;
    }
    await page.keyboard.press(direction === 'forward' ? 'Tab' : 'Shift+Tab');
  }
  throw new Error(`Tab never reached ${control.toString()}`);
}

/** Tab to a button or link and press Enter. */
export async function pressWithKeyboard(page: Page, control: Locator, key = 'Enter'): Promise<void> {
  await tabTo(page, control);
  await page.keyboard.press(key);
}

/** Tab to a text field and type into it, key by key. */
export async function typeWithKeyboard(page: Page, field: Locator, text: string): Promise<void> {
  await tabTo(page, field);
  await page.keyboard.press('Control+A');
  await page.keyboard.type(text);
}

/** Tab into a radio group, move with the arrow keys to the option, and choose it with Space. */
export async function chooseRadioWithKeyboard(page: Page, group: Locator, option: Locator): Promise<void> {
  await option.waitFor({ state: 'attached' });
  for (let presses = 0; presses < maximumTabs; presses++) {
    const focusInGroup = await group
      .evaluate((element) => element.contains(element.ownerDocument.activeElement) && element.ownerDocument.hasFocus())
      .catch(() => false);
    if (focusInGroup) break;
    await page.keyboard.press('Tab');
  }
  const radios = await group.getByRole('radio').count();
  for (let moves = 0; moves <= radios && !(await isFocused(option)); moves++) await page.keyboard.press('ArrowDown');
  if (!(await isFocused(option))) throw new Error(`The arrow keys never reached ${option.toString()}`);
  await page.keyboard.press('Space');
}
