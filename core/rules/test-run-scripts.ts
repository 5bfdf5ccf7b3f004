import type { ExalateError } from '../errors';
import type { TrackerItem } from '../ports/tracker-item';
import { err, ok, type Result } from '../result';
import type { Replica } from '../replica/replica-schema';
import type { IncomingPlan } from './incoming-plan';
import { executeIncomingScript } from './run-incoming-script';
import { executeOutgoingScript } from './run-outgoing-script';
import type { OutgoingItem, ScriptConnection, SyncLink, TwinKey } from './script-context';
import type { ScriptRunLimits, ScriptSandboxV1 } from './script-sandbox';

export interface TestRunInput {
  /** Run when given: shows the replica this side would send for the item. */
  readonly outgoing?: string;
  /** Run when given, on `replica` or else on the replica the outgoing script just built. */
  readonly incoming?: string;
  /** The item the admin chose, as the tracker returns it now. */
  readonly issue: TrackerItem | OutgoingItem;
  readonly connection: ScriptConnection;
  /** A replica to apply (pasted, or the last one received for the item's twin). */
  readonly replica?: Replica;
  readonly previous?: Replica | null;
  /** Run the incoming script as a first sync: the plan shows the item it would create. */
  readonly firstSync?: boolean;
  readonly commentLinks?: readonly SyncLink[];
  readonly attachmentLinks?: readonly SyncLink[];
  readonly syncedKeys?: readonly string[];
  /** Where a first sync creates; the item's own project when left out. */
  readonly defaultProjectKey?: string;
  readonly issueTypes?: readonly string[];
  readonly twinKeys?: readonly TwinKey[];
  readonly limits?: Partial<ScriptRunLimits>;
}

export interface TestRunResult {
  /** What the outgoing script would send; null when it was not run or would send nothing. */
  readonly replica: Replica | null;
  /** What the incoming script would change; null when it was not run or had no replica to read. */
  readonly plan: IncomingPlan | null;
  /** console output of each script. */
  readonly logs: { readonly outgoing: readonly string[]; readonly incoming: readonly string[] };
}

/**
 * A test run: the scripts on a chosen item, without writing anything anywhere. The first failing
 * script's error comes back as it would in sync, with its kind and line.
 */
export async function testRunScripts(sandbox: ScriptSandboxV1, input: TestRunInput): Promise<Result<TestRunResult, ExalateError>> {
  let replica: Replica | null = null;
  let outgoingLogs: readonly string[] = [];
  if (input.outgoing !== undefined) {
    const outgoing = await executeOutgoingScript(sandbox, {
      script: input.outgoing,
      issue: asOutgoingItem(input.issue),
      connection: input.connection,
      ...(input.syncedKeys === undefined ? {} : { syncedKeys: input.syncedKeys }),
      ...(input.limits === undefined ? {} : { limits: input.limits }),
    });
    if (!outgoing.ok) return err(outgoing.error);
    replica = outgoing.value.replica;
    outgoingLogs = outgoing.value.logs;
  }

  const toApply = input.replica ?? replica;
  if (input.incoming === undefined || toApply === null) return ok({ replica, plan: null, logs: { outgoing: outgoingLogs, incoming: [] } });
  const firstSync = input.firstSync ?? false;
  const incoming = await executeIncomingScript(sandbox, {
    script: input.incoming,
    issue: firstSync ? null : input.issue,
    replica: toApply,
    previous: input.previous ?? null,
    firstSync,
    connection: input.connection,
    commentLinks: input.commentLinks ?? [],
    attachmentLinks: input.attachmentLinks ?? [],
    syncedKeys: input.syncedKeys ?? [],
    defaultProjectKey: input.defaultProjectKey ?? input.issue.projectKey,
    ...(input.issueTypes === undefined ? {} : { issueTypes: input.issueTypes }),
    ...(input.twinKeys === undefined ? {} : { twinKeys: input.twinKeys }),
    ...(input.limits === undefined ? {} : { limits: input.limits }),
  });
  if (!incoming.ok) return err(incoming.error);
  return ok({ replica, plan: incoming.value.plan, logs: { outgoing: outgoingLogs, incoming: incoming.value.logs } });
}

function asOutgoingItem(item: TrackerItem | OutgoingItem): OutgoingItem {
  return { ...item, comments: item.comments.map((comment) => ({ ...comment, syncedFrom: 'syncedFrom' in comment ? comment.syncedFrom : null })) };
}
