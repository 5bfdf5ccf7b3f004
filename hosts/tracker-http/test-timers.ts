import type { ClockV1 } from '../../core';

/**
 * A clock and a sleep for tests of anything built on TrackerHttpClient: `sleep` returns at once,
 * moves the clock forward and records how long it was asked to wait, so a test can assert "waited
 * 7 s as Retry-After asked" without waiting.
 */
export interface TestTimers {
  readonly clock: ClockV1;
  readonly sleep: (milliseconds: number) => Promise<void>;
  /** Every wait asked for, in order, in milliseconds. */
  readonly waits: number[];
  /** Always 0.5: jitter lands in the middle of its range. */
  readonly random: () => number;
  advance(milliseconds: number): void;
}

export function createTestTimers(start = Date.parse('2026-11-23T12:00:00Z')): TestTimers {
  let now = start;
  const waits: number[] = [];
  return {
    clock: { now: () => now },
    sleep: async (milliseconds) => {
      waits.push(milliseconds);
      now += Math.max(0, milliseconds);
    },
    waits,
    random: () => 0.5,
    advance(milliseconds) {
      now += milliseconds;
    },
  };
}
