import Fastify, { type FastifyInstance } from 'fastify';
import { freePort } from '../../../test/support/free-port';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExalateError, silentLogger, type Connection, type QueueEntry } from '../../../core';
import { ManualClock } from '../../../test/fakes/manual-clock';
import { MemoryTracker } from '../../../test/fakes/memory-tracker';
import { SqliteStore } from '../store/sqlite-store';
import { startNode, type RunningNode } from '../start-node';
import { connectionRecord } from '../../../test/fakes/connection-record';

const entry = (id: string, itemKey: string, createdAt: number): Omit<QueueEntry, 'position'> => ({
  connectionId: 'con_1',
  direction: 'inbound',
  itemKey,
  envelope: { kind: 'change', id, sourceKey: itemKey, sequence: 0, replica: { key: itemKey }, createdAt },
  state: 'queued',
  attempts: 0,
  nextAttemptAt: 0,
  lastError: null,
  createdAt,
  updatedAt: createdAt,
});

describe('operations: /healthz, /readyz, /metrics and shutdown', () => {
  let directory: string;
  let tracker: MemoryTracker;
  let clock: ManualClock;
  let node: RunningNode;
  let app: FastifyInstance;
  let closed = false;
  let origin: string;
  const get = async (path: string) => {
    const response = await fetch(`${origin}${path}`);
    return { status: response.status, contentType: response.headers.get('content-type') ?? '', text: await response.text() };
  };
  const getJson = async (path: string) => {
    const answer = await get(path);
    return [answer.status, JSON.parse(answer.text) as unknown];
  };

  beforeEach(async () => {
    directory = mkdtempSync(join(tmpdir(), 'exalate-operations-'));
    tracker = new MemoryTracker('jira-cloud');
    clock = new ManualClock();
    node = await startNode({ name: 'ops', dataDirectory: directory, nodeUrl: null, tracker, logger: silentLogger, clock, runSync: false });
    app = Fastify();
    await app.register(node.routes);
    const port = await freePort();
    await app.listen({ port, host: '127.0.0.1' });
    origin = `http://127.0.0.1:${port}`;
    closed = false;
    await node.context.store.insertConnection(connection('con_1'));
  });
  afterEach(async () => {
    await app.close();
    if (!closed) await node.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('answers health and readiness, and turns not ready once the node stops claiming', async () => {
    expect(await getJson('/healthz')).toEqual([200, { status: 'ok' }]);
    expect(await getJson('/readyz')).toEqual([200, { status: 'ready' }]);
    await node.context.store.enqueue(entry('e1', 'A', clock.now()));
    node.stopClaiming();
    expect(await getJson('/readyz')).toEqual([503, { status: 'not_ready', reason: 'the node is shutting down' }]);
    expect(await node.context.store.claimDueEntries({ connectionId: 'con_1', direction: 'inbound', now: clock.now(), leaseMs: 1000, limit: 10 })).toEqual([]);
  });

  it('exports queue depth per connection and state, sync latency, errors by scope, tracker calls and 429s', async () => {
    const { store } = node.context;
    await store.enqueue(entry('e1', 'A', clock.now()));
    await store.enqueue(entry('e2', 'B', clock.now()));
    await store.enqueue(entry('e3', 'B', clock.now()));
    const [claimed] = await store.claimDueEntries({ connectionId: 'con_1', direction: 'inbound', now: clock.now(), leaseMs: 1000, limit: 1 });
    clock.advance(1500);
    await store.transaction(async (inner) => inner.updateQueueEntry('con_1', 'inbound', claimed!.position, { state: 'done', updatedAt: clock.now() }));
    await node.context.tracker.getItem('SUP-404');
    tracker.failNextWrites(1, new ExalateError('tracker_unavailable', 'slow down', { isRetryable: true, details: { status: 429, retryAfterSeconds: 3 } }));
    await expect(node.context.tracker.updateItem('SUP-1', { summary: 'x' })).rejects.toThrow('slow down');
    await store.recordError({
      id: 'err_1',
      scope: 'connection',
      connectionId: 'con_1',
      itemKey: null,
      code: 'peer_refused',
      message: 'no',
      line: null,
      occurrences: 1,
      createdAt: 1,
      updatedAt: 1,
      resolvedAt: null,
    });

    const scraped = await get('/metrics');
    expect(scraped.contentType).toContain('text/plain');
    const metrics = scraped.text;
    expect(metrics).toContain('exalate_queue_entries{connection="con_1",direction="inbound",state="queued"} 2');
    expect(metrics).toContain('exalate_queue_entries{connection="con_1",direction="inbound",state="done"} 1');
    expect(metrics).toContain('exalate_sync_latency_seconds_sum{direction="inbound"} 1.5');
    expect(metrics).toContain('exalate_sync_errors_total{scope="connection"} 1');
    expect(metrics).toContain('exalate_tracker_calls_total{operation="getItem",outcome="ok"} 1');
    expect(metrics).toContain('exalate_tracker_calls_total{operation="updateItem",outcome="rate_limited"} 1');
    expect(metrics).toContain('exalate_tracker_rate_limited_total{operation="updateItem"} 1');
  });

  it('counts nothing a rolled-back transaction did', async () => {
    const { store } = node.context;
    await store.enqueue(entry('e1', 'A', clock.now()));
    const [claimed] = await store.claimDueEntries({ connectionId: 'con_1', direction: 'inbound', now: clock.now(), leaseMs: 1000, limit: 1 });
    await expect(
      store.transaction(async (inner) => {
        await inner.updateQueueEntry('con_1', 'inbound', claimed!.position, { state: 'done' });
        throw new Error('crash before commit');
      }),
    ).rejects.toThrow('crash before commit');
    expect((await get('/metrics')).text).not.toContain('exalate_sync_latency_seconds_count{');
    await store.updateQueueEntry('con_1', 'inbound', claimed!.position, { state: 'done' });
    expect((await get('/metrics')).text).toContain('exalate_sync_latency_seconds_count{direction="inbound"} 1');
  });

  it('hands claimed work back to the queue on shutdown, so another process need not wait for the lease', async () => {
    const { store } = node.context;
    await store.enqueue(entry('e1', 'A', clock.now()));
    await store.enqueue(entry('e2', 'B', clock.now()));
    const claimed = await store.claimDueEntries({ connectionId: 'con_1', direction: 'inbound', now: clock.now(), leaseMs: 300_000, limit: 10 });
    expect(claimed).toHaveLength(2);
    await store.enqueue(entry('e3', 'C', clock.now()));
    const [shortLease] = await store.claimDueEntries({ connectionId: 'con_1', direction: 'inbound', now: clock.now(), leaseMs: 1_000, limit: 10 });
    await store.updateQueueEntry('con_1', 'inbound', claimed[0]!.position, { state: 'done' });
    // e3's lease ran out: another process may hold it by now, so it is not this one's to hand back.
    clock.advance(2_000);
    await node.close({ graceMs: 0 });
    closed = true;
    const reopened = SqliteStore.open(join(directory, 'ops', 'node.sqlite'));
    try {
      const queue = await reopened.listQueue({ connectionId: 'con_1', direction: 'inbound', states: ['queued', 'in_flight', 'done'], limit: 10 });
      const byId = new Map(queue.map((each) => [each.envelope.id, [each.state, each.attempts, each.nextAttemptAt]]));
      expect(byId.get('e1')).toEqual(['done', 1, claimed[0]!.nextAttemptAt]);
      expect(byId.get('e2')).toEqual(['queued', 0, clock.now()]);
      expect(byId.get('e3')?.[1]).toBe(shortLease!.attempts);
    } finally {
      await reopened.close();
    }
  });
});

function connection(id: string): Connection {
  return connectionRecord({
    id,
    status: 'active',
    role: 'acceptor',
    projectKey: 'SUP',
    remoteTracker: 'jira-cloud',
    localIsPrivate: true,
    invitationExpiresAt: null,
  });
}
