import Fastify, { type FastifyInstance } from 'fastify';
import { createHmac } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '../../core';
import { AzureDevOpsAdapter } from '../../hosts/azure-devops/adapter';
import { createAzureDevOpsEmulator } from '../../hosts/azure-devops/emulator';
import { startAzureDevOpsHarness, type AzureDevOpsHarness } from '../support/azure-devops-harness';
import { administratorAnswerLifetimeMs } from '../../hosts/node/azure-devops-administrators';
import { startNode, type RunningNode } from '../../hosts/node/start-node';

/**
 * The hub's app token proves only that Azure DevOps issued it, to a user of any organization that
 * installed the extension. The node lets in the administrators of its own organization, as that
 * organization says, and refuses everything else with a status and a message a person can act on.
 */
const certificate = 'extension-certificate-for-this-test';

let harness: AzureDevOpsHarness;
let identityRequests = 0;
const nodes: { node: RunningNode; server: FastifyInstance }[] = [];

function appToken(claims: Record<string, unknown>, options: { readonly secret?: string; readonly algorithm?: string } = {}): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const header = encode({ typ: 'JWT', alg: options.algorithm ?? 'HS256' });
  const body = encode(Object.fromEntries(Object.entries(claims).filter(([, value]) => value !== undefined)));
  return `${header}.${body}.${createHmac('sha256', options.secret ?? certificate)
    .update(`${header}.${body}`)
    .digest('base64url')}`;
}

const nowSeconds = () => Math.floor(harness.timers.clock.now() / 1000);
/** What Azure DevOps issues: about 70 minutes, from five minutes ago. */
const claimsFor = (userId: string) => ({
  nameid: userId,
  tid: '6f0a5b31-0f6e-4a8c-9d2b-2b5e4e1f7c10',
  jti: 'c3a1d1e2-4b5f-4c6d-8e7f-9a0b1c2d3e4f',
  iss: 'app.vstoken.visualstudio.com',
  aud: 'a2b7b6e0-86c5-4a5e-9d4b-3f1f0c2e5d6a',
  nbf: nowSeconds() - 300,
  exp: nowSeconds() + 3900,
});

async function servedNode(options: { readonly adminIds?: readonly string[] } = {}): Promise<string> {
  const tracker = new AzureDevOpsAdapter({
    baseUrl: harness.organizationUrl,
    authorization: harness.emulator.authorization,
    identityUrl: harness.organizationUrl,
    fetch: (url, init) => {
      if (url.includes('/_apis/identities')) identityRequests += 1;
      return harness.checks.fetch(url, init);
    },
    clock: harness.timers.clock,
    sleep: harness.timers.sleep,
  });
  const node = await startNode({
    name: `app-token-${nodes.length}`,
    dataDirectory: mkdtempSync(join(tmpdir(), 'exalate-app-token-')),
    nodeUrl: null,
    tracker,
    logger: silentLogger,
    runSync: false,
    clock: harness.timers.clock,
    azureDevOpsAppTokens: { secret: certificate, ...(options.adminIds === undefined ? {} : { userIds: options.adminIds }) },
  });
  const server = Fastify({ forceCloseConnections: true });
  await server.register(node.routes);
  await server.listen({ port: 0, host: '127.0.0.1' });
  nodes.push({ node, server });
  const address = server.server.address();
  return `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`;
}

async function listConnections(origin: string, token: string): Promise<{ status: number; code: string | undefined; message: string }> {
  const response = await fetch(`${origin}/api/v1/connections`, { headers: { authorization: `Bearer ${token}` } });
  const body = (await response.json()) as { error?: { code: string; message: string } };
  return { status: response.status, code: body.error?.code, message: body.error?.message ?? '' };
}

let origin: string;
let adminId: string;
let memberId: string;
let otherOrganizationAdminId: string;

beforeAll(async () => {
  harness = await startAzureDevOpsHarness({
    seed: {
      users: [
        { displayName: 'Ada Lovelace', email: 'ada@acme.example' },
        { displayName: 'Grace Hopper', email: 'grace@acme.example' },
      ],
    },
  });
  adminId = harness.emulator.state.account.id;
  memberId = harness.emulator.state.findUserByEmail('ada@acme.example')?.id ?? '';
  // The owner of another organization that installed the same extension: the same certificate signs their tokens.
  otherOrganizationAdminId = createAzureDevOpsEmulator({
    seed: { organization: 'contoso', account: { displayName: 'Olga Owner', email: 'olga@contoso.example' } },
  }).state.account.id;
  origin = await servedNode();
});

