import type { ClockV1 } from '../../core';

/**
 * How much of a tracker host the node may use at once. Trackers limit per tenant and per user
 * (Jira Cloud: burst limits per endpoint and second; Azure DevOps: TSTUs per user over five
 * minutes; Asana: 150 to 1,500 requests a minute by plan, and 50 concurrent reads), so the node
 * paces itself before it is told to: a small number of requests in flight and a token bucket.
 */
export interface HostBudgetOptions {
  /** Requests in flight at once. Asana's documented concurrent limit is 50 reads; 4 stays far below every tracker's. */
  readonly concurrency?: number;
  /** Requests that may go out back to back before pacing starts. */
  readonly burst?: number;
  /** Sustained requests per second. */
  readonly requestsPerSecond?: number;
}

export interface HostBudgetTimers {
  readonly clock: ClockV1;
  readonly sleep: (milliseconds: number) => Promise<void>;
}

const defaults = { concurrency: 4, burst: 10, requestsPerSecond: 10 } as const;

/** A concurrency limit and a token bucket for one host; `pauseUntil` holds everyone back after a 429. */
export class HostBudget {
  readonly #concurrency: number;
  readonly #burst: number;
  readonly #requestsPerSecond: number;
  readonly #timers: HostBudgetTimers;
  readonly #waiting: (() => void)[] = [];
  #inFlight = 0;
  #tokens: number;
  #refilledAt: number;
  #pausedUntil = 0;

  constructor(options: HostBudgetOptions, timers: HostBudgetTimers) {
    this.#concurrency = Math.max(1, options.concurrency ?? defaults.concurrency);
    this.#burst = Math.max(1, options.burst ?? defaults.burst);
    this.#requestsPerSecond = Math.max(0.01, options.requestsPerSecond ?? defaults.requestsPerSecond);
    this.#timers = timers;
    this.#tokens = this.#burst;
    this.#refilledAt = timers.clock.now();
  }

  get inFlight(): number {
    return this.#inFlight;
  }

  /** Waits for a slot and a token; call the returned function when the response has been read. */
  async acquire(): Promise<() => void> {
    if (this.#inFlight >= this.#concurrency) await new Promise<void>((resolve) => this.#waiting.push(resolve));
    else this.#inFlight += 1;
    try {
      await this.#takeToken();
    } catch (error) {
      this.#release();
      throw error;
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#release();
    };
  }

  /** Holds every request to this host until `time` (epoch ms): the host said it is out of budget. */
  pauseUntil(time: number): void {
    this.#pausedUntil = Math.max(this.#pausedUntil, time);
  }

  /** The host said the budget is nearly used: spend no more burst, go at the sustained rate. */
  slowDown(): void {
    this.#refill();
    this.#tokens = Math.min(this.#tokens, 0);
  }

  #release(): void {
    const next = this.#waiting.shift();
    // The slot passes straight to the next waiter, so inFlight stays the same.
    if (next !== undefined) next();
    else this.#inFlight -= 1;
  }

  async #takeToken(): Promise<void> {
    for (;;) {
      const now = this.#timers.clock.now();
      if (now < this.#pausedUntil) {
        await this.#timers.sleep(this.#pausedUntil - now);
        continue;
      }
      this.#refill();
      if (this.#tokens >= 1) {
        this.#tokens -= 1;
        return;
      }
      await this.#timers.sleep(Math.ceil(((1 - this.#tokens) / this.#requestsPerSecond) * 1000));
    }
  }

  #refill(): void {
    const now = this.#timers.clock.now();
    const elapsedSeconds = Math.max(0, now - this.#refilledAt) / 1000;
    this.#tokens = Math.min(this.#burst, this.#tokens + elapsedSeconds * this.#requestsPerSecond);
    this.#refilledAt = now;
  }
}

/**
 * One budget per host (origin), shared by every client given the same registry: two adapters
 * reaching the same Jira site draw from one budget. Held by whoever creates the clients (the node,
 * a Forge invocation); there is no module-level registry, so nothing leaks between tests or tenants.
 */
export class HostBudgets {
  readonly #budgets = new Map<string, HostBudget>();
  readonly #options: HostBudgetOptions;
  readonly #timers: HostBudgetTimers;

  constructor(options: HostBudgetOptions, timers: HostBudgetTimers) {
    this.#options = options;
    this.#timers = timers;
  }

  budgetFor(url: string, options: HostBudgetOptions = {}): HostBudget {
    const origin = new URL(url).origin;
    let budget = this.#budgets.get(origin);
    if (budget === undefined) {
      budget = new HostBudget({ ...this.#options, ...options }, this.#timers);
      this.#budgets.set(origin, budget);
    }
    return budget;
  }
}
