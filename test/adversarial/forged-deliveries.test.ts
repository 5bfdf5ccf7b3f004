import { createHmac } from 'node:crypto';
import { richTextFromPlain, writeSecretSetting, type Connection, type TrackerItem, type TrackerKind } from '../../core';
import { connectionRecord } from '../fakes/connection-record';
import { MemoryTracker } from '../fakes/memory-tracker';
import { trackerItem } from '../fakes/tracker-item';
import { startTestNode, type TestNode } from '../support/test-node';
import { waitFor } from '../support/wait-for';

/**
 * Forged deliveries to the node's change-hook route (`POST /hooks/change`), one class of forgery
 * at a time, for each tracker that signs with a secret the node holds: Jira Cloud (X-Hub-Signature
 * or an HS256 JWT), Jira Server/DC (X-Hub-Signature) and Azure DevOps (the service hook's basic-auth
 * password). A forged delivery is answered 401 and queues nothing; a genuine one sent after it
 * is queued, which is the barrier that shows the forged one had its chance and did nothing.
 * Asana's route, whose secrets come from its own handshake, is attacked in
 * test/security/asana-webhook-trust.test.ts.
 */
const secret = 'hook-secret-0123456789abcdefghij';
/** Same length as the secret, one character different: a comparison of lengths alone lets it in. */
const nearMiss = `${secret.slice(0, -1)}k`;

