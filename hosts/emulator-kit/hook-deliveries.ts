/**
 * Fire-and-forget delivery of webhook and service-hook notifications from an emulator (Jira
 * webhooks, Azure DevOps service hooks, Asana webhooks): the API call that caused an event never
 * waits for the receiver, as with the real services. Each emulator builds its tracker's payload and
 * signature; this only sends. Tests can wait for what is in flight with `settled()`.
 */
export interface HookDeliveryAttempt {
  readonly url: string;
  /** The receiver's HTTP status, or the reason nothing came back. */
  readonly outcome: number | string;
}

/** Short, so a dead receiver never piles up work in the emulator (Jira Cloud itself allows 20 s). */
const defaultTimeoutMs = 2_000;

export interface HookDeliveriesOptions {
  readonly timeoutMs?: number;
  /** How deliveries are sent; the global fetch unless a test injects one. */
  readonly fetch?: typeof fetch;
}

export class HookDeliveries {
  readonly #inFlight = new Set<Promise<void>>();
  readonly #attempts: HookDeliveryAttempt[] = [];
  readonly #timeoutMs: number;
  readonly #fetch: typeof fetch;

  constructor(options: HookDeliveriesOptions = {}) {
    this.#timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
    this.#fetch = options.fetch ?? ((input, init) => fetch(input, init));
  }

  get attempts(): readonly HookDeliveryAttempt[] {
    return this.#attempts;
  }

  deliver(url: string, init: { readonly headers: Readonly<Record<string, string>>; readonly body: string }): void {
    const delivery = this.#fetch(url, { method: 'POST', headers: init.headers, body: init.body, signal: AbortSignal.timeout(this.#timeoutMs) })
      .then(async (response) => {
        await response.arrayBuffer().catch(() => undefined);
        this.#attempts.push({ url, outcome: response.status });
      })
      .catch((error: unknown) => {
        this.#attempts.push({ url, outcome: error instanceof Error ? error.message : 'failed' });
      })
      .finally(() => this.#inFlight.delete(delivery));
    this.#inFlight.add(delivery);
  }

  /** Resolves when every delivery started so far has finished (or timed out). */
  async settled(): Promise<void> {
    while (this.#inFlight.size > 0) await Promise.all([...this.#inFlight]);
  }
}
