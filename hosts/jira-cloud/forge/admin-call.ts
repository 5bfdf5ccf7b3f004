import { z } from 'zod';
import { ExalateError, type AdminOperation, type NodeContext } from '../../../core';
import { readJsonBody } from '../../node/read-body';
import { errorAnswer, toExalateError, type ErrorAnswer } from './errors';

/**
 * What the Custom UI sends with `invoke(resolverKey, payload)`: the path parameters and the body
 * the node would get over HTTP. Strict, because the UI is ours: an unknown field is a bug.
 */
export const adminCallPayloadSchema = z.strictObject({
  params: z.record(z.string(), z.string().max(2000)).optional(),
  body: z.unknown().optional(),
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
    const result = await operation.run(context, { params: request.data.params ?? {}, body: body.value });
    return result.ok ? (result.value ?? null) : errorAnswer(result.error);
  } catch (error) {
    return errorAnswer(toExalateError(error, context.logger));
  }
}

export function isErrorAnswer(answer: unknown): answer is ErrorAnswer {
  return typeof answer === 'object' && answer !== null && 'error' in answer && typeof (answer as ErrorAnswer).error?.code === 'string';
}
