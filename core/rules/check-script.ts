import { z } from 'zod';
import { err, ok, type Result } from '../result';
import type { ScriptError } from './script-error';
import { scriptParameters } from './script-harness';
import type { ScriptSandboxV1 } from './script-sandbox';

/** Compiles the script and never calls it: only a script that does not parse can fail here. */
const compileOnlyHarness = '(function () { return function () { return "{}"; }; })()';

/**
 * Checks that a script parses, before it is saved: a broken script is refused with its line
 * instead of failing every item later. Runs nothing of the script.
 */
export async function checkScriptSyntax(
  sandbox: ScriptSandboxV1,
  script: { readonly text: string; readonly direction: 'outgoing' | 'incoming' },
): Promise<Result<void, ScriptError>> {
  const checked = await sandbox.run({
    scriptName: `${script.direction} script`,
    harness: compileOnlyHarness,
    script: script.text,
    parameters: scriptParameters,
    input: null,
    output: z.object({}),
  });
  return checked.ok ? ok(undefined) : err(checked.error);
}