afterAll(async () => {
  for (const { node, server } of nodes) {
    await server.close();
    await node.close();
  }
  await harness.close();
});

afterEach(() => harness.checks.assertExchangesMatchSpec());

// The platform's rules held here: an app token is a JWT signed with the extension's certificate,
// and it names the user but no organization and no role
// (learn.microsoft.com/azure/devops/extend/develop/auth). So the node asks its own organization
// who the administrators are before it answers.
describe('Azure DevOps app tokens on the admin API', () => {
  it('lets in an administrator of the node’s organization', async () => {
    expect(await listConnections(origin, appToken(claimsFor(adminId)))).toMatchObject({ status: 200 });
  });

  it.each([
    ['with a forged signature', () => appToken(claimsFor(adminId), { secret: 'guessed-certificate' }), 401, /app token was refused/],
    [
      'naming the "none" algorithm',
      () =>
        `${appToken(claimsFor(adminId))
          .split('.')
          .slice(0, 2)
          .join('.')
          .replace(/^[^.]+/, Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url'))}.`,
      401,
      /app token was refused/,
    ],
    [
      'without issuer, audience or start',
      () => appToken({ ...claimsFor(adminId), iss: undefined, aud: undefined, nbf: undefined }),
      401,
      /lacks the claims iss, aud, nbf/,
    ],
    ['valid for ten years', () => appToken({ ...claimsFor(adminId), exp: nowSeconds() + 10 * 365 * 86_400 }), 401, /about 70 minutes/],
    ['of an administrator of another organization', () => appToken(claimsFor(otherOrganizationAdminId)), 403, /not in Project Collection Administrators/],
    [
      'of a user of this organization who is not an administrator',
      () => appToken(claimsFor(memberId)),
      403,
      /Ask an administrator of that organization to add you/,
    ],
  ])('refuses a token %s', async (_case, token, status, message) => {
    const answer = await listConnections(origin, token());
    expect(answer.status).toBe(status);
    expect(answer.code).toBe(status === 401 ? 'unauthorized' : 'forbidden');
    expect(answer.message).toMatch(message);
  });

  it('refuses an accepted token replayed after it expired', async () => {
    const token = appToken(claimsFor(adminId));
    expect((await listConnections(origin, token)).status).toBe(200);
    harness.timers.advance(3900_000 + 5 * 60_000 + 1000);
    const replayed = await listConnections(origin, token);
    expect(replayed).toMatchObject({ status: 401, code: 'unauthorized' });
    expect(replayed.message).toMatch(/it expired at .*Reload the Exalate page/);
  });

  it('asks Azure DevOps at most once a minute per user, and follows a change of administrators within that minute', async () => {
    const grace = harness.emulator.state.findUserByEmail('grace@acme.example')?.id ?? '';
    harness.emulator.state.setCollectionAdministrator(grace, true);
    const before = identityRequests;
    for (let call = 0; call < 5; call += 1) expect((await listConnections(origin, appToken(claimsFor(grace)))).status).toBe(200);
    const asked = identityRequests - before;
    process.stdout.write(`Five admin calls with app tokens of one user made ${asked} identity requests to Azure DevOps.\n`);
    expect(asked).toBeLessThanOrEqual(2);

    harness.emulator.state.setCollectionAdministrator(grace, false);
    harness.timers.advance(administratorAnswerLifetimeMs + 1);
    expect((await listConnections(origin, appToken(claimsFor(grace)))).status).toBe(403);
  });

  it('keeps AZURE_DEVOPS_ADMIN_IDS as a further restriction, never as a way around the organization’s answer', async () => {
    const restricted = await servedNode({ adminIds: [memberId, adminId] });
    expect((await listConnections(restricted, appToken(claimsFor(adminId)))).status).toBe(200);
    expect(await listConnections(restricted, appToken(claimsFor(memberId)))).toMatchObject({
      status: 403,
      message: expect.stringContaining('not in Project Collection Administrators'),
    });
    const onlyMember = await servedNode({ adminIds: [memberId] });
    expect(await listConnections(onlyMember, appToken(claimsFor(adminId)))).toMatchObject({
      status: 403,
      message: expect.stringContaining('AZURE_DEVOPS_ADMIN_IDS'),
    });
  });
});
