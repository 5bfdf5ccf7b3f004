import type { AdminFailure } from '../../console-kit/admin-failure';
import { sampleConnection } from '../../console-kit/fake-wizard-client';
import { createAdminClient } from './admin-client';

interface Sent {
  readonly url: string;
  readonly method: string;
  readonly headers: Record<string, string>;
  readonly body: string | undefined;
}

function clientAnswering(status: number, body: unknown, options: { onUnauthorized?: (failure: AdminFailure) => void } = {}) {
  const sent: Sent[] = [];
  const fetchStub = async (input: RequestInfo | URL, init?: RequestInit) => {
    sent.push({
      url: String(input),
      method: init?.method ?? 'GET',
      headers: (init?.headers ?? {}) as Record<string, string>,
      body: typeof init?.body === 'string' ? init.body : undefined,
    });
    return new Response(typeof body === 'string' ? body : JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  };
  const client = createAdminClient({
    adminApi: 'http://localhost:8080/jira-cloud/node/api/v1/',
    adminToken: 'secret-token',
    onUnauthorized: options.onUnauthorized ?? (() => undefined),
    fetch: fetchStub as typeof fetch,
  });
  return { client, sent };
}

// As the node sends it: more fields than the console reads, which it lets through.
const connection = { ...sampleConnection({ id: 'c1' }), createdAt: '2026-11-23T20:00:00.000Z', updatedAt: '2026-11-23T20:00:00.000Z' };

test('calls the admin API with the bearer token and a JSON body', async () => {
  const { client, sent } = clientAnswering(201, { connection, invitationCode: 'exa1.code.crc' });
  const answer = await client.initiateConnection({
    destinationUrl: null,
    mode: 'script',
    localName: 'acme-jira',
    remoteName: 'partner-ado',
    name: 'acme-jira_to_partner-ado',
    projectKey: 'SUP',
  });
  expect(answer).toEqual({ ok: true, value: { connection: expect.objectContaining({ id: 'c1', status: 'pending' }), invitationCode: 'exa1.code.crc' } });
  expect(sent).toEqual([
    {
      url: 'http://localhost:8080/jira-cloud/node/api/v1/connections/initiate',
      method: 'POST',
      headers: expect.objectContaining({ authorization: 'Bearer secret-token', 'content-type': 'application/json' }),
      body: expect.stringContaining('"destinationUrl":null'),
    },
  ]);
});

test('encodes connection ids in paths', async () => {
  const { client, sent } = clientAnswering(200, { reachable: true, remoteStatus: 'active', roundTripMs: 4 });
  await client.checkConnection('a/b');
  expect(sent[0]?.url).toBe('http://localhost:8080/jira-cloud/node/api/v1/connections/a%2Fb/check');
});

test("a refusal returns the node's own message", async () => {
  const message = 'The invitation code expired on 2026-11-25; ask the initiator for a new one.';
  const { client } = clientAnswering(400, { error: { code: 'invitation_expired', message } });
  expect(await client.previewInvitation('exa1.x.y')).toEqual({ ok: false, error: { status: 400, code: 'invitation_expired', message } });
});

test('a 401 is reported to the console, which sends the admin back to sign in', async () => {
  const seen: AdminFailure[] = [];
  const { client } = clientAnswering(
    401,
    { error: { code: 'unauthorized', message: 'Send the admin token.' } },
    { onUnauthorized: (failure) => seen.push(failure) },
  );
  const answer = await client.listConnections();
  expect(answer.ok).toBe(false);
  expect(seen).toEqual([{ status: 401, code: 'unauthorized', message: 'Send the admin token.' }]);
});

test('a node that does not answer is a failure with a message, not a throw', async () => {
  const client = createAdminClient({
    adminApi: '/api/v1',
    adminToken: 't',
    onUnauthorized: () => undefined,
    fetch: (() => Promise.reject(new TypeError('Failed to fetch'))) as typeof fetch,
  });
  const answer = await client.listConnections();
  expect(answer).toEqual({ ok: false, error: { status: 0, code: 'unreachable', message: expect.stringContaining('did not answer at /api/v1') } });
});

test('an answer that is not what the API promises is refused at the boundary', async () => {
  const { client } = clientAnswering(200, [{ id: 'c1', status: 'sleeping' }]);
  expect(await client.listConnections()).toEqual({ ok: false, error: expect.objectContaining({ code: 'unexpected_answer' }) });
});

test('an error page that is not JSON still gives the admin something to act on', async () => {
  const { client } = clientAnswering(502, '<html>Bad gateway</html>');
  expect(await client.describeInstance()).toEqual({
    ok: false,
    error: expect.objectContaining({ status: 502, code: 'http_error', message: expect.stringContaining('502') }),
  });
});

test('modes another node offers but this console does not know are dropped, not fatal', async () => {
  const { client } = clientAnswering(200, {
    nodeUrl: 'https://partner.test',
    tracker: 'azure-devops',
    trackerName: 'Azure DevOps',
    isPublic: true,
    modes: ['script', 'hologram'],
  });
  expect(await client.inspectDestination('https://partner.test')).toEqual({ ok: true, value: { tracker: 'azure-devops', isPublic: true, modes: ['script'] } });
});
