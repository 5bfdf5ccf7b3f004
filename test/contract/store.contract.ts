import type { Connection, StoreV1 } from '../../core';

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

    it('refuses to update a connection that does not exist', async () => {
      await expect(store.updateConnection(connection('con_ghost'))).rejects.toMatchObject({ code: 'not_found' });
    });

    it('consumes an invitation once, and tells expired, used and unknown apart', async () => {
      await store.insertConnection(connection('con_1'));
      await store.insertInvitation({ connectionId: 'con_1', tokenHash: 'hash', expiresAt: 100, usedAt: null });
      expect(await store.consumeInvitation('con_1', 'other-hash', 10)).toBe('unknown');
      expect(await store.consumeInvitation('con_missing', 'hash', 10)).toBe('unknown');
      expect(await store.consumeInvitation('con_1', 'hash', 100)).toBe('expired');
      const concurrent = await Promise.all([store.consumeInvitation('con_1', 'hash', 10), store.consumeInvitation('con_1', 'hash', 10)]);
      expect(concurrent.sort()).toEqual(['already_used', 'consumed']);
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
    });

    it('lands all writes of a transaction together, or none when it fails', async () => {
      await store.transaction(async (inner) => {
        await inner.insertConnection(connection('con_1'));
        await inner.insertInvitation({ connectionId: 'con_1', tokenHash: 'h', expiresAt: 100, usedAt: null });
      });
      await expect(
        store.transaction(async (inner) => {
          await inner.insertConnection(connection('con_2'));
          throw new Error('power cut');
        }),
      ).rejects.toThrow('power cut');
      expect((await store.listConnections()).map((each) => each.id)).toEqual(['con_1']);
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
  return {
    id,
    name: `name ${id}`,
    description: '',
    mode: 'script',
    status: 'pending',
    statusReason: null,
    role: 'initiator',
    localName: 'local',
    remoteName: 'remote',
    projectKey: 'KEY',
    destination: 'unknown',
    remoteTracker: 'unknown',
    localIsPrivate: false,
    peer: null,
    invitationExpiresAt: 100,
    createdAt: 1,
    updatedAt: 1,
  };
}
