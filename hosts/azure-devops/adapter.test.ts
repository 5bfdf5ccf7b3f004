import { ExalateError } from '../../core';
import { basicAuthorization, startEmulatorServer, type RunningEmulatorServer } from '../emulator-kit';
import { createSpecCheckingFetch } from '../../test/spec/spec-checking-fetch';
import { AzureDevOpsAdapter } from './adapter';
import { createAzureDevOpsEmulator, type AzureDevOpsEmulator } from './emulator';

const prefix = '/azure-devops/tracker';
const connectionDataAllowance = { path: /\/_apis\/connectionData$/, reason: 'connectionData (location area) is in none of the 7.1 documents in shared/specs.' };

/** 250 projects: three pages at the service's 100 a page. */
const manyProjects = Array.from({ length: 250 }, (_, index) => ({ name: `Project ${String(index).padStart(3, '0')}` }));

describe('AzureDevOpsAdapter against the Azure DevOps emulator', () => {
  let emulator: AzureDevOpsEmulator;
  let server: RunningEmulatorServer;
  let organizationUrl: string;

  beforeAll(async () => {
    emulator = createAzureDevOpsEmulator({ seed: { projects: [...manyProjects, { name: 'Being deleted', state: 'deleting' }] } });
    server = await startEmulatorServer(emulator.routes, { prefix });
    organizationUrl = `${server.mountUrl}/${emulator.state.organization}`;
  });
  afterAll(() => server.close());

  function checkedAdapter(authorization = emulator.authorization, undescribed = [connectionDataAllowance]) {
    // The documents' paths start at /{organization}, so their root is the mount point, not the organization URL.
    const specCheck = createSpecCheckingFetch({ document: 'azure-devops-core.7.1', documentRoot: server.mountUrl, undescribed });
    return { adapter: new AzureDevOpsAdapter({ baseUrl: organizationUrl, authorization, fetch: specCheck.fetch }), specCheck };
  }

  it('describes the organization as Azure DevOps Services through connectionData', async () => {
    const { adapter, specCheck } = checkedAdapter();

    await expect(adapter.describeInstance()).resolves.toEqual({ tracker: 'azure-devops', version: 'Azure DevOps Services', url: organizationUrl });
    specCheck.assertResponsesMatchSpec();
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
    expect(specCheck.exchanges.every((exchange) => exchange.check.outcome === 'valid')).toBe(true);
    specCheck.assertResponsesMatchSpec();
  });

  it('accepts the token under any user name, as the document says', async () => {
    const adapter = new AzureDevOpsAdapter({ baseUrl: organizationUrl, authorization: basicAuthorization('anything', 'sandbox-azure-devops-personal-access-token') });

    await expect(adapter.describeInstance()).resolves.toMatchObject({ tracker: 'azure-devops' });
  });

  it('reports a wrong personal access token as unauthorized, naming the scopes a new one needs', async () => {
    const errorsUndocumented = { path: /\/_apis\//, reason: 'The 7.1 documents describe no error responses.' };
    const { adapter, specCheck } = checkedAdapter(basicAuthorization('', 'revoked'), [errorsUndocumented]);

    const failure = await adapter.listProjects().catch((error: unknown) => error);

    expect(ExalateError.isInstance(failure)).toBe(true);
    expect(failure).toMatchObject({ code: 'unauthorized', message: expect.stringContaining('Work Items (Read & write)') });
    expect(specCheck.exchanges.map((exchange) => exchange.status)).toEqual([401]);
    specCheck.assertResponsesMatchSpec();
  });

  it('treats the 203 sign-in page Azure DevOps serves to unauthenticated calls as a refused token', async () => {
    const signInPage: typeof fetch = async () => new Response('<html>Sign in to your account</html>', { status: 203, headers: { 'Content-Type': 'text/html' } });
    const adapter = new AzureDevOpsAdapter({ baseUrl: organizationUrl, authorization: emulator.authorization, fetch: signInPage });

    await expect(adapter.listProjects()).rejects.toMatchObject({ code: 'unauthorized' });
  });

  it.each([
    ['', 'VssVersionNotSpecifiedException', 'No api-version was supplied for the "GET" request.'],
    ['?api-version=latest', 'VssInvalidApiResourceVersionException', 'Invalid api version string: "latest".'],
    ['?api-version=7.2', 'VssInvalidPreviewVersionException', 'The requested version "7.2" of the resource is under preview.'],
    ['?api-version=9.0', 'VssVersionOutOfRangeException', 'The requested REST API version of 9.0 is out of range for this server.'],
  ])('answers the project list%s with the 400 Azure DevOps sends (%s)', async (query, typeKey, message) => {
    const response = await fetch(`${organizationUrl}/_apis/projects${query}`, { headers: { Authorization: emulator.authorization } });

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
    const response = await fetch(`${organizationUrl}/_apis/projects`, { headers: { Authorization: emulator.authorization, Accept: 'application/json; api-version=7.1' } });

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8; api-version=7.1');
  });

  it('answers an unknown organization with 404 and reports it as not found', async () => {
    const adapter = new AzureDevOpsAdapter({ baseUrl: `${server.mountUrl}/no-such-org`, authorization: emulator.authorization });

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
