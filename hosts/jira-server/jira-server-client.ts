import type { z } from 'zod';
import { ExalateError } from '../../core';
import { errorCollectionSchema } from './jira-server-responses';

export interface JiraServerClientOptions {
  /** Jira's base URL, including any context path, e.g. `https://jira.example.com/jira`. */
  readonly baseUrl: string;
  /** `Bearer <personal access token>` (Jira 8.14 and later). */
  readonly authorization: string;
  readonly fetch?: typeof fetch;
}

export type QueryValues = Readonly<Record<string, string | number | boolean>>;

export interface RequestOptions {
  readonly accept?: string;
  /** The message for a 403, when the resource needs more than the usual permissions. */
  readonly forbiddenMessage?: string;
}

/**
 * GETs Jira Server/DC REST resources and turns every way that can fail into an ExalateError whose
 * message tells a Jira administrator what to change.
 */
export class JiraServerClient {
  readonly baseUrl: string;
  readonly #authorization: string;
  readonly #fetch: typeof fetch;

  constructor(options: JiraServerClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.#authorization = options.authorization;
    // Looked up at call time, so the global fetch is used unbound (browsers reject a rebound `this`).
    this.#fetch = options.fetch ?? ((input, init) => fetch(input, init));
  }

  async get<Schema extends z.ZodType>(path: string, query: QueryValues, schema: Schema, options: RequestOptions = {}): Promise<z.output<Schema>> {
    const found = await this.getIfPresent(path, query, schema, options);
    if (found === undefined) throw new ExalateError('not_found', `Jira at ${this.baseUrl} has no ${path}. Check that the Jira base URL is the address you open Jira at, including any context path such as /jira.`, { details: { tracker: 'jira-server', status: 404, path } });
    return found.value;
  }

  /** Like `get`, but a 404 is an answer (`undefined`) rather than a failure. */
  async getIfPresent<Schema extends z.ZodType>(path: string, query: QueryValues, schema: Schema, options: RequestOptions = {}): Promise<{ readonly value: z.output<Schema> } | undefined> {
    const url = new URL(`${this.baseUrl}${path}`);
    for (const [name, value] of Object.entries(query)) url.searchParams.set(name, String(value));

    let response: Response;
    try {
      response = await this.#fetch(url, { headers: { Authorization: this.#authorization, Accept: options.accept ?? 'application/json' } });
    } catch (cause) {
      throw new ExalateError('internal', `The node could not reach Jira at ${this.baseUrl}. Check the Jira base URL and that this machine can open it.`, { cause, isRetryable: true, details: { tracker: 'jira-server', url: url.toString() } });
    }
    if (response.status === 404) return undefined;
    if (!response.ok) throw await this.#failure(response, path, options);

    let body: unknown;
    try {
      body = await response.json();
    } catch (cause) {
      throw this.#notUnderstood(path, cause);
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) throw this.#notUnderstood(path, parsed.error);
    return { value: parsed.data };
  }

  #notUnderstood(path: string, cause: unknown): ExalateError {
    // A single sign-on gateway that redirects REST calls to its login page produces exactly this.
    return new ExalateError('internal', `Jira at ${this.baseUrl} answered ${path} with something that is not Jira's REST API. Check the Jira base URL, and that single sign-on does not redirect REST calls with a personal access token to a login page.`, { cause, details: { tracker: 'jira-server', path } });
  }

  async #failure(response: Response, path: string, options: RequestOptions): Promise<ExalateError> {
    const details = { tracker: 'jira-server', status: response.status, path };
    const body = errorCollectionSchema.safeParse(await response.json().catch(() => undefined));
    const said = body.success ? [...(body.data.errorMessages ?? []), ...Object.values(body.data.errors ?? {})].join(' ') : '';
    const saying = said === '' ? '' : ` Jira said: "${said}"`;
    switch (response.status) {
      case 401:
        return new ExalateError('unauthorized', `Jira at ${this.baseUrl} refused the personal access token. Create a new one in Jira (your profile → Personal Access Tokens, Jira 8.14 or later) and save it in this node's Jira Server settings.`, { details });
      case 403:
        return new ExalateError('forbidden', options.forbiddenMessage ?? `Jira at ${this.baseUrl} let the token's user in but refused ${path}.${saying} Give that user the Browse projects permission on the projects to sync.`, { details });
      case 429: {
        // Jira DC rate limiting (8.6+) answers 429 with Retry-After in seconds.
        const retryAfterSeconds = Number(response.headers.get('Retry-After') ?? '');
        const wait = Number.isFinite(retryAfterSeconds) && retryAfterSeconds > 0 ? retryAfterSeconds : undefined;
        return new ExalateError('internal', `Jira at ${this.baseUrl} is limiting how fast the node may call it; the node tries again${wait === undefined ? ' shortly' : ` in ${wait} seconds`}. A Jira administrator can exempt the node's user under System → Rate limiting.`, { isRetryable: true, details: { ...details, retryAfterSeconds: wait } });
      }
      default:
        if (response.status >= 500) {
          return new ExalateError('internal', `Jira at ${this.baseUrl} failed to answer ${path} (HTTP ${response.status}); the node tries again. If it keeps happening, look at Jira's atlassian-jira.log.`, { isRetryable: true, details });
        }
        return new ExalateError('invalid_request', `Jira at ${this.baseUrl} rejected ${path} (HTTP ${response.status}).${saying}`, { details });
    }
  }
}
