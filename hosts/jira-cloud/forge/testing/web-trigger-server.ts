import { createServer, type Server } from 'node:http';

export interface WebTriggerServer {
  /** What `webTrigger.getUrl` answers: the trigger's URL, to which peers add `/exchange/v1/…`. */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Serves a web trigger function over HTTP the way Forge does: the request becomes
 * `{ method, path, userPath, headers: { name: [values] }, queryParameters, body }` and the
 * function's `{ statusCode, headers, body }` becomes the response.
 */
export async function serveWebTrigger(
  handler: (request: unknown) => Promise<{ statusCode: number; headers?: Record<string, string[]>; body?: string }>,
): Promise<WebTriggerServer> {
  const triggerPath = '/x1/exalate-exchange-trigger';
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const url = new URL(request.url ?? '/', 'http://localhost');
      const headers: Record<string, string[]> = {};
      for (const [name, value] of Object.entries(request.headers)) if (value !== undefined) headers[name] = Array.isArray(value) ? value : [value];
      const queryParameters: Record<string, string[]> = {};
      url.searchParams.forEach((value, name) => (queryParameters[name] = [...(queryParameters[name] ?? []), value]));
      handler({
        method: request.method ?? 'GET',
        path: url.pathname,
        userPath: url.pathname.slice(triggerPath.length),
        headers,
        queryParameters,
        body: Buffer.concat(chunks).toString('utf8'),
      }).then(
        (answer) => {
          response.writeHead(answer.statusCode, Object.fromEntries(Object.entries(answer.headers ?? {}).map(([name, values]) => [name, values.join(', ')])));
          response.end(answer.body ?? '');
        },
        (error: unknown) => {
          response.writeHead(500, { 'content-type': 'text/plain' });
          response.end(String(error));
        },
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}${triggerPath}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
