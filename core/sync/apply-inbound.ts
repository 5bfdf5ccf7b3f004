import type { Connection } from '../connection/connection';
import { ExalateError } from '../errors';
import { decodeBase64Url } from '../encoding/base64url';
import type { NodeContext } from '../node/node-context';
import type { NewItem, TrackerItem } from '../ports/tracker-item';
import { nextAttemptAt } from './backoff';
import { keepAttachmentContent } from './attachment-content';
import { newTwin } from './queue-local-change';
import { recordSyncError } from './record-sync-error';
import { isStorageFull } from './storage-full';
import { planIncoming, type IncomingPlanResult } from './sync-scripts';
import type { Envelope, QueueEntry, Twin } from './sync-records';
import { outboundTopic } from './sync-signals';
import { findItemCreatedBefore, forgetCreatedInMemory, forgetCreationIntent, noteItemCreated, rememberCreationIntent } from './creation-intent';
import { forEachConcurrently } from './concurrently';
import { creationLockKey, itemLockKey } from './item-locks';
import { applyPeerLink } from './connect-twins';
import { applyPeerUnlink } from './unlink-twin';
import { checkDriftAfterRefusedWrite } from './visual-mapping-agreed';
import { applyMappingEnvelope } from './visual-mapping-exchange';
import { enqueueOutbound } from './enqueue-outbound';

const batchSize = 50;
/**
 * Changes applied side by side (each claimed entry is the head of a different item): a tracker
 * write waits on the network, and the next item need not wait for it. Eight keeps within the
 * tracker's own budget (hosts/tracker-http: 4 requests in flight per host by default, 16 in the
 * sandbox) and a PostgreSQL store's pool of 10 lock clients.
 */
const applyConcurrency = 8;
/** Writing one change to a tracker takes seconds at most; a claim older than this belonged to a worker that died. */
const applyLeaseMs = 60_000;

/**
 * Applies what the peer sent, oldest first per item. A `change` runs the incoming script and
 * writes the computed changes to the tracker; an `applied` receipt links the twin. Each entry is
 * marked done in the same transaction as the twin it updates, so a redelivered envelope (or one
 * retried after a crash) is recognised by its sequence number and never written twice.
 * Returns how many entries were handled.
 */
export async function applyInbound(context: NodeContext, connection: Connection): Promise<number> {
  // A deactivated connection keeps what arrived and applies it, in order, once activated.
  if (connection.status !== 'active') return 0;
  const due = await context.store.claimDueEntries({
    connectionId: connection.id,
    direction: 'inbound',
    now: context.clock.now(),
    leaseMs: applyLeaseMs,
    limit: batchSize,
  });
  let failure: unknown;
  let handled = 0;
  const handle = async (entry: QueueEntry): Promise<'stop' | void> => {
    try {
      const envelope = entry.envelope;
      if (envelope.kind === 'applied') await linkTwin(context, connection, entry, envelope);
      else if (envelope.kind === 'attachment') await keepAttachment(context, connection, entry, envelope);
      else if (envelope.kind === 'linked') await applyPeerLink(context, connection, entry, envelope);
      else if (envelope.kind === 'unlinked') await applyPeerUnlink(context, connection, entry, envelope);
      else if (envelope.kind === 'mapping' || envelope.kind === 'mapping-decision' || envelope.kind === 'mapping-values')
        await applyMappingEnvelope(context, connection, entry, envelope);
      else await applyChangeExclusively(context, connection, entry, envelope);
      handled += 1;
    } catch (error) {
      await postpone(context, connection, entry, error);
      // The database refuses writes: applying the rest would write to the tracker what this node
      // cannot record. They wait with the same backoff instead of holding their claim.
      if (isStorageFull(error)) {
        failure = error;
        return 'stop';
      }
    }
  };
  // Receipts and attachment content first, in order: a receipt links a twin that a later change
  // of the peer's item (another item key, so possibly in this same claim) must find.
  const records = due.filter((entry) => entry.envelope.kind !== 'change');
  const changes = due.filter((entry) => entry.envelope.kind === 'change');
  const recordsLeft = await forEachConcurrently(records, 1, handle);
  const notStarted = failure === undefined ? await forEachConcurrently(changes, applyConcurrency, handle) : [...recordsLeft, ...changes];
  for (const rest of notStarted) await bestEffort(context, 'hand a claim back', () => requeue(context, connection, rest, failure));
  return handled;
}

/**
 * A change to an item that has a twin holds that item's lock; one that creates the item holds
 * the creation lock of the peer's key (see item-locks.ts for why both are enough).
 */
async function applyChangeExclusively(
  context: NodeContext,
  connection: Connection,
  entry: QueueEntry,
  change: Extract<Envelope, { kind: 'change' }>,
): Promise<void> {
  const twin = await context.store.getTwinByRemoteKey(connection.id, change.sourceKey);
  const key = twin ? itemLockKey(connection.id, twin.localKey) : creationLockKey(connection.id, change.sourceKey);
  await context.store.runExclusive(key, () => applyChange(context, connection, entry, change));
}

