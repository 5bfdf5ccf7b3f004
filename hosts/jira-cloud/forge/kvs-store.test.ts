import { describeStoreContract } from '../../../test/contract/store.contract';
import type { Connection } from '../../../core';
import { storageKey } from './kvs-key';
import { KvsStore } from './kvs-store';
import { fakeKvs } from './testing/fake-forge-kvs';
import { waitFor } from '../../../test/support/wait-for';

jest.mock('@forge/kvs', () => ({ kvs: jest.requireActual('./testing/fake-forge-kvs').fakeKvs.kvs }));

const quickLease = { leaseMs: 2_000, waitMs: 1_000, pollMs: 5 };

beforeEach(() => fakeKvs.reset());

describeStoreContract('Forge KVS', async () => {
  fakeKvs.reset();
  return KvsStore.open({ lease: quickLease });
});

const entry = (id: string, itemKey: string, replica: unknown = {}) => ({
  connectionId: 'con_1',
  direction: 'outbound' as const,
  itemKey,
  envelope: { kind: 'change' as const, id, sourceKey: itemKey, sequence: 0, replica, createdAt: 1 },
  state: 'queued' as const,
  attempts: 0,
  nextAttemptAt: 0,
  lastError: null,
  createdAt: 1,
  updatedAt: 1,
});

