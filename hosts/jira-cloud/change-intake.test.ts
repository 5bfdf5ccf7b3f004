import { createHmac } from 'node:crypto';
import { startEmulatorServer, startWebhookReceiver } from '../emulator-kit';
import { JiraCloudAdapter } from './adapter';
import { createJiraCloudEmulator } from './emulator';
import { readChangeEvent, readForgeProductEvent } from './change-intake';

const now = Date.parse('2026-11-23T09:00:00Z');

function jwt(secret: string, claims: Record<string, unknown>): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(claims)}`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}

describe('Jira Cloud change events', () => {
  it('registers a dynamic webhook, and every create, update and comment arrives signed, read back to the issue key', async () => {
    let time = now;
    const emulator = createJiraCloudEmulator({ now: () => (time += 1000) });
    const server = await startEmulatorServer(emulator.routes, { prefix: '/jira-cloud/tracker' });
    const receiver = await startWebhookReceiver();
    try {
      const adapter = new JiraCloudAdapter({ baseUrl: server.mountUrl, authorization: emulator.authorization });
      const secret = emulator.state.oauthClientSecret;

      // The issue's `updated` as the REST API returns it, after each change.
      const restTimes: string[] = [];
      const readRestTime = async (key: string) => {
        const response = await fetch(`${server.mountUrl}/rest/api/3/issue/${key}?fields=updated`, { headers: { Authorization: emulator.authorization } });
        restTimes.push(((await response.json()) as { fields: { updated: string } }).fields.updated);
      };

      const { webhookIds } = await adapter.registerChangeHook(receiver.url, secret, { projectKeys: ['SUP'] });
      const { key } = await adapter.createItem({ projectKey: 'SUP', type: 'Bug', summary: 'Watched' });
      await readRestTime(key);
      await adapter.updateItem(key, { summary: 'Watched, edited' });
      await readRestTime(key);
      const { id } = await adapter.addComment(key, { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Hi' }] }] });
      await readRestTime(key);
      await adapter.updateComment(key, id, { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Hello' }] }] });
      await readRestTime(key);
      await adapter.createItem({ projectKey: 'DEV', type: 'Bug', summary: 'Not watched' });
      await emulator.deliveriesSettled();

      expect(webhookIds).toEqual([1]);
      const events = receiver.received.map((delivery) => (JSON.parse(delivery.rawBody) as { webhookEvent: string }).webhookEvent);
      // Deliveries run side by side, so their order of arrival is not asserted.
      expect([...events].sort()).toEqual([
        'comment_created',
        'comment_updated',
        'jira:issue_created',
        'jira:issue_updated',
        'jira:issue_updated',
        'jira:issue_updated',
      ]);
      const carriedTimes: string[] = [];
      for (const delivery of receiver.received) {
        const event = readChangeEvent(delivery, secret, time);
        expect(event).toMatchObject({ ok: true, value: { itemKeys: [key] } });
        const carried = event.ok ? event.value.updatedTimes?.get(key) : undefined;
        const isIssueEvent = (JSON.parse(delivery.rawBody) as { webhookEvent: string }).webhookEvent.startsWith('jira:issue_');
        // A comment event's issue carries only a few fields (no `updated`), as Jira's does.
        expect(carried === undefined).toBe(!isIssueEvent);
        if (carried !== undefined) carriedTimes.push(carried);
      }
      // Each issue event carries the issue's time after its change, exactly as the REST API gives it then.
      expect(new Set(restTimes).size).toBe(4);
      expect([...carriedTimes].sort()).toEqual([...restTimes].sort());
      expect(readChangeEvent(receiver.received[0]!, 'another-secret', time)).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
      expect(readChangeEvent(receiver.received[0]!, secret, time + 10 * 60_000)).toMatchObject({
        ok: false,
        error: { message: expect.stringContaining('expired') },
      });
    } finally {
      await receiver.close();
      await server.close();
    }
  });

  it('never holds up the API call when the webhook receiver does not answer', async () => {
    const emulator = createJiraCloudEmulator();
    const server = await startEmulatorServer(emulator.routes, { prefix: '/j' });
    const stuck = await startWebhookReceiver({ hang: true });
    try {
      const adapter = new JiraCloudAdapter({ baseUrl: server.mountUrl, authorization: emulator.authorization });
      await adapter.registerChangeHook(stuck.url, 'secret', { projectKeys: ['SUP'] });

      await expect(adapter.createItem({ projectKey: 'SUP', type: 'Bug', summary: 'Not blocked' })).resolves.toEqual({ key: 'SUP-1' });
    } finally {
      await stuck.close();
      await server.close();
    }
  });

  it('accepts an admin webhook signed with X-Hub-Signature, and refuses unsigned or tampered deliveries', () => {
    const rawBody = JSON.stringify({
      timestamp: now,
      webhookEvent: 'comment_created',
      comment: { id: '1', self: 'https://acme.atlassian.net/rest/api/2/issue/10010/comment/1' },
      issue: { id: '10010', key: 'SUP-7' },
    });
    const signature = `sha256=${createHmac('sha256', 's3cret').update(rawBody).digest('hex')}`;

    expect(readChangeEvent({ headers: { 'x-hub-signature': signature }, rawBody }, 's3cret', now)).toEqual({ ok: true, value: { itemKeys: ['SUP-7'] } });
    expect(readChangeEvent({ headers: { 'X-Hub-Signature': signature }, rawBody: rawBody.replace('SUP-7', 'SUP-8') }, 's3cret', now)).toMatchObject({
      ok: false,
      error: { code: 'unauthorized' },
    });
    expect(readChangeEvent({ headers: {}, rawBody }, 's3cret', now)).toMatchObject({
      ok: false,
      error: { code: 'unauthorized', message: expect.stringContaining('no bearer token') },
    });
  });

  it('reads other events as naming no item, and a body that is not a Jira payload as invalid', () => {
    const sign = (body: string) => ({ headers: { authorization: `Bearer ${jwt('k', { iat: now / 1000, exp: now / 1000 + 60 })}` }, rawBody: body });

    expect(readChangeEvent(sign(JSON.stringify({ webhookEvent: 'jira:issue_deleted', issue: { key: 'SUP-1' } })), 'k', now)).toEqual({
      ok: true,
      value: { itemKeys: [] },
    });
    expect(readChangeEvent(sign('<html>'), 'k', now)).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(
      readChangeEvent(sign(JSON.stringify({ webhookEvent: 'comment_created', comment: { self: 'https://x/rest/api/3/issue/10042/comment/9' } })), 'k', now),
    ).toEqual({ ok: true, value: { itemKeys: ['10042'] } });
  });
});

describe('Forge product events', () => {
  // The examples of developer.atlassian.com/platform/forge/events-reference/jira, trimmed.
  const issue = {
    id: '10073',
    key: 'SP-10',
    fields: {
      summary: 'A descriptive title',
      issuetype: { id: '10001', name: 'Story' },
      creator: { accountId: '4ad9aa0c52dc1b420a791d12' },
      created: '2021-01-20T15:58:12.797+1100',
      project: { id: '10000', key: 'SP' },
    },
  };

  it.each(['avi:jira:created:issue', 'avi:jira:updated:issue', 'avi:jira:commented:issue'])('reads %s as the issue to look at', (eventType) => {
    const event = {
      eventType,
      issue,
      atlassianId: '4ad9aa0c52dc1b420a791d12',
      associatedUsers: [{ accountId: '4ad9aa0c52dc1b420a791d12' }],
      ...(eventType.includes('commented') ? { comment: { id: '10020', body: { type: 'doc', version: 1, content: [] } } } : {}),
      ...(eventType.includes('updated') ? { changelog: { items: [{ field: 'summary' }] } } : {}),
    };

    expect(readForgeProductEvent(event)).toEqual({ ok: true, value: { itemKeys: ['SP-10'], selfGenerated: false } });
  });

  it('says when the app caused the event itself, and refuses what is not an issue event', () => {
    expect(readForgeProductEvent({ eventType: 'avi:jira:updated:issue', issue, selfGenerated: true })).toEqual({
      ok: true,
      value: { itemKeys: ['SP-10'], selfGenerated: true },
    });
    expect(readForgeProductEvent({ eventType: 'avi:jira:created:sprint', sprint: {} })).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('avi:jira:created:sprint') },
    });
    expect(readForgeProductEvent('nonsense')).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(readForgeProductEvent({ eventType: 'avi:jira:created:issue' })).toMatchObject({ ok: false });
  });
});
