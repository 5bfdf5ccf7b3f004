/**
 * Runs async work one at a time. better-sqlite3 is synchronous, but a store transaction spans
 * awaits; without this, another request's writes could land inside someone else's transaction.
 */
export class SerialLock {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(work: () => Promise<T>): Promise<T> {
    const result = this.tail.then(work, work);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
