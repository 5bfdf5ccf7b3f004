/**
 * When the HTTP layer repeats a request itself, and how long it waits in between.
 *
 * The one rule that keeps writes exact: a request whose repetition could apply a change twice
 * (POST and PATCH: create an issue, add a comment, upload a file, fire a transition) is repeated
 * only when the tracker said it did not process it: 429 (rate limited, refused before any work) and
 * 503 (Service Unavailable, refused before any work; Jira Cloud pairs it with Retry-After when a
 * resource limit is hit). A dropped connection or a 502/504 from a gateway says nothing about
 * whether the tracker applied it, so such a write is handed back to the caller instead.
 */
export interface RetryPolicy {
  /** Attempts in all, the first included. */
  readonly maximumAttempts: number;
  readonly baseDelayMilliseconds: number;
  /** Cap on one backoff delay when the tracker gave no Retry-After. */
  readonly maximumDelayMilliseconds: number;
  /**
   * The longest wait the layer sleeps through itself. A tracker asking for more (Jira's hourly
   * quota can ask for many minutes) gets a `tracker_unavailable` error with `retryAfterSeconds`,
   * so the durable sync queue waits instead of a Forge invocation or a worker.
   */
  readonly maximumWaitMilliseconds: number;
}

export const defaultRetryPolicy: RetryPolicy = {
  maximumAttempts: 4,
  baseDelayMilliseconds: 500,
  maximumDelayMilliseconds: 20_000,
  maximumWaitMilliseconds: 60_000,
};

export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** RFC 9110 §9.2.2: GET, HEAD, PUT and DELETE are idempotent; POST and PATCH are not. */
export function isIdempotentMethod(method: HttpMethod): boolean {
  return method !== 'POST' && method !== 'PATCH';
}

/** The tracker said it did not process the request. */
export function wasRefusedBeforeProcessing(status: number): boolean {
  return status === 429 || status === 503;
}

export type AttemptOutcome = { readonly kind: 'status'; readonly status: number } | { readonly kind: 'network' };

export function mayRepeat(outcome: AttemptOutcome, idempotent: boolean): boolean {
  if (outcome.kind === 'network') return idempotent;
  if (wasRefusedBeforeProcessing(outcome.status)) return true;
  return idempotent && (outcome.status === 502 || outcome.status === 504);
}

/**
 * Exponential backoff with full jitter (a crowd of clients spreads out), never shorter than what
 * the tracker asked for. `attempt` counts from 1 for the first repeat.
 */
export function backoffDelay(policy: RetryPolicy, attempt: number, askedMilliseconds: number | undefined, random: () => number): number {
  const ceiling = Math.min(policy.maximumDelayMilliseconds, policy.baseDelayMilliseconds * 2 ** (attempt - 1));
  const jittered = Math.round(ceiling / 2 + random() * (ceiling / 2));
  if (askedMilliseconds === undefined) return jittered;
  // Jitter on top of Retry-After, so clients told the same instant do not all return at once.
  return askedMilliseconds + Math.round(random() * policy.baseDelayMilliseconds);
}
