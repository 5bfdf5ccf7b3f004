import { ExalateError } from '../../core';
import { basicAuthorization, startEmulatorServer, type RunningEmulatorServer } from '../emulator-kit';
import { createSpecCheckingFetch } from '../../test/spec/spec-checking-fetch';
import { createTestTimers } from '../tracker-http';
import { JiraCloudAdapter } from './adapter';
import { createJiraCloudEmulator, jiraCloudSampleSeed, type JiraCloudEmulator } from './emulator';

const prefix = '/jira-cloud/tracker';

/** 120 projects: three pages at Jira's default page size of 50. */
const manyProjects = Array.from({ length: 120 }, (_, index) => ({ key: `P${String(index).padStart(3, '0')}`, name: `Project ${index}` }));

describe('JiraCloudAdapter against the Jira Cloud emulator', () => {
  let emulator: JiraCloudEmulator;
  let server: RunningEmulatorServer;

  beforeAll(async () => {
    emulator = createJiraCloudEmulator({ seed: { projects: manyProjects } });
    server = await startEmulatorServer(emulator.routes, { prefix });
  });
  afterAll(() => server.close());

  function checkedAdapter(authorization = emulator.authorization) {
    const specCheck = createSpecCheckingFetch({ document: 'jira-cloud-platform.v3', documentRoot: server.mountUrl });
    return { adapter: new JiraCloudAdapter({ baseUrl: server.mountUrl, authorization, fetch: specCheck.fetch }), specCheck };
  }

  it('describes the site as Jira Cloud with its version and site URL', async () => {
    const { adapter, specCheck } = checkedAdapter();

    await expect(adapter.describeInstance()).resolves.toEqual({ tracker: 'jira-cloud', version: '1001.0.0-SNAPSHOT', url: server.mountUrl });
    expect(specCheck.exchanges.map((exchange) => exchange.check.outcome)).toEqual(['valid']);
    specCheck.assertResponsesMatchSpec();
  });

  it('lists every project by key across all pages of project search', async () => {
    const { adapter, specCheck } = checkedAdapter();

    const projects = await adapter.listProjects();

    expect(projects).toHaveLength(120);
    expect(projects[0]).toEqual({ key: 'P000', name: 'Project 0' });
    expect(projects[119]).toEqual({ key: 'P119', name: 'Project 119' });
    expect(specCheck.exchanges.map((exchange) => new URL(exchange.url).searchParams.get('startAt'))).toEqual(['0', '50', '100']);
    expect(specCheck.exchanges.every((exchange) => exchange.check.outcome === 'valid')).toBe(true);
    specCheck.assertResponsesMatchSpec();
  });

  it('reports a wrong API token as unauthorized, with a message that says where to make a new one', async () => {
    const { adapter, specCheck } = checkedAdapter(basicAuthorization(jiraCloudSampleSeed.account.emailAddress, 'revoked-token'));

    const failure = await adapter.listProjects().catch((error: unknown) => error);

    expect(ExalateError.isInstance(failure)).toBe(true);
    expect(failure).toMatchObject({ code: 'unauthorized', httpStatus: 401 });
    expect((failure as ExalateError).message).toContain('https://id.atlassian.com/manage-profile/security/api-tokens');
    expect(specCheck.exchanges[0]?.check.outcome).toBe('no-schema');
    specCheck.assertResponsesMatchSpec();
  });

  it('reports rate limiting and outages as retryable, keeping the Retry-After the site asked for', async () => {
    const timers = createTestTimers();
    const answering =
      (make: () => Response): typeof fetch =>
      async () =>
        make();
    const adapterAnswering = (fetchImplementation: typeof fetch) =>
      new JiraCloudAdapter({
        baseUrl: server.mountUrl,
        authorization: emulator.authorization,
        fetch: fetchImplementation,
        clock: timers.clock,
        sleep: timers.sleep,
        random: timers.random,
      });
    const unreachable: typeof fetch = async () => {
      throw new TypeError('fetch failed');
    };

    await expect(adapterAnswering(answering(() => new Response('', { status: 429, headers: { 'Retry-After': '7' } }))).listProjects()).rejects.toMatchObject({
      code: 'tracker_unavailable',
      isRetryable: true,
      details: { retryAfterSeconds: 7, attempts: 4 },
    });
    expect(timers.waits.filter((wait) => wait >= 7000)).toHaveLength(3);
    await expect(adapterAnswering(answering(() => new Response('', { status: 503 }))).listProjects()).rejects.toMatchObject({
      code: 'tracker_unavailable',
      isRetryable: true,
    });
    await expect(adapterAnswering(unreachable).describeInstance()).rejects.toMatchObject({
      isRetryable: true,
      message: expect.stringContaining('could not reach Jira Cloud'),
    });
    await expect(adapterAnswering(answering(() => new Response('<html>login</html>', { status: 200 }))).describeInstance()).rejects.toMatchObject({
      code: 'internal',
      isRetryable: false,
      message: expect.stringContaining('not Jira Cloud'),
    });
  });

  it('answers an anonymous project search with no projects, as Jira does without Browse Projects for anyone', async () => {
    const response = await fetch(`${server.mountUrl}/rest/api/3/project/search`);

    expect(response.status).toBe(200);
    await expect(response.json()).resolves.toMatchObject({ total: 0, isLast: true, values: [] });
  });

  it('answers a malformed startAt and an unknown path with Jira error collections', async () => {
    const headers = { Authorization: emulator.authorization };
    const badRequest = await fetch(`${server.mountUrl}/rest/api/3/project/search?startAt=-1`, { headers });
    const notFound = await fetch(`${server.mountUrl}/rest/api/3/no-such-resource`, { headers });

    expect(badRequest.status).toBe(400);
    await expect(badRequest.json()).resolves.toEqual({ errorMessages: [expect.stringContaining('startAt')], errors: {} });
    expect(notFound.status).toBe(404);
    await expect(notFound.json()).resolves.toEqual({ errorMessages: [expect.any(String)], errors: {} });
  });

  it('seeds a sample site with three projects when given no seed', async () => {
    const sample = createJiraCloudEmulator();
    const sampleServer = await startEmulatorServer(sample.routes, { prefix });
    try {
      const adapter = new JiraCloudAdapter({ baseUrl: sampleServer.mountUrl, authorization: sample.authorization });
      await expect(adapter.listProjects()).resolves.toEqual([
        { key: 'DEV', name: 'Development' },
        { key: 'OPS', name: 'Operations' },
        { key: 'SUP', name: 'Customer Support' },
      ]);
    } finally {
      await sampleServer.close();
    }
  });

  it('keeps its state through toJSON and restore, credentials included', () => {
    const original = createJiraCloudEmulator();
    original.state.addProject({ key: 'NEW', name: 'Added later' });
    const restored = createJiraCloudEmulator({ seed: { projects: [], account: { apiToken: 'other' } } });

    original.state.work.createIssue({ projectKey: 'SUP', issueTypeId: '10004', summary: 'Kept' }, '5b10a2844c20165700ede21g');
    restored.state.restore(JSON.parse(JSON.stringify(original.state)));

    expect(restored.state.projects.map((project) => project.key)).toEqual(['SUP', 'DEV', 'OPS', 'NEW']);
    expect(restored.state.work.issue('SUP-1')?.summary).toBe('Kept');
    expect(restored.authorization).toBe(original.authorization);
    expect(() => restored.state.restore({ format: 'something-else' })).toThrow();
  });
});
