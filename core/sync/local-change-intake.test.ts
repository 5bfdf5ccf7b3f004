import type { Connection } from '../connection/connection';
import type { NodeContext } from '../node/node-context';
import type { Twin } from './sync-records';
import { LocalChangeIntake } from './local-change-intake';

/**
 * Events gathered while others are judged, with the items' times their deliveries carried: a time
 * is used only when it is the one event of its item in the group, since deliveries may arrive in
 * any order and an older event's time must not hide a newer change.
 */
describe('LocalChangeIntake and the times events carry', () => {
  const connection = { id: 'con_1', status: 'active', peer: { nodeId: 'node_peer' } } as unknown as Connection;
  const writtenAt = '2026-12-07T05:00:01.000Z';
  const later = '2026-12-07T05:00:02.000Z';

  function node() {
    const timesRead: (readonly string[])[] = [];
    const itemsRead: string[] = [];
    const context = {
      store: {
        listConnections: async () => [connection],
        getSetting: async () => undefined,
        listTriggers: async () => [],
        getTwinByLocalKey: async (connectionId: string, localKey: string) =>
          ({ connectionId, localKey, remoteKey: `r-${localKey}`, lastWrittenUpdated: writtenAt }) as Twin,
        runExclusive: async <T>(_key: string, work: () => Promise<T>): Promise<T> => work(),
      },
      tracker: {
        kind: 'jira-cloud',
        getItem: async (key: string) => {
          itemsRead.push(key);
          return undefined;
        },
        // The tracker says every item changed since the node's write.
        batch: {
          readUpdatedTimes: async (keys: readonly string[]) => {
            timesRead.push(keys);
            return new Map(keys.map((key) => [key, later]));
          },
        },
      },
      signals: { notify: () => undefined },
      logger: { warn: () => undefined },
    } as unknown as NodeContext;
    return { intake: new LocalChangeIntake(context, { maximumGroup: 200 }), timesRead, itemsRead };
  }

  it('judges an event by the time it carried: the echo of the node’s write costs no tracker call', async () => {
    const { intake, timesRead, itemsRead } = node();
    intake.note(['SUP-1'], new Map([['SUP-1', writtenAt]]));
    await intake.settled();
    expect(timesRead).toEqual([]);
    expect(itemsRead).toEqual([]);
  });

  it('asks the tracker for the time of an item whose event carried none, or carried another item’s', async () => {
    const { intake, timesRead } = node();
    intake.note(['SUP-1'], new Map([['SUP-2', writtenAt]]));
    await intake.settled();
    expect(timesRead).toEqual([['SUP-1']]);
  });

  it('asks the tracker when two events of one item gathered, whichever carried which time', async () => {
    const { intake, timesRead, itemsRead } = node();
    intake.note(['SUP-9']); // judged at once; the next ones gather meanwhile
    intake.note(['SUP-1'], new Map([['SUP-1', later]]));
    intake.note(['SUP-1'], new Map([['SUP-1', writtenAt]]));
    intake.note(['SUP-2'], new Map([['SUP-2', writtenAt]]));
    intake.note(['SUP-3'], new Map([['SUP-3', writtenAt]]));
    intake.note(['SUP-3']);
    await intake.settled();
    expect(timesRead).toEqual([['SUP-9'], ['SUP-1', 'SUP-3']]);
    // The tracker's answer is past the write for every item it was asked about; SUP-2 was the echo by its own time.
    expect(itemsRead).toEqual(['SUP-9', 'SUP-1', 'SUP-3']);
  });
});