async function linkTwin(context: NodeContext, connection: Connection, entry: QueueEntry, receipt: Extract<Envelope, { kind: 'applied' }>): Promise<void> {
  const now = context.clock.now();
  await context.store.transaction(async (store) => {
    const twin = await store.getTwinByLocalKey(connection.id, receipt.sourceKey);
    if (twin) {
      const pending = await store.listQueue({
        connectionId: connection.id,
        direction: 'outbound',
        states: ['queued', 'in_flight'],
        limit: 100,
        itemKey: receipt.sourceKey,
      });
      // The change this receipt acknowledges is applied over there, whatever its entry here says:
      // a process that died after the peer stored it leaves it in flight until its lease ends, and
      // the peer answers the resend as a repeat, with no second receipt. Done now, so the twin
      // does not wait for a receipt that never comes.
      const acknowledged = pending.filter((queued) => queued.envelope.id === receipt.changeId);
      for (const queued of acknowledged)
        await store.updateQueueEntry(connection.id, 'outbound', queued.position, { state: 'done', lastError: null, updatedAt: now });
      const stillSending = pending.some((queued) => queued.envelope.kind === 'change' && queued.envelope.id !== receipt.changeId);
      await store.putTwin({ ...twin, remoteKey: receipt.targetKey, ...(stillSending ? {} : { status: 'synchronized', lastSyncedAt: now }), updatedAt: now });
    }
    await store.updateQueueEntry(connection.id, 'inbound', entry.position, { state: 'done', lastError: null, updatedAt: now });
  });
}

/** Where content received by an older version of the node waits: a setting keyed by the sender's ids. */
const legacyAttachmentSetting = (connectionId: string, sourceKey: string, attachmentId: string) =>
  `attachment-content:${connectionId}:${sourceKey}:${attachmentId}`;

/**
 * Attachment content now bypasses the inbox (receive-envelopes.ts); an entry that still carries it
 * was received by an older version of the node, and is kept the same way, within the same limit.
 */
async function keepAttachment(
  context: NodeContext,
  connection: Connection,
  entry: QueueEntry,
  attachment: Extract<Envelope, { kind: 'attachment' }>,
): Promise<void> {
  if ((await keepAttachmentContent(context, connection, attachment)) === 'refused') {
    throw new ExalateError(
      'payload_too_large',
      `The attachment "${attachment.filename}" waits until this connection's attachment content is under its limit again.`,
      { isRetryable: true },
    );
  }
  await context.store.updateQueueEntry(connection.id, 'inbound', entry.position, { state: 'done', lastError: null, updatedAt: context.clock.now() });
}

async function applyChange(context: NodeContext, connection: Connection, entry: QueueEntry, change: Extract<Envelope, { kind: 'change' }>): Promise<void> {
  const twin = await context.store.getTwinByRemoteKey(connection.id, change.sourceKey);
  if (twin && change.sequence <= twin.lastAppliedInboundSequence) {
    // Seen before: acknowledge again (the sender may have missed the receipt) and write nothing.
    await finish(context, connection, entry, change, twin);
    return;
  }
  const current = twin ? await context.tracker.getItem(twin.localKey) : undefined;
  const plan = await planIncoming(context, connection, {
    item: current ?? null,
    replica: change.replica,
    previous: twin?.previousReplica ?? null,
    twin: twin ?? null,
  });
  if (!plan.ok) {
    // A script stopped by its time limit may only have met a busy machine (the limit is wall
    // time): it is tried again after a backoff a few times before it waits for the admin.
    if (isTimeLimitStop(plan.error.error) && entry.attempts < timeLimitAttempts) throw plan.error.error;
    const scope = plan.error.scope;
    await recordSyncError(context, { scope, connectionId: connection.id, itemKey: change.sourceKey, error: plan.error.error });
    // A script error waits for the admin: retry from the Errors tab after fixing the script.
    throw new ParkedError(plan.error.error);
  }
  const { localKey, createdComments, createdAttachments, writtenByWrite } = await writeToTracker(context, connection, change, current, plan.value);
  // The item as written: the write's own answer when the tracker gave it and nothing was added
  // since, else one read.
  const written =
    writtenByWrite !== null && createdComments.length === 0 && createdAttachments.length === 0 && plan.value.commentsToUpdate.length === 0
      ? writtenByWrite
      : await context.tracker.getItem(localKey);
  const commentLinks = mergeLinks(twin?.commentLinks ?? [], createdComments);
  const attachmentLinks = mergeLinks(twin?.attachmentLinks ?? [], createdAttachments);
  const base: Twin = twin ?? { ...newTwin(connection.id, localKey, context.clock.now()), status: 'synchronized' };
  let updated: Twin = {
    ...base,
    localKey,
    remoteKey: change.sourceKey,
    status: 'synchronized',
    lastSyncedAt: context.clock.now(),
    lastAppliedInboundSequence: change.sequence,
    previousReplica: change.replica,
    commentLinks,
    attachmentLinks,
  };
  // Its tracker time marks the event of this write as an echo (queue-local-change.ts); without a
  // read of it, events of the item are judged the old way.
  const { lastWrittenUpdated: _unknown, echoBaselineItem: _earlier, ...withoutWrittenState } = updated;
  // The state this write produced counts as already sent: a later change of the item is judged
  // against it (queue-local-change.ts), so the write's own event never echoes back.
  updated = written ? { ...withoutWrittenState, lastWrittenUpdated: written.updated, echoBaselineItem: written } : withoutWrittenState;
  await finish(context, connection, entry, change, updated);
}

