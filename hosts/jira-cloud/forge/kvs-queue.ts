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

const entryKey = (connectionId: string, direction: Direction, state: QueueState, position: number) => storageKey('queue', connectionId, direction, section(state), orderedNumber(position));
const sectionPrefix = (connectionId: string, direction: Direction, open: boolean) => storagePrefix('queue', connectionId, direction, open ? 'open' : 'finished');

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
    while (!(await this.#space.createIfAbsent(storageKey('queue-slot', entry.connectionId, entry.direction, orderedNumber(position)), true, { ttlSeconds: slotTtlSeconds }))) {
      position = this.#order.next(position + 1);
    }
    const stored: QueueEntry = { ...entry, position };
    await this.#space.apply([setWrite(entryKey(entry.connectionId, entry.direction, entry.state, position), stored, isOpen(entry.state) ? undefined : { ttlSeconds: finishedEntryTtlSeconds }), setWrite(hintKey, position)]);
    return position;
  }

  async listQueue(query: QueueQuery): Promise<readonly QueueEntry[]> {
    const wanted = new Set(query.states);
    const sections = [...new Set(query.states.map((state) => isOpen(state)))];
    const entries: QueueEntry[] = [];
    for (const open of sections) entries.push(...this.#read(await this.#space.list(sectionPrefix(query.connectionId, query.direction, open))));
    const envelopeIds = query.envelopeIds === undefined ? undefined : new Set(query.envelopeIds);
    return entries
      .filter((entry) => wanted.has(entry.state) && (query.itemKey === undefined || entry.itemKey === query.itemKey) && (envelopeIds === undefined || envelopeIds.has(entry.envelope.id)))
      .sort((left, right) => left.position - right.position)
      .slice(0, query.limit);
  }

  /** Held under a lease per queue, so that invocations claiming at the same time take turns. */
  claimDueEntries(claim: { readonly connectionId: string; readonly direction: Direction; readonly now: number; readonly leaseMs: number; readonly limit: number }): Promise<readonly QueueEntry[]> {
    return this.#lease.run(`claim:${claim.connectionId}:${claim.direction}`, async () => {
      const open = this.#read(await this.#space.list(sectionPrefix(claim.connectionId, claim.direction, true))).sort((left, right) => left.position - right.position);
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
      return claimed;
    });
  }

  async updateQueueEntry(connectionId: string, direction: Direction, position: number, patch: QueueEntryPatch): Promise<void> {
    const openKey = entryKey(connectionId, direction, 'queued', position);
    const finishedKey = entryKey(connectionId, direction, 'done', position);
    const current = (await getStored(this.#space, openKey, queueEntrySchema, 'queue entry')) ?? (await getStored(this.#space, finishedKey, queueEntrySchema, 'queue entry'));
    if (!current) throw new ExalateError('not_found', `There is no queue entry ${position} on connection ${connectionId}.`);
    const updated: QueueEntry = { ...current, ...patch };
    const target = entryKey(connectionId, direction, updated.state, position);
    const source = entryKey(connectionId, direction, current.state, position);
    await this.#space.apply([...(source === target ? [] : [deleteWrite(source)]), setWrite(target, updated, isOpen(updated.state) ? undefined : { ttlSeconds: finishedEntryTtlSeconds })]);
  }

  async countQueue(connectionId: string): Promise<Readonly<Record<Direction, Readonly<Record<QueueState, number>>>>> {
    const empty = () => Object.fromEntries(queueStates.map((state) => [state, 0])) as Record<QueueState, number>;
    const counts = { outbound: empty(), inbound: empty() };
    for (const entry of this.#read(await this.#space.list(storagePrefix('queue', connectionId)))) counts[entry.direction][entry.state] += 1;
    return counts;
  }

  /** Whether an entry of this queue is due now: what a held poll waits for (see StorePollingSignals). */
  async hasDueEntries(connectionId: string, direction: Direction, now: number): Promise<boolean> {
    return this.#read(await this.#space.list(sectionPrefix(connectionId, direction, true))).some((entry) => entry.nextAttemptAt <= now);
  }

  #read(entries: readonly StoredEntry[]): QueueEntry[] {
    return entries.map((entry) => readStored(entry.value, queueEntrySchema, 'queue entry'));
  }
}
