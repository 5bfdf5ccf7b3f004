import type { Connection } from '../connection/connection';
import { randomId } from '../encoding/random';
import type { NodeContext } from '../node/node-context';
import type { TrackerItem } from '../ports/tracker-item';
import { err, ok, type Result } from '../result';
import { isAwaitingTwin } from './creation-intent';
import { itemLockKey, waitForIncomingCreations } from './item-locks';
import { recordSyncError } from './record-sync-error';
import { buildOutgoingReplica } from './sync-scripts';
import { outboundTopic, workTopic } from './sync-signals';
import { maximumAttachmentBytes, type Twin } from './sync-records';
import { largestAttachmentBytesIn, maximumMessageBytes } from '../exchange/message-size';
import type { Replica } from '../replica/replica-schema';
import { encodeBase64Url } from '../encoding/base64url';
import { ExalateError } from '../errors';
import { enqueueOutbound } from './enqueue-outbound';

export type QueueOutcome = 'queued' | 'unchanged' | 'not_sent';

/**
 * A local item changed (or an admin asked to sync it): run the outgoing script and, when the
 * replica differs from the last one queued, put it in the outbox with the next sequence number of
 * this item, in the same transaction as the twin that remembers it. An unchanged replica is not
 * sent, which is also what stops the engine from re-syncing its own writes.
 */
export async function queueLocalChange(
  context: NodeContext,
  connection: Connection,
  item: TrackerItem,
  options: {
    readonly force: boolean;
    readonly onlyIf?: () => Promise<boolean>;
    /**
     * `item` was read from the tracker just before this call (an event's read, a bulk sync's
     * page). Under the lock it is used as it is unless the twin shows this side wrote the item
     * since (twin.lastWrittenUpdated), which saves reading it a second time.
     */
    readonly justRead?: boolean;
  },
): Promise<Result<QueueOutcome>> {
  // An item without a twin that would now be sent as new may be one an incoming change is
  // creating right now: its twin comes at the end of that apply. Wait for those before judging it
  // (holding no lock: item-locks.ts). Items that would not be sent need no wait.
  if (!(await context.store.getTwinByLocalKey(connection.id, item.key)) && (!options.onlyIf || (await options.onlyIf())))
    await waitForIncomingCreations(context, connection.id);
  return context.store.runExclusive(itemLockKey(connection.id, item.key), async () => {
    if (options.onlyIf && !(await options.onlyIf())) return ok('not_sent');
    const known = await context.store.getTwinByLocalKey(connection.id, item.key);
    // Read again under the lock, unless the read just made is known to be current: an incoming
    // write may have just changed the item and its twin, and then lastWrittenUpdated says so.
    const current = !options.force && options.justRead && readIsCurrent(known) ? item : ((await context.tracker.getItem(item.key)) ?? item);
    // The event of this side's own write (or a read older than it): nothing to send, no script to run.
    if (!options.force && isOwnWriteOrOlder(current, known)) return ok('unchanged');
    return queueUnderLock(context, connection, current, options.force);
  });
}

/**
 * The item is exactly as this side last wrote it by sync, or older: its tracker `updated` is not
 * past the one recorded with that write. Trackers stamp every change (Jira `updated`, Azure DevOps
 * System.ChangedDate, Asana modified_at, all to the millisecond), so a person's edit after the
 * write carries a later time and is judged in full.
 */
export function isOwnWriteOrOlder(item: TrackerItem, twin: Twin | undefined): boolean {
  const written = twin?.lastWrittenUpdated;
  if (written === undefined || written === null) return false;
  const itemTime = Date.parse(item.updated);
  const writtenTime = Date.parse(written);
  return Number.isFinite(itemTime) && Number.isFinite(writtenTime) && itemTime <= writtenTime;
}

/**
 * A read made before taking the item's lock can stand in for one under it when no incoming write
 * can have come between: none of this connection has ever touched the item (no twin), or the twin
 * records its last write (a write since would have moved lastWrittenUpdated past the read, which
 * isOwnWriteOrOlder then catches). Twins from older versions of the node record nothing: read again.
 */
function readIsCurrent(twin: Twin | undefined): boolean {
  return twin === undefined || twin.lastWrittenUpdated !== undefined;
}

