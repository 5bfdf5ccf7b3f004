import type { QuickJSContext, QuickJSHandle } from 'quickjs-emscripten-core';
import { isAtMemoryCeiling, loadQuickJsEngine, type QuickJsEngine } from './quickjs-engine';
import { readThrownValue, scriptErrorFromHostFailure, scriptErrorFromThrown, type StopReason } from './quickjs-failure';
import { ScriptError, scriptFileName } from './script-error';
import { scriptFailureOf, type ScriptRunAnswer, type ScriptRunRequest } from './script-run-request';
import { defaultScriptMemoryBytes, defaultScriptRunLimits } from './script-sandbox';

export interface QuickJsRunnerOptions {
  /** Heap for a run; fixed for the runner because it caps the interpreter's WebAssembly memory. */
  readonly memoryBytes?: number;
}

/**
 * Runs requests in QuickJS on the calling thread. The node runs it inside worker threads (so a
 * watchdog can stop a run stuck inside a built-in); Forge and the unit tests run it in-process
 * through createQuickJsSandbox.
 */
export interface QuickJsRunner {
  /** Loads (and warms up) the interpreter now rather than on the first run. */
  warm(): Promise<void>;
  /** False after a run broke the interpreter and before the next one is loaded. */
  isWarm(): boolean;
  /** Answers with the harness's JSON or a failure; throws only for a bug in the harness. */
  run(request: ScriptRunRequest): Promise<ScriptRunAnswer>;
  /** Releases the interpreter; a later run loads it again. */
  dispose(): void;
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
 * The interpreter is loaded once per runner (tens of milliseconds); each run then gets a fresh
 * runtime and context (about 0.2 ms), so nothing a script does (a polluted prototype, a global)
 * survives it. Runs are synchronous inside `run`, so concurrent calls simply take turns.
 *
 * A runtime kept between runs (say one per connection, with a fresh context each run) would save
 * only the runtime's 0.015 ms and would not keep the memory limit: QuickJS frees a disposed
 * context's objects when the runtime next collects cycles, and every global is in a cycle with
 * its context. quickjs-emscripten offers no way to ask for that collection (JS_RunGC is not
 * exported), so a kept runtime carries a run's garbage into the next runs, and all runtimes share
 * the engine's capped memory. Disposing the runtime collects it at once.
 */
export function createQuickJsRunner(options: QuickJsRunnerOptions = {}): QuickJsRunner {
  const memoryBytes = options.memoryBytes ?? defaultScriptMemoryBytes;
  let loading: Promise<QuickJsEngine> | undefined;
  let loaded: QuickJsEngine | undefined;

  function engine(): Promise<QuickJsEngine> {
    if (loading !== undefined) return loading;
    const thisLoad: Promise<QuickJsEngine> = loadQuickJsEngine(memoryBytes)
      .then(warmedUp)
      .then((engine) => {
        // A dispose() during the load started over: this engine is no longer the runner's.
        if (loading === thisLoad) loaded = engine;
        return engine;
      })
      .catch((error: unknown) => {
        if (loading === thisLoad) loading = undefined;
        throw error;
      });
    loading = thisLoad;
    return thisLoad;
  }

  return {
    async warm(): Promise<void> {
      await engine();
    },
    isWarm(): boolean {
      return loading !== undefined && loaded !== undefined;
    },
    async run(request: ScriptRunRequest): Promise<ScriptRunAnswer> {
      const current = await engine();
      const drop = (): void => {
        if (loaded === current) {
          loading = undefined;
          loaded = undefined;
        }
      };
      try {
        const outcome = runRequest(current, request);
        if (outcome.engineBroken) drop();
        return outcome.answer;
      } catch (error) {
        // A throw out of the WebAssembly leaves the interpreter's state unknown: never reuse it.
        drop();
        if (error instanceof HarnessDefect) throw error;
        return failed(scriptErrorFromHostFailure(error, request.scriptName, isAtMemoryCeiling(current)));
      }
    },
    dispose(): void {
      loading = undefined;
      loaded = undefined;
    },
  };
}

/**
 * V8 compiles WebAssembly functions lazily, on their first call, so the first run of a new
 * interpreter spends tens of milliseconds (hundreds on a busy machine) compiling the parser and
 * the runtime: enough to put a trivial script over a 100 ms limit. One throwaway run, with no
 * limit that matters, compiles them before any real run's clock starts.
 */
function warmedUp(engine: QuickJsEngine): QuickJsEngine {
  const request: ScriptRunRequest = {
    scriptName: 'warm-up script',
    harness: '(function () { return function (inputJson, script) { return JSON.stringify(script(JSON.parse(inputJson))); }; })()',
    script: 'const copy = { ...input, list: input.list.map((each) => String(each)).sort() };\nreturn copy;',
    parameters: ['input'],
    inputJson: '{"list":[3,1,2]}',
    limits: { ...defaultScriptRunLimits, timeoutMilliseconds: 60_000 },
  };
  const outcome = runRequest(engine, request);
  if (outcome.engineBroken || !outcome.answer.ok) throw new Error('The script interpreter failed its warm-up run.');
  return engine;
}

function failed(error: ScriptError): ScriptRunAnswer {
  return { ok: false, failure: scriptFailureOf(error) };
}

interface RunOutcome {
  readonly answer: ScriptRunAnswer;
  /** The interpreter refused to free the run (an assertion after out of memory): load a new one. */
  readonly engineBroken: boolean;
}

/**
 * One run in a fresh runtime. When the WebAssembly throws, nothing is disposed: the engine is
 * dropped whole, and disposing into a broken heap would only abort again and hide the cause.
 */
function runRequest(engine: QuickJsEngine, request: ScriptRunRequest): RunOutcome {
  const startedAt = request.clockStartedAt === undefined ? performance.now() : request.clockStartedAt - performance.timeOrigin;
  const deadline = startedAt + request.limits.timeoutMilliseconds;
  let stopReason: StopReason = null;
  const runtime = engine.module.newRuntime();
  // A guard for single huge allocations; the engine's capped memory is the limit that holds.
  runtime.setMemoryLimit(engine.memoryCeilingBytes);
  runtime.setMaxStackSize(request.limits.stackBytes);
  // QuickJS calls this between steps of the script, not inside a built-in: a long indexOf or sort
  // runs to its end first. Where that matters, run the runner where a watchdog can stop the thread.
  runtime.setInterruptHandler(() => {
    if (performance.now() <= deadline) return false;
    stopReason = 'timeout';
    return true;
  });
  const context = runtime.newContext({ intrinsics: scriptIntrinsics });
  const handles: QuickJSHandle[] = [];
  const answer = runInContext(context, engine, request, handles, () => stopReason);
  const engineBroken = !disposeAll([...handles, context, runtime]);
  return { answer, engineBroken };
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
function runInContext(
  context: QuickJSContext,
  engine: QuickJsEngine,
  request: ScriptRunRequest,
  handles: QuickJSHandle[],
  stopReason: () => StopReason,
): ScriptRunAnswer {
  const failure = (phase: 'compile' | 'run', handle: QuickJSHandle): ScriptRunAnswer => {
    const thrown = readThrownValue(context, handle);
    const atMemoryCeiling = isAtMemoryCeiling(engine);
    return failed(
      scriptErrorFromThrown(thrown, {
        scriptName: request.scriptName,
        phase,
        headerLines,
        stopReason: stopReason(),
        atMemoryCeiling,
        timeoutMilliseconds: request.limits.timeoutMilliseconds,
      }),
    );
  };
  const harness = context.evalCode(request.harness, '<harness>', { type: 'global', strict: true });
  if (harness.error) {
    handles.push(harness.error);
    // On a busy machine the time limit can pass while the harness is still being set up: that is
    // the run's time limit, not a broken harness.
    if (stopReason() === 'timeout') return failure('run', harness.error);
    const thrown = readThrownValue(context, harness.error);
    throw new HarnessDefect(`The script harness does not compile: ${thrown.name ?? ''} ${thrown.message}`);
  }
  handles.push(harness.value);

  const wrapped = `(function (${request.parameters.join(', ')}) { 'use strict';\n${request.script}\n})`;
  const compiled = context.evalCode(wrapped, scriptFileName, { type: 'global' });
  if (compiled.error) {
    handles.push(compiled.error);
    return failure('compile', compiled.error);
  }
  handles.push(compiled.value);
  if (context.typeof(compiled.value) !== 'function') {
    return failed(
      new ScriptError({ kind: 'syntax', scriptName: request.scriptName, detail: 'it closes the function it runs in; remove the unmatched closing bracket.' }),
    );
  }

  const input = context.newString(request.inputJson);
  handles.push(input);
  const called = context.callFunction(harness.value, context.undefined, input, compiled.value);
  if (called.error) {
    handles.push(called.error);
    return failure('run', called.error);
  }
  handles.push(called.value);
  return readOutput(context, called.value, request);
}

/** A bug in the harness the host supplied, not in the admin's script: it is thrown, not returned. */
class HarnessDefect extends Error {}

/** The harness's JSON text, refused before it is copied out when it is over the output limit. */
function readOutput(context: QuickJSContext, handle: QuickJSHandle, request: ScriptRunRequest): ScriptRunAnswer {
  if (context.typeof(handle) !== 'string')
    return failed(new ScriptError({ kind: 'invalid_output', scriptName: request.scriptName, detail: 'the harness returned no result.' }));
  const length = context.getProp(handle, 'length');
  const characters = context.getNumber(length);
  length.dispose();
  if (characters > request.limits.outputCharacters) {
    const detail = `it produced ${characters} characters of data and a run may return at most ${request.limits.outputCharacters}; send or set less (large comments, attachments listed many times, huge custom fields).`;
    return failed(new ScriptError({ kind: 'output_too_large', scriptName: request.scriptName, detail }));
  }
  return { ok: true, outputJson: context.getString(handle) };
}
