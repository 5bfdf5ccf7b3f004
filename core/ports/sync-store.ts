import type { ConnectionRules, QueueEntry, QueueState, SyncError, Trigger, Twin } from '../sync/sync-records';

export interface QueueQuery {
  readonly connectionId: string;
  readonly direction: QueueEntry['direction'];
  readonly states: readonly QueueState[];
  readonly limit: number;
  /** Only entries about this item. */
  readonly itemKey?: string;
  /** Only entries carrying one of these envelopes. */
  readonly envelopeIds?: readonly string[];
}

/** Which attachment of which of the peer's items some kept content is: the sender's ids. */
export interface AttachmentContentKey {
  readonly connectionId: string;
  readonly sourceKey: string;
  readonly attachmentId: string;
}

/** Attachment content from the peer, waiting for the change that names it. */
export interface AttachmentContent extends AttachmentContentKey {
  /** base64url, as it travelled. */
  readonly contentBase64: string;
  /** The attachment's size (decoded), which the per-connection limit counts. */
  readonly bytes: number;
  readonly receivedAt: number;
}

export type QueueEntryPatch = Partial<Pick<QueueEntry, 'state' | 'attempts' | 'nextAttemptAt' | 'lastError' | 'updatedAt'>>;

/** The sync engine's half of the store. Every method is one atomic step; combine them in `transaction`. */
export interface SyncStoreV1 {
  getRules(connectionId: string): Promise<ConnectionRules | undefined>;
  putRules(connectionId: string, rules: ConnectionRules): Promise<void>;

  listTriggers(connectionId: string): Promise<readonly Trigger[]>;
  insertTrigger(trigger: Trigger): Promise<void>;
  deleteTrigger(connectionId: string, triggerId: string): Promise<boolean>;

  getTwinByLocalKey(connectionId: string, localKey: string): Promise<Twin | undefined>;
  getTwinByRemoteKey(connectionId: string, remoteKey: string): Promise<Twin | undefined>;
  /** Inserts or replaces the twin with the same connection and local key. */
  putTwin(twin: Twin): Promise<void>;
  deleteTwin(connectionId: string, localKey: string): Promise<void>;
  listTwins(connectionId: string): Promise<readonly Twin[]>;

  /**
   * Appends to a connection's outbox or inbox and returns the entry's position. An envelope id
   * already in that queue is not added again (returns undefined): redelivery writes nothing.
   */
  enqueue(entry: Omit<QueueEntry, 'position'>): Promise<number | undefined>;
  /** Entries in the given states, oldest position first. */
  listQueue(query: QueueQuery): Promise<readonly QueueEntry[]>;
  /**
   * Claims up to `limit` entries of one queue for this worker, atomically, so several node
   * processes can share a database: per item only the oldest unfinished entry ('queued' or
   * 'in_flight'), only when it is due (`nextAttemptAt <= now`; an 'in_flight' entry is due again
   * when its lease ran out, which is how a dead worker's claims return to the pool), oldest
   * position first. Claimed entries become 'in_flight' with `nextAttemptAt = now + leaseMs` and
   * `attempts + 1`. Two concurrent calls never return the same entry or two entries of one item.
   */
  claimDueEntries(claim: {
    readonly connectionId: string;
    readonly direction: QueueEntry['direction'];
    readonly now: number;
    readonly leaseMs: number;
    readonly limit: number;
  }): Promise<readonly QueueEntry[]>;
  updateQueueEntry(connectionId: string, direction: QueueEntry['direction'], position: number, patch: QueueEntryPatch): Promise<void>;
  /** Queue sizes per state, for the Sync queue tab and metrics. */
  countQueue(connectionId: string): Promise<Readonly<Record<QueueEntry['direction'], Readonly<Record<QueueState, number>>>>>;

  /**
   * Runs `work` while no other holder of the same key runs, across every process sharing this
   * store (SQLite: within the one process that owns the file; PostgreSQL: an advisory lock).
   * The engine holds a connection's key while it writes a peer's change to the tracker, so the
   * event caused by that write is never judged before the twin that explains it is stored.
   */
  runExclusive<T>(key: string, work: () => Promise<T>): Promise<T>;

  /** Keeps attachment content, replacing what is kept under the same connection, item and attachment id. */
  putAttachmentContent(content: AttachmentContent): Promise<void>;
  getAttachmentContent(key: AttachmentContentKey): Promise<AttachmentContent | undefined>;
  deleteAttachmentContent(key: AttachmentContentKey): Promise<void>;
  /** The sum of `bytes` kept for one connection. */
  measureAttachmentContent(connectionId: string): Promise<number>;
  /** Content received before the instant, oldest first, without the content itself. */
  listAttachmentContentReceivedBefore(
    receivedBefore: number,
    limit: number,
  ): Promise<readonly (AttachmentContentKey & { readonly bytes: number; readonly receivedAt: number })[]>;

  /** Records an error, or counts one more occurrence of the same unresolved error (same scope, connection, item and code). */
  recordError(error: SyncError): Promise<SyncError>;
  listErrors(options: { readonly includeResolved: boolean }): Promise<readonly SyncError[]>;
  getError(id: string): Promise<SyncError | undefined>;
  /** Marks the unresolved errors matching the filter as resolved. */
  resolveErrors(filter: { readonly id?: string; readonly connectionId?: string; readonly itemKey?: string | null }, now: number): Promise<number>;
}
