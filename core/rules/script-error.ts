import { ExalateError } from '../errors';

/** Why a script run stopped, in words an admin can act on. */
export const scriptErrorKinds = [
  /** The script does not parse. */
  'syntax',
  /** The script threw (its own `throw`, a TypeError, a helper refusing an argument). */
  'thrown',
  /** It ran past its time limit, usually an endless loop. */
  'timeout',
  /** It allocated past its memory limit. */
  'memory',
  /** It recursed too deep (or built data nested too deep). */
  'stack_overflow',
  /** It set something the sync cannot use (a status that is a number, a description that is not text). */
  'invalid_output',
  /** What it produced is bigger than a run may return. */
  'output_too_large',
  /** The script text itself is over the size a script may have. */
  'script_too_large',
] as const;
export type ScriptErrorKind = (typeof scriptErrorKinds)[number];

const kindSummaries: Readonly<Record<ScriptErrorKind, string>> = {
  syntax: 'does not parse',
  thrown: 'threw an error',
  timeout: 'ran past its time limit',
  memory: 'ran out of memory',
  stack_overflow: 'recursed too deep',
  invalid_output: 'produced a value the sync cannot use',
  output_too_large: 'produced too much data',
  script_too_large: 'is too large',
};

export interface ScriptErrorOptions {
  readonly kind: ScriptErrorKind;
  /** "outgoing script", "incoming script": how messages name the script. */
  readonly scriptName: string;
  /** What went wrong, without the script name or line (the error adds those). */
  readonly detail: string;
  /** 1-based line in the admin's script, when known. */
  readonly line?: number | null;
  readonly column?: number | null;
  readonly cause?: unknown;
}

/**
 * A script failure: an error of the connection (or of the one item, when it depends on the item's
 * data) that waits for the admin to fix the script. It carries the kind and the line of the
 * admin's own script, never of the wrapper the sandbox puts around it.
 */
export class ScriptError extends ExalateError {
  readonly kind: ScriptErrorKind;
  readonly scriptName: string;
  readonly line: number | null;
  readonly column: number | null;
  readonly detail: string;

  constructor(options: ScriptErrorOptions) {
    const line = options.line ?? null;
    const column = options.column ?? null;
    const where = line === null ? '' : ` at line ${line}`;
    const message = `The ${options.scriptName} ${kindSummaries[options.kind]}${where}: ${options.detail}`;
    super('script_failed', message, {
      cause: options.cause,
      details: { kind: options.kind, script: options.scriptName, line, column },
    });
    this.name = 'ScriptError';
    this.kind = options.kind;
    this.scriptName = options.scriptName;
    this.line = line;
    this.column = column;
    this.detail = options.detail;
  }

  /** Works across bundles, like ExalateError.isInstance. */
  static isScriptError(value: unknown): value is ScriptError {
    return ExalateError.isInstance(value) && value.code === 'script_failed' && typeof (value as Partial<ScriptError>).kind === 'string';
  }
}

/** Where a script's frames point: the file name the sandbox gives the admin's script. */
export const scriptFileName = '<script>';

/**
 * The first position inside the admin's script named by a QuickJS stack ("at f (<script>:4:9)"),
 * shifted by the lines the sandbox put before the script. Frames of the helpers come first when a
 * helper refuses an argument; the script's own frame below them is the line to show.
 */
export function scriptPositionFromStack(stack: string, headerLines: number): { readonly line: number; readonly column: number } | null {
  const pattern = /<script>:(\d+)(?::(\d+))?/g;
  for (const match of stack.matchAll(pattern)) {
    const line = Number(match[1]) - headerLines;
    // Line 0 is the wrapper's own header: QuickJS reports it for a loop interrupted before any call.
    if (line >= 1) return { line, column: Number(match[2] ?? 0) };
  }
  return null;
}

/**
 * The time-limit error for a run the host had to stop from outside the interpreter (a watchdog
 * ending the thread it ran on): the same kind and wording as QuickJS's own time limit, without a
 * line, since a run stopped that way cannot say where it was.
 */
export function scriptTimeLimitError(scriptName: string, timeoutMilliseconds: number): ScriptError {
  const detail = `it was stopped after ${timeoutMilliseconds} ms; look for a loop that never ends, or a search, sort or pattern over very large text or lists.`;
  return new ScriptError({ kind: 'timeout', scriptName, detail });
}
