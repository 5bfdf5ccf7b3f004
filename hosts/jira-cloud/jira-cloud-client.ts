import type { z } from 'zod';
import { ExalateError } from '../../core';
import { errorCollectionSchema } from './jira-cloud-responses';

export interface JiraCloudClientOptions {
  /** The Jira site URL, e.g. `https://your-domain.atlassian.net`. */
  readonly baseUrl: string;
  /** `Basic base64(email:apiToken)`. */
  readonly authorization: string;
  readonly fetch?: typeof fetch;
}

export type QueryValues = Readonly<Record<string, string | number | boolean>>;

/**
 * GETs Jira Cloud REST v3 resources and turns every way that can fail into an ExalateError whose
 * message tells a Jira admin what to change.
 */
export class JiraCloudClient {
  readonly siteUrl: string;
  readonly #authorization: string;
  readonly #fetch: typeof fetch;

  constructor(options: JiraCloudClientOptions) {
    this.siteUrl = options.baseUrl.replace(/\/+$/, '');
    this.#authorization = options.authorization;
    // Looked up at call time, so the global fetch is used unbound (browsers reject a rebound `this`).
    this.#fetch = options.fetch ?? ((input, init) => fetch(input, init));
  }

  async get<Schema extends z.ZodType>(path: string, query: QueryValues, schema: Schema): Promise<z.output<Schema>> {
    const url = new URL(`${this.siteUrl}${path}`);
    for (const [name, value] of Object.entries(query)) url.searchParams.set(name, String(value));

    let response: Response;
    try {
      response = await this.#fetch(url, { headers: { Authorization: this.#authorization, Accept: 'application/json' } });
    } catch (cause) {
      throw new ExalateError('internal', `The node could not reach Jira Cloud at ${this.siteUrl}. Check the Jira site URL and that this machine can open it.`, { cause, isRetryable: true, details: { tracker: 'jira-cloud', url: url.toString() } });
    }
    if (!response.ok) throw await this.#failure(response, path);

    let body: unknown;
    try {
      body = await response.json();
    } catch (cause) {
      throw this.#notUnderstood(path, url, cause);
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) throw this.#notUnderstood(path, url, parsed.error);
    return parsed.data;
  }

  #notUnderstood(path: string, url: URL, cause: unknown): ExalateError {
    return new ExalateError('internal', `Jira Cloud at ${this.siteUrl} answered ${path} with something that is not Jira's REST API. Check that the Jira site URL is the address you open Jira at, such as https://your-domain.atlassian.net.`, { cause, details: { tracker: 'jira-cloud', url: url.toString() } });
  }

  async #failure(response: Response, path: string): Promise<ExalateError> {
    const site = this.siteUrl;
    const details = { tracker: 'jira-cloud', status: response.status, path };
    const body = errorCollectionSchema.safeParse(await response.json().catch(() => undefined));
    const said = body.success ? [...(body.data.errorMessages ?? []), ...Object.values(body.data.errors ?? {})].join(' ') : '';
    const saying = said === '' ? '' : ` Jira said: "${said}"`;
    switch (response.status) {
      case 401:
        return new ExalateError('unauthorized', `Jira Cloud at ${site} refused the email and API token. Create a new API token at https://id.atlassian.com/manage-profile/security/api-tokens for the account the node works as, and save it with that account's email in this node's Jira Cloud settings.`, { details });
      case 403:
        return new ExalateError('forbidden', `Jira Cloud at ${site} let the account in but refused ${path}.${saying} Give the account the Browse projects permission on the projects to sync.`, { details });
      case 404:
        return new ExalateError('not_found', `Jira Cloud at ${site} has no ${path}.${saying} Check that the Jira site URL is the address you open Jira at, such as https://your-domain.atlassian.net.`, { details });
      case 429: {
        // Jira Cloud rate limiting answers 429 with Retry-After in seconds.
        const retryAfterSeconds = Number(response.headers.get('Retry-After') ?? '');
        const wait = Number.isFinite(retryAfterSeconds) && retryAfterSeconds > 0 ? retryAfterSeconds : undefined;
        return new ExalateError('internal', `Jira Cloud at ${site} is limiting how fast the node may call it; the node tries again${wait === undefined ? ' shortly' : ` in ${wait} seconds`}.`, { isRetryable: true, details: { ...details, retryAfterSeconds: wait } });
      }
      default:
        if (response.status >= 500) {
          return new ExalateError('internal', `Jira Cloud at ${site} failed to answer ${path} (HTTP ${response.status}); the node tries again. If it keeps happening, check https://jira-software.status.atlassian.com.`, { isRetryable: true, details });
        }
        return new ExalateError('invalid_request', `Jira Cloud at ${site} rejected ${path} (HTTP ${response.status}).${saying}`, { details });
    }
  }
}
