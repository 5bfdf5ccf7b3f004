import { createHmac } from 'node:crypto';
import Fastify from 'fastify';
import { answerHookHandshake, readChangeEvent } from './change-intake';
import { startAsanaHarness, type AsanaHarness } from '../../test/support/asana-harness';

interface Delivery {
  readonly headers: Record<string, string | string[] | undefined>;
  readonly rawBody: string;
}

describe('Asana webhooks (X-Hook-Secret handshake, X-Hook-Signature) and the Events API', () => {
  let harness: AsanaHarness;
  let roadmap: string;
  const deliveries: Delivery[] = [];
  let storedSecret = '';
  let answerHandshake = true;
  const receiver = Fastify();
  let target: string;

  beforeAll(async () => {
    harness = await startAsanaHarness();
    roadmap = harness.emulator.state.projects.find((project) => project.name === 'Roadmap')?.gid ?? '';
    receiver.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => done(null, body));
    // What the node's hook endpoint does: answer the handshake, keep the secret, hand deliveries on.
    receiver.post('/hooks/asana', async (request, reply) => {
      const handshake = answerHookHandshake({ headers: request.headers, rawBody: '' });
      if (handshake !== undefined) {
        if (!answerHandshake) return reply.code(200).send();
        storedSecret = handshake.secret;
        return reply.code(200).headers(handshake.responseHeaders).send();
      }
      deliveries.push({ headers: request.headers, rawBody: String(request.body) });
      return reply.code(200).send();
    });
    await receiver.listen({ host: '127.0.0.1', port: 0 });
    const address = receiver.server.address();
    target = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}/hooks/asana`;
  });
  afterAll(async () => {
    await receiver.close();
    await harness.close();
  });
  afterEach(() => harness.checks.assertExchangesMatchSpec());

  it('refuses to create a webhook whose target does not echo X-Hook-Secret', async () => {
    answerHandshake = false;
    await expect(harness.adapter.registerChangeHook(target, { resource: roadmap })).rejects.toMatchObject({
      code: 'invalid_request',
      message: expect.stringContaining('handshake'),
    });
    answerHandshake = true;
    expect(harness.emulator.state.list('webhooks')).toEqual([]);
  });

  it('completes the handshake, then signs every delivery, which readChangeEvent checks and reads', async () => {
    const { webhookId, secret } = await harness.adapter.registerChangeHook(target, { resource: roadmap });
    expect(webhookId).toMatch(/^\d+$/);
    expect(secret).toBe(storedSecret);

    const { key } = await harness.adapter.createItem({ projectKey: roadmap, type: 'Task', summary: 'Watched' });
    await harness.adapter.addComment(key, { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Seen' }] }] });
    await harness.emulator.hookDeliveries.settled();

    expect(deliveries.length).toBeGreaterThanOrEqual(2);
    const read = await Promise.all(deliveries.map((delivery) => readChangeEvent(delivery, storedSecret)));
    expect(read.every((result) => result.ok && result.value.itemKeys.length === 1 && result.value.itemKeys[0] === key)).toBe(true);
    const signature = createHmac('sha256', storedSecret)
      .update(deliveries[0]?.rawBody ?? '')
      .digest('hex');
    expect(deliveries[0]?.headers['x-hook-signature']).toBe(signature);
  });

  it('refuses a delivery whose signature does not match, and reads a heartbeat as no items', async () => {
    const body = JSON.stringify({ events: [{ action: 'changed', resource: { gid: '42', resource_type: 'task' } }] });
    const signed = (secret: string, text: string) => ({ 'X-Hook-Signature': createHmac('sha256', secret).update(text).digest('hex') });

    await expect(readChangeEvent({ headers: signed('other', body), rawBody: body }, 'mine')).resolves.toMatchObject({
      ok: false,
      error: { code: 'unauthorized' },
    });
    await expect(readChangeEvent({ headers: {}, rawBody: body }, 'mine')).resolves.toMatchObject({ ok: false });
    await expect(readChangeEvent({ headers: signed('mine', body), rawBody: new TextEncoder().encode(body) }, 'mine')).resolves.toEqual({
      ok: true,
      value: { itemKeys: ['42'], updatedTimes: new Map() },
    });
    await expect(readChangeEvent({ headers: signed('mine', '{"events":[]}'), rawBody: '{"events":[]}' }, 'mine')).resolves.toEqual({
      ok: true,
      value: { itemKeys: [], updatedTimes: new Map() },
    });
    expect(answerHookHandshake({ headers: { 'content-type': 'application/json' }, rawBody: body })).toBeUndefined();
  });

  it('says a delivery signed with another secret came without a valid X-Hook-Signature', async () => {
    const body = JSON.stringify({ events: [] });
    const signature = createHmac('sha256', 'old-secret').update(body).digest('hex');
    await expect(readChangeEvent({ headers: { 'x-hook-signature': signature }, rawBody: body }, 'mine')).resolves.toEqual({
      ok: false,
      error: expect.objectContaining({
        code: 'unauthorized',
        message:
          'An Asana webhook call came without a valid X-Hook-Signature for the secret this node holds. If the webhook was created elsewhere, delete it and let the node register it again.',
        details: { tracker: 'asana' },
      }),
    });
  });

  it('takes a signature in upper case or with spaces around it', async () => {
    const body = JSON.stringify({ events: [] });
    const signature = createHmac('sha256', 'mine').update(body).digest('hex');
    await expect(readChangeEvent({ headers: { 'X-Hook-Signature': ` ${signature.toUpperCase()} ` }, rawBody: body }, 'mine')).resolves.toMatchObject({
      ok: true,
    });
  });

  it('says a signed body without events is not something the node can read', async () => {
    const body = JSON.stringify({ data: [] });
    const signature = createHmac('sha256', 'mine').update(body).digest('hex');
    await expect(readChangeEvent({ headers: { 'x-hook-signature': signature }, rawBody: body }, 'mine')).resolves.toEqual({
      ok: false,
      error: expect.objectContaining({
        code: 'invalid_request',
        message: expect.stringMatching(/^An Asana webhook call did not carry events the node can read \(.+\)\.$/),
        details: { tracker: 'asana' },
      }),
    });
  });

  it('does not take an empty X-Hook-Secret for a handshake', () => {
    expect(answerHookHandshake({ headers: { 'x-hook-secret': '' }, rawBody: '' })).toBeUndefined();
    expect(answerHookHandshake({ headers: { 'X-Hook-Secret': 'from-asana' }, rawBody: '' })).toEqual({
      secret: 'from-asana',
      responseHeaders: { 'X-Hook-Secret': 'from-asana' },
    });
  });

  /** A delivery signed with `mine`, of events about tasks 42 and 43 at the given times (undefined: the event has no created_at). */
  const deliveryOf = (events: readonly { readonly task: string; readonly at?: unknown; readonly on?: 'task' | 'story' }[]) => {
    const body = JSON.stringify({
      events: events.map(({ task, at, on = 'task' }) => ({
        action: 'changed',
        ...(on === 'task'
          ? { resource: { gid: task, resource_type: 'task' }, parent: null }
          : { resource: { gid: '9001', resource_type: 'story' }, parent: { gid: task, resource_type: 'task' } }),
        ...(at === undefined ? {} : { created_at: at }),
      })),
    });
    return { headers: { 'X-Hook-Signature': createHmac('sha256', 'mine').update(body).digest('hex') }, rawBody: body };
  };

  it("carries each task's latest event time, a comment's included, so the node knows the event of its own write without a read", async () => {
    const read = await readChangeEvent(
      deliveryOf([
        { task: '42', at: '2026-03-01T10:00:05.000Z' },
        { task: '43', at: '2026-03-01T10:00:01.000Z' },
        { task: '42', at: '2026-03-01T10:00:09.250Z', on: 'story' },
        { task: '42', at: '2026-03-01T10:00:07.000Z' },
      ]),
      'mine',
    );

    expect(read).toEqual({
      ok: true,
      value: {
        itemKeys: ['42', '43'],
        updatedTimes: new Map([
          ['42', '2026-03-01T10:00:09.250Z'],
          ['43', '2026-03-01T10:00:01.000Z'],
        ]),
      },
    });
  });

  it('gives no time to a task with an event whose created_at is missing or unreadable, and still names the task', async () => {
    const read = await readChangeEvent(
      deliveryOf([
        { task: '42', at: '2026-03-01T10:00:05.000Z' },
        { task: '42' },
        { task: '43', at: 'yesterday' },
        { task: '44', at: 1772359205000 },
        { task: '45', at: '2026-03-01T10:00:02.000Z' },
      ]),
      'mine',
    );

    expect(read).toEqual({ ok: true, value: { itemKeys: ['42', '43', '44', '45'], updatedTimes: new Map([['45', '2026-03-01T10:00:02.000Z']]) } });
  });

  it("delivers the event of a write stamped with the write's own time, and a later comment's with a later one", async () => {
    const { key } = await harness.adapter.createItem({ projectKey: roadmap, type: 'Task', summary: 'Stamped' });
    await harness.emulator.hookDeliveries.settled();
    deliveries.length = 0;
    await harness.adapter.getItem(key);
    harness.timers.advance(3_000);

    const written = await harness.adapter.updateItemReturningItem(key, { summary: 'Stamped, edited', status: 'completed' });
    await harness.emulator.hookDeliveries.settled();
    const ofWrite = await Promise.all(deliveries.map((delivery) => readChangeEvent(delivery, storedSecret)));
    const eventsOfWrite = deliveries.map((delivery) => (JSON.parse(delivery.rawBody) as { events: { created_at: string }[] }).events);
    deliveries.length = 0;
    harness.timers.advance(1_000);
    await harness.adapter.addComment(key, { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Later' }] }] });
    await harness.emulator.hookDeliveries.settled();
    const ofComment = await Promise.all(deliveries.map((delivery) => readChangeEvent(delivery, storedSecret)));

    // One delivery for the one PUT, an event for each of its two fields, both of the write's instant.
    expect(ofWrite).toEqual([{ ok: true, value: { itemKeys: [key], updatedTimes: new Map([[key, written?.updated]]) } }]);
    expect(eventsOfWrite.map((events) => events.map((event) => event.created_at))).toEqual([[written?.updated, written?.updated]]);
    expect(ofComment.map((result) => (result.ok ? Date.parse(result.value.updatedTimes.get(key) ?? '') : 0))).toEqual([
      Date.parse(written?.updated ?? '') + 1_000,
    ]);
  });

  it('polls the Events API: 412 with a fresh token first, then the tasks changed since, then nothing', async () => {
    const first = await harness.adapter.pollEvents(roadmap, null);
    expect(first).toEqual({ kind: 'resync', sync: expect.any(String) });

    const { key } = await harness.adapter.createItem({ projectKey: roadmap, type: 'Task', summary: 'Polled' });
    harness.timers.advance(2_000);
    await harness.adapter.updateItem(key, { summary: 'Polled, edited' });
    const second = await harness.adapter.pollEvents(roadmap, first.sync);
    const third = await harness.adapter.pollEvents(roadmap, second.sync);

    // The creation's event and the edit's: the task's time is the edit's, the time the task has now.
    const edited = await harness.adapter.getItem(key);
    expect(second).toEqual({ kind: 'events', itemKeys: [key], updatedTimes: new Map([[key, edited?.updated]]), sync: expect.any(String), hasMore: false });
    expect(third).toMatchObject({ kind: 'events', itemKeys: [], updatedTimes: new Map() });
  });

  it('answers a token from before the kept events with 412 and a fresh token, so the caller reconciles', async () => {
    const stale = Buffer.from(`${roadmap}:0`).toString('hex');
    for (let index = 0; index < 1001; index += 1) harness.emulator.state.appendEvent(['1'], { action: 'changed' });

    await expect(harness.adapter.pollEvents(roadmap, stale)).resolves.toEqual({ kind: 'resync', sync: expect.any(String) });
  });
});
