import type { NodeContext } from '../node/node-context';
import { noteLocalChanges } from './note-local-change';
import { workTopic } from './sync-signals';

/**
 * Where tracker events wait to be noted. Events arrive one request each (a bulk sync's receiving
 * side gets one per created item); while one group is being judged, the next ones gather, and are
 * judged together: one batch read of their times instead of a read each (note-local-change.ts).
 * A single event on a quiet node is judged at once, as before.
 */
export class LocalChangeIntake {
  readonly #context: NodeContext;
  readonly #maximumGroup: number;
  /** Item key → the time its event carried; undefined when it carried none, or when several events of the item gathered. */
  readonly #pending = new Map<string, string | undefined>();
  #draining: Promise<void> | undefined;

  /** `maximumGroup`: the most items judged together (a batch read's size, 200 on Azure DevOps' workitemsbatch). */
  constructor(context: NodeContext, options: { readonly maximumGroup: number }) {
    this.#context = context;
    this.#maximumGroup = options.maximumGroup;
  }

  /** `updatedTimes`: an item's last-changed time after the change, when the event carried it (ChangeDeliveryAnswer). */
  note(itemKeys: readonly string[], updatedTimes?: ReadonlyMap<string, string>): void {
    for (const key of itemKeys) {
      // Two events of one item waiting together: which one is the later is not known for sure
      // (deliveries may overtake each other), so the tracker is asked for the item's time instead.
      this.#pending.set(key, this.#pending.has(key) ? undefined : updatedTimes?.get(key));
    }
    this.#draining ??= this.#drain().finally(() => {
      this.#draining = undefined;
    });
  }

  /** Resolves once every item noted so far was judged. */
  async settled(): Promise<void> {
    while (this.#draining !== undefined) await this.#draining;
  }

  async #drain(): Promise<void> {
    while (this.#pending.size > 0) {
      const group = [...this.#pending].slice(0, this.#maximumGroup);
      for (const [key] of group) this.#pending.delete(key);
      const keys = group.map(([key]) => key);
      const knownTimes = new Map(group.filter((entry): entry is [string, string] => entry[1] !== undefined));
      try {
        if ((await noteLocalChanges(this.#context, keys, knownTimes)) > 0) this.#context.signals.notify(workTopic);
      } catch (error) {
        this.#context.logger.warn('tracker events could not be handled; the reconciler will retry', {
          itemKeys: keys.slice(0, 10).join(', '),
          message: error instanceof Error ? error.message : String(error),
        });
      }
    }
  }
}
