import Fastify from 'fastify';
import { checkResponseAgainstSpec } from './openapi-validator';
import { createSpecCheckingFetch } from './spec-checking-fetch';
import { loadSpecDocument } from './spec-documents';

const jiraProject = {
  self: 'https://your-domain.atlassian.net/rest/api/3/project/10000',
  id: '10000',
  key: 'EX',
  name: 'Example',
  avatarUrls: { '48x48': 'https://your-domain.atlassian.net/secure/projectavatar?size=large&pid=10000' },
  simplified: false,
  style: 'classic',
};
const jiraPage = {
  self: 'https://your-domain.atlassian.net/rest/api/3/project/search',
  maxResults: 50,
  startAt: 0,
  total: 1,
  isLast: true,
  values: [jiraProject],
};
const projectSearch = { method: 'GET', path: '/rest/api/3/project/search', status: 200 };

describe('the OpenAPI response validator', () => {
  it('accepts a Jira project page that follows PageBeanProject', () => {
    expect(checkResponseAgainstSpec('jira-cloud-platform.v3', { ...projectSearch, body: jiraPage })).toEqual({
      outcome: 'valid',
      operation: 'GET /rest/api/3/project/search',
    });
  });

  it('rejects a Jira project page with a field the document does not allow, or a key of the wrong type', () => {
    const extraField = checkResponseAgainstSpec('jira-cloud-platform.v3', {
      ...projectSearch,
      body: { ...jiraPage, values: [{ ...jiraProject, entityId: 'x' }] },
    });
    const wrongType = checkResponseAgainstSpec('jira-cloud-platform.v3', { ...projectSearch, body: { ...jiraPage, values: [{ ...jiraProject, key: 42 }] } });

    expect(extraField).toMatchObject({ outcome: 'invalid', errors: [expect.stringContaining("'entityId'")] });
    expect(wrongType).toMatchObject({ outcome: 'invalid', errors: [expect.stringContaining('/values/0/key must be string')] });
  });

  it("accepts Jira's colon-less timestamp offset, which the document's own examples use", () => {
    const serverInfo = { baseUrl: 'https://x.atlassian.net', version: '1001.0.0', serverTime: '2022-07-15T09:19:40.227+0000' };
    const notATime = { ...serverInfo, serverTime: 'yesterday' };

    expect(checkResponseAgainstSpec('jira-cloud-platform.v3', { method: 'GET', path: '/rest/api/3/serverInfo', status: 200, body: serverInfo }).outcome).toBe(
      'valid',
    );
    expect(checkResponseAgainstSpec('jira-cloud-platform.v3', { method: 'GET', path: '/rest/api/3/serverInfo', status: 200, body: notATime }).outcome).toBe(
      'invalid',
    );
  });

  it('reads the Asana YAML, strips its /api/1.0 server path and honours nullable next_page', () => {
    const page = { data: [{ gid: '1', resource_type: 'project', name: 'Roadmap' }], next_page: null };
    const dataNotAList = { data: { gid: '1' } };

    expect(checkResponseAgainstSpec('asana', { method: 'GET', path: '/api/1.0/projects', status: 200, body: page }).outcome).toBe('valid');
    expect(checkResponseAgainstSpec('asana', { method: 'GET', path: '/api/1.0/projects', status: 200, body: dataNotAList })).toMatchObject({
      outcome: 'invalid',
      errors: [expect.stringContaining('/data must be array')],
    });
  });

  it('checks Asana error bodies through the shared response objects (#/components/responses/...)', () => {
    const errors = { errors: [{ message: 'Not Authorized', help: 'See https://developers.asana.com/docs/errors' }] };

    expect(checkResponseAgainstSpec('asana', { method: 'GET', path: '/api/1.0/users/me', status: 401, body: errors })).toEqual({
      outcome: 'valid',
      operation: 'GET /users/{user_gid}',
    });
    expect(checkResponseAgainstSpec('asana', { method: 'GET', path: '/api/1.0/users/me', status: 401, body: { errors: 'Not Authorized' } }).outcome).toBe(
      'invalid',
    );
  });

  it('expects Azure DevOps collections wrapped as { count, value } and checks what is inside', () => {
    const project = { id: 'eb6e4656-77fc-42a1-9181-4c6d8e9da5d1', name: 'Fabrikam', state: 'wellFormed', visibility: 'private', revision: 1 };
    const check = (body: unknown) => checkResponseAgainstSpec('azure-devops-core.7.1', { method: 'GET', path: '/acme/_apis/projects', status: 200, body });

    expect(check({ count: 1, value: [project] }).outcome).toBe('valid');
    expect(check([project]).outcome).toBe('invalid');
    expect(check({ count: 1, value: [{ ...project, state: 'sleeping' }] })).toMatchObject({
      outcome: 'invalid',
      errors: [expect.stringContaining('/value/0/state')],
    });
  });

  it('says when the document has no schema, or does not describe a path or status at all', () => {
    expect(
      checkResponseAgainstSpec('jira-cloud-platform.v3', { method: 'GET', path: '/rest/api/3/myself', status: 401, body: { errorMessages: [] } }).outcome,
    ).toBe('no-schema');
    expect(checkResponseAgainstSpec('jira-cloud-platform.v3', { method: 'GET', path: '/rest/api/3/no-such-thing', status: 200, body: {} }).outcome).toBe(
      'undescribed',
    );
    expect(checkResponseAgainstSpec('azure-devops-core.7.1', { method: 'GET', path: '/acme/_apis/projects', status: 400, body: {} }).outcome).toBe(
      'undescribed',
    );
  });

  it('loads each document once per process, without the byte-order mark of the Azure DevOps files', () => {
    const first = loadSpecDocument('azure-devops-core.7.1');

    expect(loadSpecDocument('azure-devops-core.7.1')).toBe(first);
    expect(first.content['swagger']).toBe('2.0');
  });
});

describe('the spec-checking fetch', () => {
  it('fails the test when a server answers with a body that breaks the document', async () => {
    const app = Fastify();
    // A serverInfo that puts version numbers in a string: exactly the kind of drift the check exists to catch.
    app.get('/rest/api/3/serverInfo', async () => ({ baseUrl: 'http://127.0.0.1', version: '1001.0.0', versionNumbers: '1001.0.0' }));
    await app.listen({ host: '127.0.0.1', port: 0 });
    try {
      const address = app.server.address();
      const origin = typeof address === 'object' && address !== null ? `http://127.0.0.1:${address.port}` : '';
      const specCheck = createSpecCheckingFetch({ document: 'jira-cloud-platform.v3', documentRoot: origin });

      const response = await specCheck.fetch(`${origin}/rest/api/3/serverInfo`);

      expect(response.status).toBe(200);
      expect(() => specCheck.assertResponsesMatchSpec()).toThrow(/\/versionNumbers must be array/);
    } finally {
      await app.close();
    }
  });

  it('fails the test when nothing was fetched, so a check that ran no request cannot pass', () => {
    const specCheck = createSpecCheckingFetch({ document: 'asana', documentRoot: 'http://127.0.0.1' });

    expect(() => specCheck.assertResponsesMatchSpec()).toThrow(/nothing was checked/);
  });
});
