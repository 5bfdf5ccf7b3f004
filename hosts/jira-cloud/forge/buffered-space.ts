import type { KeyValueSpace, SpaceWrite, StoredEntry, WriteOptions } from './key-value-space';

type Pending = { readonly deleted: true } | { readonly deleted: false; readonly value: unknown; readonly options?: WriteOptions };

/**
 * A transaction over Forge KVS. Writes are held here and land in one `apply` at commit (KVS
 * transactions of 25 keys each, so a larger commit lands in order, chunk by chunk: the engine's
 * writes are idempotent, so a crash between chunks is repaired by redelivery). Reads see this
 * transaction's own writes. `createIfAbsent` cannot wait for the commit, because its answer
 * decides what the work does next: it is done at once and undone if the transaction rolls back.
 */
export class BufferedSpace implements KeyValueSpace {
  readonly #base: KeyValueSpace;
  readonly #pending = new Map<string, Pending>();
  readonly #created: string[] = [];

  constructor(base: KeyValueSpace) {
    this.#base = base;
  }

  async get(key: string): Promise<unknown> {
    const pending = this.#pending.get(key);
    if (pending) return pending.deleted ? undefined : pending.value;
    return this.#base.get(key);
  }

  async list(prefix: string): Promise<readonly StoredEntry[]> {
    const merged = new Map((await this.#base.list(prefix)).map((entry) => [entry.key, entry.value] as const));
    for (const [key, pending] of this.#pending) {
      if (!key.startsWith(prefix)) continue;
      if (pending.deleted) merged.delete(key);
      else merged.set(key, pending.value);
    }
    return [...merged.entries()].sort(([left], [right]) => (left < right ? -1 : left > right ? 1 : 0)).map(([key, value]) => ({ key, value }));
  }

  async createIfAbsent(key: string, value: unknown, options?: WriteOptions): Promise<boolean> {
    const pending = this.#pending.get(key);
    if (pending && !pending.deleted) return false;
    const created = await this.#base.createIfAbsent(key, value, options);
    if (created) this.#created.push(key);
    return created;
  }

  async apply(writes: readonly SpaceWrite[]): Promise<void> {
    for (const write of writes) {
      // A key lands where it was last written, not where first: a marker written after each entry
      // (kvs-queue.ts) then lands after all of them, even when the commit is split in chunks.
      this.#pending.delete(write.key);
      this.#pending.set(
        write.key,
        write.type === 'delete' ? { deleted: true } : { deleted: false, value: write.value, ...(write.options ? { options: write.options } : {}) },
      );
    }
  }

  async commit(): Promise<void> {
    const writes: SpaceWrite[] = [...this.#pending].map(([key, pending]) =>
      pending.deleted ? { type: 'delete', key } : { type: 'set', key, value: pending.value, ...(pending.options ? { options: pending.options } : {}) },
    );
    if (writes.length > 0) await this.#base.apply(writes);
  }

  async rollback(): Promise<void> {
    if (this.#created.length > 0) await this.#base.apply(this.#created.map((key) => ({ type: 'delete', key })));
  }
}
