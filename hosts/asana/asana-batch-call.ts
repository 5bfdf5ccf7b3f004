import type { z } from 'zod';
import { ExalateError, err, ok, type Result } from '../../core';
import type { BatchResult } from './asana-responses';

/**
 * One action of Asana's batch API (asana.yaml, BatchRequestAction): a request to another endpoint,
 * its query parameters in `data` for a GET, its body's `data` for a write, and `limit` and `fields`
 * (opt_fields) in `options`. The path carries no query.
 */
export interface AsanaBatchAction {
  readonly method: 'get' | 'post' | 'put' | 'delete';
  readonly relative_path: string;
  readonly data?: Readonly<Record<string, unknown>>;
  readonly options?: { readonly limit?: number; readonly fields?: readonly string[] };
}

/** "The maximum number of actions allowed in a single batch request is 10" (asana.yaml, Batch API). */
export const maximumBatchActions = 10;

/** A GET action with opt_fields, as the one-request reads ask for them. */
export function readAction(
  relativePath: string,
  fields: string,
  extra: { readonly data?: Record<string, unknown>; readonly limit?: number } = {},
): AsanaBatchAction {
  return {
    method: 'get',
    relative_path: relativePath,
    ...(extra.data === undefined ? {} : { data: extra.data }),
    options: { ...(extra.limit === undefined ? {} : { limit: extra.limit }), fields: fields.split(',') },
  };
}

/** Where a batch result's failure gets its words: the client that made the call. */
export interface BatchResultErrors {
  readonly host: string;
  /** The error a request answered like this result would throw, with Asana's advice. */
  batchResultError(result: BatchResult, doing: string): ExalateError;
}

/**
 * What one action's result holds, read through the schema when Asana answered 2xx; otherwise the
 * failure as the one tracker HTTP layer words every other Asana failure, with Asana's own message
 * and the status in `details`.
 */
export function readBatchResult<Schema extends z.ZodType>(
  result: BatchResult,
  schema: Schema,
  context: { readonly client: BatchResultErrors; readonly doing: string },
): Result<z.output<Schema>> {
  if (result.status_code >= 200 && result.status_code < 300) {
    const parsed = schema.safeParse(result.body);
    if (parsed.success) return ok(parsed.data as z.output<Schema>);
    return err(
      new ExalateError('internal', `Asana at ${context.client.host} answered the batch action to ${context.doing} with something that is not its REST API.`, {
        cause: parsed.error,
        details: { tracker: 'asana' },
      }),
    );
  }
  return err(context.client.batchResultError(result, context.doing));
}

/** Asana answered 4xx other than 429: it did nothing, and says why. 429 and 5xx leave the outcome open. */
export function isRefusal(error: ExalateError): boolean {
  const status = error.details?.['status'];
  return typeof status === 'number' && status >= 400 && status < 500 && status !== 429;
}
