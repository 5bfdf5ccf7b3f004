import type { FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';

export interface RateLimitStormOptions {
  /** The Retry-After to answer with, in seconds: every tracker sends it so with its 429. */
  readonly retryAfterSeconds: number;
  /** How many requests to refuse before calming down by itself; unbounded when left out. */
  readonly requests?: number;
}

/**
 * A switch a test turns on to make an emulator answer 429 Too Many Requests with Retry-After, as a
 * throttled tracker does: Jira Cloud ("Rate limiting"), Jira DC 8.6+, Azure DevOps ("Rate and
 * usage limits") and Asana (developers.asana.com/docs/rate-limits) all send Retry-After in seconds.
 * Not persisted: storms do not survive a restart.
 */
export class RateLimitStorm {
  #remaining = 0;
  #retryAfterSeconds = 1;
  #refused = 0;

  start(options: RateLimitStormOptions): void {
    this.#remaining = options.requests ?? Number.POSITIVE_INFINITY;
    this.#retryAfterSeconds = options.retryAfterSeconds;
  }

  stop(): void {
    this.#remaining = 0;
  }

  /** Requests refused since the emulator started, so a test can see that the storm was felt. */
  get refusedCount(): number {
    return this.#refused;
  }

  /** Called once per request: the Retry-After to answer with, or undefined to let it through. */
  take(): number | undefined {
    if (this.#remaining <= 0) return undefined;
    this.#remaining -= 1;
    this.#refused += 1;
    return this.#retryAfterSeconds;
  }
}

export interface RateLimitAnswer {
  /** Headers the tracker sends with its 429 besides Retry-After (Jira Cloud: RateLimit-Reason, X-RateLimit-*). */
  readonly headers?: (retryAfterSeconds: number) => Readonly<Record<string, string>>;
  /** The tracker's 429 body. */
  readonly body: () => unknown;
}

/**
 * An onRequest hook that answers 429 in the tracker's own shape while a storm lasts. Where it sits
 * among an emulator's hooks is the tracker's order: Jira's rate limiter refuses before
 * authentication, Azure DevOps and Asana after it.
 */
export function refuseDuringStorm(storm: RateLimitStorm, answer: RateLimitAnswer): onRequestAsyncHookHandler {
  return async (_request: FastifyRequest, reply: FastifyReply) => {
    const retryAfterSeconds = storm.take();
    if (retryAfterSeconds === undefined) return;
    return reply
      .code(429)
      .headers({ 'Retry-After': String(retryAfterSeconds), ...answer.headers?.(retryAfterSeconds) })
      .send(answer.body());
  };
}
