import { createHmac } from 'node:crypto';

/**
 * HMAC-SHA256 (RFC 2104), the MAC every tracker and token here uses: Jira's X-Hub-Signature,
 * Asana's X-Hook-Signature and request signatures, HS256 JWTs, the node's own session tokens.
 * Text is taken as UTF-8.
 */
export function hmacSha256(key: string | Uint8Array, message: string | Uint8Array): Buffer {
  return createHmac('sha256', key).update(message).digest();
}

export function hmacSha256Hex(key: string | Uint8Array, message: string | Uint8Array): string {
  return hmacSha256(key, message).toString('hex');
}

export function hmacSha256Base64Url(key: string | Uint8Array, message: string | Uint8Array): string {
  return hmacSha256(key, message).toString('base64url');
}
