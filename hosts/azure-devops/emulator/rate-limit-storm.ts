/**
 * A switch that makes an emulator answer 429 Too Many Requests with Retry-After, as a throttled
 * tracker does: Azure DevOps (learn.microsoft.com/azure/devops/integrate/concepts/rate-limits)
 * and Asana (developers.asana.com/docs/rate-limits) both send Retry-After in seconds. Tracker
 * neutral; it belongs in hosts/emulator-kit and lives here until that folder takes it.
 */
export interface RateLimitStormOptions {
  readonly retryAfterSeconds: number;
  /** How many requests to refuse before calming down by itself; unbounded when left out. */
  readonly requests?: number;
}

export class RateLimitStorm {
  #active: RateLimitStormOptions | undefined;
  #remaining = Number.POSITIVE_INFINITY;
  #refused = 0;

  start(options: RateLimitStormOptions): void {
    this.#active = options;
    this.#remaining = options.requests ?? Number.POSITIVE_INFINITY;
  }

  stop(): void {
    this.#active = undefined;
  }

  /** Requests refused since the emulator started, so a test can see that the storm was felt. */
  get refusedCount(): number {
    return this.#refused;
  }

  /** Called once per request: the Retry-After to answer with, or undefined to let it through. */
  take(): number | undefined {
    if (this.#active === undefined || this.#remaining <= 0) return undefined;
    this.#remaining -= 1;
    this.#refused += 1;
    const retryAfterSeconds = this.#active.retryAfterSeconds;
    if (this.#remaining <= 0) this.#active = undefined;
    return retryAfterSeconds;
  }
}
