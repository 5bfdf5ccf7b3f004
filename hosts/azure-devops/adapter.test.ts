import { ExalateError } from '../../core';
import { basicAuthorization, startEmulatorServer } from '../emulator-kit';
import { AzureDevOpsAdapter } from './adapter';
import { createAzureDevOpsEmulator } from './emulator';
import { azureDevOpsPrefix as prefix, startAzureDevOpsHarness, type AzureDevOpsHarness } from '../../test/support/azure-devops-harness';

/** 250 projects: three pages at the service's 100 a page. */
const manyProjects = Array.from({ length: 250 }, (_, index) => ({ name: `Project ${String(index).padStart(3, '0')}` }));

describe('AzureDevOpsAdapter against the Azure DevOps emulator', () => {
  let harness: AzureDevOpsHarness;
  let organizationUrl: string;

  beforeAll(async () => {
    harness = await startAzureDevOpsHarness({ seed: { projects: [...manyProjects, { name: 'Being deleted', state: 'deleting' }] } });
    organizationUrl = harness.organizationUrl;
  });
  afterAll(() => harness.close());
  beforeEach(() => harness.checks.clear());
  afterEach(() => harness.checks.assertExchangesMatchSpec());

  function checkedAdapter(authorization = harness.emulator.authorization) {
    return { adapter: harness.adapterWith({ authorization }), specCheck: harness.checks };
  }

  it('describes the organization as Azure DevOps Services through connectionData', async () => {
    const { adapter, specCheck } = checkedAdapter();

    await expect(adapter.describeInstance()).resolves.toEqual({ tracker: 'azure-devops', version: 'Azure DevOps Services', url: organizationUrl });
    expect(specCheck.exchanges).toHaveLength(1);
  });

  it('tells Azure DevOps Server apart by its onPremises deployment type', async () => {
    const onPremises = createAzureDevOpsEmulator({ seed: { deploymentType: 'onPremises' } });
    const onPremisesServer = await startEmulatorServer(onPremises.routes, { prefix });
    try {
      const adapter = new AzureDevOpsAdapter({ baseUrl: `${onPremisesServer.mountUrl}/acme`, authorization: onPremises.authorization });
      await expect(adapter.describeInstance()).resolves.toMatchObject({ version: 'Azure DevOps Server' });
    } finally {
      await onPremisesServer.close();
    }
  });

  it('lists every well-formed project by name, following the continuation token across pages', async () => {
    const { adapter, specCheck } = checkedAdapter();

    const projects = await adapter.listProjects();

    expect(projects).toHaveLength(250);
    expect(projects[0]).toEqual({ key: 'Project 000', name: 'Project 000' });
    expect(projects.some((project) => project.name === 'Being deleted')).toBe(false);
    expect(specCheck.exchanges.map((exchange) => new URL(exchange.url).searchParams.get('continuationToken'))).toEqual([null, '100', '200']);
    expect(specCheck.exchanges.every((exchange) => exchange.response.outcome === 'valid')).toBe(true);
  });

  it('accepts the token under any user name, as the document says', async () => {
    const { adapter } = checkedAdapter(basicAuthorization('anything', 'sandbox-azure-devops-personal-access-token'));

    await expect(adapter.describeInstance()).resolves.toMatchObject({ tracker: 'azure-devops' });
  });

  it('reports a wrong personal access token as unauthorized, naming the scopes a new one needs', async () => {
    const adapter = new AzureDevOpsAdapter({ baseUrl: organizationUrl, authorization: basicAuthorization('', 'revoked') });

    const failure = await adapter.listProjects().catch((error: unknown) => error);

    expect(ExalateError.isInstance(failure)).toBe(true);
    expect(failure).toMatchObject({ code: 'unauthorized', message: expect.stringContaining('Work Items (Read & write)') });
  });

  it('treats the 203 sign-in page Azure DevOps serves to unauthenticated calls as a refused token', async () => {
    const signInPage: typeof fetch = async () =>
      new Response('<html>Sign in to your account</html>', { status: 203, headers: { 'Content-Type': 'text/html' } });
    const adapter = new AzureDevOpsAdapter({ baseUrl: organizationUrl, authorization: harness.emulator.authorization, fetch: signInPage });

    await expect(adapter.listProjects()).rejects.toMatchObject({ code: 'unauthorized' });
  });

  it.each([
    ['', 'VssVersionNotSpecifiedException', 'No api-version was supplied for the "GET" request.'],
    ['?api-version=latest', 'VssInvalidApiResourceVersionException', 'Invalid api version string: "latest".'],
    ['?api-version=7.2', 'VssInvalidPreviewVersionException', 'The requested version "7.2" of the resource is under preview.'],
    ['?api-version=9.0', 'VssVersionOutOfRangeException', 'The requested REST API version of 9.0 is out of range for this server.'],
  ])('answers the project list%s with the 400 Azure DevOps sends (%s)', async (query, typeKey, message) => {
    const response = await fetch(`${organizationUrl}/_apis/projects${query}`, { headers: { Authorization: harness.emulator.authorization } });

    expect(response.status).toBe(400);
    await expect(response.json()).resolves.toEqual({
      $id: '1',
      innerException: null,
      message: expect.stringContaining(message),
      typeName: `Microsoft.VisualStudio.Services.WebApi.${typeKey}, Microsoft.VisualStudio.Services.WebApi`,
      typeKey,
      errorCode: 0,
      eventId: 3000,
    });
  });

  it('takes the api-version from the Accept header too, and echoes it in the Content-Type', async () => {
    const response = await fetch(`${organizationUrl}/_apis/projects`, {
      headers: { Authorization: harness.emulator.authorization, Accept: 'application/json; api-version=7.1' },
    });

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8; api-version=7.1');
  });

  it('answers an unknown organization with 404 and reports it as not found', async () => {
    const adapter = new AzureDevOpsAdapter({ baseUrl: `${harness.server.mountUrl}/no-such-org`, authorization: harness.emulator.authorization });

    await expect(adapter.listProjects()).rejects.toMatchObject({ code: 'not_found', message: expect.stringContaining('VS402844') });
  });

  it('keeps its organization, projects and token through toJSON and restore', () => {
    const original = createAzureDevOpsEmulator({ seed: { account: { personalAccessToken: 'kept' } } });
    const added = original.state.addProject({ name: 'Added later' });
    const restored = createAzureDevOpsEmulator({ seed: { projects: [] } });

    restored.state.restore(JSON.parse(JSON.stringify(original.state)));

    expect(restored.state.projects.map((project) => project.name)).toEqual(['Fabrikam Fiber', 'Contoso Web', 'Platform', 'Added later']);
    expect(restored.state.projects[3]?.id).toBe(added.id);
    expect(restored.authorization).toBe(basicAuthorization('', 'kept'));
  });
});
