import { z } from 'zod';
import { ExalateError, isAdminPage, readAdminQuery, type AdminOperation, type NodeContext } from '../../../core';
import { readJsonBody } from '../../incoming-request';
import { errorAnswer, toExalateError, type ErrorAnswer } from './errors';

/**
 * What the Custom UI sends with `invoke(resolverKey, payload)`: the path parameters, the body and
 * the query the node would get over HTTP. Strict, because the UI is ours: an unknown field is a bug.
 */
export const adminCallPayloadSchema = z.strictObject({
  params: z.record(z.string(), z.string().max(2000)).optional(),
  body: z.unknown().optional(),
  /** What the node reads from the URL's query (`limit`, `after` of GET /connections). */
  query: z.record(z.string(), z.string().max(2000)).optional(),
});
export type AdminCallPayload = z.infer<typeof adminCallPayloadSchema>;

/**
 * Runs one admin operation from core's table exactly as the node's HTTP route does: the body is
 * read through the operation's schema (same messages, via the node's own reader), `run` is called
 * with the path parameters, and a refusal or a throw becomes `{ error: { code, message } }`.
 */
export async function callAdminOperation(context: NodeContext, operation: AdminOperation, payload: unknown): Promise<unknown> {
  try {
    const request = adminCallPayloadSchema.safeParse(payload ?? {});
    if (!request.success) return errorAnswer(new ExalateError('invalid_request', 'Invoke an admin operation with { params, body }, as the console does.'));
    // The node reads bodies from the raw JSON text; the bridge hands over a parsed object, so it is
    // written back to text to get the very same checks and messages.
    const body = readJsonBody(request.data.body === undefined ? undefined : JSON.stringify(request.data.body), operation.body);
    if (!body.ok) return errorAnswer(body.error);
    const query = readAdminQuery(operation, request.data.query ?? {});
    if (!query.ok) return errorAnswer(query.error);
    const result = await operation.run(context, { params: request.data.params ?? {}, body: body.value, query: query.value });
    if (!result.ok) return errorAnswer(result.error);
    // invoke answers a value and no headers: a page is its items, and the console asks on until one comes back short.
    return isAdminPage(result.value) ? result.value.items : (result.value ?? null);
  } catch (error) {
    return errorAnswer(toExalateError(error, context.logger));
  }
}

export function isErrorAnswer(answer: unknown): answer is ErrorAnswer {
  return typeof answer === 'object' && answer !== null && 'error' in answer && typeof (answer as ErrorAnswer).error?.code === 'string';
}
