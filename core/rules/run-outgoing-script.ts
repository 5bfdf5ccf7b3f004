import type { ExalateError } from '../errors';
import { err, ok, type Result } from '../result';
import { markEchoes } from '../replica/mark-echoes';
import { parseReplica } from '../replica/parse-replica';
import type { Replica } from '../replica/replica-schema';
import { harnessInput, scriptIssueData, type OutgoingItem, type ScriptConnection } from './script-context';
import { ScriptError } from './script-error';
import { scriptHarnessFor, scriptParameters } from './script-harness';
import { outgoingOutputSchema } from './script-outputs';
import type { ScriptRunLimits, ScriptSandboxV1 } from './script-sandbox';

export interface OutgoingScriptInput {
  readonly script: string;
  /** The local item, its comments marked with `syncedFrom`. */
  readonly issue: OutgoingItem;
  readonly connection: ScriptConnection;
  /** Local keys under sync on any connection, for syncHelper.isUnderSync; none when left out. */
  readonly syncedKeys?: readonly string[];
  readonly limits?: Partial<ScriptRunLimits>;
}

export interface OutgoingRun {
  /** null: nothing to send (the script left the replica empty or returned early). */
  readonly replica: Replica | null;
  readonly logs: readonly string[];
}

/**
 * Runs the outgoing script on the local item and returns the replica to send, or null when there
 * is nothing to send. The replica's `key` is always the item's key, and comments (and attachments)
 * that sync created here carry `echoOf`, so the receiver skips them: callers need not do either.
 * Errors are ScriptError, or replica_too_large when the replica is over one message's size.
 */
export async function runOutgoingScript(sandbox: ScriptSandboxV1, input: OutgoingScriptInput): Promise<Result<Replica | null, ExalateError>> {
  const run = await executeOutgoingScript(sandbox, input);
  return run.ok ? ok(run.value.replica) : run;
}

/** runOutgoingScript, with the script's console output. */
export async function executeOutgoingScript(sandbox: ScriptSandboxV1, input: OutgoingScriptInput): Promise<Result<OutgoingRun, ExalateError>> {
  const output = await sandbox.run({
    scriptName: 'outgoing script',
    harness: scriptHarnessFor({ script: input.script, direction: 'outgoing' }),
    script: input.script,
    parameters: scriptParameters,
    output: outgoingOutputSchema,
    input: harnessInput({
      direction: 'outgoing',
      connection: input.connection,
      issue: scriptIssueData(input.connection.localTracker, input.issue, null),
      syncedKeys: input.syncedKeys ?? [],
    }),
    ...(input.limits === undefined ? {} : { limits: input.limits }),
  });
  if (!output.ok) return err(output.error);
  const { replica: built, logs } = output.value;
  if (isEmptyReplica(built)) return ok({ replica: null, logs });
  const parsed = parseReplica(markEchoes({ ...built, key: input.issue.key } as Replica, input.issue));
  if (parsed.ok) return ok({ replica: parsed.value, logs });
  if (parsed.error.code !== 'replica_invalid') return err(parsed.error);
  const problems = (parsed.error.details?.['problems'] as readonly string[] | undefined) ?? [parsed.error.message];
  return err(new ScriptError({ kind: 'invalid_output', scriptName: 'outgoing script', detail: `${problems.join('; ')}.`, cause: parsed.error }));
}

/** The replica starts as `{ customFields: {} }`; left like that (or emptier), there is nothing to send. */
function isEmptyReplica(replica: Readonly<Record<string, unknown>>): boolean {
  return Object.entries(replica).every(([name, value]) => {
    if (value === undefined) return true;
    return name === 'customFields' && typeof value === 'object' && value !== null && Object.keys(value).length === 0;
  });
}
