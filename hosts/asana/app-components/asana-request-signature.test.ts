import { longestAsanaRequestLifetimeMs, signAsanaText, verifyAsanaRequest } from './asana-request-signature';
import { ReplayGuard } from './replay-guard';

/**
 * Asana publishes the rule (HMAC-SHA256 of the query string, or of the POST body's `data`, keyed
 * with the client secret, in hex) but no signature test vectors: its example servers keep their
 * secret out of the code. The requests below are the shapes of Asana's app components document
 * (asana-app-components.yaml: its `workspace`, `task`, `user` and `expires_at` examples), and
 * the expected signatures were computed apart from this code, with
 * `printf '%s' "<text>" | openssl dgst -sha256 -hmac example-client-secret`.
 */
const secret = 'example-client-secret';
const documentedQuery = 'workspace=12345&task=67890&user=54321&expires_at=2019-04-15T01%3A01%3A46.055Z';
const documentedQuerySignature = '90025ead4fa5e675ae0d6a375dcc17172c14373d0638ac86d0d7b0fb1949e334';
const documentedData =
  '{"workspace":"12345","task":"67890","user":"54321","expires_at":"2019-04-15T01:01:46.055Z","values":{"single_line_text_field_1":"Single Line Text"}}';
const documentedDataSignature = '1c8d8a82f71df055e7c326764b5ee2b6faeda11fe7daeeb2cc6e659fd932da56';
const beforeExpiry = Date.parse('2019-04-15T01:01:00.000Z');
const expiresAt = Date.parse('2019-04-15T01:01:46.055Z');

const get = (queryString: string) => ({ method: 'GET' as const, queryString });
const post = (data: unknown) => ({ method: 'POST' as const, body: JSON.stringify({ data }) });

