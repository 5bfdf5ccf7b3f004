import type { ConnectionRules, QueueEntry, QueueState, SyncError, Trigger, Twin } from '../sync/sync-records';

export interface QueueQuery {
  readonly connectionId: string;
  readonly direction: QueueEntry['direction'];
  readonly states: readonly QueueState[];
  readonly limit: number;
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
  updateQueueEntry(connectionId: string, direction: QueueEntry['direction'], position: number, patch: QueueEntryPatch): Promise<void>;
  /** Queue sizes per state, for the Sync queue tab and metrics. */
  countQueue(connectionId: string): Promise<Readonly<Record<QueueEntry['direction'], Readonly<Record<QueueState, number>>>>>;

  /** Records an error, or counts one more occurrence of the same unresolved error (same scope, connection, item and code). */
  recordError(error: SyncError): Promise<SyncError>;
  listErrors(options: { readonly includeResolved: boolean }): Promise<readonly SyncError[]>;
  getError(id: string): Promise<SyncError | undefined>;
  /** Marks the unresolved errors matching the filter as resolved. */
  resolveErrors(filter: { readonly id?: string; readonly connectionId?: string; readonly itemKey?: string | null }, now: number): Promise<number>;
}
