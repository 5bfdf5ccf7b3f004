import Fastify from 'fastify';
import { ExalateError, richTextFromPlain, type TrackerItem } from '../../../core';
import { MemoryTracker } from '../../../test/fakes/memory-tracker';
import { freePort } from '../../../test/support/free-port';
import { startTestNode, type TestNode } from '../../../test/support/test-node';
import { waitFor } from '../../../test/support/wait-for';
import { SwitchableTracker } from '../../node/tracker-connection/switchable-tracker';
import { asanaAppComponentCall } from '../emulator/app-component-calls';
import { appComponentPaths, twinResourceUrl } from './app-component-addresses';
import { inProcessAdminCalls, type AdminCalls } from './admin-calls';
import { registerAsanaAppComponentRoutes } from './app-component-routes';
import { saveRuleAction } from './exalate-rule-action';
import { asanaSignatureHeader, signAsanaText } from './asana-request-signature';
import { trackerItem } from '../../../test/fakes/tracker-item';

const clientSecret = 'app-components-test-secret';
const fast = { reconcileIntervalMs: 100, pollWaitMs: 1000 };

jest.setTimeout(90_000);

function newTask(tracker: MemoryTracker, key: string, projectKey = 'SUP'): TrackerItem {
  const item = trackerItem({
    key,
    projectKey,
    summary: `Task ${key}`,
    description: richTextFromPlain('Printer on floor 3 jams'),
    url: `https://app.asana.com/0/0/${key}`,
  });
  tracker.items.set(key, item);
  return item;
}

/**
 * The node as Asana's app server, between two real nodes (Asana and Jira Cloud over one
 * connection): every request made as Asana makes it (signed with the app's client secret).
 */
