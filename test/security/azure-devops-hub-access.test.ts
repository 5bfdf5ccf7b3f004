import Fastify, { type FastifyInstance } from 'fastify';
import { createHmac } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '../../core';
import { startAzureDevOpsHarness, type AzureDevOpsHarness } from '../support/azure-devops-harness';
import { startNode, type RunningNode } from '../../hosts/node/start-node';
import { MemoryTracker } from '../fakes/memory-tracker';

/**
 * The Azure DevOps hub calls its node with the app token Azure DevOps signs with the extension's
 * certificate, from the Marketplace CDN's origin. The node lets that in, and nothing like it.
 */
const secret = 'extension-certificate-for-this-test';
const hubOrigin = 'https://idalko-tools.gallerycdn.vsassets.io';

function appToken(claims: Record<string, unknown>, signingSecret = secret, algorithm = 'HS256'): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const header = encode({ typ: 'JWT', alg: algorithm });
  const body = encode(claims);
  return `${header}.${body}.${createHmac('sha256', signingSecret).update(`${header}.${body}`).digest('base64url')}`;
}

const now = () => Math.floor(Date.now() / 1000);
/** The organization's owner, who is in its Project Collection Administrators. */
let adminId = '';
const validClaims = () => ({
  nameid: adminId,
  tid: 'acme',
  iss: 'app.vstoken.visualstudio.com',
  aud: 'app.vstoken.visualstudio.com',
  nbf: now() - 10,
  exp: now() + 300,
});

let harness: AzureDevOpsHarness;
let node: RunningNode;
let app: FastifyInstance;
let origin = '';

/** The node over real HTTP, as the browser reaches it. */
async function serve(server: FastifyInstance): Promise<string> {
  await server.listen({ port: 0, host: '127.0.0.1' });
  const address = server.server.address();
  return `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`;
}

async function request(base: string, method: string, path: string, headers: Record<string, string>) {
  const response = await fetch(`${base}${path}`, { method, headers });
  const text = await response.text();
  return { statusCode: response.status, header: (name: string) => response.headers.get(name), json: () => JSON.parse(text) };
}

beforeAll(async () => {
  harness = await startAzureDevOpsHarness();
  adminId = harness.emulator.state.account.id;
  node = await startNode({
    name: 'hub-access',
    dataDirectory: mkdtempSync(join(tmpdir(), 'exalate-hub-access-')),
    nodeUrl: null,
    tracker: harness.adapter,
    logger: silentLogger,
    runSync: false,
    azureDevOpsAppTokens: { secret, userIds: [adminId] },
    consoleOrigins: [hubOrigin],
  });
  app = Fastify({ forceCloseConnections: true });
  await app.register(node.routes);
  origin = await serve(app);
});

afterAll(async () => {
  await app.close();
  await node.close();
  await harness.close();
});

const listConnections = (authorization?: string, from?: string) =>
  request(origin, 'GET', '/api/v1/connections', { ...(authorization ? { authorization } : {}), ...(from ? { origin: from } : {}) });

describe('the admin API and the Azure DevOps hub', () => {
  it('answers the hub with a valid app token, and names the hub origin so the browser hands the answer over', async () => {
    const answer = await listConnections(`Bearer ${appToken(validClaims())}`, hubOrigin);
    expect(answer.statusCode).toBe(200);
    expect(answer.json()).toEqual([]);
    expect(answer.header('access-control-allow-origin')).toBe(hubOrigin);
  });

  it('still answers the admin token', async () => {
    expect((await listConnections(`Bearer ${node.adminToken}`)).statusCode).toBe(200);
  });

  it.each([
    ['signed with another certificate', () => appToken(validClaims(), 'someone-elses-certificate')],
    ['expired', () => appToken({ ...validClaims(), nbf: now() - 3600, exp: now() - 1800 })],
    ['not valid yet', () => appToken({ ...validClaims(), nbf: now() + 3600 })],
    ['from another issuer', () => appToken({ ...validClaims(), iss: 'evil.example' })],
    [
      'naming the "none" algorithm',
      () =>
        `${appToken(validClaims())
          .split('.')
          .slice(0, 2)
          .join('.')
          .replace(/^[^.]+/, Buffer.from('{"alg":"none"}').toString('base64url'))}.`,
    ],
    ['cut short', () => appToken(validClaims()).slice(0, -10)],
  ])('refuses an app token %s with 401', async (_case, token) => {
    const answer = await listConnections(`Bearer ${token()}`, hubOrigin);
    expect(answer.statusCode).toBe(401);
    expect(answer.json().error.code).toBe('unauthorized');
  });

  it('refuses an app token of a user who is not one of the node’s admins with 403, and says why', async () => {
    const intern = harness.emulator.state.findUserByEmail('ada@acme.example')?.id ?? '';
    const answer = await listConnections(`Bearer ${appToken({ ...validClaims(), nameid: intern })}`, hubOrigin);
    expect(answer.statusCode).toBe(403);
    expect(answer.json().error).toMatchObject({ code: 'forbidden', message: expect.stringContaining('AZURE_DEVOPS_ADMIN_IDS') });
  });

  it('answers the hub origin’s preflight, and gives no CORS headers to any other origin', async () => {
    const preflight = await request(origin, 'OPTIONS', '/api/v1/connections/initiate', {
      origin: hubOrigin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'authorization, content-type',
    });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.header('access-control-allow-origin')).toBe(hubOrigin);
    expect(preflight.header('access-control-allow-headers')).toContain('authorization');

    const elsewhere = await listConnections(`Bearer ${appToken(validClaims())}`, 'https://evil.example');
    expect(elsewhere.header('access-control-allow-origin')).toBeNull();
    const elsewherePreflight = await request(origin, 'OPTIONS', '/api/v1/connections', {
      origin: 'https://evil.example',
      'access-control-request-method': 'GET',
    });
    expect(elsewherePreflight.header('access-control-allow-origin')).toBeNull();
  });

  it('lets an app token in only where the node was given the extension’s certificate', async () => {
    const plain = await startNode({
      name: 'no-hub',
      dataDirectory: mkdtempSync(join(tmpdir(), 'exalate-no-hub-')),
      nodeUrl: null,
      tracker: new MemoryTracker('azure-devops', []),
      logger: silentLogger,
      runSync: false,
    });
    const server = Fastify({ forceCloseConnections: true });
    await server.register(plain.routes);
    const plainOrigin = await serve(server);
    try {
      const answer = await request(plainOrigin, 'GET', '/api/v1/connections', { authorization: `Bearer ${appToken(validClaims())}`, origin: hubOrigin });
      expect(answer.statusCode).toBe(401);
      expect(answer.header('access-control-allow-origin')).toBeNull();
    } finally {
      await server.close();
      await plain.close();
    }
  });
});
