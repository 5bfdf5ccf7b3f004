import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';

export interface WorkerProcess {
  readonly name: string;
  readonly child: ChildProcess;
  /** Resolves once the node is up (store opened, engine running). */
  readonly ready: Promise<void>;
  readonly exited: Promise<{ readonly code: number | null; readonly signal: NodeJS.Signals | null }>;
  /** What the worker logged (warnings and errors), for a failure message. */
  stderr(): string;
}

export interface FleetOptions {
  readonly databaseUrl: string;
  readonly nodeName: string;
  readonly trackerSchema: string;
}

const repositoryRoot = join(__dirname, '..', '..');

/** Every process of one node must open the same sealed secrets: one key for the whole fleet. */
export function startWorkers(count: number, options: FleetOptions): WorkerProcess[] {
  const secretKey = randomBytes(32).toString('base64');
  return Array.from({ length: count }, (_, index) => startWorker(`worker-${index}`, options, secretKey));
}

function startWorker(name: string, options: FleetOptions, secretKey: string): WorkerProcess {
  // `node --import tsx` runs the TypeScript in this very process: a signal reaches the worker,
  // not a launcher that would outlive it.
  const child = spawn(process.execPath, ['--import', 'tsx', join('test', 'scale', 'worker-process.ts')], {
    cwd: repositoryRoot,
    env: {
      ...process.env,
      DATABASE_URL: options.databaseUrl,
      NODE_NAME: options.nodeName,
      TRACKER_SCHEMA: options.trackerSchema,
      WORKER_NAME: name,
      NODE_SECRET_KEY: secretKey,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let logged = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    logged = (logged + chunk.toString('utf8')).slice(-20_000);
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString('utf8').includes('ready')) resolve();
    });
    void exited.then(({ code, signal }) => reject(new Error(`${name} exited before it was ready (code ${code}, signal ${signal}): ${logged}`)));
  });
  return { name, child, ready, exited, stderr: () => logged };
}

/** Stops every worker still running: SIGTERM, then SIGKILL for one that does not exit in time. */
export async function stopWorkers(workers: readonly WorkerProcess[], timeoutMs = 15_000): Promise<void> {
  await Promise.all(
    workers.map(async (worker) => {
      if (worker.child.exitCode !== null || worker.child.signalCode !== null) return;
      worker.child.kill('SIGTERM');
      const timer = setTimeout(() => worker.child.kill('SIGKILL'), timeoutMs);
      await worker.exited;
      clearTimeout(timer);
    }),
  );
}
