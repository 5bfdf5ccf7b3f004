import { z } from 'zod';
import { parseJson } from '../../core';
import { checkResponseAgainstSpec, type SpecCheck } from './openapi-validator';
import { checkRequestAgainstSpec, type RequestCheck } from './request-validator';
import type { SpecDocumentName } from './spec-documents';
import { findOperation, isRecord, resolveLocalReference } from './spec-operations';

/**
 * Test support: a fetch that checks every request an adapter sends and every response it gets
 * against the official documents, like createSpecCheckingFetch, with two additions the Azure DevOps
 * and Asana suites need: one adapter talks to several documents (core, work item tracking, service
 * hooks), and each known defect of a document copy is tolerated by name, with the reason, instead
 * of switching checking off.
 */
export interface Allowance {
  readonly path: RegExp;
  readonly reason: string;
}

export interface Tolerance {
  /** What is wrong with the document, so the next maintainer can drop the tolerance once fixed. */
  readonly reason: string;
  readonly applies: (error: string, exchange: CheckedExchange) => boolean;
}

export interface CheckedExchangesOptions {
  /** The URL the documents' paths start from (the mount point for Azure DevOps, the host for Asana). */
  readonly documentRoot: string;
  readonly documentFor: (path: string) => SpecDocumentName;
  readonly mapPath?: (path: string) => string;
  readonly undescribed?: readonly Allowance[];
  readonly binaryBodies?: readonly Allowance[];
  readonly tolerances?: readonly Tolerance[];
  /**
   * For documents that describe no error answers at all (the Azure DevOps 7.1 copies): error bodies
   * are checked against the envelope the service is known to send instead of passing unchecked.
   */
  readonly undocumentedErrors?: { readonly reason: string; readonly check: (body: unknown) => readonly string[] };
}

export interface CheckedExchange {
  readonly method: string;
  readonly url: string;
  readonly path: string;
  readonly document: SpecDocumentName;
  readonly status: number;
  readonly responseBody: unknown;
  readonly response: SpecCheck;
  readonly request: RequestCheck;
}

export interface CheckedExchanges {
  readonly fetch: (input: string | URL | Request, init?: RequestInit) => Promise<Response>;
  readonly exchanges: readonly CheckedExchange[];
  assertExchangesMatchSpec(): void;
  clear(): void;
}

