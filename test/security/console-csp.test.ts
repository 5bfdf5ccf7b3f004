import Fastify, { type FastifyInstance } from 'fastify';
import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { consoleRoutes } from '../../hosts/node/ui/console-routes';
import { createSandbox, type RunningSandbox } from '../../scripts/sandbox/create-sandbox';
import { findChromium } from '../e2e/support/chromium-executable';
import { freePort } from '../support/free-port';

/** Each console page, where it is served, and who may frame it. */
interface ConsolePage {
  readonly name: string;
  readonly url: string;
  /** The frame-ancestors sources the page must carry; empty: 'none'. */
  readonly frameAncestors: readonly string[];
  /** A script file the page loads: requested only if the page was allowed to load. */
  readonly script: string;
}

function directives(policy: string | null): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const part of (policy ?? '').split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) map.set(name.toLowerCase(), values);
  }
  return map;
}

describe('console pages: Content-Security-Policy and framing', () => {
  let sandbox: RunningSandbox;
  let production: FastifyInstance;
  let productionOrigin: string;
  let attacker: Server;
  let attackerOrigin: string;
  let attackerPage = '';
  let browser: Browser;
  let pages: ConsolePage[];

  beforeAll(async () => {
    sandbox = await createSandbox({ port: await freePort(), dataDirectory: mkdtempSync(join(tmpdir(), 'exalate-csp-')) });
    // The node's console as main.ts serves it in production: no token in the page, the admin API on its own origin.
    production = Fastify();
    await production.register(consoleRoutes({ title: 'Jira', tracker: 'jira-server', adminApi: '/api/v1' }), { prefix: '/console' });
    productionOrigin = await production.listen({ host: '127.0.0.1', port: 0 });
    // Another origin, playing a web page that tries to show the consoles in frames.
    attacker = createServer((_request, response) => response.writeHead(200, { 'content-type': 'text/html' }).end(attackerPage));
    await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
    attackerOrigin = `http://127.0.0.1:${(attacker.address() as AddressInfo).port}`;
    const executable = await findChromium();
    browser = await chromium.launch({
      executablePath: executable.path,
      env: { ...process.env, ...executable.environment },
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'],
    });

    const base = sandbox.baseUrl;
    const azureDevOps = sandbox.description.instances.find((instance) => instance.id === 'azure-devops')?.console ?? '';
    pages = [
      { name: 'the node console (production)', url: `${productionOrigin}/console/`, frameAncestors: [], script: '/console/console.js' },
      { name: 'the Jira Server console (sandbox)', url: `${base}/jira-server/console/`, frameAncestors: [], script: '/jira-server/console/console.js' },
      { name: 'the Asana console (sandbox)', url: `${base}/asana/console/`, frameAncestors: [], script: '/asana/console/console.js' },
      {
        name: 'the Jira Cloud Custom UI (sandbox)',
        url: `${base}/jira-cloud/jira/forge/exalate/index.html?route=/connections`,
        frameAncestors: ["'self'"],
        script: '/jira-cloud/jira/forge/exalate/console.js',
      },
      {
        name: 'the Azure DevOps hub (sandbox)',
        url: azureDevOps.replace('/_settings/idalko-tools.exalate.adnode', '/_apps/exalate/hub.html'),
        frameAncestors: ["'self'"],
        script: '/_apps/exalate/hub.js',
      },
      {
        name: "the sandbox's Jira page around the Custom UI",
        url: `${base}/jira-cloud/jira/settings/apps/exalate/connections`,
        frameAncestors: [],
        script: '/jira-cloud/jira/forge/bridge-shim.js',
      },
      { name: "the sandbox's Azure DevOps page around the hub", url: azureDevOps, frameAncestors: [], script: '/_apps/sdk-shim.js' },
    ];
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => attacker.close(() => resolve()));
    await production.close();
    await sandbox.close();
  });

  it('every console page says who may frame it, and allows no inline or eval script', async () => {
    for (const page of pages) {
      const response = await fetch(page.url);
      expect([page.name, response.status]).toEqual([page.name, 200]);
      const policy = directives(response.headers.get('content-security-policy'));
      expect([page.name, policy.get('frame-ancestors')]).toEqual([page.name, page.frameAncestors.length === 0 ? ["'none'"] : page.frameAncestors]);
      expect([page.name, response.headers.get('x-frame-options')]).toEqual([page.name, page.frameAncestors.length === 0 ? 'DENY' : 'SAMEORIGIN']);
      const scripts = policy.get('script-src');
      if (scripts) {
        expect(policy.get('default-src')).toEqual(["'none'"]);
        expect(scripts).not.toContain("'unsafe-inline'");
        expect(scripts).not.toContain("'unsafe-eval'");
        expect(policy.get('object-src')).toEqual(["'none'"]);
        expect(policy.get('base-uri')).toEqual(["'none'"]);
      }
    }
  });

  it('the Asana sign-in pages cannot be framed either', async () => {
    const response = await fetch(`${sandbox.baseUrl}/asana/node/oauth/asana/start?ticket=forged`);
    expect(response.status).toBe(400);
    expect(directives(response.headers.get('content-security-policy')).get('frame-ancestors')).toEqual(["'none'"]);
  });

  it('a page of another origin cannot show any console page in a frame', async () => {
    attackerPage = `<!doctype html><title>Win a prize</title>${pages.map((page, index) => `<iframe id="frame-${index}" src="${page.url}"></iframe>`).join('')}`;
    const context = await browser.newContext();
    const page: Page = await context.newPage();
    const scriptsRequested: string[] = [];
    page.on('request', (request) => {
      if (request.frame() !== page.mainFrame()) scriptsRequested.push(new URL(request.url()).pathname);
    });
    try {
      await page.goto(`${attackerOrigin}/`, { waitUntil: 'load' });
      for (const [index, consolePage] of pages.entries()) {
        const frame = await (await page.$(`#frame-${index}`))?.contentFrame();
        // Chromium replaces a refused frame with its error page; the console's document never loads.
        const loaded = frame ? await frame.evaluate(() => location.href).catch(() => 'unreachable') : 'no frame';
        expect([consolePage.name, loaded]).toEqual([consolePage.name, 'chrome-error://chromewebdata/']);
        expect([consolePage.name, scriptsRequested.filter((path) => path.endsWith(consolePage.script))]).toEqual([consolePage.name, []]);
      }
    } finally {
      await context.close();
    }
  }, 60_000);

  it('the consoles still work under their policy: in their hosts (framed by the sandbox) and on their own', async () => {
    const context = await browser.newContext();
    const violations: string[] = [];
    const page: Page = await context.newPage();
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/.test(message.text())) violations.push(message.text());
    });
    try {
      const jiraCloud = sandbox.description.instances.find((instance) => instance.id === 'jira-cloud')?.console ?? '';
      await page.goto(jiraCloud);
      await page.frameLocator('iframe[title="Exalate"]').getByRole('button', { name: 'Initiate connection' }).waitFor({ timeout: 30_000 });
      const azureDevOps = sandbox.description.instances.find((instance) => instance.id === 'azure-devops')?.console ?? '';
      await page.goto(azureDevOps);
      await page.frameLocator('#hub-frame').getByRole('menuitem', { name: 'Initiate Connection' }).waitFor({ timeout: 30_000 });
      for (const url of [`${sandbox.baseUrl}/jira-server/console/`, `${sandbox.baseUrl}/asana/console/`]) {
        await page.goto(url);
        await page.getByRole('button', { name: 'Initiate connection' }).waitFor({ timeout: 30_000 });
      }
      expect(violations).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);
});
