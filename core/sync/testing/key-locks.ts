/**
 * The store's `runExclusive` for tests that stand in for a store: work under one key runs one
 * at a time, in the order it asked, as the real stores' locks do; other keys do not wait.
 */
export function keyLocks(): <T>(key: string, work: () => Promise<T>) => Promise<T> {
  const tails = new Map<string, Promise<unknown>>();
  return <T>(key: string, work: () => Promise<T>): Promise<T> => {
    const running = (tails.get(key) ?? Promise.resolve()).then(work);
    tails.set(
      key,
      running.catch(() => undefined),
    );
    return running;
  };
}
