import Fastify from 'fastify';
import { checkResponseAgainstSpec } from '../../test/spec/openapi-validator';
import { readChangeEvent } from './change-intake';
import { startAzureDevOpsHarness, type AzureDevOpsHarness } from '../../test/support/azure-devops-harness';

const basic = (user: string, password: string): string => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

describe('Azure DevOps service hooks: registration, delivery and readChangeEvent', () => {
  let harness: AzureDevOpsHarness;
  const received: { headers: Record<string, string | string[] | undefined>; rawBody: string }[] = [];
  const receiver = Fastify();
  let callbackUrl: string;

  beforeAll(async () => {
    harness = await startAzureDevOpsHarness();
    receiver.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => done(null, body));
    receiver.post('/hooks/azure-devops', async (request, reply) => {
      received.push({ headers: request.headers, rawBody: String(request.body) });
      return reply.code(200).send();
    });
    await receiver.listen({ host: '127.0.0.1', port: 0 });
    const address = receiver.server.address();
    callbackUrl = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}/hooks/azure-devops`;
  });
  afterAll(async () => {
    await receiver.close();
    await harness.close();
  });
  afterEach(() => harness.checks.assertExchangesMatchSpec());

  it('subscribes to created, updated and commented events, and each delivery names the work item', async () => {
    const { subscriptionIds } = await harness.adapter.registerChangeHook(callbackUrl, 'hook-secret-1');
    expect(subscriptionIds).toHaveLength(3);

    const { key } = await harness.adapter.createItem({ projectKey: 'Contoso Web', type: 'Task', summary: 'Hooked' });
    // The adapter's `updated` after each change: what the node keeps as the time of its own write.
    const createdAt = (await harness.adapter.getItem(key))?.updated;
    harness.timers.advance(1_500);
    await harness.adapter.updateItem(key, { summary: 'Hooked, edited' });
    const editedAt = (await harness.adapter.getItem(key))?.updated;
    await harness.adapter.addComment(key, { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Hi' }] }] });
    await harness.emulator.hookDeliveries.settled();

    expect(createdAt).not.toEqual(editedAt);
    const events = received.map((delivery) => readChangeEvent(delivery, 'hook-secret-1'));
    // A creation and an update carry the work item's System.ChangedDate after the change; a comment event is judged by a read.
    expect(events).toEqual([
      { ok: true, value: { itemKeys: [key], updatedTimes: new Map([[key, createdAt]]) } },
      { ok: true, value: { itemKeys: [key], updatedTimes: new Map([[key, editedAt]]) } },
      { ok: true, value: { itemKeys: [key] } },
    ]);
    expect(received.map((delivery) => (JSON.parse(delivery.rawBody) as { eventType: string }).eventType)).toEqual([
      'workitem.created',
      'workitem.updated',
      'workitem.commented',
    ]);
    expect(received[0]?.headers['authorization']).toBe(basic('exalate', 'hook-secret-1'));
  });

  it('keeps every event it sent, in the Notification shape of the service hooks document', async () => {
    const list = await fetch(`${harness.organizationUrl}/_apis/hooks/subscriptions?api-version=7.1`, {
      headers: { Authorization: harness.emulator.authorization },
    });
    const subscriptions = (await list.json()) as { value: { id: string; eventType: string; consumerInputs: Record<string, string> }[] };
    const updated = subscriptions.value.find((subscription) => subscription.eventType === 'workitem.updated');
    expect(updated?.consumerInputs['basicAuthPassword']).toBe('********');

    const response = await fetch(`${harness.organizationUrl}/_apis/hooks/subscriptions/${updated?.id ?? ''}/notifications?api-version=7.1`, {
      headers: { Authorization: harness.emulator.authorization },
    });
    const body: unknown = await response.json();

    expect(
      checkResponseAgainstSpec('azure-devops-serviceHooks.7.1', {
        method: 'GET',
        path: `/acme/_apis/hooks/subscriptions/${updated?.id ?? ''}/notifications`,
        status: response.status,
        body,
      }),
    ).toMatchObject({ outcome: 'valid' });
    expect(body).toMatchObject({
      count: 1,
      value: [
        {
          eventType: 'workitem.updated',
          details: { event: { resource: { workItemId: expect.any(Number), fields: { 'System.Title': { oldValue: 'Hooked', newValue: 'Hooked, edited' } } } } },
        },
      ],
    });
  });

  it('refuses a delivery without the secret, or with another one', () => {
    const body = JSON.stringify({ eventType: 'workitem.created', resource: { id: 7 } });

    expect(readChangeEvent({ headers: {}, rawBody: body }, 'secret')).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(readChangeEvent({ headers: { Authorization: basic('exalate', 'guess') }, rawBody: body }, 'secret')).toMatchObject({
      ok: false,
      error: { code: 'unauthorized' },
    });
    expect(readChangeEvent({ headers: { Authorization: basic('anyone', 'secret') }, rawBody: new TextEncoder().encode(body) }, 'secret')).toEqual({
      ok: true,
      value: { itemKeys: ['7'] },
    });
  });

  it('reads the work item of an update from workItemId (the update has its own id), and ignores other events', () => {
    const headers = { authorization: basic('exalate', 's') };
    const update = JSON.stringify({ eventType: 'workitem.updated', resource: { id: 3, workItemId: 42, rev: 3, fields: {} } });
    const build = JSON.stringify({ eventType: 'build.complete', resource: { id: 9 } });

    expect(readChangeEvent({ headers, rawBody: update }, 's')).toEqual({ ok: true, value: { itemKeys: ['42'] } });
    expect(readChangeEvent({ headers, rawBody: build }, 's')).toEqual({ ok: true, value: { itemKeys: [] } });
    expect(readChangeEvent({ headers, rawBody: '<html>' }, 's')).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
  });

  describe('the work item’s System.ChangedDate, when the event carries it', () => {
    const headers = { authorization: basic('exalate', 's') };
    const changedDate = '2026-12-07T05:00:00.12Z';
    const read = (event: Record<string, unknown>) => readChangeEvent({ headers, rawBody: JSON.stringify(event) }, 's');

    it('reads an update’s time from its revision, not from the changed fields’ old and new values', () => {
      const update = {
        eventType: 'workitem.updated',
        resource: {
          id: 3,
          workItemId: 42,
          fields: { 'System.ChangedDate': { oldValue: '2026-12-07T04:00:00Z', newValue: changedDate } },
          revision: { id: 42, rev: 3, fields: { 'System.ChangedDate': changedDate } },
        },
      };
      expect(read(update)).toEqual({ ok: true, value: { itemKeys: ['42'], updatedTimes: new Map([['42', changedDate]]) } });
    });

    it('reads a creation’s time from the work item it carries', () => {
      expect(read({ eventType: 'workitem.created', resource: { id: 7, fields: { 'System.ChangedDate': changedDate } } })).toEqual({
        ok: true,
        value: { itemKeys: ['7'], updatedTimes: new Map([['7', changedDate]]) },
      });
    });

    it('takes no time from a comment, a deletion or a restore: the tracker is asked', () => {
      for (const eventType of ['workitem.commented', 'workitem.deleted', 'workitem.restored']) {
        expect(read({ eventType, resource: { id: 7, fields: { 'System.ChangedDate': changedDate } } })).toEqual({ ok: true, value: { itemKeys: ['7'] } });
      }
    });

    it('leaves the time out, and still names the work item, when it is missing or is not a time', () => {
      for (const fields of [undefined, null, {}, { 'System.ChangedDate': 1796619600000 }, { 'System.ChangedDate': 'soon' }, 'fields']) {
        const revision = { id: 42, ...(fields === undefined ? {} : { fields }) };
        expect(read({ eventType: 'workitem.updated', resource: { id: 3, workItemId: 42, revision } })).toEqual({ ok: true, value: { itemKeys: ['42'] } });
        expect(read({ eventType: 'workitem.created', resource: { id: 42, ...(fields === undefined ? {} : { fields }) } })).toEqual({
          ok: true,
          value: { itemKeys: ['42'] },
        });
      }
    });

    it('takes no time from a delivery without the secret, nor from one that names no work item', () => {
      const body = JSON.stringify({ eventType: 'workitem.created', resource: { id: 7, fields: { 'System.ChangedDate': changedDate } } });
      expect(readChangeEvent({ headers: { authorization: basic('exalate', 'guess') }, rawBody: body }, 's')).toMatchObject({ ok: false });
      expect(read({ eventType: 'workitem.created', resource: { id: 'x', fields: { 'System.ChangedDate': changedDate } } })).toEqual({
        ok: true,
        value: { itemKeys: [] },
      });
    });
  });

  it('never holds up the API call that caused an event: a dead receiver costs nothing', async () => {
    await harness.adapter.registerChangeHook('http://127.0.0.1:9/nobody-listens', 'x');

    await expect(harness.adapter.createItem({ projectKey: 'Platform', type: 'Task', summary: 'Fire and forget' })).resolves.toMatchObject({
      key: expect.any(String),
    });
    await harness.emulator.hookDeliveries.settled();
    expect(harness.emulator.hookDeliveries.attempts.some((attempt) => attempt.url.includes(':9/') && typeof attempt.outcome === 'string')).toBe(true);
  });
});
