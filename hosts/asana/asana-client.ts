import type { z } from 'zod';
import { ExalateError, parseJson, type ClockV1 } from '../../core';
import {
  TrackerHttpClient,
  type FetchFunction,
  type HostBudgets,
  type RetryNotice,
  type RetryPolicy,
  type TrackerMessages,
  type TrackerRequest,
} from '../tracker-http';
import { maximumBatchActions, type AsanaBatchAction } from './asana-batch-call';
import { batchAnswerSchema, errorResponseSchema, type BatchResult } from './asana-responses';

export interface AsanaClientOptions {
  /** The Asana host, what comes before `/api/1.0`: `https://app.asana.com`. */
  readonly baseUrl: string;
  /**
   * `Bearer <personal access token>`, or a function giving `Bearer <OAuth access token>` per request
   * (Asana's OAuth access tokens last an hour and are refreshed by whoever holds the refresh token).
   */
  readonly authorization: string | (() => string | Promise<string>);
  readonly fetch?: FetchFunction;
  readonly clock?: ClockV1;
  readonly sleep?: (milliseconds: number) => Promise<void>;
  readonly random?: () => number;
  readonly budgets?: HostBudgets;
  readonly retry?: Partial<RetryPolicy>;
  readonly onRetry?: (notice: RetryNotice) => void;
}

export type QueryValues = Readonly<Record<string, string | number | boolean | undefined>>;

const messages: TrackerMessages = {
  trackerName: 'Asana',
  unauthorized:
    "Create a new personal access token in Asana (profile picture → My settings → Apps → Manage developer apps → Create new token) and save it in this node's Asana settings.",
  forbiddenAdvice: "Make sure the token's user is a member of the workspaces and projects to sync.",
  checkAddress: 'Check that the Asana address is https://app.asana.com.',
  outageAdvice: 'If it keeps happening, check https://status.asana.com.',
  rateLimitAdvice: 'Asana allows 150 to 1,500 requests a minute depending on the plan.',
  readErrorBody: (body) =>
    (errorResponseSchema.safeParse(body).data?.errors ?? [])
      .map((error) => error.message ?? '')
      .filter((message) => message !== '')
      .join(' '),
};

/**
 * Asana REST 1.0 over the one tracker HTTP layer (hosts/tracker-http: budgets, Retry-After, no
 * repeated writes). Paths are relative to `/api/1.0`. The official `asana` client is not used:
 * the layer's retry and budget rules must apply to every call, which a wrapped client would hide.
 */
export class AsanaClient {
  readonly host: string;
  readonly #http: TrackerHttpClient;
  readonly #fetch: FetchFunction;

