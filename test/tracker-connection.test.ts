import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LogFields, LoggerV1 } from '../core';
import { asanaSampleOAuthClient, createAsanaEmulator, type AsanaEmulator } from '../hosts/asana/emulator';
import { startEmulatorServer, type RunningEmulatorServer } from '../hosts/emulator-kit';
import { createJiraServerEmulator, type JiraServerEmulator } from '../hosts/jira-server/emulator';
import { SwitchableTracker } from '../hosts/node/tracker-connection/switchable-tracker';
import { ManualClock } from './fakes/manual-clock';
import { startTestNode, type TestNode } from './support/test-node';

/** Log lines as they would be written: the test reads them for secrets. */
function recordingLogger(lines: string[]): LoggerV1 {
  const write = (level: string) => (message: string, fields?: LogFields) => void lines.push(`${level} ${message} ${JSON.stringify(fields ?? {})}`);
  return { info: write('info'), warn: write('warn'), error: write('error') };
}

/** What a browser keeps between requests of the sign-in: one cookie, scoped to the node. */
interface Browser {
  cookie: string | undefined;
}

async function follow(url: string, browser: Browser, init: RequestInit = {}): Promise<Response> {
  const response = await fetch(url, {
    ...init,
    redirect: 'manual',
    headers: { ...(init.headers as Record<string, string> | undefined), ...(browser.cookie ? { cookie: browser.cookie } : {}) },
  });
  const setCookie = response.headers.get('set-cookie');
  if (setCookie) {
    const [pair] = setCookie.split(';');
    browser.cookie = pair?.endsWith('=') ? undefined : pair;
  }
  return response;
}

/** The consent page's form, as a person's browser would submit it when clicking a button. */
async function submitConsent(consentPage: string, pageUrl: string, decision: 'allow' | 'deny'): Promise<Response> {
  const action = /<form method="post" action="([^"]+)"/.exec(consentPage)?.[1] ?? '';
  const fields = new URLSearchParams();
  for (const match of consentPage.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g))
    fields.set(
      match[1] ?? '',
      (match[2] ?? '').replace(/&#(\d+);/g, (_all, code: string) => String.fromCharCode(Number(code))),
    );
  fields.set('decision', decision);
  return fetch(new URL(action, pageUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: fields.toString(),
    redirect: 'manual',
  });
}

