import { request } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSandbox, type RunningSandbox } from '../../scripts/sandbox/create-sandbox';
import { freePort } from '../support/free-port';

/** A GET with the Host header a browser would send for the name in its address bar. */
function getWithHost(port: number, path: string, host: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const outgoing = request({ host: '127.0.0.1', port, path, headers: { ...headers, host } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

describe('the sandbox under a DNS-rebinding name', () => {
  let sandbox: RunningSandbox;
  let port: number;
  let adminTokens: string[];

  beforeAll(async () => {
    port = await freePort();
    sandbox = await createSandbox({ port, dataDirectory: mkdtempSync(join(tmpdir(), 'exalate-host-')), allowedHostNames: ['sandbox.corp.test'] });
    adminTokens = sandbox.description.instances.map((instance) => instance.adminToken);
  }, 60_000);
  afterAll(() => sandbox.close());

  const jiraCloud = () => sandbox.description.instances.find((instance) => instance.id === 'jira-cloud');

  it.each([
    ['the instance list with every admin token', '/sandbox.json'],
    ['the home page', '/'],
    ['a console page, which carries its admin token', '/jira-server/console/'],
    ['the Jira Cloud page around the Custom UI, which carries its admin token', '/jira-cloud/jira/forge/exalate/index.html'],
  ])('refuses %s to a page on another name, with 421 and why', async (_what, path) => {
    for (const host of [`attacker.example:${port}`, 'attacker.example', `localhost.attacker.example:${port}`, `127.0.0.1:${port + 1}`]) {
      const answer = await getWithHost(port, path, host);
      expect(answer.status).toBe(421);
      expect(JSON.parse(answer.body).error.message).toContain(`answers only requests addressed to localhost:${port}, 127.0.0.1:${port}, [::1]:${port}`);
      expect(JSON.parse(answer.body).error.message).toContain('DNS rebinding');
      for (const token of adminTokens) expect(answer.body).not.toContain(token);
    }
  });

  it('refuses the admin API under another name even with the right token in hand', async () => {
    const instance = jiraCloud();
    const answer = await getWithHost(port, new URL(`${instance?.adminApi}/connections`).pathname, `attacker.example:${port}`, {
      authorization: `Bearer ${instance?.adminToken}`,
    });
    expect(answer.status).toBe(421);
    expect(answer.body).not.toContain('"connections"');
  });

  it.each(['localhost', '127.0.0.1', '[::1]', 'LOCALHOST', 'sandbox.corp.test'])('answers its own name %s with its port', async (name) => {
    const answer = await getWithHost(port, '/sandbox.json', `${name}:${port}`);
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body).instances.map((instance: { adminToken: string }) => instance.adminToken)).toEqual(adminTokens);
  });
});
