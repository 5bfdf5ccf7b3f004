import { z } from 'zod';
import { ExalateError } from '../errors';
import type { NodeContext } from '../node/node-context';
import { err, ok, type Result } from '../result';
import type { Connection } from './connection';

/** Enough for the Connections tab of nearly every node in one call. */
export const defaultConnectionPageSize = 100;
/** A page at most this long: the answer of one call stays small whatever the node holds. */
export const maximumConnectionPageSize = 500;

const limitMessage = `give a whole number of connections per page, from 1 to ${maximumConnectionPageSize}`;

/** `GET /connections?limit=&after=`: strict, because the query is ours; an unknown parameter is a mistake worth reporting. */
export const connectionPageQuerySchema = z.strictObject(
  {
    limit: z
      .string()
      .regex(/^\d{1,4}$/, limitMessage)
      .transform(Number)
      .refine((limit) => limit >= 1 && limit <= maximumConnectionPageSize, limitMessage)
      .optional()
      .describe(`Connections per page, 1 to ${maximumConnectionPageSize} (default ${defaultConnectionPageSize}).`),
    after: z
      .string()
      .min(1, 'give the id of the last connection of the page before')
      .max(200)
      .optional()
      .describe('The id of the last connection of the page before; the Link header of that page carries it.'),
  },
  {
    error: (issue) =>
      issue.code === 'unrecognized_keys' ? `${issue.keys.join(', ')} is not a query parameter of this call; it reads limit and after` : undefined,
  },
);
export type ConnectionPageQuery = z.output<typeof connectionPageQuerySchema>;

export interface ConnectionPage {
  readonly connections: readonly Connection[];
  /** Where the next page starts, or null on the last page. */
  readonly next: { readonly limit: number; readonly after: string } | null;
}

/**
 * One page of the Connections list, in creation order, deleted connections left out. `after` is a
 * connection id (the last of the page before); a deleted one still marks its place in the order.
 */
export async function listConnectionPage(context: NodeContext, query: ConnectionPageQuery = {}): Promise<Result<ConnectionPage>> {
  const limit = query.limit ?? defaultConnectionPageSize;
  const stored = await context.store.listConnections();
  let start = 0;
  if (query.after !== undefined) {
    const index = stored.findIndex((connection) => connection.id === query.after);
    if (index < 0) {
      return err(
        new ExalateError(
          'invalid_request',
          `after=${query.after.slice(0, 100)} is not a connection of this node, so no page starts after it. Ask for the first page (without after) and follow the Link header.`,
        ),
      );
    }
    start = index + 1;
  }
  const live = stored.slice(start).filter((connection) => connection.status !== 'deleted');
  const connections = live.slice(0, limit);
  const last = connections.at(-1);
  return ok({ connections, next: live.length > limit && last ? { limit, after: last.id } : null });
}
