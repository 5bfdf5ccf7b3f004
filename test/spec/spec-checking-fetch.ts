import { checkResponseAgainstSpec, type SpecCheck } from './openapi-validator';
import type { SpecDocumentName } from './spec-documents';

export interface UndescribedAllowance {
  readonly path: RegExp;
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
}

export interface CheckedExchange {
  readonly method: string;
  readonly url: string;
  readonly status: number;
  readonly check: SpecCheck;
}

export interface SpecCheckingFetch {
  /** Hand this to an adapter: it fetches for real and checks every response body it receives. */
  readonly fetch: typeof fetch;
  readonly exchanges: readonly CheckedExchange[];
  /** Throws with every response that broke the document (or that it does not describe, unless allowed). */
  assertResponsesMatchSpec(): void;
}

export function createSpecCheckingFetch(options: SpecCheckingFetchOptions): SpecCheckingFetch {
  const exchanges: CheckedExchange[] = [];
  const rootPath = new URL(options.documentRoot).pathname.replace(/\/+$/, '');

  const checkingFetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const response = await fetch(request);
    const text = await response.clone().text();
    const url = new URL(request.url);
    const relative = url.pathname.startsWith(rootPath) ? url.pathname.slice(rootPath.length) : url.pathname;
    const path = options.mapPath === undefined ? relative : options.mapPath(relative);
    const body: unknown = text === '' ? undefined : parseJson(text);
    const check = checkResponseAgainstSpec(options.document, { method: request.method, path, status: response.status, body });
    exchanges.push({ method: request.method, url: request.url, status: response.status, check });
    return response;
  };

  return {
    fetch: checkingFetch as typeof fetch,
    exchanges,
    assertResponsesMatchSpec() {
      const failures = exchanges.flatMap((exchange) => {
        const where = `${exchange.method} ${exchange.url} → ${exchange.status}`;
        if (exchange.check.outcome === 'invalid') return [`${where} breaks ${exchange.check.operation} in ${options.document}:\n    ${exchange.check.errors.join('\n    ')}`];
        if (exchange.check.outcome === 'undescribed') {
          const path = new URL(exchange.url).pathname;
          const allowed = (options.undescribed ?? []).some((allowance) => allowance.path.test(path));
          return allowed ? [] : [`${where}: ${exchange.check.reason}`];
        }
        return [];
      });
      if (exchanges.length === 0) failures.push('No response was received, so nothing was checked against the document.');
      if (failures.length > 0) throw new Error(`Responses that do not match ${options.document}:\n  ${failures.join('\n  ')}`);
    },
  };
}

/** A body that is not JSON cannot match a JSON schema; keep it as text so the check reports it. */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
