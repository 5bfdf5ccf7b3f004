import type { FastifyRequest } from 'fastify';

/**
 * The address a client used to reach the emulator, including the prefix it is mounted under.
 * Trackers put absolute URLs in their answers (Jira `self`, Azure DevOps `url`, Asana
 * `next_page.uri`); building them from the request keeps them right at whatever host, port and
 * prefix the sandbox or a test mounts the emulator.
 */
export function publicBaseUrl(request: FastifyRequest, prefix: string): string {
  return `${request.protocol}://${request.host}${prefix}`;
}

/** The absolute URL of the current request, as a tracker echoes it in `self` links. */
export function requestUrl(request: FastifyRequest): URL {
  return new URL(request.url, `${request.protocol}://${request.host}`);
}
