import { kvs, type ForgeKvsAPIError } from '@forge/kvs';
import { z } from 'zod';
import { parseJson } from '../../../core';

export interface StoredEntry {
  readonly key: string;
  readonly value: unknown;
}

export interface WriteOptions {
  /** Forge KVS deletes the key after this many seconds (at the earliest). */
  readonly ttlSeconds?: number;
}

export type SpaceWrite =
  { readonly type: 'set'; readonly key: string; readonly value: unknown; readonly options?: WriteOptions } | { readonly type: 'delete'; readonly key: string };

/**
 * The few storage operations the store is written against: Forge KVS in production, a buffered
 * overlay of it inside a transaction. Values are JSON values.
 */
export interface KeyValueSpace {
  get(key: string): Promise<unknown>;
  /** Every entry whose key starts with `prefix`, in key order. */
  list(prefix: string): Promise<readonly StoredEntry[]>;
  /** Writes the key only when it is absent, atomically (KVS `keyPolicy: 'FAIL_IF_EXISTS'`). */
  createIfAbsent(key: string, value: unknown, options?: WriteOptions): Promise<boolean>;
  /** All writes land together (up to the transaction limits below; then in order, chunk by chunk). */
  apply(writes: readonly SpaceWrite[]): Promise<void>;
}

/**
 * Forge KVS limits this layer stays inside (developer.atlassian.com/platform/forge/limits-kvs-ce
 * and storage-reference/transactions): a value holds at most 240 KiB, a transaction and a batch at
 * most 25 keys and 4 MB, a query page at most 100 entries.
 */
export const kvsLimits = { valueBytes: 200 * 1024, transactionOperations: 25, transactionBytes: 3 * 1024 * 1024, pageSize: 100 } as const;

/** A value too big for one KVS value is kept as parts under `part:<key>:<n>`; the key holds this. */
const chunkedValueSchema = z.strictObject({ exalateChunkedValue: z.literal(1), parts: z.number().int().positive() });
const partKey = (key: string, index: number) => `part:${key}:${String(index).padStart(5, '0')}`;

export function isConflict(error: unknown): boolean {
  const failure = error as Partial<ForgeKvsAPIError> | undefined;
  // FAIL_IF_EXISTS on a present key is answered 409 (KEY_ALREADY_EXISTS) by the storage service.
  return failure?.responseDetails?.status === 409 || /ALREADY_EXISTS|CONFLICT/i.test(failure?.code ?? '');
}

function ttlOf(options: WriteOptions | undefined) {
  return options?.ttlSeconds === undefined ? {} : { ttl: { value: Math.max(1, Math.ceil(options.ttlSeconds)), unit: 'SECONDS' as const } };
}

/** The part of `@forge/kvs` this layer calls; the benchmarks hand in an in-memory one (scripts/bench/forge-kvs-cost.ts). */
export type KvsClient = Pick<typeof kvs, 'get' | 'set' | 'delete' | 'query' | 'transact'>;

/** Forge KVS through `@forge/kvs`, with values over the size limit split into parts. */
export class ForgeKeyValueSpace implements KeyValueSpace {
  readonly #kvs: KvsClient;

  constructor(client: KvsClient = kvs) {
    this.#kvs = client;
  }

  async get(key: string): Promise<unknown> {
    return this.#assemble(key, await this.#kvs.get<unknown>(key));
  }

  async list(prefix: string): Promise<readonly StoredEntry[]> {
    const entries: StoredEntry[] = [];
    let cursor: string | undefined;
    do {
      let query = this.#kvs
        .query()
        .where('key', { condition: 'BEGINS_WITH', values: [prefix] })
        .limit(kvsLimits.pageSize);
      if (cursor !== undefined) query = query.cursor(cursor);
      const page = await query.getMany<unknown>();
      for (const result of page.results) entries.push({ key: result.key, value: await this.#assemble(result.key, result.value) });
      cursor = page.nextCursor;
    } while (cursor !== undefined);
    return entries;
  }

  async createIfAbsent(key: string, value: unknown, options?: WriteOptions): Promise<boolean> {
    try {
      await this.#kvs.set(key, value, { keyPolicy: 'FAIL_IF_EXISTS', ...ttlOf(options) });
      return true;
    } catch (error) {
      if (isConflict(error)) return false;
      throw error;
    }
  }

  async apply(writes: readonly SpaceWrite[]): Promise<void> {
    const expanded: SpaceWrite[] = [];
    for (const write of writes) expanded.push(...(await this.#expand(write)));
    for (const chunk of chunkWrites(expanded)) {
      if (chunk.length === 1 && chunk[0]?.type === 'delete') await this.#kvs.delete(chunk[0].key);
      else if (chunk.length === 1 && chunk[0]?.type === 'set') await this.#kvs.set(chunk[0].key, chunk[0].value, ttlOf(chunk[0].options));
      else {
        let transaction = this.#kvs.transact();
        for (const write of chunk)
          transaction = write.type === 'set' ? transaction.set(write.key, write.value, undefined, ttlOf(write.options)) : transaction.delete(write.key);
        await transaction.execute();
      }
    }
  }

  /** One logical write as KVS writes: parts for a large value, and deletes for parts it no longer has. */
  async #expand(write: SpaceWrite): Promise<SpaceWrite[]> {
    const previous = chunkedValueSchema.safeParse(await this.#kvs.get<unknown>(write.key));
    const previousParts = previous.success ? previous.data.parts : 0;
    const writes: SpaceWrite[] = [];
    let parts = 0;
    if (write.type === 'set') {
      const text = JSON.stringify(write.value);
      if (new TextEncoder().encode(text).length <= kvsLimits.valueBytes) writes.push(write);
      else {
        // Characters, not bytes: a part of 50,000 characters is at most 200 KB of UTF-8.
        const size = kvsLimits.valueBytes / 4;
        for (let offset = 0; offset < text.length; offset += size) {
          writes.push({
            type: 'set',
            key: partKey(write.key, parts),
            value: text.slice(offset, offset + size),
            ...(write.options ? { options: write.options } : {}),
          });
          parts += 1;
        }
        writes.push({ type: 'set', key: write.key, value: { exalateChunkedValue: 1, parts }, ...(write.options ? { options: write.options } : {}) });
      }
    } else writes.push(write);
    for (let index = parts; index < previousParts; index++) writes.push({ type: 'delete', key: partKey(write.key, index) });
    return writes;
  }

  async #assemble(key: string, value: unknown): Promise<unknown> {
    const chunked = chunkedValueSchema.safeParse(value);
    if (!chunked.success) return value;
    let text = '';
    for (let index = 0; index < chunked.data.parts; index++) {
      const part = await this.#kvs.get<string>(partKey(key, index));
      if (typeof part !== 'string') throw new Error(`Part ${index} of the stored value ${key} is missing; the store may be damaged.`);
      text += part;
    }
    const parsed = parseJson(text, z.unknown());
    if (!parsed.ok) throw new Error(`The stored value ${key} is not JSON (${parsed.reason}); the store may be damaged.`);
    return parsed.value;
  }
}

/** Groups writes into KVS transactions, keeping every transaction under its key and size limits. */
export function chunkWrites(writes: readonly SpaceWrite[]): SpaceWrite[][] {
  const chunks: SpaceWrite[][] = [];
  let current: SpaceWrite[] = [];
  let bytes = 0;
  for (const write of writes) {
    const size = write.type === 'set' ? JSON.stringify(write.value).length + write.key.length : write.key.length;
    if (current.length > 0 && (current.length >= kvsLimits.transactionOperations || bytes + size > kvsLimits.transactionBytes)) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(write);
    bytes += size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}
