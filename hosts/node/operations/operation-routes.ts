import type { FastifyInstance } from 'fastify';
import type { NodeMetrics } from './node-metrics';
import type { Readiness } from './node-readiness';

export interface NodeOperations {
  readonly metrics: NodeMetrics;
  readiness(): Promise<Readiness>;
}

/**
 * What an orchestrator and Prometheus ask: /healthz (the process answers: restart it if not),
 * /readyz (send it work: store reachable, migrations applied, not shutting down) and /metrics.
 * None takes the admin token: probes and scrapers run without one, and nothing here is secret
 * (connection ids and counts; put the node behind a proxy that hides /metrics if they are).
 */
export function registerOperationRoutes(app: FastifyInstance, operations: NodeOperations): void {
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    const readiness = await operations.readiness();
    return readiness.ready ? reply.code(200).send({ status: 'ready' }) : reply.code(503).send({ status: 'not_ready', reason: readiness.reason });
  });
  app.get('/metrics', async (_request, reply) => {
    const metrics = await operations.metrics.render();
    return reply.type(metrics.contentType).send(metrics.body);
  });
}