describe('Asana: signing the node in with OAuth, against the emulator', () => {
  const clock = new ManualClock();
  const emulatorClock = new ManualClock();
  const logLines: string[] = [];
  let emulator: AsanaEmulator;
  let server: RunningEmulatorServer;
  let node: TestNode;
  let origin: string;

  const consolePage = () => `${origin}/console/#general-settings`;

  /** Sign-in up to Asana's consent page: the console's call, the node's start route, Asana's page. */
  async function reachConsent(browser: Browser): Promise<{ page: string; url: string }> {
    const started = await node.admin('POST', '/tracker-connection/sign-in', { returnTo: consolePage() });
    expect(started.status).toBe(201);
    const toAsana = await follow(started.body.url, browser);
    expect(toAsana.status).toBe(302);
    const authorizeUrl = toAsana.headers.get('location') ?? '';
    const consent = await fetch(authorizeUrl);
    expect(consent.status).toBe(200);
    return { page: await consent.text(), url: authorizeUrl };
  }

  /** Every status Asana answered the node's API calls with. */
  const apiStatuses: number[] = [];

  beforeAll(async () => {
    emulator = createAsanaEmulator({ clock: emulatorClock });
    server = await startEmulatorServer(
      async (app) => {
        app.addHook('onResponse', async (request, reply) => {
          if (request.url.includes('/api/1.0/')) apiStatuses.push(reply.statusCode);
        });
        await app.register(emulator.routes);
      },
      { prefix: '/asana' },
    );
    const tracker = new SwitchableTracker({
      kind: 'asana',
      baseUrl: server.mountUrl,
      asanaOAuth: { clientId: asanaSampleOAuthClient.clientId, clientSecret: asanaSampleOAuthClient.clientSecret, oauthUrl: server.mountUrl },
    });
    node = await startTestNode({ name: 'asana-oauth', isPublic: true, tracker, clock, logger: recordingLogger(logLines) });
    origin = node.nodeUrl ?? '';
  });
  afterAll(async () => {
    await node.close();
    await server.close();
  });

  it('starts signed out, says how to sign in, and offers no projects until then', async () => {
    const connection = await node.admin('GET', '/tracker-connection');
    expect(connection).toMatchObject({ status: 200, body: { tracker: 'asana', signedIn: false, method: 'oauth', baseUrl: server.mountUrl } });
    const projects = await node.admin('GET', '/projects');
    expect(projects.status).toBe(503);
    expect(projects.body.error.message).toContain('Sign in with Asana');
  });

  it('signs in through the consent page, lists the workspaces, and offers the chosen one’s projects', async () => {
    const browser: Browser = { cookie: undefined };
    const consent = await reachConsent(browser);
    expect(consent.page).toContain('Exalate (sandbox) would like to access your Asana account');
    expect(new URL(consent.url).searchParams.get('redirect_uri')).toBe(`${origin}/oauth/asana/callback`);
    expect(browser.cookie).toMatch(/^exalate_asana_sign_in=/);

    const back = await submitConsent(consent.page, consent.url, 'allow');
    const callback = back.headers.get('location') ?? '';
    expect(callback).toMatch(new RegExp(`^${origin}/oauth/asana/callback\\?code=.+&state=.+`));
    const returned = await follow(callback, browser);
    expect(returned.status).toBe(302);
    expect(returned.headers.get('location')).toBe(consolePage());

    const connection = await node.admin('GET', '/tracker-connection');
    expect(connection.body).toEqual({
      tracker: 'asana',
      baseUrl: server.mountUrl,
      signedIn: true,
      method: 'oauth',
      account: { name: 'Sam Asana', email: 'sam@acme.example' },
    });

    const workspaces = await node.admin('GET', '/tracker-connection/workspaces');
    expect(workspaces.body.map((workspace: { name: string }) => workspace.name)).toEqual(['Acme Corp', 'Partner Workspace']);
    const partner = workspaces.body.find((workspace: { name: string }) => workspace.name === 'Partner Workspace');

    const chosen = await node.admin('PUT', '/tracker-connection/workspace', { gid: partner.gid });
    expect(chosen.status).toBe(200);
    expect(chosen.body.workspace).toEqual({ gid: partner.gid, name: 'Partner Workspace' });
    expect((await node.admin('GET', '/projects')).body).toEqual([{ key: expect.stringMatching(/^\d+$/), name: 'Joint launch' }]);

    const acme = workspaces.body.find((workspace: { name: string }) => workspace.name === 'Acme Corp');
    await node.admin('PUT', '/tracker-connection/workspace', { gid: acme.gid });
    expect((await node.admin('GET', '/projects')).body.map((project: { name: string }) => project.name)).toEqual(['Roadmap', 'Bugs']);
  });

  it('refuses a workspace the signed-in user is not in', async () => {
    const refused = await node.admin('PUT', '/tracker-connection/workspace', { gid: '42' });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toContain('not a member of a workspace with gid 42');
  });

  it('refreshes the hour-long access token when it expires, without the admin noticing', async () => {
    const before = emulator.state.oauthGrants.find((grant) => grant.accessToken !== undefined)?.accessToken;
    clock.advance(61 * 60_000);
    emulatorClock.advance(61 * 60_000);
    // The old token is now refused by Asana itself.
    expect((await fetch(`${server.mountUrl}/api/1.0/users/me`, { headers: { authorization: `Bearer ${before}` } })).status).toBe(401);

    apiStatuses.length = 0;
    const projects = await node.admin('GET', '/projects');
    expect(projects.status).toBe(200);
    expect(projects.body.length).toBeGreaterThan(0);
    // Renewed before the call, not after a refusal.
    expect(apiStatuses).not.toContain(401);
    const after = emulator.state.oauthGrants.find((grant) => grant.accessToken !== undefined)?.accessToken;
    expect(after).not.toBe(before);
  });

  it('renews once when Asana stops honouring a token early (a 401 with a token the node thought good)', async () => {
    emulatorClock.advance(61 * 60_000);
    apiStatuses.length = 0;
    const projects = await node.admin('GET', '/projects');
    expect(projects.status).toBe(200);
    expect(apiStatuses[0]).toBe(401);
    clock.advance(61 * 60_000);
  });

  it('changes nothing when the person clicks Deny', async () => {
    const before = (await node.admin('GET', '/tracker-connection')).body;
    const browser: Browser = { cookie: undefined };
    const consent = await reachConsent(browser);
    const back = await submitConsent(consent.page, consent.url, 'deny');
    const callback = back.headers.get('location') ?? '';
    expect(new URL(callback).searchParams.get('error')).toBe('access_denied');

    const page = await follow(callback, browser);
    expect(page.status).toBe(400);
    const html = await page.text();
    expect(html).toContain('Access to Asana was denied');
    expect(html).toContain('role="alert"');
    expect(html).toContain(`href="${consolePage()}"`);
    expect((await node.admin('GET', '/tracker-connection')).body).toEqual(before);
  });

  it('refuses a forged state, a reused state, a sign-in from another browser and an expired one', async () => {
    const before = (await node.admin('GET', '/tracker-connection')).body;
    const grantsBefore = emulator.state.oauthGrants.length;

    const forged = await fetch(`${origin}/oauth/asana/callback?code=anything&state=forged`, { redirect: 'manual' });
    expect(forged.status).toBe(400);
    expect(await forged.text()).toContain('does not match a sign-in this node started');

    // Reused: the same answer from Asana a second time.
    const browser: Browser = { cookie: undefined };
    const consent = await reachConsent(browser);
    const back = await submitConsent(consent.page, consent.url, 'allow');
    const callback = back.headers.get('location') ?? '';
    const cookie = browser.cookie;
    expect((await follow(callback, browser)).status).toBe(302);
    const replayed = await fetch(callback, { redirect: 'manual', headers: cookie ? { cookie } : {} });
    expect(replayed.status).toBe(400);
    expect(await replayed.text()).toContain('used already');

    const untraded = () => emulator.state.oauthGrants.filter((grant) => grant.code !== undefined).length;
    const untradedBefore = untraded();
    // Another browser: the state is right but the cookie the start route set is missing.
    const otherConsent = await reachConsent({ cookie: undefined });
    const otherBack = await submitConsent(otherConsent.page, otherConsent.url, 'allow');
    const stolen = await fetch(otherBack.headers.get('location') ?? '', { redirect: 'manual' });
    expect(stolen.status).toBe(400);
    expect(await stolen.text()).toContain('started in another browser');

    // Expired: more than ten minutes between leaving for Asana and coming back.
    const slowBrowser: Browser = { cookie: undefined };
    const slowConsent = await reachConsent(slowBrowser);
    const slowBack = await submitConsent(slowConsent.page, slowConsent.url, 'allow');
    clock.advance(11 * 60_000);
    const late = await follow(slowBack.headers.get('location') ?? '', slowBrowser);
    expect(late.status).toBe(400);
    expect(await late.text()).toContain('expired');

    // A start link works once.
    const started = await node.admin('POST', '/tracker-connection/sign-in', {});
    expect((await fetch(started.body.url, { redirect: 'manual' })).status).toBe(302);
    expect((await fetch(started.body.url, { redirect: 'manual' })).status).toBe(400);

    const after = (await node.admin('GET', '/tracker-connection')).body;
    expect(after).toEqual(before);
    // The refused answers traded nothing: their codes are still unused at Asana.
    expect(untraded()).toBe(untradedBefore + 2);
    expect(emulator.state.oauthGrants.length).toBe(grantsBefore + 3);
  });

  it('never shows a token or the client secret in its answers or its log', async () => {
    const answers = JSON.stringify([
      (await node.admin('GET', '/tracker-connection')).body,
      (await node.admin('GET', '/tracker-connection/workspaces')).body,
      (await node.admin('GET', '/instance')).body,
    ]);
    const secrets = [
      asanaSampleOAuthClient.clientSecret,
      ...emulator.state.oauthGrants.flatMap((grant) => [grant.accessToken, grant.refreshToken, grant.code]),
    ].filter((secret): secret is string => secret !== undefined);
    expect(secrets.length).toBeGreaterThan(3);
    const log = logLines.join('\n');
    expect(log).toContain('signed in to Asana');
    for (const secret of secrets) {
      expect(answers).not.toContain(secret);
      expect(log).not.toContain(secret);
    }
    const stored = (await node.context.store.getSetting('tracker_connection')) ?? '';
    expect(stored.startsWith('sealed1:')).toBe(true);
    for (const secret of secrets) expect(stored).not.toContain(secret);
  });

  it('explains what to set when the node has no Asana OAuth app', async () => {
    const bare = await startTestNode({ name: 'asana-bare', isPublic: true, tracker: new SwitchableTracker({ kind: 'asana', baseUrl: server.mountUrl }) });
    try {
      const refused = await bare.admin('POST', '/tracker-connection/sign-in', {});
      expect(refused.status).toBe(400);
      expect(refused.body.error.message).toContain('ASANA_CLIENT_ID and ASANA_CLIENT_SECRET');
      expect(refused.body.error.message).toContain(`${bare.nodeUrl}/oauth/asana/callback`);
    } finally {
      await bare.close();
    }
  });
});

