import { z } from 'zod';
import { ExalateError, type ClockV1 } from '../../../core';
import type { KeyValueSpace, WriteOptions } from './key-value-space';

/**
 * KVS keeps no insertion order, and lists by key. Records that are listed in the order they were
 * made (connections, triggers, twins, errors) carry an order number: the clock in microseconds,
 * strictly increasing within an invocation. Across invocations it follows the clocks of Forge's
 * machines, which is as good as "creation order" needs to be.
 */
export class OrderSequence {
  #last = 0;
  readonly #clock: ClockV1;

  constructor(clock: ClockV1) {
    this.#clock = clock;
  }

  next(atLeast = 0): number {
    const candidate = this.#clock.now() * 1000 + Math.floor(Math.random() * 1000);
    this.#last = Math.max(candidate, this.#last + 1, atLeast);
    return this.#last;
  }
}

export function orderedRecordSchema<T>(schema: z.ZodType<T>) {
  return z.strictObject({ record: schema, order: z.number() });
}

/** Values read back from KVS are a trust boundary like database rows: read through the schema. */
export function readStored<T>(value: unknown, schema: z.ZodType<T>, what: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new ExalateError('internal', `A stored ${what} could not be read; the app's storage may be damaged.`, {
      details: { reason: parsed.error.issues.map((issue) => issue.message).join('; ') },
    });
  }
  return parsed.data;
}

export async function getStored<T>(space: KeyValueSpace, key: string, schema: z.ZodType<T>, what: string): Promise<T | undefined> {
  const value = await space.get(key);
  return value === undefined ? undefined : readStored(value, schema, what);
}

/** Records under a prefix, in the order they were made. */
export async function listOrdered<T>(space: KeyValueSpace, prefix: string, schema: z.ZodType<T>, what: string): Promise<T[]> {
  const wrapped = orderedRecordSchema(schema);
  return (await space.list(prefix))
    .map((entry) => readStored(entry.value, wrapped, what))
    .sort((left, right) => left.order - right.order)
    .map((entry) => entry.record);
}

export function setWrite(key: string, value: unknown, options?: WriteOptions) {
  return { type: 'set' as const, key, value, ...(options ? { options } : {}) };
}

export function deleteWrite(key: string) {
  return { type: 'delete' as const, key };
}
