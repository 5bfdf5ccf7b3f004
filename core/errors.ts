/**
 * The one error type of the product. Every failure a person can meet carries a code from this
 * closed list and a message that says what to do next. Hosts map `httpStatus` to their own
 * response shape in one place (`hosts/<host>/errors.ts`).
 */
export const errorCodes = {
  invalid_request: 400,
  payload_too_large: 413,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  invitation_empty: 400,
  invitation_malformed: 400,
  invitation_unsupported_version: 400,
  invitation_damaged: 400,
  invitation_too_large: 413,
  invitation_expired: 410,
  invitation_used: 409,
  invitation_rejected: 403,
  destination_unreachable: 502,
  /**
   * A tracker (Jira, Azure DevOps, Asana) is rate limiting the node, is down, or could not be
   * reached. Retryable; `details.retryAfterSeconds` carries the wait the tracker asked for.
   */
  tracker_unavailable: 503,
  destination_invalid: 400,
  mode_unavailable: 400,
  licence_required: 403,
  project_unknown: 400,
  peer_refused: 502,
  peer_invalid_response: 502,
  connection_state: 409,
  /** The call would change what a Basic or Visual connection syncs; its mode was chosen for its life. */
  mode_fixed: 409,
  /** An outgoing or incoming script failed (syntax, throw, time, memory, stack, output): fix the script. */
  script_failed: 422,
  /** A replica (ours from a script, or a peer's) is not in the replica shape. */
  replica_invalid: 422,
  /** A replica is over the size one sync message may carry. */
  replica_too_large: 413,
  /** Too many attempts from one caller: wait for Retry-After. */
  rate_limited: 429,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof errorCodes;

const marker = Symbol.for('exalate.error');

export interface ExalateErrorOptions {
  readonly cause?: unknown;
  readonly isRetryable?: boolean;
  readonly details?: Readonly<Record<string, unknown>>;
}

export class ExalateError extends Error {
  readonly [marker] = true;
  readonly code: ErrorCode;
  readonly isRetryable: boolean;
  readonly details: Readonly<Record<string, unknown>> | undefined;

  constructor(code: ErrorCode, message: string, options: ExalateErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ExalateError';
    this.code = code;
    this.isRetryable = options.isRetryable ?? false;
    this.details = options.details;
  }

  get httpStatus(): number {
    return errorCodes[this.code];
  }

  /** Works across bundles and realms, where `instanceof` does not. */
  static isInstance(value: unknown): value is ExalateError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[marker] === true;
  }

  /** Normalises anything thrown into an ExalateError, once, at the edge. */
  static from(value: unknown): ExalateError {
    if (ExalateError.isInstance(value)) return value;
    return new ExalateError('internal', 'Something went wrong inside the node. The details are in its log; try again, and report it if it keeps happening.', {
      cause: value,
    });
  }
}

/**
 * What of `details` an admin API answer shows: the list of problems a refused input had (every
 * problem of a Visual mapping, each naming its side and field), so a console can mark each one.
 * Other details (addresses, reasons from a token check) stay in the node's log.
 */
export function publicErrorDetails(error: ExalateError): { readonly problems: readonly unknown[] } | undefined {
  const problems = error.details?.['problems'];
  return Array.isArray(problems) ? { problems } : undefined;
}
