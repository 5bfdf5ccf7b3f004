import { createHttpTransport } from './http-transport';
import { createConsoleClient } from './operation-client';

function recordingFetch(status: number, body: unknown) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetch = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  }) as unknown as typeof globalThis.fetch;
  return { calls, fetch };
}

describe('the hub’s admin client over the node’s HTTP API', () => {
  it('sends every call with a fresh app token, to the operation’s path with its parameters filled in', async () => {
    const { calls, fetch } = recordingFetch(200, { retried: true });
    let issued = 0;
    const client = createConsoleClient(
      createHttpTransport({ adminApi: 'https://exalate.example.com/api/v1/', authorization: async () => `Bearer app-token-${++issued}`, fetch }),
    );
    await client.retryError('err/1');
    await client.retryError('err 2');
    expect(calls.map((call) => [call.init.method, call.url, (call.init.headers as Record<string, string>)['authorization']])).toEqual([
      ['POST', 'https://exalate.example.com/api/v1/errors/err%2F1/retry', 'Bearer app-token-1'],
      ['POST', 'https://exalate.example.com/api/v1/errors/err%202/retry', 'Bearer app-token-2'],
    ]);
  });

  it('passes on the node’s refusal in its words, with the status', async () => {
    const { fetch } = recordingFetch(401, { error: { code: 'unauthorized', message: 'The Azure DevOps app token was refused.' } });
    const client = createConsoleClient(createHttpTransport({ adminApi: 'https://exalate.example.com/api/v1', authorization: async () => 'Bearer x', fetch }));
    expect(await client.listConnections()).toEqual({
      ok: false,
      error: { status: 401, code: 'unauthorized', message: 'The Azure DevOps app token was refused.' },
    });
  });

  it('says where it looked when the node does not answer at all', async () => {
    const fetch = (async () => {
      throw new TypeError('Failed to fetch');
    }) as unknown as typeof globalThis.fetch;
    const answer = await createConsoleClient(
      createHttpTransport({ adminApi: 'https://exalate.example.com/api/v1', authorization: async () => 'Bearer x', fetch }),
    ).describeInstance();
    expect(answer.ok).toBe(false);
    if (!answer.ok) expect(answer.error.message).toContain('https://exalate.example.com/api/v1');
  });
});
