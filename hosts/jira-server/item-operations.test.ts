import { createHmac } from 'node:crypto';
import { heading, orderedList, paragraph, richTextDocument, text } from '../../test/fakes/rich-text-document';
import { readTrigger } from '../../test/support/read-trigger';
import { startEmulatorServer, startWebhookReceiver, type RunningEmulatorServer } from '../emulator-kit';
import { createTestTimers } from '../tracker-http';
import { JiraServerAdapter } from './adapter';
import { createJiraServerEmulator, type JiraServerEmulator } from './emulator';
import { readChangeEvent } from './change-intake';

const described = richTextDocument(
  heading(2, text('Steps')),
  orderedList([paragraph(text('Open '), text('/checkout', 'code'))]),
  paragraph(text('Ask '), { type: 'mention', displayName: 'Sam Support', email: 'sam@acme.example' }),
);

describe('JiraServerAdapter items', () => {
  let emulator: JiraServerEmulator;
  let server: RunningEmulatorServer;
  let adapter: JiraServerAdapter;

  beforeEach(async () => {
    let time = Date.parse('2026-11-23T09:00:00Z');
    emulator = createJiraServerEmulator({ now: () => (time += 1000) });
    server = await startEmulatorServer(emulator.routes, { prefix: '/jira' });
    const timers = createTestTimers();
    adapter = new JiraServerAdapter({
      baseUrl: server.mountUrl,
      authorization: emulator.authorization,
      clock: timers.clock,
      sleep: timers.sleep,
      random: timers.random,
    });
  });
  afterEach(() => server.close());

  it('writes descriptions as wiki markup, mentioning people by username, and reads them back', async () => {
    const { key } = await adapter.createItem({ projectKey: 'ENG', type: 'Bug', summary: 'Wiki', description: described });

    expect(emulator.state.work.issue(key)?.description).toBe('h2. Steps\n\n# Open {{/checkout}}\n\nAsk [~ssupport]');
    const item = await adapter.getItem(key);
    // Wiki markup names people by username only: the mention comes back as the username.
    expect(item?.description.content.slice(0, 2)).toEqual(described.content.slice(0, 2));
    expect(item?.description.content[2]).toEqual(paragraph(text('Ask '), { type: 'mention', displayName: 'ssupport' }));
  });

  it('assigns by username found through the email, and pages search by startAt', async () => {
    const { key } = await adapter.createItem({ projectKey: 'QA', type: 'Task', summary: 'Assigned', assigneeEmail: 'dana@acme.example' });
    await adapter.createItem({ projectKey: 'QA', type: 'Task', summary: 'Second' });
    await adapter.createItem({ projectKey: 'QA', type: 'Task', summary: 'Third' });

    await expect(adapter.getItem(key)).resolves.toMatchObject({ assignee: { id: 'ddeveloper', email: 'dana@acme.example' } });
    expect(emulator.state.work.issue(key)?.assigneeId).toBe('JIRAUSER10101');
    const first = await adapter.searchItems(readTrigger('project = QA ORDER BY created', 'jira-server'), { cursor: null, limit: 2 });
    const second = await adapter.searchItems(readTrigger('project = QA ORDER BY created', 'jira-server'), { cursor: first.nextCursor, limit: 2 });
    expect([first, second]).toEqual([
      { keys: ['QA-1', 'QA-2'], nextCursor: '2' },
      { keys: ['QA-3'], nextCursor: null },
    ]);
    await expect(adapter.searchItems(readTrigger('project = QA', 'jira-server'), { cursor: 'token?', limit: 2 })).rejects.toMatchObject({
      code: 'invalid_request',
    });
  });

  it('registers an admin webhook whose deliveries carry X-Hub-Signature, which readChangeEvent checks', async () => {
    const receiver = await startWebhookReceiver();
    try {
      const { webhookId } = await adapter.registerChangeHook(receiver.url, 'connection-secret');
      const { key } = await adapter.createItem({ projectKey: 'ITSM', type: 'Task', summary: 'Hooked' });
      await adapter.addComment(key, richTextDocument(paragraph(text('Seen'))));
      await emulator.deliveriesSettled();

      expect(webhookId).toBe('1');
      expect(receiver.received.length).toBe(3);
      for (const delivery of receiver.received) expect(readChangeEvent(delivery, 'connection-secret')).toMatchObject({ ok: true, value: { itemKeys: [key] } });
      const first = receiver.received[0]!;
      expect(first.headers['x-hub-signature']).toBe(`sha256=${createHmac('sha256', 'connection-secret').update(first.rawBody).digest('hex')}`);
      expect(readChangeEvent({ headers: {}, rawBody: first.rawBody }, 'connection-secret')).toMatchObject({
        ok: false,
        error: { code: 'unauthorized', message: expect.stringContaining('without X-Hub-Signature') },
      });
      expect(readChangeEvent(first, 'old-secret')).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    } finally {
      await receiver.close();
    }
  });

  it('downloads attachments from the servlet with the personal access token', async () => {
    const { key } = await adapter.createItem({ projectKey: 'ENG', type: 'Bug', summary: 'Files' });
    const { id } = await adapter.uploadAttachment(key, { filename: 'report (1).csv', mimeType: 'text/csv', content: new TextEncoder().encode('a,b\n1,2\n') });

    const bytes = await adapter.downloadAttachment(key, id);

    expect(new TextDecoder().decode(bytes)).toBe('a,b\n1,2\n');
    await expect(adapter.downloadAttachment(key, '99999')).rejects.toMatchObject({ code: 'not_found' });
  });
});