describe('Forge KVS store, where KVS differs from SQLite', () => {
  it('keeps a replica larger than one KVS value (240 KiB) by splitting it into parts', async () => {
    const store = KvsStore.open({ lease: quickLease });
    const description = 'é'.repeat(400_000);
    const position = await store.enqueue(entry('big', 'SUP-1', { description }));
    const [read] = await store.listQueue({ connectionId: 'con_1', direction: 'outbound', states: ['queued'], limit: 10 });
    expect(read?.position).toBe(position);
    expect((read?.envelope as { replica: { description: string } }).replica.description).toBe(description);
    // Finishing the entry moves it; no part of the big value is left behind under the old key.
    await store.updateQueueEntry('con_1', 'outbound', position!, { state: 'done' });
    expect([...fakeKvs.entries.keys()].filter((key) => key.includes('open'))).toEqual([]);
  });

  it('lists more than one query page (100) of records, in creation order', async () => {
    const store = KvsStore.open({ lease: quickLease });
    for (let index = 0; index < 130; index++)
      await store.insertTrigger({
        id: `trg_${String(index).padStart(3, '0')}`,
        connectionId: 'con_1',
        query: `project = P${index}`,
        active: true,
        createdAt: index,
      });
    const triggers = await store.listTriggers('con_1');
    expect(triggers).toHaveLength(130);
    expect(triggers.map((trigger) => trigger.createdAt)).toEqual([...Array(130).keys()]);
  });

  it('commits a transaction of more than 25 writes (the KVS transaction limit) in full', async () => {
    const store = KvsStore.open({ lease: quickLease });
    await store.transaction(async (inner) => {
      for (let index = 0; index < 60; index++) await inner.enqueue(entry(`change-${index}`, `SUP-${index}`));
    });
    expect(await store.listQueue({ connectionId: 'con_1', direction: 'outbound', states: ['queued'], limit: 100 })).toHaveLength(60);
  });

  it('gives back the markers a rolled-back transaction took, so the same envelope can be queued again', async () => {
    const store = KvsStore.open({ lease: quickLease });
    await expect(
      store.transaction(async (inner) => {
        await inner.enqueue(entry('change-1', 'SUP-1'));
        throw new Error('power cut');
      }),
    ).rejects.toThrow('power cut');
    expect(await store.enqueue(entry('change-1', 'SUP-1'))).toBeDefined();
  });

  it('keeps queue positions increasing per queue even when a clock runs behind', async () => {
    let now = 2_000_000;
    const ahead = KvsStore.open({ lease: quickLease, clock: { now: () => now } });
    const behind = KvsStore.open({ lease: quickLease, clock: { now: () => now - 60_000 } });
    const first = await ahead.enqueue(entry('a', 'SUP-1'));
    const second = await behind.enqueue(entry('b', 'SUP-1'));
    now += 1;
    expect(second).toBeGreaterThan(first!);
  });

  it('holds an exclusive key across two store instances (two Forge invocations) through a KVS lease', async () => {
    const first = KvsStore.open({ lease: quickLease });
    const second = KvsStore.open({ lease: quickLease });
    const order: string[] = [];
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const holding = first.runExclusive('connection:1', async () => {
      order.push('first start');
      await gate;
      order.push('first end');
    });
    await waitFor('the first invocation to hold the lease', () => order.includes('first start'));
    const readsBefore = fakeKvs.calls.get;
    const waiting = second.runExclusive('connection:1', async () => void order.push('second'));
    // Each refused attempt reads the lease once (the holder's renewal, every 666 ms, at most once
    // more): three reads mean the second invocation was refused the lease and is still waiting.
    await waitFor('the second invocation to be refused the lease', () => fakeKvs.calls.get >= readsBefore + 3);
    expect(order).toEqual(['first start']);
    release();
    await Promise.all([holding, waiting]);
    expect(order).toEqual(['first start', 'first end', 'second']);
    expect([...fakeKvs.entries.keys()].some((key) => key.startsWith('lease:'))).toBe(false);
  });

  it('takes over the lease of a holder that died, once the lease ran out', async () => {
    let now = 1_000_000;
    const clock = { now: () => now };
    const store = KvsStore.open({ lease: quickLease, clock });
    await fakeKvs.kvs.set('lease:exclusive#3aconnection#3a1', { holder: 'dead', expiresAt: now + 500 });
    now += 1_000;
    await expect(store.runExclusive('connection:1', async () => 'ran')).resolves.toBe('ran');
  });

  it('gives up waiting for a busy key with a retryable error instead of hanging the invocation', async () => {
    let now = 1_000_000;
    // Every reading of this clock moves it on 10 ms, so the 30 ms wait runs out after a few polls.
    const store = KvsStore.open({ lease: { leaseMs: 60_000, waitMs: 30, pollMs: 1 }, clock: { now: () => (now += 10) } });
    await fakeKvs.kvs.set('lease:exclusive#3aconnection#3a1', { holder: 'alive', expiresAt: now + 60_000 });
    await expect(store.runExclusive('connection:1', async () => 'ran')).rejects.toMatchObject({ code: 'conflict', isRetryable: true });
  });

  it('escapes item keys and setting names that Forge storage keys may not contain', async () => {
    const store = KvsStore.open({ lease: quickLease });
    await store.putSetting('reconciler-watermark:Ünïcode/project name?', '1');
    expect(await store.getSetting('reconciler-watermark:Ünïcode/project name?')).toBe('1');
    await store.putTwin({
      connectionId: 'con_1',
      localKey: 'work item #42 / ä',
      remoteKey: 'SUP 1',
      status: 'queued',
      lastSentHash: null,
      nextOutboundSequence: 0,
      lastAppliedInboundSequence: -1,
      previousReplica: null,
      commentLinks: [],
      attachmentLinks: [],
      sentAttachmentIds: [],
      updatedAt: 1,
    });
    expect((await store.getTwinByRemoteKey('con_1', 'SUP 1'))?.localKey).toBe('work item #42 / ä');
  });
});

