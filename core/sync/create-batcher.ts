import { ExalateError } from '../errors';
import type { BatchCreateOutcome, TrackerBatchCapability, TrackerBatchV1 } from '../ports/tracker-batch';
import type { NewItem } from '../ports/tracker-item';

type SendCreations = (items: readonly NewItem[]) => Promise<readonly BatchCreateOutcome[]>;

interface WaitingCreation {
  readonly items: readonly NewItem[];
  readonly resolve: (outcomes: readonly BatchCreateOutcome[]) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Creations made at the same time go to the tracker together: the engine applies several changes
 * side by side (apply-inbound.ts) and each creates its own item, so without this a bulk sync into
 * Jira costs an `issue/bulk` call and a read-back search per created item.
 *
 * When to send, without a timer: a creation that finds the tracker idle goes at the end of the
 * current turn (a microtask), with whatever else was asked in that turn, so a lone creation waits
 * for nothing. A creation that finds a call of this batcher still under way waits for it to end and
 * then goes with every other creation that arrived meanwhile (as a database's group commit does):
 * the busier the tracker, the fuller the call, and the calmer, the sooner. No timer also means
 * nothing outlives a Forge invocation, and no window to tune against a tracker's latency (a few
 * milliseconds is long on loopback and nothing against Jira Cloud's hundreds). A full batch
 * (`maximumCreateBatch`) goes at once, beside a call under way.
 *
 * Each caller gets its own outcomes, in its own order; an item the tracker refuses fails only its
 * caller. A call whose outcome is unknown (it threw) rejects every caller of that call with that
 * error and no other: nothing is retried here, because only the engine's creation intents can tell
 * what was created (creation-intent.ts).
 */
export class CreateBatcher {
  readonly #send: SendCreations;
  readonly #maximum: () => number;
  #waiting: WaitingCreation[] = [];
  #callsUnderWay = 0;
  #sendScheduled = false;

  /** `maximum` is read at each call: a node's tracker may be switched to another adapter. */
  constructor(send: SendCreations, maximum: () => number) {
    this.#send = send;
    this.#maximum = maximum;
  }

  createItems(items: readonly NewItem[]): Promise<readonly BatchCreateOutcome[]> {
    if (items.length === 0) return Promise.resolve([]);
    // A caller that fills a call by itself has no one to wait for.
    if (items.length >= this.#maximum()) return this.#send(items);
    return new Promise((resolve, reject) => {
      this.#waiting.push({ items, resolve, reject });
      this.#sendWhatIsDue();
    });
  }

  #sendWhatIsDue(): void {
    // At least one item a call, whatever an adapter says: a maximum of 0 must not spin here.
    while (this.#waiting.length > 0 && this.#waitingItemCount() >= Math.max(1, this.#maximum())) this.#sendOneCall();
    if (this.#waiting.length === 0 || this.#callsUnderWay > 0 || this.#sendScheduled) return;
    this.#sendScheduled = true;
    // The end of this turn: creations asked by the same turn of work are gathered, and nothing
    // waits for a timer.
    void Promise.resolve().then(() => {
      this.#sendScheduled = false;
      if (this.#callsUnderWay === 0 && this.#waiting.length > 0) this.#sendOneCall();
    });
  }

  /** Sends the oldest waiting creations that fit in one call. */
  #sendOneCall(): void {
    const maximum = Math.max(1, this.#maximum());
    const callers: WaitingCreation[] = [];
    let count = 0;
    while (this.#waiting.length > 0 && (callers.length === 0 || count + this.#waiting[0]!.items.length <= maximum)) {
      const caller = this.#waiting.shift()!;
      callers.push(caller);
      count += caller.items.length;
    }
    this.#callsUnderWay += 1;
    void this.#call(callers).finally(() => {
      this.#callsUnderWay -= 1;
      this.#sendWhatIsDue();
    });
  }

  async #call(callers: readonly WaitingCreation[]): Promise<void> {
    let outcomes: readonly BatchCreateOutcome[];
    try {
      outcomes = await this.#send(callers.flatMap((caller) => caller.items));
    } catch (error) {
      for (const caller of callers) caller.reject(error);
      return;
    }
    const asked = callers.reduce((count, caller) => count + caller.items.length, 0);
    let start = 0;
    for (const caller of callers) {
      const own = outcomes.slice(start, start + caller.items.length);
      start += caller.items.length;
      // Without its outcome a caller cannot know whether its item exists: as unknown as a throw.
      if (own.length === caller.items.length) caller.resolve(own);
      else
        caller.reject(
          new ExalateError(
            'internal',
            `The tracker adapter answered ${outcomes.length} outcomes for a batch create of ${asked} items; report this with the node's log.`,
          ),
        );
    }
  }

  #waitingItemCount(): number {
    return this.#waiting.reduce((count, caller) => count + caller.items.length, 0);
  }
}

/**
 * The tracker with its batch creations gathered by one CreateBatcher, everything else untouched:
 * a proxy, so the adapter's own methods still reach it and run with the adapter as `this` (its
 * private fields stay reachable), and its batch capability is read anew at each call (a node's
 * tracker switches adapters when an admin signs in). Only a tracker whose batch create sends its
 * items in one request (`createsInOneRequest`) is gathered: where each item is a request of its own
 * (Azure DevOps), one call would only put side-by-side creations in a row.
 */
export function gatherCreations<Tracker extends TrackerBatchCapability & object>(tracker: Tracker): Tracker {
  const current = (): TrackerBatchV1 => {
    const offered = tracker.batch;
    if (offered === undefined)
      throw new ExalateError('tracker_unavailable', 'The tracker is not connected now (it offers no batch creation); the creation is tried again later.', {
        isRetryable: true,
      });
    return offered;
  };
  const batcher = new CreateBatcher(
    (items) => current().createItems(items),
    () => current().maximumCreateBatch,
  );
  let gathered: TrackerBatchV1 | undefined;
  const gatheredBatch = (): TrackerBatchV1 =>
    (gathered ??= {
      version: 1,
      get maximumCreateBatch() {
        return current().maximumCreateBatch;
      },
      get createsInOneRequest() {
        return current().createsInOneRequest;
      },
      searchItemsWithFields: (trigger, page) => current().searchItemsWithFields(trigger, page),
      readUpdatedTimes: (keys) => current().readUpdatedTimes(keys),
      createItems: (items) => (current().createsInOneRequest === true ? batcher.createItems(items) : current().createItems(items)),
    });
  return new Proxy(tracker, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (property === 'batch') return value === undefined ? undefined : gatheredBatch();
      return typeof value === 'function' ? (value as (...parameters: unknown[]) => unknown).bind(target) : value;
    },
  });
}
