import type { ClockV1 } from '../../core';

/**
 * What the last read of each item gave, for a write right after it to take instead of asking the
 * tracker again (the sync engine reads an item just before it writes it). Bounded in age, since a
 * read older than `maximumAgeMilliseconds` may no longer be what the tracker holds, and in number:
 * past `maximumTasks`, the oldest read goes first.
 */
export class RecentReads<Value> {
  readonly #clock: ClockV1;
  readonly #maximumAgeMilliseconds: number;
  readonly #maximumTasks: number;
  readonly #byTask = new Map<string, { readonly value: Value; readonly readAt: number }>();

  constructor(clock: ClockV1, bounds: { readonly maximumAgeMilliseconds: number; readonly maximumTasks: number }) {
    this.#clock = clock;
    this.#maximumAgeMilliseconds = bounds.maximumAgeMilliseconds;
    this.#maximumTasks = bounds.maximumTasks;
  }

  remember(key: string, value: Value): void {
    this.#byTask.delete(key);
    this.#byTask.set(key, { value, readAt: this.#clock.now() });
    const oldest = this.#byTask.keys().next();
    if (this.#byTask.size > this.#maximumTasks && oldest.done !== true) this.#byTask.delete(oldest.value);
  }

  /** The value of a read within the age bound, or undefined. */
  of(key: string): Value | undefined {
    const remembered = this.#byTask.get(key);
    if (remembered === undefined) return undefined;
    if (this.#clock.now() - remembered.readAt > this.#maximumAgeMilliseconds) {
      this.#byTask.delete(key);
      return undefined;
    }
    return remembered.value;
  }

  forget(key: string): void {
    this.#byTask.delete(key);
  }
}
