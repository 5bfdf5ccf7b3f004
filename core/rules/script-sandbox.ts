import type { z } from 'zod';
import type { Result } from '../result';
import type { ScriptError } from './script-error';

/**
 * Limits of one script run. Sync scripts copy and map fields, so the defaults are tight: a
 * script that needs more is almost always stuck in a loop or copying something it should not.
 */
export interface ScriptRunLimits {
  /** Wall-clock time for the whole run, compile included. */
  readonly timeoutMilliseconds: number;
  /** The interpreter's stack; deep recursion past it stops with `stack_overflow`. */
  readonly stackBytes: number;
  /** Characters of the JSON a run may hand back. */
  readonly outputCharacters: number;
}

export const defaultScriptRunLimits: ScriptRunLimits = {
  // Wall time, so it must hold on a busy machine: a default script runs in about a millisecond,
  // and a node with every core loaded has been seen to need over 100 ms for it. A second still
  // stops a loop at once for a person watching, and on a node a stuck run sits in a worker under
  // a watchdog, holding nothing else up (hosts/node/script-sandbox/).
  timeoutMilliseconds: 1_000,
  // QuickJS checks its own stack, but some built-ins (JSON.stringify, the parser) recurse in C
  // with little of it per level while each level costs the host engine far more native stack.
  // 64 KiB keeps those checks ahead of the host's own limit (about 340 plain JS calls deep).
  stackBytes: 64 * 1024,
  outputCharacters: 4 * 1024 * 1024,
};

/** Memory one sandbox's scripts may use, for the heap of a run (the interpreter itself is extra). */
export const defaultScriptMemoryBytes = 32 * 1024 * 1024;

/** Scripts are rules, not programs: past this the admin has pasted something by mistake. */
export const maximumScriptCharacters = 256 * 1024;

/**
 * One run: a trusted harness and the admin's script. The harness is JavaScript evaluated first, as
 * an expression whose value is a function `(inputJson, script) => outputJson`; it builds the
 * variables and helpers, calls the script (compiled as a function with `parameters`), and returns
 * the result as a JSON string. Nothing but JSON crosses in or out.
 */
export interface ScriptProgramV1<T> {
  /** "outgoing script": how errors name it. */
  readonly scriptName: string;
  readonly harness: string;
  /** The body of a function: `return` ends the script early. */
  readonly script: string;
  /** The names the script sees, in the order the harness passes them. */
  readonly parameters: readonly string[];
  /** Any JSON value; the harness receives it as JSON text. */
  readonly input: unknown;
  /** What the harness must return; anything else is an `invalid_output` error. */
  readonly output: z.ZodType<T, unknown>;
  readonly limits?: Partial<ScriptRunLimits>;
}

/**
 * Runs admin scripts in isolation: a fresh interpreter state for every run, a time limit, a memory
 * limit, a stack limit, and no host objects (no process, require, fetch, timers). Expected failures
 * are ScriptError results; only a bug in the sandbox itself throws.
 */
export interface ScriptSandboxV1 {
  run<T>(program: ScriptProgramV1<T>): Promise<Result<T, ScriptError>>;
  /** Releases the interpreter; a later run loads it again. */
  dispose(): void;
}
