import type { FastifyReply } from 'fastify';
import { ExalateError } from '../../core';

/**
 * The one place where a core error becomes an answer to Asana's app components: the status of the
 * error's code, and `{ "error": "…" }`, the shape of Asana's error responses
 * (asana-app-components.yaml: BadRequestResponse, UnauthorizedResponse, …), whose text Asana shows
 * to the person in the task or the rule.
 */
export function sendAppComponentError(reply: FastifyReply, error: ExalateError, status: number = error.httpStatus): FastifyReply {
  return reply.code(status).type('application/json').send({ error: error.message });
}

/** Anything thrown becomes an error with words a person can act on; unknown throws are normalised once. */
export function toAppComponentError(thrown: unknown): ExalateError {
  return ExalateError.from(thrown);
}
