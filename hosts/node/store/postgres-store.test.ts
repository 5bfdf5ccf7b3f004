import pg from 'pg';
import type { Connection, QueueEntry, StoreV1 } from '../../../core';
import { describeStoreContract } from '../../../test/contract/store.contract';
import { postgresForTests, uniqueSchemaName } from '../../../test/support/postgres-server';
import { waitFor } from '../../../test/support/wait-for';
import { schemaForNode } from './postgres-pool';
import { PostgresStore } from './postgres-store';
import { connectionRecord } from '../../../test/fakes/connection-record';

describeStoreContract('PostgreSQL', async () => PostgresStore.open({ url: await postgresForTests(), schema: uniqueSchemaName('contract') }));

const change = (id: string, itemKey: string): Omit<QueueEntry, 'position'> => ({
  connectionId: 'con_1',
  direction: 'inbound',
  itemKey,
  envelope: { kind: 'change', id, sourceKey: itemKey, sequence: 0, replica: { key: itemKey }, createdAt: 1 },
  state: 'queued',
  attempts: 0,
  nextAttemptAt: 0,
  lastError: null,
  createdAt: 1,
  updatedAt: 1,
});

/**
 * Waits until PostgreSQL shows a session waiting for the advisory lock on (`first`, `second`), the
 * keys the store hashes with hashtext: the state that proves a caller is held back, where a
 * fixed sleep would only hope so.
 */
async function waitForLockWaiter(url: string, first: string, second: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await waitFor(`a session waiting for the lock ${first} / ${second}`, async () => {
      const { rows } = await client.query(
        `SELECT count(*)::int AS waiting FROM pg_locks
            WHERE locktype = 'advisory' AND NOT granted
              AND classid::bigint = (hashtext($1)::bigint & 4294967295) AND objid::bigint = (hashtext($2)::bigint & 4294967295)`,
        [first, second],
      );
      return (rows[0] as { waiting: number }).waiting > 0;
    });
  } finally {
    await client.end();
  }
}

