import type {
  AttachmentContent,
  AttachmentContentKey,
  ClockV1,
  Connection,
  ConnectionRules,
  InvitationConsumption,
  InvitationRecord,
  NodeIdentity,
  QueueEntry,
  QueueEntryPatch,
  QueueQuery,
  StoreV1,
  SyncError,
  Trigger,
  Twin,
} from '../../../core';
import type { ClaimLedger } from './claim-ledger';
import type { NodeMetrics } from './node-metrics';

export interface StoreObservation {
  readonly metrics: NodeMetrics;
  readonly ledger: ClaimLedger;
  readonly clock: ClockV1;
}

type ClaimRequest = Parameters<StoreV1['claimDueEntries']>[0];

/**
 * The node's store as the engine sees it: the same store, plus what operations need without
 * changing core. It counts claims, errors and sync latency, remembers which entries this
 * process holds, and stops handing out work once the node shuts down. Inside a transaction what
 * it observed counts only when the transaction commits.
 */
export class ObservedStore implements StoreV1 {
  constructor(
    private readonly inner: StoreV1,
    private readonly observation: StoreObservation,
    /** Set inside a transaction: observations wait here for the commit. */
    private readonly pending?: (() => void)[],
  ) {}

  async claimDueEntries(claim: ClaimRequest): Promise<readonly QueueEntry[]> {
    // Shutting down: take nothing new; what was claimed is finished or released.
    if (this.observation.ledger.isDraining) return [];
    const claimed = await this.inner.claimDueEntries(claim);
    this.observe(() => {
      this.observation.ledger.noteClaimed(claimed, claim.now);
      if (claimed.length > 0) this.observation.metrics.claims.inc({ direction: claim.direction }, claimed.length);
    });
    return claimed;
  }

  async updateQueueEntry(connectionId: string, direction: QueueEntry['direction'], position: number, patch: QueueEntryPatch): Promise<void> {
    await this.inner.updateQueueEntry(connectionId, direction, position, patch);
    this.observe(() => {
      const claimed = this.observation.ledger.noteUpdated(connectionId, direction, position);
      if (claimed && patch.state === 'done') {
        const finishedAt = patch.updatedAt ?? this.observation.clock.now();
        this.observation.metrics.syncLatencySeconds.observe({ direction }, Math.max(0, finishedAt - claimed.createdAt) / 1000);
      }
    });
  }

  putAttachmentContent(content: AttachmentContent): Promise<void> {
    return this.inner.putAttachmentContent(content);
  }
  getAttachmentContent(key: AttachmentContentKey): Promise<AttachmentContent | undefined> {
    return this.inner.getAttachmentContent(key);
  }
  deleteAttachmentContent(key: AttachmentContentKey): Promise<void> {
    return this.inner.deleteAttachmentContent(key);
  }
  measureAttachmentContent(connectionId: string): Promise<number> {
    return this.inner.measureAttachmentContent(connectionId);
  }
  listAttachmentContentReceivedBefore(receivedBefore: number, limit: number): ReturnType<StoreV1['listAttachmentContentReceivedBefore']> {
    return this.inner.listAttachmentContentReceivedBefore(receivedBefore, limit);
  }

  async recordError(error: SyncError): Promise<SyncError> {
    const kept = await this.inner.recordError(error);
    this.observe(() => this.observation.metrics.syncErrors.inc({ scope: error.scope }));
    return kept;
  }

  async transaction<T>(work: (store: StoreV1) => Promise<T>): Promise<T> {
    if (this.pending) return this.inner.transaction((inner) => work(new ObservedStore(inner, this.observation, this.pending)));
    const pending: (() => void)[] = [];
    const result = await this.inner.transaction((inner) => work(new ObservedStore(inner, this.observation, pending)));
    for (const effect of pending) effect();
    return result;
  }

