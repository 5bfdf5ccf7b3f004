import { adminOperations, resolverKey, richTextFromPlain, signatureHeader } from '../../../core';
import { MemoryTracker } from '../../../test/fakes/memory-tracker';
import { startTestNode, type TestNode } from '../../../test/support/test-node';
import { waitFor } from '../../../test/support/wait-for';
import { startEmulatorServer, type RunningEmulatorServer } from '../../emulator-kit';
import { JiraCloudAdapter } from '../adapter';
import { createJiraCloudEmulator } from '../emulator';
import { adminResolver, exchangeWebTrigger, issueEventTrigger, scheduledReconciler, workConsumer } from './index';
import { forgeApiState, pushedEvents } from './testing/forge-sdk-fakes';
import { fakeKvs } from './testing/fake-forge-kvs';
import { serveWebTrigger, type WebTriggerServer } from './testing/web-trigger-server';

jest.mock('@forge/kvs', () => ({ kvs: jest.requireActual('./testing/fake-forge-kvs').fakeKvs.kvs }));
jest.mock('@forge/api', () => jest.requireActual('./testing/forge-sdk-fakes').forgeApiModule);
jest.mock('@forge/events', () => jest.requireActual('./testing/forge-sdk-fakes').forgeEventsModule);

/** Invokes a resolver as the Custom UI's `invoke(key, payload)` does from the admin page. */
// Answers are read loosely on purpose: each test asserts the fields it cares about.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function invoke(functionKey: string, payload: unknown = {}, moduleKey = 'exalate-admin'): Promise<any> {
  return adminResolver({ call: { functionKey, payload }, context: { moduleKey } });
}

/** Hands every pushed async event to the consumer, as Forge would, until none is left. */
async function drainWorkQueue(): Promise<number> {
  let handled = 0;
  while (pushedEvents.length > 0) {
    const event = pushedEvents.shift()!;
    await workConsumer({ body: event.body, queueName: event.queue, jobId: 'job', eventId: `event-${handled}` });
    handled += 1;
  }
  return handled;
}