describe("Asana's request signature", () => {
  it("accepts Asana's documented GET, signed over the query string exactly as sent, and reads its fields", () => {
    const verified = verifyAsanaRequest(get(documentedQuery), documentedQuerySignature, secret, beforeExpiry);
    expect(verified).toEqual({
      ok: true,
      value: {
        fields: { workspace: '12345', task: '67890', user: '54321', expires_at: '2019-04-15T01:01:46.055Z' },
        signature: documentedQuerySignature,
        expiresAt,
      },
    });
  });

  it("accepts Asana's documented POST, signed over the body's data string, and reads the data document", () => {
    const verified = verifyAsanaRequest(post(documentedData), documentedDataSignature, secret, beforeExpiry);
    expect(verified.ok && verified.value.fields).toEqual({
      workspace: '12345',
      task: '67890',
      user: '54321',
      expires_at: '2019-04-15T01:01:46.055Z',
      values: { single_line_text_field_1: 'Single Line Text' },
    });
  });

  it('signs as openssl does (the sandbox and the tests sign with this)', () => {
    expect(signAsanaText(secret, documentedQuery)).toBe(documentedQuerySignature);
    expect(signAsanaText(secret, documentedData)).toBe(documentedDataSignature);
  });

  const refusals: readonly [string, () => ReturnType<typeof verifyAsanaRequest>, string][] = [
    ['no signature header', () => verifyAsanaRequest(get(documentedQuery), undefined, secret, beforeExpiry), 'has no x-asana-request-signature'],
    ['an empty signature header', () => verifyAsanaRequest(get(documentedQuery), '', secret, beforeExpiry), 'has no x-asana-request-signature'],
    ['a signature that is not hex', () => verifyAsanaRequest(get(documentedQuery), 'z'.repeat(64), secret, beforeExpiry), 'not an HMAC-SHA256 in hex'],
    [
      'a signature of the wrong length',
      () => verifyAsanaRequest(get(documentedQuery), documentedQuerySignature.slice(2), secret, beforeExpiry),
      'not an HMAC-SHA256 in hex',
    ],
    ['another app’s secret', () => verifyAsanaRequest(get(documentedQuery), documentedQuerySignature, 'another-secret', beforeExpiry), 'does not match'],
    [
      'a changed task in the query',
      () => verifyAsanaRequest(get(documentedQuery.replace('67890', '67891')), documentedQuerySignature, secret, beforeExpiry),
      'does not match',
    ],
    [
      'the same parameters in another order',
      () =>
        verifyAsanaRequest(
          get('task=67890&workspace=12345&user=54321&expires_at=2019-04-15T01%3A01%3A46.055Z'),
          documentedQuerySignature,
          secret,
          beforeExpiry,
        ),
      'does not match',
    ],
    [
      'a changed value in the data',
      () => verifyAsanaRequest(post(documentedData.replace('Single Line Text', 'Other text')), documentedDataSignature, secret, beforeExpiry),
      'does not match',
    ],
    [
      'the query signature on a POST of the same text',
      () => verifyAsanaRequest({ method: 'POST', body: JSON.stringify({ data: documentedQuery + 'x' }) }, documentedQuerySignature, secret, beforeExpiry),
      'does not match',
    ],
    [
      'a POST without data',
      () => verifyAsanaRequest({ method: 'POST', body: '{"task":"67890"}' }, documentedDataSignature, secret, beforeExpiry),
      'no signed "data" field',
    ],
    [
      'a POST whose data is an object, not the signed string',
      () => verifyAsanaRequest({ method: 'POST', body: JSON.stringify({ data: JSON.parse(documentedData) }) }, documentedDataSignature, secret, beforeExpiry),
      'no signed "data" field',
    ],
    [
      'a POST that is not JSON',
      () => verifyAsanaRequest({ method: 'POST', body: 'data=1' }, documentedDataSignature, secret, beforeExpiry),
      'no signed "data" field',
    ],
    [
      'a request one millisecond past expires_at',
      () => verifyAsanaRequest(get(documentedQuery), documentedQuerySignature, secret, expiresAt + 1),
      'expired at 2019-04-15T01:01:46.055Z',
    ],
    ['an expired POST', () => verifyAsanaRequest(post(documentedData), documentedDataSignature, secret, expiresAt + 60_000), 'expired'],
  ];
  it.each(refusals)('refuses %s as unauthorized (401)', (_case, verify, words) => {
    const verified = verify();
    expect(verified.ok).toBe(false);
    if (verified.ok) return;
    expect(verified.error.httpStatus).toBe(401);
    expect(verified.error.message).toContain(words);
  });

  it('accepts a request at its expires_at and not after', () => {
    expect(verifyAsanaRequest(get(documentedQuery), documentedQuerySignature, secret, expiresAt).ok).toBe(true);
    expect(verifyAsanaRequest(get(documentedQuery), documentedQuerySignature, secret, expiresAt + 1).ok).toBe(false);
  });

  it('refuses a correctly signed request without expires_at, or one valid for longer than Asana ever signs', () => {
    const withoutExpiry = 'workspace=12345&task=67890&user=54321';
    const missing = verifyAsanaRequest(get(withoutExpiry), signAsanaText(secret, withoutExpiry), secret, beforeExpiry);
    expect(!missing.ok && missing.error.message).toContain('no valid expires_at');
    const garbled = 'task=67890&expires_at=soon';
    expect(verifyAsanaRequest(get(garbled), signAsanaText(secret, garbled), secret, beforeExpiry).ok).toBe(false);
    const farAhead = new URLSearchParams({ task: '67890', expires_at: new Date(beforeExpiry + longestAsanaRequestLifetimeMs + 1000).toISOString() }).toString();
    const tooLong = verifyAsanaRequest(get(farAhead), signAsanaText(secret, farAhead), secret, beforeExpiry);
    expect(!tooLong.ok && tooLong.error.message).toContain('longer than any request Asana signs');
  });
});

describe('the replay memory', () => {
  it('lets a signature through once until it expires, then forgets it', () => {
    const guard = new ReplayGuard();
    expect(guard.remember('signature-1', 1000, 0)).toBe(true);
    expect(guard.remember('signature-1', 1000, 500)).toBe(false);
    expect(guard.remember('signature-2', 1000, 500)).toBe(true);
    // Past its expiry the request is refused for that reason anyway; the memory need not hold it.
    expect(guard.remember('signature-1', 3000, 1001)).toBe(true);
  });

  it('recalls the answer kept with a key (a rule run retried with its idempotency key)', () => {
    const guard = new ReplayGuard<{ readonly action_result: string }>();
    guard.remember('idempotency-1', 1000, 0, { action_result: 'ok' });
    expect(guard.recall('idempotency-1', 10)).toEqual({ action_result: 'ok' });
    expect(guard.recall('idempotency-2', 10)).toBeUndefined();
    expect(guard.recall('idempotency-1', 1001)).toBeUndefined();
  });

  it('stays within its capacity, dropping the oldest first', () => {
    const guard = new ReplayGuard(2);
    guard.remember('a', 1000, 0);
    guard.remember('b', 1000, 0);
    guard.remember('c', 1000, 0);
    expect(guard.remember('b', 1000, 0)).toBe(false);
    expect(guard.remember('a', 1000, 0)).toBe(true);
  });
});
