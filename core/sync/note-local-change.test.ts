import type { Connection } from '../connection/connection';
import type { NodeContext } from '../node/node-context';
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

  function nodeWith(twin: Partial<Twin>, trackerTime: string) {
    let stored = { connectionId: 'con_1', localKey: 'SUP-1', remoteKey: '7', ...twin } as Twin;
    const locks = new Map<string, Promise<unknown>>();
    const itemsRead: string[] = [];
    const context = {
      store: {
        listConnections: async () => [connection],
        getSetting: async () => undefined,
        listTriggers: async () => [],
        getTwinByLocalKey: async (_connectionId: string, key: string) => (key === stored.localKey ? stored : undefined),
        runExclusive: async <T>(key: string, work: () => Promise<T>): Promise<T> => {
          const before = locks.get(key) ?? Promise.resolve();
          const running = before.then(work);
          locks.set(
            key,
            running.catch(() => undefined),
          );
          return running;
        },
      },
      tracker: {
        kind: 'jira-cloud',
        getItem: async (key: string) => {
          itemsRead.push(key);
          return undefined;
        },
        batch: { readUpdatedTimes: async (keys: readonly string[]) => new Map(keys.map((key) => [key, trackerTime])) },
      },
    } as unknown as NodeContext;
    return { context, itemsRead, storeTwin: (next: Partial<Twin>) => (stored = { ...stored, ...next }) };
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
});
