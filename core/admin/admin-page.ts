import { z } from 'zod';
import { ExalateError } from '../errors';
import { err, ok, type Result } from '../result';
import type { AdminOperation } from './admin-operation';

const marker = Symbol.for('exalate.admin-page');

/**
 * One page of a list the admin API answers in pages. The body is the page's items alone, so the
 * answer keeps the shape of an unpaged list; where the next page starts travels beside it: over
 * HTTP as a `Link` header (RFC 8288, `rel="next"`), and through Forge's invoke not at all (the
 * consoles ask for the next page until one comes back short).
 */
export interface AdminPage {
  readonly [marker]: true;
  readonly items: readonly unknown[];
  /** The query that asks for the next page, or null on the last page. */
  readonly nextQuery: Readonly<Record<string, string>> | null;
}

export function adminPage(items: readonly unknown[], nextQuery: Readonly<Record<string, string>> | null): AdminPage {
  return { [marker]: true, items, nextQuery };
}

export function isAdminPage(value: unknown): value is AdminPage {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[marker] === true;
}

/**
 * The `Link` header for the next page: a reference relative to the path the caller used (RFC 3986
 * §4.2), so it is right behind any prefix or proxy and never built from the request's Host header.
 */
export function nextPageLink(requestPath: string, nextQuery: Readonly<Record<string, string>>): string {
  const path = requestPath.split('?')[0] ?? requestPath;
  return `<${path}?${new URLSearchParams(nextQuery).toString()}>; rel="next"`;
}

/**
 * Reads a call's query parameters through the operation's query schema; an operation without one
 * ignores its query, as it always has. Every host reads queries through this one function.
 */
export function readAdminQuery(operation: Pick<AdminOperation, 'query'>, raw: unknown): Result<unknown> {
  if (!operation.query) return ok(undefined);
  const parsed = operation.query.safeParse(flattenQuery(raw));
  if (parsed.success) return ok(parsed.data);
  const problems = parsed.error.issues.map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message)).join('; ');
  return err(new ExalateError('invalid_request', `The query is not valid: ${problems}`));
}

const queryValue = z.union([z.string(), z.array(z.string())]);

/** `?a=1&a=2` arrives as an array; the last value counts, as most servers read it. */
function flattenQuery(raw: unknown): Record<string, string> {
  const query: Record<string, string> = {};
  if (typeof raw !== 'object' || raw === null) return query;
  for (const [name, value] of Object.entries(raw)) {
    const parsed = queryValue.safeParse(value);
    if (!parsed.success) continue;
    const last = Array.isArray(parsed.data) ? parsed.data.at(-1) : parsed.data;
    if (last !== undefined) query[name] = last;
  }
  return query;
}
