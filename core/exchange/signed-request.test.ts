import { generateNodeIdentity } from './node-keys';
import { allowedClockSkewMs, createSignedRequestToken, tokenLifetimeMs, verifySignedRequest, type SignedRequestRejection } from './signed-request';

const now = Date.parse('2026-11-23T12:00:00Z');
const operation = 'POST /exchange/v1/connections/con_1/messages';
const body = '{"type":"ping"}';

async function setUp() {
  const sender = await generateNodeIdentity(now);
  const receiver = await generateNodeIdentity(now);
  const stranger = await generateNodeIdentity(now);
  const seen = new Map<string, number>();
  const verify = (token: string | undefined, overrides: { body?: string; now?: number; operation?: string } = {}) =>
    verifySignedRequest({
      token,
      ownNodeId: receiver.nodeId,
      operation: overrides.operation ?? operation,
      body: overrides.body ?? body,
      now: overrides.now ?? now,
      findPeer: async (connectionId) => (connectionId === 'con_1' ? { nodeId: sender.nodeId, publicKey: sender.publicKey } : undefined),
      rememberRequestId: async (id, expiresAt) => {
        if (seen.has(id)) return false;
        seen.set(id, expiresAt);
        return true;
      },
    });
  const sign = (identity = sender, target: Partial<{ audienceNodeId: string; connectionId: string; body: string }> = {}, at = now) =>
    createSignedRequestToken(identity, { audienceNodeId: receiver.nodeId, connectionId: 'con_1', operation, body, ...target }, at);
  return { sender, receiver, stranger, verify, sign, seen };
}

function reasonOf(result: Awaited<ReturnType<typeof verifySignedRequest>>): SignedRequestRejection | 'ok' {
  return result.ok ? 'ok' : result.reason;
}

describe('signed node-to-node requests', () => {
  it('accepts a fresh request from the peer once, and refuses its replay', async () => {
    const { verify, sign } = await setUp();
    const token = await sign();
    expect(reasonOf(await verify(token))).toBe('ok');
    expect(reasonOf(await verify(token))).toBe('replayed');
  });

  it.each<[string, (setup: Awaited<ReturnType<typeof setUp>>) => Promise<[string | undefined, Parameters<Awaited<ReturnType<typeof setUp>>['verify']>[1]?]>, SignedRequestRejection]>([
    ['no token', async () => [undefined], 'missing'],
    ['garbage', async () => ['v1.garbage.garbage'], 'malformed'],
    ['from a node that is not the peer', async ({ sign, stranger }) => [await sign(stranger)], 'unknown_connection'],
    ['for another connection', async ({ sign }) => [await sign(undefined, { connectionId: 'con_other' })], 'unknown_connection'],
    ['for another receiver', async ({ sign }) => [await sign(undefined, { audienceNodeId: 'node_someone_else' })], 'wrong_audience'],
    ['with a changed body', async ({ sign }) => [await sign(), { body: '{"type":"ping","extra":1}' }], 'body_mismatch'],
    ['for another operation', async ({ sign }) => [await sign(), { operation: 'POST /exchange/v1/connections/con_1/other' }], 'wrong_operation'],
    ['expired beyond the allowed skew', async ({ sign }) => [await sign(), { now: now + tokenLifetimeMs + allowedClockSkewMs + 1 }], 'expired'],
    ['issued too far in the future', async ({ sign }) => [await sign(undefined, {}, now + allowedClockSkewMs + 1)], 'not_yet_valid'],
  ])('refuses a request %s', async (_name, build, expected) => {
    const setup = await setUp();
    const [token, overrides] = await build(setup);
    expect(reasonOf(await setup.verify(token, overrides))).toBe(expected);
  });

  it('refuses a forged signature even with the right sender id', async () => {
    const { sign, stranger, sender, verify } = await setUp();
    const forged = await sign({ ...stranger, nodeId: sender.nodeId });
    expect(reasonOf(await verify(forged))).toBe('bad_signature');
  });

  it('refuses claims edited after signing', async () => {
    const { sign, verify } = await setUp();
    const [version, claims, signature] = (await sign()).split('.') as [string, string, string];
    const edited = JSON.parse(Buffer.from(claims, 'base64url').toString());
    edited.exp += 3600_000;
    expect(reasonOf(await verify(`${version}.${Buffer.from(JSON.stringify(edited)).toString('base64url')}.${signature}`))).toBe('bad_signature');
  });

  it('tolerates clocks five minutes apart either way', async () => {
    const { sign, verify } = await setUp();
    expect(reasonOf(await verify(await sign(), { now: now - allowedClockSkewMs + 1000 }))).toBe('ok');
    expect(reasonOf(await verify(await sign(), { now: now + allowedClockSkewMs }))).toBe('ok');
  });

  it('does not spend the unique id of a rejected request', async () => {
    const { sign, verify, seen } = await setUp();
    const token = await sign();
    expect(reasonOf(await verify(token, { body: 'tampered' }))).toBe('body_mismatch');
    expect(seen.size).toBe(0);
    expect(reasonOf(await verify(token))).toBe('ok');
  });
});
