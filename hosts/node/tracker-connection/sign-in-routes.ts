import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { trackerProfile, type NodeContext } from '../../../core';
import { NodeTrackerConnection } from './node-tracker-connection';
import { asanaSignInCallbackPath, asanaSignInStartPath } from './sign-in-addresses';
import { flowLifetimeMs } from './sign-in-flows';
import { renderSignInPage, type SignInPage } from './sign-in-page';

const cookieName = 'exalate_asana_sign_in';

function queryValue(request: FastifyRequest, name: string): string | undefined {
  const value = (request.query as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value : undefined;
}

function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}

function sendPage(reply: FastifyReply, status: number, page: SignInPage): FastifyReply {
  return reply
    .code(status)
    .header('cache-control', 'no-store')
    .header('referrer-policy', 'no-referrer')
    .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
    .header('x-frame-options', 'DENY')
    .type('text/html; charset=utf-8')
    .send(renderSignInPage(page));
}

/**
 * Asana's OAuth code grant, browser side (ARCHITECTURE §1: "Asana OAuth sign-in"):
 * - `GET /oauth/asana/start?ticket=…`: the console got the single-use ticket from the admin API
 *   (`POST /tracker-connection/sign-in`, admin token required), so only an admin can start a
 *   sign-in. The ticket becomes a random `state`, the browser gets a cookie binding the flow to it,
 *   and goes to Asana's consent page.
 * - `GET /oauth/asana/callback?code&state` (or `error=access_denied`): the state must be one the
 *   node made, unused, under ten minutes old, and come back to the browser that started it. The code
 *   is traded with the client secret, which never leaves the node; then back to the console.
 */
export function registerTrackerSignInRoutes(app: FastifyInstance, context: NodeContext): void {
  const connection = context.trackerConnection;
  // Served for a tracker whose console signs in with OAuth (its profile); the node's OAuth sign-in is Asana's.
  if (!(connection instanceof NodeTrackerConnection) || trackerProfile(context.tracker.kind).console.signIn !== 'oauth') return;
  const prefix = app.prefix;
  const origin = (request: FastifyRequest) => `${request.protocol}://${request.host}`;
  const cookie = (request: FastifyRequest, value: string, maxAgeSeconds: number) =>
    `${cookieName}=${value}; Path=${prefix}/oauth/asana; Max-Age=${maxAgeSeconds}; HttpOnly; SameSite=Lax${request.protocol === 'https' ? '; Secure' : ''}`;

  app.get(asanaSignInStartPath, async (request, reply) => {
    const begun = await connection.beginSignIn(queryValue(request, 'ticket') ?? '', `${origin(request)}${prefix}`);
    if (!begun.ok) return sendPage(reply, 400, { title: 'Asana sign-in did not start', message: begun.error.message, isError: true });
    // SameSite=Lax: the cookie comes back on Asana's top-level redirect to the callback, and only then.
    return reply
      .header('set-cookie', cookie(request, begun.value.browserKey, flowLifetimeMs / 1000))
      .header('cache-control', 'no-store')
      .redirect(begun.value.authorizeUrl, 302);
  });

  app.get(asanaSignInCallbackPath, async (request, reply) => {
    const state = queryValue(request, 'state') ?? '';
    const answer = await connection.finishSignIn(
      { state, code: queryValue(request, 'code'), error: queryValue(request, 'error') },
      readCookie(request.headers.cookie, cookieName),
    );
    void reply.header('set-cookie', cookie(request, '', 0));
    // Back only to a page of the node's own origin: the console that started the sign-in.
    const returnTo = answer.returnTo !== undefined && sameOrigin(answer.returnTo, origin(request)) ? answer.returnTo : undefined;
    if (answer.error !== undefined)
      return sendPage(reply, 400, { title: 'Asana sign-in did not complete', message: answer.error.message, returnTo, isError: true });
    if (returnTo !== undefined) return reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer').redirect(returnTo, 302);
    return sendPage(reply, 200, {
      title: 'Signed in to Asana',
      message: `The node is signed in to Asana as ${answer.account?.name ?? 'you'}. Choose a workspace in the console's General settings.`,
      isError: false,
    });
  });
}

function sameOrigin(address: string, origin: string): boolean {
  try {
    return new URL(address).origin === origin;
  } catch {
    return false;
  }
}
