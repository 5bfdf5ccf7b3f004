import { schemaForNode } from '../../hosts/node/store/postgres-pool';
import { PostgresStore } from '../../hosts/node/store/postgres-store';
import { postgresForTests, uniqueSchemaName } from '../support/postgres-server';
import { waitFor } from '../support/wait-for';
import { connectionIdOf, countInbound, seedScaleNode, sourceKeyOf, summaryOf, type ScaleShape } from './scale-fixture';
import { TableTracker } from './table-tracker';
import { startWorkers, stopWorkers, type WorkerProcess } from './worker-fleet';

const shape: ScaleShape = { connections: 5, itemsPerConnection: 10, changesPerItem: 20 };
const totalChanges = shape.connections * shape.itemsPerConnection * shape.changesPerItem;

jest.setTimeout(110_000);

describe('three node processes on one PostgreSQL node', () => {
  let workers: WorkerProcess[] = [];
  afterEach(async () => {
    await stopWorkers(workers);
  });

  it('apply 1,000 changes exactly once and in order per item, though one is killed mid-way', async () => {
    const url = await postgresForTests();
    const nodeName = uniqueSchemaName('scale');
    const trackerSchema = uniqueSchemaName('scale_tracker');
    await TableTracker.createTables(url, trackerSchema);
    expect(await seedScaleNode(url, nodeName, shape)).toBe(totalChanges);

    workers = startWorkers(3, { databaseUrl: url, nodeName, trackerSchema });
    await Promise.all(workers.map((worker) => worker.ready));
    const [victim, ...survivors] = workers as [WorkerProcess, WorkerProcess, WorkerProcess];
    const store = await PostgresStore.open({ url, schema: schemaForNode(nodeName) });
    try {
      const diagnostics = () => workers.map((worker) => `${worker.name}: ${worker.stderr()}`).join('\n');
      // Mid-way: the victim is writing and most of the work is still ahead.
      await waitFor(
        'the victim to have applied some changes',
        async () => {
          const writes = await TableTracker.readWrites(url, trackerSchema);
          return writes.filter((write) => write.writer === victim.name).length >= 10 && writes.length >= 200;
        },
        60_000,
      );
      victim.child.kill('SIGKILL');
      expect((await victim.exited).signal).toBe('SIGKILL');
      const leftAtKill = await countInbound(store, shape);
      expect(leftAtKill.done).toBeLessThan(totalChanges);
      // The victim's claims wait for their lease to run out; let that time pass for the survivors.
      for (const survivor of survivors) survivor.child.kill('SIGUSR2');

      const finished = await waitFor(
        'every change to be applied',
        async () => {
          const counts = await countInbound(store, shape);
          return counts.done === totalChanges ? counts : undefined;
        },
        90_000,
      ).catch((error: Error) => {
        throw new Error(`${error.message}\n${diagnostics()}`);
      });
      expect(finished).toEqual({ queued: 0, in_flight: 0, done: totalChanges, failed: 0 });

      await stopWorkers(survivors);
      for (const survivor of survivors) expect(await survivor.exited).toEqual({ code: 0, signal: null });

      const writes = await TableTracker.readWrites(url, trackerSchema);
      const byItem = new Map<string, string[]>();
      for (const write of writes) byItem.set(write.item_key, [...(byItem.get(write.item_key) ?? []), `${write.operation} ${write.summary}`]);
      // One tracker item per remote item, each written once per change, in the order of the changes.
      expect(byItem.size).toBe(shape.connections * shape.itemsPerConnection);
      for (let connection = 0; connection < shape.connections; connection++) {
        const twins = await store.listTwins(connectionIdOf(connection));
        expect(twins).toHaveLength(shape.itemsPerConnection);
        for (let item = 0; item < shape.itemsPerConnection; item++) {
          const sourceKey = sourceKeyOf(connection, item);
          const twin = twins.find((each) => each.remoteKey === sourceKey);
          expect(twin).toMatchObject({ lastAppliedInboundSequence: shape.changesPerItem - 1, status: 'synchronized' });
          const expected = Array.from(
            { length: shape.changesPerItem },
            (_, sequence) => `${sequence === 0 ? 'create' : 'update'} ${summaryOf(sourceKey, sequence)}`,
          );
          expect(byItem.get(twin!.localKey)).toEqual(expected);
        }
      }
      expect(writes).toHaveLength(totalChanges);
      // Every process took part, the survivors finishing what the victim had claimed.
      for (const worker of workers) expect(writes.some((write) => write.writer === worker.name)).toBe(true);
      expect(await store.listErrors({ includeResolved: false })).toEqual([]);
    } finally {
      await store.close();
    }
  });
});
