import {
  createSignedRequestToken,
  generateNodeIdentity,
  messagesOperation,
  signatureHeader,
  SyncSignals,
  type ClockV1,
  type Connection,
  type NodeContext,
  type NodeIdentity,
  type QueueEntry,
} from '../../../core';
import { MemoryTracker } from '../../../test/fakes/memory-tracker';
import { answerExchangeRequest } from './exchange-web-trigger';
import { createForgeNodeContext, forgetProcessCache } from './forge-context';
import { forgeMessageBytes, forgePayloadBytes } from './forge-payload-limits';
import { ForgeTransport } from './forge-transport';
import { answerMarginMs, forgeRuntimeLimitsMs, InvocationBudget } from './invocation-budget';
import { KvsLease } from './kvs-lease';
import { ForgeKeyValueSpace } from './key-value-space';
import { KvsStore } from './kvs-store';
import { forgeApiState } from './testing/forge-sdk-fakes';
import { fakeKvs } from './testing/fake-forge-kvs';
import { activeConnection, createTestForgeContext } from './testing/forge-test-context';

jest.mock('@forge/kvs', () => ({ kvs: jest.requireActual('./testing/fake-forge-kvs').fakeKvs.kvs }));
jest.mock('@forge/api', () => {
  const fakes = jest.requireActual('./testing/forge-sdk-fakes');
  return { ...fakes.forgeApiModule, webTrigger: { getUrl: jest.fn(async () => fakes.forgeApiState.webTriggerUrl) } };
});

/**
 * The Jira Cloud app held to Forge's published limits: payload sizes, the KVS quota and the time
 * each kind of invocation may run. Every figure is the platform's, cited where it is used.
 */

/** A clock that moves only when told: waits are measured in its time, not the machine's. */
class ManualClock implements ClockV1 {
  #now: number;
  constructor(now: number) {
    this.#now = now;
  }
  now(): number {
    return this.#now;
  }
  advance(milliseconds: number): void {
    this.#now += milliseconds;
  }
}

/** A Forge context whose messages are capped as the app caps them, and whose waits are recorded. */
async function forgeContext(): Promise<NodeContext & { readonly waits: number[] }> {
  const base = await createTestForgeContext(new MemoryTracker('jira-cloud'));
  const waits: number[] = [];
  const signals = new (class extends SyncSignals {
    override wait(topic: string, timeoutMs: number): Promise<boolean> {
      waits.push(timeoutMs);
      return super.wait(topic, timeoutMs);
    }
  })();
  return { ...base, signals, waits, settings: { ...base.settings, maximumMessageBytes: forgeMessageBytes } };
}

interface Peer {
  readonly identity: NodeIdentity;
  readonly connection: Connection;
}

async function connectPeer(context: NodeContext): Promise<Peer> {
  const identity = await generateNodeIdentity(Date.now());
  const base = activeConnection('con_1', null);
  // A private peer polls this app: it has no URL of its own.
  const connection: Connection = {
    ...base,
    localIsPrivate: false,
    peer: { ...base.peer!, nodeId: identity.nodeId, publicKey: identity.publicKey, nodeUrl: null },
  };
  await context.store.insertConnection(connection);
  return { identity, connection };
}

/** A signed poll through the web trigger, as a private node sends it, asking for the longest hold. */
async function poll(context: NodeContext, peer: Peer, acknowledged: readonly string[] = []) {
  const body = JSON.stringify({ type: 'poll', acknowledged, waitMs: 25_000 });
  const token = await createSignedRequestToken(
    peer.identity,
    { audienceNodeId: context.identity.nodeId, connectionId: peer.connection.id, operation: messagesOperation(peer.connection.id), body },
    context.clock.now(),
  );
  const outcome = await answerExchangeRequest(context, {
    method: 'POST',
    userPath: `/exchange/v1/connections/${peer.connection.id}/messages`,
    headers: { [signatureHeader]: [token] },
    body,
  });
  return {
    statusCode: outcome.response.statusCode,
    bytes: new TextEncoder().encode(outcome.response.body).length,
    body: JSON.parse(outcome.response.body) as { type: string; envelopes: { id: string; kind: string; contentBase64?: string }[] },
  };
}

function attachmentEntry(id: string, itemKey: string, contentBytes: number): Omit<QueueEntry, 'position'> {
  return {
    connectionId: 'con_1',
    direction: 'outbound',
    itemKey,
    envelope: {
      kind: 'attachment',
      id,
      sourceKey: itemKey,
      attachmentId: `att-${id}`,
      filename: `${id}.bin`,
      mimeType: 'application/octet-stream',
      contentBase64: 'A'.repeat(Math.ceil((contentBytes * 4) / 3)),
      createdAt: 1,
    },
    state: 'queued',
    attempts: 0,
    nextAttemptAt: 0,
    lastError: null,
    createdAt: 1,
    updatedAt: 1,
  };
}

beforeEach(() => {
  fakeKvs.reset();
  forgetProcessCache();
});

