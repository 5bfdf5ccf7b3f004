import type { FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';

export type AuthorizationOutcome = 'accepted' | 'missing' | 'rejected';

export interface AuthorizationGuardOptions {
  /** Whether an Authorization header value opens the door. */
  readonly accepts: (header: string) => boolean;
  /** Writes the tracker's own refusal (status, headers and body) for a missing or wrong credential. */
  readonly refuse: (reply: FastifyReply, outcome: Exclude<AuthorizationOutcome, 'accepted'>, request: FastifyRequest) => FastifyReply;
}

export interface AuthorizationGuard {
  /** Route hook: anything but an accepted credential is refused. */
  readonly required: onRequestAsyncHookHandler;
  /**
   * Route hook for resources a tracker serves anonymously (Jira's serverInfo and project list):
   * no header is let through as an anonymous caller, but a wrong header is still refused, as
   * Jira does once it has tried and failed to authenticate a request.
   */
  readonly anonymousAllowed: onRequestAsyncHookHandler;
}

export function judgeAuthorization(header: string | undefined, accepts: (header: string) => boolean): AuthorizationOutcome {
  if (header === undefined || header.trim() === '') return 'missing';
  return accepts(header) ? 'accepted' : 'rejected';
}

/** True when a request reached a handler without credentials (only possible behind `anonymousAllowed`). */
export function isAnonymousRequest(request: FastifyRequest): boolean {
  const header = request.headers.authorization;
  return header === undefined || header.trim() === '';
}

export function createAuthorizationGuard(options: AuthorizationGuardOptions): AuthorizationGuard {
  const guard =
    (allowAnonymous: boolean): onRequestAsyncHookHandler =>
    async (request, reply) => {
      const outcome = judgeAuthorization(request.headers.authorization, options.accepts);
      if (outcome === 'accepted' || (outcome === 'missing' && allowAnonymous)) return;
      // Fastify's async hooks stop the chain when the reply has been sent and is returned.
      return options.refuse(reply, outcome, request);
    };
  return { required: guard(false), anonymousAllowed: guard(true) };
}
