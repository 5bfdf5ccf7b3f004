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

  describe('the issue’s time after the change, when the delivery carries it', () => {
    const read = (payload: Record<string, unknown>) => {
      const body = JSON.stringify(payload);
      return readChangeEvent({ headers: { 'X-Hub-Signature': hubSignature(body) }, rawBody: body }, secret);
    };
    const updated = '2026-12-07T06:00:00.000+0100';

    it('reads issue.fields.updated of an issue event, as Jira wrote it', () => {
      for (const webhookEvent of ['jira:issue_updated', 'jira:issue_created']) {
        expect(read({ webhookEvent, issue: { key: 'SUP-7', fields: { summary: 'Printer', updated } } })).toEqual({
          ok: true,
          value: { itemKeys: ['SUP-7'], updatedTimes: new Map([['SUP-7', updated]]) },
        });
      }
    });

    it('reads it from a comment event whose issue carries it, keyed by the issue the event names', () => {
      const event = read({
        webhookEvent: 'comment_created',
        comment: { self: 'https://jira.example/rest/api/2/issue/10010/comment/1' },
        issue: { id: '10010', key: 'SUP-7', fields: { updated } },
      });
      expect(event.ok && event.value.updatedTimes).toEqual(new Map([['SUP-7', updated]]));
    });

    it('leaves the time out, and still names the issue, when it is missing or is not a time', () => {
      for (const fields of [undefined, {}, { updated: 1796619600000 }, { updated: 'yesterday' }, { updated: null }, 'fields', [updated]]) {
        expect(read({ webhookEvent: 'jira:issue_updated', issue: { key: 'SUP-7', ...(fields === undefined ? {} : { fields }) } })).toEqual({
          ok: true,
          value: { itemKeys: ['SUP-7'] },
        });
      }
    });

    it('gives no time for an event that names no item to sync', () => {
      expect(read({ webhookEvent: 'jira:issue_deleted', issue: { key: 'SUP-7', fields: { updated } } })).toEqual({ ok: true, value: { itemKeys: [] } });
    });

    it('takes no time from a delivery whose signature does not match', () => {
      const body = JSON.stringify({ webhookEvent: 'jira:issue_updated', issue: { key: 'SUP-7', fields: { updated } } });
      expect(readChangeEvent({ headers: { 'X-Hub-Signature': hubSignature(body, 'old-secret') }, rawBody: body }, secret)).toMatchObject({
        ok: false,
        error: { code: 'unauthorized' },
      });
    });
  });
});
