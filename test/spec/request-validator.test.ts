import Fastify from 'fastify';
import { checkRequestAgainstSpec, type RequestToCheck } from './request-validator';
import { createSpecCheckingFetch } from './spec-checking-fetch';

const request = (overrides: Partial<RequestToCheck> & Pick<RequestToCheck, 'method' | 'path'>): RequestToCheck => ({
  query: new URLSearchParams(),
  contentType: undefined,
  body: undefined,
  hasBody: false,
  ...overrides,
});

describe('the OpenAPI request validator', () => {
  it('accepts a create-issue body that follows IssueUpdateDetails', () => {
    const check = checkRequestAgainstSpec(
      'jira-cloud-platform.v3',
      request({
        method: 'POST',
        path: '/rest/api/3/issue',
        contentType: 'application/json',
        hasBody: true,
        body: { fields: { summary: 'x', project: { key: 'SUP' } } },
      }),
    );

    expect(check).toEqual({ outcome: 'valid', operation: 'POST /rest/api/3/issue' });
  });

  it('rejects a body the document does not allow, a missing body, and a body where none is taken', () => {
    const transitions = checkRequestAgainstSpec(
      'jira-cloud-platform.v3',
      request({
        method: 'POST',
        path: '/rest/api/3/webhook',
        contentType: 'application/json',
        hasBody: true,
        body: { url: 'https://x', webhooks: [{ events: ['jira:issue_created'], jqlFilter: 'project = A' }], secret: 'not a field' },
      }),
    );
    const missing = checkRequestAgainstSpec('jira-cloud-platform.v3', request({ method: 'POST', path: '/rest/api/3/issue/SUP-1/comment' }));
    const unexpected = checkRequestAgainstSpec(
      'jira-cloud-platform.v3',
      request({ method: 'GET', path: '/rest/api/3/myself', contentType: 'application/json', hasBody: true, body: {} }),
    );

    expect(transitions).toMatchObject({ outcome: 'invalid', errors: [expect.stringContaining("must NOT have additional properties 'secret'")] });
    expect(missing).toMatchObject({ outcome: 'invalid', errors: [expect.stringContaining('requires a request body')] });
    expect(unexpected).toMatchObject({ outcome: 'invalid', errors: [expect.stringContaining('takes no request body')] });
  });

  it('rejects query parameters the operation does not declare or whose values break their schema', () => {
    const unknown = checkRequestAgainstSpec(
      'jira-cloud-platform.v3',
      request({ method: 'GET', path: '/rest/api/3/project/search', query: new URLSearchParams({ startAt: '0', pageSize: '10' }) }),
    );
    const notANumber = checkRequestAgainstSpec(
      'jira-cloud-platform.v3',
      request({ method: 'GET', path: '/rest/api/3/project/search', query: new URLSearchParams({ startAt: 'first' }) }),
    );
    const badEnum = checkRequestAgainstSpec(
      'jira-cloud-platform.v3',
      request({ method: 'GET', path: '/rest/api/3/attachment/content/1', query: new URLSearchParams({ redirect: 'maybe' }) }),
    );

    expect(unknown).toMatchObject({
      outcome: 'invalid',
      errors: [expect.stringContaining("query parameter 'pageSize' is not one GET /rest/api/3/project/search declares")],
    });
    expect(notANumber).toMatchObject({ outcome: 'invalid', errors: [expect.stringContaining("'first' is not a integer")] });
    expect(badEnum).toMatchObject({ outcome: 'invalid', errors: [expect.stringContaining("'maybe' is not a boolean")] });
  });

  it('wants multipart for uploads and reads comma-separated array parameters', () => {
    const json = checkRequestAgainstSpec(
      'jira-cloud-platform.v3',
      request({ method: 'POST', path: '/rest/api/3/issue/SUP-1/attachments', contentType: 'application/json', hasBody: true, body: {} }),
    );
    const multipart = checkRequestAgainstSpec(
      'jira-cloud-platform.v3',
      request({ method: 'POST', path: '/rest/api/3/issue/SUP-1/attachments', contentType: 'multipart/form-data; boundary=x', hasBody: true }),
    );
    const fields = checkRequestAgainstSpec(
      'jira-cloud-platform.v3',
      request({ method: 'GET', path: '/rest/api/3/issue/SUP-1', query: new URLSearchParams({ fields: 'summary,status', expand: 'names' }) }),
    );

    expect(json).toMatchObject({ outcome: 'invalid', errors: [expect.stringContaining("accepts multipart/form-data, not 'application/json'")] });
    expect(multipart.outcome).toBe('valid');
    expect(fields.outcome).toBe('valid');
  });

  it('checks the operations the copy of the document lacks through spec-supplements.ts', () => {
    const search = checkRequestAgainstSpec(
      'jira-cloud-platform.v3',
      request({ method: 'GET', path: '/rest/api/3/search/jql', query: new URLSearchParams({ jql: 'project = A', nextPageToken: 'abc', maxResults: '50' }) }),
    );
    const wrongPaging = checkRequestAgainstSpec(
      'jira-cloud-platform.v3',
      request({ method: 'GET', path: '/rest/api/3/search/jql', query: new URLSearchParams({ jql: 'project = A', startAt: '50' }) }),
    );
    const adminWebhook = checkRequestAgainstSpec(
      'jira-cloud-platform.v3',
      request({
        method: 'POST',
        path: '/rest/webhooks/1.0/webhook',
        contentType: 'application/json',
        hasBody: true,
        body: { name: 'x', url: 'not a url', events: [] },
      }),
    );

    expect(search.outcome).toBe('valid');
    expect(wrongPaging).toMatchObject({ outcome: 'invalid', errors: [expect.stringContaining("'startAt'")] });
    expect(adminWebhook.outcome).toBe('invalid');
  });

  it('reads Swagger 2 body parameters (Azure DevOps)', () => {
    const check = checkRequestAgainstSpec(
      'azure-devops-workItemTracking.7.1',
      request({
        method: 'POST',
        path: '/acme/Fabrikam/Team/_apis/wit/wiql',
        query: new URLSearchParams({ 'api-version': '7.1' }),
        contentType: 'application/json',
        hasBody: true,
        body: { query: 'SELECT [System.Id] FROM WorkItems' },
      }),
    );

    expect(check.outcome).toBe('valid');
  });

  it('takes the media types of Swagger 2 `consumes`, and any JSON value in an Azure DevOps patch (see specCorrections)', () => {
    const create = (contentType: string, body: unknown) =>
      checkRequestAgainstSpec(
        'azure-devops-workItemTracking.7.1',
        request({
          method: 'POST',
          path: '/acme/Fabrikam/_apis/wit/workitems/$Bug',
          query: new URLSearchParams({ 'api-version': '7.1' }),
          contentType,
          hasBody: true,
          body,
        }),
      );

    expect(create('application/json-patch+json', [{ op: 'add', path: '/fields/System.Title', value: 'Sample task' }]).outcome).toBe('valid');
    expect(create('application/json', [{ op: 'add', path: '/fields/System.Title', value: 'Sample task' }])).toMatchObject({
      outcome: 'invalid',
      errors: [expect.stringContaining("accepts application/json-patch+json, not 'application/json'")],
    });
    expect(create('application/json-patch+json', { fields: {} }).outcome).toBe('invalid');
  });
});

describe('the spec-checking fetch, for requests', () => {
  it('fails the test when the adapter sends a request the document would reject, even if the server accepted it', async () => {
    const app = Fastify();
    app.get('/rest/api/3/myself', async () => ({ accountId: 'a' }));
    await app.listen({ host: '127.0.0.1', port: 0 });
    try {
      const address = app.server.address();
      const origin = typeof address === 'object' && address !== null ? `http://127.0.0.1:${address.port}` : '';
      const specCheck = createSpecCheckingFetch({ document: 'jira-cloud-platform.v3', documentRoot: origin });

      await specCheck.fetch(`${origin}/rest/api/3/myself?verbose=true`);

      expect(() => specCheck.assertResponsesMatchSpec()).not.toThrow();
      expect(() => specCheck.assertExchangesMatchSpec()).toThrow(/query parameter 'verbose' is not one GET \/rest\/api\/3\/myself declares/);
    } finally {
      await app.close();
    }
  });
});
