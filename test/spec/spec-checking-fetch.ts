import { checkResponseAgainstSpec, type SpecCheck } from './openapi-validator';
import { checkRequestAgainstSpec, type RequestCheck } from './request-validator';
import type { SpecDocumentName } from './spec-documents';

export interface UndescribedAllowance {
  readonly path: RegExp;
  /** Only answers with this status (e.g. 429, which the documents list on few operations). */
  readonly status?: number;
  /** Why the document cannot describe it (shown when a test fails, and read by the next maintainer). */
  readonly reason: string;
}

export interface SpecCheckingFetchOptions {
  readonly document: SpecDocumentName;
  /**
   * The URL the document's server address stands for: the Jira site for Jira, the host before
   * `/api/1.0` for Asana, and the host before `/{organization}` for Azure DevOps.
   */
  readonly documentRoot: string;
  /** Rewrites a path before lookup, e.g. Jira Server's `/rest/api/2/…` onto the v3 resources it shares. */
  readonly mapPath?: (path: string) => string;
  /** Responses this test expects the document not to describe. Anything else undescribed fails. */
  readonly undescribed?: readonly UndescribedAllowance[];
  /**
   * Paths whose successful answers are file bytes rather than JSON (attachment downloads), which
   * the document describes as JSON or not at all. Their bodies are not checked; their requests are.
   */
  readonly binaryBodies?: readonly UndescribedAllowance[];
}

export interface CheckedExchange {
  readonly method: string;
  readonly url: string;
  readonly status: number;
  /** The response body against the document. */
  readonly check: SpecCheck;
  /** The request (query parameters and body) against the document. */
  readonly request: RequestCheck;
}

export interface SpecCheckingFetch {
  /** Hand this to an adapter: it fetches for real and checks every response body it receives. */
  readonly fetch: typeof fetch;
  readonly exchanges: readonly CheckedExchange[];
  /** Throws with every response that broke the document (or that it does not describe, unless allowed). */
  assertResponsesMatchSpec(): void;
  /** Like assertResponsesMatchSpec, and also throws with every request the document would reject. */
  assertExchangesMatchSpec(): void;
  /** Forgets what was checked so far (a suite checks after every case). */
  clear(): void;
}

export function createSpecCheckingFetch(options: SpecCheckingFetchOptions): SpecCheckingFetch {
  const exchanges: CheckedExchange[] = [];
  const rootPath = new URL(options.documentRoot).pathname.replace(/\/+$/, '');

  const isAllowed = (allowances: readonly UndescribedAllowance[] | undefined, url: string, status?: number): boolean =>
    (allowances ?? []).some((allowance) => allowance.path.test(new URL(url).pathname) && (allowance.status === undefined || allowance.status === status));

  const checkingFetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    const relative = url.pathname.startsWith(rootPath) ? url.pathname.slice(rootPath.length) : url.pathname;
    const path = options.mapPath === undefined ? relative : options.mapPath(relative);
    const requestCheck = await checkRequest(request, path, url);

    const response = await fetch(request);
    const text = await response.clone().text();
    const isBinary = response.ok && !isJson(response.headers.get('content-type')) && isAllowed(options.binaryBodies, request.url);
    const body: unknown = text === '' ? undefined : parseJson(text);
    const check: SpecCheck = isBinary
      ? { outcome: 'no-schema', operation: `${request.method} ${path} (file bytes)` }
      : checkResponseAgainstSpec(options.document, { method: request.method, path, status: response.status, body });
    exchanges.push({ method: request.method, url: request.url, status: response.status, check, request: requestCheck });
    return response;
  };

  async function checkRequest(request: Request, path: string, url: URL): Promise<RequestCheck> {
    const contentType = request.headers.get('content-type') ?? undefined;
    const text = request.body === null ? '' : await request.clone().text();
    const body: unknown = text !== '' && isJson(contentType ?? null) ? parseJson(text) : undefined;
    return checkRequestAgainstSpec(options.document, { method: request.method, path, query: url.searchParams, contentType, body, hasBody: text !== '' });
  }

  const responseFailures = (): string[] =>
    exchanges.flatMap((exchange) => {
      const where = `${exchange.method} ${exchange.url} → ${exchange.status}`;
      if (exchange.check.outcome === 'invalid')
        return [`${where} breaks ${exchange.check.operation} in ${options.document}:\n    ${exchange.check.errors.join('\n    ')}`];
      if (exchange.check.outcome === 'undescribed')
        return isAllowed(options.undescribed, exchange.url, exchange.status) ? [] : [`${where}: ${exchange.check.reason}`];
      return [];
    });

  const requestFailures = (): string[] =>
    exchanges.flatMap((exchange) => {
      const where = `request ${exchange.method} ${exchange.url}`;
      if (exchange.request.outcome === 'invalid')
        return [`${where} would be rejected by ${exchange.request.operation} in ${options.document}:\n    ${exchange.request.errors.join('\n    ')}`];
      if (exchange.request.outcome === 'undescribed')
        return isAllowed(options.undescribed, exchange.url, exchange.status) ? [] : [`${where}: ${exchange.request.reason}`];
      return [];
    });

  const assertNone = (failures: string[]): void => {
    if (exchanges.length === 0) failures.push('No response was received, so nothing was checked against the document.');
    if (failures.length > 0) throw new Error(`Exchanges that do not match ${options.document}:\n  ${failures.join('\n  ')}`);
  };

  return {
    fetch: checkingFetch as typeof fetch,
    exchanges,
    assertResponsesMatchSpec: () => assertNone(responseFailures()),
    assertExchangesMatchSpec: () => assertNone([...requestFailures(), ...responseFailures()]),
    clear: () => {
      exchanges.length = 0;
    },
  };
}

function isJson(contentType: string | null): boolean {
  return contentType !== null && /[/+]json\b/i.test(contentType);
}

/** A body that is not JSON cannot match a JSON schema; keep it as text so the check reports it. */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
