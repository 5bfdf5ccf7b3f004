import type { FastifyError, FastifyReply } from 'fastify';
import { ExalateError, publicErrorDetails, type LoggerV1 } from '../../core';

/** The one place where a core error becomes an HTTP answer: `{ "error": { "code", "message" } }`. */
export function sendError(reply: FastifyReply, error: ExalateError): FastifyReply {
  return reply
    .code(error.httpStatus)
    .type('application/json')
    .send({ error: errorBody(error) });
}

function errorBody(error: ExalateError) {
  const details = publicErrorDetails(error);
  return { code: error.code, message: error.message, ...(details === undefined ? {} : { details }) };
}

/** Failures Fastify detects before a handler runs, in words an admin or integrator can act on. */
export function toExalateError(error: FastifyError | Error, logger: LoggerV1): ExalateError {
  if (ExalateError.isInstance(error)) return error;
  const code = (error as FastifyError).code;
  switch (code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new ExalateError(
        'payload_too_large',
        'The request body is too large (the limit is 256 KB). An invitation code is about 1 KB: send only the code.',
      );
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new ExalateError('invalid_request', 'Send the request body as JSON with "Content-Type: application/json".');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new ExalateError('invalid_request', 'The request body is empty; send a JSON object.');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new ExalateError('invalid_request', 'The request body is not valid JSON. Check quotes, commas and brackets.');
  }
  if ((error as { statusCode?: number }).statusCode === 400 && error instanceof SyntaxError) {
    return new ExalateError('invalid_request', 'The request body is not valid JSON. Check quotes, commas and brackets.');
  }
  const normalised = ExalateError.from(error);
  logger.error('unexpected error', { message: error.message, stack: error.stack });
  return normalised;
}
