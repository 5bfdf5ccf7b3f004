import type { FastifyInstance, FastifyReply } from 'fastify';
import { asanaAuthorizePath, asanaTokenPath } from '../asana-oauth';
import type { AsanaEmulatorState } from './asana-emulator-state';
import { renderConsentPage, renderOAuthErrorPage } from './asana-consent-page';
import {
  accessTokenLifetimeSeconds,
  codeLifetimeMs,
  findClient,
  newOAuthSecret,
  redirectUriAllowed,
  type AsanaOAuthClient,
  type AsanaOAuthGrant,
  type TokenAnswer,
  type TokenRefusal,
} from './asana-oauth-grants';

type Fields = Readonly<Record<string, string | undefined>>;

function fieldsOf(value: unknown): Fields {
  if (typeof value === 'string') return Object.fromEntries(new URLSearchParams(value));
  if (typeof value !== 'object' || value === null) return {};
  return Object.fromEntries(Object.entries(value).map(([key, field]) => [key, typeof field === 'string' ? field : undefined]));
}

function redirectWith(reply: FastifyReply, redirectUri: string, parameters: Readonly<Record<string, string>>): FastifyReply {
  const url = new URL(redirectUri);
  for (const [name, value] of Object.entries(parameters)) url.searchParams.set(name, value);
  return reply.redirect(url.toString(), 302);
}

/**
 * Asana's OAuth code grant (developers.asana.com/docs/oauth): `GET /-/oauth_authorize` (the consent
 * page), its form post (Allow or Deny, back to the app's redirect URI with `code` and `state` or
 * `error=access_denied`), and `POST /-/oauth_token` (form-encoded; authorization_code and
 * refresh_token grants). Tokens issued here open the emulator's REST API for an hour.
 */
