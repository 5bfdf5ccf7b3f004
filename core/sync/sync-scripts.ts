import type { Connection } from '../connection/connection';
import { ExalateError } from '../errors';
import type { NodeContext } from '../node/node-context';
import type { ItemChanges, NewItem, TrackerItem } from '../ports/tracker-item';
import { err, ok, type Result } from '../result';
import type { IncomingPlan } from '../rules/incoming-plan';
import { runIncomingScript } from '../rules/run-incoming-script';
import { runOutgoingScript } from '../rules/run-outgoing-script';
import { checkScriptSyntax } from '../rules/check-script';
import { basicModeScripts, basicModeSetInWords } from '../rules/basic-mode-scripts';
import { defaultScripts } from '../rules/default-scripts';
import { parseReplica } from '../replica/parse-replica';
import { replicaContentHash } from '../replica/replica-content-hash';
import type { Replica } from '../replica/replica-schema';
import type { ConnectionRules, ErrorScope, Twin } from './sync-records';
import { compileMapping } from '../mapping';
import { mappingSideOf, readAgreedMapping } from './visual-mapping-store';
import { lastKnownVocabularies } from './visual-mapping-values';

/**
 * The engine's one door to Script mode: which scripts apply, what they see of the twin, and how a
 * failure is scoped. A script that does not compile holds up the whole connection; one that fails
 * on a particular item holds up only that item.
 */
export interface ScopedFailure {
  readonly scope: ErrorScope;
  readonly error: ExalateError;
}

export interface IncomingPlanResult {
  readonly create: NewItem | null;
  readonly changes: ItemChanges;
  readonly commentsToAdd: IncomingPlan['commentsToAdd'];
  readonly commentsToUpdate: IncomingPlan['commentsToUpdate'];
  readonly attachmentsToAdd: IncomingPlan['attachmentsToAdd'];
}

/** Scripts a test run tries instead of the saved ones (an editor's text, not yet saved). */
export interface ScriptsOnTrial {
  readonly outgoing: string;
  readonly incoming: string;
}

/**
 * The scripts a connection runs. A Basic connection always runs the Basic set, whatever the store
 * holds (a mode never changes, so nothing saved for it can apply); a Visual connection runs the
 * scripts compiled from the mapping version both sides agreed; a Script connection runs what was
 * saved, or the default scripts until then.
 */
export async function effectiveRules(context: NodeContext, connection: Connection): Promise<ConnectionRules> {
  const local = context.tracker.kind;
  const remote = connection.remoteTracker === 'unknown' ? local : connection.remoteTracker;
  if (connection.mode === 'basic') {
    const basic = basicModeScripts(local, remote);
    return { outgoing: basic.outgoing, incoming: basic.incoming, updatedAt: connection.createdAt };
  }
  if (connection.mode === 'visual') {
    // The scripts are compiled from the agreed version on every use: a version approved a moment
    // ago runs from the next change on, on both sides, with nothing else to keep in step.
    // With the values this side's tracker listed last (never a tracker call per item).
    const side = mappingSideOf(connection);
    const known = await lastKnownVocabularies(context, connection);
    const compiled = compileMapping(await readAgreedMapping(context, connection), side, known.vocabularies[side]);
    return { outgoing: compiled.outgoing, incoming: compiled.incoming, updatedAt: connection.createdAt };
  }
  const stored = await context.store.getRules(connection.id);
  if (stored) return stored;
  const defaults = defaultScripts(local, remote);
  return { outgoing: defaults.outgoing, incoming: defaults.incoming, updatedAt: connection.createdAt };
}

/**
 * Only a Script connection's scripts can be saved or tried: a Basic connection syncs a fixed set,
 * and its mode was chosen for the connection's life.
 */
export function checkRulesEditable(connection: Connection): Result<void> {
  if (connection.mode === 'script') return ok(undefined);
  if (connection.mode === 'visual') {
    return err(
      new ExalateError(
        'mode_fixed',
        "This connection is in Visual mode: what it syncs is set in its mapping, not in scripts. Edit the mapping instead: save a draft, publish it, and it runs once the other side approves it. A connection's mode cannot be changed.",
      ),
    );
  }
  return err(
    new ExalateError(
      'mode_fixed',
      `This connection is in Basic mode: it syncs a fixed set of fields (${basicModeSetInWords()}) and has no scripts to edit. To change what syncs, create a new connection in Script mode; a connection's mode cannot be changed.`,
    ),
  );
}

async function scriptConnection(context: NodeContext, connection: Connection) {
  const localTracker = context.tracker.kind;
  return {
    name: connection.name,
    localName: connection.localName,
    remoteName: connection.remoteName,
    localTracker,
    remoteTracker: connection.remoteTracker === 'unknown' ? localTracker : connection.remoteTracker,
  };
}

function scopeOf(error: ExalateError): ScopedFailure {
  const kind = (error as { kind?: string }).kind;
  return { scope: kind === 'syntax' || kind === 'script_too_large' ? 'connection' : 'item', error };
}

