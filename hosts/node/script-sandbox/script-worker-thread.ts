import { Worker } from 'node:worker_threads';
import { ScriptError, scriptFailureOf, scriptTimeLimitError, type ScriptRunAnswer, type ScriptRunRequest } from '../../../core';
import { scriptWorkerMessageSchema, type ScriptWorkerRunMessage, type ScriptWorkerSettings } from './script-worker-messages';
import type { ScriptWorkerSource } from './script-worker-source';

export interface ScriptWorkerThreadOptions {
  readonly source: ScriptWorkerSource;
  readonly settings: ScriptWorkerSettings;
  /** How long past a run's time limit the watchdog waits for the interpreter's own stop. */
  readonly graceMilliseconds: number;
  /** The thread is ready for its first run, or ready again after one. */
  readonly onIdle: (thread: ScriptWorkerThread) => void;
  /** The thread is gone (stopped by the watchdog, crashed, or never started); `error` when it broke. */
  readonly onGone: (thread: ScriptWorkerThread, error: Error | null) => void;
}

/**
 * The worker's own JavaScript heap. Scripts allocate inside QuickJS's WebAssembly memory, which
 * has its own cap; this heap only holds one run's input and output text (a few megabytes at most).
 * A worker that outgrows it is stopped by Node with ERR_WORKER_OUT_OF_MEMORY, not the node.
 */
const workerHeapMegabytes = 128;

interface RunInFlight {
  readonly id: number;
  readonly request: ScriptRunRequest;
  readonly resolve: (answer: ScriptRunAnswer) => void;
  readonly reject: (error: Error) => void;
  readonly watchdog: NodeJS.Timeout;
}

/**
 * One worker thread running scripts, one at a time, under a watchdog. QuickJS stops a script
 * between its steps when the time limit passes, but not inside a built-in (a long indexOf, a sort
 * of a huge list): such a run would hold its thread for as long as the built-in takes. The
 * watchdog is a timer on the main thread, which the script cannot hold: when the limit and a small
 * grace have passed, it terminates the thread (V8 stops WebAssembly at its next loop or call
 * check), answers the run with the time-limit error, and the pool starts a fresh thread.
 */
export class ScriptWorkerThread {
  private readonly worker: Worker;
  private inFlight: RunInFlight | null = null;
  private nextId = 1;
  private gone = false;

  constructor(private readonly options: ScriptWorkerThreadOptions) {
    const resourceLimits = { maxOldGenerationSizeMb: workerHeapMegabytes };
    const { source, settings } = options;
    this.worker =
      'file' in source
        ? new Worker(source.file, { workerData: settings, resourceLimits })
        : new Worker(source.code, { eval: true, workerData: settings, resourceLimits });
    this.worker.on('message', (message: unknown) => this.receive(message));
    this.worker.on('error', (error) => this.end(error));
    this.worker.on('exit', (code) => this.end(new Error(`The script worker stopped unexpectedly (exit code ${code}).`)));
  }

  /** Runs one request; the pool hands a thread one run at a time. */
  run(request: ScriptRunRequest): Promise<ScriptRunAnswer> {
    if (this.inFlight !== null || this.gone) throw new Error('A script worker was handed a run while it was busy or gone.');
    const id = this.nextId++;
    return new Promise<ScriptRunAnswer>((resolve, reject) => {
      const watchdog = setTimeout(() => this.stopRun(id), request.limits.timeoutMilliseconds + this.options.graceMilliseconds);
      this.inFlight = { id, request, resolve, reject, watchdog };
      this.worker.ref();
      // The interpreter's own stop counts from now too, so it comes first whenever it can (with the
      // script's line) and the watchdog only ends runs stuck where the interpreter cannot look.
      const message: ScriptWorkerRunMessage = { id, request: { ...request, clockStartedAt: performance.timeOrigin + performance.now() } };
      this.worker.postMessage(message);
    });
  }

  /** Ends the thread; a run still in it is refused with `reason`. */
  terminate(reason: Error): void {
    this.end(reason);
  }

  private receive(raw: unknown): void {
    const parsed = scriptWorkerMessageSchema.safeParse(raw);
    if (!parsed.success) {
      this.end(new Error(`The script worker sent a message the node does not understand: ${parsed.error.message}`));
      return;
    }
    const message = parsed.data;
    if (message.type === 'ready') {
      this.becomeIdle();
      return;
    }
    const run = this.inFlight;
    if (run === null || run.id !== message.id) return;
    clearTimeout(run.watchdog);
    this.inFlight = null;
    if (message.type === 'defect') run.reject(new Error(message.message));
    else run.resolve(message.answer);
    if (message.ready) this.becomeIdle();
    else this.worker.unref();
  }

  private becomeIdle(): void {
    if (this.gone) return;
    // An idle worker does not keep the process alive; a run in it does (see run).
    this.worker.unref();
    this.options.onIdle(this);
  }

  /** The watchdog: the run is past its limit and grace, and is most likely inside a built-in. */
  private stopRun(id: number): void {
    const run = this.inFlight;
    if (run === null || run.id !== id) return;
    this.inFlight = null;
    run.resolve({ ok: false, failure: scriptFailureOf(scriptTimeLimitError(run.request.scriptName, run.request.limits.timeoutMilliseconds)) });
    this.end(null);
  }

  private end(error: Error | null): void {
    if (this.gone) return;
    this.gone = true;
    const run = this.inFlight;
    this.inFlight = null;
    if (run !== null) {
      clearTimeout(run.watchdog);
      if (isWorkerOutOfMemory(error)) run.resolve({ ok: false, failure: scriptFailureOf(workerMemoryError(run.request.scriptName)) });
      else run.reject(error ?? new Error('The script worker stopped while a script ran.'));
    }
    void this.worker.terminate();
    this.options.onGone(this, isWorkerOutOfMemory(error) ? null : error);
  }
}

/** Node's code when a worker passes its resourceLimits. */
function isWorkerOutOfMemory(error: Error | null): boolean {
  return error !== null && 'code' in error && error.code === 'ERR_WORKER_OUT_OF_MEMORY';
}

function workerMemoryError(scriptName: string): ScriptError {
  return new ScriptError({
    kind: 'memory',
    scriptName,
    detail: 'it was stopped when its input or output outgrew the memory of the thread it ran on; send or set less.',
  });
}
