import { createHmac } from 'node:crypto';
import { verifyBearerJwt, verifyHubSignature } from './webhook-signature';

const secret = 'webhook-secret';
const body = '{"webhookEvent":"jira:issue_updated","issue":{"key":"SUP-7"}}';
const hex = (text: string, key = secret) => createHmac('sha256', key).update(text).digest('hex');

describe("a Jira admin webhook's X-Hub-Signature", () => {
  it('accepts sha256= and the hex HMAC of the body, in either case, with spaces around it', () => {
    expect(verifyHubSignature(`sha256=${hex(body)}`, body, secret)).toBe(true);
    expect(verifyHubSignature(`SHA256=${hex(body).toUpperCase()}`, body, secret)).toBe(true);
    expect(verifyHubSignature(`  sha256=${hex(body)}\n`, new TextEncoder().encode(body), secret)).toBe(true);
  });

  it.each([
    ['without the algorithm prefix', () => hex(body)],
    ['with another algorithm named', () => `sha1=${hex(body)}`],
    ['after other text', () => `x-sha256=${hex(body)}`],
    ['cut by one character', () => `sha256=${hex(body).slice(0, -1)}`],
    ['extended by two characters', () => `sha256=${hex(body)}00`],
    ['of a body changed by one byte', () => `sha256=${hex(body.replace('SUP-7', 'SUP-8'))}`],
    ['made with an empty secret', () => `sha256=${hex(body, '')}`],
    ['absent', () => undefined],
  ])('refuses a signature %s', (_case, header) => {
    expect(verifyHubSignature(header(), body, secret)).toBe(false);
  });
});

describe("a Jira dynamic webhook's bearer JWT", () => {
  const now = Date.parse('2026-11-23T10:00:00Z');
  function jwt(claims: Record<string, unknown>, key = secret): string {
    const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const unsigned = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(claims)}`;
    return `${unsigned}.${createHmac('sha256', key).update(unsigned).digest('base64url')}`;
  }
  const token = jwt({ iss: 'jira', exp: now / 1000 + 60 });

  it('accepts the token after "Bearer", in any case, after any spaces, with spaces around the header', () => {
    expect(verifyBearerJwt(`Bearer ${token}`, secret, now)).toMatchObject({ valid: true, claims: { iss: 'jira' } });
    expect(verifyBearerJwt(`bearer   ${token}`, secret, now).valid).toBe(true);
    expect(verifyBearerJwt(` Bearer ${token} `, secret, now).valid).toBe(true);
  });

  it.each([
    ['after other text', `XBearer ${token}`],
    ['followed by more text', `Bearer ${token} extra`],
    ['with no space after Bearer', `Bearer${token}`],
    ['absent', undefined],
  ])('says there is no bearer token when it comes %s', (_case, header) => {
    expect(verifyBearerJwt(header, secret, now)).toEqual({ valid: false, reason: 'it carries no bearer token' });
  });

  it('says a token signed with another secret is not signed with the secret', () => {
    expect(verifyBearerJwt(`Bearer ${jwt({ exp: now / 1000 + 60 }, 'other')}`, secret, now)).toEqual({
      valid: false,
      reason: 'its token is not signed with the secret',
    });
  });

  it('accepts a token up to the second it expires, and refuses it a second later as expired', () => {
    const expiring = jwt({ exp: now / 1000 });
    expect(verifyBearerJwt(`Bearer ${expiring}`, secret, now).valid).toBe(true);
    expect(verifyBearerJwt(`Bearer ${expiring}`, secret, now + 1000)).toEqual({ valid: false, reason: 'its token has expired' });
  });

  it.each([
    ['a string of digits', String(now / 1000 + 60)],
    ['null', null],
    ['an object', { seconds: now / 1000 + 60 }],
  ])('refuses a signed token whose expiry is %s, which no clock could check', (_case, exp) => {
    expect(verifyBearerJwt(`Bearer ${jwt({ iss: 'jira', exp })}`, secret, now)).toEqual({ valid: false, reason: 'its token has an expiry that is not a time' });
  });

  it('refuses a signed token whose expiry is a number too large to be a time (1e400 reads as Infinity)', () => {
    const encode = (text: string) => Buffer.from(text).toString('base64url');
    const unsigned = `${encode('{"alg":"HS256","typ":"JWT"}')}.${encode('{"iss":"jira","exp":1e400}')}`;
    const infinite = `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
    expect(verifyBearerJwt(`Bearer ${infinite}`, secret, now)).toEqual({ valid: false, reason: 'its token has an expiry that is not a time' });
  });

  it('accepts a signed token without an expiry, as Jira may send one', () => {
    expect(verifyBearerJwt(`Bearer ${jwt({ iss: 'jira' })}`, secret, now)).toMatchObject({ valid: true, claims: { iss: 'jira' } });
  });
});
