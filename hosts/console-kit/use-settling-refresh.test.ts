import { settlingKeyOf, settlingRefreshDelayMs, settlingWatchMs } from './use-settling-refresh';

describe('looking again while a twin is on its way', () => {
  it('looks soon at first, then less often, never more than 30 s apart', () => {
    expect([0, 1, 2, 3, 4, 5].map(settlingRefreshDelayMs)).toEqual([1_500, 3_000, 6_000, 12_000, 24_000, 30_000]);
  });

  it('stops by itself within five minutes, after a handful of looks', () => {
    const delays: number[] = [];
    for (let attempt = 0; attempt < 1_000; attempt++) {
      const delay = settlingRefreshDelayMs(attempt);
      if (delay === null) break;
      delays.push(delay);
    }
    expect(delays.reduce((total, delay) => total + delay, 0)).toBeLessThanOrEqual(settlingWatchMs);
    expect(delays.length).toBeLessThan(15);
    expect(settlingRefreshDelayMs(delays.length)).toBeNull();
  });

  it('watches only while a twin is queued or in progress, and starts over when what is shown changes', () => {
    expect(settlingKeyOf([{ status: 'synchronized' }, { status: 'error' }])).toBeNull();
    const before = settlingKeyOf([{ status: 'queued', lastSyncedAt: null }]);
    const after = settlingKeyOf([{ status: 'in_progress', lastSyncedAt: null }]);
    expect(before).not.toBeNull();
    expect(after).not.toBeNull();
    expect(after).not.toBe(before);
  });
});