const hubSignature = (body: string, key = secret) => `sha256=${createHmac('sha256', key).update(body).digest('hex')}`;
function jwt(claims: Record<string, unknown>, key = secret, header: Record<string, unknown> = { alg: 'HS256', typ: 'JWT' }): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${encode(header)}.${encode(claims)}`;
  return `${unsigned}.${createHmac('sha256', key).update(unsigned).digest('base64url')}`;
}
const basic = (password: string) => `Basic ${Buffer.from(`azure-devops:${password}`).toString('base64')}`;
const nowSeconds = () => Math.floor(Date.now() / 1000);

interface TrackerCase {
  readonly kind: TrackerKind;
  readonly keys: readonly [string, string, string];
  readonly trigger: string;
  body(key: string): string;
  genuine(body: string): Record<string, string>;
  readonly forgeries: readonly (readonly [string, (body: string, otherBody: string) => Record<string, string>])[];
}

const jiraBody = (key: string) => JSON.stringify({ webhookEvent: 'jira:issue_updated', issue: { key } });
const cases: readonly TrackerCase[] = [
  {
    kind: 'jira-cloud',
    keys: ['SUP-1', 'SUP-2', 'SUP-3'],
    trigger: 'project = SUP',
    body: jiraBody,
    genuine: (body) => ({ 'x-hub-signature': hubSignature(body) }),
    forgeries: [
      ['no signature at all', () => ({})],
      ['an X-Hub-Signature made with a same-length wrong secret', (body) => ({ 'x-hub-signature': hubSignature(body, nearMiss) })],
      ['the signature of another body', (_body, other) => ({ 'x-hub-signature': hubSignature(other) })],
      ['an X-Hub-Signature cut short', (body) => ({ 'x-hub-signature': hubSignature(body).slice(0, -2) })],
      ['a JWT signed with a same-length wrong secret', () => ({ authorization: `Bearer ${jwt({ exp: nowSeconds() + 60 }, nearMiss)}` })],
      ['a JWT that expired', () => ({ authorization: `Bearer ${jwt({ exp: nowSeconds() - 60 })}` })],
      [
        'a JWT that says it needs no signature',
        () => ({ authorization: `Bearer ${jwt({ exp: nowSeconds() + 60 }, secret, { alg: 'none' }).replace(/\.[^.]*$/, '.')}` }),
      ],
    ],
  },
  {
    kind: 'jira-server',
    keys: ['SUP-1', 'SUP-2', 'SUP-3'],
    trigger: 'project = SUP',
    body: jiraBody,
    genuine: (body) => ({ 'x-hub-signature': hubSignature(body) }),
    forgeries: [
      ['no signature at all', () => ({})],
      ['an X-Hub-Signature made with a same-length wrong secret', (body) => ({ 'x-hub-signature': hubSignature(body, nearMiss) })],
      ['the signature of another body', (_body, other) => ({ 'x-hub-signature': hubSignature(other) })],
      ['a valid JWT instead of the signature Jira DC sends', () => ({ authorization: `Bearer ${jwt({ exp: nowSeconds() + 60 })}` })],
    ],
  },
  {
    kind: 'azure-devops',
    keys: ['101', '102', '103'],
    trigger: "[System.TeamProject] = 'SUP'",
    body: (key) => JSON.stringify({ eventType: 'workitem.updated', resource: { workItemId: Number(key) } }),
    genuine: () => ({ authorization: basic(secret) }),
    forgeries: [
      ['no credentials at all', () => ({})],
      ['a same-length wrong password', () => ({ authorization: basic(nearMiss) })],
      ['the password with a character added', () => ({ authorization: basic(`${secret}x`) })],
      ['the secret as a user name with no password', () => ({ authorization: `Basic ${Buffer.from(`${secret}:`).toString('base64')}` })],
      ['the secret as a bearer token', () => ({ authorization: `Bearer ${secret}` })],
    ],
  },
];

describe.each(cases)('forged change deliveries: $kind', (tracker) => {
  let node: TestNode;
  let items: MemoryTracker;
  const connectionId = 'con_hooks';

  beforeAll(async () => {
    items = new MemoryTracker(tracker.kind);
    for (const key of tracker.keys) items.items.set(key, issue(key));
    node = await startTestNode({ name: `hooks-${tracker.kind}`, isPublic: true, tracker: items });
    await node.context.store.insertConnection(syncingConnection(connectionId));
    await node.context.store.insertTrigger({ id: 'trg_1', connectionId, query: tracker.trigger, active: true, createdAt: 1 });
    await writeSecretSetting(node.context.store, node.context.secrets, 'change_hook_secret', secret);
  });
  afterAll(async () => {
    await node.close();
  });

  const deliver = (body: string, headers: Record<string, string>) =>
    fetch(`${node.nodeUrl}/hooks/change`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const queuedKeys = async () =>
    (await node.context.store.listQueue({ connectionId, direction: 'outbound', states: ['queued', 'in_flight', 'done'], limit: 100 }))
      .filter((entry) => entry.envelope.kind === 'change')
      .map((entry) => entry.itemKey);

  it('queues the item named by a genuine delivery (the route works, so a refusal below means something)', async () => {
    const [, genuineKey] = tracker.keys;
    const body = tracker.body(genuineKey);
    await waitFor(
      `${genuineKey} queued`,
      async () => {
        if ((await queuedKeys()).includes(genuineKey)) return true;
        expect((await deliver(body, tracker.genuine(body))).status).toBe(204);
        await new Promise((resolve) => setTimeout(resolve, 200));
        return false;
      },
      30_000,
    );
  });

  it.each(tracker.forgeries)('refuses %s with 401 and queues nothing for it', async (_name, forge) => {
    const [targetKey, , barrierKey] = tracker.keys;
    const body = tracker.body(targetKey);
    const refused = await deliver(body, forge(body, tracker.body(barrierKey)));
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
    // A genuine delivery after it is handled; the forged one, handled before it or never, left nothing.
    items.edit(barrierKey, { summary: `changed ${Date.now()} ${Math.random()}` });
    const barrierBody = tracker.body(barrierKey);
    const queuedBefore = (await queuedKeys()).filter((key) => key === barrierKey).length;
    // Delivered again while not queued: on a loaded machine the outgoing script can hit its time
    // limit, which the node records as an item error instead of queueing.
    await waitFor(
      `${barrierKey} queued again`,
      async () => {
        if ((await queuedKeys()).filter((key) => key === barrierKey).length > queuedBefore) return true;
        expect((await deliver(barrierBody, tracker.genuine(barrierBody))).status).toBe(204);
        await new Promise((resolve) => setTimeout(resolve, 200));
        return false;
      },
      30_000,
    );
    expect(await queuedKeys()).not.toContain(targetKey);
    expect(await node.context.store.getTwinByLocalKey(connectionId, targetKey)).toBeUndefined();
  });
});

function issue(key: string): TrackerItem {
  return trackerItem({
    key,
    type: 'Bug',
    summary: `Item ${key}`,
    description: richTextFromPlain('From a tracker'),
    updated: '2026-11-23T12:00:00.000Z',
    url: `https://tracker.example/${key}`,
  });
}

/** An active connection whose peer is private (never called), so queued changes stay in the outbox to be read. */
function syncingConnection(id: string): Connection {
  return connectionRecord({
    id,
    name: 'hooks',
    status: 'active',
    localName: 'here',
    remoteName: 'there',
    projectKey: 'SUP',
    remoteTracker: 'jira-cloud',
    peer: { nodeId: 'node_peer', publicKey: 'A'.repeat(43), nodeUrl: null, tracker: 'jira-cloud' },
    invitationExpiresAt: null,
  });
}
