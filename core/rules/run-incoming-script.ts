import type { TrackerItem } from '../ports/tracker-item';
import { err, ok, type Result } from '../result';
import type { Replica } from '../replica/replica-schema';
import { diffItem, newItemFrom } from './item-changes';
import type { IncomingPlan } from './incoming-plan';
import { attachmentDecisions, commentDecisions, offeredComments } from './merge-decisions';
import { harnessInput, scriptIssueData, type ScriptConnection, type SyncLink, type TwinKey } from './script-context';
import type { ScriptError } from './script-error';
import { scriptHarnessFor, scriptNames, scriptParameters } from './script-harness';
import { foldAliases } from './tracker-aliases';
import { incomingOutputSchema, type IncomingOutput } from './script-outputs';
import type { ScriptRunLimits, ScriptSandboxV1 } from './script-sandbox';

export interface IncomingScriptInput {
  readonly script: string;
  /** The local twin as it is now; null when there is none yet (first sync creates it). */
  readonly issue: TrackerItem | null;
  /** The replica that arrived, already checked with parseReplica. */
  readonly replica: Replica;
  /** The last replica applied for this twin, null before the first. */
  readonly previous: Replica | null;
  readonly firstSync: boolean;
  readonly connection: ScriptConnection;
  readonly commentLinks: readonly SyncLink[];
  readonly attachmentLinks: readonly SyncLink[];
  /** Local keys under sync on any connection: what syncHelper.isUnderSync answers from. */
  readonly syncedKeys: readonly string[];
  /** The connection's project for incoming sync: where a new item goes unless the script says otherwise. */
  readonly defaultProjectKey: string;
  /** Item types of the target project, when the engine knows them: nodeHelper.getIssueType checks names against them. */
  readonly issueTypes?: readonly string[];
  /** Remote key → local key of items already twinned (parents, epics): syncHelper.getLocalKey. */
  readonly twinKeys?: readonly TwinKey[];
  readonly limits?: Partial<ScriptRunLimits>;
}

export interface IncomingRun {
  readonly plan: IncomingPlan;
  /** What the script wrote with console.log, for test runs and error reports. */
  readonly logs: readonly string[];
}

/** Runs the incoming script and returns what it would change, as a plan; writes nothing. */
export async function runIncomingScript(sandbox: ScriptSandboxV1, input: IncomingScriptInput): Promise<Result<IncomingPlan, ScriptError>> {
  const run = await executeIncomingScript(sandbox, input);
  return run.ok ? ok(run.value.plan) : run;
}

/** runIncomingScript, with the script's console output. */
export async function executeIncomingScript(sandbox: ScriptSandboxV1, input: IncomingScriptInput): Promise<Result<IncomingRun, ScriptError>> {
  const shown = scriptIssueData(input.connection.localTracker, input.issue, input.defaultProjectKey);
  const output = await sandbox.run({
    scriptName: 'incoming script',
    harness: scriptHarnessFor({ script: input.script, direction: 'incoming' }),
    script: input.script,
    parameters: scriptParameters,
    output: incomingOutputSchema,
    input: harnessInput({
      direction: 'incoming',
      connection: input.connection,
      issue: shown,
      replica: input.replica,
      // Most scripts never read it: it only crosses when the script names it.
      previous: scriptNames(input.script, 'previous') ? input.previous : null,
      firstSync: input.firstSync,
      syncedKeys: input.syncedKeys,
      twinKeys: input.twinKeys ?? [],
      issueTypes: input.issueTypes ?? null,
    }),
    ...(input.limits === undefined ? {} : { limits: input.limits }),
  });
  if (!output.ok) return err(output.error);
  const wanted = foldAliases(input.connection.localTracker, output.value.issue, shown);
  return ok({ plan: planFrom({ ...output.value, issue: wanted }, input), logs: output.value.logs });
}

function planFrom(output: IncomingOutput, input: IncomingScriptInput): IncomingPlan {
  const followUps = {
    ...commentDecisions(offeredComments(output.comments), input),
    attachmentsToAdd: attachmentDecisions(output.attachments, input.attachmentLinks),
    transitions: output.transitions,
    unlinkAfterProcessing: output.unlinkAfterProcessing,
  };
  if (input.issue === null) {
    const create = newItemFrom(output.issue, input.defaultProjectKey);
    // No summary on first sync: the script chose not to create (an early return), so nothing follows.
    if (create === undefined)
      return {
        create: null,
        changes: {},
        commentsToAdd: [],
        commentsToUpdate: [],
        attachmentsToAdd: [],
        transitions: [],
        userLookups: [],
        unlinkAfterProcessing: false,
      };
    return { create, changes: {}, ...followUps, userLookups: withEmail(output.userLookups, create.assigneeEmail) };
  }
  const changes = diffItem(input.issue, output.issue);
  return { create: null, changes, ...followUps, userLookups: withEmail(output.userLookups, changes.assigneeEmail) };
}

/** An assignee set from replica.assignee directly needs resolving as much as one from getUserByEmail. */
function withEmail(lookups: readonly string[], email: string | null | undefined): readonly string[] {
  if (typeof email !== 'string' || lookups.includes(email.toLowerCase())) return lookups;
  return [...lookups, email.toLowerCase()];
}
