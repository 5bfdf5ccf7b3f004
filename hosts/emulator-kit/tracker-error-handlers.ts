import type { FastifyInstance, FastifyRequest } from 'fastify';

export interface TrackerErrorShape {
  /** The tracker's body for a path it does not serve. */
  readonly notFound: (request: FastifyRequest) => unknown;
  /** The tracker's body for anything else that goes wrong while answering. */
  readonly failure: (statusCode: number, message: string) => unknown;
}

/**
 * Makes an emulator answer unknown paths and internal failures in its tracker's shape instead of
 * Fastify's `{ statusCode, error, message }`. Call it inside the emulator's encapsulated plugin:
 * Fastify scopes both handlers to the prefix the plugin is registered under.
 */
export function installTrackerErrorHandlers(instance: FastifyInstance, shape: TrackerErrorShape): void {
  instance.setNotFoundHandler((request, reply) => reply.code(404).send(shape.notFound(request)));
  instance.setErrorHandler((error: { statusCode?: number; message?: string }, _request, reply) => {
    const statusCode = error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 600 ? error.statusCode : 500;
    return reply.code(statusCode).send(shape.failure(statusCode, error.message ?? 'Internal server error'));
  });
}