async function writeToTracker(
  context: NodeContext,
  connection: Connection,
  change: Extract<Envelope, { kind: 'change' }>,
  current: TrackerItem | undefined,
  plan: IncomingPlanResult,
): Promise<{ localKey: string; createdComments: Twin['commentLinks']; createdAttachments: Twin['attachmentLinks']; writtenByWrite: TrackerItem | null }> {
  let localKey = current?.key;
  let writtenByWrite: TrackerItem | null = null;
  if (!localKey) {
    if (!plan.create) throw new ExalateError('invalid_request', 'The incoming script did not say how to create the item (firstSync).');
    // A crash between creating the item and recording the twin must not create it twice on retry.
    const adopted = await findItemCreatedBefore(context, connection.id, change.id, plan.create);
    if (adopted) {
      localKey = adopted;
    } else {
      await rememberCreationIntent(context, connection.id, change.id);
      const created = await createItem(context, plan.create);
      localKey = created.key;
      writtenByWrite = created.written;
      await noteItemCreated(context, connection.id, change.id, localKey);
    }
  } else if (Object.keys(plan.changes).length > 0) {
    // Called on the tracker (not detached): an adapter's method needs it as `this`.
    if (context.tracker.updateItemReturningItem === undefined) await context.tracker.updateItem(localKey, plan.changes);
    else writtenByWrite = await context.tracker.updateItemReturningItem(localKey, plan.changes);
  }
  const createdComments: Twin['commentLinks'] = [];
  for (const comment of plan.commentsToAdd) {
    const created = await context.tracker.addComment(localKey, comment.body);
    createdComments.push({ remoteId: comment.remoteId, localId: created.id });
  }
  for (const comment of plan.commentsToUpdate) await context.tracker.updateComment(localKey, comment.localId, comment.body);
  const createdAttachments: Twin['attachmentLinks'] = [];
  for (const attachment of plan.attachmentsToAdd) {
    const key = { connectionId: connection.id, sourceKey: change.sourceKey, attachmentId: attachment.remoteId };
    const legacyKey = legacyAttachmentSetting(connection.id, change.sourceKey, attachment.remoteId);
    const stored = await context.store.getAttachmentContent(key);
    const kept = stored?.contentBase64 ?? (await context.store.getSetting(legacyKey));
    const content = decodeBase64Url(kept ?? '');
    if (!content || content.length === 0) {
      // The content envelope travels ahead of the change; without it, wait and try again.
      throw new ExalateError('conflict', `The content of the attachment "${attachment.filename}" has not arrived yet; the change will be retried.`, {
        isRetryable: true,
      });
    }
    const uploaded = await context.tracker.uploadAttachment(localKey, { filename: attachment.filename, mimeType: attachment.mimeType, content });
    createdAttachments.push({ remoteId: attachment.remoteId, localId: uploaded.id });
    // Written to the tracker: the content has done its work and leaves the store.
    if (stored) await context.store.deleteAttachmentContent(key);
    else await context.store.putSetting(legacyKey, '');
  }
  return { localKey, createdComments, createdAttachments, writtenByWrite };
}

/**
 * Creates one item: through the tracker's batch capability when it has one (its answer carries the
 * item as written, which spares the read after the write), else the one-item call. A creation the
 * tracker refused throws that refusal, as the one-item call does.
 */
async function createItem(context: NodeContext, item: NewItem): Promise<{ readonly key: string; readonly written: TrackerItem | null }> {
  const batch = context.tracker.batch;
  if (batch === undefined) return { ...(await context.tracker.createItem(item)), written: null };
  const [outcome] = await batch.createItems([item]);
  if (outcome === undefined)
    throw new ExalateError(
      'internal',
      `The ${context.tracker.kind} adapter answered a batch create of one item with no outcome; report this with the node's log.`,
    );
  if (!outcome.ok) throw outcome.error;
  return { key: outcome.key, written: outcome.written };
}

