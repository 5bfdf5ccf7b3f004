/**
 * An in-memory stand-in for `@forge/kvs`, used with `jest.mock('@forge/kvs', …)` (module mocks
 * only for the Forge SDK, per STYLE.md). It enforces the limits the real service enforces, so a
 * store that passes here does not trip over them in Forge: key characters and length, value size,
 * 25 operations per transaction, 100 results per query page, FAIL_IF_EXISTS answered 409, TTL.
 * Every call yields to the event loop first, so concurrent callers really interleave.
 */
const keyPattern = /^(?!\s+$)[a-zA-Z0-9:._\s\-#]+$/;
const maximumValueBytes = 240 * 1024;

interface Stored {
  readonly value: unknown;
  readonly expiresAt: number | null;
}

interface SetOptions {
  readonly keyPolicy?: 'OVERRIDE' | 'FAIL_IF_EXISTS';
  readonly ttl?: { readonly value: number; readonly unit: 'SECONDS' | 'MINUTES' | 'HOURS' | 'DAYS' };
}

const unitMs = { SECONDS: 1000, MINUTES: 60_000, HOURS: 3_600_000, DAYS: 86_400_000 } as const;

export class FakeKvsError extends Error {
  readonly code: string;
  readonly responseDetails: { readonly status: number; readonly statusText: string };
  constructor(status: number, code: string, message: string) {
    super(message);
    this.code = code;
    this.responseDetails = { status, statusText: code };
  }
}

export class FakeKvs {
  readonly entries = new Map<string, Stored>();
  /** `setSecret` values: kept apart, as KVS keeps them apart (not listed by queries). */
  readonly secrets = new Map<string, unknown>();
  /** Counts requests by kind, so tests can see what an operation costs in KVS calls. */
  readonly calls = { get: 0, set: 0, delete: 0, query: 0, transact: 0 };
  /**
   * What the calls cost against the installation's quota, as Forge bills it
   * (developer.atlassian.com/platform/forge/limits-kvs-ce): each request in units of 10 KB,
   * rounded up, at least one. Reads and writes have a quota of 4,000 units a minute each.
   */
  readonly units = { read: 0, write: 0 };
  now: () => number = () => Date.now();

  reset(): void {
    this.entries.clear();
    this.secrets.clear();
    for (const key of Object.keys(this.calls) as (keyof FakeKvs['calls'])[]) this.calls[key] = 0;
    this.units.read = 0;
    this.units.write = 0;
  }

  readonly kvs = {
    get: async (key: string): Promise<unknown> => {
      await tick();
      this.calls.get += 1;
      const value = this.#read(checkKey(key));
      this.units.read += quotaUnits(value);
      return value;
    },
    set: async (key: string, value: unknown, options?: SetOptions): Promise<void> => {
      await tick();
      this.calls.set += 1;
      this.units.write += quotaUnits(value);
      this.#write(checkKey(key), value, options);
    },
    delete: async (key: string): Promise<void> => {
      await tick();
      this.calls.delete += 1;
      this.units.write += 1;
      this.entries.delete(checkKey(key));
    },
    getSecret: async (key: string): Promise<unknown> => {
      await tick();
      return structuredClone(this.secrets.get(checkKey(key)));
    },
    setSecret: async (key: string, value: unknown, options?: SetOptions): Promise<void> => {
      await tick();
      if (options?.keyPolicy === 'FAIL_IF_EXISTS' && this.secrets.has(checkKey(key))) throw new FakeKvsError(409, 'KEY_ALREADY_EXISTS', `${key} exists`);
      this.secrets.set(checkKey(key), structuredClone(value));
    },
    query: () => this.#query(),
    transact: () => this.#transaction(),
  };

  #read(key: string): unknown {
    const stored = this.entries.get(key);
    if (!stored) return undefined;
    if (stored.expiresAt !== null && stored.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return structuredClone(stored.value);
  }

  #write(key: string, value: unknown, options?: SetOptions): void {
    const size = new TextEncoder().encode(JSON.stringify(value)).length;
    if (size > maximumValueBytes) throw new FakeKvsError(413, 'VALUE_TOO_LARGE', `The value of ${key} is ${size} bytes; the limit is ${maximumValueBytes}.`);
    if (options?.keyPolicy === 'FAIL_IF_EXISTS' && this.#read(key) !== undefined) throw new FakeKvsError(409, 'KEY_ALREADY_EXISTS', `${key} exists`);
    const expiresAt = options?.ttl ? this.now() + options.ttl.value * unitMs[options.ttl.unit] : null;
    this.entries.set(key, { value: structuredClone(value), expiresAt });
  }

  #query() {
    let prefix = '';
    let cursor: string | undefined;
    let limit = 10;
    const builder = {
      where: (_property: 'key', condition: { condition: 'BEGINS_WITH'; values: [string] }) => {
        prefix = condition.values[0];
        return builder;
      },
      cursor: (value: string) => {
        cursor = value;
        return builder;
      },
      limit: (value: number) => {
        if (value > 100) throw new FakeKvsError(400, 'INVALID_LIMIT', 'A query returns at most 100 results.');
        limit = value;
        return builder;
      },
      getMany: async () => {
        await tick();
        this.calls.query += 1;
        const keys = [...this.entries.keys()]
          .filter((key) => key.startsWith(prefix) && (cursor === undefined || key > cursor) && this.#read(key) !== undefined)
          .sort();
        const page = keys.slice(0, limit);
        this.units.read += quotaUnits(page.map((key) => this.#read(key)));
        const last = page.at(-1);
        return { results: page.map((key) => ({ key, value: this.#read(key) })), ...(keys.length > limit && last !== undefined ? { nextCursor: last } : {}) };
      },
    };
    return builder;
  }

  #transaction() {
    const operations: (() => void)[] = [];
    const keys: string[] = [];
    const values: unknown[] = [];
    const builder = {
      set: (key: string, value: unknown, _entity?: unknown, options?: SetOptions) => {
        keys.push(checkKey(key));
        values.push(value);
        operations.push(() => this.#write(key, value, options));
        return builder;
      },
      delete: (key: string) => {
        keys.push(checkKey(key));
        values.push(null);
        operations.push(() => this.entries.delete(key));
        return builder;
      },
      execute: async () => {
        await tick();
        this.calls.transact += 1;
        // Counted per operation, the dearer reading of the page: a transaction is not cheaper than its writes.
        this.units.write += values.reduce<number>((total, value) => total + quotaUnits(value), 0);
        if (operations.length > 25) throw new FakeKvsError(400, 'TOO_MANY_OPERATIONS', `A transaction holds at most 25 operations, not ${operations.length}.`);
        if (new Set(keys).size !== keys.length) throw new FakeKvsError(400, 'DUPLICATE_KEYS', 'A transaction may name a key once.');
        const before = new Map(this.entries);
        try {
          for (const operation of operations) operation();
        } catch (error) {
          this.entries.clear();
          for (const [key, stored] of before) this.entries.set(key, stored);
          throw error;
        }
      },
    };
    return builder;
  }
}

function checkKey(key: string): string {
  if (key.length > 500 || !keyPattern.test(key)) throw new FakeKvsError(400, 'INVALID_KEY', `"${key}" is not a valid Forge storage key.`);
  return key;
}

/** A request's size in quota units: 10 KB each, rounded up, at least one. */
function quotaUnits(payload: unknown): number {
  const bytes = payload === undefined ? 0 : new TextEncoder().encode(JSON.stringify(payload)).length;
  return Math.max(1, Math.ceil(bytes / 10_240));
}

function tick(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** The one fake every test file mocks `@forge/kvs` with. */
export const fakeKvs = new FakeKvs();
