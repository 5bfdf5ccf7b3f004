import { encodeBase64Url, encodeText } from '../encoding/base64url';
import { sha256Base64Url } from '../encoding/random';
import { generateNodeIdentity, signText } from './node-keys';
import {
  allowedClockSkewMs,
  createSignedRequestToken,
  tokenLifetimeMs,
  verifySignedRequest,
  verifySignedRequestHeader,
  type SignedRequestClaims,
  type SignedRequestRejection,
} from './signed-request';

const now = Date.parse('2026-11-23T12:00:00Z');
const operation = 'POST /exchange/v1/connections/con_1/messages';
const body = '{"type":"ping"}';
/**
 * The promises made to peers, written out rather than read from the constants, so that a
 * constant changed by mistake (a lifetime a thousand times longer) fails here: a token lives one
 * minute, and two nodes' clocks may be five minutes apart.
 */
const promisedLifetimeMs = 60_000;
const promisedSkewMs = 5 * 60_000;

async function setUp() {
  const sender = await generateNodeIdentity(now);
  const receiver = await generateNodeIdentity(now);
  const stranger = await generateNodeIdentity(now);
  // A replay cache that forgets as the stores do (test/contract/store.contract.ts): an id is
  // dropped once the time of the request checking it is past the id's expiry.
  const seen = new Map<string, number>();
  const verify = (token: string | undefined, overrides: { body?: string; now?: number; operation?: string } = {}) => {
    const at = overrides.now ?? now;
    return verifySignedRequest({
      token,
      ownNodeId: receiver.nodeId,
      operation: overrides.operation ?? operation,
      body: overrides.body ?? body,
      now: at,
      findPeer: async (connectionId) => (connectionId === 'con_1' ? { nodeId: sender.nodeId, publicKey: sender.publicKey } : undefined),
      rememberRequestId: async (id, expiresAt) => {
        for (const [known, until] of seen) if (until < at) seen.delete(known);
        if (seen.has(id)) return false;
        seen.set(id, expiresAt);
        return true;
      },
    });
  };
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

  it.each<
    [
      string,
      (setup: Awaited<ReturnType<typeof setUp>>) => Promise<[string | undefined, Parameters<Awaited<ReturnType<typeof setUp>>['verify']>[1]?]>,
      SignedRequestRejection,
    ]
  >([
    ['no token', async () => [undefined], 'missing'],
    ['garbage', async () => ['v1.garbage.garbage'], 'malformed'],
    ['from a node that is not the peer', async ({ sign, stranger }) => [await sign(stranger)], 'unknown_connection'],
    ['for another connection', async ({ sign }) => [await sign(undefined, { connectionId: 'con_other' })], 'unknown_connection'],
    ['for another receiver', async ({ sign }) => [await sign(undefined, { audienceNodeId: 'node_someone_else' })], 'wrong_audience'],
    ['with a changed body', async ({ sign }) => [await sign(), { body: '{"type":"ping","extra":1}' }], 'body_mismatch'],
    ['for another operation', async ({ sign }) => [await sign(), { operation: 'POST /exchange/v1/connections/con_1/other' }], 'wrong_operation'],
    ['expired beyond the allowed skew', async ({ sign }) => [await sign(), { now: now + promisedLifetimeMs + promisedSkewMs + 1 }], 'expired'],
    ['issued too far in the future', async ({ sign }) => [await sign(undefined, {}, now + promisedSkewMs + 1)], 'not_yet_valid'],
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

  it('keeps to the promised lifetime and skew', () => {
    expect([tokenLifetimeMs, allowedClockSkewMs]).toEqual([promisedLifetimeMs, promisedSkewMs]);
  });

  describe('the replay window: a used id is held until the token could no longer pass (exp plus the skew)', () => {
    const expiresAt = now + promisedLifetimeMs;
    it.each([
      ['just after its expiry', expiresAt + 1, 'replayed'],
      ['a second before expiry plus skew', expiresAt + promisedSkewMs - 1000, 'replayed'],
      ['at the last instant it could pass', expiresAt + promisedSkewMs, 'replayed'],
      ['one millisecond after that', expiresAt + promisedSkewMs + 1, 'expired'],
    ] as const)('refuses a replay %s', async (_name, replayAt, expected) => {
      const { verify, sign } = await setUp();
      const token = await sign();
      expect(reasonOf(await verify(token))).toBe('ok');
      expect(reasonOf(await verify(token, { now: replayAt }))).toBe(expected);
    });

    it('accepts a token first presented at the last instant of its window, then refuses its replay', async () => {
      const { verify, sign } = await setUp();
      const token = await sign();
      expect(reasonOf(await verify(token, { now: expiresAt + promisedSkewMs }))).toBe('ok');
      expect(reasonOf(await verify(token, { now: expiresAt + promisedSkewMs }))).toBe('replayed');
    });
  });

  describe('the lifetime cap: a peer cannot sign itself a longer-lived token', () => {
    /** Claims signed by the real sender, with a lifetime of its choosing. */
    async function signedWithLifetime(setup: Awaited<ReturnType<typeof setUp>>, lifetimeMs: number): Promise<string> {
      const claims: SignedRequestClaims = {
        iss: setup.sender.nodeId,
        aud: setup.receiver.nodeId,
        cid: 'con_1',
        op: operation,
        bh: await sha256Base64Url(body),
        iat: now,
        exp: now + lifetimeMs,
        jti: 'jti_0123456789abcdef',
      };
      const encoded = `v1.${encodeBase64Url(encodeText(JSON.stringify(claims)))}`;
      return `${encoded}.${await signText(setup.sender, encoded)}`;
    }

    it.each([
      ['one minute', promisedLifetimeMs, 'ok'],
      ['one minute and a millisecond', promisedLifetimeMs + 1, 'malformed'],
      ['a day', 24 * 3600_000, 'malformed'],
    ] as const)('a token living %s (%d ms) gives %s', async (_name, lifetimeMs, expected) => {
      const setup = await setUp();
      expect(reasonOf(await setup.verify(await signedWithLifetime(setup, lifetimeMs)))).toBe(expected);
    });

    it('a token made by this node expires one minute (plus the skew) after it was made', async () => {
      const { verify, sign } = await setUp();
      expect(reasonOf(await verify(await sign(), { now: now + promisedLifetimeMs + promisedSkewMs }))).toBe('ok');
      expect(reasonOf(await verify(await sign(), { now: now + promisedLifetimeMs + promisedSkewMs + 1 }))).toBe('expired');
    });
  });
});

describe('what a token must look like, even when the peer signed it', () => {
  /** A token over the given claims, signed by the real sender: only the claims' shape is wrong. */
  async function signedClaims(setup: Awaited<ReturnType<typeof setUp>>, edit: (claims: Record<string, unknown>) => void, version = 'v1'): Promise<string> {
    const claims: Record<string, unknown> = {
      iss: setup.sender.nodeId,
      aud: setup.receiver.nodeId,
      cid: 'con_1',
      op: operation,
      bh: await sha256Base64Url(body),
      iat: now,
      exp: now + promisedLifetimeMs,
      jti: 'jti_0123456789abcdef',
    };
    edit(claims);
    const encoded = `${version}.${encodeBase64Url(encodeText(JSON.stringify(claims)))}`;
    return `${encoded}.${await signText(setup.sender, encoded)}`;
  }

  it('accepts the claims as this version writes them (the cases below change one thing each)', async () => {
    const setup = await setUp();
    expect(reasonOf(await setup.verify(await signedClaims(setup, () => undefined)))).toBe('ok');
  });

  it.each<[string, (claims: Record<string, unknown>) => void]>([
    ['an empty audience', (claims) => (claims['aud'] = '')],
    ['an empty operation', (claims) => (claims['op'] = '')],
    ['an empty body hash', (claims) => (claims['bh'] = '')],
    ['an empty connection id', (claims) => (claims['cid'] = '')],
    ['an empty issuer', (claims) => (claims['iss'] = '')],
    ['a unique id shorter than 16 characters', (claims) => (claims['jti'] = 'jti_0123456789a')],
    ['a time of issue that is not a whole millisecond', (claims) => (claims['iat'] = now + 0.5)],
    ['an expiry that is not a whole millisecond', (claims) => (claims['exp'] = now + 0.5)],
    ['an expiry written as text', (claims) => (claims['exp'] = String(now + promisedLifetimeMs))],
    ['a claim this version does not know', (claims) => (claims['admin'] = true)],
    ['no unique id', (claims) => delete claims['jti']],
  ])('refuses claims with %s as malformed', async (_name, edit) => {
    const setup = await setUp();
    expect(reasonOf(await setup.verify(await signedClaims(setup, edit)))).toBe('malformed');
  });

  it('refuses a token of another version, even when its signature covers the claims', async () => {
    const setup = await setUp();
    const token = await signedClaims(setup, () => undefined);
    const [, claims, signature] = token.split('.') as [string, string, string];
    expect(reasonOf(await setup.verify(`v2.${claims}.${signature}`))).toBe('malformed');
    expect(reasonOf(await setup.verify(await signedClaims(setup, () => undefined, 'v2')))).toBe('malformed');
  });

  it.each([
    ['two parts', (token: string) => token.split('.').slice(0, 2).join('.')],
    ['four parts', (token: string) => `${token}.extra`],
    ['no signature', (token: string) => `${token.split('.').slice(0, 2).join('.')}.`],
    ['no claims', (token: string) => `v1..${token.split('.')[2]!}`],
    ['claims that are not base64url', (token: string) => `v1.${token.split('.')[1]!}*.${token.split('.')[2]!}`],
    ['claims that are not UTF-8', (token: string) => `v1.${encodeBase64Url(new Uint8Array([0xff, 0xfe, 0xfd]))}.${token.split('.')[2]!}`],
    ['claims that are not JSON', (token: string) => `v1.${encodeBase64Url(encodeText('{"iss":'))}.${token.split('.')[2]!}`],
  ])('refuses a token with %s as malformed', async (_name, damage) => {
    const setup = await setUp();
    expect(reasonOf(await setup.verify(damage(await setup.sign())))).toBe('malformed');
  });

  it('accepts a token issued exactly the allowed skew ahead of this clock', async () => {
    const { sign, verify } = await setUp();
    expect(reasonOf(await verify(await sign(undefined, {}, now + promisedSkewMs)))).toBe('ok');
  });

  it('keeps the unique ids of different tokens, and of different senders, apart', async () => {
    const { sign, verify, seen, sender } = await setUp();
    expect(reasonOf(await verify(await sign()))).toBe('ok');
    expect(reasonOf(await verify(await sign()))).toBe('ok');
    expect(seen.size).toBe(2);
    for (const [id, until] of seen) {
      expect(id).toMatch(new RegExp(`^${sender.nodeId}:.{16,}$`));
      expect(until).toBe(now + promisedLifetimeMs + promisedSkewMs);
    }
  });

  it('checks a token from its header alone the same way, before the body is read', async () => {
    const setup = await setUp();
    const token = await setup.sign();
    const check = (overrides: { token?: string | undefined; operation?: string; now?: number } = {}) =>
      verifySignedRequestHeader({
        token: 'token' in overrides ? overrides.token : token,
        ownNodeId: setup.receiver.nodeId,
        operation: overrides.operation ?? operation,
        now: overrides.now ?? now,
        findPeer: async (connectionId) => (connectionId === 'con_1' ? { nodeId: setup.sender.nodeId, publicKey: setup.sender.publicKey } : undefined),
      });
    expect(reasonOf(await check())).toBe('ok');
    expect(reasonOf(await check())).toBe('ok');
    expect(reasonOf(await check({ token: undefined }))).toBe('missing');
    expect(reasonOf(await check({ token: '' }))).toBe('missing');
    expect(reasonOf(await check({ operation: 'POST /exchange/v1/connections/con_1/other' }))).toBe('wrong_operation');
    expect(reasonOf(await check({ now: now + promisedLifetimeMs + promisedSkewMs + 1 }))).toBe('expired');
    expect(setup.seen.size).toBe(0);
  });
});
