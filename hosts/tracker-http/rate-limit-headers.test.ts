import { parseRateLimitReset, parseRetryAfter, readRateLimitSignal } from './rate-limit-headers';

const now = Date.parse('2026-11-23T12:00:00Z');

describe('rate-limit headers', () => {
  it('reads Retry-After as seconds or as an HTTP date, and ignores anything else', () => {
    expect(parseRetryAfter('7', now)).toBe(7000);
    expect(parseRetryAfter(' 1.5 ', now)).toBe(1500);
    expect(parseRetryAfter('Mon, 23 Nov 2026 12:01:00 GMT', now)).toBe(60_000);
    expect(parseRetryAfter('Mon, 23 Nov 2026 11:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter('-3', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });

  it("reads X-RateLimit-Reset as Jira Cloud's ISO instant or Azure DevOps' epoch seconds", () => {
    expect(parseRateLimitReset('2026-11-23T12:05Z')).toBe(now + 5 * 60_000);
    expect(parseRateLimitReset(String(now / 1000 + 30))).toBe(now + 30_000);
    expect(parseRateLimitReset('later')).toBeUndefined();
  });

  it('prefers Retry-After, falls back to the reset, and reports near-limit, exhaustion and the reason', () => {
    const headers = new Headers({
      'X-RateLimit-Reset': '2026-11-23T12:01Z',
      'X-RateLimit-Remaining': '0',
      'X-RateLimit-NearLimit': 'true',
      'RateLimit-Reason': 'jira-burst-based',
    });

    expect(readRateLimitSignal(headers, now)).toEqual({
      waitMilliseconds: 60_000,
      resetAt: now + 60_000,
      exhausted: true,
      nearLimit: true,
      reason: 'jira-burst-based',
    });
    headers.set('Retry-After', '5');
    expect(readRateLimitSignal(headers, now).waitMilliseconds).toBe(5000);
    expect(readRateLimitSignal(new Headers(), now)).toEqual({
      waitMilliseconds: undefined,
      resetAt: undefined,
      exhausted: false,
      nearLimit: false,
      reason: undefined,
    });
  });

  it('counts Azure DevOps holding a request back (X-RateLimit-Delay) as near the limit, and a delay of zero or nonsense as not', () => {
    expect(readRateLimitSignal(new Headers({ 'X-RateLimit-Delay': '0.250', 'X-RateLimit-Resource': 'ATCPU' }), now).nearLimit).toBe(true);
    expect(readRateLimitSignal(new Headers({ 'X-RateLimit-Delay': '0' }), now).nearLimit).toBe(false);
    expect(readRateLimitSignal(new Headers({ 'X-RateLimit-Delay': 'soon' }), now).nearLimit).toBe(false);
  });
});
