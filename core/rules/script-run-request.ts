import { parseJson } from '../encoding/json';
import { err, ok, type Result } from '../result';
import { ScriptError, type ScriptErrorKind } from './script-error';
import { maximumScriptCharacters, type ScriptProgramV1, type ScriptRunLimits } from './script-sandbox';

/**
 * One run as plain data: strings, numbers and the limits, nothing with methods. This is what
 * crosses to wherever the interpreter runs (this thread, or a worker thread of the node, which
 * receives it through the structured clone of `postMessage`). The output schema stays behind:
 * the answer's JSON is checked against it on the caller's side.
 */
export interface ScriptRunRequest {
  readonly scriptName: string;
  readonly harness: string;
  readonly script: string;
  readonly parameters: readonly string[];
  /** The program's input, already JSON: the harness receives this text as it is. */
  readonly inputJson: string;
  readonly limits: ScriptRunLimits;
  /**
   * When the run's clock started, in epoch milliseconds (`performance.timeOrigin + performance.now()`),
   * for a run handed to another thread: its time limit then counts from the hand-over, as the
   * watchdog on the handing thread counts it, rather than from when the other thread got to it.
   */
  readonly clockStartedAt?: number;
}

/** A ScriptError as plain data, to cross back from the interpreter. */
export interface ScriptFailure {
  readonly kind: ScriptErrorKind;
  readonly scriptName: string;
  readonly detail: string;
  readonly line: number | null;
  readonly column: number | null;
}

/** What the interpreter hands back: the harness's JSON text, or why the script failed. */
export type ScriptRunAnswer = { readonly ok: true; readonly outputJson: string } | { readonly ok: false; readonly failure: ScriptFailure };

/** Turns a program into the request to run, or refuses it before any interpreter sees it. */
export function scriptRunRequestOf<T>(program: ScriptProgramV1<T>, defaults: ScriptRunLimits): Result<ScriptRunRequest, ScriptError> {
  if (program.script.length > maximumScriptCharacters) {
    const detail = `it has ${program.script.length} characters and a script may have at most ${maximumScriptCharacters}.`;
    return err(new ScriptError({ kind: 'script_too_large', scriptName: program.scriptName, detail }));
  }
  return ok({
    scriptName: program.scriptName,
    harness: program.harness,
    script: program.script,
    parameters: program.parameters,
    inputJson: JSON.stringify(program.input) ?? 'null',
    limits: { ...defaults, ...program.limits },
  });
}

/** Reads an answer back into the program's result: the output JSON checked against its schema. */
export function scriptRunResultOf<T>(answer: ScriptRunAnswer, program: ScriptProgramV1<T>): Result<T, ScriptError> {
  if (!answer.ok) return err(new ScriptError(answer.failure));
  const parsed = parseJson(answer.outputJson, program.output);
  if (parsed.ok) return ok(parsed.value);
  return err(new ScriptError({ kind: 'invalid_output', scriptName: program.scriptName, detail: `${parsed.reason}.` }));
}

export function scriptFailureOf(error: ScriptError): ScriptFailure {
  return { kind: error.kind, scriptName: error.scriptName, detail: error.detail, line: error.line, column: error.column };
}