describe('Forge KVS store, attachment content kept under its own key', () => {
  const attachment = (id: string, contentBase64: string, direction: 'outbound' | 'inbound' = 'outbound') => ({
    ...entry(id, 'SUP-9'),
    direction,
    envelope: {
      kind: 'attachment' as const,
      id,
      sourceKey: 'SUP-9',
      attachmentId: `a-${id}`,
      filename: `${id}.txt`,
      mimeType: 'text/plain',
      contentBase64,
      createdAt: 1,
    },
  });
  const contentKeys = () => [...fakeKvs.entries.keys()].filter((key) => key.includes('queue-content'));
  const claim = (store: KvsStore, direction: 'outbound' | 'inbound' = 'outbound') =>
    store.claimDueEntries({ connectionId: 'con_1', direction, now: 10, leaseMs: 1000, limit: 10 });

  it('sends the content with the claimed entry, and an empty file as empty', async () => {
    const store = KvsStore.open({ lease: quickLease });
    await store.enqueue(attachment('full', 'aGVsbG8'));
    await store.enqueue({ ...attachment('empty', ''), itemKey: 'SUP-10', envelope: { ...attachment('empty', '').envelope, sourceKey: 'SUP-10' } });
    const claimed = await claim(store);
    expect(claimed.map((each) => [each.envelope.id, (each.envelope as { contentBase64: string }).contentBase64])).toEqual([
      ['full', 'aGVsbG8'],
      ['empty', ''],
    ]);
  });

  it('does not send an outgoing attachment whose content is gone as an empty file: the entry fails with the reason', async () => {
    const store = KvsStore.open({ lease: quickLease });
    const position = await store.enqueue(attachment('lost', 'aGVsbG8'));
    for (const key of contentKeys()) fakeKvs.entries.delete(key);
    expect(await claim(store)).toEqual([]);
    const [failed] = await store.listQueue({ connectionId: 'con_1', direction: 'outbound', states: ['failed'], limit: 10 });
    expect(failed).toMatchObject({ position, state: 'failed', lastError: expect.stringContaining('"lost.txt" is no longer stored') });
  });

  it('hands out an incoming attachment, whose content the attachment store keeps, as it was queued', async () => {
    const store = KvsStore.open({ lease: quickLease });
    await store.enqueue(attachment('arrived', '', 'inbound'));
    expect((await claim(store, 'inbound')).map((each) => each.envelope.id)).toEqual(['arrived']);
  });

  it('removes the content once the entry is done or has failed for good', async () => {
    const store = KvsStore.open({ lease: quickLease });
    const sent = await store.enqueue(attachment('sent', 'aGVsbG8'));
    const refused = await store.enqueue({ ...attachment('refused', 'aGVsbG8'), itemKey: 'SUP-11' });
    expect(contentKeys()).toHaveLength(2);
    await store.updateQueueEntry('con_1', 'outbound', sent!, { state: 'done' });
    await store.updateQueueEntry('con_1', 'outbound', refused!, { state: 'failed', lastError: 'too large' });
    expect(contentKeys()).toEqual([]);
  });
});

describe('accepting on Forge KVS after a winner died', () => {
  it('lets the accept through again once the marker of a winner that never stored the connection has expired', async () => {
    const start = Date.now();
    fakeKvs.now = () => start;
    try {
      const store = KvsStore.open({ lease: quickLease });
      const accepted: Connection = {
        id: 'con_lost',
        name: 'lost',
        description: '',
        mode: 'script',
        status: 'active',
        statusReason: null,
        role: 'acceptor',
        localName: 'a',
        remoteName: 'b',
        projectKey: 'KEY',
        destination: 'unknown',
        remoteTracker: 'unknown',
        localIsPrivate: false,
        peer: null,
        invitationExpiresAt: 100,
        createdAt: 1,
        updatedAt: 1,
      };
      expect(await store.insertConnectionUnlessLive(accepted)).toBe(true);
      // The winner's write of the connection never landed: only its marker is left.
      await fakeKvs.kvs.delete(storageKey('connection', 'con_lost'));
      expect(await store.insertConnectionUnlessLive(accepted)).toBe(false);
      fakeKvs.now = () => start + 16 * 60_000;
      expect(await store.insertConnectionUnlessLive(accepted)).toBe(true);
    } finally {
      fakeKvs.now = () => Date.now();
    }
  });
});
