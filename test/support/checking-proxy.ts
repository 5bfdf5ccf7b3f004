import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RunningCheckingProxy {
  /** `http://127.0.0.1:<port>`: the same paths as the target, on another port. */
  readonly origin: string;
  close(): Promise<void>;
}

type Fetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/**
 * Hop-by-hop headers (RFC 9110 §7.6.1) and those the forwarding recomputes. `host` is kept, so the
 * emulator builds the absolute URLs in its answers (`self`, `url`, `locationUrl`) for the proxy.
 */
const notForwarded = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'upgrade', 'proxy-connection', 'te', 'trailer']);

/**
 * An HTTP server that forwards every request to `targetOrigin` through `fetchThrough`, for clients
 * that bring their own HTTP stack (axios, superagent, typed-rest-client) and so cannot be handed a
 * fetch: pointed at the proxy, every exchange they make goes through the spec-checking fetch.
 */
export async function startCheckingProxy(targetOrigin: string, fetchThrough: Fetch): Promise<RunningCheckingProxy> {
  const server = createServer((request, response) => {
    forward(request, response).catch((error: unknown) => {
      response.writeHead(502, { 'content-type': 'text/plain' });
      response.end(`The checking proxy could not reach ${targetOrigin}: ${error instanceof Error ? error.message : String(error)}`);
    });
  });

  async function forward(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const headers = new Headers();
    for (const [name, value] of Object.entries(request.headers)) {
      if (value === undefined || notForwarded.has(name)) continue;
      headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    const method = request.method ?? 'GET';
    const answer = await fetchThrough(`${targetOrigin}${request.url ?? '/'}`, {
      method,
      headers,
      redirect: 'manual',
      ...(chunks.length > 0 && method !== 'GET' && method !== 'HEAD' ? { body: Buffer.concat(chunks) } : {}),
    });
    const body = Buffer.from(await answer.arrayBuffer());
    const responseHeaders: Record<string, string> = {};
    // fetch has already undone any content encoding: the bytes forwarded are plain.
    answer.headers.forEach((value, name) => {
      if (!notForwarded.has(name) && name !== 'content-encoding') responseHeaders[name] = value;
    });
    response.writeHead(answer.status, { ...responseHeaders, 'content-length': String(body.length) });
    response.end(body);
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
