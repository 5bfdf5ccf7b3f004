import { createHmac } from 'node:crypto';
import { readChangeEvent } from './change-intake';

const secret = 'hook-secret';
const rawBody = JSON.stringify({ webhookEvent: 'jira:issue_updated', issue: { key: 'SUP-7' } });
const hubSignature = (text: string, key = secret) => `sha256=${createHmac('sha256', key).update(text).digest('hex')}`;

describe('a Jira Server / Data Center webhook delivery', () => {
  it('names the issue of a delivery signed with the secret', () => {
    expect(readChangeEvent({ headers: { 'X-Hub-Signature': hubSignature(rawBody) }, rawBody }, secret)).toEqual({ ok: true, value: { itemKeys: ['SUP-7'] } });
  });

  it('says a delivery without X-Hub-Signature must be registered from the node, since unsigned ones cannot be verified', () => {
    expect(readChangeEvent({ headers: {}, rawBody }, secret)).toMatchObject({
      ok: false,
      error: {
        code: 'unauthorized',
        message:
          "A Jira webhook delivery arrived without X-Hub-Signature. Register the webhook from the node's Jira Server settings so that it carries the connection's secret (Jira versions without webhook secrets cannot be verified).",
      },
    });
  });

  it('says a signature made with another secret does not match, and how to register again', () => {
    expect(readChangeEvent({ headers: { 'x-hub-signature': hubSignature(rawBody, 'old-secret') }, rawBody }, secret)).toMatchObject({
      ok: false,
      error: {
        code: 'unauthorized',
        message:
          "A Jira webhook delivery was refused: its X-Hub-Signature does not match the secret. If the secret changed, register the webhook again from the node's Jira Server settings.",
      },
    });
  });
});
