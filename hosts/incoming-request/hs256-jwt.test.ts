import { z } from 'zod';
import { hmacSha256Base64Url, verifyHs256Jwt } from '.';

const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
function jwt(claims: unknown, secret: string, header: unknown = { alg: 'HS256', typ: 'JWT' }): string {
  const unsigned = `${encode(header)}.${encode(claims)}`;
  return `${unsigned}.${hmacSha256Base64Url(secret, unsigned)}`;
}
const claimsSchema = z.looseObject({ sub: z.string() });

/** Each refusal says which step refused the token and why, for the caller's log. */
describe('what an HS256 token check says about a refused token', () => {
  it('says a token without three base64url parts is not a JWT', () => {
    expect(verifyHs256Jwt('a.b.c.d', 'k', claimsSchema)).toEqual({ ok: false, failure: 'malformed', reason: 'not a JWT' });
  });

  it('says a token naming another algorithm is not signed HS256', () => {
    expect(verifyHs256Jwt(jwt({ sub: 'someone' }, 'k', { alg: 'HS384' }), 'k', claimsSchema)).toEqual({
      ok: false,
      failure: 'algorithm',
      reason: 'not signed HS256',
    });
  });

  it('refuses a header whose typ is not text, as it refuses any header it cannot read', () => {
    expect(verifyHs256Jwt(jwt({ sub: 'someone' }, 'k', { alg: 'HS256', typ: 7 }), 'k', claimsSchema)).toMatchObject({ ok: false, failure: 'algorithm' });
  });

  it('says the signature is bad when the token was signed over another header', () => {
    const [, claims, signature] = jwt({ sub: 'someone' }, 'k').split('.');
    const otherHeader = encode({ alg: 'HS256', typ: 'JWT', kid: 'another' });
    expect(verifyHs256Jwt(`${otherHeader}.${claims}.${signature}`, 'k', claimsSchema)).toEqual({ ok: false, failure: 'signature', reason: 'bad signature' });
  });

  it("says the claims are unreadable, and why, when the caller's schema refuses them", () => {
    const check = verifyHs256Jwt(jwt({ sub: 42 }, 'k'), 'k', claimsSchema);
    expect(check).toMatchObject({ ok: false, failure: 'claims', reason: expect.stringMatching(/^claims unreadable: .*sub/) });
  });
});
