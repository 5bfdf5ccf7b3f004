import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import { z } from 'zod';
import { createAuthorizationGuard, publicBaseUrl, readBearerToken, refuseDuringStorm, secretsMatch, type RateLimitStorm } from '../../emulator-kit';
import { asanaErrorBody } from './asana-error-body';
import type { AsanaEmulatorState } from './asana-emulator-state';
import { compactForm, selectAsanaFields, type AsanaRecord } from './asana-fields';
import { paginateAsana } from './asana-pagination';
import { accessTokenAccepted } from './asana-oauth-grants';

/** What every Asana route needs: auth, throttling, the `data` envelope, errors, opt_fields, pages. */
export interface AsanaRouteKit {
  readonly onRequest: readonly onRequestAsyncHookHandler[];
  /** `<origin><prefix>`: what comes before `/api/1.0`. */
  host(request: FastifyRequest): string;
  apiRoot(request: FastifyRequest): string;
  /** `{ data: {...} }` of a write; answers 400 and returns undefined when it is missing. */
  data(request: FastifyRequest, reply: FastifyReply): Record<string, unknown> | undefined;
  refuse(reply: FastifyReply, status: number, message: string): FastifyReply;
  /** One resource: opt_fields picks fields, otherwise the full record. */
  one(request: FastifyRequest, full: AsanaRecord): { data: AsanaRecord };
  /** A list: paginated when `limit` is given, compact records unless opt_fields asks for more. */
  page(
    request: FastifyRequest,
    reply: FastifyReply,
    records: readonly AsanaRecord[],
    compact?: (full: AsanaRecord) => AsanaRecord,
  ): FastifyReply | { data: AsanaRecord[]; next_page?: unknown };
}

const envelopeSchema = z.looseObject({ data: z.record(z.string(), z.unknown()) });

export function createAsanaRouteKit(instance: FastifyInstance, state: AsanaEmulatorState, storm: RateLimitStorm): AsanaRouteKit {
  const prefix = instance.prefix;
  const refuse = (reply: FastifyReply, status: number, message: string): FastifyReply => reply.code(status).send(asanaErrorBody(message));
  // Asana answers a missing, a wrong and an expired token alike: 401 "Not Authorized"
  // (developers.asana.com/docs/errors). A personal access token, or an OAuth access token under an hour old.
  const guard = createAuthorizationGuard({
    accepts: (header) => {
      const token = readBearerToken(header);
      return token !== undefined && (secretsMatch(token, state.user.personalAccessToken) || accessTokenAccepted(state.oauthGrants, token, state.nowMs()));
    },
    refuse: (reply) => refuse(reply, 401, 'Not Authorized'),
  });
  // Over the limit Asana answers 429 with Retry-After in seconds (developers.asana.com/docs/rate-limits).
  const throttle = refuseDuringStorm(storm, { body: () => asanaErrorBody('You have made too many requests recently. Please, be chill.') });
  const host = (request: FastifyRequest): string => publicBaseUrl(request, prefix);

  return {
    onRequest: [guard.required, throttle],
    host,
    apiRoot: (request) => `${host(request)}/api/1.0`,
    data(request, reply) {
      const parsed = envelopeSchema.safeParse(request.body);
      if (parsed.success) return parsed.data.data;
      refuse(reply, 400, 'Request data must be a JSON object with a "data" property.');
      return undefined;
    },
    refuse,
    one: (request, full) => ({ data: selectAsanaFields(request, full, full) }),
    page(request, reply, records, compact = compactForm) {
      const page = paginateAsana(request, records, `${host(request)}/api/1.0`);
      if (!page.ok) return reply.code(400).send(page.body);
      const data = page.items.map((record) => selectAsanaFields(request, record, compact(record)));
      return page.nextPage === undefined ? { data } : { data, next_page: page.nextPage };
    },
  };
}
