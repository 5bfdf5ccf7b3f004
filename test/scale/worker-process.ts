import pg from 'pg';
import { tmpdir } from 'node:os';
import { ExalateError, type ClockV1, type TransportV1 } from '../../core';
import { createConsoleLogger } from '../../hosts/node/console-logger';
import { startNode } from '../../hosts/node/start-node';
import { TableTracker } from './table-tracker';

/**
 * One node process of the scale test and the worker benchmark: the real node (startNode: store,
 * engine, runner) on PostgreSQL, with the table tracker. Run as
 * `node --import tsx test/scale/worker-process.ts` (one process, so SIGKILL kills the worker
 * itself, not a launcher in front of it), with DATABASE_URL, NODE_NAME, TRACKER_SCHEMA,
 * WORKER_NAME and NODE_SECRET_KEY (every process of a node must open the same sealed secrets).
 *
 * SIGUSR2 moves this process's clock 10 minutes on: a test should not wait out the engine's
 * apply lease (core/sync/apply-inbound.ts), so it lets time pass for the survivors after
 * killing a worker.
 * SIGTERM shuts down gracefully and exits 0.
 */
async function main(): Promise<void> {
  const environment = process.env;
  const required = (name: string): string => {
    const value = environment[name];
    if (!value) throw new Error(`${name} is not set`);
    return value;
  };
  const worker = required('WORKER_NAME');
  const databaseUrl = required('DATABASE_URL');
  let skippedMs = 0;
  const clock: ClockV1 = { now: () => Date.now() + skippedMs };
  process.on('SIGUSR2', () => {
    skippedMs += 10 * 60_000;
  });
  const trackerPool = new pg.Pool({ connectionString: databaseUrl, max: 4 });
  const tracker = new TableTracker(trackerPool, required('TRACKER_SCHEMA'), worker);
  const logger = createConsoleLogger(worker, { quiet: true });
  const node = await startNode({
    name: required('NODE_NAME'),
    dataDirectory: tmpdir(),
    databaseUrl,
    nodeUrl: 'http://127.0.0.1:9/unused',
    tracker,
    logger,
    adminToken: 'scale-test-admin-token',
    clock,
    transport: refusingTransport,
    // The reconciler would only re-read what the workers wrote; once an hour is never here.
    reconcileIntervalMs: 3_600_000,
  });
  process.once('SIGTERM', () => {
    node.stopClaiming();
    void node
      .close({ graceMs: 5_000 })
      .then(() => trackerPool.end())
      .then(() => process.exit(0));
  });
  process.stdout.write('ready\n');
}

/** The peer is private: it fetches from this node, which never calls it. */
const refusingTransport: TransportV1 = {
  send: async () => {
    throw new ExalateError('destination_unreachable', 'The scale test has no peer to call.');
  },
};

main().catch((error: unknown) => {
  process.stderr.write(`worker failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