describe('payloads within Forge’s 5 MB per invocation (developer.atlassian.com/platform/forge/limits-invocation)', () => {
  it('splits what waits for a private peer over several poll answers, each under the web trigger’s payload limit', async () => {
    const context = await forgeContext();
    const peer = await connectPeer(context);
    // Three attachments of 2 MiB: 8 MiB of base64 together, more than one answer may carry.
    for (const id of ['a', 'b', 'c']) await context.store.enqueue(attachmentEntry(id, `SUP-${id}`, 2 * 1024 * 1024));
    const delivered: string[] = [];
    let acknowledged: string[] = [];
    for (let round = 0; round < 5 && delivered.length < 3; round++) {
      const answer = await poll(context, peer, acknowledged);
      expect(answer.statusCode).toBe(200);
      console.log(`poll answer ${round + 1}: ${answer.body.envelopes.length} envelopes, ${answer.bytes} bytes (Forge's limit: ${forgePayloadBytes})`);
      expect(answer.bytes).toBeLessThanOrEqual(forgePayloadBytes);
      for (const envelope of answer.body.envelopes) expect(envelope.contentBase64?.length).toBe(Math.ceil((2 * 1024 * 1024 * 4) / 3));
      acknowledged = answer.body.envelopes.map((envelope) => envelope.id);
      delivered.push(...acknowledged);
    }
    expect(delivered.sort()).toEqual(['a', 'b', 'c']);
  });

  it('refuses an attachment too big for one answer with an item error that names its size and the limit, and sends the rest', async () => {
    const context = await forgeContext();
    const peer = await connectPeer(context);
    await context.store.enqueue(attachmentEntry('huge', 'SUP-9', 6 * 1024 * 1024));
    await context.store.enqueue(attachmentEntry('small', 'SUP-10', 100 * 1024));
    const answer = await poll(context, peer);
    expect(answer.statusCode).toBe(200);
    expect(answer.body.envelopes.map((envelope) => envelope.id)).toEqual(['small']);
    const [error] = await context.store.listErrors({ includeResolved: false });
    expect(error).toMatchObject({ scope: 'item', itemKey: 'SUP-9', code: 'payload_too_large' });
    expect(error?.message).toContain('"huge.bin" of SUP-9 is 8.0 MiB as a message');
    expect(error?.message).toContain('at most 4.0 MiB');
    expect(
      (await context.store.listQueue({ connectionId: 'con_1', direction: 'outbound', states: ['failed'], limit: 10 })).map((entry) => entry.envelope.id),
    ).toEqual(['huge']);
  });

  it('keeps attachment bytes out of queue entries: stored once under their own keys, read only when sent', async () => {
    const store = KvsStore.open({ lease: { leaseMs: 2_000, waitMs: 1_000, pollMs: 5 } });
    const position = await store.enqueue(attachmentEntry('a', 'SUP-1', 2 * 1024 * 1024));
    const queueValues = [...fakeKvs.entries].filter(([key]) => key.startsWith('queue:'));
    expect(queueValues).toHaveLength(1);
    // A queue entry is small; the content lives in parts within KVS's value size (240 KiB, limits-kvs-ce).
    expect(JSON.stringify(queueValues[0]?.[1].value).length).toBeLessThan(1024);
    for (const [, stored] of fakeKvs.entries) expect(JSON.stringify(stored.value).length).toBeLessThanOrEqual(240 * 1024);
    fakeKvs.units.read = 0;
    expect((await store.listQueue({ connectionId: 'con_1', direction: 'outbound', states: ['queued'], limit: 10 }))[0]?.envelope).toMatchObject({
      kind: 'attachment',
      contentBase64: '',
    });
    expect(fakeKvs.units.read).toBe(1);
    const [claimed] = await store.claimDueEntries({ connectionId: 'con_1', direction: 'outbound', now: 10, leaseMs: 30_000, limit: 10 });
    expect(claimed?.envelope).toMatchObject({ contentBase64: expect.stringMatching(/^A{2796203}$/) });
    await store.updateQueueEntry('con_1', 'outbound', position!, { state: 'done', updatedAt: 20 });
    expect([...fakeKvs.entries.keys()].filter((key) => key.includes('queue-content'))).toEqual([]);
  });
});

describe('an idle Forge node costs almost nothing against the KVS quota (developer.atlassian.com/platform/forge/limits-kvs-ce: 4,000 read units a minute)', () => {
  it('answers a poll at once instead of holding it, and an idle poll lists nothing', async () => {
    const context = await forgeContext();
    const peer = await connectPeer(context);
    expect((await poll(context, peer)).body).toEqual({ type: 'envelopes', envelopes: [] });
    const before = { reads: fakeKvs.units.read, writes: fakeKvs.units.write, queries: fakeKvs.calls.query };
    const idle = await poll(context, peer);
    expect(idle.body).toEqual({ type: 'envelopes', envelopes: [] });
    const cost = { reads: fakeKvs.units.read - before.reads, writes: fakeKvs.units.write - before.writes, queries: fakeKvs.calls.query - before.queries };
    console.log(`idle poll: ${cost.reads} read units, ${cost.writes} write units, ${cost.queries} queries`);
    // No hold: nothing waited for a signal, which on Forge meant looking at KVS twice a second.
    expect(context.waits).toEqual([]);
    // The connection (signature check, answer, re-read before claiming) and the outbox marker;
    // the one write remembers the request id against replay.
    expect(cost.queries).toBe(0);
    expect(cost.reads).toBeLessThanOrEqual(4);
  });

  it('finds work queued after the outbox was marked empty, on the next poll', async () => {
    const context = await forgeContext();
    const peer = await connectPeer(context);
    await poll(context, peer);
    await context.store.enqueue({
      ...attachmentEntry('later', 'SUP-2', 10),
      envelope: { kind: 'change', id: 'later', sourceKey: 'SUP-2', sequence: 0, replica: {}, createdAt: 1 },
    });
    expect((await poll(context, peer)).body.envelopes.map((envelope) => envelope.id)).toEqual(['later']);
  });
});

