import { timingSafeEqual } from 'node:crypto';

/**
 * Authorization header values as the four trackers expect them, and the readers the emulators use
 * to check them. Scheme names are case-insensitive (RFC 9110 §11.1), so the readers are too.
 */

/** `Basic base64(user:password)` (RFC 7617). Jira Cloud uses email:API token; Azure DevOps an empty user and a PAT. */
export function basicAuthorization(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`;
}

/** `Bearer <token>` (RFC 6750). Jira Server/DC personal access tokens and Asana PATs use it. */
export function bearerAuthorization(token: string): string {
  return `Bearer ${token}`;
}

export interface BasicCredentials {
  readonly user: string;
  readonly password: string;
}

export function readBasicCredentials(header: string | undefined): BasicCredentials | undefined {
  const match = /^basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  const encoded = match?.[1];
  if (encoded === undefined) return undefined;
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  // RFC 7617 §2: the user-id cannot contain a colon, so the first colon splits user from password.
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

export function readBearerToken(header: string | undefined): string | undefined {
  const match = /^bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
}

/** Compares secrets in constant time, so an emulator never teaches a timing side channel by example. */
export function secretsMatch(offered: string, expected: string): boolean {
  const offeredBytes = Buffer.from(offered, 'utf8');
  const expectedBytes = Buffer.from(expected, 'utf8');
  return offeredBytes.length === expectedBytes.length && timingSafeEqual(offeredBytes, expectedBytes);
}