describe('Jira Server: base URL and personal access token from the console', () => {
  let emulator: JiraServerEmulator;
  let server: RunningEmulatorServer;
  let node: TestNode;
  let dataDirectory: string;
  const logLines: string[] = [];
  const token = 'sandbox-jira-server-personal-access-token';

  beforeAll(async () => {
    emulator = createJiraServerEmulator();
    server = await startEmulatorServer(emulator.routes, { prefix: '/jira' });
    dataDirectory = mkdtempSync(join(tmpdir(), 'exalate-jira-token-'));
    node = await startTestNode({
      name: 'jira',
      isPublic: true,
      tracker: new SwitchableTracker({ kind: 'jira-server' }),
      dataDirectory,
      logger: recordingLogger(logLines),
    });
  });
  afterAll(async () => {
    await node.close();
    await server.close();
    rmSync(dataDirectory, { recursive: true, force: true });
  });

  it('starts without a connection and asks for one', async () => {
    expect((await node.admin('GET', '/tracker-connection')).body).toEqual({ tracker: 'jira-server', baseUrl: null, signedIn: false, method: 'token' });
    const projects = await node.admin('GET', '/projects');
    expect(projects.status).toBe(503);
    expect(projects.body.error.message).toContain('save the Jira base URL and a personal access token');
  });

  it.each([
    ['a refused token', () => ({ baseUrl: server.mountUrl, token: 'wrong-token' }), 'refused this personal access token'],
    ['an unreachable host', () => ({ baseUrl: 'http://127.0.0.1:9', token }), 'could not reach http://127.0.0.1:9'],
    ['an address that is not Jira', () => ({ baseUrl: `${server.origin}/not-jira`, token }), 'does not answer like Jira Server'],
    ['something that is not a web address', () => ({ baseUrl: 'jira dot example', token }), 'is not a web address'],
    ['another scheme', () => ({ baseUrl: 'ftp://jira.example.com', token }), 'must start with https://'],
  ])('refuses %s with a 400 that says what to do, and changes nothing', async (_case, body, message) => {
    const refused = await node.admin('PUT', '/tracker-connection', body());
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toContain(message);
    expect((await node.admin('GET', '/tracker-connection')).body.signedIn).toBe(false);
  });

  it('checks a good token with Jira, keeps it sealed, and switches the tracker at once', async () => {
    const saved = await node.admin('PUT', '/tracker-connection', { baseUrl: `${server.mountUrl}/`, token });
    expect(saved).toMatchObject({
      status: 200,
      body: {
        tracker: 'jira-server',
        baseUrl: server.mountUrl,
        signedIn: true,
        method: 'token',
        account: { name: 'Jira Administrator', email: 'admin@acme.example' },
      },
    });
    expect((await node.admin('GET', '/projects')).body.map((project: { key: string }) => project.key)).toEqual(['ITSM', 'ENG', 'QA']);
    expect((await node.admin('GET', '/instance')).body).toMatchObject({ trackerVersion: '9.12.2', instanceUrl: server.mountUrl, licence: 'none' });
  });

  it('keeps the working connection when a later save is refused', async () => {
    const refused = await node.admin('PUT', '/tracker-connection', { baseUrl: server.mountUrl, token: 'revoked' });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toContain('Nothing was changed');
    expect((await node.admin('GET', '/tracker-connection')).body).toMatchObject({ signedIn: true, method: 'token' });
    expect((await node.admin('GET', '/projects')).status).toBe(200);
  });

  it('never shows the token in answers or logs, and keeps it sealed at rest', async () => {
    const answers = JSON.stringify([(await node.admin('GET', '/tracker-connection')).body, (await node.admin('GET', '/instance')).body]);
    expect(answers).not.toContain(token);
    expect(logLines.join('\n')).not.toContain(token);
    expect(logLines.join('\n')).not.toContain('wrong-token');
    const stored = (await node.context.store.getSetting('tracker_connection')) ?? '';
    expect(stored.startsWith('sealed1:')).toBe(true);
    expect(stored).not.toContain(token);
  });

  it('comes back after a restart with the saved connection', async () => {
    await node.close();
    node = await startTestNode({ name: 'jira', isPublic: true, tracker: new SwitchableTracker({ kind: 'jira-server' }), dataDirectory });
    expect((await node.admin('GET', '/tracker-connection')).body).toMatchObject({ signedIn: true, method: 'token', baseUrl: server.mountUrl });
    expect((await node.admin('GET', '/projects')).status).toBe(200);
  });

  it('refuses loopback and private addresses in production, as for Destination Instance URLs', async () => {
    const production = await startTestNode({
      name: 'jira-production',
      isPublic: true,
      tracker: new SwitchableTracker({ kind: 'jira-server' }),
      allowPrivateDestinations: false,
    });
    try {
      for (const baseUrl of [server.mountUrl, 'http://localhost:8080/jira', 'https://10.1.2.3', 'https://192.168.0.10/jira', 'http://[::1]:8080']) {
        const refused = await production.admin('PUT', '/tracker-connection', { baseUrl, token });
        expect(refused.status).toBe(400);
        expect(refused.body.error.message).toContain('local or private network address');
      }
      expect((await production.admin('GET', '/tracker-connection')).body.signedIn).toBe(false);
    } finally {
      await production.close();
    }
  });

  it("is described in the node's OpenAPI document, like every admin call", async () => {
    const document = (await node.admin('GET', '/openapi.json')).body;
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/tracker-connection', '/tracker-connection/sign-in', '/tracker-connection/workspaces', '/tracker-connection/workspace']),
    );
    expect(document.paths['/tracker-connection'].put.requestBody.content['application/json'].schema).toMatchObject({
      required: ['baseUrl', 'token'],
      additionalProperties: false,
    });
  });

  it('is refused on trackers that do not connect this way', async () => {
    const refused = await node.admin('POST', '/tracker-connection/sign-in', {});
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toContain('Asana sign-in and workspaces apply to Asana nodes only');
  });
});