export function createCheckedExchanges(options: CheckedExchangesOptions): CheckedExchanges {
  const exchanges: CheckedExchange[] = [];
  const rootPath = new URL(options.documentRoot).pathname.replace(/\/+$/, '');
  const allowed = (allowances: readonly Allowance[] | undefined, url: string): boolean =>
    (allowances ?? []).some((allowance) => allowance.path.test(new URL(url).pathname));

  const checkedFetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    const relative = url.pathname.startsWith(rootPath) ? url.pathname.slice(rootPath.length) : url.pathname;
    const path = options.mapPath?.(relative) ?? relative;
    const document = options.documentFor(relative);
    const requestText = request.body === null ? '' : await request.clone().text();
    const contentType = request.headers.get('content-type') ?? undefined;
    const requestBody = requestText !== '' && /json/i.test(contentType ?? '') ? parseLeniently(requestText) : undefined;
    const requestCheck = checkRequest(document, {
      method: request.method,
      path,
      query: url.searchParams,
      contentType,
      body: requestBody,
      hasBody: requestText !== '',
    });

    const response = await fetch(request);
    const text = await response.clone().text();
    const binary = response.ok && !/json/i.test(response.headers.get('content-type') ?? '') && allowed(options.binaryBodies, request.url);
    const responseBody = text === '' ? undefined : parseLeniently(text);
    const responseCheck: SpecCheck = binary
      ? { outcome: 'no-schema', operation: `${request.method} ${path} (file bytes)` }
      : checkResponseAgainstSpec(document, { method: request.method, path, status: response.status, body: responseBody });
    exchanges.push({
      method: request.method,
      url: request.url,
      path,
      document,
      status: response.status,
      responseBody,
      response: responseCheck,
      request: requestCheck,
    });
    return response;
  };

  const failuresOf = (exchange: CheckedExchange): string[] => {
    const where = `${exchange.method} ${exchange.url} → ${exchange.status} (${exchange.document})`;
    const unexplained = (errors: readonly string[]): string[] =>
      errors.filter((error) => !(options.tolerances ?? []).some((tolerance) => tolerance.applies(error, exchange)));
    const failures: string[] = [];
    if (exchange.request.outcome === 'invalid') failures.push(...unexplained(exchange.request.errors).map((error) => `${where}: request ${error}`));
    if (exchange.response.outcome === 'invalid') failures.push(...unexplained(exchange.response.errors).map((error) => `${where}: response ${error}`));
    const errorEnvelope = options.undocumentedErrors;
    if (exchange.status >= 400 && exchange.response.outcome === 'undescribed' && errorEnvelope !== undefined && exchange.request.outcome !== 'undescribed') {
      failures.push(...errorEnvelope.check(exchange.responseBody).map((error) => `${where}: error body ${error}`));
    } else if (exchange.response.outcome === 'undescribed' && !allowed(options.undescribed, exchange.url)) {
      failures.push(`${where}: ${exchange.response.reason}`);
    }
    if (exchange.request.outcome === 'undescribed' && !allowed(options.undescribed, exchange.url)) failures.push(`${where}: ${exchange.request.reason}`);
    return failures;
  };

  return {
    fetch: checkedFetch,
    exchanges,
    assertExchangesMatchSpec() {
      const failures = exchanges.flatMap(failuresOf);
      if (failures.length > 0) throw new Error(`Exchanges that do not match the official documents:\n  ${failures.join('\n  ')}`);
    },
    clear() {
      exchanges.length = 0;
    },
  };
}

type RequestToCheck = Parameters<typeof checkRequestAgainstSpec>[1];

/**
 * test/spec's request check cannot compile Swagger 2 query parameters yet (it hands the parameter
 * object, `required: true` included, to ajv as a schema). When it throws, the query is still
 * checked here by name: every parameter sent must be declared and every required one present.
 */
function checkRequest(document: SpecDocumentName, request: RequestToCheck): RequestCheck {
  try {
    return checkRequestAgainstSpec(document, request);
  } catch {
    const found = findOperation(document, request.method, request.path);
    if ('undescribed' in found) return { outcome: 'undescribed', reason: found.undescribed };
    const content = found.compiled.document.content;
    const pathItem = (content['paths'] as Record<string, Record<string, unknown>>)[found.template] ?? {};
    const declared = [
      ...(Array.isArray(pathItem['parameters']) ? pathItem['parameters'] : []),
      ...(Array.isArray(found.operation['parameters']) ? found.operation['parameters'] : []),
    ]
      .map((entry: unknown) => resolveLocalReference(content, entry))
      .filter((parameter): parameter is Record<string, unknown> => isRecord(parameter) && parameter['in'] === 'query');
    const names = declared.map((parameter) => String(parameter['name']));
    const errors = [
      ...[...new Set(request.query.keys())]
        .filter((name) => !names.includes(name))
        .map((name) => `query parameter '${name}' is not one ${found.name} declares (${names.join(', ')})`),
      ...declared
        .filter((parameter) => parameter['required'] === true && !request.query.has(String(parameter['name'])))
        .map((parameter) => `required query parameter '${String(parameter['name'])}' is missing`),
    ];
    return errors.length === 0 ? { outcome: 'valid', operation: `${found.name} (query names only)` } : { outcome: 'invalid', operation: found.name, errors };
  }
}

/** A body that is not JSON is kept as text, so a schema check reports it instead of crashing. */
function parseLeniently(text: string): unknown {
  const parsed = parseJson(text, z.unknown());
  return parsed.ok ? parsed.value : text;
}
