import { z } from 'zod';
import type { ScriptRunLimits, ScriptSandboxV1 } from '../script-sandbox';

/**
 * For the tests of every script sandbox (the in-process QuickJS one and the node's worker pool):
 * a minimal harness that hands the script the input and returns what the script returns.
 */
export const echoHarness = `(function () {
  return function (inputJson, script) {
    const result = script(JSON.parse(inputJson));
    return JSON.stringify({ result: result === undefined ? null : result });
  };
})()`;
export const echoOutput = z.object({ result: z.unknown() });

/** Runs `script` with `input = { answer: 42 }`; the value is `{ result }`, what the script returned. */
export function runEchoScript(sandbox: ScriptSandboxV1, script: string, limits?: Partial<ScriptRunLimits>) {
  return sandbox.run({
    scriptName: 'test script',
    harness: echoHarness,
    script,
    parameters: ['input'],
    input: { answer: 42 },
    output: echoOutput,
    ...(limits ? { limits } : {}),
  });
}

/** The error a script run ended with; throws when the script succeeded, so a test cannot pass by mistake. */
export async function echoScriptFailure(sandbox: ScriptSandboxV1, script: string, limits?: Partial<ScriptRunLimits>) {
  const result = await runEchoScript(sandbox, script, limits);
  if (result.ok) throw new Error(`expected the script to fail, it returned ${JSON.stringify(result.value)}`);
  return result.error;
}
