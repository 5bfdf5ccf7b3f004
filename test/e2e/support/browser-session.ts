import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { createSandbox, type RunningSandbox } from '../../../scripts/sandbox/create-sandbox';
import type { SandboxInstanceDescription } from '../../../scripts/sandbox/sandbox-description';
import { freePort } from '../../support/free-port';
import { findChromium } from './chromium-executable';

/**
 * One sandbox (every emulated tracker, its node and its console, as `npm start` runs them) and one
 * Chromium, for a file of journeys. CHROMIUM names the browser (by default the one npm installs: see
 * chromium-executable.ts). With SCREENSHOTS set to a folder, `shoot` saves each step there, numbered
 * in journey order (`npm run screenshots` sets it to docs/screenshots).
 */
export interface BrowserSession {
  readonly sandbox: RunningSandbox;
  readonly browser: Browser;
  /** One browser profile for the whole session: the admin's clipboard is shared by the consoles. */
  readonly context: BrowserContext;
  instance(id: string): SandboxInstanceDescription;
  newPage(): Promise<Page>;
  shoot(page: Page, name: string): Promise<void>;
  close(): Promise<void>;
}

const screenshotFolder = process.env['SCREENSHOTS'] ? resolve(process.env['SCREENSHOTS']) : null;

export async function startBrowserSession(): Promise<BrowserSession> {
  // Found first: a missing browser is reported before a sandbox is started for nothing.
  const executable = await findChromium();
  const dataDirectory = mkdtempSync(join(tmpdir(), 'exalate-e2e-'));
  const sandbox = await createSandbox({ port: await freePort(), dataDirectory, reconcileIntervalMs: 2_000 });
  const browser = await chromium.launch({
    executablePath: executable.path,
    env: { ...process.env, ...executable.environment },
    // --no-sandbox: CI runs as root, where Chromium's own sandbox cannot start.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(sandbox.baseUrl).origin });
  if (screenshotFolder) mkdirSync(screenshotFolder, { recursive: true });
  let shots = 0;
  return {
    sandbox,
    browser,
    context,
    instance: (id) => {
      const found = sandbox.description.instances.find((candidate) => candidate.id === id);
      if (!found) throw new Error(`The sandbox has no instance "${id}"`);
      return found;
    },
    newPage: async () => {
      const page = await context.newPage();
      page.on('pageerror', (error) => process.stderr.write(`page error on ${page.url()}: ${error.message}\n`));
      return page;
    },
    shoot: async (page, name) => {
      if (!screenshotFolder) return;
      shots += 1;
      // Let transitions (focus rings, panels sliding in) come to rest first.
      await page.waitForTimeout(300);
      await page.screenshot({ path: join(screenshotFolder, `${String(shots).padStart(2, '0')}-${name}.png`) });
    },
    close: async () => {
      await browser.close();
      await sandbox.close();
      rmSync(dataDirectory, { recursive: true, force: true });
    },
  };
}
