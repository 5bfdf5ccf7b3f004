import { z } from 'zod';
import { ExalateError, queueEntrySchema, queueStates, type QueueEntry, type QueueEntryPatch, type QueueQuery, type QueueState } from '../../../core';
import type { KeyValueSpace, StoredEntry } from './key-value-space';
import { orderedNumber, storageKey, storagePrefix } from './kvs-key';
import type { KvsLease } from './kvs-lease';
import { deleteWrite, getStored, readStored, setWrite, type OrderSequence } from './stored-records';

type Direction = QueueEntry['direction'];

/**
 * Finished entries stay for the Sync queue tab's counts for two weeks, then KVS forgets them:
 * KVS cannot count without reading, so an ever-growing history would slow every count.
 */
const finishedEntryTtlSeconds = 14 * 24 * 3600;
/** Slot markers only have to outlive the clock reading they were made from. */
const slotTtlSeconds = 24 * 3600;

const isOpen = (state: QueueState) => state === 'queued' || state === 'in_flight';
const section = (state: QueueState) => (isOpen(state) ? 'open' : 'finished');

/**
 * An "empty" marker is believed this long; then the queue is listed once more. It only guards
 * against a writer that stopped between its entry and its marker (a stopped invocation): such an
 * entry waits at most this long instead of forever.
 */
export const emptyMarkerTrustMs = 5 * 60_000;

/**
 * Whether a queue may have open entries, so that an idle poll reads this one small key instead of
 * listing the queue. Writers set `empty: false` after their entry (enqueue, an entry opened again);
 * only a claimer, under the queue's lease, sets `empty: true`, and only after listing the queue
 * empty, writing the marker, and listing it empty once more: an entry written in between shows in
 * the second listing, or its own marker lands after ours.
 */
const workMarkerSchema = z.strictObject({ empty: z.boolean(), checkedAt: z.number() });
const workMarkerKey = (connectionId: string, direction: Direction) => storageKey('queue-work', connectionId, direction);
const mayHaveWork = (connectionId: string, direction: Direction, at: number) =>
  setWrite(workMarkerKey(connectionId, direction), { empty: false, checkedAt: at });

/**
 * Attachment content of an entry, kept under its own key (split in parts within KVS's value size
 * by the key-value space) and read only when the entry is claimed to be sent: listing the queue
 * then reads entries of a few hundred bytes, not megabytes of base64 on every listing.
 */
const contentKey = (connectionId: string, direction: Direction, envelopeId: string) => storageKey('queue-content', connectionId, direction, envelopeId);
type AttachmentEnvelope = Extract<QueueEntry['envelope'], { kind: 'attachment' }>;
const isAttachment = (envelope: QueueEntry['envelope']): envelope is AttachmentEnvelope => envelope.kind === 'attachment';

const entryKey = (connectionId: string, direction: Direction, state: QueueState, position: number) =>
  storageKey('queue', connectionId, direction, section(state), orderedNumber(position));
const sectionPrefix = (connectionId: string, direction: Direction, open: boolean) =>
  storagePrefix('queue', connectionId, direction, open ? 'open' : 'finished');

/**
 * The outbox and inbox in KVS: open entries (queued, in flight) under one prefix, so claiming reads
 * only what is waiting, and finished ones under another. Positions come from the clock in
 * microseconds and each one is reserved with FAIL_IF_EXISTS, so two invocations never share one.
 */
export class KvsQueue {
  readonly #space: KeyValueSpace;
  readonly #order: OrderSequence;
  readonly #lease: KvsLease;

  constructor(space: KeyValueSpace, order: OrderSequence, lease: KvsLease) {
    this.#space = space;
    this.#order = order;
    this.#lease = lease;
  }

