import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { secretsMatch } from '../../emulator-kit';

/** An app registered in Asana's developer console, as the emulator knows it. */
export interface AsanaOAuthClient {
  readonly clientId: string;
  readonly clientSecret: string;
  /** Shown on the consent page. */
  readonly name: string;
  /** Redirect URLs registered for the app; any http(s) address when left out (the sandbox's ports vary). */
  readonly redirectUris?: readonly string[];
}

/** One user's grant to one app: a code until it is traded, then an access and a refresh token. */
export const oauthGrantSchema = z.strictObject({
  clientId: z.string(),
  userGid: z.string(),
  redirectUri: z.string(),
  code: z.string().optional(),
  codeExpiresAt: z.number().optional(),
  accessToken: z.string().optional(),
  accessTokenExpiresAt: z.number().optional(),
  refreshToken: z.string().optional(),
});
export type AsanaOAuthGrant = z.infer<typeof oauthGrantSchema>;

/** Asana: authorization codes are short-lived (minutes); access tokens last an hour. */
export const codeLifetimeMs = 10 * 60_000;
export const accessTokenLifetimeSeconds = 3600;

export interface TokenAnswer {
  readonly access_token: string;
  readonly refresh_token?: string;
  readonly expires_in: number;
  readonly token_type: 'bearer';
  readonly data: { readonly id: string; readonly gid: string; readonly name: string; readonly email: string };
}

/** RFC 6749 §5.2 error codes, as Asana's token endpoint answers them. */
export type TokenRefusal = {
  readonly status: 400 | 401;
  readonly error: 'invalid_request' | 'invalid_client' | 'invalid_grant' | 'unsupported_grant_type';
  readonly description: string;
};

/** Asana's tokens are `<version>/<user gid>/…:<secret>`; the shape matters less than being unguessable. */
export function newOAuthSecret(userGid: string): string {
  return `2/${userGid}/${BigInt(`0x${randomBytes(6).toString('hex')}`).toString()}:${randomBytes(16).toString('hex')}`;
}

export function findClient(clients: readonly AsanaOAuthClient[], clientId: string | undefined): AsanaOAuthClient | undefined {
  return clients.find((client) => client.clientId === clientId);
}

/** Asana compares the redirect URI exactly with those registered for the app. */
export function redirectUriAllowed(client: AsanaOAuthClient, redirectUri: string | undefined): redirectUri is string {
  if (redirectUri === undefined || redirectUri === '') return false;
  let url: URL;
  try {
    url = new URL(redirectUri);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  return client.redirectUris === undefined || client.redirectUris.includes(redirectUri);
}

export function accessTokenAccepted(grants: readonly AsanaOAuthGrant[], token: string, now: number): boolean {
  return grants.some((grant) => grant.accessToken !== undefined && secretsMatch(token, grant.accessToken) && (grant.accessTokenExpiresAt ?? 0) > now);
}
