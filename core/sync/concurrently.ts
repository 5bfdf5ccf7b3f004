/**
 * Runs `work` over `items`, at most `limit` at a time, in order of start. `work` returning
 * 'stop' starts nothing more; the items never started are returned, so the caller can hand them
 * back. A throw from `work` stops the other lanes after their current item and rejects the run.
 */
export async function forEachConcurrently<T>(items: readonly T[], limit: number, work: (item: T) => Promise<'stop' | void>): Promise<readonly T[]> {
  let next = 0;
  let stopped = false;
  const lane = async (): Promise<void> => {
    while (!stopped && next < items.length) {
      const item = items[next++]!;
      try {
        if ((await work(item)) === 'stop') stopped = true;
      } catch (error) {
        stopped = true;
        throw error;
      }
    }
  };
  // Every lane ends before the run does, even when one throws: nothing keeps running unawaited.
  const lanes = await Promise.allSettled(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, lane));
  const failed = lanes.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
  if (failed) throw failed.reason;
  return items.slice(next);
}
