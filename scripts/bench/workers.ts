import { readdirSync, readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import type { Connection } from '../../core';
import { schemaForNode } from '../../hosts/node/store/postgres-pool';
import { PostgresStore } from '../../hosts/node/store/postgres-store';
import { countInbound, connectionIdOf, seedScaleNode, type ScaleShape } from '../../test/scale/scale-fixture';
import { TableTracker } from '../../test/scale/table-tracker';
import { startWorkers, stopWorkers } from '../../test/scale/worker-fleet';
import { startPostgresServer, uniqueSchemaName, type PostgresServer } from '../../test/support/postgres-server';

/**
 * Changes applied per second by 1, 2 and 4 node processes sharing one node on PostgreSQL: real
 * node processes (startNode, the engine, QuickJS scripts, claims with SKIP LOCKED, advisory
 * locks), a tracker that is a PostgreSQL table (so the tracker costs little and the product's
 * own cost shows). The inbox is filled while the connections are deactivated; the clock starts
 * when they are activated and stops when every change is applied.
 *
 * The machine may be shared, so each figure is the best of `runs` runs, and each line says how
 * busy the CPUs were and how that time split between the node processes, PostgreSQL and the
 * rest (this script's polling, and anything else running).
 *
 * Run: npx tsx scripts/bench/workers.ts [changesPerItem=10] [runs=3]
 * Uses DATABASE_URL when set, else starts a throwaway PostgreSQL from Debian's binaries.
 */
const changesPerItem = Number(process.argv[2] ?? 10);
const runs = Number(process.argv[3] ?? 3);
const workerCounts = [1, 2, 4];
const scenarios: readonly { readonly title: string; readonly shape: ScaleShape }[] = [
  { title: '8 connections x 25 items', shape: { connections: 8, itemsPerConnection: 25, changesPerItem } },
  { title: '1 connection x 50 items', shape: { connections: 1, itemsPerConnection: 50, changesPerItem } },
];

async function main(): Promise<void> {
  let server: PostgresServer | undefined;
  const url = process.env['DATABASE_URL'] || (server = await startPostgresServer()).url;
  try {
    process.stdout.write(
      `machine: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), ${Math.round(totalmem() / 2 ** 30)} GiB; PostgreSQL ${server ? 'throwaway, fsync off' : 'from DATABASE_URL'}\n`,
    );
    for (const scenario of scenarios) {
      const total = scenario.shape.connections * scenario.shape.itemsPerConnection * scenario.shape.changesPerItem;
      for (const workers of workerCounts) {
        const measured: Measurement[] = [];
        for (let run = 0; run < runs; run++) measured.push(await measure(url, scenario.shape, workers));
        const best = measured.reduce((left, right) => (right.perSecond > left.perSecond ? right : left));
        process.stdout.write(
          `${scenario.title}, ${total} changes, ${workers} worker${workers === 1 ? ' ' : 's'}: ${best.perSecond.toFixed(0)} changes/s` +
            ` (runs: ${measured.map((each) => each.perSecond.toFixed(0)).join(', ')}; CPU busy ${percent(best.machineBusy)}: node processes ${percent(best.workerShare)}, PostgreSQL ${percent(best.postgresShare)})\n`,
        );
      }
    }
  } finally {
    await server?.stop();
  }
}

interface Measurement {
  readonly perSecond: number;
  /** Share of all CPUs' time that was busy during the run. */
  readonly machineBusy: number;
  /** Shares of that busy time. */
  readonly workerShare: number;
  readonly postgresShare: number;
}

async function measure(url: string, shape: ScaleShape, workerCount: number): Promise<Measurement> {
  const nodeName = uniqueSchemaName('bench');
  const trackerSchema = uniqueSchemaName('bench_tracker');
  await TableTracker.createTables(url, trackerSchema);
  const total = await seedScaleNode(url, nodeName, shape);
  const store = await PostgresStore.open({ url, schema: schemaForNode(nodeName) });
  await setStatus(store, shape, 'deactivated');
  const workers = startWorkers(workerCount, { databaseUrl: url, nodeName, trackerSchema });
  try {
    await Promise.all(workers.map((worker) => worker.ready));
    const pids = workers.map((worker) => worker.child.pid ?? 0);
    const machineBefore = machineTicks();
    const workersBefore = processTicks(pids);
    const postgresBefore = postgresTicks();
    const startedAt = performance.now();
    await setStatus(store, shape, 'active');
    const deadline = Date.now() + 10 * 60_000;
    while ((await countInbound(store, shape)).done < total) {
      if (Date.now() > deadline) throw new Error(`not done after 10 minutes: ${workers.map((worker) => worker.stderr()).join('\n')}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const seconds = (performance.now() - startedAt) / 1000;
    const machineAfter = machineTicks();
    const busy = machineAfter.busy - machineBefore.busy;
    return {
      perSecond: total / seconds,
      machineBusy: busy / (machineAfter.total - machineBefore.total),
      workerShare: (processTicks(pids) - workersBefore) / busy,
      postgresShare: sumChange(postgresBefore, postgresTicks()) / busy,
    };
  } finally {
    await stopWorkers(workers);
    await store.close();
  }
}

async function setStatus(store: PostgresStore, shape: ScaleShape, status: Connection['status']): Promise<void> {
  for (let connection = 0; connection < shape.connections; connection++) {
    const stored = await store.getConnection(connectionIdOf(connection));
    if (stored) await store.updateConnection({ ...stored, status, updatedAt: Date.now() });
  }
}

/** All CPUs' time from /proc/stat, in clock ticks: busy is everything but idle and I/O wait. */
function machineTicks(): { busy: number; total: number } {
  const fields = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/).slice(1).map(Number);
  const total = fields.reduce((sum, value) => sum + value, 0);
  return { busy: total - (fields[3] ?? 0) - (fields[4] ?? 0), total };
}

/** User and system time of the given processes, in clock ticks (fields 14 and 15 of /proc/<pid>/stat). */
function processTicks(pids: readonly number[]): number {
  return pids.reduce((sum, pid) => {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8')
      .replace(/^.*\) /, '')
      .split(' ');
    return sum + Number(fields[11]) + Number(fields[12]);
  }, 0);
}

/** Ticks of every PostgreSQL server process by pid (a backend lives as long as its pooled connection). */
function postgresTicks(): Map<number, number> {
  const ticks = new Map<number, number>();
  for (const entry of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      if (!readFileSync(`/proc/${entry}/comm`, 'utf8').startsWith('postgres')) continue;
      ticks.set(Number(entry), processTicks([Number(entry)]));
    } catch {
      // The process ended while being read.
    }
  }
  return ticks;
}

function sumChange(before: ReadonlyMap<number, number>, after: ReadonlyMap<number, number>): number {
  let sum = 0;
  for (const [pid, ticks] of after) sum += ticks - (before.get(pid) ?? 0);
  return sum;
}

const percent = (share: number) => `${Math.round(share * 100)}%`;

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
