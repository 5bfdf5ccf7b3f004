import { z } from 'zod';
import { parseJson, systemClock, type ClockV1, type ExalateError, type TrackerKind } from '../../core';
import { HostBudgets, type HostBudget, type HostBudgetOptions } from './host-budget';
import { readRateLimitSignal, type RateLimitSignal } from './rate-limit-headers';
import { backoffDelay, defaultRetryPolicy, isIdempotentMethod, mayRepeat, type AttemptOutcome, type HttpMethod, type RetryPolicy } from './retry-policy';
import { errorForNetworkFailure, errorForStatus, errorForUnreadableAnswer, type FailureContext, type TrackerMessages } from './tracker-failure';

/** A fetch as the layer calls it: the URL as a string, so a Forge wrapper can strip the site and call requestJira. */
export type FetchFunction = (url: string, init: RequestInit) => Promise<Response>;

export type QueryValue = string | number | boolean | readonly (string | number)[] | undefined;
export type QueryValues = Readonly<Record<string, QueryValue>>;

export interface TrackerRequest {
  /** Defaults to GET. */
  readonly method?: HttpMethod;
  /** Appended to the base URL: `/rest/api/3/issue/SUP-1`. */
  readonly path: string;
  /** Array values repeat the parameter (`expand=a&expand=b`); undefined values are left out. */
  readonly query?: QueryValues;
  /** Sent as JSON with `Content-Type: application/json`. */
  readonly json?: unknown;
  /** Any other body (FormData for multipart uploads, bytes). Do not combine with `json`. */
  readonly body?: BodyInit;
  readonly headers?: Readonly<Record<string, string>>;
  /** Defaults to `application/json`. */
  readonly accept?: string;
  /** Whether repeating is harmless; defaults by method (RFC 9110: GET, HEAD, PUT, DELETE yes; POST, PATCH no). */
  readonly idempotent?: boolean;
  /** Statuses handed back as a Response instead of thrown (e.g. 404 for "is it there?"). */
  readonly expectedStatuses?: readonly number[];
  /** What the node was doing, for messages: "create an issue in SUP". */
  readonly action?: string;
  /** A message for a status, replacing the generic one (e.g. a 403 that needs an administrator). */
  readonly messages?: Readonly<Partial<Record<number, string>>>;
}

/** Told each time the layer waits before repeating a request (for logs and for tests). */
export interface RetryNotice {
  readonly method: string;
  readonly path: string;
  readonly attempt: number;
  readonly waitMilliseconds: number;
  readonly status: number | undefined;
  readonly rateLimit: RateLimitSignal | undefined;
}

export interface TrackerHttpClientOptions {
  readonly tracker: TrackerKind;
  /** The tracker's base URL (Jira site, ADO organization, Asana host); trailing slashes are dropped. */
  readonly baseUrl: string;
  /** The Authorization header value, or a function giving it per request (OAuth tokens that refresh). */
  readonly authorization: string | (() => string | Promise<string>);
  readonly messages: TrackerMessages;
  /** Defaults to the global fetch. */
  readonly fetch?: FetchFunction;
  /** Headers sent with every request. */
  readonly headers?: Readonly<Record<string, string>>;
  readonly clock?: ClockV1;
  /** Defaults to setTimeout; tests pass one that advances a manual clock and returns at once. */
  readonly sleep?: (milliseconds: number) => Promise<void>;
  readonly random?: () => number;
  /** Share one registry between clients that reach the same host; a private one by default. */
  readonly budgets?: HostBudgets;
  /** Limits for this host, used when its budget is first made. */
  readonly budget?: HostBudgetOptions;
  readonly retry?: Partial<RetryPolicy>;
  readonly onRetry?: (notice: RetryNotice) => void;
}

const defaultSleep = (milliseconds: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, milliseconds));

/**
 * The one HTTP client every tracker adapter uses (Web APIs only: runs in the node, in Forge and in
 * a browser). Each call: waits for the host's budget, sends with the adapter's Authorization,
 * repeats 429/503 (and, for idempotent requests, network failures and 502/504) with backoff that
 * honours Retry-After, and turns every other failure into an ExalateError whose message an admin can
 * act on. It never repeats a non-idempotent write the tracker may have processed.
 */
