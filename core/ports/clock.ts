/** Time is injected so that expiry, replay windows and backoff can be tested without waiting. */
export interface ClockV1 {
  /** Milliseconds since the epoch. */
  now(): number;
}

export const systemClock: ClockV1 = { now: () => Date.now() };