export function registerAsanaOAuthRoutes(instance: FastifyInstance, state: AsanaEmulatorState, clients: readonly AsanaOAuthClient[]): void {
  const prefix = instance.prefix;
  // OAuth's token endpoint and the consent form speak application/x-www-form-urlencoded (RFC 6749 §4.1.3).
  instance.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => done(null, body));

  /** An unknown app or redirect URI is never sent back anywhere: Asana shows its own error page. */
  const checkRequest = (fields: Fields, reply: FastifyReply): { client: AsanaOAuthClient; redirectUri: string } | undefined => {
    const client = findClient(clients, fields['client_id']);
    if (client === undefined) {
      void reply
        .code(400)
        .type('text/html; charset=utf-8')
        .send(renderOAuthErrorPage("The application's client_id is not recognized (invalid_client). Check the app in the developer console."));
      return undefined;
    }
    const redirectUri = fields['redirect_uri'];
    if (!redirectUriAllowed(client, redirectUri)) {
      void reply
        .code(400)
        .type('text/html; charset=utf-8')
        .send(renderOAuthErrorPage('The redirect_uri does not match any redirect URL registered for this app (invalid_request).'));
      return undefined;
    }
    return { client, redirectUri };
  };

  instance.get(asanaAuthorizePath, async (request, reply) => {
    const fields = fieldsOf(request.query);
    const checked = checkRequest(fields, reply);
    if (checked === undefined) return reply;
    if (fields['response_type'] !== 'code')
      return redirectWith(reply, checked.redirectUri, {
        error: 'unsupported_response_type',
        ...(fields['state'] === undefined ? {} : { state: fields['state'] }),
      });
    return reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(
        renderConsentPage({
          appName: checked.client.name,
          user: { name: state.user.name, email: state.user.email },
          request: { client_id: checked.client.clientId, redirect_uri: checked.redirectUri, response_type: 'code', state: fields['state'] ?? '' },
          action: `${prefix}${asanaAuthorizePath}`,
        }),
      );
  });

  instance.post(asanaAuthorizePath, async (request, reply) => {
    const fields = fieldsOf(request.body);
    const checked = checkRequest(fields, reply);
    if (checked === undefined) return reply;
    const echoState = fields['state'] ? { state: fields['state'] } : {};
    if (fields['decision'] !== 'allow') return redirectWith(reply, checked.redirectUri, { error: 'access_denied', ...echoState });
    const code = newOAuthSecret(state.user.gid);
    const grant: AsanaOAuthGrant = {
      clientId: checked.client.clientId,
      userGid: state.user.gid,
      redirectUri: checked.redirectUri,
      code,
      codeExpiresAt: state.nowMs() + codeLifetimeMs,
    };
    state.saveOAuthGrants([...state.oauthGrants, grant]);
    return redirectWith(reply, checked.redirectUri, { code, ...echoState });
  });

  instance.post(asanaTokenPath, async (request, reply) => {
    const fields = fieldsOf(request.body);
    const answer = exchange(fields);
    if ('error' in answer)
      return reply.code(answer.status).header('cache-control', 'no-store').send({ error: answer.error, error_description: answer.description });
    return reply.header('cache-control', 'no-store').send(answer);
  });

  function exchange(fields: Fields): TokenAnswer | TokenRefusal {
    const client = findClient(clients, fields['client_id']);
    if (client === undefined || fields['client_secret'] !== client.clientSecret)
      return { status: 401, error: 'invalid_client', description: 'The client_id or client_secret is not valid.' };
    const now = state.nowMs();
    const grantType = fields['grant_type'];
    if (grantType === 'authorization_code') {
      const grant = state.oauthGrants.find(
        (candidate) => candidate.code !== undefined && candidate.code === fields['code'] && candidate.clientId === client.clientId,
      );
      if (grant === undefined || (grant.codeExpiresAt ?? 0) <= now)
        return { status: 400, error: 'invalid_grant', description: 'The authorization code is not valid, was used already, or expired.' };
      if (grant.redirectUri !== fields['redirect_uri'])
        return { status: 400, error: 'invalid_grant', description: 'The redirect_uri does not match the one the code was issued for.' };
      const issued: AsanaOAuthGrant = {
        clientId: grant.clientId,
        userGid: grant.userGid,
        redirectUri: grant.redirectUri,
        accessToken: newOAuthSecret(grant.userGid),
        accessTokenExpiresAt: now + accessTokenLifetimeSeconds * 1000,
        refreshToken: newOAuthSecret(grant.userGid),
      };
      state.saveOAuthGrants(state.oauthGrants.map((candidate) => (candidate === grant ? issued : candidate)));
      return answerFor(issued, true);
    }
    if (grantType === 'refresh_token') {
      const grant = state.oauthGrants.find(
        (candidate) => candidate.refreshToken !== undefined && candidate.refreshToken === fields['refresh_token'] && candidate.clientId === client.clientId,
      );
      if (grant === undefined) return { status: 400, error: 'invalid_grant', description: 'The refresh token is not valid or was revoked.' };
      // Asana's refresh answer carries a new access token only; the refresh token stays the same.
      const renewed: AsanaOAuthGrant = { ...grant, accessToken: newOAuthSecret(grant.userGid), accessTokenExpiresAt: now + accessTokenLifetimeSeconds * 1000 };
      state.saveOAuthGrants(state.oauthGrants.map((candidate) => (candidate === grant ? renewed : candidate)));
      return answerFor(renewed, false);
    }
    return { status: 400, error: 'unsupported_grant_type', description: 'grant_type must be authorization_code or refresh_token.' };
  }

  function answerFor(grant: AsanaOAuthGrant, withRefreshToken: boolean): TokenAnswer {
    const user = state.user;
    return {
      access_token: grant.accessToken ?? '',
      ...(withRefreshToken && grant.refreshToken !== undefined ? { refresh_token: grant.refreshToken } : {}),
      expires_in: accessTokenLifetimeSeconds,
      token_type: 'bearer',
      data: { id: user.gid, gid: user.gid, name: user.name, email: user.email },
    };
  }
}
