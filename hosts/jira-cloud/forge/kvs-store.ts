import { z } from 'zod';
import {
  connectionSchema,
  decideInvitationAccept,
  ExalateError,
  systemClock,
  type ClockV1,
  type Connection,
  type AttachmentContent,
  type AttachmentContentKey,
  type InvitationConsumption,
  type InvitationRecord,
  type NodeIdentity,
  type QueueEntry,
  type QueueEntryPatch,
  type QueueQuery,
  type StoreV1,
  type SyncError,
  type Trigger,
  type Twin,
} from '../../../core';
import { BufferedSpace } from './buffered-space';
import { KvsAttachmentContents } from './kvs-attachment-contents';
import { ForgeKeyValueSpace, type KeyValueSpace } from './key-value-space';
import { storageKey, storagePrefix } from './kvs-key';
import { defaultLeaseOptions, KvsLease, type LeaseBudget, type LeaseOptions } from './kvs-lease';
import { KvsQueue } from './kvs-queue';
import { KvsSyncRecords } from './kvs-sync-records';
import { getStored, listOrdered, orderedRecordSchema, OrderSequence, setWrite, deleteWrite } from './stored-records';

const identitySchema = z.strictObject({ nodeId: z.string().min(1), publicKey: z.string().min(1), privateKey: z.string().min(1), createdAt: z.number().int() });
// Invitations stored before the sealed code was kept have none: they read as null.
const invitationSchema = z.strictObject({
  connectionId: z.string(),
  tokenHash: z.string(),
  expiresAt: z.number(),
  usedAt: z.number().nullable(),
  sealedCode: z.string().nullable().default(null),
});
const orderedConnection = orderedRecordSchema(connectionSchema);
/** Longer than any Forge invocation (at most 900 s), so racers of one accept always meet the marker. */
const connectionClaimTtlSeconds = 15 * 60;

export interface KvsStoreOptions {
  readonly clock?: ClockV1;
  readonly lease?: LeaseOptions;
  /** The invocation's remaining time: lease waits end before Forge ends the invocation. */
  readonly budget?: LeaseBudget;
}

interface Shared {
  readonly base: KeyValueSpace;
  readonly lease: KvsLease;
  readonly order: OrderSequence;
}

/**
 * The Store port on Forge KVS (`@forge/kvs`, key-value with prefix queries; no custom entities, so
 * the manifest declares no schema). What differs from SQLite, and why it is still correct:
 * - Atomic steps use KVS's own atomic write, `FAIL_IF_EXISTS`: an invitation is consumed, a
 *   request id remembered, a queue position or envelope id taken, by the one writer that creates
 *   its marker key.
 * - `transaction` buffers writes and lands them in KVS transactions of 25 keys (see BufferedSpace).
 *   Isolation is per key: another invocation may read between two chunks of a large commit.
 * - `runExclusive` and `claimDueEntries` hold a lease in KVS (see KvsLease), because several
 *   Forge invocations run at once, each in its own process.
 */
export class KvsStore implements StoreV1 {
  readonly #space: KeyValueSpace;
  readonly #shared: Shared;
  readonly #records: KvsSyncRecords;
  readonly #queue: KvsQueue;
  readonly #attachments: KvsAttachmentContents;
  readonly #clock: ClockV1;
  readonly #inTransaction: boolean;

  private constructor(space: KeyValueSpace, shared: Shared, clock: ClockV1, inTransaction: boolean) {
    this.#space = space;
    this.#shared = shared;
    this.#clock = clock;
    this.#inTransaction = inTransaction;
    this.#records = new KvsSyncRecords(space, shared.order);
    this.#queue = new KvsQueue(space, shared.order, shared.lease);
    this.#attachments = new KvsAttachmentContents(space);
  }

  static open(options: KvsStoreOptions = {}, base: KeyValueSpace = new ForgeKeyValueSpace()): KvsStore {
    const clock = options.clock ?? systemClock;
    return new KvsStore(
      base,
      { base, lease: new KvsLease(base, clock, options.lease ?? defaultLeaseOptions, options.budget), order: new OrderSequence(clock) },
      clock,
      false,
    );
  }

