/**
 * Remembers what was used until it would have expired anyway: the signatures of Asana's requests
 * that change something (a signed form submission works once), and the idempotency keys of rule
 * runs with their answer (Asana retries a run with the same `idempotency_key`; the run happens once).
 * Kept in the process: several node processes sharing a database each keep their own memory.
 */
export class ReplayGuard<Answer = true> {
  readonly #seen = new Map<string, { readonly until: number; readonly answer: Answer }>();
  /** Bounds the memory whatever callers send: the oldest entries go first when it is full. */
  readonly #capacity: number;

  constructor(capacity = 100_000) {
    this.#capacity = capacity;
  }

  /** The answer remembered under `key`, if it is still remembered at `now`. */
  recall(key: string, now: number): Answer | undefined {
    this.#forgetExpired(now);
    return this.#seen.get(key)?.answer;
  }

  /** Remembers `key` until `until`; false when it was remembered already (a replay). */
  remember(key: string, until: number, now: number, answer: Answer = true as Answer): boolean {
    this.#forgetExpired(now);
    if (this.#seen.has(key)) return false;
    if (this.#seen.size >= this.#capacity) {
      const oldest = this.#seen.keys().next().value;
      if (oldest !== undefined) this.#seen.delete(oldest);
    }
    this.#seen.set(key, { until, answer });
    return true;
  }

  #forgetExpired(now: number): void {
    for (const [key, entry] of this.#seen) if (entry.until < now) this.#seen.delete(key);
  }
}
