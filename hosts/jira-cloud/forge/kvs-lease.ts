import { z } from 'zod';
import { ExalateError, KeyedLock, type ClockV1 } from '../../../core';
import type { KeyValueSpace } from './key-value-space';
import { storageKey } from './kvs-key';

export interface LeaseOptions {
  /** How long a holder keeps the lease without renewing it; a crashed holder's lease ends then. */
  readonly leaseMs: number;
  /** How long a caller waits for a busy key before giving up (the work is retried later). */
  readonly waitMs: number;
  readonly pollMs: number;
}

/**
 * Forge runs each invocation in its own process and several at once, so an in-process lock is not
 * enough: the holder of a key writes a lease into KVS with `FAIL_IF_EXISTS`, which only one writer
 * wins. The lease outlives the default 55 s function timeout and is renewed while the work runs;
 * KVS's TTL removes the lease of a holder that died. Limits: a holder that stalls past its lease
 * without renewing (a frozen process) can lose it to a waiter; and KVS time-to-live is coarse
 * (seconds), so a dead holder's key stays blocked up to `leaseMs` plus a second.
 */
export const defaultLeaseOptions: LeaseOptions = { leaseMs: 120_000, waitMs: 60_000, pollMs: 200 };

/**
 * The caller's remaining time (see InvocationBudget): a wait never outlasts the invocation that
 * waits, because Forge stops a resolver after 25 s and a web trigger after 55 s, whatever `waitMs` says.
 */
export interface LeaseBudget {
  limit(wantedMs: number): number;
  busy(what: string): ExalateError;
}

export type Sleep = (milliseconds: number) => Promise<void>;
const sleepWithTimer: Sleep = (milliseconds) => new Promise((resolve) => setTimeout(resolve, milliseconds));

const leaseSchema = z.strictObject({ holder: z.string(), expiresAt: z.number() });

export class KvsLease {
  readonly #space: KeyValueSpace;
  readonly #clock: ClockV1;
  readonly #options: LeaseOptions;
  readonly #budget: LeaseBudget | undefined;
  readonly #sleep: Sleep;
  readonly #local = new KeyedLock();

  constructor(space: KeyValueSpace, clock: ClockV1, options: LeaseOptions = defaultLeaseOptions, budget?: LeaseBudget, sleep: Sleep = sleepWithTimer) {
    this.#space = space;
    this.#clock = clock;
    this.#options = options;
    this.#budget = budget;
    this.#sleep = sleep;
  }

  /** Runs `work` while this caller holds `name`, in this process and across Forge invocations. */
  run<T>(name: string, work: () => Promise<T>): Promise<T> {
    return this.#local.run(name, async () => {
      const key = storageKey('lease', name);
      const holder = crypto.randomUUID();
      await this.#acquire(key, holder, name);
      const renewal = setInterval(() => void this.#renew(key, holder), this.#options.leaseMs / 3);
      try {
        return await work();
      } finally {
        clearInterval(renewal);
        await this.#release(key, holder);
      }
    });
  }

  async #acquire(key: string, holder: string, name: string): Promise<void> {
    const waitMs = this.#budget ? this.#budget.limit(this.#options.waitMs) : this.#options.waitMs;
    const giveUpAt = this.#clock.now() + waitMs;
    for (;;) {
      const now = this.#clock.now();
      if (await this.#space.createIfAbsent(key, { holder, expiresAt: now + this.#options.leaseMs }, { ttlSeconds: this.#options.leaseMs / 1000 + 1 })) return;
      const current = leaseSchema.safeParse(await this.#space.get(key));
      // A lease past its end belongs to a holder that died: take it over (KVS TTL may lag).
      if (current.success && current.data.expiresAt < now) await this.#space.apply([{ type: 'delete', key }]);
      else if (now >= giveUpAt) {
        if (waitMs < this.#options.waitMs && this.#budget)
          throw this.#budget.busy(`another part of the app has been working on "${name}" for the ${Math.round(waitMs / 1000)} s this request could wait`);
        throw new ExalateError(
          'conflict',
          `Another Forge invocation has held "${name}" for more than ${Math.round(this.#options.waitMs / 1000)} s; this step is tried again later.`,
          { isRetryable: true },
        );
      } else await this.#sleep(Math.min(this.#options.pollMs, giveUpAt - now));
    }
  }

  async #renew(key: string, holder: string): Promise<void> {
    const current = leaseSchema.safeParse(await this.#space.get(key));
    if (current.success && current.data.holder === holder) {
      await this.#space.apply([
        {
          type: 'set',
          key,
          value: { holder, expiresAt: this.#clock.now() + this.#options.leaseMs },
          options: { ttlSeconds: this.#options.leaseMs / 1000 + 1 },
        },
      ]);
    }
  }

  async #release(key: string, holder: string): Promise<void> {
    const current = leaseSchema.safeParse(await this.#space.get(key));
    if (current.success && current.data.holder === holder) await this.#space.apply([{ type: 'delete', key }]);
  }
}
