import type { Connection } from '../connection/connection';
import type { NodeContext } from '../node/node-context';
import { keyLocks } from './testing/key-locks';
import type { Twin } from './sync-records';
import { itemLockKey } from './item-locks';
import { noteLocalChanges } from './note-local-change';

/**
 * The event of the node's own write, judged from the tracker's time of the item and the time the
 * write left in the twin. A tracker may deliver that event while the write's step is still going
 * (before the twin holds the time): the judgement waits for the step instead of reading the item.
 */
describe('noteLocalChanges and the event of the node’s own write', () => {
  const connection = { id: 'con_1', status: 'active', peer: { nodeId: 'node_peer' } } as unknown as Connection;
  const writtenAt = '2026-12-07T05:00:01.000Z';

  function nodeWith(twin: Partial<Twin>, trackerTime: string, otherTwins: readonly Twin[] = []) {
    let stored = { connectionId: 'con_1', localKey: 'SUP-1', remoteKey: '7', ...twin } as Twin;
    const itemsRead: string[] = [];
    const timesRead: (readonly string[])[] = [];
    const context = {
      store: {
        listConnections: async () => [connection],
        getSetting: async () => undefined,
        listTriggers: async () => [],
        getTwinByLocalKey: async (_connectionId: string, key: string) =>
          key === stored.localKey ? stored : otherTwins.find((other) => other.localKey === key),
        runExclusive: keyLocks(),
      },
      tracker: {
        kind: 'jira-cloud',
        getItem: async (key: string) => {
          itemsRead.push(key);
          return undefined;
        },
        batch: {
          readUpdatedTimes: async (keys: readonly string[]) => {
            timesRead.push(keys);
            return new Map(keys.map((key) => [key, trackerTime]));
          },
        },
      },
    } as unknown as NodeContext;
    return { context, itemsRead, timesRead, storeTwin: (next: Partial<Twin>) => (stored = { ...stored, ...next }) };
  }

  it('takes the event as the echo, without reading the item, when the twin already holds the time of the write', async () => {
    const node = nodeWith({ lastWrittenUpdated: writtenAt }, writtenAt);
    expect(await noteLocalChanges(node.context, ['SUP-1'])).toBe(0);
    expect(node.itemsRead).toEqual([]);
  });

  it('waits for a write of the item in progress and then takes its event as the echo, without reading the item', async () => {
    const node = nodeWith({ lastWrittenUpdated: '2026-12-07T04:00:00.000Z' }, writtenAt);
    let finishWrite: () => void = () => undefined;
    // The incoming write holds the item's lock; the tracker's event of it arrives meanwhile.
    const write = node.context.store.runExclusive(itemLockKey('con_1', 'SUP-1'), () => new Promise<void>((resolve) => (finishWrite = resolve)));
    const judged = noteLocalChanges(node.context, ['SUP-1']);
    await new Promise((resolve) => setImmediate(resolve));
    node.storeTwin({ lastWrittenUpdated: writtenAt });
    finishWrite();
    await write;
    expect(await judged).toBe(0);
    expect(node.itemsRead).toEqual([]);
  });

  it('reads the item when the tracker’s time is past the node’s last write: someone edited it since', async () => {
    const node = nodeWith({ lastWrittenUpdated: writtenAt }, '2026-12-07T05:00:02.000Z');
    await noteLocalChanges(node.context, ['SUP-1']);
    expect(node.itemsRead).toEqual(['SUP-1']);
  });

  describe('with the time the tracker’s event carried', () => {
    const later = '2026-12-07T05:00:02.000Z';

    it('takes the event as the echo with no tracker call at all when the carried time is the write’s', async () => {
      // The tracker's batch read would say the item changed since: only the carried time can make this an echo.
      const node = nodeWith({ lastWrittenUpdated: writtenAt }, later);
      expect(await noteLocalChanges(node.context, ['SUP-1'], new Map([['SUP-1', writtenAt]]))).toBe(0);
      expect(node.timesRead).toEqual([]);
      expect(node.itemsRead).toEqual([]);
    });

    it('compares instants, not text: Jira’s +0000 form of the write’s time is the echo', async () => {
      const node = nodeWith({ lastWrittenUpdated: writtenAt }, later);
      await noteLocalChanges(node.context, ['SUP-1'], new Map([['SUP-1', '2026-12-07T05:00:01.000+0000']]));
      expect(node.timesRead).toEqual([]);
      expect(node.itemsRead).toEqual([]);
    });

    it('reads the item in full when the carried time is past the node’s write, without the batch read', async () => {
      const node = nodeWith({ lastWrittenUpdated: writtenAt }, writtenAt);
      await noteLocalChanges(node.context, ['SUP-1'], new Map([['SUP-1', later]]));
      expect(node.timesRead).toEqual([]);
      expect(node.itemsRead).toEqual(['SUP-1']);
    });

    it('waits for a write in progress and then takes the event as its echo by the carried time', async () => {
      const node = nodeWith({ lastWrittenUpdated: '2026-12-07T04:00:00.000Z' }, later);
      let finishWrite: () => void = () => undefined;
      const write = node.context.store.runExclusive(itemLockKey('con_1', 'SUP-1'), () => new Promise<void>((resolve) => (finishWrite = resolve)));
      const judged = noteLocalChanges(node.context, ['SUP-1'], new Map([['SUP-1', writtenAt]]));
      await new Promise((resolve) => setImmediate(resolve));
      node.storeTwin({ lastWrittenUpdated: writtenAt });
      finishWrite();
      await write;
      expect(await judged).toBe(0);
      expect(node.timesRead).toEqual([]);
      expect(node.itemsRead).toEqual([]);
    });

    it('asks the tracker only for the times of the keys whose events carried none', async () => {
      const twinOf = (localKey: string) => ({ connectionId: 'con_1', localKey, remoteKey: `r-${localKey}`, lastWrittenUpdated: writtenAt }) as Twin;
      // The batch read answers the write's time: SUP-2 is an echo by it; SUP-1 and SUP-3 are judged by their carried times.
      const node = nodeWith({ lastWrittenUpdated: writtenAt }, writtenAt, [twinOf('SUP-2'), twinOf('SUP-3')]);
      await noteLocalChanges(
        node.context,
        ['SUP-1', 'SUP-2', 'SUP-3'],
        new Map([
          ['SUP-1', writtenAt],
          ['SUP-3', later],
        ]),
      );
      expect(node.timesRead).toEqual([['SUP-2']]);
      expect(node.itemsRead).toEqual(['SUP-3']);
    });
  });
});
