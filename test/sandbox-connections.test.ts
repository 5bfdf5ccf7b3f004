import type { RunningSandbox } from '../scripts/sandbox/create-sandbox';
import type { SandboxDescription } from '../scripts/sandbox/sandbox-description';
import { adminClient, instanceOf } from './support/sandbox-client';
import { startTestSandbox } from './support/test-sandbox';

/**
 * The connection story of the four seeded guides, through the admin API of a running sandbox,
 * exactly as an outside client reads it from /sandbox.json.
 */
describe('the sandbox: the four seeded connection flows', () => {
  let sandbox: RunningSandbox;
  let description: SandboxDescription;

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    description = (await (await fetch(`${sandbox.baseUrl}/sandbox.json`)).json()) as SandboxDescription;
  });
  afterAll(() => sandbox.close());

  it('publishes every tracker publicly and at least one private side, as ARCHITECTURE §8 says', () => {
    const publicTrackers = description.instances
      .filter((instance) => instance.public)
      .map((instance) => instance.tracker)
      .sort();
    expect(publicTrackers).toEqual(['asana', 'azure-devops', 'jira-cloud', 'jira-server']);
    const privateSides = description.instances.filter((instance) => !instance.public);
    expect(privateSides.length).toBeGreaterThanOrEqual(1);
    expect(privateSides.every((instance) => instance.url === null)).toBe(true);
    for (const instance of description.instances) {
      expect(Object.keys(instance).sort()).toEqual([
        'adminApi',
        'adminToken',
        'console',
        'id',
        'itemPage',
        'public',
        'tracker',
        'trackerApi',
        'trackerAuth',
        'url',
      ]);
    }
  });

  it('lets each tracker answer its real project-listing path with the published credentials', async () => {
    const paths: Record<string, string> = {
      'jira-cloud': '/rest/api/3/project/search',
      'jira-server': '/rest/api/2/project',
      'azure-devops': '/_apis/projects?api-version=7.1',
      asana: '/api/1.0/workspaces',
    };
    for (const instance of description.instances) {
      const response = await fetch(`${instance.trackerApi}${paths[instance.tracker]}`, { headers: { authorization: instance.trackerAuth } });
      expect(response.status).toBe(200);
    }
  });

  it.each(['jira-cloud', 'azure-devops', 'asana'])('%s initiates a private connection that the private instance accepts', async (initiatorId) => {
    const initiator = instanceOf(description, initiatorId);
    const privateSide = description.instances.find((instance) => !instance.public)!;
    const initiatorAdmin = adminClient(initiator);
    const privateAdmin = adminClient(privateSide);
    const [initiatorProject] = (await initiatorAdmin('GET', '/projects')).body;
    const [privateProject] = (await privateAdmin('GET', '/projects')).body;

    const initiated = await initiatorAdmin('POST', '/connections/initiate', {
      destinationUrl: null,
      mode: 'script',
      localName: initiatorId,
      remoteName: 'private-ado',
      name: `${initiatorId}_to_private-ado`,
      projectKey: initiatorProject.key,
    });
    expect(initiated.status).toBe(201);
    expect(initiated.body.connection).toMatchObject({ status: 'pending', destination: 'unknown', mode: 'script' });

    const accepted = await privateAdmin('POST', '/connections/accept', { invitationCode: initiated.body.invitationCode, projectKey: privateProject.key });
    expect(accepted.status).toBe(201);
    expect(accepted.body.connection).toMatchObject({ id: initiated.body.connection.id, status: 'active', name: `${initiatorId}_to_private-ado` });

    // The initiator's list shows Active at once: no restart, no extra call from the private side.
    const listed = (await initiatorAdmin('GET', '/connections')).body.find((connection: { id: string }) => connection.id === initiated.body.connection.id);
    expect(listed).toMatchObject({ status: 'active', destination: 'unknown', mode: 'script' });
  });

  it('jira-server initiates a public connection to Jira Cloud, offered the modes Jira Cloud supports, and Jira Cloud accepts', async () => {
    const jiraServer = adminClient(instanceOf(description, 'jira-server'));
    const jiraCloudInstance = instanceOf(description, 'jira-cloud');
    const jiraCloud = adminClient(jiraCloudInstance);

    const inspected = await jiraServer('POST', '/destinations/inspect', { url: jiraCloudInstance.url });
    expect(inspected.body).toMatchObject({ tracker: 'jira-cloud', modes: ['basic', 'visual', 'script'] });
    const initiated = await jiraServer('POST', '/connections/initiate', {
      destinationUrl: jiraCloudInstance.url,
      mode: 'script',
      localName: 'acme-dc',
      remoteName: 'acme-cloud',
      name: 'acme-dc_to_acme-cloud',
      description: 'Escalations from the data center',
      projectKey: 'ITSM',
    });
    expect(initiated.status).toBe(201);
    expect(initiated.body.connection).toMatchObject({ status: 'pending', destination: jiraCloudInstance.url, remoteTracker: 'jira-cloud' });

    const preview = await jiraCloud('POST', '/invitations/preview', { invitationCode: initiated.body.invitationCode });
    expect(preview.body).toMatchObject({ inviterName: 'acme-dc', tracker: 'jira-server', mode: 'script', connectionName: 'acme-dc_to_acme-cloud' });

    const accepted = await jiraCloud('POST', '/connections/accept', { invitationCode: initiated.body.invitationCode, projectKey: 'SUP' });
    expect(accepted.status).toBe(201);
    expect(accepted.body.connection.status).toBe('active');
    const listed = (await jiraServer('GET', '/connections')).body.find((connection: { id: string }) => connection.id === initiated.body.connection.id);
    expect(listed.status).toBe('active');
  });

  describe('bad input is refused with a 4xx, an error code and a message, and changes nothing', () => {
    let validCode: string;
    let usedCode: string;
    let connectionsBefore: unknown;

    beforeAll(async () => {
      const jiraCloud = adminClient(instanceOf(description, 'jira-cloud'));
      const privateSide = adminClient(description.instances.find((instance) => !instance.public)!);
      const body = { destinationUrl: null, mode: 'script', localName: 'cloud', remoteName: 'onprem', name: 'cloud_to_onprem', projectKey: 'SUP' };
      validCode = (await jiraCloud('POST', '/connections/initiate', body)).body.invitationCode;
      usedCode = (await jiraCloud('POST', '/connections/initiate', body)).body.invitationCode;
      expect((await privateSide('POST', '/connections/accept', { invitationCode: usedCode, projectKey: 'Platform' })).status).toBe(201);
      connectionsBefore = { private: (await privateSide('GET', '/connections')).body, cloud: (await jiraCloud('GET', '/connections')).body };
    });

    const altered = (code: string) => {
      const position = Math.floor(code.length / 2);
      return code.slice(0, position) + (code[position] === 'x' ? 'y' : 'x') + code.slice(position + 1);
    };
    const cases: [string, () => unknown, number, string][] = [
      ['an empty code', () => ({ invitationCode: '', projectKey: 'Platform' }), 400, 'invitation_empty'],
      ['garbage', () => ({ invitationCode: 'please connect us', projectKey: 'Platform' }), 400, 'invitation_malformed'],
      ['a truncated code', () => ({ invitationCode: validCode.slice(0, -20), projectKey: 'Platform' }), 400, 'invitation_damaged'],
      ['an altered code', () => ({ invitationCode: altered(validCode), projectKey: 'Platform' }), 400, 'invitation_damaged'],
      ['a reused code', () => ({ invitationCode: usedCode, projectKey: 'Platform' }), 409, 'invitation_used'],
      ['an unknown project', () => ({ invitationCode: validCode, projectKey: 'NOPE' }), 400, 'project_unknown'],
      ['a missing field', () => ({ invitationCode: validCode }), 400, 'invalid_request'],
    ];
    it.each(cases)('%s', async (_name, body, status, code) => {
      const privateSide = adminClient(description.instances.find((instance) => !instance.public)!);
      const answer = await privateSide('POST', '/connections/accept', body());
      expect(answer.status).toBe(status);
      expect(answer.body.error.code).toBe(code);
      expect(answer.body.error.message.length).toBeGreaterThan(30);
    });

    it('an oversized (1 MB) code', async () => {
      const privateSide = adminClient(description.instances.find((instance) => !instance.public)!);
      const answer = await privateSide('POST', '/connections/accept', { invitationCode: `exa1.${'A'.repeat(1024 * 1024)}.00000000`, projectKey: 'Platform' });
      expect(answer.status).toBe(413);
      expect(answer.body.error).toMatchObject({ code: 'payload_too_large' });
    });

    it('malformed JSON', async () => {
      const privateSide = adminClient(description.instances.find((instance) => !instance.public)!);
      const answer = await privateSide('POST', '/connections/accept', undefined, { rawBody: '{"invitationCode": "exa1.' });
      expect(answer.status).toBe(400);
      expect(answer.body.error.code).toBe('invalid_request');
      expect(answer.body.error.message).toContain('not valid JSON');
    });

    it('a missing or wrong admin token gets 401', async () => {
      const privateSide = adminClient(description.instances.find((instance) => !instance.public)!);
      for (const token of [null, 'wrong-token', '']) {
        const answer = await privateSide('GET', '/connections', undefined, { token });
        expect(answer.status).toBe(401);
        expect(answer.body.error.code).toBe('unauthorized');
      }
      expect((await privateSide('POST', '/connections/accept', { invitationCode: validCode, projectKey: 'Platform' }, { token: 'wrong-token' })).status).toBe(
        401,
      );
    });

    afterAll(async () => {
      // Nothing any refusal touched changed: both lists are exactly as before, and the valid code still works.
      const jiraCloud = adminClient(instanceOf(description, 'jira-cloud'));
      const privateSide = adminClient(description.instances.find((instance) => !instance.public)!);
      expect({ private: (await privateSide('GET', '/connections')).body, cloud: (await jiraCloud('GET', '/connections')).body }).toEqual(connectionsBefore);
      expect((await privateSide('POST', '/connections/accept', { invitationCode: validCode, projectKey: 'Platform' })).status).toBe(201);
    });
  });

  it('serves the admin API OpenAPI document', async () => {
    const instance = instanceOf(description, 'asana');
    const document = (await (await fetch(`${instance.adminApi}/openapi.json`)).json()) as { openapi: string; paths: Record<string, unknown> };
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/projects', '/connections/initiate', '/connections/accept', '/connections']));
  });
});
