import {
  defaultScriptMemoryBytes,
  defaultScriptRunLimits,
  scriptRunRequestOf,
  scriptRunResultOf,
  type Result,
  type ScriptError,
  type ScriptProgramV1,
  type ScriptRunAnswer,
  type ScriptRunLimits,
  type ScriptRunRequest,
  type ScriptSandboxV1,
} from '../../../core';
import { ProductScriptRunner } from './product-script-runner';
import { ScriptWorkerThread } from './script-worker-thread';
import { scriptWorkerSource, type ScriptWorkerSource } from './script-worker-source';

export interface WorkerScriptSandboxOptions {
  /** Worker threads, each with its own interpreter; runs beyond that wait their turn (default 2). */
  readonly workers?: number;
  /** Heap for a run; caps each worker's interpreter memory. */
  readonly memoryBytes?: number;
  /** Defaults for every run; a program's own limits override them. */
  readonly limits?: Partial<ScriptRunLimits>;
  /** How long past a run's time limit the watchdog waits before it stops the thread (default 50 ms). */
  readonly graceMilliseconds?: number;
  /** Where the worker's code comes from (default: the built file, or a bundle made on first use). */
  readonly workerSource?: () => Promise<ScriptWorkerSource>;
}

/**
 * Two threads: a stuck script stops after its limit anyway, so two keep a second run going
 * meanwhile, and each warm worker costs about 14 MB (its interpreter and its V8 heap).
 */
const defaultWorkers = 2;

/**
 * Covers what QuickJS's own stop may lag by (it checks the clock every few thousand steps) and
 * the hop to the thread, so a script in plain JavaScript still gets the interpreter's error with
 * its line, and a run stuck inside a built-in is stopped about when its limit passes.
 */
const defaultGraceMilliseconds = 50;

interface WaitingRun {
  readonly request: ScriptRunRequest;
  readonly resolve: (answer: ScriptRunAnswer) => void;
  readonly reject: (error: Error) => void;
}

/**
 * The node's script sandbox: the QuickJS runner in a small pool of warm worker threads, so no
 * script holds the node's event loop (the admin API, peers and the sync engine keep answering
 * while a script runs), and a watchdog that can stop a run stuck inside a built-in where QuickJS's
 * interrupt cannot (see ScriptWorkerThread). Only JSON text crosses to a worker and back; the
 * output schema is checked here. Threads start on the first runs and stay warm until dispose.
 * The product's own scripts, word for word, run on this thread in V8 instead (ProductScriptRunner):
 * no admin wrote them, and the interpreter was most of what a synced change cost.
 */
export function createWorkerScriptSandbox(options: WorkerScriptSandboxOptions = {}): ScriptSandboxV1 {
  const size = options.workers ?? defaultWorkers;
  if (!Number.isInteger(size) || size < 1) throw new Error(`A script sandbox needs at least one worker thread; it was given ${size}.`);
  const settings = { memoryBytes: options.memoryBytes ?? defaultScriptMemoryBytes };
  const graceMilliseconds = options.graceMilliseconds ?? defaultGraceMilliseconds;
  const defaults: ScriptRunLimits = { ...defaultScriptRunLimits, ...options.limits };
  // The worker's code is found (or bundled, when running from TypeScript) now, while the node
  // starts, so that the first script does not wait for it; threads start on the first runs.
  const workerSource = options.workerSource ?? scriptWorkerSource;
  workerSource().catch(() => {
    // Reported to the first run, which asks again.
  });
  // The product's own scripts need no interpreter; every other script goes to a worker.
  const productScripts = new ProductScriptRunner();
  const threads = new Set<ScriptWorkerThread>();
  const idle: ScriptWorkerThread[] = [];
  const waiting: WaitingRun[] = [];
  let starting = 0;
  // dispose() starts a new generation: threads still starting for the old one are not kept.
  let generation = 0;

  const dispatch = (): void => {
    while (waiting.length > 0 && idle.length > 0) {
      const thread = idle.pop()!;
      const run = waiting.shift()!;
      thread.run(run.request).then(run.resolve, run.reject);
    }
    while (waiting.length > starting && threads.size + starting < size) startThread();
  };

  const startThread = (): void => {
    const startedIn = generation;
    starting += 1;
    // Counted down once, whether the source came or not: a start that failed and stayed counted
    // would keep the pool from starting another thread and from failing the runs that wait.
    let counted = true;
    const started = () => {
      if (counted) starting -= 1;
      counted = false;
    };
    workerSource()
      .then((source: ScriptWorkerSource) => {
        started();
        if (startedIn !== generation) return;
        threads.add(new ScriptWorkerThread({ source, settings, graceMilliseconds, onIdle: threadIsIdle, onGone: threadIsGone }));
      })
      .catch((error: unknown) => {
        started();
        if (startedIn !== generation) return;
        if (threads.size === 0 && starting === 0) failWaiting(error instanceof Error ? error : new Error(String(error)));
      });
  };

  const threadIsIdle = (thread: ScriptWorkerThread): void => {
    idle.push(thread);
    dispatch();
  };

  const threadIsGone = (thread: ScriptWorkerThread, error: Error | null): void => {
    if (!threads.delete(thread)) return;
    const index = idle.indexOf(thread);
    if (index >= 0) idle.splice(index, 1);
    if (error === null) {
      // Stopped by the watchdog (or out of memory): a fresh thread takes its place, warm for the next run.
      if (threads.size + starting < size) startThread();
    } else if (threads.size === 0 && starting === 0) {
      // It broke, and no other thread is left to take the runs waiting for it.
      failWaiting(error);
    }
    dispatch();
  };

  const failWaiting = (error: Error): void => {
    for (const run of waiting.splice(0)) run.reject(new Error(`No script could run: ${error.message}`, { cause: error }));
  };

  return {
    async run<T>(program: ScriptProgramV1<T>): Promise<Result<T, ScriptError>> {
      const request = scriptRunRequestOf(program, defaults);
      if (!request.ok) return request;
      const answeredHere = productScripts.run(request.value);
      if (answeredHere !== undefined) return scriptRunResultOf(answeredHere, program);
      const answer = await new Promise<ScriptRunAnswer>((resolve, reject) => {
        waiting.push({ request: request.value, resolve, reject });
        dispatch();
      });
      return scriptRunResultOf(answer, program);
    },
    dispose(): void {
      const closed = new Error('The script sandbox was closed while a script ran.');
      generation += 1;
      const running = [...threads];
      threads.clear();
      idle.length = 0;
      failWaiting(closed);
      for (const thread of running) thread.terminate(closed);
    },
  };
}
