import Fastify, { type FastifyInstance } from 'fastify';
import { consoleRoutes } from './console-routes';

// The console as the node serves it: the page, the stylesheet, and the script bundled by esbuild
// for the browser from console-app.ts (the same build a browser gets).

let app: FastifyInstance;
let origin: string;

beforeAll(async () => {
  app = Fastify();
  await app.register(consoleRoutes({ title: 'Acme <Jira>', tracker: 'jira-server', adminApi: '/api/v1' }), { prefix: '/console' });
  // Over a real socket: Fastify's inject loads an ES-only module that Jest's CommonJS runtime cannot.
  origin = await app.listen({ host: '127.0.0.1', port: 0 });
});

afterAll(() => app.close());

async function get(path: string): Promise<{ status: number; type: string; body: string }> {
  const response = await fetch(`${origin}${path}`);
  return { status: response.status, type: response.headers.get('content-type') ?? '', body: await response.text() };
}

test('the page names its instance and points at its script and stylesheet', async () => {
  const page = await get('/console/');
  expect(page.status).toBe(200);
  expect(page.body).toContain('<html lang="en" data-tracker="jira-server">');
  expect(page.body).toContain('<title>Exalate · Acme &#60;Jira&#62;</title>');
  expect(page.body).toContain('<link rel="stylesheet" href="console.css">');
  expect(page.body).toContain('<script src="console.js">');
  // A self-hosted node hands out no token: the console asks the admin to sign in.
  expect(page.body).toContain('"adminToken":null');
  expect(page.body).toContain('"title":"Acme \\u003cJira>"');
});

test('without a trailing slash the page still finds its files', async () => {
  const page = await get('/console?tab=1');
  expect(page.body).toContain('href="/console/console.css"');
  expect(page.body).toContain('src="/console/console.js"');
});

describe('the script', () => {
  let script: string;
  beforeAll(async () => {
    const response = await get('/console/console.js');
    expect(response.status).toBe(200);
    expect(response.type).toMatch(/^text\/javascript/);
    script = response.body;
  }, 60_000);

  test('is valid JavaScript for a browser, with nothing of Node in it', () => {
    expect(() => new Function(script)).not.toThrow();
    expect(script).not.toMatch(/require\(["'](fs|path|node:[a-z_]+)["']\)/);
    // React's production build: esbuild replaced process.env.NODE_ENV, which a browser lacks.
    // (@lezer/lr, under the script editor, reads process.env.LOG behind `typeof process`: harmless.)
    expect(script).not.toContain('process.env.NODE_ENV');
    // The script editor (CodeMirror 6 with the JavaScript parser) adds about 450 KB.
    expect(script.length).toBeLessThan(1_500_000);
  });

  test("carries the wizard's words from core, not its own", () => {
    for (const word of [
      'Initiate Connection',
      'Accept Invitation',
      'Destination Instance URL',
      "I don't have a URL",
      'Local instance short name',
      'Remote instance short name',
      'Connection name',
      'Copy invitation code',
      'Use the following invitation code:',
    ]) {
      expect(script).toContain(word);
    }
  });

  test('mounts on #root and reads window.exalateConsole', () => {
    expect(script).toContain('exalateConsole');
    expect(script).toContain('"root"');
  });
});

describe('the stylesheet', () => {
  let css: string;
  beforeAll(async () => {
    const response = await get('/console/console.css');
    expect(response.status).toBe(200);
    expect(response.type).toMatch(/^text\/css/);
    css = response.body;
  });

  /** The custom properties a theme block sets. */
  function theme(selector: string): Record<string, string> {
    const start = css.indexOf(`${selector} {`);
    expect(start).toBeGreaterThanOrEqual(0);
    const block = css.slice(start, css.indexOf('}', start));
    return Object.fromEntries(Array.from(block.matchAll(/(--[\w-]+):\s*([^;]+);/g), (match) => [match[1], match[2]?.trim()]));
  }

  test('Atlassian is the base theme: #0C66E4, 3px corners, uppercase lozenges', () => {
    expect(theme(':root')).toMatchObject({ '--primary': '#0c66e4', '--radius': '3px', '--lozenge-transform': 'uppercase' });
  });

  test('Azure DevOps: Segoe UI and #0078D4', () => {
    const azure = theme(":root[data-tracker='azure-devops']");
    expect(azure['--primary']).toBe('#0078d4');
    expect(azure['--font']).toMatch(/^'Segoe UI'/);
  });

  test('Asana: coral #F06A6A on white, 6px corners', () => {
    expect(theme(":root[data-tracker='asana']")).toMatchObject({ '--primary': '#f06a6a', '--radius': '6px', '--background': '#ffffff' });
  });
});
