/**
 * A token bucket per caller (IP address) and route, in memory, spent by failed attempts only:
 * enough to make guessing
 * invitation tokens or hammering a handshake pointless (a token is 256 random bits anyway) and
 * to keep one noisy client from starving the others. Several node processes each keep their
 * own buckets; a reverse proxy in front can add a shared limit.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; updatedAt: number }>();

  constructor(
    private readonly capacity: number,
    private readonly refillPerMinute: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Seconds to wait before this caller may try again, or 0; takes nothing. */
  waitFor(key: string): number {
    const bucket = this.buckets.get(key);
    if (!bucket) return 0;
    const refilled = Math.min(this.capacity, bucket.tokens + ((this.now() - bucket.updatedAt) / 60_000) * this.refillPerMinute);
    return refilled >= 1 ? 0 : Math.ceil(((1 - refilled) / this.refillPerMinute) * 60);
  }

  /** Takes one token; returns 0 when allowed, or the seconds to wait before trying again. */
  take(key: string): number {
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: this.capacity, updatedAt: now };
    const refilled = Math.min(this.capacity, bucket.tokens + ((now - bucket.updatedAt) / 60_000) * this.refillPerMinute);
    if (refilled < 1) {
      this.buckets.set(key, { tokens: refilled, updatedAt: now });
      return Math.ceil(((1 - refilled) / this.refillPerMinute) * 60);
    }
    this.buckets.set(key, { tokens: refilled - 1, updatedAt: now });
    if (this.buckets.size > 10_000) this.forgetFull(now);
    return 0;
  }

  /** Buckets that refilled completely carry no information: drop them so memory stays bounded. */
  private forgetFull(now: number): void {
    for (const [key, bucket] of this.buckets) {
      if (bucket.tokens + ((now - bucket.updatedAt) / 60_000) * this.refillPerMinute >= this.capacity) this.buckets.delete(key);
    }
  }
}
