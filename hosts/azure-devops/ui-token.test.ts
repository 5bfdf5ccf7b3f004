import { createHmac } from 'node:crypto';
import { maximumAppTokenLifetimeMs, verifyAzureDevOpsAppToken } from './ui-token';

const secret = 'extension-certificate-secret';
const now = Date.parse('2026-11-23T10:00:00Z');
const seconds = (milliseconds: number) => Math.floor(milliseconds / 1000);

function sign(claims: Record<string, unknown>, header: Record<string, unknown> = { typ: 'JWT', alg: 'HS256' }, key = secret): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const body = `${encode(header)}.${encode(claims)}`;
  return `${body}.${createHmac('sha256', key).update(body).digest('base64url')}`;
}

const claims = {
  nameid: '84ea4845-57ba-4096-909f-28f23ce54fe5',
  tid: 'Windows Live ID',
  iss: 'app.vssps.visualstudio.com',
  aud: 'fb398e92-f689-4029-9d8a-d06b6c7c876c',
  nbf: seconds(now - 60_000),
  exp: seconds(now + 3_600_000),
};

describe('the Azure DevOps app token a node accepts from the hub', () => {
  it('accepts a token signed with the extension’s certificate, and names the user', () => {
    expect(verifyAzureDevOpsAppToken(`Bearer ${sign(claims)}`, { secret, now, audience: claims.aud })).toEqual({
      ok: true,
      value: { userId: claims.nameid, tenant: 'Windows Live ID', issuer: 'app.vssps.visualstudio.com', audience: [claims.aud], expiresAt: claims.exp * 1000 },
    });
  });

  it.each([
    ['signed with another secret', () => sign(claims, undefined, 'someone-else')],
    [
      'with the algorithm "none"',
      () =>
        `${sign(claims)
          .split('.')
          .slice(0, 2)
          .join('.')
          .replace(/^[^.]+/, Buffer.from('{"alg":"none"}').toString('base64url'))}.`,
    ],
    ['expired', () => sign({ ...claims, exp: seconds(now - 10 * 60_000) })],
    ['not valid yet', () => sign({ ...claims, nbf: seconds(now + 10 * 60_000) })],
    ['from another issuer', () => sign({ ...claims, iss: 'evil.example' })],
    ['for another organization', () => sign({ ...claims, aud: 'another-organization' })],
    ['cut short', () => sign(claims).slice(0, -5)],
    ['missing', () => undefined],
  ])('refuses a token %s, saying to reload the page', (_case, token) => {
    const verdict = verifyAzureDevOpsAppToken(token(), { secret, now, audience: claims.aud });
    expect(verdict.ok).toBe(false);
    if (!verdict.ok)
      expect(verdict.error).toMatchObject({ code: 'unauthorized', message: expect.stringMatching(/app token was refused.*Reload the Exalate page/) });
  });

  it('gives one message for every token whose signature fails, so a forger learns nothing', () => {
    const messages = [sign(claims, undefined, 'someone-else'), sign({ ...claims, exp: seconds(now - 600_000) }, undefined, 'someone-else'), 'a.b.c'].map(
      (token) => {
        const verdict = verifyAzureDevOpsAppToken(token, { secret, now });
        return verdict.ok ? '' : verdict.error.message;
      },
    );
    expect(new Set(messages).size).toBe(1);
  });

  it.each([
    ['without nameid', { nameid: undefined }, 'nameid'],
    ['without an issuer', { iss: undefined }, 'iss'],
    ['without an audience', { aud: undefined }, 'aud'],
    ['without nbf', { nbf: undefined }, 'nbf'],
    ['without exp', { exp: undefined }, 'exp'],
  ])('refuses a genuine token %s, naming what is missing', (_case, change, named) => {
    const verdict = verifyAzureDevOpsAppToken(sign({ ...claims, ...change }), { secret, now });
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) expect(verdict.error.message).toMatch(new RegExp(`lacks the claims.*${named}`));
  });

  it('refuses a token valid for longer than Azure DevOps issues them: ten years, or a thousand times the 70 minutes', () => {
    for (const lifetimeMs of [10 * 365 * 86_400_000, 1000 * 70 * 60_000]) {
      const verdict = verifyAzureDevOpsAppToken(sign({ ...claims, nbf: seconds(now - 60_000), exp: seconds(now - 60_000 + lifetimeMs) }), { secret, now });
      expect(verdict.ok).toBe(false);
      if (!verdict.ok) expect(verdict.error.message).toContain('about 70 minutes');
    }
    expect(verifyAzureDevOpsAppToken(sign({ ...claims, nbf: seconds(now - 5 * 60_000), exp: seconds(now + 65 * 60_000) }), { secret, now }).ok).toBe(true);
    expect(maximumAppTokenLifetimeMs).toBeLessThan(1000 * 70 * 60_000);
  });

  it('refuses a user id that is not an Azure DevOps user id (a GUID)', () => {
    expect(verifyAzureDevOpsAppToken(sign({ ...claims, nameid: 'admin' }), { secret, now }).ok).toBe(false);
    expect(verifyAzureDevOpsAppToken(sign({ ...claims, nameid: `${claims.nameid},${claims.nameid}` }), { secret, now }).ok).toBe(false);
  });

  it('tolerates five minutes of clock difference between Azure DevOps and the node', () => {
    expect(verifyAzureDevOpsAppToken(sign({ ...claims, nbf: seconds(now - 65 * 60_000), exp: seconds(now - 60_000) }), { secret, now }).ok).toBe(true);
  });
});