describe('PostgreSQL store beyond the contract', () => {
  let url: string;
  const opened: StoreV1[] = [];
  const open = async (schema: string) => {
    const store = await PostgresStore.open({ url, schema });
    opened.push(store);
    return store;
  };
  beforeAll(async () => {
    url = await postgresForTests();
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((store) => store.close()));
  });

  it('names a schema after the node, safely', () => {
    expect(schemaForNode('jira-cloud')).toBe('exalate_jira_cloud');
    expect(schemaForNode('Ops "prod"; DROP')).toBe('exalate_ops_prod_drop');
    expect(schemaForNode('x'.repeat(100))).toHaveLength(63);
  });

  it('migrates once when several processes open the same schema at the same moment, and keeps state across a reopen', async () => {
    const schema = uniqueSchemaName('migrate');
    const [first] = await Promise.all([open(schema), open(schema), open(schema)]);
    await first!.putSetting('survives', 'yes');
    const again = await open(schema);
    expect(await again.getSetting('survives')).toBe('yes');
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query(`SELECT version FROM ${schema}.schema_migrations ORDER BY version`);
      expect(rows.map((row: { version: number }) => row.version)).toEqual([1, 2, 3, 4]);
    } finally {
      await client.end();
    }
    expect(await (again as PostgresStore).checkReadiness()).toEqual({ ready: true });
  });

  it('keeps two nodes in one database apart, one schema each', async () => {
    const [left, right] = await Promise.all([open(uniqueSchemaName('left')), open(uniqueSchemaName('right'))]);
    await left!.insertConnection(connection('con_shared'));
    expect(await right!.listConnections()).toEqual([]);
    // The same connection id on both sides of a connection: their locks must not block each other.
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const held = left!.runExclusive('connection:con_shared', () => gate);
    await expect(right!.runExclusive('connection:con_shared', async () => 'not blocked')).resolves.toBe('not blocked');
    release();
    await held;
  });

  it('lets one process at a time hold a key, across processes, and lets go when the work throws', async () => {
    const schema = uniqueSchemaName('locks');
    const [one, two] = await Promise.all([open(schema), open(schema)]);
    const order: string[] = [];
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    let entered: () => void = () => {};
    const inside = new Promise<void>((resolve) => (entered = resolve));
    const failing = one!.runExclusive('connection:1', async () => {
      order.push('one in');
      entered();
      await gate;
      throw new Error('tracker down');
    });
    await inside;
    const waiting = two!.runExclusive('connection:1', async () => order.push('two in'));
    await waitForLockWaiter(url, schema, 'connection:1');
    const whileHeld = [...order];
    release();
    expect(whileHeld).toEqual(['one in']);
    await expect(failing).rejects.toThrow('tracker down');
    await waiting;
    expect(order).toEqual(['one in', 'two in']);
  });

  it('rolls back a nested transaction with its outer one: both use the one client', async () => {
    const store = await open(uniqueSchemaName('nested'));
    await expect(
      store.transaction(async (outer) => {
        await outer.insertConnection(connection('con_outer'));
        await outer.transaction(async (inner) => inner.insertConnection(connection('con_inner')));
        throw new Error('undo both');
      }),
    ).rejects.toThrow('undo both');
    expect(await store.listConnections()).toEqual([]);
  });

  it('gives a later enqueue of an item a later position even when an earlier one commits last', async () => {
    const store = await open(uniqueSchemaName('enqueue'));
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    let firstEnqueued: () => void = () => {};
    const firstIsEnqueued = new Promise<void>((resolve) => (firstEnqueued = resolve));
    const slow = store.transaction(async (inner) => {
      const position = await inner.enqueue(change('first', 'A'));
      firstEnqueued();
      await gate;
      return position;
    });
    await firstIsEnqueued;
    const fast = store.enqueue(change('second', 'A'));
    await waitForLockWaiter(url, 'exalate-queue-item', JSON.stringify(['con_1', 'inbound', 'A']));
    const claim = () => store.claimDueEntries({ connectionId: 'con_1', direction: 'inbound', now: 10, leaseMs: 100, limit: 10 });
    // Were 'second' visible now, a worker would apply it before 'first'.
    const whileFirstUncommitted = await claim().finally(release);
    expect(whileFirstUncommitted).toEqual([]);
    const [first, second] = await Promise.all([slow, fast]);
    expect(first).toBeLessThan(second!);
    expect((await claim()).map((entry) => entry.envelope.id)).toEqual(['first']);
  });

  it('never hands one entry, or two entries of one item, to concurrent claimers in different processes', async () => {
    const schema = uniqueSchemaName('claims');
    const stores = await Promise.all([open(schema), open(schema), open(schema)]);
    const items = Array.from({ length: 12 }, (_, index) => `ITEM-${index}`);
    const expected = new Map(items.map((item) => [item, [] as string[]]));
    for (let round = 0; round < 8; round++) {
      for (const item of items) {
        await stores[0]!.enqueue(change(`${item}-${round}`, item));
        expected.get(item)!.push(`${item}-${round}`);
      }
    }
    const handled = new Map(items.map((item) => [item, [] as string[]]));
    const inFlight = new Set<string>();
    let violations = 0;
    const worker = async (store: StoreV1) => {
      for (let idle = 0; idle < 5;) {
        const claimed = await store.claimDueEntries({ connectionId: 'con_1', direction: 'inbound', now: 10, leaseMs: 60_000, limit: 4 });
        if (claimed.length === 0) {
          idle += 1;
          await new Promise((resolve) => setTimeout(resolve, 5));
          continue;
        }
        idle = 0;
        for (const entry of claimed) {
          if (inFlight.has(entry.itemKey)) violations += 1;
          inFlight.add(entry.itemKey);
        }
        for (const entry of claimed) {
          handled.get(entry.itemKey)!.push(entry.envelope.id);
          inFlight.delete(entry.itemKey);
          await store.updateQueueEntry('con_1', 'inbound', entry.position, { state: 'done' });
        }
      }
    };
    await Promise.all(stores.map(worker));
    expect(violations).toBe(0);
    expect(handled).toEqual(expected);
  });
});

function connection(id: string): Connection {
  return connectionRecord({ id });
}