  async ensureNodeIdentity(candidate: NodeIdentity): Promise<NodeIdentity> {
    await this.#space.createIfAbsent(storageKey('identity'), candidate);
    const kept = await getStored(this.#space, storageKey('identity'), identitySchema, 'node identity');
    if (!kept) throw new ExalateError('internal', 'The node identity is missing right after it was written; Forge storage may be failing.');
    return kept;
  }

  getSetting(key: string): Promise<string | undefined> {
    return getStored(this.#space, storageKey('setting', key), z.string(), 'setting');
  }

  putSetting(key: string, value: string): Promise<void> {
    return this.#space.apply([setWrite(storageKey('setting', key), value)]);
  }

  deleteSetting(key: string): Promise<void> {
    return this.#space.apply([deleteWrite(storageKey('setting', key))]);
  }

  async insertConnection(connection: Connection): Promise<void> {
    // A plain write, not FAIL_IF_EXISTS: inside a transaction it must stay invisible until commit.
    // Connection ids are random, so the check below only guards against a bug.
    const key = storageKey('connection', connection.id);
    if ((await this.#space.get(key)) !== undefined) throw new ExalateError('conflict', `A connection with id ${connection.id} exists already.`);
    await this.#space.apply([setWrite(key, { record: connection, order: this.#shared.order.next() })]);
  }

  async insertConnectionUnlessLive(connection: Connection): Promise<boolean> {
    const key = storageKey('connection', connection.id);
    const stored = await getStored(this.#space, key, orderedConnection, 'connection');
    if (stored && stored.record.status !== 'deleted') return false;
    // KVS has no conditional update: concurrent callers that saw the same stored state race to
    // create one marker named after that state (absent, or this deleted record); one wins.
    const seen = stored ? `deleted-${stored.record.updatedAt}` : 'absent';
    // The marker only has to outlast the race: a winner that died before writing the connection
    // (a Forge timeout, a KVS error) must not leave the code "already accepted" for ever.
    if (!(await this.#space.createIfAbsent(storageKey('connection-claim', connection.id, seen), true, { ttlSeconds: connectionClaimTtlSeconds }))) return false;
    await this.#space.apply([setWrite(key, { record: connection, order: stored?.order ?? this.#shared.order.next() })]);
    return true;
  }

  async updateConnection(connection: Connection): Promise<void> {
    const key = storageKey('connection', connection.id);
    const stored = await getStored(this.#space, key, orderedConnection, 'connection');
    if (!stored) throw new ExalateError('not_found', `There is no connection with id ${connection.id}.`);
    await this.#space.apply([setWrite(key, { record: connection, order: stored.order })]);
  }

  async getConnection(id: string): Promise<Connection | undefined> {
    return (await getStored(this.#space, storageKey('connection', id), orderedConnection, 'connection'))?.record;
  }

  listConnections(): Promise<readonly Connection[]> {
    return listOrdered(this.#space, storagePrefix('connection'), connectionSchema, 'connection');
  }

  insertInvitation(invitation: InvitationRecord): Promise<void> {
    return this.#space.apply([setWrite(storageKey('invitation', invitation.connectionId), invitation)]);
  }

  async consumeInvitation(connectionId: string, tokenHash: string, now: number): Promise<InvitationConsumption> {
    const key = storageKey('invitation', connectionId);
    const invitation = await getStored(this.#space, key, invitationSchema, 'invitation');
    const decision = decideInvitationAccept(invitation, tokenHash, now);
    if (decision !== 'spend') return decision;
    // Of two acceptors racing with the same code, only one creates the marker.
    if (!(await this.#space.createIfAbsent(storageKey('invitation-used', connectionId), now))) return 'already_used';
    await this.#space.apply([setWrite(key, { ...invitation, usedAt: now, sealedCode: null })]);
    return 'consumed';
  }

  getInvitation(connectionId: string): Promise<InvitationRecord | undefined> {
    return getStored(this.#space, storageKey('invitation', connectionId), invitationSchema, 'invitation');
  }

  async discardInvitationCode(connectionId: string): Promise<void> {
    const key = storageKey('invitation', connectionId);
    const invitation = await getStored(this.#space, key, invitationSchema, 'invitation');
    if (invitation) await this.#space.apply([setWrite(key, { ...invitation, sealedCode: null })]);
  }

  async rememberRequestId(requestId: string, expiresAt: number, now: number): Promise<boolean> {
    const key = storageKey('request-id', requestId);
    const ttlSeconds = Math.max(1, (expiresAt - now) / 1000);
    if (await this.#space.createIfAbsent(key, expiresAt, { ttlSeconds })) return true;
    // KVS's time-to-live is in whole seconds and lazy: a remembered id past its expiry is free again.
    const seenUntil = await getStored(this.#space, key, z.number(), 'request id');
    if (seenUntil !== undefined && seenUntil > now) return false;
    await this.#space.apply([setWrite(key, expiresAt, { ttlSeconds })]);
    return true;
  }

  getRules: StoreV1['getRules'] = (connectionId) => this.#records.getRules(connectionId);
  putRules: StoreV1['putRules'] = (connectionId, rules) => this.#records.putRules(connectionId, rules);
  listTriggers = (connectionId: string): Promise<readonly Trigger[]> => this.#records.listTriggers(connectionId);
  insertTrigger = (trigger: Trigger): Promise<void> => this.#records.insertTrigger(trigger);
  deleteTrigger = (connectionId: string, triggerId: string): Promise<boolean> => this.#records.deleteTrigger(connectionId, triggerId);
  getTwinByLocalKey = (connectionId: string, localKey: string): Promise<Twin | undefined> => this.#records.getTwinByLocalKey(connectionId, localKey);
  getTwinByRemoteKey = (connectionId: string, remoteKey: string): Promise<Twin | undefined> => this.#records.getTwinByRemoteKey(connectionId, remoteKey);
  putTwin = (twin: Twin): Promise<void> => this.#records.putTwin(twin);
  deleteTwin = (connectionId: string, localKey: string): Promise<void> => this.#records.deleteTwin(connectionId, localKey);
  listTwins = (connectionId: string): Promise<readonly Twin[]> => this.#records.listTwins(connectionId);
  recordError = (error: SyncError): Promise<SyncError> => this.#records.recordError(error);
  putAttachmentContent = (content: AttachmentContent): Promise<void> => this.#attachments.put(content);
  getAttachmentContent = (key: AttachmentContentKey): Promise<AttachmentContent | undefined> => this.#attachments.get(key);
  deleteAttachmentContent = (key: AttachmentContentKey): Promise<void> => this.#attachments.delete(key);
  measureAttachmentContent = (connectionId: string): Promise<number> => this.#attachments.measure(connectionId);
  listAttachmentContentReceivedBefore: StoreV1['listAttachmentContentReceivedBefore'] = (receivedBefore, limit) =>
    this.#attachments.listReceivedBefore(receivedBefore, limit);
  listErrors = (options: { readonly includeResolved: boolean }): Promise<readonly SyncError[]> => this.#records.listErrors(options);
  getError = (id: string): Promise<SyncError | undefined> => this.#records.getError(id);
  resolveErrors: StoreV1['resolveErrors'] = (filter, now) => this.#records.resolveErrors(filter, now);

  enqueue = (entry: Omit<QueueEntry, 'position'>): Promise<number | undefined> => this.#queue.enqueue(entry);
  listQueue = (query: QueueQuery): Promise<readonly QueueEntry[]> => this.#queue.listQueue(query);
  claimDueEntries: StoreV1['claimDueEntries'] = (claim) => this.#queue.claimDueEntries(claim);
  updateQueueEntry = (connectionId: string, direction: QueueEntry['direction'], position: number, patch: QueueEntryPatch): Promise<void> =>
    this.#queue.updateQueueEntry(connectionId, direction, position, patch);
  countQueue: StoreV1['countQueue'] = (connectionId) => this.#queue.countQueue(connectionId);

  runExclusive<T>(key: string, work: () => Promise<T>): Promise<T> {
    return this.#shared.lease.run(`exclusive:${key}`, work);
  }

  async transaction<T>(work: (store: StoreV1) => Promise<T>): Promise<T> {
    if (this.#inTransaction) return work(this);
    const buffer = new BufferedSpace(this.#shared.base);
    let result: T;
    try {
      result = await work(new KvsStore(buffer, this.#shared, this.#clock, true));
    } catch (error) {
      await buffer.rollback();
      throw error;
    }
    await buffer.commit();
    return result;
  }

  async close(): Promise<void> {
    // Nothing to release: every KVS call is a request of its own.
  }
}
