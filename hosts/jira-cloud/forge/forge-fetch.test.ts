import { createForgeJiraFetch, type RequestJira } from './forge-fetch';

jest.mock('@forge/api', () => jest.requireActual('./testing/forge-sdk-fakes').forgeApiModule);

function recordingRequestJira(answer: { status: number; body?: string; headers?: Record<string, string> }) {
  const calls: { path: string; init: Parameters<RequestJira>[1] }[] = [];
  const requestJira: RequestJira = async (path, init) => {
    calls.push({ path, init });
    return {
      status: answer.status,
      statusText: 'OK',
      headers: { forEach: (callback) => Object.entries(answer.headers ?? {}).forEach(([key, value]) => callback(value, key)) },
      arrayBuffer: async () => new TextEncoder().encode(answer.body ?? '').buffer as ArrayBuffer,
    };
  };
  return { calls, requestJira };
}

describe('the Jira Cloud adapter’s fetch inside Forge', () => {
  it('sends the path and query through requestJira, without the Authorization header Forge refuses', async () => {
    const { calls, requestJira } = recordingRequestJira({
      status: 200,
      body: '{"ok":true}',
      headers: { 'content-type': 'application/json', 'x-ratelimit-remaining': '9' },
    });
    const fetch = createForgeJiraFetch(requestJira, 'https://acme.atlassian.net');
    const response = await fetch('https://acme.atlassian.net/rest/api/3/search/jql?jql=project%20%3D%20SUP&maxResults=50', {
      method: 'GET',
      headers: { Authorization: 'Forge', Accept: 'application/json' },
    });
    expect(calls[0]?.path).toBe('/rest/api/3/search/jql?jql=project%20%3D%20SUP&maxResults=50');
    expect(calls[0]?.init.headers).toEqual({ accept: 'application/json' });
    expect(await response.json()).toEqual({ ok: true });
    expect(response.headers.get('x-ratelimit-remaining')).toBe('9');
  });

  it('encodes an attachment upload (FormData) as multipart bytes with its boundary', async () => {
    const { calls, requestJira } = recordingRequestJira({ status: 200, body: '[]' });
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array([1, 2, 3])]), 'screenshot.png');
    await createForgeJiraFetch(requestJira)('https://acme.atlassian.net/rest/api/3/issue/SUP-1/attachments', {
      method: 'POST',
      headers: { 'X-Atlassian-Token': 'no-check' },
      body: form,
    });
    const sent = calls[0]!.init;
    expect(sent.headers?.['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(sent.headers?.['x-atlassian-token']).toBe('no-check');
    expect(new TextDecoder().decode(sent.body as ArrayBuffer)).toContain('filename="screenshot.png"');
  });

  it('answers 204 No Content without a body, and strips a site path a proxy adds', async () => {
    const { calls, requestJira } = recordingRequestJira({ status: 204 });
    const response = await createForgeJiraFetch(requestJira, 'https://proxy.example/jira')('https://proxy.example/jira/rest/api/3/issue/SUP-1', {
      method: 'PUT',
      body: '{}',
    });
    expect(response.status).toBe(204);
    expect(calls[0]?.path).toBe('/rest/api/3/issue/SUP-1');
  });
});
