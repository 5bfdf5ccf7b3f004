import type { FastifyRequest } from 'fastify';
import { decodeOffsetToken, encodeOffsetToken, readIntegerParameter, readQueryParameter, requestUrl, takePage } from '../../emulator-kit';
import { asanaErrorBody, type AsanaErrorBody } from './asana-error-body';

export interface AsanaNextPage {
  readonly offset: string;
  /** Relative to `/api/1.0`, query included. */
  readonly path: string;
  readonly uri: string;
}

export type AsanaPage<T> =
  | { readonly ok: true; readonly items: readonly T[]; readonly nextPage: AsanaNextPage | null | undefined }
  | { readonly ok: false; readonly body: AsanaErrorBody };

/**
 * Asana pagination (developers.asana.com/docs/pagination): it applies only when `limit` (1 to 100)
 * is given. Then `next_page` holds an opaque `offset` plus a `path` and `uri` for the next page, or
 * is null on the last page. Without `limit` the whole list comes back and `next_page` is absent.
 */
export function paginateAsana<T>(request: FastifyRequest, items: readonly T[], apiRoot: string): AsanaPage<T> {
  const limitOffered = readQueryParameter(request, 'limit');
  if (limitOffered === undefined) return { ok: true, items, nextPage: undefined };
  const limit = readIntegerParameter(request, 'limit', { fallback: 0, minimum: 1, maximum: 100 });
  if (!limit.ok) return { ok: false, body: asanaErrorBody(`limit: Not a valid value: ${limit.offered}. It must be between 1 and 100.`) };

  const offsetToken = readQueryParameter(request, 'offset');
  const position = offsetToken === undefined ? 0 : decodeOffsetToken(offsetToken);
  if (position === undefined)
    return {
      ok: false,
      body: asanaErrorBody('offset: Your pagination token is invalid. Pass back the offset of the previous page exactly as it was returned.'),
    };

  const page = takePage(items, position, limit.value);
  if (page.nextPosition === undefined) return { ok: true, items: page.items, nextPage: null };
  const offset = encodeOffsetToken(page.nextPosition);
  const next = requestUrl(request);
  next.searchParams.set('offset', offset);
  const apiRootPath = new URL(apiRoot).pathname;
  const path = `${next.pathname.slice(apiRootPath.length)}${next.search}`;
  return { ok: true, items: page.items, nextPage: { offset, path, uri: `${apiRoot}${path}` } };
}
