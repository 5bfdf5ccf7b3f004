import type { z } from 'zod';
import { ExalateError } from '../../core';
import { errorResponseSchema } from './asana-responses';

export interface AsanaClientOptions {
  /** The Asana host, what comes before `/api/1.0`: `https://app.asana.com`. */
  readonly baseUrl: string;
  /** `Bearer <personal access token>` (or an OAuth access token). */
  readonly authorization: string;
  readonly fetch?: typeof fetch;
}

export type QueryValues = Readonly<Record<string, string | number | boolean>>;

/**
 * GETs Asana REST 1.0 resources and turns every way that can fail into an ExalateError whose
 * message tells the Asana user what to change.
 */
export class AsanaClient {
  readonly host: string;
  readonly #authorization: string;
  readonly #fetch: typeof fetch;

  constructor(options: AsanaClientOptions) {
    this.host = options.baseUrl.replace(/\/+$/, '');
    this.#authorization = options.authorization;
    // Looked up at call time, so the global fetch is used unbound (browsers reject a rebound `this`).
    this.#fetch = options.fetch ?? ((input, init) => fetch(input, init));
  }

  /** `path` is relative to `/api/1.0`, e.g. `/users/me`. */
  async get<Schema extends z.ZodType>(path: string, query: QueryValues, schema: Schema): Promise<z.output<Schema>> {
    const url = new URL(`${this.host}/api/1.0${path}`);
    for (const [name, value] of Object.entries(query)) url.searchParams.set(name, String(value));

    let response: Response;
    try {
      response = await this.#fetch(url, { headers: { Authorization: this.#authorization, Accept: 'application/json' } });
    } catch (cause) {
      throw new ExalateError('internal', `The node could not reach Asana at ${this.host}. Check that this machine can open it.`, { cause, isRetryable: true, details: { tracker: 'asana', url: url.toString() } });
    }
    if (!response.ok) throw await this.#failure(response, path);

    let body: unknown;
    try {
      body = await response.json();
    } catch (cause) {
      throw this.#notUnderstood(path, cause);
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) throw this.#notUnderstood(path, parsed.error);
    return parsed.data;
  }

  #notUnderstood(path: string, cause: unknown): ExalateError {
    return new ExalateError('internal', `Asana at ${this.host} answered ${path} with something that is not Asana's REST API. Check that the Asana address is https://app.asana.com.`, { cause, details: { tracker: 'asana', path } });
  }

  async #failure(response: Response, path: string): Promise<ExalateError> {
    const details = { tracker: 'asana', status: response.status, path };
    const body = errorResponseSchema.safeParse(await response.json().catch(() => undefined));
    const said = body.success ? (body.data.errors ?? []).map((error) => error.message ?? '').filter((message) => message !== '').join(' ') : '';
    const saying = said === '' ? '' : ` Asana said: "${said}"`;
    switch (response.status) {
      case 401:
        return new ExalateError('unauthorized', 'Asana refused the personal access token. Create a new one in Asana (profile picture → My settings → Apps → Manage developer apps → Create new token) and save it in this node\'s Asana settings.', { details });
      case 402:
        // Asana answers 402 Payment Required for features above the workspace's plan.
        return new ExalateError('forbidden', `Asana refused ${path} because the workspace's plan does not include it.${saying}`, { details });
      case 403:
        return new ExalateError('forbidden', `Asana let the token in but refused ${path}.${saying} Make sure the token's user is a member of the workspaces and projects to sync.`, { details });
      case 404:
        return new ExalateError('not_found', `Asana at ${this.host} has no ${path}.${saying} Check that the Asana address is https://app.asana.com.`, { details });
      case 429: {
        // Asana's rate limits answer 429 with Retry-After in seconds (developers.asana.com/docs/rate-limits).
        const retryAfterSeconds = Number(response.headers.get('Retry-After') ?? '');
        const wait = Number.isFinite(retryAfterSeconds) && retryAfterSeconds > 0 ? retryAfterSeconds : undefined;
        return new ExalateError('internal', `Asana is limiting how fast the node may call it; the node tries again${wait === undefined ? ' shortly' : ` in ${wait} seconds`}.`, { isRetryable: true, details: { ...details, retryAfterSeconds: wait } });
      }
      default:
        if (response.status >= 500) {
          return new ExalateError('internal', `Asana failed to answer ${path} (HTTP ${response.status}); the node tries again. If it keeps happening, check https://status.asana.com.`, { isRetryable: true, details });
        }
        return new ExalateError('invalid_request', `Asana rejected ${path} (HTTP ${response.status}).${saying}`, { details });
    }
  }
}