  ensureNodeIdentity(candidate: NodeIdentity): Promise<NodeIdentity> {
    return this.inner.ensureNodeIdentity(candidate);
  }
  getSetting(key: string): Promise<string | undefined> {
    return this.inner.getSetting(key);
  }
  putSetting(key: string, value: string): Promise<void> {
    return this.inner.putSetting(key, value);
  }
  deleteSetting(key: string): Promise<void> {
    return this.inner.deleteSetting(key);
  }
  insertConnection(connection: Connection): Promise<void> {
    return this.inner.insertConnection(connection);
  }
  insertConnectionUnlessLive(connection: Connection): Promise<boolean> {
    return this.inner.insertConnectionUnlessLive(connection);
  }
  updateConnection(connection: Connection): Promise<void> {
    return this.inner.updateConnection(connection);
  }
  getConnection(id: string): Promise<Connection | undefined> {
    return this.inner.getConnection(id);
  }
  listConnections(): Promise<readonly Connection[]> {
    return this.inner.listConnections();
  }
  insertInvitation(invitation: InvitationRecord): Promise<void> {
    return this.inner.insertInvitation(invitation);
  }
  getInvitation(connectionId: string): Promise<InvitationRecord | undefined> {
    return this.inner.getInvitation(connectionId);
  }
  consumeInvitation(connectionId: string, tokenHash: string, now: number): Promise<InvitationConsumption> {
    return this.inner.consumeInvitation(connectionId, tokenHash, now);
  }
  discardInvitationCode(connectionId: string): Promise<void> {
    return this.inner.discardInvitationCode(connectionId);
  }
  rememberRequestId(requestId: string, expiresAt: number, now: number): Promise<boolean> {
    return this.inner.rememberRequestId(requestId, expiresAt, now);
  }
  getRules(connectionId: string): Promise<ConnectionRules | undefined> {
    return this.inner.getRules(connectionId);
  }
  putRules(connectionId: string, rules: ConnectionRules): Promise<void> {
    return this.inner.putRules(connectionId, rules);
  }
  listTriggers(connectionId: string): Promise<readonly Trigger[]> {
    return this.inner.listTriggers(connectionId);
  }
  insertTrigger(trigger: Trigger): Promise<void> {
    return this.inner.insertTrigger(trigger);
  }
  deleteTrigger(connectionId: string, triggerId: string): Promise<boolean> {
    return this.inner.deleteTrigger(connectionId, triggerId);
  }
  getTwinByLocalKey(connectionId: string, localKey: string): Promise<Twin | undefined> {
    return this.inner.getTwinByLocalKey(connectionId, localKey);
  }
  getTwinByRemoteKey(connectionId: string, remoteKey: string): Promise<Twin | undefined> {
    return this.inner.getTwinByRemoteKey(connectionId, remoteKey);
  }
  putTwin(twin: Twin): Promise<void> {
    return this.inner.putTwin(twin);
  }
  deleteTwin(connectionId: string, localKey: string): Promise<void> {
    return this.inner.deleteTwin(connectionId, localKey);
  }
  listTwins(connectionId: string): Promise<readonly Twin[]> {
    return this.inner.listTwins(connectionId);
  }
  enqueue(entry: Omit<QueueEntry, 'position'>): Promise<number | undefined> {
    return this.inner.enqueue(entry);
  }
  listQueue(query: QueueQuery): Promise<readonly QueueEntry[]> {
    return this.inner.listQueue(query);
  }
  countQueue(connectionId: string): ReturnType<StoreV1['countQueue']> {
    return this.inner.countQueue(connectionId);
  }
  runExclusive<T>(key: string, work: () => Promise<T>): Promise<T> {
    return this.inner.runExclusive(key, work);
  }
  listErrors(options: { readonly includeResolved: boolean }): Promise<readonly SyncError[]> {
    return this.inner.listErrors(options);
  }
  getError(id: string): Promise<SyncError | undefined> {
    return this.inner.getError(id);
  }
  resolveErrors(filter: { readonly id?: string; readonly connectionId?: string; readonly itemKey?: string | null }, now: number): Promise<number> {
    return this.inner.resolveErrors(filter, now);
  }
  close(): Promise<void> {
    return this.inner.close();
  }

  private observe(effect: () => void): void {
    if (this.pending) this.pending.push(effect);
    else effect();
  }
}
