import type { z } from 'zod';
import { ExalateError, err, ok, parseJson, type Result } from '../../core';

/**
 * Reads a JSON body that Fastify left as a string. Keeping the raw text matters: signed
 * node-to-node requests are verified against the exact bytes that were signed.
 */
export function readJsonBody<T>(raw: unknown, schema: z.ZodType<T>): Result<T> {
  if (raw === undefined || raw === null || raw === '') {
    const empty = schema.safeParse(undefined);
    if (empty.success) return ok(empty.data);
    return err(new ExalateError('invalid_request', 'The request body is empty; send a JSON object.'));
  }
  if (typeof raw !== 'string') return err(new ExalateError('invalid_request', 'Send the request body as JSON.'));
  const parsed = parseJson(raw, schema);
  if (parsed.ok) return ok(parsed.value);
  const notJson = parsed.reason.includes('JSON') || !raw.trim().startsWith('{');
  return err(
    new ExalateError(
      'invalid_request',
      notJson && !/^\S+: /.test(parsed.reason)
        ? 'The request body is not valid JSON. Check quotes, commas and brackets.'
        : `The request is not valid: ${parsed.reason}`,
    ),
  );
}
