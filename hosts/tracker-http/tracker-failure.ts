import { ExalateError, type TrackerKind } from '../../core';
import { describeRateLimitReason, type RateLimitSignal } from './rate-limit-headers';

/**
 * The words an adapter gives the HTTP layer so that every failure reads as advice to the admin of
 * that tracker. The layer writes "<trackerName> at <baseUrl> …" and appends these.
 */
export interface TrackerMessages {
  /** "Jira Cloud", "Jira", "Azure DevOps", "Asana". */
  readonly trackerName: string;
  /** The whole message for a 401: where to make a new credential and where to save it. */
  readonly unauthorized: string;
  /** Appended to a 403: which permission to grant. */
  readonly forbiddenAdvice: string;
  /** Appended when the host cannot be reached or answers with something that is not its API. */
  readonly checkAddress: string;
  /** Appended to a 429, e.g. where an admin exempts the node's user from rate limiting. */
  readonly rateLimitAdvice?: string;
  /** Appended to a 5xx, e.g. the tracker's status page. */
  readonly outageAdvice?: string;
  /** The tracker's own words from an error body (Jira's ErrorCollection, Asana's errors[]), or ''. */
  readonly readErrorBody?: (body: unknown) => string;
}

export interface FailureContext {
  readonly tracker: TrackerKind;
  readonly baseUrl: string;
  readonly method: string;
  readonly path: string;
  /** What the node was doing, for the message: "create an issue in SUP". Defaults to "METHOD path". */
  readonly action: string | undefined;
  readonly messages: TrackerMessages;
  readonly attempts: number;
}

export interface StatusFailure {
  readonly status: number;
  readonly body: unknown;
  readonly rateLimit: RateLimitSignal;
  /** Overrides for this request, by status. */
  readonly overrides: Readonly<Partial<Record<number, string>>> | undefined;
}

function where(context: FailureContext): string {
  return `${context.messages.trackerName} at ${context.baseUrl}`;
}

function doing(context: FailureContext): string {
  return context.action ?? `${context.method} ${context.path}`;
}

function baseDetails(context: FailureContext): Record<string, unknown> {
  return { tracker: context.tracker, method: context.method, path: context.path, attempts: context.attempts };
}

/** Maps an HTTP status the tracker answered into the product's error, with advice. */
export function errorForStatus(context: FailureContext, failure: StatusFailure): ExalateError {
  const said = context.messages.readErrorBody?.(failure.body) ?? '';
  const saying = said === '' ? '' : ` ${context.messages.trackerName} said: "${said}"`;
  const details = { ...baseDetails(context), status: failure.status, ...(said === '' ? {} : { trackerMessage: said }) };
  const override = failure.overrides?.[failure.status];
  const site = where(context);
  const action = doing(context);

  if (failure.status === 429 || failure.status === 503 || (failure.status >= 500 && failure.status !== 501)) {
    const waitMilliseconds = failure.rateLimit.waitMilliseconds;
    const retryAfterSeconds = waitMilliseconds === undefined ? undefined : Math.max(1, Math.ceil(waitMilliseconds / 1000));
    const when = retryAfterSeconds === undefined ? 'shortly' : `in ${retryAfterSeconds} seconds`;
    const retryDetails = {
      ...details,
      ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
      ...(failure.rateLimit.reason === undefined ? {} : { rateLimitReason: failure.rateLimit.reason }),
    };
    if (failure.status === 429) {
      const advice = context.messages.rateLimitAdvice === undefined ? '' : ` ${context.messages.rateLimitAdvice}`;
      return new ExalateError(
        'tracker_unavailable',
        override ??
          `${site} is limiting how fast the node may call it${describeRateLimitReason(failure.rateLimit.reason)}; the node tries to ${action} again ${when}.${advice}`,
        { isRetryable: true, details: retryDetails },
      );
    }
    const advice = context.messages.outageAdvice === undefined ? '' : ` ${context.messages.outageAdvice}`;
    return new ExalateError(
      'tracker_unavailable',
      override ?? `${site} could not ${action} (HTTP ${failure.status}); the node tries again ${when}.${saying}${advice}`,
      { isRetryable: true, details: retryDetails },
    );
  }

  switch (failure.status) {
    case 401:
      return new ExalateError('unauthorized', override ?? `${site} refused the node's credentials. ${context.messages.unauthorized}`, { details });
    case 403:
      return new ExalateError('forbidden', override ?? `${site} let the node in but refused to ${action}.${saying} ${context.messages.forbiddenAdvice}`, {
        details,
      });
    case 404:
      return new ExalateError(
        'not_found',
        override ?? `${site} has nothing at ${context.path} (while trying to ${action}).${saying} ${context.messages.checkAddress}`,
        { details },
      );
    case 409:
    case 412:
      return new ExalateError(
        'conflict',
        override ?? `${site} refused to ${action} because the item changed meanwhile (HTTP ${failure.status}).${saying} The node reads it again and retries.`,
        { isRetryable: true, details },
      );
    case 413:
      return new ExalateError(
        'payload_too_large',
        override ??
          `${site} refused to ${action}: it is larger than the site accepts.${saying} Raise the site's size limit (attachments) or leave the item out of the sync.`,
        { details },
      );
    default:
      return new ExalateError('invalid_request', override ?? `${site} rejected the request to ${action} (HTTP ${failure.status}).${saying}`, { details });
  }
}

/** The network failed before an answer arrived. */
export function errorForNetworkFailure(context: FailureContext, cause: unknown, idempotent: boolean): ExalateError {
  const site = where(context);
  const action = doing(context);
  if (idempotent) {
    return new ExalateError('tracker_unavailable', `The node could not reach ${site} to ${action}. ${context.messages.checkAddress}`, {
      cause,
      isRetryable: true,
      details: baseDetails(context),
    });
  }
  // A write whose answer never arrived may or may not have been applied; saying so lets the caller
  // check before it repeats the write (the HTTP layer never repeats it itself).
  return new ExalateError(
    'tracker_unavailable',
    `The connection to ${site} broke while the node tried to ${action}, so it is not known whether ${context.messages.trackerName} applied it. ${context.messages.checkAddress}`,
    { cause, isRetryable: true, details: { ...baseDetails(context), writeOutcomeUnknown: true } },
  );
}

/** The tracker answered 2xx with something that is not its API (a login page, a proxy's HTML). */
export function errorForUnreadableAnswer(context: FailureContext, cause: unknown): ExalateError {
  return new ExalateError(
    'internal',
    `${where(context)} answered the request to ${doing(context)} with something that is not ${context.messages.trackerName}'s REST API. ${context.messages.checkAddress}`,
    { cause, details: baseDetails(context) },
  );
}
