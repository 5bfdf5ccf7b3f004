import { ExalateError, publicErrorDetails, type LoggerV1 } from '../../../core';

/** What a resolver answers when core refuses: the admin API's error body, without the HTTP around it. */
export interface ErrorAnswer {
  readonly error: { readonly code: string; readonly message: string; readonly details?: { readonly problems: readonly unknown[] } };
}

/**
 * The one place where the Forge app turns a failure into an answer: resolvers return the admin
 * API's `{ error: { code, message } }`, the web trigger the same body with the HTTP status. An
 * unknown throw is logged once and answered with core's generic message.
 */
export function toExalateError(error: unknown, logger: LoggerV1): ExalateError {
  if (ExalateError.isInstance(error)) return error;
  logger.error('unexpected error', {
    message: error instanceof Error ? error.message : String(error),
    stack: error instanceof Error ? error.stack : undefined,
  });
  return ExalateError.from(error);
}

export function errorAnswer(error: ExalateError): ErrorAnswer {
  const details = publicErrorDetails(error);
  return { error: { code: error.code, message: error.message, ...(details === undefined ? {} : { details }) } };
}

export interface WebTriggerAnswer {
  readonly statusCode: number;
  readonly headers: Record<string, string[]>;
  readonly body: string;
}

export function jsonAnswer(statusCode: number, body: unknown): WebTriggerAnswer {
  return { statusCode, headers: { 'Content-Type': ['application/json'] }, body: JSON.stringify(body) };
}

export function errorResponse(error: ExalateError): WebTriggerAnswer {
  return jsonAnswer(error.httpStatus, errorAnswer(error));
}
