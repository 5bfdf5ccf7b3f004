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
import { vssErrorSchema } from './azure-devops-responses';

export interface AzureDevOpsClientOptions {
  /** The organization URL, e.g. `https://dev.azure.com/your-organization` (or a Server collection URL). */
  readonly baseUrl: string;
  /** `Basic base64(":" + personal access token)`. */
  readonly authorization: string;
  /**
   * Where identities are looked up. Azure DevOps Services serves them from
   * `https://vssps.dev.azure.com/{organization}`; Server from the collection URL. Derived when left out.
   */
  readonly identityUrl?: string;
  readonly fetch?: FetchFunction;
  readonly clock?: ClockV1;
  readonly sleep?: (milliseconds: number) => Promise<void>;
  readonly random?: () => number;
  readonly budgets?: HostBudgets;
  readonly retry?: Partial<RetryPolicy>;
  readonly onRetry?: (notice: RetryNotice) => void;
}

export interface AzureDevOpsRequest extends TrackerRequest {
  /** Every Azure DevOps request names its REST version; the service refuses one that does not. */
  readonly apiVersion: string;
}

export interface AzureDevOpsAnswer<T> {
  readonly value: T;
  /** `x-ms-continuationtoken`: set when a list has more pages. */
  readonly continuationToken: string | undefined;
}

const messages: TrackerMessages = {
  trackerName: 'Azure DevOps',
  unauthorized:
    "Create a new personal access token (User settings → Personal access tokens) with the Work Items (Read & write), Project and Team (Read), Identity (Read) and Service Hooks (Read & write) scopes for this organization, and save it in this node's Azure DevOps settings.",
  forbiddenAdvice: "Give the token's user access to the projects to sync, and the token the Work Items (Read & write) and Project and Team (Read) scopes.",
  checkAddress:
    'Check that the organization URL looks like https://dev.azure.com/your-organization (or https://server/tfs/YourCollection for Azure DevOps Server).',
  outageAdvice: 'If it keeps happening, check https://status.dev.azure.com.',
  rateLimitAdvice: "Azure DevOps limits each user's load over five minutes; a dedicated user for the node keeps people's own work unaffected.",
  readErrorBody: (body) => vssErrorSchema.safeParse(body).data?.message ?? '',
};

/**
 * Azure DevOps REST over the one tracker HTTP layer (hosts/tracker-http: budgets, Retry-After,
 * no repeated writes), plus what is peculiar to Azure DevOps: the api-version on every request,
 * the 203 sign-in page it serves instead of a 401, and the continuation token in a header.
 */
export class AzureDevOpsClient {
  readonly organizationUrl: string;
  readonly #http: TrackerHttpClient;
  readonly #identities: TrackerHttpClient;

  constructor(options: AzureDevOpsClientOptions) {
    this.organizationUrl = options.baseUrl.replace(/\/+$/, '');
    const shared = {
      tracker: 'azure-devops' as const,
      authorization: options.authorization,
      messages,
      ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
      ...(options.clock === undefined ? {} : { clock: options.clock }),
      ...(options.sleep === undefined ? {} : { sleep: options.sleep }),
      ...(options.random === undefined ? {} : { random: options.random }),
      ...(options.budgets === undefined ? {} : { budgets: options.budgets }),
      ...(options.retry === undefined ? {} : { retry: options.retry }),
      ...(options.onRetry === undefined ? {} : { onRetry: options.onRetry }),
    };
    this.#http = new TrackerHttpClient({ ...shared, baseUrl: this.organizationUrl });
    this.#identities = new TrackerHttpClient({ ...shared, baseUrl: options.identityUrl ?? identityUrlOf(this.organizationUrl) });
  }

  async json<Schema extends z.ZodType>(request: AzureDevOpsRequest, schema: Schema): Promise<AzureDevOpsAnswer<z.output<Schema>>> {
    const answer = await this.#read(this.#http, request, schema, false);
    if (answer === undefined) throw new ExalateError('internal', 'A 404 was handed back where none was expected.');
    return answer;
  }