/** The replica this side would send for `item` now, with its content hash; null replica: nothing to send. */
export async function buildOutgoingReplica(
  context: NodeContext,
  connection: Connection,
  item: TrackerItem,
  twin: Twin | undefined | null,
  trial?: ScriptsOnTrial,
): Promise<Result<{ replica: Replica | null; hash: string | null }, ScopedFailure>> {
  const rules = trial ?? (await effectiveRules(context, connection));
  // Comments and attachments this side created by sync carry the other side's id: the outgoing
  // run marks them as echoes, so the other side never receives its own comment back as new.
  const commentOrigins = new Map((twin?.commentLinks ?? []).map((link) => [link.localId, link.remoteId]));
  const attachmentOrigins = new Map((twin?.attachmentLinks ?? []).map((link) => [link.localId, link.remoteId]));
  const issue = {
    ...item,
    comments: item.comments.map((comment) => ({ ...comment, syncedFrom: commentOrigins.get(comment.id) ?? null })),
    attachments: item.attachments.map((attachment) => ({ ...attachment, syncedFrom: attachmentOrigins.get(attachment.id) ?? null })),
  };
  const run = await runOutgoingScript(context.scripts, { script: rules.outgoing, issue, connection: await scriptConnection(context, connection) });
  if (!run.ok) return err(scopeOf(run.error));
  if (run.value === null) return ok({ replica: null, hash: null });
  return ok({ replica: run.value, hash: await replicaContentHash(run.value) });
}

/** What the incoming script would do with `replica` on this side: a plan, computed against the item's current state. */
export async function planIncoming(
  context: NodeContext,
  connection: Connection,
  input: { readonly item: TrackerItem | null; readonly replica: unknown; readonly previous: unknown; readonly twin: Twin | null },
  trial?: ScriptsOnTrial,
): Promise<Result<IncomingPlanResult, ScopedFailure>> {
  const replica = parseReplica(input.replica);
  if (!replica.ok) return err({ scope: 'item', error: replica.error });
  const previous = input.previous === null ? null : parseReplica(input.previous);
  const rules = trial ?? (await effectiveRules(context, connection));
  const run = await runIncomingScript(context.scripts, {
    script: rules.incoming,
    issue: input.item,
    replica: replica.value,
    previous: previous?.ok ? previous.value : null,
    firstSync: input.item === null,
    connection: await scriptConnection(context, connection),
    commentLinks: input.twin?.commentLinks ?? [],
    attachmentLinks: input.twin?.attachmentLinks ?? [],
    syncedKeys: await syncedKeysNear(context, connection, input.item, replica.value),
    defaultProjectKey: connection.projectKey,
  });
  if (!run.ok) return err(scopeOf(run.error));
  const plan = run.value;
  const transitionStatus = plan.transitions.at(-1);
  return ok({
    create: plan.create,
    changes: transitionStatus !== undefined && plan.changes.status === undefined ? { ...plan.changes, status: transitionStatus } : plan.changes,
    commentsToAdd: plan.commentsToAdd,
    commentsToUpdate: plan.commentsToUpdate,
    attachmentsToAdd: plan.attachmentsToAdd,
  });
}

/**
 * The keys `syncHelper.isUnderSync` can answer for: the item, its parent here, and the parent the
 * replica names. Listing every twin instead would make each apply cost as much as the whole
 * connection (bulk syncs of 10,000 items would slow down quadratically).
 */
async function syncedKeysNear(context: NodeContext, connection: Connection, item: TrackerItem | null, replica: Replica): Promise<string[]> {
  const parent = (replica as { parent?: { key?: unknown } | null }).parent?.key;
  const candidates = [item?.key, item?.parentKey, typeof parent === 'string' ? parent : undefined].filter(
    (key): key is string => typeof key === 'string' && key.length > 0,
  );
  const synced: string[] = [];
  for (const key of new Set(candidates)) {
    if ((await context.store.getTwinByLocalKey(connection.id, key)) || (await context.store.getTwinByRemoteKey(connection.id, key))) synced.push(key);
  }
  return synced;
}

/** Both scripts checked for syntax before they are saved: a broken script is refused with its line. */
export async function checkRules(context: NodeContext, rules: { readonly outgoing: string; readonly incoming: string }): Promise<Result<void>> {
  for (const direction of ['outgoing', 'incoming'] as const) {
    const checked = await checkScriptSyntax(context.scripts, { text: rules[direction], direction });
    if (!checked.ok) return err(new ExalateError('invalid_request', checked.error.message, { details: { direction, line: checked.error.line } }));
  }
  return ok(undefined);
}

/** Test run: the replica this item would send and, for a replica (given or last received), the changes the incoming script would make. Writes nothing. */
export async function testRunRules(
  context: NodeContext,
  connection: Connection,
  item: TrackerItem,
  replica: Record<string, unknown> | undefined,
  trial?: ScriptsOnTrial,
): Promise<Result<unknown>> {
  const twin = (await context.store.getTwinByLocalKey(connection.id, item.key)) ?? null;
  const outgoing = await buildOutgoingReplica(context, connection, item, twin, trial);
  if (!outgoing.ok) return err(outgoing.error.error);
  const incomingReplica = replica ?? twin?.previousReplica ?? null;
  if (incomingReplica === null) return ok({ replica: outgoing.value.replica, incoming: null });
  const plan = await planIncoming(context, connection, { item, replica: incomingReplica, previous: twin?.previousReplica ?? null, twin }, trial);
  if (!plan.ok) return err(plan.error.error);
  return ok({ replica: outgoing.value.replica, incoming: plan.value });
}