describe('no wait longer than the invocation (developer.atlassian.com/platform/forge/limits-invocation)', () => {
  it('gives up a lease wait in a resolver before 25 s minus the margin, as a retryable "busy"', async () => {
    const clock = new ManualClock(1_000_000);
    const budget = new InvocationBudget('resolver', clock);
    // The 60 s default wait, slept on the injected clock.
    const lease = new KvsLease(new ForgeKeyValueSpace(), clock, { leaseMs: 120_000, waitMs: 60_000, pollMs: 200 }, budget, async (milliseconds) =>
      clock.advance(milliseconds),
    );
    await fakeKvs.kvs.set('lease:claim#3acon_1#3aoutbound', { holder: 'another invocation', expiresAt: clock.now() + 120_000 });
    const startedAt = clock.now();
    await expect(lease.run('claim:con_1:outbound', async () => 'ran')).rejects.toMatchObject({
      code: 'rate_limited',
      isRetryable: true,
      message: expect.stringContaining('try again'),
    });
    console.log(`resolver lease wait: ${clock.now() - startedAt} ms (Forge's limit ${forgeRuntimeLimitsMs.resolver} ms, margin ${answerMarginMs} ms)`);
    expect(clock.now() - startedAt).toBeLessThanOrEqual(forgeRuntimeLimitsMs.resolver - answerMarginMs);
  });

  it('cuts a peer call to what the web trigger has left, and does not start one that cannot finish', async () => {
    const clock = new ManualClock(1_000_000);
    const budget = new InvocationBudget('web-trigger', clock);
    let called = 0;
    const hanging = (async () => {
      called += 1;
      return new Promise(() => undefined);
    }) as never;
    // 55 s − 5 s margin − 48.7 s spent: 1.3 s left for the call.
    clock.advance(48_700);
    await expect(new ForgeTransport(budget, hanging).send({ method: 'POST', url: 'https://peer.example/exchange/v1/x', headers: {} })).rejects.toMatchObject({
      code: 'destination_unreachable',
      message: expect.stringContaining('no answer within 1.3 s'),
    });
    clock.advance(500);
    await expect(new ForgeTransport(budget, hanging).send({ method: 'POST', url: 'https://peer.example/exchange/v1/x', headers: {} })).rejects.toMatchObject({
      code: 'rate_limited',
      isRetryable: true,
    });
    expect(called).toBe(1);
  });

  it('asks Forge for the node URL once per process (limits-web-trigger: 1,000 getUrl calls a minute)', async () => {
    const { webTrigger } = jest.requireMock('@forge/api') as { webTrigger: { getUrl: jest.Mock } };
    webTrigger.getUrl.mockClear();
    forgeApiState.webTriggerUrl = 'https://app.example/x1/trigger';
    await KvsStore.open().putSetting('forge-jira-site-url', 'https://site.example');
    for (let invocation = 0; invocation < 3; invocation++) {
      const context = await createForgeNodeContext('exchange', 'web-trigger');
      expect(context.settings.nodeUrl).toBe('https://app.example/x1/trigger');
      context.scripts.dispose();
    }
    expect(webTrigger.getUrl).toHaveBeenCalledTimes(1);
  });

  it("keeps what it remembers per installation: a warm process serving another site asks again and never uses the first site's URL", async () => {
    const { webTrigger } = jest.requireMock('@forge/api') as { webTrigger: { getUrl: jest.Mock } };
    await KvsStore.open().putSetting('forge-jira-site-url', 'https://site.example');
    forgeApiState.installationId = 'installation-a';
    forgeApiState.webTriggerUrl = 'https://app.example/x1/site-a';
    const first = await createForgeNodeContext('exchange', 'web-trigger');
    first.scripts.dispose();
    forgeApiState.installationId = 'installation-b';
    forgeApiState.webTriggerUrl = 'https://app.example/x1/site-b';
    webTrigger.getUrl.mockClear();
    const second = await createForgeNodeContext('exchange', 'web-trigger');
    second.scripts.dispose();
    expect([first.settings.nodeUrl, second.settings.nodeUrl]).toEqual(['https://app.example/x1/site-a', 'https://app.example/x1/site-b']);
    expect(webTrigger.getUrl).toHaveBeenCalledTimes(1);
    forgeApiState.installationId = 'installation-1';
  });
});
