import type { QuickJSContext, QuickJSHandle } from 'quickjs-emscripten-core';
import { ScriptError, scriptPositionFromStack, type ScriptErrorKind } from './script-error';

/** What a script threw, read out of the interpreter as plain strings. */
export interface ThrownValue {
  readonly name: string | null;
  readonly message: string;
  readonly stack: string;
}

/** Why the host stopped the run from its interrupt handler, if it did. */
export type StopReason = 'timeout' | null;

/** Set by the harness on errors about the script's result rather than its code. */
export const outputErrorName = 'ScriptOutputError';

const maximumMessageCharacters = 1000;

/**
 * Reads an exception without trusting it: a script may throw anything (a string, an object with
 * throwing getters, a Proxy), so each property is read on its own and only strings are kept.
 */
export function readThrownValue(context: QuickJSContext, handle: QuickJSHandle): ThrownValue {
  const type = context.typeof(handle);
  if (type !== 'object' && type !== 'function') return { name: null, message: truncate(String(safeDump(context, handle))), stack: '' };
  const name = readStringProperty(context, handle, 'name');
  const message = readStringProperty(context, handle, 'message');
  const stack = readStringProperty(context, handle, 'stack') ?? '';
  if (name === null && message === null) return { name: null, message: 'a value that is not an Error', stack };
  return { name, message: truncate(message ?? ''), stack };
}

function readStringProperty(context: QuickJSContext, handle: QuickJSHandle, key: string): string | null {
  try {
    const property = context.getProp(handle, key);
    try {
      return context.typeof(property) === 'string' ? context.getString(property) : null;
    } finally {
      property.dispose();
    }
  } catch {
    return null;
  }
}

function safeDump(context: QuickJSContext, handle: QuickJSHandle): unknown {
  try {
    return context.dump(handle);
  } catch {
    return 'a value that cannot be shown';
  }
}

function truncate(text: string): string {
  return text.length > maximumMessageCharacters ? `${text.slice(0, maximumMessageCharacters)}…` : text;
}

/** QuickJS's own wording for the failures that are limits rather than bugs in the script. */
function kindOf(thrown: ThrownValue, phase: 'compile' | 'run', stopReason: StopReason, atMemoryCeiling: boolean): ScriptErrorKind {
  const isInternal = thrown.name === 'InternalError';
  if (isInternal && thrown.message === 'interrupted') return stopReason === 'timeout' ? 'timeout' : 'thrown';
  if (thrown.message === 'stack overflow' && (isInternal || thrown.name === 'SyntaxError' || thrown.name === 'RangeError')) return 'stack_overflow';
  if (isInternal && (thrown.message === 'out of memory' || thrown.message === 'string too long')) return 'memory';
  // Out of memory can leave QuickJS unable to build the error object at all.
  if (thrown.name === null && atMemoryCeiling) return 'memory';
  if (thrown.name === outputErrorName) return 'invalid_output';
  return phase === 'compile' ? 'syntax' : 'thrown';
}

export interface FailureContext {
  readonly scriptName: string;
  readonly phase: 'compile' | 'run';
  readonly headerLines: number;
  readonly stopReason: StopReason;
  readonly atMemoryCeiling: boolean;
  readonly timeoutMilliseconds: number;
}

export function scriptErrorFromThrown(thrown: ThrownValue, failure: FailureContext): ScriptError {
  const kind = kindOf(thrown, failure.phase, failure.stopReason, failure.atMemoryCeiling);
  const position = scriptPositionFromStack(thrown.stack, failure.headerLines);
  return new ScriptError({
    kind,
    scriptName: failure.scriptName,
    detail: detailFor(kind, thrown, failure),
    line: position?.line ?? null,
    column: position?.column ?? null,
  });
}

function detailFor(kind: ScriptErrorKind, thrown: ThrownValue, failure: FailureContext): string {
  switch (kind) {
    case 'timeout':
      return `it was stopped after ${failure.timeoutMilliseconds} ms; look for a loop that never ends (the line is where it last called a function).`;
    case 'memory':
      return 'it was stopped when it ran out of memory; look for a loop that keeps adding to an array or string.';
    case 'stack_overflow':
      return 'it was stopped when calls or data nested too deep; look for a function that calls itself without end.';
    default:
      return thrown.name === null || thrown.name === outputErrorName ? thrown.message : `${thrown.name}: ${thrown.message}`;
  }
}

/**
 * A throw out of the WebAssembly itself rather than a JavaScript exception inside it: the host's
 * own stack ran out (native recursion in the parser or in JSON), or the interpreter aborted.
 */
export function scriptErrorFromHostFailure(error: unknown, scriptName: string, atMemoryCeiling: boolean): ScriptError {
  if (error instanceof RangeError) {
    return new ScriptError({
      kind: 'stack_overflow',
      scriptName,
      detail: 'it was stopped when code or data nested too deep for the interpreter; look for deeply nested brackets or a value that contains itself.',
      cause: error,
    });
  }
  if (atMemoryCeiling) return new ScriptError({ kind: 'memory', scriptName, detail: 'it was stopped when it ran out of memory.', cause: error });
  const message = error instanceof Error ? error.message : String(error);
  return new ScriptError({ kind: 'thrown', scriptName, detail: `the interpreter stopped: ${truncate(message)}`, cause: error });
}
