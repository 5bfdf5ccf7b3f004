import type { z } from 'zod';
import type { NodeContext } from '../node/node-context';
import type { Result } from '../result';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface AdminRequest<Body, Query = unknown> {
  readonly params: Readonly<Record<string, string>>;
  readonly body: Body;
  /** The query as the operation's `query` schema read it (readAdminQuery); absent when it has none. */
  readonly query?: Query;
}

/**
 * One admin API call, described once: the node serves it over HTTP, the Forge app under the same
 * resolver key (`${method} ${path}`), and the OpenAPI document is generated from the same table.
 */
export interface AdminOperation<Body = unknown, Query = unknown> {
  readonly method: HttpMethod;
  /** OpenAPI style, relative to `{adminApi}`: `/connections/{id}/activate`. */
  readonly path: string;
  readonly summary: string;
  readonly body: z.ZodType<Body>;
  /** Query parameters the call reads, from strings; an operation without it ignores its query. */
  readonly query?: z.ZodType<Query>;
  /** The answer is a list in pages: the OpenAPI document describes the `Link` header. */
  readonly answersInPages?: true;
  readonly successStatus: 200 | 201 | 202 | 204;
  /** The answer's value, or an AdminPage (admin-page.ts) for a list answered in pages. */
  run(context: NodeContext, request: AdminRequest<Body, Query>): Promise<Result<unknown>>;
}

export function defineOperation<Body, Query = unknown>(operation: AdminOperation<Body, Query>): AdminOperation<unknown> {
  return operation as AdminOperation<unknown>;
}

export function resolverKey(operation: Pick<AdminOperation, 'method' | 'path'>): string {
  return `${operation.method} ${operation.path}`;
}
