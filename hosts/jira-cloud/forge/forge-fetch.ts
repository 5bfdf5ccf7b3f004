import { asApp, assumeTrustedRoute } from '@forge/api';
import type { FetchFunction } from '../../tracker-http';

/** The part of `@forge/api`'s response the adapter reads (it is not a WHATWG Response). */
interface ForgeResponse {
  readonly status: number;
  readonly statusText: string;
  readonly headers: { forEach(callback: (value: string, key: string) => void): void };
  arrayBuffer(): Promise<ArrayBuffer>;
}

export type RequestJira = (path: string, init: { method?: string; headers?: Record<string, string>; body?: ArrayBuffer | string }) => Promise<ForgeResponse>;

/** `api.asApp().requestJira`: Forge signs the request as the app; the path is all it needs. */
export const requestJiraAsApp: RequestJira = (path, init) => asApp().requestJira(assumeTrustedRoute(path), init);

/** Statuses whose answers have no body; `new Response` refuses one for them. */
const bodilessStatuses = new Set([101, 204, 205, 304]);

/**
 * A fetch for hosts/tracker-http that sends through `requestJira`, so the Jira Cloud adapter runs
 * in Forge unchanged. It keeps the URL's path and query (the adapter built them, escaped) and drops
 * the site origin and the Authorization header: Forge authenticates the app itself and refuses
 * one set by hand. Bodies Forge cannot send as they are (FormData for attachments) are encoded to
 * bytes with their multipart Content-Type, as a browser would.
 */
export function createForgeJiraFetch(requestJira: RequestJira = requestJiraAsApp, siteUrl?: string): FetchFunction {
  // requestJira takes the path from the site's root; a site URL with a path (a proxy) is taken off.
  const sitePath = siteUrl === undefined ? '' : new URL(siteUrl).pathname.replace(/\/+$/, '');
  return async (url, init) => {
    const target = new URL(url);
    const path = sitePath !== '' && target.pathname.startsWith(`${sitePath}/`) ? target.pathname.slice(sitePath.length) : target.pathname;
    const headers: Record<string, string> = {};
    new Headers(init.headers).forEach((value, key) => {
      if (key !== 'authorization') headers[key] = value;
    });
    let body: ArrayBuffer | string | undefined;
    if (typeof init.body === 'string') body = init.body;
    else if (init.body !== undefined && init.body !== null) {
      const encoded = new Request(url, { method: 'POST', body: init.body });
      const contentType = encoded.headers.get('content-type');
      if (contentType) headers['content-type'] = contentType;
      body = await encoded.arrayBuffer();
    }
    const answer = await requestJira(`${path}${target.search}`, {
      ...(init.method ? { method: init.method } : {}),
      headers,
      ...(body === undefined ? {} : { body }),
    });
    const responseHeaders = new Headers();
    answer.headers.forEach((value, key) => responseHeaders.append(key, value));
    const content = bodilessStatuses.has(answer.status) ? null : await answer.arrayBuffer();
    return new Response(content, { status: answer.status, statusText: answer.statusText, headers: responseHeaders });
  };
}
