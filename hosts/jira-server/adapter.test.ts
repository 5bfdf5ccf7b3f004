import { ExalateError, type LicenceState } from '../../core';
import { bearerAuthorization, startEmulatorServer, type RunningEmulatorServer } from '../emulator-kit';
import { createSpecCheckingFetch } from '../../test/spec/spec-checking-fetch';
import { JiraServerAdapter } from './adapter';
import { createJiraServerEmulator, type JiraServerEmulator } from './emulator';

const prefix = '/jira-server/tracker';

/** Server/DC has no v2 API document; its resources are the v3 ones, so responses are checked against those. */
function checkedAdapter(server: RunningEmulatorServer, authorization: string) {
  const specCheck = createSpecCheckingFetch({
    document: 'jira-cloud-platform.v3',
    documentRoot: server.mountUrl,
    mapPath: (path) => path.replace(/^\/rest\/api\/2\//, '/rest/api/3/'),
    undescribed: [{ path: /\/rest\/plugins\/1\.0\//, reason: 'UPM (the plugin manager) publishes no API document.' }],
  });
  return { adapter: new JiraServerAdapter({ baseUrl: server.mountUrl, authorization, fetch: specCheck.fetch }), specCheck };
}

describe('JiraServerAdapter against the Jira Server/DC emulator', () => {
  let emulator: JiraServerEmulator;
  let server: RunningEmulatorServer;

  beforeAll(async () => {
    emulator = createJiraServerEmulator();
    server = await startEmulatorServer(emulator.routes, { prefix });
  });
  afterAll(() => server.close());
  afterEach(() => emulator.state.setLicence('none'));

  it("describes the instance with its Jira version, and this product's plugin installed with no licence, as the sample has it", async () => {
    const { adapter, specCheck } = checkedAdapter(server, emulator.authorization);

    await expect(adapter.describeInstance()).resolves.toEqual({
      tracker: 'jira-server',
      version: '9.12.2',
      url: server.mountUrl,
      licence: 'none',
      licenceCheck:
        "Licence: asked Jira's Manage apps (UPM) about org.exalate.open.jira; the app is installed with no licence. This open edition needs none, so Script mode is offered.",
    });
    expect(specCheck.exchanges.map((exchange) => exchange.check.outcome)).toEqual(['valid', 'undescribed']);
    specCheck.assertResponsesMatchSpec();
  });

  it.each<[LicenceState]>([['trial'], ['paid'], ['expired'], ['none']])('reports the %s licence UPM holds for the app', async (licence) => {
    emulator.state.setLicence(licence);
    const adapter = new JiraServerAdapter({ baseUrl: server.mountUrl, authorization: emulator.authorization });

    await expect(adapter.describeInstance()).resolves.toMatchObject({ licence });
  });

  it("asks UPM about this product's own plugin key, never another vendor's", async () => {
    const asked: string[] = [];
    const adapter = new JiraServerAdapter({
      baseUrl: server.mountUrl,
      authorization: emulator.authorization,
      fetch: async (input, init) => {
        asked.push(new URL(input).pathname);
        return fetch(input, init);
      },
    });
    await adapter.describeInstance();
    expect(asked).toContain(`${prefix}/rest/plugins/1.0/org.exalate.open.jira-key/license`);
    expect(asked.join(' ')).not.toContain('com.exalate');
  });

  it('says which date an expired licence ran out on, as UPM reports it', async () => {
    emulator.state.setLicence('expired');
    const adapter = new JiraServerAdapter({ baseUrl: server.mountUrl, authorization: emulator.authorization });
    const { licenceCheck } = await adapter.describeInstance();
    expect(licenceCheck).toMatch(
      /^Licence: asked Jira's Manage apps \(UPM\) about org\.exalate\.open\.jira; it holds a licence that expired on \d{2}\/[A-Z][a-z]{2}\/\d{2}\.$/,
    );
  });

  it('reports no licence when UPM does not know the app at all, and says it is not installed', async () => {
    const adapter = new JiraServerAdapter({ baseUrl: server.mountUrl, authorization: emulator.authorization, appKey: 'com.example.not-installed' });

    await expect(adapter.describeInstance()).resolves.toMatchObject({
      licence: 'none',
      licenceCheck: expect.stringContaining('the app is not installed there, so no licence applies'),
    });
  });

  it('lists the sample projects, checked against the v3 Project schema', async () => {
    const { adapter, specCheck } = checkedAdapter(server, emulator.authorization);

    await expect(adapter.listProjects()).resolves.toEqual([
      { key: 'ITSM', name: 'IT Service Desk' },
      { key: 'ENG', name: 'Engineering' },
      { key: 'QA', name: 'Quality Assurance' },
    ]);
    expect(specCheck.exchanges.map((exchange) => exchange.check.outcome)).toEqual(['valid']);
    specCheck.assertResponsesMatchSpec();
  });

  it('returns every project in one unpaginated answer, as Server/DC does', async () => {
    const many = createJiraServerEmulator({ seed: { projects: Array.from({ length: 150 }, (_, index) => ({ key: `K${index}`, name: `Project ${index}` })) } });
    const manyServer = await startEmulatorServer(many.routes, { prefix });
    try {
      const { adapter, specCheck } = checkedAdapter(manyServer, many.authorization);

      const projects = await adapter.listProjects();

      expect(projects).toHaveLength(150);
      expect(specCheck.exchanges).toHaveLength(1);
      specCheck.assertResponsesMatchSpec();
    } finally {
      await manyServer.close();
    }
  });

  it('reports a wrong personal access token as unauthorized, and says how to make a new one', async () => {
    const { adapter, specCheck } = checkedAdapter(server, bearerAuthorization('revoked'));

    const failure = await adapter.describeInstance().catch((error: unknown) => error);

    expect(ExalateError.isInstance(failure)).toBe(true);
    expect(failure).toMatchObject({ code: 'unauthorized', message: expect.stringContaining('Personal Access Tokens') });
    specCheck.assertResponsesMatchSpec();
  });

  it('answers wrong credentials with 401 and the Seraph login reason, even on anonymous resources', async () => {
    const response = await fetch(`${server.mountUrl}/rest/api/2/serverInfo`, { headers: { Authorization: bearerAuthorization('revoked') } });
    const anonymous = await fetch(`${server.mountUrl}/rest/api/2/serverInfo`);

    expect(response.status).toBe(401);
    expect(response.headers.get('x-seraph-loginreason')).toBe('AUTHENTICATED_FAILED');
    await expect(response.json()).resolves.toEqual({ errorMessages: [expect.any(String)], errors: {} });
    expect(anonymous.status).toBe(200);
  });

  it('reports a token of a non-administrator, which UPM refuses, as forbidden', async () => {
    const forbidding: typeof fetch = async (input, init) => {
      const url = new URL(input instanceof Request ? input.url : input);
      if (url.pathname.includes('/rest/plugins/1.0/')) return new Response('', { status: 403 });
      return fetch(input, init);
    };
    const adapter = new JiraServerAdapter({ baseUrl: server.mountUrl, authorization: emulator.authorization, fetch: forbidding });

    await expect(adapter.describeInstance()).rejects.toMatchObject({ code: 'forbidden', message: expect.stringContaining('Jira administrator') });
  });

  it('keeps its licence, projects and token through toJSON and restore', () => {
    const original = createJiraServerEmulator({ seed: { licence: 'paid', account: { personalAccessToken: 'kept' } } });
    original.state.addProject({ key: 'NEW', name: 'Added later' });
    const restored = createJiraServerEmulator();

    restored.state.restore(JSON.parse(JSON.stringify(original.state)));

    expect(restored.state.licence).toBe('paid');
    expect(restored.state.projects.map((project) => project.key)).toEqual(['ITSM', 'ENG', 'QA', 'NEW']);
    expect(restored.authorization).toBe(bearerAuthorization('kept'));
  });
});
