import type { FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';

export interface RateLimitStormOptions {
  /** How many of the next requests are refused (any path, any method). */
  readonly requests: number;
  readonly retryAfterSeconds: number;
}

export interface RateLimitStormAnswer {
  /** Extra headers the tracker sends with its 429 (Jira Cloud: RateLimit-Reason, X-RateLimit-*). */
  readonly headers?: (now: number, retryAfterSeconds: number) => Readonly<Record<string, string>>;
  /** The tracker's 429 body. */
  readonly body: () => unknown;
}

/**
 * A switch a test turns on to make an emulator answer 429 with Retry-After, as a tracker under
 * load does, before doing any work: a refused request changes nothing. Shared by every emulator;
 * install `hook` as an onRequest hook ahead of the routes. Not persisted: storms do not survive a restart.
 */
export class RateLimitStorm {
  #remaining = 0;
  #retryAfterSeconds = 1;
  #refused = 0;
  readonly #answer: RateLimitStormAnswer;
  readonly #now: () => number;

  constructor(answer: RateLimitStormAnswer, now: () => number = () => Date.now()) {
    this.#answer = answer;
    this.#now = now;
  }

  start(options: RateLimitStormOptions): void {
    this.#remaining = options.requests;
    this.#retryAfterSeconds = options.retryAfterSeconds;
  }

  stop(): void {
    this.#remaining = 0;
  }

  /** Requests refused since the emulator started. */
  get refused(): number {
    return this.#refused;
  }

  readonly hook: onRequestAsyncHookHandler = async (_request: FastifyRequest, reply: FastifyReply) => {
    if (this.#remaining <= 0) return;
    this.#remaining -= 1;
    this.#refused += 1;
    const headers = { 'Retry-After': String(this.#retryAfterSeconds), ...this.#answer.headers?.(this.#now(), this.#retryAfterSeconds) };
    return reply.code(429).headers(headers).send(this.#answer.body());
  };
}

/**
 * Jira Cloud's rate-limit headers (developer.atlassian.com "Rate limiting"): X-RateLimit-Reset is
 * the request time plus Retry-After, as `yyyy-MM-ddTHH:mmZ`; RateLimit-Reason names the limit.
 */
export function jiraRateLimitHeaders(now: number, retryAfterSeconds: number): Readonly<Record<string, string>> {
  const reset = new Date(now + retryAfterSeconds * 1000).toISOString().slice(0, 16);
  return { 'X-RateLimit-Limit': '100', 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': `${reset}Z`, 'RateLimit-Reason': 'jira-burst-based' };
}
