/**
 * Runs async work one at a time per key, within this process. The engine takes the connection's
 * key while it applies a change from the peer and while it queues a local change, so that the
 * event caused by its own write is never judged before the twin that explains it is stored
 * (which would send the write back as an echo, or create a duplicate through a trigger).
 */
export class KeyedLock {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(work, work);
    const tail = result.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }
}
