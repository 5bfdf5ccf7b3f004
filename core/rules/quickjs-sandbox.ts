import type { QuickJSContext, QuickJSHandle } from 'quickjs-emscripten-core';
import { parseJson } from '../encoding/json';
import { err, ok, type Result } from '../result';
import { isAtMemoryCeiling, loadQuickJsEngine, type QuickJsEngine } from './quickjs-engine';
import { readThrownValue, scriptErrorFromHostFailure, scriptErrorFromThrown, type StopReason } from './quickjs-failure';
import { ScriptError, scriptFileName } from './script-error';
import { defaultScriptMemoryBytes, defaultScriptRunLimits, maximumScriptCharacters, type ScriptProgramV1, type ScriptRunLimits, type ScriptSandboxV1 } from './script-sandbox';

export interface QuickJsSandboxOptions {
  /** Heap for a run; fixed for the sandbox because it caps the interpreter's WebAssembly memory. */
  readonly memoryBytes?: number;
  /** Defaults for every run; a program's own limits override them. */
  readonly limits?: Partial<ScriptRunLimits>;
}

/** The script becomes the body of a function; the header is one line, so line N of the script is line N + 1. */
const headerLines = 1;

/**
 * The language without what sync scripts have no use for: no typed arrays or ArrayBuffer (binary
 * data, and a third of the cost of a new context) and no Promise (scripts are synchronous, so no
 * job can outlive its run).
 */
const scriptIntrinsics = { BaseObjects: true, Date: true, Eval: true, StringNormalize: true, RegExp: true, JSON: true, Proxy: true, MapSet: true } as const;

/**
 * Script mode's sandbox over QuickJS compiled to WebAssembly: the same code runs in Node, in
 * browsers and in Forge, and a script can only reach what the harness gives it. The interpreter
 * is loaded once per sandbox (tens of milliseconds); each run then gets a fresh runtime and
 * context (about 0.2 ms), so nothing a script does (a polluted prototype, a global) survives it.
 * Runs are synchronous inside `run`, so concurrent calls simply take turns.
 */
export function createQuickJsSandbox(options: QuickJsSandboxOptions = {}): ScriptSandboxV1 {
  const memoryBytes = options.memoryBytes ?? defaultScriptMemoryBytes;
  const defaults: ScriptRunLimits = { ...defaultScriptRunLimits, ...options.limits };
  let loading: Promise<QuickJsEngine> | undefined;

  function engine(): Promise<QuickJsEngine> {
    loading ??= loadQuickJsEngine(memoryBytes).catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
    return loading;
  }

  return {
    async run<T>(program: ScriptProgramV1<T>): Promise<Result<T, ScriptError>> {
      const limits: ScriptRunLimits = { ...defaults, ...program.limits };
      if (program.script.length > maximumScriptCharacters) {
        const detail = `it has ${program.script.length} characters and a script may have at most ${maximumScriptCharacters}.`;
        return err(new ScriptError({ kind: 'script_too_large', scriptName: program.scriptName, detail }));
      }
      const loaded = await engine();
      const drop = async (): Promise<void> => {
        if (loading !== undefined && (await loading) === loaded) loading = undefined;
      };
      try {
        const outcome = runProgram(loaded, program, limits);
        if (outcome.engineBroken) await drop();
        return outcome.result;
      } catch (error) {
        // A throw out of the WebAssembly leaves the interpreter's state unknown: never reuse it.
        await drop();
        if (error instanceof HarnessDefect) throw error;
        return err(scriptErrorFromHostFailure(error, program.scriptName, isAtMemoryCeiling(loaded)));
      }
    },
    dispose(): void {
      loading = undefined;
    },
  };
}

interface RunOutcome<T> {
  readonly result: Result<T, ScriptError>;
  /** The interpreter refused to free the run (an assertion after out of memory): load a new one. */
  readonly engineBroken: boolean;
}

/**
 * One run in a fresh runtime. When the WebAssembly throws, nothing is disposed: the engine is
 * dropped whole, and disposing into a broken heap would only abort again and hide the cause.
 */
