import type { z } from 'zod';
import type { NodeContext } from '../node/node-context';
import type { Result } from '../result';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface AdminRequest<Body> {
  readonly params: Readonly<Record<string, string>>;
  readonly body: Body;
}

/**
 * One admin API call, described once: the node serves it over HTTP, the Forge app under the same
 * resolver key (`${method} ${path}`), and the OpenAPI document is generated from the same table.
 */
export interface AdminOperation<Body = unknown> {
  readonly method: HttpMethod;
  /** OpenAPI style, relative to `{adminApi}`: `/connections/{id}/activate`. */
  readonly path: string;
  readonly summary: string;
  readonly body: z.ZodType<Body>;
  readonly successStatus: 200 | 201 | 202 | 204;
  run(context: NodeContext, request: AdminRequest<Body>): Promise<Result<unknown>>;
}

export function defineOperation<Body>(operation: AdminOperation<Body>): AdminOperation<unknown> {
  return operation as AdminOperation<unknown>;
}

export function resolverKey(operation: Pick<AdminOperation, 'method' | 'path'>): string {
  return `${operation.method} ${operation.path}`;
}
