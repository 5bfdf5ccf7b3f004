import type { AdminFailure } from './admin-failure';
import { errorAnswerSchema } from './admin-answers';
import { err, ok } from './browser-core';
import type { OperationTransport } from './operation-client';

export interface HttpTransportOptions {
  /** `{nodeUrl}/api/v1`. */
  readonly adminApi: string;
  /** The Authorization header for each call, asked afresh each time (tokens expire and refresh). */
  readonly authorization: () => Promise<string>;
  readonly fetch?: typeof fetch;
}

/** An operation key over the node's HTTP admin API: `POST /connections/{id}/activate` → POST {adminApi}/connections/con_1/activate. */
export function createHttpTransport(options: HttpTransportOptions): OperationTransport {
  const send = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  const base = options.adminApi.replace(/\/+$/, '');
  return async ({ key, params, body, query }) => {
    const [method = 'GET', template = '/'] = key.split(' ');
    const search = query === undefined || Object.keys(query).length === 0 ? '' : `?${new URLSearchParams(query).toString()}`;
    const path = `${template.replace(/\{(\w+)\}/g, (_whole, name: string) => encodeURIComponent(params[name] ?? ''))}${search}`;
    let response: Response;
    try {
      response = await send(`${base}${path}`, {
        method,
        headers: {
          authorization: await options.authorization(),
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch {
      return err(
        failure(
          0,
          'unreachable',
          `The Exalate node did not answer at ${base}. Check the node URL in General settings, that the node is running, and that it allows this page's origin (CORS).`,
        ),
      );
    }
    const text = await response.text();
    let answer: unknown;
    try {
      answer = text === '' ? undefined : (JSON.parse(text) as unknown);
    } catch {
      answer = undefined;
    }
    if (response.ok) return ok(answer);
    const described = errorAnswerSchema.safeParse(answer);
    return err(
      described.success
        ? { status: response.status, ...described.data.error }
        : failure(
            response.status,
            'http_error',
            `The Exalate node answered ${response.status} ${response.statusText}. Try again; if it keeps failing, look at the node's log.`,
          ),
    );
  };
}

function failure(status: number, code: string, message: string): AdminFailure {
  return { status, code, message };
}