function runProgram<T>(engine: QuickJsEngine, program: ScriptProgramV1<T>, limits: ScriptRunLimits): RunOutcome<T> {
  const deadline = performance.now() + limits.timeoutMilliseconds;
  let stopReason: StopReason = null;
  const runtime = engine.module.newRuntime();
  // A guard for single huge allocations; the engine's capped memory is the limit that holds.
  runtime.setMemoryLimit(engine.memoryCeilingBytes);
  runtime.setMaxStackSize(limits.stackBytes);
  runtime.setInterruptHandler(() => {
    if (performance.now() <= deadline) return false;
    stopReason = 'timeout';
    return true;
  });
  const context = runtime.newContext({ intrinsics: scriptIntrinsics });
  const handles: QuickJSHandle[] = [];
  const result = runInContext(context, engine, program, limits, handles, () => stopReason);
  const engineBroken = !disposeAll([...handles, context, runtime]);
  return { result, engineBroken };
}

function disposeAll(disposables: readonly { readonly alive: boolean; dispose(): void }[]): boolean {
  try {
    for (const disposable of disposables) if (disposable.alive) disposable.dispose();
    return true;
  } catch {
    return false;
  }
}

/** Compiles and calls; every handle it makes goes into `handles` for the caller to dispose. */
function runInContext<T>(context: QuickJSContext, engine: QuickJsEngine, program: ScriptProgramV1<T>, limits: ScriptRunLimits, handles: QuickJSHandle[], stopReason: () => StopReason): Result<T, ScriptError> {
  const failure = (phase: 'compile' | 'run', handle: QuickJSHandle): ScriptError => {
    const thrown = readThrownValue(context, handle);
    const atMemoryCeiling = isAtMemoryCeiling(engine);
    return scriptErrorFromThrown(thrown, { scriptName: program.scriptName, phase, headerLines, stopReason: stopReason(), atMemoryCeiling, timeoutMilliseconds: limits.timeoutMilliseconds });
  };
  const harness = context.evalCode(program.harness, '<harness>', { type: 'global', strict: true });
  if (harness.error) {
    handles.push(harness.error);
    const thrown = readThrownValue(context, harness.error);
    throw new HarnessDefect(`The script harness does not compile: ${thrown.name ?? ''} ${thrown.message}`);
  }
  handles.push(harness.value);

  const wrapped = `(function (${program.parameters.join(', ')}) { 'use strict';\n${program.script}\n})`;
  const compiled = context.evalCode(wrapped, scriptFileName, { type: 'global' });
  if (compiled.error) {
    handles.push(compiled.error);
    return err(failure('compile', compiled.error));
  }
  handles.push(compiled.value);
  if (context.typeof(compiled.value) !== 'function') {
    return err(new ScriptError({ kind: 'syntax', scriptName: program.scriptName, detail: 'it closes the function it runs in; remove the unmatched closing bracket.' }));
  }

  const input = context.newString(JSON.stringify(program.input));
  handles.push(input);
  const called = context.callFunction(harness.value, context.undefined, input, compiled.value);
  if (called.error) {
    handles.push(called.error);
    return err(failure('run', called.error));
  }
  handles.push(called.value);
  return readOutput(context, called.value, program, limits);
}

/** A bug in the harness the host supplied, not in the admin's script: it is thrown, not returned. */
class HarnessDefect extends Error {}

function readOutput<T>(context: QuickJSContext, handle: QuickJSHandle, program: ScriptProgramV1<T>, limits: ScriptRunLimits): Result<T, ScriptError> {
  const invalid = (detail: string): Result<T, ScriptError> => err(new ScriptError({ kind: 'invalid_output', scriptName: program.scriptName, detail }));
  if (context.typeof(handle) !== 'string') return invalid('the harness returned no result.');
  const length = context.getProp(handle, 'length');
  const characters = context.getNumber(length);
  length.dispose();
  if (characters > limits.outputCharacters) {
    const detail = `it produced ${characters} characters of data and a run may return at most ${limits.outputCharacters}; send or set less (large comments, attachments listed many times, huge custom fields).`;
    return err(new ScriptError({ kind: 'output_too_large', scriptName: program.scriptName, detail }));
  }
  const parsed = parseJson(context.getString(handle), program.output);
  return parsed.ok ? ok(parsed.value) : invalid(`${parsed.reason}.`);
}
