import { ExalateError } from '../../core';
import { bearerAuthorization, startEmulatorServer, type RunningEmulatorServer } from '../emulator-kit';
import { checkResponseAgainstSpec } from '../../test/spec/openapi-validator';
import { createSpecCheckingFetch } from '../../test/spec/spec-checking-fetch';
import { AsanaAdapter } from './adapter';
import { createAsanaEmulator, type AsanaEmulator } from './emulator';

const prefix = '/asana/tracker';

describe('AsanaAdapter against the Asana emulator', () => {
  let emulator: AsanaEmulator;
  let server: RunningEmulatorServer;

  beforeAll(async () => {
    emulator = createAsanaEmulator();
    server = await startEmulatorServer(emulator.routes, { prefix });
  });
  afterAll(() => server.close());

  function checkedAdapter(running: RunningEmulatorServer, authorization: string) {
    const specCheck = createSpecCheckingFetch({ document: 'asana', documentRoot: running.mountUrl });
    return { adapter: new AsanaAdapter({ baseUrl: running.mountUrl, authorization, fetch: specCheck.fetch }), specCheck };
  }

  /** Raw call to the emulator, its body checked against asana.yaml before the test looks at it. */
  async function getChecked(path: string, authorization = emulator.authorization): Promise<{ status: number; body: unknown }> {
    const response = await fetch(`${server.mountUrl}/api/1.0${path}`, { headers: { Authorization: authorization } });
    const body: unknown = await response.json();
    const check = checkResponseAgainstSpec('asana', { method: 'GET', path: `/api/1.0${path.split('?')[0] ?? ''}`, status: response.status, body });
    expect(check.outcome).toBe('valid');
    return { status: response.status, body };
  }

  it('describes Asana by its REST version and host, after reading the token owner', async () => {
    const { adapter, specCheck } = checkedAdapter(server, emulator.authorization);

    await expect(adapter.describeInstance()).resolves.toEqual({ tracker: 'asana', version: '1.0', url: server.mountUrl });
    expect(specCheck.exchanges.map((exchange) => exchange.check.outcome)).toEqual(['valid']);
    specCheck.assertResponsesMatchSpec();
  });

  it('lists one entry per unarchived project across workspaces, keyed by gid and named "Workspace / Project"', async () => {
    const { adapter, specCheck } = checkedAdapter(server, emulator.authorization);
    const gidOf = (name: string) => emulator.state.projects.find((project) => project.name === name)?.gid;

    await expect(adapter.listProjects()).resolves.toEqual([
      { key: gidOf('Roadmap'), name: 'Acme Corp / Roadmap' },
      { key: gidOf('Bugs'), name: 'Acme Corp / Bugs' },
      { key: gidOf('Joint launch'), name: 'Partner Workspace / Joint launch' },
    ]);
    specCheck.assertResponsesMatchSpec();
  });

  it('follows next_page offsets through every page of every workspace', async () => {
    const projects = (count: number, label: string) => Array.from({ length: count }, (_, index) => ({ name: `${label} ${index}` }));
    const large = createAsanaEmulator({
      seed: {
        workspaces: [
          { name: 'Big', projects: projects(150, 'B') },
          { name: 'Small', projects: projects(60, 'S') },
        ],
      },
    });
    const largeServer = await startEmulatorServer(large.routes, { prefix });
    try {
      const { adapter, specCheck } = checkedAdapter(largeServer, large.authorization);

      const listed = await adapter.listProjects();

      expect(listed).toHaveLength(210);
      expect(listed[149]?.name).toBe('Big / B 149');
      expect(listed[209]?.name).toBe('Small / S 59');
      const requests = specCheck.exchanges.map((exchange) => new URL(exchange.url));
      expect(requests.map((url) => url.pathname.replace(/.*\/api\/1\.0/, ''))).toEqual(['/workspaces', '/projects', '/projects', '/projects']);
      expect(requests[2]?.searchParams.get('offset')).toEqual(expect.any(String));
      expect(specCheck.exchanges.every((exchange) => exchange.check.outcome === 'valid')).toBe(true);
      specCheck.assertResponsesMatchSpec();
    } finally {
      await largeServer.close();
    }
  });

  it('reports a wrong personal access token as unauthorized, after a 401 in the documented error shape', async () => {
    const { adapter, specCheck } = checkedAdapter(server, bearerAuthorization('revoked'));

    const failure = await adapter.describeInstance().catch((error: unknown) => error);

    expect(ExalateError.isInstance(failure)).toBe(true);
    expect(failure).toMatchObject({ code: 'unauthorized', message: expect.stringContaining('Create new token') });
    expect(specCheck.exchanges.map((exchange) => [exchange.status, exchange.check.outcome])).toEqual([[401, 'valid']]);
    specCheck.assertResponsesMatchSpec();
  });

  it('answers missing input, a bad limit and a forged offset with 400s in the documented error shape', async () => {
    const workspace = emulator.state.workspaces[0]?.gid ?? '';

    await expect(getChecked('/projects')).resolves.toEqual({
      status: 400,
      body: { errors: [{ message: 'workspace: Missing input', help: expect.any(String) }] },
    });
    await expect(getChecked(`/projects?workspace=${workspace}&limit=500`)).resolves.toMatchObject({ status: 400 });
    await expect(getChecked(`/projects?workspace=${workspace}&limit=10&offset=made-up`)).resolves.toMatchObject({ status: 400 });
    await expect(getChecked('/projects?workspace=999')).resolves.toMatchObject({
      status: 400,
      body: { errors: [{ message: 'workspace: Not a recognized ID: 999' }] },
    });
  });

  it('returns compact records by default, only gid and the asked fields with opt_fields, and all without limit', async () => {
    const workspace = emulator.state.workspaces[0];

    const compact = await getChecked(`/projects?workspace=${workspace?.gid ?? ''}`);
    const selected = await getChecked(`/projects?workspace=${workspace?.gid ?? ''}&opt_fields=name,workspace.name&archived=true`);

    expect(compact.body).toEqual({
      data: [
        { gid: expect.any(String), resource_type: 'project', name: 'Roadmap' },
        { gid: expect.any(String), resource_type: 'project', name: 'Bugs' },
        { gid: expect.any(String), resource_type: 'project', name: 'Old launch plan' },
      ],
    });
    expect(selected.body).toEqual({ data: [{ gid: expect.any(String), name: 'Old launch plan', workspace: { gid: workspace?.gid, name: 'Acme Corp' } }] });
  });

  it('answers an unknown route with 404 "No matching route for request"', async () => {
    const response = await fetch(`${server.mountUrl}/api/1.0/no-such-thing`, { headers: { Authorization: emulator.authorization } });

    expect(response.status).toBe(404);
    await expect(response.json()).resolves.toEqual({ errors: [{ message: 'No matching route for request', help: expect.any(String) }] });
  });

  it('keeps its workspaces, projects and token through toJSON and restore', () => {
    const original = createAsanaEmulator({ seed: { user: { personalAccessToken: 'kept' } } });
    const added = original.state.addProject(original.state.workspaces[1]?.gid ?? '', { name: 'Added later' });
    const restored = createAsanaEmulator({ seed: { workspaces: [] } });

    restored.state.restore(JSON.parse(JSON.stringify(original.state)));

    expect(restored.state.workspaces.map((workspace) => workspace.name)).toEqual(['Acme Corp', 'Partner Workspace']);
    expect(restored.state.projects.at(-1)).toEqual(added);
    expect(restored.authorization).toBe(bearerAuthorization('kept'));
    expect(restored.state.addProject(added.workspaceGid, { name: 'Next' }).gid).not.toBe(added.gid);
  });
});