/** The refusal of `token`, as the console shows it (message) and the log keeps it (details.reason). */
function refusalOf(token: string | undefined, check: Partial<Parameters<typeof verifyAzureDevOpsAppToken>[1]> = {}) {
  const verdict = verifyAzureDevOpsAppToken(token, { secret, now, ...check });
  if (verdict.ok) throw new Error('the token was accepted');
  return { code: verdict.error.code, message: verdict.error.message, reason: (verdict.error.details as { reason?: unknown } | undefined)?.reason };
}
const genuineRefusal = (what: string) =>
  `The Azure DevOps app token was refused: ${what}. Reload the Exalate page in Azure DevOps (Organization settings → Extensions → Exalate) so Azure DevOps issues a fresh token.`;
const accepted = (changes: Record<string, unknown>, check: Partial<Parameters<typeof verifyAzureDevOpsAppToken>[1]> = {}) =>
  verifyAzureDevOpsAppToken(sign({ ...claims, ...changes }), { secret, now, ...check }).ok;

describe('how the node reads the Authorization header that carries the app token', () => {
  it('takes the token after "Bearer" and any run of spaces, in any case', () => {
    expect(verifyAzureDevOpsAppToken(`bearer   ${sign(claims)}`, { secret, now }).ok).toBe(true);
    expect(verifyAzureDevOpsAppToken(`BEARER\t${sign(claims)}`, { secret, now }).ok).toBe(true);
  });

  it('strips "Bearer" only in front of the token, not from inside it', () => {
    const [header, body, signature] = sign(claims).split('.');
    expect(refusalOf(`${header}.${body}.Bearer ${signature}`)).toMatchObject({ code: 'unauthorized', reason: 'not a JWT' });
  });

  it('logs which step refused a token that is not Azure DevOps’ own', () => {
    expect(refusalOf(undefined).reason).toBe('not a JWT');
    expect(refusalOf(sign(claims, undefined, 'someone-else')).reason).toBe('bad signature');
  });
});