export class TrackerHttpClient {
  readonly baseUrl: string;
  readonly #options: TrackerHttpClientOptions;
  readonly #fetch: FetchFunction;
  readonly #clock: ClockV1;
  readonly #sleep: (milliseconds: number) => Promise<void>;
  readonly #random: () => number;
  readonly #policy: RetryPolicy;
  readonly #budget: HostBudget;

  constructor(options: TrackerHttpClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.#options = options;
    // Looked up at call time, so the global fetch is used unbound (browsers reject a rebound `this`).
    this.#fetch = options.fetch ?? ((url, init) => fetch(url, init));
    this.#clock = options.clock ?? systemClock;
    this.#sleep = options.sleep ?? defaultSleep;
    this.#random = options.random ?? Math.random;
    this.#policy = { ...defaultRetryPolicy, ...options.retry };
    const budgets = options.budgets ?? new HostBudgets({}, { clock: this.#clock, sleep: this.#sleep });
    this.#budget = budgets.budgetFor(this.baseUrl, options.budget);
  }

  /** The answer to a request, 2xx or one of `expectedStatuses`; anything else throws ExalateError. */
  async send(request: TrackerRequest): Promise<Response> {
    const method = request.method ?? 'GET';
    const idempotent = request.idempotent ?? isIdempotentMethod(method);
    const url = this.urlFor(request.path, request.query);
    for (let attempt = 1; ; attempt += 1) {
      const context = this.#context(request, method, attempt);
      const release = await this.#budget.acquire();
      let response: Response;
      try {
        response = await this.#fetch(url, await this.#init(request, method));
      } catch (cause) {
        release();
        const failure = errorForNetworkFailure(context, cause, idempotent);
        if (!(await this.#waitToRepeat(request, method, attempt, { kind: 'network' }, idempotent, undefined))) throw failure;
        continue;
      }
      release();
      const rateLimit = readRateLimitSignal(response.headers, this.#clock.now());
      this.#notePacing(rateLimit, response.status);
      if (response.ok || request.expectedStatuses?.includes(response.status) === true) return response;

      const body = await readErrorBody(response);
      const failure = errorForStatus(context, { status: response.status, body, rateLimit, overrides: request.messages });
      if (!(await this.#waitToRepeat(request, method, attempt, { kind: 'status', status: response.status }, idempotent, rateLimit))) throw failure;
    }
  }

  /**
   * The error `send` would throw for an answer of `status` to `request`: for answers that arrive
   * inside another one (each action's result in Asana's `/batch`), so they read like every other
   * failure of this tracker, with its advice.
   */
  errorForAnswer(request: TrackerRequest, answer: { readonly status: number; readonly body: unknown; readonly headers?: Headers }): ExalateError {
    const rateLimit = readRateLimitSignal(answer.headers ?? new Headers(), this.#clock.now());
    return errorForStatus(this.#context(request, request.method ?? 'GET', 1), {
      status: answer.status,
      body: answer.body,
      rateLimit,
      overrides: request.messages,
    });
  }

  /** Sends and reads a JSON answer through a (tolerant) zod schema. */
  async json<Schema extends z.ZodType>(request: TrackerRequest, schema: Schema): Promise<z.output<Schema>> {
    const response = await this.send(request);
    return this.#readJson(request, response, schema);
  }

  /** Like `json`, but a 404 is an answer (undefined) rather than a failure. */
  async jsonIfFound<Schema extends z.ZodType>(request: TrackerRequest, schema: Schema): Promise<z.output<Schema> | undefined> {
    const response = await this.send({ ...request, expectedStatuses: [...(request.expectedStatuses ?? []), 404] });
    if (response.status === 404) {
      await response.body?.cancel();
      return undefined;
    }
    return this.#readJson(request, response, schema);
  }

  /** Sends and ignores the body (204 No Content answers). */
  async empty(request: TrackerRequest): Promise<void> {
    const response = await this.send(request);
    await response.body?.cancel();
  }

  /** Sends and returns the body's bytes (attachment content). */
  async bytes(request: TrackerRequest): Promise<Uint8Array> {
    const response = await this.send({ accept: '*/*', ...request });
    return new Uint8Array(await response.arrayBuffer());
  }

  /** The absolute URL of a path with query parameters, as this client sends it. */
  urlFor(path: string, query: QueryValues = {}): string {
    const url = new URL(`${this.baseUrl}${path}`);
    for (const [name, value] of Object.entries(query)) {
      if (value === undefined) continue;
      if (Array.isArray(value)) for (const item of value) url.searchParams.append(name, String(item));
      else url.searchParams.set(name, String(value));
    }
    return url.toString();
  }

  async #readJson<Schema extends z.ZodType>(request: TrackerRequest, response: Response, schema: Schema): Promise<z.output<Schema>> {
    const context = this.#context(request, request.method ?? 'GET', 1);
    let text: string;
    try {
      text = await response.text();
    } catch (cause) {
      throw errorForUnreadableAnswer(context, cause);
    }
    const parsed = parseJson(text, schema as z.ZodType<z.output<Schema>>);
    if (!parsed.ok) throw errorForUnreadableAnswer(context, new Error(parsed.reason));
    return parsed.value;
  }

  async #init(request: TrackerRequest, method: HttpMethod): Promise<RequestInit> {
    const authorization = typeof this.#options.authorization === 'string' ? this.#options.authorization : await this.#options.authorization();
    const headers: Record<string, string> = {
      ...this.#options.headers,
      Authorization: authorization,
      Accept: request.accept ?? 'application/json',
      ...request.headers,
    };
    if (request.json !== undefined) {
      headers['Content-Type'] = 'application/json';
      return { method, headers, body: JSON.stringify(request.json) };
    }
    return request.body === undefined ? { method, headers } : { method, headers, body: request.body };
  }

  #context(request: TrackerRequest, method: HttpMethod, attempts: number): FailureContext {
    return {
      tracker: this.#options.tracker,
      baseUrl: this.baseUrl,
      method,
      path: request.path,
      action: request.action,
      messages: this.#options.messages,
      attempts,
    };
  }

  /** Slows the whole host down when it says its budget is nearly or fully used. */
  #notePacing(rateLimit: RateLimitSignal, status: number): void {
    const now = this.#clock.now();
    if (rateLimit.nearLimit) this.#budget.slowDown();
    // On a refusal, Retry-After rules (Jira Cloud's X-RateLimit-Reset has minute precision only);
    // on a success that used the last of the budget, the reset says when to go on.
    let until: number | undefined;
    if (status === 429 || status === 503) until = rateLimit.waitMilliseconds === undefined ? undefined : now + rateLimit.waitMilliseconds;
    else if (rateLimit.exhausted && rateLimit.resetAt !== undefined) until = rateLimit.resetAt;
    // A longer pause would hold requests in memory for minutes; those go out, meet the limit and
    // come back as tracker_unavailable for the durable queue to schedule.
    if (until !== undefined && until - now <= this.#policy.maximumWaitMilliseconds) this.#budget.pauseUntil(until);
  }

  /** Sleeps before the next attempt and says true, or says false when the request must not or cannot be repeated. */
  async #waitToRepeat(
    request: TrackerRequest,
    method: HttpMethod,
    attempt: number,
    outcome: AttemptOutcome,
    idempotent: boolean,
    rateLimit: RateLimitSignal | undefined,
  ): Promise<boolean> {
    if (attempt >= this.#policy.maximumAttempts || !mayRepeat(outcome, idempotent)) return false;
    const asked = rateLimit?.waitMilliseconds;
    if (asked !== undefined && asked > this.#policy.maximumWaitMilliseconds) return false;
    const waitMilliseconds = backoffDelay(this.#policy, attempt, asked, this.#random);
    this.#options.onRetry?.({
      method,
      path: request.path,
      attempt,
      waitMilliseconds,
      status: outcome.kind === 'status' ? outcome.status : undefined,
      rateLimit,
    });
    await this.#sleep(waitMilliseconds);
    return true;
  }
}

/** Error bodies are read for the tracker's words only; one that is not JSON is kept as text. */
async function readErrorBody(response: Response): Promise<unknown> {
  const text = await response.text().catch(() => '');
  if (text === '') return undefined;
  const parsed = parseJson(text, z.unknown());
  return parsed.ok ? parsed.value : text;
}
