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
