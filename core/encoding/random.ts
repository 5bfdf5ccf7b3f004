import { encodeBase64Url } from './base64url';

// Web Crypto's getRandomValues is a global in every runtime core targets (Node 20+, Forge, browsers).
export function randomBytes(length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  globalThis.crypto.getRandomValues(bytes);
  return bytes;
}

/** An unguessable identifier or token: 32 random bytes by default, base64url. */
export function randomToken(byteLength = 32): string {
  return encodeBase64Url(randomBytes(byteLength));
}

/** A short, readable id with a prefix, e.g. `con_3kT9…`, unguessable enough to be a public id. */
export function randomId(prefix: string): string {
  return `${prefix}_${encodeBase64Url(randomBytes(12))}`;
}

export async function sha256Base64Url(text: string | Uint8Array): Promise<string> {
  const bytes = typeof text === 'string' ? new TextEncoder().encode(text) : text;
  const digest = await globalThis.crypto.subtle.digest('SHA-256', bytes as BufferSource);
  return encodeBase64Url(new Uint8Array(digest));
}
