import { createHmac } from 'node:crypto';
import { readChangeEvent } from './change-intake';

const secret = 'oauth-client-secret';
const now = Date.parse('2026-11-23T10:00:00Z');
const rawBody = JSON.stringify({ webhookEvent: 'jira:issue_updated', issue: { key: 'SUP-7' } });
function jwt(claims: Record<string, unknown>, key = secret): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(claims)}`;
  return `${unsigned}.${createHmac('sha256', key).update(unsigned).digest('base64url')}`;
}

describe('how a Jira Cloud webhook delivery proves where it comes from', () => {
  it("takes a dynamic webhook's bearer JWT from the Authorization header", () => {
    expect(readChangeEvent({ headers: { Authorization: `Bearer ${jwt({ exp: now / 1000 + 60 })}` }, rawBody }, secret, now)).toEqual({
      ok: true,
      value: { itemKeys: ['SUP-7'] },
    });
  });

  it('says why a bearer JWT was refused, and how to register again', () => {
    expect(readChangeEvent({ headers: { authorization: `Bearer ${jwt({ exp: now / 1000 - 60 })}` }, rawBody }, secret, now)).toMatchObject({
      ok: false,
      error: {
        code: 'unauthorized',
        message:
          "A Jira Cloud webhook delivery was refused: its token has expired. If the secret changed, register the webhook again from the node's Jira Cloud settings.",
      },
    });
  });

  it('says an X-Hub-Signature made with another secret does not match the webhook secret', () => {
    const signature = `sha256=${createHmac('sha256', 'old-secret').update(rawBody).digest('hex')}`;
    expect(readChangeEvent({ headers: { 'x-hub-signature': signature }, rawBody }, secret, now)).toMatchObject({
      ok: false,
      error: {
        code: 'unauthorized',
        message:
          "A Jira Cloud webhook delivery was refused: its X-Hub-Signature does not match the webhook secret. If the secret changed, register the webhook again from the node's Jira Cloud settings.",
      },
    });
  });
});