async function finish(
  context: NodeContext,
  connection: Connection,
  entry: QueueEntry,
  change: Extract<Envelope, { kind: 'change' }>,
  twin: Twin,
): Promise<void> {
  const now = context.clock.now();
  await context.store.transaction(async (store) => {
    await store.putTwin({ ...twin, updatedAt: now });
    await forgetCreationIntent(store, connection.id, change.id, twin.localKey);
    await enqueueOutbound(
      store,
      connection.id,
      twin.localKey,
      { kind: 'applied', id: `applied_${change.id}`, sourceKey: change.sourceKey, targetKey: twin.localKey, changeId: change.id, createdAt: now },
      now,
    );
    await store.updateQueueEntry(connection.id, 'inbound', entry.position, { state: 'done', lastError: null, updatedAt: now });
  });
  forgetCreatedInMemory(context, connection.id, change.id);
  await context.store.resolveErrors({ connectionId: connection.id, itemKey: change.sourceKey }, now);
  context.signals.notify(outboundTopic(connection.id));
}

function mergeLinks(existing: Twin['commentLinks'], added: Twin['commentLinks']): Twin['commentLinks'] {
  const byRemote = new Map(existing.map((link) => [link.remoteId, link]));
  for (const link of added) byRemote.set(link.remoteId, link);
  return [...byRemote.values()];
}

/** How many times a change whose incoming script ran out of time is tried before it is parked. */
export const timeLimitAttempts = 3;

function isTimeLimitStop(error: ExalateError): boolean {
  return error.code === 'script_failed' && error.details?.['kind'] === 'timeout';
}

/** A failure that waits for the admin rather than for a timer. */
class ParkedError extends Error {
  constructor(override readonly cause: ExalateError) {
    super(cause.message);
  }
}

const parkedRetryMs = 365 * 24 * 3600_000;

/**
 * Lists the failure and puts the entry back in the queue, due after a backoff (or, parked, when
 * the admin retries). Each step stands alone: with the database refusing writes some of them
 * fail too, and the entry then stays claimed until its lease ends and is tried again then.
 */
async function postpone(context: NodeContext, connection: Connection, entry: QueueEntry, error: unknown): Promise<void> {
  const now = context.clock.now();
  const parked = error instanceof ParkedError;
  const failure = parked ? error.cause : ExalateError.from(error);
  // The admin's message for an unexpected failure says "the details are in its log": put them there.
  if (!parked && !ExalateError.isInstance(error))
    context.logger.error('applying a change failed unexpectedly', {
      connectionId: connection.id,
      itemKey: entry.itemKey,
      message: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
  if (!parked)
    await bestEffort(context, 'record a sync error', () =>
      recordSyncError(context, { scope: 'item', connectionId: connection.id, itemKey: entry.itemKey, error: failure }),
    );
  // On a Visual connection a refused write may mean a mapped value is gone from the tracker (drift).
  if (!parked && entry.envelope.kind === 'change') await bestEffort(context, 'look for mapping drift', () => checkDriftAfterRefusedWrite(context, connection));
  await bestEffort(context, 'postpone a queue entry', () =>
    context.store.updateQueueEntry(connection.id, 'inbound', entry.position, {
      state: 'queued',
      nextAttemptAt: parked ? now + parkedRetryMs : nextAttemptAt(now, entry.attempts - 1, failure),
      lastError: failure.message,
      updatedAt: now,
    }),
  );
  await bestEffort(context, 'mark a twin in error', async () => {
    const found = entry.envelope.kind === 'change' ? await context.store.getTwinByRemoteKey(connection.id, entry.envelope.sourceKey) : undefined;
    if (!found) return;
    // Under the item's lock and read again: a local change queued meanwhile moved the twin on.
    await context.store.runExclusive(itemLockKey(connection.id, found.localKey), async () => {
      const twin = await context.store.getTwinByLocalKey(connection.id, found.localKey);
      if (twin) await context.store.putTwin({ ...twin, status: 'error', updatedAt: now });
    });
  });
}

/** A claimed entry not tried in this pass goes back to the queue as it was, due after the backoff of `reason`. */
async function requeue(context: NodeContext, connection: Connection, entry: QueueEntry, reason: unknown): Promise<void> {
  const now = context.clock.now();
  await context.store.updateQueueEntry(connection.id, 'inbound', entry.position, {
    state: 'queued',
    attempts: entry.attempts - 1,
    nextAttemptAt: nextAttemptAt(now, entry.attempts - 1, reason),
    updatedAt: now,
  });
}

async function bestEffort(context: NodeContext, what: string, work: () => Promise<unknown>): Promise<void> {
  try {
    await work();
  } catch (error) {
    context.logger.error(`could not ${what}`, { message: error instanceof Error ? error.message : String(error) });
  }
}
