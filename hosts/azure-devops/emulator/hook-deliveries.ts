/**
 * Fire-and-forget delivery of webhook and service-hook notifications from an emulator: the API
 * call that caused an event never waits for the receiver, as with the real services. Tests can
 * wait for what is in flight with `settled()`. Tracker neutral; it belongs in hosts/emulator-kit.
 */
export interface HookDeliveryAttempt {
  readonly url: string;
  /** The receiver's HTTP status, or the reason nothing came back. */
  readonly outcome: number | string;
}

/** Short, so a dead receiver never piles up work in the emulator. */
const defaultTimeoutMs = 2_000;

export class HookDeliveries {
  readonly #inFlight = new Set<Promise<void>>();
  readonly #attempts: HookDeliveryAttempt[] = [];
  readonly #timeoutMs: number;

  constructor(timeoutMs = defaultTimeoutMs) {
    this.#timeoutMs = timeoutMs;
  }

  get attempts(): readonly HookDeliveryAttempt[] {
    return this.#attempts;
  }

  deliver(url: string, init: { readonly headers: Readonly<Record<string, string>>; readonly body: string }): void {
    const delivery = fetch(url, { method: 'POST', headers: init.headers, body: init.body, signal: AbortSignal.timeout(this.#timeoutMs) })
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
