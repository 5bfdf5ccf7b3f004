import { createHash, randomBytes } from 'node:crypto';

/**
 * Jira Data Center's OAuth 2.0 provider (Jira 8.22+, "Jira OAuth 2.0 provider API"), as far as the
 * sandbox and the tests need it: an incoming application link (client id, secret, redirect URL),
 * the authorization code flow with optional PKCE (S256), access tokens that act as the user who
 * authorized them, and the browser sessions of people signed in to Jira (the `JSESSIONID` cookie).
 * Kept in memory: a restarted Jira keeps its links, but the sandbox makes its link again on start.
 * One simplification: Jira asks the user to allow the application on a consent page; here the
 * signed-in user's answer is always "Allow".
 */
export interface IncomingLink {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly redirectUri: string;
}

interface IssuedCode {
  readonly username: string;
  readonly clientId: string;
  readonly redirectUri: string;
  readonly codeChallenge: string | undefined;
  readonly expiresAt: number;
}

/** Jira's codes live ten minutes and its access tokens two hours (OAuth 2.0 provider system properties). */
const codeLifetimeMs = 10 * 60_000;
const accessTokenLifetimeSeconds = 7200;

export type TokenExchange =
  | { readonly ok: true; readonly accessToken: string; readonly expiresIn: number; readonly refreshToken: string }
  | { readonly ok: false; readonly error: 'invalid_client' | 'invalid_grant' | 'invalid_request'; readonly description: string };

const random = () => randomBytes(24).toString('base64url');

export class JiraOAuthProvider {
  readonly #links = new Map<string, IncomingLink>();
  readonly #sessions = new Map<string, string>();
  readonly #codes = new Map<string, IssuedCode>();
  readonly #accessTokens = new Map<string, { readonly username: string; readonly expiresAt: number }>();
  readonly #now: () => number;

  constructor(now: () => number) {
    this.#now = now;
  }

  /** Administration → Applications → Application links → External application, Incoming. */
  createIncomingLink(redirectUri: string, clientId = `exalate-${random().slice(0, 12)}`, clientSecret = random()): IncomingLink {
    const link = { clientId, clientSecret, redirectUri };
    this.#links.set(clientId, link);
    return link;
  }

  link(clientId: string): IncomingLink | undefined {
    return this.#links.get(clientId);
  }

  /** A person signs in to Jira in a browser: the value of the session cookie Jira sets. */
  signIn(username: string): string {
    const session = random();
    this.#sessions.set(session, username);
    return session;
  }

  userOfSession(session: string | undefined): string | undefined {
    return session === undefined ? undefined : this.#sessions.get(session);
  }

  issueCode(username: string, link: IncomingLink, codeChallenge: string | undefined): string {
    const code = random();
    this.#codes.set(code, { username, clientId: link.clientId, redirectUri: link.redirectUri, codeChallenge, expiresAt: this.#now() + codeLifetimeMs });
    return code;
  }

  /** `POST /rest/oauth2/latest/token` with `grant_type=authorization_code`: a code works once. */
  exchange(form: Readonly<Record<string, string | undefined>>): TokenExchange {
    const link = this.#links.get(form['client_id'] ?? '');
    if (link === undefined || form['client_secret'] !== link.clientSecret)
      return { ok: false, error: 'invalid_client', description: 'Client authentication failed.' };
    if (form['grant_type'] !== 'authorization_code') return { ok: false, error: 'invalid_request', description: 'Unsupported grant type.' };
    const code = this.#codes.get(form['code'] ?? '');
    this.#codes.delete(form['code'] ?? '');
    if (code === undefined || code.clientId !== link.clientId || code.expiresAt < this.#now())
      return { ok: false, error: 'invalid_grant', description: 'The authorization code is invalid or expired.' };
    if (form['redirect_uri'] !== code.redirectUri) return { ok: false, error: 'invalid_grant', description: 'The redirect URI does not match.' };
    if (code.codeChallenge !== undefined) {
      const verifier = form['code_verifier'] ?? '';
      if (createHash('sha256').update(verifier).digest('base64url') !== code.codeChallenge)
        return { ok: false, error: 'invalid_grant', description: 'The code verifier does not match the challenge.' };
    }
    const accessToken = random();
    this.#accessTokens.set(accessToken, { username: code.username, expiresAt: this.#now() + accessTokenLifetimeSeconds * 1000 });
    return { ok: true, accessToken, expiresIn: accessTokenLifetimeSeconds, refreshToken: random() };
  }

  /** The user an access token acts as, while it lasts. */
  userOfAccessToken(token: string): string | undefined {
    const found = this.#accessTokens.get(token);
    return found !== undefined && found.expiresAt > this.#now() ? found.username : undefined;
  }
}
