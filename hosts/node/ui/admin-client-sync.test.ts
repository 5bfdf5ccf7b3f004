import { createAdminClient } from './admin-client';

// The node console's client is the shared ConsoleClient over HTTP: the sync operations of the
// Triggers, Sync queue and Errors tabs and of the scripts dialog reach the same paths as the
// Azure DevOps hub's, with the admin token.

interface Sent {
  readonly url: string;
  readonly method: string;
  readonly authorization: string | undefined;
  readonly body: string | undefined;
}

function clientAnswering(status: number, body: unknown) {
  const sent: Sent[] = [];
  const fetchStub = async (input: RequestInfo | URL, init?: RequestInit) => {
    const headers = (init?.headers ?? {}) as Record<string, string>;
    sent.push({
      url: String(input),
      method: init?.method ?? 'GET',
      authorization: headers['authorization'],
      body: typeof init?.body === 'string' ? init.body : undefined,
    });
    return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  };
  const client = createAdminClient({
    adminApi: '/asana/node/api/v1',
    adminToken: 'secret-token',
    onUnauthorized: () => undefined,
    fetch: fetchStub as typeof fetch,
  });
  return { client, sent };
}

test('adds a trigger with its query and active switch', async () => {
  const trigger = { id: 't1', connectionId: 'c 1', query: 'project = 1205 AND completed = false', active: false, createdAt: 1 };
  const { client, sent } = clientAnswering(201, trigger);
  expect(await client.addTrigger('c 1', trigger.query, false)).toEqual({ ok: true, value: trigger });
  expect(sent).toEqual([
    {
      url: '/asana/node/api/v1/connections/c%201/triggers',
      method: 'POST',
      authorization: 'Bearer secret-token',
      body: JSON.stringify({ query: trigger.query, active: false }),
    },
  ]);
});

test('retries an error by its id', async () => {
  const { client, sent } = clientAnswering(202, { retried: true });
  expect(await client.retryError('err_1')).toEqual({ ok: true, value: { retried: true } });
  expect(sent[0]).toEqual(expect.objectContaining({ url: '/asana/node/api/v1/errors/err_1/retry', method: 'POST' }));
});

test("saving scripts that do not compile returns the node's message, which names the line", async () => {
  const message = "The incoming script does not parse at line 4: SyntaxError: expecting ')'";
  const { client, sent } = clientAnswering(400, { error: { code: 'script_failed', message } });
  expect(await client.saveRules('c1', { outgoing: 'replica.summary = issue.summary;', incoming: 'issue.summary = (' })).toEqual({
    ok: false,
    error: { status: 400, code: 'script_failed', message },
  });
  expect(sent[0]).toEqual(expect.objectContaining({ url: '/asana/node/api/v1/connections/c1/rules', method: 'PUT' }));
});

test('reads the script API typings the editor completes from', async () => {
  const { client, sent } = clientAnswering(200, { typescript: 'declare const replica: ExalateScript.Replica;' });
  expect(await client.readScriptApi()).toEqual({ ok: true, value: 'declare const replica: ExalateScript.Replica;' });
  expect(sent[0]?.url).toBe('/asana/node/api/v1/script-api');
});

test('a node that does not answer is worded for the console it serves, not for a hub with a node URL', async () => {
  const client = createAdminClient({
    adminApi: '/api/v1/',
    adminToken: 't',
    onUnauthorized: () => undefined,
    fetch: (() => Promise.reject(new TypeError('Failed to fetch'))) as typeof fetch,
  });
  const answer = await client.readQueue('c1');
  expect(answer).toEqual({
    ok: false,
    error: { status: 0, code: 'unreachable', message: 'The Exalate node did not answer at /api/v1. Check that it is running, then try again.' },
  });
});
