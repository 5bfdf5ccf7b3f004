import type { Connection, StoreV1 } from '../../core';
import { connectionRecord } from '../fakes/connection-record';

/**
 * The cases every Store implementation must pass (SQLite now; PostgreSQL and Forge KVS join by
 * calling this with their own factory). Each case gets a fresh, empty store.
 */
export function describeStoreContract(name: string, openStore: () => Promise<StoreV1>): void {
  describe(`Store contract: ${name}`, () => {
    let store: StoreV1;
    beforeEach(async () => {
      store = await openStore();
    });
    afterEach(async () => {
      await store.close();
    });

    it('keeps the first node identity for good', async () => {
      const first = await store.ensureNodeIdentity({ nodeId: 'node_a', publicKey: 'pa', privateKey: 'sa', createdAt: 1 });
      const second = await store.ensureNodeIdentity({ nodeId: 'node_b', publicKey: 'pb', privateKey: 'sb', createdAt: 2 });
      expect(first.nodeId).toBe('node_a');
      expect(second).toEqual(first);
    });

    it('stores, updates and lists connections in creation order', async () => {
      await store.insertConnection(connection('con_1'));
      await store.insertConnection(connection('con_2'));
      await store.updateConnection({ ...connection('con_1'), status: 'active', updatedAt: 5 });
      expect((await store.getConnection('con_1'))?.status).toBe('active');
      expect((await store.listConnections()).map((each) => each.id)).toEqual(['con_1', 'con_2']);
      expect(await store.getConnection('con_missing')).toBeUndefined();
    });

    it('stores a connection once when many callers race with one id, and lets a deleted one be replaced', async () => {
      const racers = await Promise.all(
        Array.from({ length: 8 }, (_unused, index) => store.insertConnectionUnlessLive({ ...connection('con_1'), name: `racer ${index}`, status: 'active' })),
      );
      expect(racers.filter((won) => won)).toHaveLength(1);
      const winner = `racer ${racers.indexOf(true)}`;
      expect((await store.getConnection('con_1'))?.name).toBe(winner);
      expect(await store.listConnections()).toHaveLength(1);
      // Live: refused, and nothing changes.
      expect(await store.insertConnectionUnlessLive({ ...connection('con_1'), name: 'late', status: 'pending' })).toBe(false);
      expect((await store.getConnection('con_1'))?.name).toBe(winner);
      // Deleted on this side: accepting again replaces it, once.
      await store.updateConnection({ ...connection('con_1'), status: 'deleted', updatedAt: 2 });
      const again = await Promise.all(
        [1, 2, 3].map((attempt) => store.insertConnectionUnlessLive({ ...connection('con_1'), name: `again ${attempt}`, status: 'active', updatedAt: 3 })),
      );
      expect(again.filter((won) => won)).toHaveLength(1);
      expect(await store.getConnection('con_1')).toMatchObject({ status: 'active', name: `again ${again.indexOf(true) + 1}` });
      expect(await store.listConnections()).toHaveLength(1);
    });

    it('keeps attachment content per connection, measures it, and lists the oldest without the content', async () => {
      const content = (connectionId: string, attachmentId: string, bytes: number, receivedAt: number) => ({
        connectionId,
        sourceKey: 'SUP:1',
        attachmentId,
        contentBase64: 'x'.repeat(Math.ceil((bytes * 4) / 3)),
        bytes,
        receivedAt,
      });
      await store.putAttachmentContent(content('con_1', 'att-1', 300_000, 10));
      await store.putAttachmentContent(content('con_1', 'att-2', 5, 30));
      await store.putAttachmentContent(content('con_2', 'att-1', 7, 20));
      expect(await store.measureAttachmentContent('con_1')).toBe(300_005);
      expect(await store.measureAttachmentContent('con_none')).toBe(0);
      expect(await store.getAttachmentContent({ connectionId: 'con_1', sourceKey: 'SUP:1', attachmentId: 'att-1' })).toEqual(
        content('con_1', 'att-1', 300_000, 10),
      );
      // The same attachment again replaces what was kept, and is measured once.
      await store.putAttachmentContent(content('con_1', 'att-2', 9, 40));
      expect(await store.measureAttachmentContent('con_1')).toBe(300_009);
      const old = await store.listAttachmentContentReceivedBefore(40, 10);
      expect(old.map((each) => [each.connectionId, each.attachmentId, each.bytes, each.receivedAt])).toEqual([
        ['con_1', 'att-1', 300_000, 10],
        ['con_2', 'att-1', 7, 20],
      ]);
      expect(old.some((each) => 'contentBase64' in each)).toBe(false);
      expect(await store.listAttachmentContentReceivedBefore(40, 1)).toHaveLength(1);
      await store.deleteAttachmentContent({ connectionId: 'con_1', sourceKey: 'SUP:1', attachmentId: 'att-1' });
      expect(await store.getAttachmentContent({ connectionId: 'con_1', sourceKey: 'SUP:1', attachmentId: 'att-1' })).toBeUndefined();
      expect(await store.measureAttachmentContent('con_1')).toBe(9);
    });

    it('refuses to update a connection that does not exist', async () => {
      await expect(store.updateConnection(connection('con_ghost'))).rejects.toMatchObject({ code: 'not_found' });
    });

    it('consumes an invitation once, and tells expired, used and unknown apart', async () => {
      await store.insertConnection(connection('con_1'));
      await store.insertInvitation({ connectionId: 'con_1', tokenHash: 'hash', expiresAt: 100, usedAt: null, sealedCode: null });
      expect(await store.consumeInvitation('con_1', 'other-hash', 10)).toBe('unknown');
      expect(await store.consumeInvitation('con_missing', 'hash', 10)).toBe('unknown');
      expect(await store.consumeInvitation('con_1', 'hash', 100)).toBe('expired');
      const concurrent = await Promise.all([store.consumeInvitation('con_1', 'hash', 10), store.consumeInvitation('con_1', 'hash', 10)]);
      expect(concurrent.sort()).toEqual(['already_used', 'consumed']);
    });

    it('keeps the sealed invitation code until the invitation is used', async () => {
      await store.insertConnection(connection('con_1'));
      await store.insertInvitation({ connectionId: 'con_1', tokenHash: 'hash', expiresAt: 100, usedAt: null, sealedCode: 'sealed1:code' });
      expect(await store.getInvitation('con_1')).toEqual({
        connectionId: 'con_1',
        tokenHash: 'hash',
        expiresAt: 100,
        usedAt: null,
        sealedCode: 'sealed1:code',
      });
      expect(await store.getInvitation('con_missing')).toBeUndefined();
      // A refused token leaves the code in place; the accepted one drops it.
      expect(await store.consumeInvitation('con_1', 'other-hash', 10)).toBe('unknown');
      expect((await store.getInvitation('con_1'))?.sealedCode).toBe('sealed1:code');
      expect(await store.consumeInvitation('con_1', 'hash', 10)).toBe('consumed');
      expect(await store.getInvitation('con_1')).toMatchObject({ usedAt: 10, sealedCode: null });
    });

    it('drops the sealed invitation code of a deleted connection and keeps the token hash', async () => {
      await store.insertConnection(connection('con_1'));
      await store.insertInvitation({ connectionId: 'con_1', tokenHash: 'hash', expiresAt: 100, usedAt: null, sealedCode: 'sealed1:code' });
      await store.discardInvitationCode('con_1');
      await store.discardInvitationCode('con_missing');
      expect(await store.getInvitation('con_1')).toEqual({ connectionId: 'con_1', tokenHash: 'hash', expiresAt: 100, usedAt: null, sealedCode: null });
    });

    it('remembers a request id until it expires', async () => {
      expect(await store.rememberRequestId('jti-1', 100, 0)).toBe(true);
      expect(await store.rememberRequestId('jti-1', 100, 50)).toBe(false);
      expect(await store.rememberRequestId('jti-1', 300, 101)).toBe(true);
    });

    it('keeps settings', async () => {
      expect(await store.getSetting('k')).toBeUndefined();
      await store.putSetting('k', 'one');
      await store.putSetting('k', 'two');
      expect(await store.getSetting('k')).toBe('two');
      await store.deleteSetting('k');
      expect(await store.getSetting('k')).toBeUndefined();
      // Forgetting what is not there is not an error.
      await store.deleteSetting('k');
      await store.putSetting('k', 'three');
      expect(await store.getSetting('k')).toBe('three');
    });

    it('lands all writes of a transaction together, or none when it fails', async () => {
      await store.transaction(async (inner) => {
        await inner.insertConnection(connection('con_1'));
        await inner.insertInvitation({ connectionId: 'con_1', tokenHash: 'h', expiresAt: 100, usedAt: null, sealedCode: null });
      });
      await expect(
        store.transaction(async (inner) => {
          await inner.insertConnection(connection('con_2'));
          throw new Error('power cut');
        }),
      ).rejects.toThrow('power cut');
      expect((await store.listConnections()).map((each) => each.id)).toEqual(['con_1']);
    });

    it('queues envelopes in order, once per envelope id, and tracks their state', async () => {
      const entry = (id: string, itemKey: string) => ({
        connectionId: 'con_1',
        direction: 'outbound' as const,
        itemKey,
        envelope: { kind: 'change' as const, id, sourceKey: itemKey, sequence: 0, replica: { summary: id }, createdAt: 1 },
        state: 'queued' as const,
        attempts: 0,
        nextAttemptAt: 0,
        lastError: null,
        createdAt: 1,
        updatedAt: 1,
      });
      const first = await store.enqueue(entry('change-1', 'A-1'));
      const second = await store.enqueue(entry('change-2', 'A-2'));
      expect(await store.enqueue(entry('change-1', 'A-1'))).toBeUndefined();
      expect(first).toBeLessThan(second!);
      // The same id in the other direction or connection is a different envelope.
      expect(await store.enqueue({ ...entry('change-1', 'A-1'), direction: 'inbound' })).toBeDefined();
      await store.updateQueueEntry('con_1', 'outbound', first!, { state: 'done', attempts: 1 });
      const queued = await store.listQueue({ connectionId: 'con_1', direction: 'outbound', states: ['queued'], limit: 10 });
      expect(queued.map((each) => each.envelope.id)).toEqual(['change-2']);
      const all = await store.listQueue({ connectionId: 'con_1', direction: 'outbound', states: ['queued', 'done'], limit: 10 });
      expect(all.map((each) => [each.envelope.id, each.state, each.attempts])).toEqual([
        ['change-1', 'done', 1],
        ['change-2', 'queued', 0],
      ]);
      expect((await store.countQueue('con_1')).outbound).toMatchObject({ queued: 1, done: 1 });
    });

    it('lists a queue by item and by envelope ids', async () => {
      const entry = (id: string, itemKey: string) => ({
        connectionId: 'con_1',
        direction: 'outbound' as const,
        itemKey,
        envelope: { kind: 'change' as const, id, sourceKey: itemKey, sequence: 0, replica: {}, createdAt: 1 },
        state: 'queued' as const,
        attempts: 0,
        nextAttemptAt: 0,
        lastError: null,
        createdAt: 1,
        updatedAt: 1,
      });
      for (const [id, item] of [
        ['a1', 'A'],
        ['b1', 'B'],
        ['a2', 'A'],
        ['c1', 'C'],
      ] as const)
        await store.enqueue(entry(id, item));
      const list = (filter: { itemKey?: string; envelopeIds?: readonly string[] }) =>
        store
          .listQueue({ connectionId: 'con_1', direction: 'outbound', states: ['queued'], limit: 10, ...filter })
          .then((entries) => entries.map((each) => each.envelope.id));
      expect(await list({ itemKey: 'A' })).toEqual(['a1', 'a2']);
      expect(await list({ envelopeIds: ['c1', 'a1', 'missing'] })).toEqual(['a1', 'c1']);
      expect(await list({ itemKey: 'A', envelopeIds: ['c1', 'a2'] })).toEqual(['a2']);
      expect(await list({ envelopeIds: [] })).toEqual([]);
    });

    it('claims only due heads of items, once, and gives a dead claim back after its lease', async () => {
      const entry = (id: string, itemKey: string, nextAttemptAt = 0) => ({
        connectionId: 'con_1',
        direction: 'inbound' as const,
        itemKey,
        envelope: { kind: 'change' as const, id, sourceKey: itemKey, sequence: 0, replica: {}, createdAt: 1 },
        state: 'queued' as const,
        attempts: 0,
        nextAttemptAt,
        lastError: null,
        createdAt: 1,
        updatedAt: 1,
      });
      await store.enqueue(entry('a1', 'A'));
      await store.enqueue(entry('a2', 'A'));
      await store.enqueue(entry('b1', 'B', 500));
      await store.enqueue(entry('c1', 'C'));
      const claim = (now: number) => store.claimDueEntries({ connectionId: 'con_1', direction: 'inbound', now, leaseMs: 100, limit: 10 });
      const [first, second] = await Promise.all([claim(10), claim(10)]);
      const ids = [...first, ...second].map((each) => each.envelope.id).sort();
      // a2 waits behind a1 (same item), b1 is not due yet, and nothing is handed out twice.
      expect(ids).toEqual(['a1', 'c1']);
      expect([...first, ...second].every((each) => each.state === 'in_flight' && each.attempts === 1 && each.nextAttemptAt === 110)).toBe(true);
      expect(await claim(50)).toEqual([]);
      const a1 = [...first, ...second].find((each) => each.envelope.id === 'a1')!;
      await store.updateQueueEntry('con_1', 'inbound', a1.position, { state: 'done' });
      const [a2] = await claim(60);
      expect(a2?.envelope.id).toBe('a2');
      await store.updateQueueEntry('con_1', 'inbound', a2!.position, { state: 'done' });
      // c1's worker died: after its lease, c1 is claimable again; b1 is now due too.
      expect((await claim(600)).map((each) => [each.envelope.id, each.attempts])).toEqual([
        ['b1', 1],
        ['c1', 2],
      ]);
    });

    it('runs work under one key one holder at a time', async () => {
      const order: string[] = [];
      let release: () => void = () => {};
      const gate = new Promise<void>((resolve) => (release = resolve));
      let firstStarted: () => void = () => {};
      const started = new Promise<void>((resolve) => (firstStarted = resolve));
      const first = store.runExclusive('connection:1', async () => {
        order.push('first start');
        firstStarted();
        await gate;
        order.push('first end');
      });
      const second = store.runExclusive('connection:1', async () => {
        order.push('second');
      });
      // Taking a lock may be a round trip (PostgreSQL): wait until the first holder is in.
      await started;
      const other = store.runExclusive('connection:2', async () => {
        order.push('other key');
      });
      await other;
      release();
      await Promise.all([first, second]);
      expect(order).toEqual(['first start', 'other key', 'first end', 'second']);
    });

    it('finds twins by either key and replaces them by local key', async () => {
      const twin = {
        connectionId: 'con_1',
        localKey: 'SUP-1',
        remoteKey: null,
        status: 'queued' as const,
        lastSentHash: 'h1',
        nextOutboundSequence: 1,
        lastAppliedInboundSequence: -1,
        previousReplica: null,
        commentLinks: [],
        attachmentLinks: [],
        sentAttachmentIds: [],
        updatedAt: 1,
      };
      await store.putTwin(twin);
      await store.putTwin({ ...twin, remoteKey: '42', status: 'synchronized', commentLinks: [{ remoteId: 'c9', localId: 'c1' }] });
      expect(await store.getTwinByRemoteKey('con_1', '42')).toMatchObject({
        localKey: 'SUP-1',
        status: 'synchronized',
        commentLinks: [{ remoteId: 'c9', localId: 'c1' }],
      });
      expect(await store.listTwins('con_1')).toHaveLength(1);
      await store.deleteTwin('con_1', 'SUP-1');
      expect(await store.getTwinByLocalKey('con_1', 'SUP-1')).toBeUndefined();
    });

    it('counts a repeated error instead of listing it twice, until it is resolved', async () => {
      const error = {
        id: 'err_1',
        scope: 'item' as const,
        connectionId: 'con_1',
        itemKey: 'SUP-1',
        code: 'script_failed',
        message: 'boom',
        line: 3,
        occurrences: 1,
        createdAt: 1,
        updatedAt: 1,
        resolvedAt: null,
      };
      await store.recordError(error);
      const again = await store.recordError({ ...error, id: 'err_2', message: 'boom again', updatedAt: 2 });
      expect(again).toMatchObject({ id: 'err_1', occurrences: 2, message: 'boom again' });
      expect(await store.listErrors({ includeResolved: false })).toHaveLength(1);
      expect(await store.resolveErrors({ connectionId: 'con_1', itemKey: 'SUP-1' }, 5)).toBe(1);
      expect(await store.listErrors({ includeResolved: false })).toHaveLength(0);
      expect((await store.getError('err_1'))?.resolvedAt).toBe(5);
      await store.recordError({ ...error, id: 'err_3' });
      expect((await store.listErrors({ includeResolved: true })).map((each) => each.id)).toEqual(['err_3', 'err_1']);
    });

    it('keeps rules and triggers per connection', async () => {
      await store.putRules('con_1', { outgoing: 'replica.summary = issue.summary', incoming: '', updatedAt: 1 });
      expect((await store.getRules('con_1'))?.outgoing).toContain('replica.summary');
      expect(await store.getRules('con_2')).toBeUndefined();
      await store.insertTrigger({ id: 'trg_1', connectionId: 'con_1', query: 'project = SUP', active: true, createdAt: 1 });
      expect((await store.listTriggers('con_1')).map((each) => each.query)).toEqual(['project = SUP']);
      expect(await store.deleteTrigger('con_1', 'trg_1')).toBe(true);
      expect(await store.deleteTrigger('con_1', 'trg_1')).toBe(false);
    });

    it('does not let a write from outside land inside a running transaction', async () => {
      let release: () => void = () => {};
      const gate = new Promise<void>((resolve) => (release = resolve));
      const slow = store.transaction(async (inner) => {
        await inner.insertConnection(connection('con_tx'));
        await gate;
        throw new Error('rolled back');
      });
      const outside = store.insertConnection(connection('con_outside'));
      release();
      await expect(slow).rejects.toThrow('rolled back');
      await outside;
      expect((await store.listConnections()).map((each) => each.id)).toEqual(['con_outside']);
    });
  });
}

function connection(id: string): Connection {
  return connectionRecord({ id });
}
