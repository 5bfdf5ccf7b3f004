// Base64url without padding (RFC 4648 §5), written here because core cannot use Node's Buffer
// and must run unchanged in Forge, in the browser and in the node.
const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const lookup = new Map<string, number>([...alphabet].map((character, index) => [character, index]));

export function encodeBase64Url(bytes: Uint8Array): string {
  let text = '';
  let index = 0;
  for (; index + 2 < bytes.length; index += 3) {
    const chunk = (bytes[index]! << 16) | (bytes[index + 1]! << 8) | bytes[index + 2]!;
    text += alphabet[(chunk >> 18) & 63]! + alphabet[(chunk >> 12) & 63]! + alphabet[(chunk >> 6) & 63]! + alphabet[chunk & 63]!;
  }
  const remaining = bytes.length - index;
  if (remaining === 1) {
    const chunk = bytes[index]! << 16;
    text += alphabet[(chunk >> 18) & 63]! + alphabet[(chunk >> 12) & 63]!;
  } else if (remaining === 2) {
    const chunk = (bytes[index]! << 16) | (bytes[index + 1]! << 8);
    text += alphabet[(chunk >> 18) & 63]! + alphabet[(chunk >> 12) & 63]! + alphabet[(chunk >> 6) & 63]!;
  }
  return text;
}

/** Returns undefined for text that is not base64url, so callers can say what is wrong. */
export function decodeBase64Url(text: string): Uint8Array | undefined {
  if (text.length % 4 === 1) return undefined;
  const bytes = new Uint8Array(Math.floor((text.length * 3) / 4));
  let buffer = 0;
  let bits = 0;
  let position = 0;
  for (const character of text) {
    const value = lookup.get(character);
    if (value === undefined) return undefined;
    buffer = (buffer << 6) | value;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[position++] = (buffer >> bits) & 0xff;
    }
  }
  return bytes;
}

export function encodeText(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

/** Throws on bytes that are not UTF-8: callers treat that as a malformed input. */
export function decodeText(bytes: Uint8Array): string {
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
}
