import { ExalateError } from '../errors';
import { nextAttemptAt } from './backoff';

describe('retry backoff', () => {
  it('grows exponentially and stays within its jitter band', () => {
    expect(nextAttemptAt(0, 0, undefined, () => 0)).toBe(500);
    expect(nextAttemptAt(0, 0, undefined, () => 1)).toBe(1000);
    expect(nextAttemptAt(0, 3, undefined, () => 1)).toBe(8000);
    expect(nextAttemptAt(0, 50, undefined, () => 1)).toBe(15 * 60_000);
  });

  it('never retries sooner than Retry-After', () => {
    const throttled = new ExalateError('tracker_unavailable' as never, 'slow down', { details: { retryAfterSeconds: 30 } });
    expect(nextAttemptAt(1000, 0, throttled, () => 1)).toBe(31_000);
  });
});
