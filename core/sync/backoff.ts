import { ExalateError } from '../errors';

const baseDelayMs = 1_000;
const maximumDelayMs = 15 * 60_000;

/**
 * When to try again after `attempts` failures: exponential with full jitter (so a crowd of
 * retries spreads out), capped at 15 minutes, and never sooner than the other side asked for
 * with Retry-After.
 */
export function nextAttemptAt(now: number, attempts: number, error: unknown, random: () => number = Math.random): number {
  const exponential = Math.min(maximumDelayMs, baseDelayMs * 2 ** Math.min(attempts, 20));
  const jittered = Math.round(exponential / 2 + random() * (exponential / 2));
  return now + Math.max(jittered, retryAfterMs(error));
}

/** Retry-After as the tracker or peer sent it (seconds), carried in the error's details. */
export function retryAfterMs(error: unknown): number {
  if (!ExalateError.isInstance(error)) return 0;
  const seconds = Number(error.details?.['retryAfterSeconds'] ?? 0);
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 0;
}
