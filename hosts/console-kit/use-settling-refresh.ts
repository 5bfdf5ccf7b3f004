import { useEffect } from 'react';

/** The first look again after a twin started on its way, and the longest wait between looks. */
const firstDelayMs = 1_500;
const longestDelayMs = 30_000;
/** After this long without any change the panel stops looking by itself; the next action or reload looks again. */
export const settlingWatchMs = 5 * 60_000;

/**
 * How long to wait before the `attempt`-th look (0 first) while a twin is queued or in progress:
 * soon at first, then twice as long each time up to 30 s, and none once five minutes have passed.
 * A twin can stay in progress for long (its peer down, a private side that polls rarely), and on
 * Forge every look is an invocation: a panel left open must not poll for ever.
 */
export function settlingRefreshDelayMs(attempt: number): number | null {
  let elapsed = 0;
  for (let index = 0; index <= attempt; index++) {
    const delay = Math.min(firstDelayMs * 2 ** index, longestDelayMs);
    elapsed += delay;
    if (elapsed > settlingWatchMs) return null;
    if (index === attempt) return delay;
  }
  return null;
}

/**
 * Looks again (`refresh`) on that schedule while `settlingKey` is not null. The key says what the
 * person sees of the twins (their statuses and last sync): when it changes, the schedule starts over.
 */
export function useSettlingRefresh(settlingKey: string | null, refresh: () => void): void {
  useEffect(() => {
    if (settlingKey === null) return undefined;
    let attempt = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const scheduleNext = () => {
      const delay = settlingRefreshDelayMs(attempt++);
      if (delay !== null) timer = setTimeout(() => (refresh(), scheduleNext()), delay);
    };
    scheduleNext();
    return () => clearTimeout(timer);
  }, [settlingKey, refresh]);
}

/** The settling key of an item's twins: null when none is queued or in progress. */
export function settlingKeyOf(twins: readonly { readonly status: string; readonly lastSyncedAt?: string | null }[]): string | null {
  if (!twins.some((twin) => twin.status === 'queued' || twin.status === 'in_progress')) return null;
  return twins.map((twin) => `${twin.status}@${twin.lastSyncedAt ?? ''}`).join(',');
}
