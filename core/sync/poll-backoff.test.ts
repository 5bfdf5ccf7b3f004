import { idlePollPause, nextIdlePollPauseMs } from './poll-backoff';

/** The private side's poll loop against a public side that answers empty polls at once (the Jira Cloud app) or holds them (a node). */
describe('pausing between polls of a public side that does not hold them', () => {
  const quickEmpty = { received: 0, waitMs: 25_000, elapsedMs: 40 };

  it('pauses after each quick empty answer, doubling up to the cap', () => {
    const pauses: number[] = [];
    let pause = 0;
    for (let round = 0; round < 7; round++) pauses.push((pause = nextIdlePollPauseMs(pause, quickEmpty)));
    expect(pauses).toEqual([1_000, 2_000, 4_000, 8_000, 10_000, 10_000, 10_000]);
    // An idle connection polls the app about 360 times an hour, not thousands.
    expect(idlePollPause.maximumPauseMs).toBe(10_000);
  });

  it('polls again at once as soon as work arrives', () => {
    expect(nextIdlePollPauseMs(10_000, { received: 3, waitMs: 25_000, elapsedMs: 40 })).toBe(0);
  });

  it('does not pause after a poll that was held, the way a node answers', () => {
    expect(nextIdlePollPauseMs(0, { received: 0, waitMs: 25_000, elapsedMs: 25_003 })).toBe(0);
    // Short waits (as tests ask for) count as held once half of them passed.
    expect(nextIdlePollPauseMs(0, { received: 0, waitMs: 500, elapsedMs: 260 })).toBe(0);
    expect(nextIdlePollPauseMs(0, { received: 0, waitMs: 500, elapsedMs: 20 })).toBe(1_000);
  });
});
