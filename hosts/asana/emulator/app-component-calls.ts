import { asanaSignatureHeader, signAsanaText } from '../app-components/asana-request-signature';

/**
 * How Asana calls an app server for its app components, for the sandbox's task pane and the
 * tests: a GET carries its fields in the query string, a POST carries them as a JSON document in
 * the body's `data` string; either is signed with the app's client secret
 * (`x-asana-request-signature`) and expires shortly after it is made (`expires_at`).
 */
export interface AppComponentCall {
  readonly url: string;
  readonly method: 'GET' | 'POST';
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
}

/** Asana gives a request about a minute: long enough for the network, short enough to keep a copy useless. */
export const appComponentRequestLifetimeMs = 60_000;

export function asanaAppComponentCall(
  clientSecret: string,
  request: { readonly method: 'GET' | 'POST'; readonly url: string; readonly fields: Readonly<Record<string, unknown>> },
  now: number = Date.now(),
): AppComponentCall {
  const fields = { ...request.fields, expires_at: new Date(now + appComponentRequestLifetimeMs).toISOString() };
  if (request.method === 'GET') {
    const query = new URLSearchParams(Object.entries(fields).map(([name, value]) => [name, String(value)])).toString();
    return { url: `${request.url}?${query}`, method: 'GET', headers: { [asanaSignatureHeader]: signAsanaText(clientSecret, query) } };
  }
  const data = JSON.stringify(fields);
  return {
    url: request.url,
    method: 'POST',
    headers: { [asanaSignatureHeader]: signAsanaText(clientSecret, data), 'content-type': 'application/json' },
    body: JSON.stringify({ data }),
  };
}