  async enqueue(entry: Omit<QueueEntry, 'position'>): Promise<number | undefined> {
    const envelopeKey = storageKey('queue-envelope', entry.connectionId, entry.direction, entry.envelope.id);
    if (!(await this.#space.createIfAbsent(envelopeKey, true))) return undefined;
    // Never behind the last position this queue handed out, even when this machine's clock is.
    const hintKey = storageKey('queue-position', entry.connectionId, entry.direction);
    let position = this.#order.next(((await getStored(this.#space, hintKey, z.number(), 'queue position')) ?? 0) + 1);
    while (
      !(await this.#space.createIfAbsent(storageKey('queue-slot', entry.connectionId, entry.direction, orderedNumber(position)), true, {
        ttlSeconds: slotTtlSeconds,
      }))
    ) {
      position = this.#order.next(position + 1);
    }
    // Outgoing content is always kept under its own key, an empty file's too, so that a claim that
    // finds no content knows it is lost rather than empty. Incoming entries arrive without content:
    // theirs is kept by the attachment content store (receive-envelopes.ts).
    const content =
      isAttachment(entry.envelope) && (entry.direction === 'outbound' || entry.envelope.contentBase64 !== '') ? entry.envelope.contentBase64 : undefined;
    const stored: QueueEntry =
      content === undefined ? { ...entry, position } : { ...entry, position, envelope: { ...(entry.envelope as AttachmentEnvelope), contentBase64: '' } };
    await this.#space.apply([
      ...(content === undefined || !isOpen(entry.state) ? [] : [setWrite(contentKey(entry.connectionId, entry.direction, entry.envelope.id), content)]),
      setWrite(
        entryKey(entry.connectionId, entry.direction, entry.state, position),
        stored,
        isOpen(entry.state) ? undefined : { ttlSeconds: finishedEntryTtlSeconds },
      ),
      setWrite(hintKey, position),
      // Last: a claimer that finds this marker finds the entry too.
      ...(isOpen(entry.state) ? [mayHaveWork(entry.connectionId, entry.direction, entry.createdAt)] : []),
    ]);
    return position;
  }

  async listQueue(query: QueueQuery): Promise<readonly QueueEntry[]> {
    const wanted = new Set(query.states);
    const sections = [...new Set(query.states.map((state) => isOpen(state)))];
    const entries: QueueEntry[] = [];
    for (const open of sections) entries.push(...this.#read(await this.#space.list(sectionPrefix(query.connectionId, query.direction, open))));
    const envelopeIds = query.envelopeIds === undefined ? undefined : new Set(query.envelopeIds);
    return entries
      .filter(
        (entry) =>
          wanted.has(entry.state) &&
          (query.itemKey === undefined || entry.itemKey === query.itemKey) &&
          (envelopeIds === undefined || envelopeIds.has(entry.envelope.id)),
      )
      .sort((left, right) => left.position - right.position)
      .slice(0, query.limit);
  }

  /** Held under a lease per queue, so that invocations claiming at the same time take turns. */
  async claimDueEntries(claim: {
    readonly connectionId: string;
    readonly direction: Direction;
    readonly now: number;
    readonly leaseMs: number;
    readonly limit: number;
  }): Promise<readonly QueueEntry[]> {
    const markerKey = workMarkerKey(claim.connectionId, claim.direction);
    const marker = await getStored(this.#space, markerKey, workMarkerSchema, 'queue work marker');
    // An idle queue: one read, no lease, no listing (what an idle poll costs, docs/benchmarks.md).
    if (marker?.empty && claim.now - marker.checkedAt < emptyMarkerTrustMs) return [];
    return this.#lease.run(`claim:${claim.connectionId}:${claim.direction}`, async () => {
      let open = await this.#listOpen(claim.connectionId, claim.direction);
      if (open.length === 0) {
        await this.#space.apply([setWrite(markerKey, { empty: true, checkedAt: claim.now })]);
        open = await this.#listOpen(claim.connectionId, claim.direction);
        if (open.length === 0) return [];
        await this.#space.apply([mayHaveWork(claim.connectionId, claim.direction, claim.now)]);
      }
      const seenItems = new Set<string>();
      const claimed: QueueEntry[] = [];
      for (const entry of open) {
        // Only the oldest unfinished entry of an item may go: per item, order is kept.
        if (seenItems.has(entry.itemKey)) continue;
        seenItems.add(entry.itemKey);
        if (entry.nextAttemptAt > claim.now || claimed.length >= claim.limit) continue;
        claimed.push({ ...entry, state: 'in_flight', attempts: entry.attempts + 1, nextAttemptAt: claim.now + claim.leaseMs, updatedAt: claim.now });
      }
      await this.#space.apply(claimed.map((entry) => setWrite(entryKey(entry.connectionId, entry.direction, entry.state, entry.position), entry)));
      const sendable: QueueEntry[] = [];
      for (const entry of claimed) {
        const withContent = await this.#withContent(entry);
        if (withContent !== undefined) sendable.push(withContent);
        else
          await this.updateQueueEntry(entry.connectionId, entry.direction, entry.position, {
            state: 'failed',
            lastError: lostContentMessage(entry),
            updatedAt: claim.now,
          });
      }
      return sendable;
    });
  }

  async #listOpen(connectionId: string, direction: Direction): Promise<QueueEntry[]> {
    return this.#read(await this.#space.list(sectionPrefix(connectionId, direction, true))).sort((left, right) => left.position - right.position);
  }

  /**
   * The entry as it is sent: an attachment with its content, read from its own key. Undefined
   * when an outgoing attachment's content is gone: sending it would deliver an empty file.
   */
  async #withContent(entry: QueueEntry): Promise<QueueEntry | undefined> {
    if (!isAttachment(entry.envelope) || entry.envelope.contentBase64 !== '') return entry;
    const content = await getStored(this.#space, contentKey(entry.connectionId, entry.direction, entry.envelope.id), z.string(), 'attachment content');
    if (content === undefined) return entry.direction === 'outbound' ? undefined : entry;
    return { ...entry, envelope: { ...entry.envelope, contentBase64: content } };
  }

  async updateQueueEntry(connectionId: string, direction: Direction, position: number, patch: QueueEntryPatch): Promise<void> {
    const openKey = entryKey(connectionId, direction, 'queued', position);
    const finishedKey = entryKey(connectionId, direction, 'done', position);
    const current =
      (await getStored(this.#space, openKey, queueEntrySchema, 'queue entry')) ?? (await getStored(this.#space, finishedKey, queueEntrySchema, 'queue entry'));
    if (!current) throw new ExalateError('not_found', `There is no queue entry ${position} on connection ${connectionId}.`);
    const updated: QueueEntry = { ...current, ...patch };
    const target = entryKey(connectionId, direction, updated.state, position);
    const source = entryKey(connectionId, direction, current.state, position);
    const reopened = isOpen(updated.state) && !isOpen(current.state);
    // Sent and confirmed, or failed for good (nothing retries a failed entry): its content is not
    // needed again, and would otherwise stay in the app's storage for ever.
    const contentDone = !isOpen(updated.state) && isAttachment(current.envelope) && current.envelope.contentBase64 === '';
    await this.#space.apply([
      ...(source === target ? [] : [deleteWrite(source)]),
      setWrite(target, updated, isOpen(updated.state) ? undefined : { ttlSeconds: finishedEntryTtlSeconds }),
      ...(contentDone ? [deleteWrite(contentKey(connectionId, direction, current.envelope.id))] : []),
      ...(reopened ? [mayHaveWork(connectionId, direction, updated.updatedAt)] : []),
    ]);
  }

  async countQueue(connectionId: string): Promise<Readonly<Record<Direction, Readonly<Record<QueueState, number>>>>> {
    const empty = () => Object.fromEntries(queueStates.map((state) => [state, 0])) as Record<QueueState, number>;
    const counts = { outbound: empty(), inbound: empty() };
    for (const entry of this.#read(await this.#space.list(storagePrefix('queue', connectionId)))) counts[entry.direction][entry.state] += 1;
    return counts;
  }

  #read(entries: readonly StoredEntry[]): QueueEntry[] {
    return entries.map((entry) => readStored(entry.value, queueEntrySchema, 'queue entry'));
  }
}

function lostContentMessage(entry: QueueEntry): string {
  const filename = isAttachment(entry.envelope) ? entry.envelope.filename : 'the attachment';
  return `The content of "${filename}" is no longer stored in the app, so it was not sent (an empty file would have arrived instead). Attach the file to the issue again to send it.`;
}
