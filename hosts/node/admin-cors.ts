import type { FastifyInstance } from 'fastify';

/**
 * The Azure DevOps hub runs in an iframe served from the Marketplace's CDN and calls the node's
 * admin API from there, so the browser asks the node first (CORS). Only the listed origins are
 * answered; the API takes a bearer token and no cookies, so no credentials are allowed either.
 * Any other origin gets no CORS headers and the browser keeps the answer from the page.
 */
export function registerAdminCors(app: FastifyInstance, adminBasePath: string, allowedOrigins: readonly string[]): void {
  if (allowedOrigins.length === 0) return;
  const allowed = new Set(allowedOrigins.map((origin) => origin.replace(/\/+$/, '')));
  app.addHook('onRequest', async (request, reply) => {
    const origin = request.headers.origin;
    // The hook sees every route of the node (mounted under a prefix in the sandbox): admin calls only.
    const path = request.url.split('?')[0] ?? '';
    if (origin === undefined || !allowed.has(origin) || !path.includes(`${adminBasePath}/`)) return;
    reply.header('access-control-allow-origin', origin);
    reply.header('vary', 'origin');
    if (request.method === 'OPTIONS') {
      reply.header('access-control-allow-methods', 'GET, POST, PUT, DELETE');
      reply.header('access-control-allow-headers', 'authorization, content-type, accept');
      reply.header('access-control-max-age', '600');
      return reply.code(204).send();
    }
  });
  // Preflights need a route to reach the hook above; the hook answers them.
  app.options(`${adminBasePath}/*`, async (_request, reply) => reply.code(204).send());
}
