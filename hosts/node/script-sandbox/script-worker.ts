import { parentPort, workerData } from 'node:worker_threads';
// The runner's own module rather than core/index.ts: the worker then bundles the interpreter
// alone (0.9 MB instead of 1.8 MB with the rest of core and zod), which halves the time a
// replacement thread takes to be ready after the watchdog stopped one (about 80 ms instead of 200).
import { createQuickJsRunner } from '../../../core/rules/quickjs-runner';
import type { ScriptWorkerMessage, ScriptWorkerRunMessage, ScriptWorkerSettings } from './script-worker-messages';

/**
 * A script worker thread: one QuickJS interpreter, loaded once and kept warm, running one request
 * at a time for the pool in worker-script-sandbox.ts. Each run still gets a fresh QuickJS runtime
 * and context with the run's own time, stack and memory limits. When a run is stuck inside a
 * built-in, the main thread terminates this whole thread; nothing here needs to cooperate.
 */
function serve(): void {
  const port = parentPort;
  if (port === null) throw new Error('script-worker.ts runs as a worker thread of the node, not on its own.');
  const settings = workerData as ScriptWorkerSettings;
  const runner = createQuickJsRunner({ memoryBytes: settings.memoryBytes });
  const post = (message: ScriptWorkerMessage) => port.postMessage(message);

  port.on('message', (message: ScriptWorkerRunMessage) => {
    runner.run(message.request).then(
      (answer) => {
        // After a run that broke the interpreter (out of memory), the next is loaded before this
        // thread takes another run: loading inside a run would count against that run's limit.
        const ready = runner.isWarm();
        post({ type: 'answer', id: message.id, answer, ready });
        if (!ready) void runner.warm().then(() => post({ type: 'ready' }));
      },
      (error: unknown) => {
        post({ type: 'defect', id: message.id, message: error instanceof Error ? error.message : String(error), ready: runner.isWarm() });
        if (!runner.isWarm()) void runner.warm().then(() => post({ type: 'ready' }));
      },
    );
  });
  // A failure to load is thrown out of the thread: the main thread sees it as the worker's 'error'.
  void runner.warm().then(() => post({ type: 'ready' }));
}

serve();