describe('the claims Azure DevOps puts in every app token', () => {
  it.each([
    ['nameid', { nameid: '' }],
    ['iss', { iss: '' }],
    ['aud', { aud: '' }],
  ])('takes an empty %s as missing', (name, change) => {
    expect(refusalOf(sign({ ...claims, ...change }))).toEqual({
      code: 'unauthorized',
      reason: `missing claims: ${name}`,
      message: genuineRefusal(`it lacks the claims ${name} that Azure DevOps puts in every app token`),
    });
  });

  it('names every missing claim, separated by commas', () => {
    expect(refusalOf(sign({ ...claims, nbf: undefined, exp: undefined }))).toEqual({
      code: 'unauthorized',
      reason: 'missing claims: nbf, exp',
      message: genuineRefusal('it lacks the claims nbf, exp that Azure DevOps puts in every app token'),
    });
  });

  it('does not need the tenant (tid), which some accounts lack', () => {
    expect(verifyAzureDevOpsAppToken(sign({ ...claims, tid: undefined }), { secret, now })).toMatchObject({ ok: true, value: { tenant: undefined } });
  });

  it('says the user is not an Azure DevOps user id', () => {
    expect(refusalOf(sign({ ...claims, nameid: 'admin' }))).toEqual({
      code: 'unauthorized',
      reason: 'nameid is not a user id',
      message: genuineRefusal('its user (nameid) is not an Azure DevOps user id'),
    });
  });

  it('names the issuer it got and the ones Azure DevOps uses', () => {
    expect(refusalOf(sign({ ...claims, iss: 'evil.example' }))).toEqual({
      code: 'unauthorized',
      reason: 'issuer evil.example',
      message: genuineRefusal('it was issued by evil.example, not by Azure DevOps (app.vstoken.visualstudio.com or app.vssps.visualstudio.com)'),
    });
  });

  it('takes either of Azure DevOps’ issuers, or only those the node is told to', () => {
    expect(accepted({ iss: 'app.vstoken.visualstudio.com' })).toBe(true);
    expect(accepted({ iss: 'app.vstoken.visualstudio.com' }, { issuers: ['app.vssps.visualstudio.com'] })).toBe(false);
  });

  it('refuses a token meant for no audience at all', () => {
    expect(refusalOf(sign({ ...claims, aud: [] }))).toEqual({
      code: 'unauthorized',
      reason: 'audience',
      message: genuineRefusal('it is meant for another audience'),
    });
  });

  it('takes a list of audiences that includes the expected one', () => {
    expect(accepted({ aud: ['someone-else', claims.aud] }, { audience: claims.aud })).toBe(true);
    expect(accepted({ aud: ['someone-else'] }, { audience: claims.aud })).toBe(false);
  });
});

describe('the validity period of an app token', () => {
  const start = seconds(now - 60_000);

  it('refuses a token whose validity ends the second it starts', () => {
    expect(refusalOf(sign({ ...claims, nbf: start, exp: start }))).toEqual({
      code: 'unauthorized',
      reason: 'ends before it starts',
      message: genuineRefusal('its validity ends before it starts'),
    });
  });

  it('accepts a validity of exactly 90 minutes and refuses one second more, saying how long it claims', () => {
    expect(accepted({ nbf: start, exp: start + 90 * 60 })).toBe(true);
    expect(refusalOf(sign({ ...claims, nbf: start, exp: start + 90 * 60 + 1 }))).toEqual({
      code: 'unauthorized',
      reason: 'lifetime 5401 s',
      message: genuineRefusal(
        'it claims to be valid for 90 minutes, and Azure DevOps issues app tokens for about 70 minutes (at most 90 minutes are accepted)',
      ),
    });
  });

  it.each([
    [119 * 60, '119 minutes'],
    [2 * 3600, '2 hours'],
    [47 * 3600, '47 hours'],
    [48 * 3600, '2 days'],
    [10 * 365 * 86_400, '3650 days'],
  ])('describes a claimed validity of %i s as %s', (lifetimeSeconds, words) => {
    expect(refusalOf(sign({ ...claims, nbf: start, exp: start + lifetimeSeconds })).message).toContain(`it claims to be valid for ${words}, and`);
  });

  it('refuses a token at the moment its expiry plus the five minutes of tolerance is reached, saying when it expired', () => {
    const exp = seconds(now - 5 * 60_000);
    expect(refusalOf(sign({ ...claims, nbf: exp - 3600, exp }))).toEqual({
      code: 'unauthorized',
      reason: 'expired',
      message: genuineRefusal('it expired at 2026-11-23T09:55:00.000Z'),
    });
    expect(accepted({ nbf: exp + 1 - 3600, exp: exp + 1 })).toBe(true);
  });

  it('accepts a token that starts five minutes ahead of the node’s clock, and refuses one a second later, saying from when it is valid', () => {
    const nbf = seconds(now + 5 * 60_000);
    expect(accepted({ nbf, exp: nbf + 3600 })).toBe(true);
    expect(refusalOf(sign({ ...claims, nbf: nbf + 1, exp: nbf + 3600 }))).toEqual({
      code: 'unauthorized',
      reason: 'not valid yet',
      message: genuineRefusal("it is valid only from 2026-11-23T10:05:01.000Z; check the node's clock"),
    });
  });

  it('uses the clock difference the node is told to tolerate', () => {
    const exp = seconds(now - 60_000);
    expect(accepted({ nbf: exp - 3600, exp }, { clockSkewMs: 0 })).toBe(false);
    expect(accepted({ nbf: exp - 3600, exp }, { clockSkewMs: 61_000 })).toBe(true);
  });
});
