import fc from 'fast-check';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Connection, QueueEntry, StoreV1 } from '../../core';
import { PostgresStore } from '../../hosts/node/store/postgres-store';
import { SqliteStore } from '../../hosts/node/store/sqlite-store';
import { postgresForTests, uniqueSchemaName } from '../support/postgres-server';
import { connectionRecord } from '../fakes/connection-record';

/**
 * The rules the stores enforce for accepting and claiming, attacked at their edges on both
 * stores: a token hash of the right length that is not the hash, the last instant of an
 * invitation and of a remembered request id, and a claim at the last instant of its lease.
 * (The store contract covers the ordinary cases; these are the ones a near miss gets wrong.)
 */
const stores: readonly [string, () => Promise<StoreV1>][] = [
  ['SQLite', async () => SqliteStore.open(join(mkdtempSync(join(tmpdir(), 'exalate-store-rules-')), 'node.sqlite'))],
  ['PostgreSQL', async () => PostgresStore.open({ url: await postgresForTests(), schema: uniqueSchemaName('rules') })],
];

const tokenHash = 'Xq3J9v0mYb6Kc2Lr8Nw1Pz5Ts7Ud4Ve0Wf6Gh2Ij8Ka';
const expiresAt = 1_000_000;
const hashAlphabet = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'];

describe.each(stores)('accept and claim rules: %s store', (_name, openStore) => {
  let store: StoreV1;
  beforeEach(async () => {
    store = await openStore();
    await store.insertConnection(connection('con_1'));
    await store.insertInvitation({ connectionId: 'con_1', tokenHash, expiresAt, usedAt: null, sealedCode: null });
  });
  afterEach(async () => {
    await store.close();
  });

  it('refuses every hash of the right length that differs from the stored one, and keeps the invitation usable', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: tokenHash.length - 1 }), fc.constantFrom(...hashAlphabet), async (position, replacement) => {
        fc.pre(tokenHash[position] !== replacement);
        const nearMiss = tokenHash.slice(0, position) + replacement + tokenHash.slice(position + 1);
        expect(nearMiss).toHaveLength(tokenHash.length);
        expect(await store.consumeInvitation('con_1', nearMiss, 10)).toBe('unknown');
      }),
      { numRuns: 25 },
    );
    expect(await store.consumeInvitation('con_1', tokenHash.toLowerCase(), 10)).toBe('unknown');
    expect(await store.consumeInvitation('con_1', tokenHash, 10)).toBe('consumed');
  });

  it('checks the hash before telling used or expired apart: a wrong hash learns nothing', async () => {
    const wrong = `${tokenHash.slice(0, -1)}${tokenHash.endsWith('a') ? 'b' : 'a'}`;
    expect(await store.consumeInvitation('con_1', wrong, expiresAt + 1)).toBe('unknown');
    expect(await store.consumeInvitation('con_1', tokenHash, 10)).toBe('consumed');
    expect(await store.consumeInvitation('con_1', wrong, 20)).toBe('unknown');
    expect(await store.consumeInvitation('con_1', tokenHash, 20)).toBe('already_used');
  });

  it('takes an invitation until the instant before it expires', async () => {
    expect(await store.consumeInvitation('con_1', tokenHash, expiresAt - 1)).toBe('consumed');
  });

  it('refuses an invitation from the instant it expires, and leaves it unused', async () => {
    expect(await store.consumeInvitation('con_1', tokenHash, expiresAt)).toBe('expired');
    expect(await store.consumeInvitation('con_1', tokenHash, expiresAt + 1)).toBe('expired');
    expect(await store.consumeInvitation('con_1', tokenHash, expiresAt - 1)).toBe('consumed');
  });

  it('holds a request id up to and including its expiry, and forgets it after', async () => {
    expect(await store.rememberRequestId('node_a:jti_1', 500, 0)).toBe(true);
    expect(await store.rememberRequestId('node_a:jti_1', 500, 499)).toBe(false);
    expect(await store.rememberRequestId('node_a:jti_1', 500, 500)).toBe(false);
    expect(await store.rememberRequestId('node_a:jti_1', 900, 501)).toBe(true);
    // Another sender's id with the same unique part is another request.
    expect(await store.rememberRequestId('node_b:jti_1', 900, 501)).toBe(true);
  });

  it('gives a claimed entry to no one until the last instant of its lease, then to the next claimer', async () => {
    await store.enqueue(change('a1', 'A'));
    await store.enqueue(change('b1', 'B'));
    const claim = (now: number, limit = 10) => store.claimDueEntries({ connectionId: 'con_1', direction: 'inbound', now, leaseMs: 1000, limit });
    expect((await claim(100, 1)).map((entry) => entry.envelope.id)).toEqual(['a1']);
    expect((await claim(100)).map((entry) => entry.envelope.id)).toEqual(['b1']);
    expect(await claim(1099)).toEqual([]);
    const reclaimed = await claim(1100);
    expect(reclaimed.map((entry) => [entry.envelope.id, entry.state, entry.attempts, entry.nextAttemptAt])).toEqual([
      ['a1', 'in_flight', 2, 2100],
      ['b1', 'in_flight', 2, 2100],
    ]);
  });

  it('hands out at most the limit, oldest position first, one head per item', async () => {
    const items = ['M', 'K', 'Z', 'A', 'Q', 'B', 'Y', 'C', 'X', 'D', 'W', 'E'];
    const positions: number[] = [];
    for (const [index, itemKey] of items.entries()) positions.push((await store.enqueue(change(`e${index}`, itemKey)))!);
    // A second change of an item waits behind its first.
    await store.enqueue(change('m2', 'M'));
    const claim = (limit: number) => store.claimDueEntries({ connectionId: 'con_1', direction: 'inbound', now: 100, leaseMs: 1000, limit });
    expect((await claim(5)).map((entry) => entry.position)).toEqual(positions.slice(0, 5));
    expect((await claim(50)).map((entry) => entry.position)).toEqual(positions.slice(5));
  });

  it('does not hand out an entry due a millisecond from now, nor a done or failed one', async () => {
    const due = await store.enqueue({ ...change('due', 'A'), nextAttemptAt: 500 });
    const done = await store.enqueue(change('done', 'B'));
    const failed = await store.enqueue(change('failed', 'C'));
    await store.updateQueueEntry('con_1', 'inbound', done!, { state: 'done' });
    await store.updateQueueEntry('con_1', 'inbound', failed!, { state: 'failed' });
    const claim = (now: number) => store.claimDueEntries({ connectionId: 'con_1', direction: 'inbound', now, leaseMs: 1000, limit: 10 });
    expect(await claim(499)).toEqual([]);
    expect((await claim(500)).map((entry) => entry.position)).toEqual([due]);
    // Another connection's and the other direction's entries are not this claimer's.
    await store.enqueue({ ...change('elsewhere', 'D'), connectionId: 'con_2' });
    await store.enqueue({ ...change('outgoing', 'E'), direction: 'outbound' });
    expect(await claim(5000)).toEqual([expect.objectContaining({ position: due, attempts: 2 })]);
  });
});

function change(id: string, itemKey: string): Omit<QueueEntry, 'position'> {
  return {
    connectionId: 'con_1',
    direction: 'inbound',
    itemKey,
    envelope: { kind: 'change', id, sourceKey: itemKey, sequence: 0, replica: {}, createdAt: 1 },
    state: 'queued',
    attempts: 0,
    nextAttemptAt: 0,
    lastError: null,
    createdAt: 1,
    updatedAt: 1,
  };
}

function connection(id: string): Connection {
  return connectionRecord({ id, invitationExpiresAt: expiresAt });
}
