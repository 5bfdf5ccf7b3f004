import type { z } from 'zod';
import {
  adminOperations,
  err,
  ExalateError,
  isAdminPage,
  ok,
  parseJson,
  readAdminQuery,
  resolverKey,
  type AdminOperation,
  type HttpMethod,
  type NodeContext,
  type Result,
} from '../../../core';

/**
 * The admin API inside the node's own process: the app components are one more face of it, as the
 * Forge resolvers are. Each call runs the operation of core's table under its key (`GET /items/{issueKey}`)
 * with the same body and query checks the HTTP route applies, so no decision is made twice.
 */
export interface AdminCalls {
  call<T>(method: HttpMethod, path: string, request: AdminCallRequest, answer: z.ZodType<T>): Promise<Result<T>>;
}

export interface AdminCallRequest {
  readonly params?: Readonly<Record<string, string>>;
  readonly body?: unknown;
  readonly query?: Readonly<Record<string, string>>;
}

export function inProcessAdminCalls(context: NodeContext, operations: readonly AdminOperation[] = adminOperations): AdminCalls {
  const byKey = new Map(operations.map((operation) => [resolverKey(operation), operation]));
  return {
    async call(method, path, request, answer) {
      const operation = byKey.get(`${method} ${path}`);
      if (!operation) throw new ExalateError('internal', `This node has no admin operation ${method} ${path}; the Asana app server needs it.`);
      // Written to text and read back as the HTTP route reads a body, so the checks and messages are the same.
      const body = request.body === undefined ? operation.body.safeParse(undefined) : operation.body.safeParse(JSON.parse(JSON.stringify(request.body)));
      if (!body.success)
        return err(new ExalateError('invalid_request', `The request is not valid: ${body.error.issues.map((issue) => issue.message).join('; ')}`));
      const query = readAdminQuery(operation, request.query ?? {});
      if (!query.ok) return query;
      const result = await operation.run(context, { params: request.params ?? {}, body: body.data, query: query.value });
      if (!result.ok) return result;
      const value = isAdminPage(result.value) ? result.value.items : result.value;
      // The same zod boundary as for any answer read back: a change of the operation's shape is caught here, by name.
      const parsed = parseJson(JSON.stringify(value ?? null), answer);
      if (!parsed.ok) throw new ExalateError('internal', `The admin operation ${method} ${path} answered an unexpected shape: ${parsed.reason}`);
      return ok(parsed.value);
    },
  };
}