describe('Exalate as a Forge app, against a Jira Cloud emulator and a private node', () => {
  let jira: RunningEmulatorServer;
  let jiraAdapter: JiraCloudAdapter;
  let trigger: WebTriggerServer;
  let node: TestNode;
  let ado: MemoryTracker;

  beforeAll(async () => {
    // The app logs JSON lines for `forge logs`; here they would only hide the test report.
    for (const level of ['log', 'warn'] as const) jest.spyOn(console, level).mockImplementation(() => undefined);
    fakeKvs.reset();
    const emulator = createJiraCloudEmulator();
    jira = await startEmulatorServer(emulator.routes, { prefix: '/site' });
    forgeApiState.jiraSiteUrl = jira.mountUrl;
    forgeApiState.jiraAuthorization = emulator.authorization;
    jiraAdapter = new JiraCloudAdapter({ baseUrl: jira.mountUrl, authorization: emulator.authorization });
    trigger = await serveWebTrigger(exchangeWebTrigger);
    forgeApiState.webTriggerUrl = trigger.url;
    ado = new MemoryTracker('azure-devops');
    node = await startTestNode({ name: 'ado', isPublic: false, tracker: ado, sync: { reconcileIntervalMs: 200, pollWaitMs: 25_000 } });
  });
  afterAll(async () => {
    await node.close();
    await trigger.close();
    await jira.close();
  });

  it('answers every admin operation of core’s table under its resolver key', async () => {
    const keys = adminOperations.map(resolverKey);
    expect(keys).toContain('GET /connections');
    for (const key of keys.filter((each) => each.startsWith('GET '))) {
      const answer = await invoke(key, { params: { id: 'con_missing', issueKey: 'SUP-1' } });
      // Every key exists; the ones about a connection refuse the unknown one in the node's words.
      if (key.includes('{id}')) expect(answer.error).toMatchObject({ code: 'not_found' });
    }
    expect(await invoke('GET /projects')).toEqual(expect.arrayContaining([{ key: 'SUP', name: 'Customer Support' }]));
    expect(await invoke('GET /instance')).toMatchObject({
      tracker: 'jira-cloud',
      isPublic: true,
      nodeUrl: trigger.url,
      instanceUrl: expect.stringContaining('/site'),
    });
  });

  it('refuses calls that do not come from its admin pages, and reads bodies by the node’s rules', async () => {
    expect(await invoke('GET /connections', {}, 'some-other-module')).toEqual({
      error: { code: 'forbidden', message: expect.stringContaining('admin pages') },
    });
    const invalid = await invoke('POST /connections/initiate', {
      body: { destinationUrl: null, mode: 'script', localName: '', remoteName: 'ado', name: 'x', projectKey: 'SUP' },
    });
    expect(invalid.error.code).toBe('invalid_request');
  });

  it('initiates from Jira, is accepted by a private node through the web trigger, and syncs both ways', async () => {
    const initiated = await invoke('POST /connections/initiate', {
      body: { destinationUrl: null, mode: 'script', localName: 'jira', remoteName: 'ado', name: 'jira_to_ado', projectKey: 'SUP' },
    });
    expect(initiated.connection).toMatchObject({ status: 'pending', destination: 'unknown' });
    const connectionId: string = initiated.connection.id;

    const accepted = await node.admin('POST', '/connections/accept', { invitationCode: initiated.invitationCode, projectKey: 'SUP' });
    expect(accepted.status).toBe(201);
    expect(accepted.body.connection).toMatchObject({ status: 'active', destination: trigger.url });
    expect((await invoke(`GET /connections/{id}`, { params: { id: connectionId } })).status).toBe('active');

    // A new Jira issue, announced by Forge's product event, reaches the private side by its polls.
    await invoke('POST /connections/{id}/triggers', { params: { id: connectionId }, body: { query: 'project = SUP', active: true } });
    const created = await jiraAdapter.createItem({
      projectKey: 'SUP',
      type: 'Task',
      summary: 'Printer on fire',
      description: richTextFromPlain('Smoke from tray 2'),
    } as never);
    expect(await issueEventTrigger({ eventType: 'avi:jira:created:issue', issue: { id: '1', key: created.key }, selfGenerated: false })).toBe(1);
    const arrived = await waitFor('the issue on the private side', () => [...ado.items.values()].find((item) => item.summary === 'Printer on fire'));
    // The private side pushes its receipt to the web trigger, which queues a sync pass to apply it.
    await waitFor('the receipt to mark the twin synchronized', async () => {
      await drainWorkQueue();
      return (await invoke('GET /connections/{id}/twins/{issueKey}', { params: { id: connectionId, issueKey: created.key } })).status === 'synchronized';
    });

    // A change on the private side travels the same way: pushed to the web trigger, applied by a sync pass.
    ado.edit(arrived.key, { summary: 'Printer on fire (tray 2)' });
    await waitFor('the delivery to be queued for a sync pass', () => pushedEvents.some((event) => event.body['type'] === 'sync-pass'));
    await waitFor('the rename to reach Jira', async () => {
      await drainWorkQueue();
      return (await jiraAdapter.getItem(created.key))?.summary === 'Printer on fire (tray 2)';
    });

    // Jira reports the app's own write as a self-generated event: nothing is queued for it.
    expect(await issueEventTrigger({ eventType: 'avi:jira:updated:issue', issue: { id: '1', key: created.key }, selfGenerated: true })).toBe(0);
  });

  it('runs a bulk sync page by page through the async-events queue, reporting progress as core does', async () => {
    const connections = await invoke('GET /connections');
    const connectionId: string = connections[0].id;
    for (let index = 0; index < 3; index++)
      await jiraAdapter.createItem({ projectKey: 'DEV', type: 'Task', summary: `Backlog ${index}`, description: richTextFromPlain('') } as never);
    pushedEvents.length = 0;
    expect(await invoke('POST /connections/{id}/bulk-sync', { params: { id: connectionId }, body: { query: 'project = DEV' } })).toEqual({
      started: true,
      queries: ['project = DEV'],
    });
    expect(pushedEvents.map((event) => event.body['type'])).toEqual(['bulk-sync', 'sync-pass']);
    expect(pushedEvents[0]?.concurrency).toEqual({ key: `bulk-sync-${connectionId.replace(/[^A-Za-z0-9-]/g, '-')}`, limit: 1 });
    await drainWorkQueue();
    expect(await invoke('GET /connections/{id}/bulk-sync', { params: { id: connectionId } })).toMatchObject({
      state: 'finished',
      query: 'project = DEV',
      found: 3,
      queued: 3,
    });
    await waitFor('the backlog on the private side', () => [...ado.items.values()].filter((item) => item.summary.startsWith('Backlog')).length === 3);
  });

  it('refuses an unsigned peer message and an unknown path, in the admin API’s error shape', async () => {
    const unsigned = await fetch(`${trigger.url}/exchange/v1/connections/con_x/messages`, {
      method: 'POST',
      body: JSON.stringify({ type: 'ping' }),
      headers: { 'content-type': 'application/json' },
    });
    expect(unsigned.status).toBe(401);
    expect(await unsigned.json()).toMatchObject({ error: { code: 'unauthorized' } });
    const forged = await fetch(`${trigger.url}/exchange/v1/connections/con_x/messages`, {
      method: 'POST',
      body: '{"type":"ping"}',
      headers: { [signatureHeader]: 'e30.e30.c2ln' },
    });
    expect(forged.status).toBe(401);
    const unknown = await fetch(`${trigger.url}/admin`);
    expect(unknown.status).toBe(404);
    const info = await (await fetch(`${trigger.url}/exchange/v1/info`)).json();
    expect(info).toMatchObject({ product: 'exalate-open', tracker: 'jira-cloud', nodeUrl: trigger.url, modes: ['basic', 'visual', 'script'] });
  });

  it('reconciles on the schedule and starts a sync pass', async () => {
    pushedEvents.length = 0;
    await scheduledReconciler();
    expect(pushedEvents.map((event) => event.body['type'])).toContain('sync-pass');
  });
});