  constructor(options: AsanaClientOptions) {
    this.host = options.baseUrl.replace(/\/+$/, '');
    this.#fetch = options.fetch ?? ((url, init) => fetch(url, init));
    this.#http = new TrackerHttpClient({
      tracker: 'asana',
      baseUrl: this.host,
      authorization: options.authorization,
      messages,
      fetch: this.#fetch,
      ...(options.clock === undefined ? {} : { clock: options.clock }),
      ...(options.sleep === undefined ? {} : { sleep: options.sleep }),
      ...(options.random === undefined ? {} : { random: options.random }),
      ...(options.budgets === undefined ? {} : { budgets: options.budgets }),
      ...(options.retry === undefined ? {} : { retry: options.retry }),
      ...(options.onRetry === undefined ? {} : { onRetry: options.onRetry }),
    });
  }

  async json<Schema extends z.ZodType>(request: TrackerRequest, schema: Schema): Promise<z.output<Schema>> {
    return this.#http.json({ ...request, path: `/api/1.0${request.path}` }, schema);
  }

  /** Like `json`, but a 404 (no such task, no such user) is an answer: undefined. */
  async jsonIfFound<Schema extends z.ZodType>(request: TrackerRequest, schema: Schema): Promise<z.output<Schema> | undefined> {
    return this.#http.jsonIfFound({ ...request, path: `/api/1.0${request.path}` }, schema);
  }

  /**
   * `POST /batch` (asana.yaml, Batch API), ten actions a call: one result per action, in order.
   * Each action counts against Asana's rate limit as a request, and over the limit the whole call
   * is refused with 429 before any action runs, so the layer repeats a 429 even when the actions
   * write. `idempotent` says whether repeating after a broken connection is harmless (reads only).
   */
  async batch(actions: readonly AsanaBatchAction[], options: { readonly idempotent: boolean; readonly action: string }): Promise<BatchResult[]> {
    const results: BatchResult[] = [];
    for (let start = 0; start < actions.length; start += maximumBatchActions) {
      const group = actions.slice(start, start + maximumBatchActions);
      const answer = await this.json(
        { method: 'POST', path: '/batch', json: { data: { actions: group } }, idempotent: options.idempotent, action: options.action },
        batchAnswerSchema,
      );
      if (answer.data.length !== group.length)
        throw new ExalateError(
          'internal',
          `Asana at ${this.host} answered a batch of ${group.length} actions with ${answer.data.length} results, so the node cannot tell which is which. Report this with the node's log.`,
          { details: { tracker: 'asana' } },
        );
      results.push(...answer.data);
    }
    return results;
  }

  /**
   * The failure of one action's result, worded as the layer words every Asana failure (with the
   * advice for a 401, 403, 429 or 5xx); a 404 says what was not found rather than blaming the address.
   */
  batchResultError(result: BatchResult, doing: string): ExalateError {
    // Only Retry-After matters here (a whole batch over the limit is refused before any action
    // runs); a header name Asana never sends could not make the Headers throw.
    const retryAfter = Object.entries(result.headers ?? {}).find(([name]) => name.toLowerCase() === 'retry-after')?.[1];
    const headers = new Headers(typeof retryAfter === 'string' && /^[\w ,:-]*$/.test(retryAfter) ? { 'Retry-After': retryAfter } : {});
    return this.#http.errorForAnswer(
      { method: 'POST', path: '/api/1.0/batch', action: doing, messages: { 404: `Asana at ${this.host} found nothing to ${doing}.` } },
      { status: result.status_code, body: result.body, headers },
    );
  }

  /** The answer for the statuses given, read through the schema; others throw as usual. */
  async jsonWithStatus<Schema extends z.ZodType>(
    request: TrackerRequest & { readonly expectedStatuses: readonly number[] },
    schema: Schema,
  ): Promise<{ status: number; body: z.output<Schema> }> {
    const response = await this.#http.send({ ...request, path: `/api/1.0${request.path}` });
    const parsed = parseJson(await response.text(), schema as z.ZodType<z.output<Schema>>);
    if (!parsed.ok)
      throw new ExalateError('internal', `Asana at ${this.host} answered ${request.path} with something that is not its REST API. ${messages.checkAddress}`, {
        cause: new Error(parsed.reason),
        details: { tracker: 'asana', path: request.path },
      });
    return { status: response.status, body: parsed.value };
  }

  /**
   * Attachment bytes come from `download_url`, a short-lived presigned link on Asana's storage
   * host: the token must not travel there, and Asana's rate budget does not apply to it.
   */
  async download(url: string, name: string): Promise<Uint8Array> {
    let response: Response;
    try {
      response = await this.#fetch(url, { method: 'GET' });
    } catch (cause) {
      throw new ExalateError('tracker_unavailable', `The node could not download ${name} from Asana's file storage. It tries again later.`, {
        cause,
        isRetryable: true,
        details: { tracker: 'asana' },
      });
    }
    if (!response.ok) {
      await response.body?.cancel();
      // An expired link is refused (403); a fresh one comes with the next read of the attachment.
      throw new ExalateError(
        'tracker_unavailable',
        `Asana's file storage refused the download of ${name} (HTTP ${response.status}); the node asks Asana for a fresh link and tries again.`,
        { isRetryable: true, details: { tracker: 'asana', status: response.status } },
      );
    }
    return new Uint8Array(await response.arrayBuffer());
  }
}
