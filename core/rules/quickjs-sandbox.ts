import type { Result } from '../result';
import { createQuickJsRunner } from './quickjs-runner';
import type { ScriptError } from './script-error';
import { scriptRunRequestOf, scriptRunResultOf } from './script-run-request';
import { defaultScriptRunLimits, type ScriptProgramV1, type ScriptRunLimits, type ScriptSandboxV1 } from './script-sandbox';

export interface QuickJsSandboxOptions {
  /** Heap for a run; fixed for the sandbox because it caps the interpreter's WebAssembly memory. */
  readonly memoryBytes?: number;
  /** Defaults for every run; a program's own limits override them. */
  readonly limits?: Partial<ScriptRunLimits>;
}

/**
 * Script mode's sandbox over QuickJS compiled to WebAssembly, on the calling thread: the same code
 * runs in Node, in browsers and in Forge, and a script can only reach what the harness gives it.
 *
 * The time limit is QuickJS's interrupt handler, which runs between steps of the script: a run
 * stuck inside one built-in (an indexOf over megabytes of text, a sort of a huge list) holds the
 * calling thread until the built-in returns. The node therefore runs the same runner in worker
 * threads under a watchdog (hosts/node/script-sandbox/); this in-process one is for Forge, where
 * each invocation has its own process, and for unit tests.
 */
export function createQuickJsSandbox(options: QuickJsSandboxOptions = {}): ScriptSandboxV1 {
  const runner = createQuickJsRunner(options.memoryBytes === undefined ? {} : { memoryBytes: options.memoryBytes });
  const defaults: ScriptRunLimits = { ...defaultScriptRunLimits, ...options.limits };
  return {
    async run<T>(program: ScriptProgramV1<T>): Promise<Result<T, ScriptError>> {
      const request = scriptRunRequestOf(program, defaults);
      if (!request.ok) return request;
      return scriptRunResultOf(await runner.run(request.value), program);
    },
    dispose(): void {
      runner.dispose();
    },
  };
}
