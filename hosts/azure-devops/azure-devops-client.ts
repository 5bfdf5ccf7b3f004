import type { z } from 'zod';
import { ExalateError } from '../../core';
import { vssErrorSchema } from './azure-devops-responses';

export interface AzureDevOpsClientOptions {
  /** The organization URL, e.g. `https://dev.azure.com/your-organization` (or a Server collection URL). */
  readonly baseUrl: string;
  /** `Basic base64(":" + personal access token)`. */
  readonly authorization: string;
  readonly fetch?: typeof fetch;
}

export type QueryValues = Readonly<Record<string, string | number | boolean>>;

export interface AzureDevOpsAnswer<T> {
  readonly value: T;
  /** `x-ms-continuationtoken`: set when a list has more pages. */
  readonly continuationToken: string | undefined;
}

/**
 * GETs Azure DevOps REST resources of one organization and turns every way that can fail into an
 * ExalateError whose message tells an organization administrator what to change.
 */
export class AzureDevOpsClient {
  readonly organizationUrl: string;
  readonly #authorization: string;
  readonly #fetch: typeof fetch;

  constructor(options: AzureDevOpsClientOptions) {
    this.organizationUrl = options.baseUrl.replace(/\/+$/, '');
    this.#authorization = options.authorization;
    // Looked up at call time, so the global fetch is used unbound (browsers reject a rebound `this`).
    this.#fetch = options.fetch ?? ((input, init) => fetch(input, init));
  }

  /** `query` must carry `api-version`: Azure DevOps refuses a request without one. */
  async get<Schema extends z.ZodType>(path: string, query: QueryValues & { readonly 'api-version': string }, schema: Schema): Promise<AzureDevOpsAnswer<z.output<Schema>>> {
    const url = new URL(`${this.organizationUrl}${path}`);
    for (const [name, value] of Object.entries(query)) url.searchParams.set(name, String(value));

    let response: Response;
    try {
      response = await this.#fetch(url, { headers: { Authorization: this.#authorization, Accept: 'application/json' } });
    } catch (cause) {
      throw new ExalateError('internal', `The node could not reach Azure DevOps at ${this.organizationUrl}. Check the organization URL and that this machine can open it.`, { cause, isRetryable: true, details: { tracker: 'azure-devops', url: url.toString() } });
    }
    // Azure DevOps answers a request it cannot authenticate with 203 Non-Authoritative Information
    // and its HTML sign-in page instead of a 401, so a 203 is a refused token too.
    if (response.status === 203) throw this.#refusedToken(path, 203);
    if (!response.ok) throw await this.#failure(response, path);

    let body: unknown;
    try {
      body = await response.json();
    } catch (cause) {
      throw this.#notUnderstood(path, cause);
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) throw this.#notUnderstood(path, parsed.error);
    return { value: parsed.data, continuationToken: response.headers.get('x-ms-continuationtoken') ?? undefined };
  }

  #refusedToken(path: string, status: number): ExalateError {
    return new ExalateError('unauthorized', `Azure DevOps refused the personal access token for ${this.organizationUrl}. Create a new one (User settings → Personal access tokens) with the Work Items (Read & write) and Project and Team (Read) scopes for this organization, and save it in this node's Azure DevOps settings.`, { details: { tracker: 'azure-devops', status, path } });
  }

  #notUnderstood(path: string, cause: unknown): ExalateError {
    return new ExalateError('internal', `Azure DevOps at ${this.organizationUrl} answered ${path} with something that is not its REST API. Check that the organization URL looks like https://dev.azure.com/your-organization (or https://server/tfs/YourCollection for Azure DevOps Server).`, { cause, details: { tracker: 'azure-devops', path } });
  }

  async #failure(response: Response, path: string): Promise<ExalateError> {
    const details = { tracker: 'azure-devops', status: response.status, path };
    const body = vssErrorSchema.safeParse(await response.json().catch(() => undefined));
    const said = body.success ? body.data.message ?? '' : '';
    const typeKey = body.success ? body.data.typeKey : undefined;
    const saying = said === '' ? '' : ` Azure DevOps said: "${said}"`;
    switch (response.status) {
      case 401:
        return this.#refusedToken(path, 401);
      case 403:
        return new ExalateError('forbidden', `Azure DevOps at ${this.organizationUrl} let the token in but refused ${path}.${saying} Give the token's user access to the projects to sync, and the token the Project and Team (Read) scope.`, { details });
      case 404:
        return new ExalateError('not_found', `Azure DevOps has no ${path} under ${this.organizationUrl}.${saying} Check the organization URL, such as https://dev.azure.com/your-organization.`, { details });
      case 429: {
        // Azure DevOps throttling sends Retry-After (seconds) with its 429s.
        const retryAfterSeconds = Number(response.headers.get('Retry-After') ?? '');
        const wait = Number.isFinite(retryAfterSeconds) && retryAfterSeconds > 0 ? retryAfterSeconds : undefined;
        return new ExalateError('internal', `Azure DevOps at ${this.organizationUrl} is throttling the node's requests; the node tries again${wait === undefined ? ' shortly' : ` in ${wait} seconds`}.`, { isRetryable: true, details: { ...details, retryAfterSeconds: wait } });
      }
      default:
        if (response.status >= 500) {
          return new ExalateError('internal', `Azure DevOps at ${this.organizationUrl} failed to answer ${path} (HTTP ${response.status}); the node tries again. If it keeps happening, check https://status.dev.azure.com.`, { isRetryable: true, details });
        }
        if (typeKey === 'VssVersionOutOfRangeException') {
          return new ExalateError('invalid_request', `Azure DevOps at ${this.organizationUrl} does not speak REST API 7.1, which the node needs: use Azure DevOps Services, or Azure DevOps Server 2022.1 or later.${saying}`, { details: { ...details, typeKey } });
        }
        return new ExalateError('invalid_request', `Azure DevOps at ${this.organizationUrl} rejected ${path} (HTTP ${response.status}).${saying}`, { details: { ...details, typeKey } });
    }
  }
}
