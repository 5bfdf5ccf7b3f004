import type { QueueEntry, StoreV1 } from '../../../core';

const keyOf = (connectionId: string, direction: QueueEntry['direction'], position: number) => `${connectionId}\u0000${direction}\u0000${position}`;

/**
 * The queue entries this process claimed and has not yet updated. On shutdown it first stops
 * new claims; whatever is still claimed when the grace period ends is handed back at once,
 * instead of waiting for its lease to run out (the engine's apply and delivery leases are a
 * minute or more), so the other processes pick it up right away.
 *
 * A claim whose lease ran out is no longer this process's: another may hold it now, or the peer
 * may have confirmed it through another process. Such claims are forgotten, never handed back.
 */
export class ClaimLedger {
  private readonly claimed = new Map<string, QueueEntry>();
  private draining = false;

  get isDraining(): boolean {
    return this.draining;
  }

  startDraining(): void {
    this.draining = true;
  }

  noteClaimed(entries: readonly QueueEntry[], now: number): void {
    for (const [key, entry] of this.claimed) if (entry.nextAttemptAt <= now) this.claimed.delete(key);
    for (const entry of entries) this.claimed.set(keyOf(entry.connectionId, entry.direction, entry.position), entry);
  }

  /** Forgets the entry and returns it as claimed, if this process held it. */
  noteUpdated(connectionId: string, direction: QueueEntry['direction'], position: number): QueueEntry | undefined {
    const key = keyOf(connectionId, direction, position);
    const entry = this.claimed.get(key);
    this.claimed.delete(key);
    return entry;
  }

  /** Claims whose lease still runs at `now`. */
  outstanding(now: number): readonly QueueEntry[] {
    return [...this.claimed.values()].filter((entry) => entry.nextAttemptAt > now);
  }

  /**
   * Makes every outstanding claim due again, with the attempt the claim counted given back, if
   * the store still shows it in flight under this process's lease. An entry the engine is still
   * writing may be taken by another process meanwhile; applying is idempotent (sequence per twin,
   * creation intents), so that costs a repeated read, not a second write.
   */
  async releaseOutstanding(store: StoreV1, now: number): Promise<number> {
    const groups = new Map<string, QueueEntry[]>();
    for (const entry of this.outstanding(now)) {
      const group = `${entry.connectionId}\u0000${entry.direction}`;
      groups.set(group, [...(groups.get(group) ?? []), entry]);
    }
    let released = 0;
    for (const entries of groups.values()) {
      const first = entries[0]!;
      const current = await store.listQueue({
        connectionId: first.connectionId,
        direction: first.direction,
        states: ['in_flight'],
        limit: entries.length,
        envelopeIds: entries.map((entry) => entry.envelope.id),
      });
      const stillOurs = new Set(current.map((entry) => `${entry.position}:${entry.nextAttemptAt}`));
      for (const entry of entries) {
        this.noteUpdated(entry.connectionId, entry.direction, entry.position);
        if (!stillOurs.has(`${entry.position}:${entry.nextAttemptAt}`)) continue;
        await store.updateQueueEntry(entry.connectionId, entry.direction, entry.position, {
          state: 'queued',
          attempts: Math.max(0, entry.attempts - 1),
          nextAttemptAt: now,
          updatedAt: now,
        });
        released += 1;
      }
    }
    return released;
  }
}
