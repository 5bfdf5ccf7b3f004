/**
 * Items this node process created in its tracker for an incoming change whose twin it has not
 * stored yet (the database refused the write, say). Memory is the fallback for when the database
 * cannot take the note itself (core/sync/creation-intent.ts keeps it there too): while an item is
 * listed, a trigger never sends it as new, and the retry of the change adopts it instead of
 * creating another. Lost with the process; the note in the database is not.
 */
export class ItemsAwaitingTwin {
  private readonly byChange = new Map<string, string>();
  private readonly byItem = new Set<string>();

  add(connectionId: string, changeId: string, localKey: string): void {
    this.byChange.set(`${connectionId}\u0000${changeId}`, localKey);
    this.byItem.add(`${connectionId}\u0000${localKey}`);
  }

  createdFor(connectionId: string, changeId: string): string | undefined {
    return this.byChange.get(`${connectionId}\u0000${changeId}`);
  }

  has(connectionId: string, localKey: string): boolean {
    return this.byItem.has(`${connectionId}\u0000${localKey}`);
  }

  delete(connectionId: string, changeId: string): void {
    const localKey = this.createdFor(connectionId, changeId);
    this.byChange.delete(`${connectionId}\u0000${changeId}`);
    if (localKey !== undefined) this.byItem.delete(`${connectionId}\u0000${localKey}`);
  }
}
