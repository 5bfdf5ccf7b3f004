import { z } from 'zod';
import { headerValue, hmacSha256Base64Url, hmacSha256Hex, sameSecret, verifyHs256Jwt } from '.';

const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
function jwt(claims: unknown, secret: string, header: unknown = { alg: 'HS256', typ: 'JWT' }): string {
  const unsigned = `${encode(header)}.${encode(claims)}`;
  return `${unsigned}.${hmacSha256Base64Url(secret, unsigned)}`;
}
const claimsSchema = z.looseObject({ sub: z.string() });

describe('incoming requests', () => {
  it('finds a header whatever the case of its name, and takes the first of a repeated one', () => {
    const headers = { 'X-Hub-Signature': 'sha256=ab', authorization: ['Basic first', 'Basic second'], absent: undefined };

    expect(headerValue(headers, 'x-hub-signature')).toBe('sha256=ab');
    expect(headerValue(headers, 'Authorization')).toBe('Basic first');
    expect(headerValue(headers, 'absent')).toBeUndefined();
    expect(headerValue(undefined, 'authorization')).toBeUndefined();
  });

  it('signs with HMAC-SHA256 as RFC 4231 does (test case 2)', () => {
    expect(hmacSha256Hex('Jefe', 'what do ya want for nothing?')).toBe('5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
  });

  it('takes a secret only when every character matches, the length included', () => {
    expect(sameSecret('hook-secret', 'hook-secret')).toBe(true);
    expect(sameSecret('hook-secreT', 'hook-secret')).toBe(false);
    expect(sameSecret('hook-secret-and-more', 'hook-secret')).toBe(false);
    expect(sameSecret('', 'hook-secret')).toBe(false);
  });

  it("verifies an HS256 token and reads its claims with the caller's schema", () => {
    expect(verifyHs256Jwt(jwt({ sub: 'someone' }, 'k'), 'k', claimsSchema)).toEqual({ ok: true, claims: { sub: 'someone' } });
  });

  it.each([
    ['another secret', jwt({ sub: 'someone' }, 'other'), 'signature'],
    ['"alg": "none" with no signature', jwt({ sub: 'someone' }, 'k', { alg: 'none' }).replace(/\.[^.]*$/, '.'), 'algorithm'],
    ['HS512 named in the header', jwt({ sub: 'someone' }, 'k', { alg: 'HS512' }), 'algorithm'],
    ['two parts', jwt({ sub: 'someone' }, 'k').split('.').slice(0, 2).join('.'), 'malformed'],
    ['padding in a part', `${jwt({ sub: 'someone' }, 'k')}=`, 'malformed'],
    ['claims the schema refuses', jwt({ sub: 42 }, 'k'), 'claims'],
  ])('refuses a token with %s', (_name, token, failure) => {
    expect(verifyHs256Jwt(token, 'k', claimsSchema)).toMatchObject({ ok: false, failure });
  });
});