describe("the Asana app server: Asana's app components on a task and in a rule", () => {
  let asana: MemoryTracker;
  let jira: MemoryTracker;
  let asanaNode: TestNode;
  let jiraNode: TestNode;
  let connectionId: string;
  let appServer: string;

  beforeAll(async () => {
    asana = new MemoryTracker('asana', [
      { key: 'SUP', name: 'Support' },
      { key: 'OPS', name: 'Operations' },
    ]);
    jira = new MemoryTracker('jira-cloud');
    const tracker = new SwitchableTracker({ kind: 'asana', asanaOAuth: { clientId: '1205', clientSecret, oauthUrl: 'https://app.asana.com' } }, asana);
    asanaNode = await startTestNode({ name: 'asana', isPublic: true, tracker, sync: fast });
    jiraNode = await startTestNode({ name: 'jira', isPublic: true, tracker: jira, sync: fast });
    appServer = asanaNode.nodeUrl ?? '';
    const initiated = await asanaNode.admin('POST', '/connections/initiate', {
      destinationUrl: jiraNode.nodeUrl,
      mode: 'script',
      localName: 'asana',
      remoteName: 'jira',
      name: 'Support desk',
      projectKey: 'SUP',
    });
    connectionId = initiated.body.connection.id;
    expect((await jiraNode.admin('POST', '/connections/accept', { invitationCode: initiated.body.invitationCode, projectKey: 'SUP' })).status).toBe(201);
    // The first script run starts the nodes' script workers (bundled from TypeScript on a cold start): done once here, not inside a test's wait.
    const warmUp = newTask(asana, 'SUP-100').key;
    expect((await asanaNode.admin('POST', `/connections/${connectionId}/sync`, { issueKey: warmUp })).status).toBe(202);
    await waitFor('the first sync', async () => (await asanaNode.admin('GET', `/items/${warmUp}`)).body.twins[0]?.status === 'synchronized', 60_000);
  });
  afterAll(async () => {
    await Promise.all([asanaNode.close(), jiraNode.close()]);
  });

  // Answers are read loosely on purpose: each test asserts the fields it cares about.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  type LooseAnswer = { status: number; body: any; headers: Headers };
  const send = async (call: { url: string; method: string; headers: Readonly<Record<string, string>>; body?: string | undefined }): Promise<LooseAnswer> => {
    const response = await fetch(call.url, { method: call.method, headers: call.headers, ...(call.body === undefined ? {} : { body: call.body }) });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined, headers: response.headers };
  };
  const asAsana = (method: 'GET' | 'POST', path: string, fields: Record<string, unknown>, secret = clientSecret, now?: number) =>
    asanaAppComponentCall(secret, { method, url: `${appServer}${path}`, fields: { workspace: '1205000000000001', user: '1205000000000002', ...fields } }, now);
  const twinsOf = async (key: string) =>
    (await asanaNode.admin('GET', `/items/${key}`)).body.twins as { connectionId: string; remoteKey: string | null; status: string }[];
  const synchronized = (key: string) =>
    waitFor(`${key} to be synchronized`, async () => (await twinsOf(key)).find((twin) => twin.status === 'synchronized'), 30_000);
  const submit = (task: string, values: Record<string, unknown>) => send(asAsana('POST', appComponentPaths.formSubmit, { task, values }));

  describe('requests not signed as Asana signs them', () => {
    it('are refused with 401 before anything is read: no signature, a wrong one, another secret, an expired one', async () => {
      const task = newTask(asana, 'SUP-101').key;
      const good = asAsana('POST', appComponentPaths.formSubmit, { task, values: { action: 'exalate', connection: connectionId } });
      const attempts = {
        unsigned: { ...good, headers: { 'content-type': 'application/json' } },
        wrongSignature: { ...good, headers: { ...good.headers, [asanaSignatureHeader]: signAsanaText(clientSecret, 'something else') } },
        otherSecret: asAsana('POST', appComponentPaths.formSubmit, { task, values: { action: 'exalate', connection: connectionId } }, 'another-apps-secret'),
        expired: asAsana(
          'POST',
          appComponentPaths.formSubmit,
          { task, values: { action: 'exalate', connection: connectionId } },
          clientSecret,
          Date.now() - 120_000,
        ),
        tampered: { ...good, body: good.body?.replace('exalate', 'unexalate') },
      };
      for (const [name, call] of Object.entries(attempts)) {
        const answer = await send(call);
        expect([name, answer.status]).toEqual([name, 401]);
        expect(typeof answer.body.error).toBe('string');
      }
      const widget = await send({
        ...asAsana('GET', appComponentPaths.widgetMetadata, { task, resource_url: twinResourceUrl(appServer, connectionId, task) }),
        headers: {},
      });
      expect(widget.status).toBe(401);
      // Nothing changed: the task syncs nowhere, and nothing waits to be sent.
      expect(await twinsOf(task)).toEqual([]);
      expect(
        await asanaNode.context.store.listQueue({ connectionId, direction: 'outbound', states: ['queued', 'in_flight', 'done'], limit: 100, itemKey: task }),
      ).toEqual([]);
    });

    it('refuses a replayed form submission (the same signed request again) with 401 and does not act twice', async () => {
      const task = newTask(asana, 'SUP-102').key;
      const call = asAsana('POST', appComponentPaths.formSubmit, { task, values: { action: 'exalate', connection: connectionId } });
      expect((await send(call)).status).toBe(200);
      await synchronized(task);
      const queuedBefore = await asanaNode.context.store.listQueue({
        connectionId,
        direction: 'outbound',
        states: ['queued', 'in_flight', 'done'],
        limit: 100,
        itemKey: task,
      });
      // Unexalated meanwhile: a replay of the old Exalate must not bring it back.
      expect((await send(asAsana('POST', appComponentPaths.formSubmit, { task, values: { action: 'unexalate', connection: connectionId } }))).status).toBe(200);

      const replayed = await send(call);

      expect(replayed.status).toBe(401);
      expect(replayed.body.error).toContain('used already');
      expect(await twinsOf(task)).toEqual([]);
      const queuedAfter = await asanaNode.context.store.listQueue({
        connectionId,
        direction: 'outbound',
        states: ['queued', 'in_flight', 'done'],
        limit: 100,
        itemKey: task,
      });
      expect(queuedAfter.filter((entry) => entry.envelope.kind === 'change')).toHaveLength(
        queuedBefore.filter((entry) => entry.envelope.kind === 'change').length,
      );
    });

    it("answers CORS for Asana's origin only", async () => {
      const preflight = (origin: string) =>
        fetch(`${appServer}${appComponentPaths.formSubmit}`, {
          method: 'OPTIONS',
          headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': `content-type, ${asanaSignatureHeader}` },
        });
      const fromAsana = await preflight('https://app.asana.com');
      expect(fromAsana.status).toBe(204);
      expect(fromAsana.headers.get('access-control-allow-origin')).toBe('https://app.asana.com');
      expect(fromAsana.headers.get('access-control-allow-headers')).toContain(asanaSignatureHeader);
      const fromElsewhere = await preflight('https://evil.example');
      expect(fromElsewhere.headers.get('access-control-allow-origin')).toBeNull();
      const task = newTask(asana, 'SUP-103').key;
      const call = asAsana('GET', appComponentPaths.formMetadata, { task });
      const read = await fetch(call.url, { headers: { ...call.headers, origin: 'https://app.asana.com' } });
      expect(read.headers.get('access-control-allow-origin')).toBe('https://app.asana.com');
    });
  });

  describe('the widget', () => {
    it('shows a synced task with its twin, Synchronized, the connection and when it last synced; the link opens the twin', async () => {
      const task = newTask(asana, 'SUP-110').key;
      expect((await asanaNode.admin('POST', `/connections/${connectionId}/sync`, { issueKey: task })).status).toBe(202);
      const twin = await synchronized(task);

      const widget = await send(
        asAsana('GET', appComponentPaths.widgetMetadata, {
          task,
          resource_url: twinResourceUrl(appServer, connectionId, task),
          attachment: '1205000000000999',
        }),
      );

      expect(widget.status).toBe(200);
      expect(widget.body).toMatchObject({
        template: 'summary_with_details_v0',
        metadata: {
          title: twin.remoteKey,
          subtitle: 'Exalate · Support desk',
          fields: [
            { type: 'pill', name: 'Status', text: 'Synchronized', color: 'green' },
            { type: 'text_with_icon', name: 'Remote item', text: twin.remoteKey },
            { type: 'text_with_icon', name: 'Connection', text: 'Support desk' },
            { type: 'datetime_with_icon', name: 'Last synced', datetime: expect.any(String) },
          ],
          footer: { footer_type: 'updated', last_updated_at: expect.any(String) },
        },
      });
      const link = await fetch(twinResourceUrl(appServer, connectionId, task), { redirect: 'manual' });
      expect(link.status).toBe(302);
      expect(link.headers.get('location')).toContain(String(twin.remoteKey));
    });

    it('answers the unsigned twin link from its own records: links to tasks it does not know cost no Asana call', async () => {
      const reads = jest.spyOn(asana, 'getItem');
      try {
        for (let attempt = 0; attempt < 5; attempt++) {
          const link = await fetch(twinResourceUrl(appServer, connectionId, '1205999999999999'), { redirect: 'manual' });
          expect(link.status).toBe(404);
        }
        expect(reads.mock.calls.filter(([key]) => key === '1205999999999999')).toEqual([]);
      } finally {
        reads.mockRestore();
      }
    });

    it('shows a task that does not sync (any more) on the connection as Not synced, and says how to sync it', async () => {
      const task = newTask(asana, 'SUP-111').key;
      const widget = await send(asAsana('GET', appComponentPaths.widgetMetadata, { task, resource_url: twinResourceUrl(appServer, connectionId, task) }));
      expect(widget.status).toBe(200);
      expect(widget.body.metadata).toMatchObject({
        title: 'Not synced',
        fields: [{ type: 'pill', text: 'Not synced' }, { text: 'Support desk' }],
        footer: { footer_type: 'custom_text', text: expect.stringContaining('Exalate it again') },
      });
    });

    it("refuses an attachment that names another task's twin", async () => {
      const task = newTask(asana, 'SUP-112').key;
      const widget = await send(asAsana('GET', appComponentPaths.widgetMetadata, { task, resource_url: twinResourceUrl(appServer, connectionId, 'SUP-110') }));
      expect(widget.status).toBe(400);
      expect(widget.body.error).toContain('not an Exalate twin of this task');
    });
  });

  describe('the modal form "Exalate this task"', () => {
    it('offers the connection whose project the task is in, and Exalates it through it', async () => {
      const task = newTask(asana, 'SUP-120').key;
      const form = await send(asAsana('GET', appComponentPaths.formMetadata, { task }));
      expect(form.status).toBe(200);
      expect(form.body.metadata.title).toBe('Exalate this task');
      expect(form.body.metadata.on_submit_callback).toBe(`${appServer}${appComponentPaths.formSubmit}`);
      expect(form.body.metadata.fields).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ id: 'action', type: 'radio_button', value: 'exalate', is_watched: true }),
          expect.objectContaining({ id: 'connection', type: 'dropdown', options: [{ id: connectionId, label: 'Support desk' }], value: connectionId }),
        ]),
      );

      const submitted = await submit(task, { action: 'exalate', connection: connectionId });

      expect(submitted.status).toBe(200);
      expect(submitted.body).toEqual({ resource_name: expect.stringContaining('Support desk'), resource_url: twinResourceUrl(appServer, connectionId, task) });
      const twin = await synchronized(task);
      expect(jira.items.get(String(twin.remoteKey))?.summary).toBe(`Task ${task}`);
    });

    it('offers no connection to a task outside every connection’s scope, says why, and cannot be submitted', async () => {
      const task = newTask(asana, 'OPS-1', 'OPS').key;
      const form = await send(asAsana('GET', appComponentPaths.formMetadata, { task }));
      expect(form.status).toBe(200);
      expect(form.body.metadata.on_submit_callback).toBeUndefined();
      const action = form.body.metadata.fields.find((field: { id: string }) => field.id === 'action');
      expect(action.error).toContain('No active connection covers project OPS');
      expect(form.body.metadata.fields.some((field: { id: string }) => field.id === 'connection')).toBe(false);

      const forced = await submit(task, { action: 'exalate', connection: connectionId });
      expect(forced.status).toBe(400);
      expect(await twinsOf(task)).toEqual([]);
    });

    it('follows the chosen action (on change): Connect asks for the remote key', async () => {
      const task = newTask(asana, 'SUP-121').key;
      const changed = await send(
        asAsana('POST', appComponentPaths.formChange, { task, changed_field: 'action', values: { action: 'connect', connection: connectionId } }),
      );
      expect(changed.status).toBe(200);
      expect(changed.body.metadata.fields).toEqual(
        expect.arrayContaining([expect.objectContaining({ id: 'remote_key', type: 'single_line_text', is_required: true })]),
      );
    });

    it('Connects two existing items, and answers 409 changing nothing for a remote key already twinned', async () => {
      const remote = await jira.createItem({ projectKey: 'SUP', type: 'Task', summary: 'Existing Jira issue' });
      const task = newTask(asana, 'SUP-130').key;
      const other = newTask(asana, 'SUP-131').key;

      const connected = await submit(task, { action: 'connect', connection: connectionId, remote_key: remote.key });
      expect(connected.status).toBe(200);
      expect(connected.body.resource_name).toContain(remote.key);
      await waitFor(
        'the twins on both sides',
        async () =>
          (await twinsOf(task)).some((twin) => twin.remoteKey === remote.key) &&
          (await jiraNode.admin('GET', `/items/${remote.key}`)).body.twins.some((twin: { remoteKey: string }) => twin.remoteKey === task),
      );

      const again = await submit(other, { action: 'connect', connection: connectionId, remote_key: remote.key });

      expect(again.status).toBe(409);
      const field = again.body.metadata.fields.find((candidate: { id: string }) => candidate.id === 'remote_key');
      expect(field.error).toContain('already connected');
      expect(await twinsOf(other)).toEqual([]);
      expect((await twinsOf(task)).map((twin) => twin.remoteKey)).toEqual([remote.key]);
    });

    it('asks for the remote key when Connect has none, and changes nothing', async () => {
      const task = newTask(asana, 'SUP-132').key;
      const answer = await submit(task, { action: 'connect', connection: connectionId, remote_key: '  ' });
      expect(answer.status).toBe(400);
      expect(answer.body.metadata.fields.find((field: { id: string }) => field.id === 'remote_key').error).toBe(
        'Type the key of the item to connect this task to.',
      );
      expect(await twinsOf(task)).toEqual([]);
    });

    it('Unexalates: the task stops syncing and both items stay; a second Unexalate changes nothing', async () => {
      const task = newTask(asana, 'SUP-140').key;
      expect((await submit(task, { action: 'exalate', connection: connectionId })).status).toBe(200);
      const twin = await synchronized(task);

      expect((await submit(task, { action: 'unexalate', connection: connectionId })).status).toBe(200);
      const second = await submit(task, { action: 'unexalate', connection: connectionId });

      expect(second.status).toBe(400);
      expect(await twinsOf(task)).toEqual([]);
      expect(asana.items.has(task)).toBe(true);
      expect(jira.items.has(String(twin.remoteKey))).toBe(true);
    });
  });

  describe('the rule action "Exalate with connection"', () => {
    it("offers the active connections, keeps the rule's choice, and exalates the task the rule runs on, once per idempotency key", async () => {
      const metadata = await send(asAsana('GET', appComponentPaths.ruleActionMetadata, { project: 'SUP', action_type: 'exalate-with-connection' }));
      expect(metadata.status).toBe(200);
      expect(metadata.body.metadata).toMatchObject({
        title: 'Exalate with connection',
        fields: [{ id: 'connection', type: 'dropdown', options: [{ id: connectionId, label: 'Support desk' }] }],
      });
      const saved = await send(
        asAsana('POST', appComponentPaths.ruleActionSubmit, {
          action: '1205000000005555',
          action_type: 'exalate-with-connection',
          project: 'SUP',
          rule_name: 'Escalate',
          values: { connection: connectionId },
        }),
      );
      expect(saved.status).toBe(200);

      const task = newTask(asana, 'SUP-150').key;
      const run = () =>
        send(
          asAsana('POST', appComponentPaths.ruleActionRun, {
            action: '1205000000005555',
            action_type: 'exalate-with-connection',
            project: 'SUP',
            target_object: task,
            idempotency_key: 'run-150',
          }),
        );
      const first = await run();
      expect(first).toMatchObject({ status: 200, body: { action_result: 'ok' } });
      await synchronized(task);
      const changes = async () =>
        (
          await asanaNode.context.store.listQueue({ connectionId, direction: 'outbound', states: ['queued', 'in_flight', 'done'], limit: 100, itemKey: task })
        ).filter((entry) => entry.envelope.kind === 'change').length;
      const sent = await changes();

      // Asana retries with a new signature and the same key: answered as before, run once.
      const retried = await run();
      expect(retried).toMatchObject({ status: 200, body: { action_result: 'ok' } });
      expect(await changes()).toBe(sent);
    });

    it('answers 410 for a rule action this node never saved (Asana then turns it off)', async () => {
      const task = newTask(asana, 'SUP-151').key;
      const run = await send(asAsana('POST', appComponentPaths.ruleActionRun, { action: 'never-saved', target_object: task, idempotency_key: 'run-151' }));
      expect(run.status).toBe(410);
      expect(await twinsOf(task)).toEqual([]);
    });

    it('answers 404 for a task it cannot read, keeping the rule (410 would turn it off)', async () => {
      const run = await send(
        asAsana('POST', appComponentPaths.ruleActionRun, { action: '1205000000005555', target_object: 'SUP-404', idempotency_key: 'run-404' }),
      );
      expect(run.status).toBe(404);
      expect(run.body.error).toContain('SUP-404');
    });

    it('refuses to save a rule with a connection that is not offered', async () => {
      const saved = await send(asAsana('POST', appComponentPaths.ruleActionSubmit, { action: '1205000000006666', values: { connection: 'con_unknown' } }));
      expect(saved.status).toBe(400);
      expect(saved.body.metadata.fields[0].error).toBe('Choose one of the connections offered here.');
    });
  });

  it("answers a submission within Asana's 10 seconds even when the node is slow, saying it is still at work", async () => {
    const app = Fastify({ forceCloseConnections: true });
    app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => done(null, body));
    const hanging = { call: () => new Promise<never>(() => undefined) };
    registerAsanaAppComponentRoutes(app, { context: asanaNode.context, clientSecret, admin: hanging, answerBudgetMs: 300 });
    const port = await freePort();
    await app.listen({ port, host: '127.0.0.1' });
    try {
      const call = asanaAppComponentCall(clientSecret, {
        method: 'POST',
        url: `http://127.0.0.1:${port}${appComponentPaths.formSubmit}`,
        fields: { task: 'SUP-160', values: { action: 'exalate', connection: connectionId } },
      });
      const started = Date.now();
      const answer = await send(call);
      console.log(`slow submission answered after ${Date.now() - started} ms (budget 300 ms; Asana waits 10 000 ms)`);
      expect(answer.status).toBe(503);
      expect(answer.body.error).toContain('still working on this task');
    } finally {
      await app.close();
    }
  });

  it('runs a rule once when Asana retries it while the first run is still at work', async () => {
    const app = Fastify({ forceCloseConnections: true });
    app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => done(null, body));
    const node = inProcessAdminCalls(asanaNode.context);
    let exalations = 0;
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    // The node's own admin calls, with Exalate held until the test lets it finish.
    const slowExalate: AdminCalls = {
      call: async (method, path, request, answer) => {
        if (method === 'POST' && path === '/connections/{id}/sync') {
          exalations += 1;
          await gate;
        }
        return node.call(method, path, request, answer);
      },
    };
    registerAsanaAppComponentRoutes(app, { context: asanaNode.context, clientSecret, admin: slowExalate, answerBudgetMs: 300 });
    await saveRuleAction(asanaNode.context.store, '1205000000007777', connectionId);
    const task = newTask(asana, 'SUP-170').key;
    const port = await freePort();
    await app.listen({ port, host: '127.0.0.1' });
    const run = () =>
      send(
        asanaAppComponentCall(clientSecret, {
          method: 'POST',
          url: `http://127.0.0.1:${port}${appComponentPaths.ruleActionRun}`,
          fields: { action: '1205000000007777', action_type: 'exalate-with-connection', target_object: task, idempotency_key: 'run-170' },
        }),
      );
    try {
      expect((await run()).status).toBe(503);
      expect((await run()).status).toBe(503);
      release();
      await waitFor('the retried run to be answered', async () => {
        const answer = await run();
        return answer.status === 200 && answer.body.action_result === 'ok';
      });
      expect(exalations).toBe(1);
    } finally {
      await app.close();
    }
  });

  it("answers a failure it did not expect in Asana's error shape, with words the person can act on", async () => {
    const app = Fastify({ forceCloseConnections: true });
    app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => done(null, body));
    const broken = { call: () => Promise.reject(new Error('the store went away')) };
    registerAsanaAppComponentRoutes(app, { context: asanaNode.context, clientSecret, admin: broken });
    const port = await freePort();
    await app.listen({ port, host: '127.0.0.1' });
    try {
      const call = asanaAppComponentCall(clientSecret, {
        method: 'POST',
        url: `http://127.0.0.1:${port}${appComponentPaths.formSubmit}`,
        fields: { task: 'SUP-161', values: { action: 'exalate', connection: connectionId } },
      });
      const answer = await send(call);
      expect(answer.status).toBe(500);
      expect(typeof answer.body.error).toBe('string');
      expect(answer.body.error).toContain('try again');
    } finally {
      await app.close();
    }
  });

  it('is not served when the node has no Asana app secret', async () => {
    const plain = await startTestNode({ name: 'asana-no-app', isPublic: true, tracker: new MemoryTracker('asana') });
    try {
      const answer = await fetch(`${plain.nodeUrl}${appComponentPaths.formMetadata}?task=1`);
      expect(answer.status).toBe(404);
    } finally {
      await plain.close();
    }
  });

  it('maps an unexpected failure to words a person can act on', () => {
    expect(ExalateError.from(new Error('boom')).message).toContain('try again');
  });
});
