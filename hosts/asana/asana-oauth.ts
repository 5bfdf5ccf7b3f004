import { z } from 'zod';
import { ExalateError, parseJson } from '../../core';
import type { FetchFunction } from '../tracker-http';

/**
 * Asana's OAuth code grant (developers.asana.com/docs/oauth): the browser is sent to
 * `GET {oauthUrl}/-/oauth_authorize`, Asana sends it back to the redirect URI with `code` and
 * `state`, and the node trades the code at `POST {oauthUrl}/-/oauth_token` (form-encoded, with the
 * client secret, which never leaves the node). Access tokens last an hour (`expires_in`: 3600); the
 * refresh token, which does not expire, buys new ones with the same endpoint.
 */
export interface AsanaOAuthApp {
  readonly clientId: string;
  readonly clientSecret: string;
  /** https://app.asana.com unless told otherwise (the sandbox points it at its emulator). */
  readonly oauthUrl: string;
}

export const defaultAsanaOAuthUrl = 'https://app.asana.com';
/** Both as asana.yaml's oauth2 security scheme names them (authorizationUrl, tokenUrl and refreshUrl). */
export const asanaAuthorizePath = '/-/oauth_authorize';
export const asanaTokenPath = '/-/oauth_token';

/** Tolerant: Asana may add fields; `refresh_token` comes with the code exchange only. */
const tokenAnswerSchema = z.looseObject({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1).optional(),
  expires_in: z.number().positive(),
  token_type: z.string().optional(),
  data: z
    .looseObject({ gid: z.string().optional(), id: z.union([z.string(), z.number()]).optional(), name: z.string().optional(), email: z.string().optional() })
    .optional(),
});

const tokenErrorSchema = z.looseObject({ error: z.string().optional(), error_description: z.string().optional() });

export interface AsanaTokenGrant {
  readonly accessToken: string;
  readonly refreshToken: string | undefined;
  /** Epoch milliseconds. */
  readonly expiresAt: number;
  readonly user: { readonly gid: string; readonly name: string; readonly email?: string } | undefined;
}

export function asanaAuthorizeUrl(app: AsanaOAuthApp, request: { readonly redirectUri: string; readonly state: string }): string {
  const query = new URLSearchParams({ client_id: app.clientId, redirect_uri: request.redirectUri, response_type: 'code', state: request.state });
  return `${app.oauthUrl.replace(/\/+$/, '')}${asanaAuthorizePath}?${query.toString()}`;
}

/** The authorization_code grant: the code Asana handed the browser, for tokens. */
export function exchangeAsanaCode(
  app: AsanaOAuthApp,
  request: { readonly code: string; readonly redirectUri: string; readonly now: number },
  fetchFunction?: FetchFunction,
): Promise<AsanaTokenGrant> {
  return requestTokens(app, { grant_type: 'authorization_code', code: request.code, redirect_uri: request.redirectUri }, request.now, fetchFunction);
}

/** The refresh_token grant: a new access token for the same user. */
export function refreshAsanaToken(
  app: AsanaOAuthApp,
  request: { readonly refreshToken: string; readonly redirectUri: string; readonly now: number },
  fetchFunction?: FetchFunction,
): Promise<AsanaTokenGrant> {
  return requestTokens(
    app,
    { grant_type: 'refresh_token', refresh_token: request.refreshToken, redirect_uri: request.redirectUri },
    request.now,
    fetchFunction,
  );
}

/** 10 s: the admin is waiting on a page, and a token request is one small form post. */
const tokenRequestTimeoutMs = 10_000;

async function requestTokens(
  app: AsanaOAuthApp,
  grant: Readonly<Record<string, string>>,
  now: number,
  fetchFunction: FetchFunction = (url, init) => fetch(url, init),
): Promise<AsanaTokenGrant> {
  const tokenUrl = `${app.oauthUrl.replace(/\/+$/, '')}${asanaTokenPath}`;
  let response: Response;
  try {
    response = await fetchFunction(tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({ ...grant, client_id: app.clientId, client_secret: app.clientSecret }).toString(),
      signal: AbortSignal.timeout(tokenRequestTimeoutMs),
      // The token endpoint answers itself; following a redirect would carry the secret elsewhere.
      redirect: 'manual',
    });
  } catch (cause) {
    throw new ExalateError(
      'tracker_unavailable',
      `The node could not reach Asana's sign-in service at ${tokenUrl}. Check that this machine can open it (and ASANA_OAUTH_URL, if set); the node tries again later.`,
      { cause, isRetryable: true, details: { tracker: 'asana' } },
    );
  }
  const text = await response.text();
  if (!response.ok) {
    const said = parseJson(text, tokenErrorSchema);
    const code = said.ok ? said.value.error : undefined;
    const description = said.ok && said.value.error_description ? ` Asana said: "${said.value.error_description.slice(0, 300)}"` : '';
    // RFC 6749 §5.2: invalid_grant is a code or refresh token Asana no longer honours; invalid_client a wrong id or secret.
    if (code === 'invalid_grant')
      throw new ExalateError(
        'unauthorized',
        `Asana no longer accepts this sign-in (${grant['grant_type'] === 'refresh_token' ? 'the access was revoked or the app removed' : 'the code was used already or expired'}). Sign in with Asana again from the Exalate console's General settings.${description}`,
        { details: { tracker: 'asana', oauthError: code } },
      );
    if (code === 'invalid_client' || code === 'unauthorized_client')
      throw new ExalateError(
        'unauthorized',
        `Asana refused the node's OAuth app (${code}). Check ASANA_CLIENT_ID and ASANA_CLIENT_SECRET against the app in Asana's developer console, then restart the node.${description}`,
        { details: { tracker: 'asana', oauthError: code } },
      );
    if (response.status >= 500 || response.status === 429)
      throw new ExalateError('tracker_unavailable', `Asana's sign-in service answered HTTP ${response.status}; the node tries again later.${description}`, {
        isRetryable: true,
        details: { tracker: 'asana', status: response.status },
      });
    throw new ExalateError(
      'invalid_request',
      `Asana's sign-in service refused the request (HTTP ${response.status}${code ? `, ${code}` : ''}).${description} Check ASANA_OAUTH_URL and the redirect URI registered for the app.`,
      { details: { tracker: 'asana', status: response.status } },
    );
  }
  const answer = parseJson(text, tokenAnswerSchema);
  if (!answer.ok)
    throw new ExalateError('internal', `Asana's sign-in service at ${tokenUrl} answered with something that is not an OAuth token. Check ASANA_OAUTH_URL.`, {
      cause: new Error(answer.reason),
      details: { tracker: 'asana' },
    });
  const data = answer.value.data;
  const gid = data?.gid ?? (data?.id === undefined ? undefined : String(data.id));
  return {
    accessToken: answer.value.access_token,
    refreshToken: answer.value.refresh_token,
    expiresAt: now + answer.value.expires_in * 1000,
    user: gid === undefined ? undefined : { gid, name: data?.name ?? gid, ...(data?.email === undefined ? {} : { email: data.email }) },
  };
}
