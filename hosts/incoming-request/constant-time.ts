import { timingSafeEqual } from 'node:crypto';

/**
 * Whether a presented secret (a token, a password, a signature in hex) equals the expected one,
 * compared over every byte whatever the first difference, so the answer's timing does not say how
 * much of a guess was right. Only the length may show; no secret here is worth hiding by length.
 */
export function sameSecret(presented: string, expected: string): boolean {
  return sameBytes(Buffer.from(presented, 'utf8'), Buffer.from(expected, 'utf8'));
}

/** The same for bytes (a MAC decoded from hex or base64url). */
export function sameBytes(presented: Uint8Array, expected: Uint8Array): boolean {
  return presented.length === expected.length && timingSafeEqual(presented, expected);
}
