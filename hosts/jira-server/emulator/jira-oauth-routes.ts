import type { FastifyInstance } from 'fastify';
import type { JiraServerEmulatorState } from './jira-server-emulator-state';

/** The session cookie Jira's login sets (Tomcat's), which the authorize page reads. */
export const jiraSessionCookie = 'JSESSIONID';

function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}

const page = (title: string, text: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title} - Jira</title></head><body><main><h1>${title}</h1><p>${text}</p></main></body></html>`;

/**
 * `GET /rest/oauth2/latest/authorize` (the browser, signed in to Jira) and
 * `POST /rest/oauth2/latest/token` (the application, form-encoded, client secret in the body), after
 * "Jira OAuth 2.0 provider API". The authorize step checks the incoming link's client id and its
 * exact redirect URL, then sends the browser back with `code` and the caller's `state`.
 */
export function registerJiraOAuthRoutes(app: FastifyInstance, state: JiraServerEmulatorState): void {
  void app.register(async (scope) => {
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) =>
      done(null, Object.fromEntries(new URLSearchParams(String(body)))),
    );

    scope.get<{ Querystring: Record<string, string | undefined> }>('/rest/oauth2/latest/authorize', async (request, reply) => {
      const query = request.query;
      const link = state.oauth.link(query['client_id'] ?? '');
      if (link === undefined || query['redirect_uri'] !== link.redirectUri) {
        // Never redirect to an address the link does not name (RFC 6749 §4.1.2.1).
        return reply
          .code(400)
          .type('text/html; charset=utf-8')
          .send(page('Invalid request', "The application is not linked to this Jira, or its redirect URL differs from the incoming link's."));
      }
      if (query['response_type'] !== 'code') {
        return reply.redirect(`${link.redirectUri}?error=unsupported_response_type&state=${encodeURIComponent(query['state'] ?? '')}`, 302);
      }
      const username = state.oauth.userOfSession(readCookie(request.headers.cookie, jiraSessionCookie));
      if (username === undefined) return reply.code(401).type('text/html; charset=utf-8').send(page('Log in', 'Log in to Jira, then open Exalate again.'));
      const challenge = query['code_challenge_method'] === 'S256' ? query['code_challenge'] : undefined;
      const code = state.oauth.issueCode(username, link, challenge);
      const back = new URL(link.redirectUri);
      back.searchParams.set('code', code);
      if (query['state'] !== undefined) back.searchParams.set('state', query['state']);
      return reply.redirect(back.toString(), 302);
    });

    scope.post<{ Body: Record<string, string | undefined> }>('/rest/oauth2/latest/token', async (request, reply) => {
      const answer = state.oauth.exchange(typeof request.body === 'object' && request.body !== null ? request.body : {});
      if (!answer.ok) return reply.code(answer.error === 'invalid_client' ? 401 : 400).send({ error: answer.error, error_description: answer.description });
      return { access_token: answer.accessToken, token_type: 'bearer', expires_in: answer.expiresIn, refresh_token: answer.refreshToken, scope: 'READ' };
    });
  });
}
