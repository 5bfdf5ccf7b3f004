import { z } from 'zod';
import { err, ExalateError, ok, parseJson, readOrMakeSecretSetting, type ClockV1, type Result, type SecretsV1, type StoreV1 } from '../../../core';
import { hmacSha256Base64Url, sameSecret } from '../../incoming-request';

/**
 * The console session a Jira administrator gets after entering from Jira (entry-routes.ts): a bearer
 * token `jds1.<claims>.<HMAC-SHA256>` the console sends to the admin API like the admin token. The
 * key is made once and kept sealed in the node's store, so every process of the node accepts it.
 * Eight hours: a working day; after that, opening Exalate from Jira again asks Jira again.
 */
export const entrySessionLifetimeMs = 8 * 60 * 60_000;
const prefix = 'jds1.';
const keySetting = 'jira_server_entry_session_key';

const claimsSchema = z.strictObject({
  /** The Jira username Jira's REST API answered for the person. */
  user: z.string().min(1),
  displayName: z.string(),
  expiresAt: z.number(),
});
export type EntrySessionClaims = z.infer<typeof claimsSchema>;

export function isEntrySessionToken(token: string): boolean {
  return token.startsWith(prefix);
}

export class EntrySessions {
  readonly #key: Promise<Buffer>;
  readonly #clock: ClockV1;

  constructor(store: StoreV1, secrets: SecretsV1, clock: ClockV1) {
    this.#clock = clock;
    this.#key = readOrMakeSecretSetting(store, secrets, keySetting, 32).then(({ value }) => Buffer.from(value, 'base64url'));
  }

  async issue(user: string, displayName: string): Promise<{ readonly token: string; readonly expiresAt: number }> {
    const claims: EntrySessionClaims = { user, displayName, expiresAt: this.#clock.now() + entrySessionLifetimeMs };
    const body = Buffer.from(JSON.stringify(claims), 'utf8').toString('base64url');
    return { token: `${prefix}${body}.${await this.#mac(body)}`, expiresAt: claims.expiresAt };
  }

  /** The person behind a session token, or why it is refused (forged, altered or expired). */
  async verify(token: string): Promise<Result<EntrySessionClaims>> {
    const [body, mac, ...rest] = token.slice(prefix.length).split('.');
    const refused = (why: string) => err(new ExalateError('unauthorized', `${why} Open Exalate again from Jira (Administration → Manage apps → Exalate).`));
    if (!token.startsWith(prefix) || body === undefined || mac === undefined || rest.length > 0) return refused('This Jira session token is malformed.');
    if (!sameSecret(mac, await this.#mac(body))) return refused('This Jira session token was not issued by this node.');
    const claims = parseJson(Buffer.from(body, 'base64url').toString('utf8'), claimsSchema);
    if (!claims.ok) return refused('This Jira session token is malformed.');
    if (claims.value.expiresAt <= this.#clock.now())
      return refused(`Your Exalate session from Jira ended at ${new Date(claims.value.expiresAt).toISOString()}.`);
    return ok(claims.value);
  }

  async #mac(body: string): Promise<string> {
    return hmacSha256Base64Url(await this.#key, body);
  }
}