  /** Like `json`, but a 404 (no such work item) is an answer: undefined. */
  async jsonIfFound<Schema extends z.ZodType>(request: AzureDevOpsRequest, schema: Schema): Promise<AzureDevOpsAnswer<z.output<Schema>> | undefined> {
    return this.#read(this.#http, request, schema, true);
  }

  /** Identities live on another host on Azure DevOps Services (vssps.dev.azure.com). */
  async identities<Schema extends z.ZodType>(request: AzureDevOpsRequest, schema: Schema): Promise<z.output<Schema>> {
    const answer = await this.#read(this.#identities, request, schema, false);
    if (answer === undefined) throw new ExalateError('internal', 'A 404 was handed back where none was expected.');
    return answer.value;
  }

  async bytes(request: AzureDevOpsRequest): Promise<Uint8Array> {
    const response = await this.#send(this.#http, { accept: 'application/octet-stream', ...request }, false);
    return new Uint8Array(await response.arrayBuffer());
  }

  async #read<Schema extends z.ZodType>(
    http: TrackerHttpClient,
    request: AzureDevOpsRequest,
    schema: Schema,
    notFoundIsAnswer: boolean,
  ): Promise<AzureDevOpsAnswer<z.output<Schema>> | undefined> {
    const response = await this.#send(http, request, notFoundIsAnswer);
    if (response.status === 404) {
      await response.body?.cancel();
      return undefined;
    }
    const parsed = parseJson(await response.text(), schema as z.ZodType<z.output<Schema>>);
    if (!parsed.ok) {
      throw new ExalateError(
        'internal',
        `Azure DevOps at ${this.organizationUrl} answered ${request.path} with something that is not its REST API. ${messages.checkAddress}`,
        { cause: new Error(parsed.reason), details: { tracker: 'azure-devops', path: request.path } },
      );
    }
    return { value: parsed.value, continuationToken: response.headers.get('x-ms-continuationtoken') ?? undefined };
  }

  async #send(http: TrackerHttpClient, request: AzureDevOpsRequest, notFoundIsAnswer: boolean): Promise<Response> {
    const { apiVersion, ...rest } = request;
    let response: Response;
    try {
      response = await http.send({ ...rest, query: { ...rest.query, 'api-version': apiVersion }, expectedStatuses: notFoundIsAnswer ? [404] : [] });
    } catch (error) {
      throw explainVersionRefusal(error, this.organizationUrl);
    }
    // Azure DevOps answers a request it cannot authenticate with 203 Non-Authoritative Information
    // and its HTML sign-in page instead of a 401, so a 203 is a refused token too.
    if (response.status === 203) {
      await response.body?.cancel();
      throw new ExalateError('unauthorized', `Azure DevOps at ${this.organizationUrl} refused the node's credentials. ${messages.unauthorized}`, {
        details: { tracker: 'azure-devops', status: 203, path: request.path },
      });
    }
    return response;
  }
}

/** `https://dev.azure.com/acme` → `https://vssps.dev.azure.com/acme`; `https://acme.visualstudio.com` → `https://acme.vssps.visualstudio.com`. */
export function identityUrlOf(organizationUrl: string): string {
  const url = new URL(organizationUrl);
  if (url.hostname === 'dev.azure.com') return `${url.protocol}//vssps.dev.azure.com${url.pathname}`.replace(/\/+$/, '');
  const legacy = /^([^.]+)\.visualstudio\.com$/i.exec(url.hostname);
  if (legacy !== null) return `${url.protocol}//${legacy[1] ?? ''}.vssps.visualstudio.com`;
  return organizationUrl;
}

/** A server older than 7.1 says "out of range"; tell the admin which versions work. */
function explainVersionRefusal(error: unknown, organizationUrl: string): unknown {
  if (!ExalateError.isInstance(error) || error.code !== 'invalid_request') return error;
  const said = String(error.details?.['trackerMessage'] ?? '');
  if (!/out of range for this server/i.test(said)) return error;
  return new ExalateError(
    'invalid_request',
    `Azure DevOps at ${organizationUrl} does not speak REST API 7.1, which the node needs: use Azure DevOps Services, or Azure DevOps Server 2022.1 or later. Azure DevOps said: "${said}"`,
    { cause: error, details: error.details ?? {} },
  );
}
