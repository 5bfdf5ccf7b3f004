import { ExalateError } from '../../../core';
import { ManualClock } from '../../../test/fakes/manual-clock';
import { loadSpecDocument } from '../../../test/spec/spec-documents';
import { startEmulatorServer, type RunningEmulatorServer } from '../../emulator-kit';
import { AsanaAdapter } from '../adapter';
import {
  asanaAuthorizePath,
  asanaAuthorizeUrl,
  asanaTokenPath,
  defaultAsanaOAuthUrl,
  exchangeAsanaCode,
  refreshAsanaToken,
  type AsanaOAuthApp,
} from '../asana-oauth';
import { createAsanaEmulator, type AsanaEmulator } from './index';

/** Asana's OAuth endpoints as the emulator answers them, through the node's own OAuth client. */
describe('Asana emulator: OAuth code grant', () => {
  const clock = new ManualClock();
  const redirectUri = 'http://127.0.0.1:9/oauth/asana/callback';
  let emulator: AsanaEmulator;
  let server: RunningEmulatorServer;
  let app: AsanaOAuthApp;

  beforeAll(async () => {
    emulator = createAsanaEmulator({ clock, oauthClients: [{ clientId: '111', clientSecret: 'app-secret', name: 'Test app', redirectUris: [redirectUri] }] });
    server = await startEmulatorServer(emulator.routes, { prefix: '/asana' });
    app = { clientId: '111', clientSecret: 'app-secret', oauthUrl: server.mountUrl };
  });
  afterAll(() => server.close());

  it('serves the endpoints asana.yaml names in its oauth2 security scheme, at the same paths', () => {
    const schemes = (
      loadSpecDocument('asana').content['components'] as { securitySchemes: Record<string, { flows?: { authorizationCode?: Record<string, string> } }> }
    ).securitySchemes;
    const flow = schemes['oauth2']?.flows?.authorizationCode;
    expect(flow?.['authorizationUrl']).toBe(`${defaultAsanaOAuthUrl}${asanaAuthorizePath}`);
    expect(new URL(asanaAuthorizeUrl({ ...app, oauthUrl: defaultAsanaOAuthUrl }, { redirectUri, state: 's' })).pathname).toBe(asanaAuthorizePath);
    expect(flow?.['tokenUrl']).toBe(`${defaultAsanaOAuthUrl}${asanaTokenPath}`);
    expect(flow?.['refreshUrl']).toBe(`${defaultAsanaOAuthUrl}${asanaTokenPath}`);
  });

  /** Clicks Allow (or Deny) on the consent page and returns where Asana sends the browser. */
  async function consent(decision: 'allow' | 'deny', state = 'state-1'): Promise<URL> {
    const page = await fetch(asanaAuthorizeUrl(app, { redirectUri, state }));
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toMatch(/<button type="submit" name="decision" value="allow" class="allow">Allow<\/button>/);
    expect(html).toMatch(/<button type="submit" name="decision" value="deny" class="deny">Deny<\/button>/);
    const answer = await fetch(`${server.mountUrl}/-/oauth_authorize`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ client_id: '111', redirect_uri: redirectUri, response_type: 'code', state, decision }).toString(),
      redirect: 'manual',
    });
    expect(answer.status).toBe(302);
    return new URL(answer.headers.get('location') ?? '');
  }

  it('sends Allow back with a code and the state, and the code buys tokens its API accepts for an hour', async () => {
    const back = await consent('allow');
    expect(`${back.origin}${back.pathname}`).toBe(redirectUri);
    expect(back.searchParams.get('state')).toBe('state-1');
    const grant = await exchangeAsanaCode(app, { code: back.searchParams.get('code') ?? '', redirectUri, now: clock.now() });
    expect(grant).toMatchObject({
      refreshToken: expect.any(String),
      expiresAt: clock.now() + 3600_000,
      user: { name: 'Sam Asana', email: 'sam@acme.example' },
    });

    const adapter = new AsanaAdapter({ baseUrl: server.mountUrl, authorization: `Bearer ${grant.accessToken}` });
    await expect(adapter.describeAccount()).resolves.toMatchObject({ name: 'Sam Asana' });
    clock.advance(3601_000);
    await expect(adapter.describeAccount()).rejects.toMatchObject({ code: 'unauthorized' });

    const renewed = await refreshAsanaToken(app, { refreshToken: grant.refreshToken ?? '', redirectUri, now: clock.now() });
    expect(renewed.accessToken).not.toBe(grant.accessToken);
    // Asana keeps the refresh token: the refresh answer carries none.
    expect(renewed.refreshToken).toBeUndefined();
    await expect(
      new AsanaAdapter({ baseUrl: server.mountUrl, authorization: async () => `Bearer ${renewed.accessToken}` }).describeAccount(),
    ).resolves.toMatchObject({ name: 'Sam Asana' });
  });

  it('sends Deny back as error=access_denied with the state', async () => {
    const back = await consent('deny', 'state-2');
    expect(back.searchParams.get('error')).toBe('access_denied');
    expect(back.searchParams.get('state')).toBe('state-2');
    expect(back.searchParams.has('code')).toBe(false);
  });

  it('trades a code once, only for its redirect URI, and only with the app’s secret', async () => {
    const code = (await consent('allow')).searchParams.get('code') ?? '';
    await expect(exchangeAsanaCode({ ...app, clientSecret: 'wrong' }, { code, redirectUri, now: clock.now() })).rejects.toThrow(
      'Check ASANA_CLIENT_ID and ASANA_CLIENT_SECRET',
    );
    await expect(exchangeAsanaCode(app, { code, redirectUri: `${redirectUri}/elsewhere`, now: clock.now() })).rejects.toMatchObject({ code: 'unauthorized' });
    await exchangeAsanaCode(app, { code, redirectUri, now: clock.now() });
    const reused = exchangeAsanaCode(app, { code, redirectUri, now: clock.now() });
    await expect(reused).rejects.toThrow('the code was used already or expired');
    expect(ExalateError.isInstance(await reused.catch((error: unknown) => error))).toBe(true);
  });

  it('lets a code expire after ten minutes', async () => {
    const code = (await consent('allow')).searchParams.get('code') ?? '';
    clock.advance(11 * 60_000);
    await expect(exchangeAsanaCode(app, { code, redirectUri, now: clock.now() })).rejects.toMatchObject({ code: 'unauthorized' });
  });

  it('shows its own error page, sending nobody anywhere, for an unknown app or redirect URI', async () => {
    const unknownApp = await fetch(asanaAuthorizeUrl({ ...app, clientId: '999' }, { redirectUri, state: 's' }), { redirect: 'manual' });
    expect(unknownApp.status).toBe(400);
    expect(await unknownApp.text()).toContain('client_id is not recognized');
    const elsewhere = await fetch(asanaAuthorizeUrl(app, { redirectUri: 'https://attacker.example/callback', state: 's' }), { redirect: 'manual' });
    expect(elsewhere.status).toBe(400);
    expect(await elsewhere.text()).toContain('redirect_uri does not match');
  });

  it('keeps grants through a restart of the emulator', async () => {
    const code = (await consent('allow')).searchParams.get('code') ?? '';
    const grant = await exchangeAsanaCode(app, { code, redirectUri, now: clock.now() });
    const restored = createAsanaEmulator({ clock });
    restored.state.restore(JSON.parse(JSON.stringify(emulator.state)));
    expect(restored.state.oauthGrants.some((kept) => kept.refreshToken === grant.refreshToken)).toBe(true);
  });
});