async function queueUnderLock(context: NodeContext, connection: Connection, item: TrackerItem, force: boolean): Promise<Result<QueueOutcome>> {
  const known = await context.store.getTwinByLocalKey(connection.id, item.key);
  // Created here by sync, its twin not stored yet: not a new item, whatever a trigger says. The
  // retry of that change adopts it and stores the twin.
  if (!known && (await isAwaitingTwin(context, connection.id, item.key))) return ok('not_sent');
  const built = await buildOutgoingReplica(context, connection, item, known);
  if (!built.ok) {
    await recordSyncError(context, { scope: built.error.scope, connectionId: connection.id, itemKey: item.key, error: built.error.error });
    return err(built.error.error);
  }
  const { replica, hash } = built.value;
  if (replica === null) return ok('not_sent');
  if (!force && (await sentHashOf(context, connection, known)) === hash) {
    // Judged against the item as this side wrote it: that judgement is kept, and needs no second run.
    if (known?.echoBaselineItem !== undefined) await keepBaselineHash(context, connection, item.key, hash);
    return ok('unchanged');
  }

  const { contents: attachments, refusals } = await readNewAttachments(context, connection, item, replica, known);
  const now = context.clock.now();
  await context.store.transaction(async (store) => {
    const twin: Twin = (await store.getTwinByLocalKey(connection.id, item.key)) ?? newTwin(connection.id, item.key, now);
    // Content first: the change that names an attachment must find it already there.
    for (const attachment of attachments) {
      await enqueueOutbound(
        store,
        connection.id,
        item.key,
        { kind: 'attachment', id: randomId('att'), sourceKey: item.key, ...attachment, createdAt: now },
        now,
      );
    }
    await enqueueOutbound(
      store,
      connection.id,
      item.key,
      { kind: 'change', id: randomId('chg'), sourceKey: item.key, sequence: twin.nextOutboundSequence, replica, createdAt: now },
      now,
    );
    const { echoBaselineItem: _judged, ...withoutBaseline } = twin;
    await store.putTwin({
      ...withoutBaseline,
      status: twin.status === 'synchronized' || twin.status === 'error' ? 'queued' : twin.status,
      lastSentHash: hash,
      nextOutboundSequence: twin.nextOutboundSequence + 1,
      sentAttachmentIds: [...twin.sentAttachmentIds, ...attachments.map((attachment) => attachment.attachmentId)],
      updatedAt: now,
    });
  });
  await context.store.resolveErrors({ connectionId: connection.id, itemKey: item.key }, now);
  // After the errors this change resolves: an attachment left out stays an open error of the item.
  for (const refusal of refusals) await recordSyncError(context, { scope: 'item', connectionId: connection.id, itemKey: item.key, error: refusal });
  // A held poll of a private peer collects it at once; for a public peer, the worker delivers it
  // at once instead of at its next round (it sleeps up to a second when idle).
  context.signals.notify(outboundTopic(connection.id));
  context.signals.notify(workTopic);
  return ok('queued');
}

/**
 * The hash of the replica the other side holds: the one this side last queued, or, when this side
 * wrote the item by sync since, the outgoing replica of the item as written (run now, once: most
 * writes are never judged again, their own event being told by its time). A run that fails gives
 * no baseline, so the change is sent, as it was when the run at write time failed.
 */
async function sentHashOf(context: NodeContext, connection: Connection, twin: Twin | undefined): Promise<string | null | undefined> {
  if (twin?.echoBaselineItem === undefined) return twin?.lastSentHash;
  const baseline = await buildOutgoingReplica(context, connection, twin.echoBaselineItem as TrackerItem, twin);
  return baseline.ok ? baseline.value.hash : twin.lastSentHash;
}

async function keepBaselineHash(context: NodeContext, connection: Connection, itemKey: string, hash: string | null): Promise<void> {
  await context.store.transaction(async (store) => {
    const twin = await store.getTwinByLocalKey(connection.id, itemKey);
    if (twin?.echoBaselineItem === undefined) return;
    const { echoBaselineItem: _judged, ...withoutBaseline } = twin;
    await store.putTwin({ ...withoutBaseline, lastSentHash: hash, updatedAt: context.clock.now() });
  });
}

export function newTwin(connectionId: string, localKey: string, now: number): Twin {
  return {
    connectionId,
    localKey,
    remoteKey: null,
    status: 'queued',
    lastSentHash: null,
    nextOutboundSequence: 0,
    lastAppliedInboundSequence: -1,
    previousReplica: null,
    commentLinks: [],
    attachmentLinks: [],
    sentAttachmentIds: [],
    lastWrittenUpdated: null,
    updatedAt: now,
  };
}

/**
 * The attachments the replica names that the other side does not have yet: not ones this side
 * received by sync (echoes), not ones already sent. Their content is read now and queued with
 * the change. An attachment over the size limit is left out, with the error to report for it.
 */
async function readNewAttachments(context: NodeContext, connection: Connection, item: TrackerItem, replica: Replica, twin: Twin | undefined) {
  const sent = new Set(twin?.sentAttachmentIds ?? []);
  const received = new Set((twin?.attachmentLinks ?? []).map((link) => link.localId));
  const wanted = (replica.attachments ?? []).filter(
    (attachment) => attachment.echoOf === undefined && !sent.has(attachment.id) && !received.has(attachment.id),
  );
  const contents: { attachmentId: string; filename: string; mimeType: string; contentBase64: string }[] = [];
  const refusals: ExalateError[] = [];
  // The content travels as one envelope, so one message must hold it: 10 MiB on a node, less on
  // a host whose platform carries less (the Jira Cloud app: about 3 MiB, within Forge's 5 MB).
  const messageBytes = context.settings.maximumMessageBytes ?? maximumMessageBytes;
  const largest = largestAttachmentBytesIn(messageBytes);
  for (const attachment of wanted) {
    if (attachment.size > largest) {
      const reason = largest >= maximumAttachmentBytes ? '' : ` (one message between the nodes carries at most ${megabytes(messageBytes)} here)`;
      refusals.push(
        new ExalateError(
          'payload_too_large',
          `The attachment "${attachment.filename}" is ${megabytes(attachment.size)}; attachments over ${megabytes(largest)} are not synced from this side${reason}. Share it by a link in a comment instead.`,
          { details: { filename: attachment.filename, bytes: attachment.size, limitBytes: largest } },
        ),
      );
      continue;
    }
    const content = await context.tracker.downloadAttachment(item.key, attachment.id);
    contents.push({ attachmentId: attachment.id, filename: attachment.filename, mimeType: attachment.mimeType, contentBase64: encodeBase64Url(content) });
  }
  return { contents, refusals };
}

function megabytes(bytes: number): string {
  return `${(bytes / 1048576).toFixed(1)} MiB`;
}
