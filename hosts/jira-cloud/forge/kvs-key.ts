/**
 * Forge KVS keys may only hold letters, digits and `:._-#` and spaces, up to 500 characters
 * (developer.atlassian.com/platform/forge/storage-reference/storage-api-limits). Item keys,
 * setting names and envelope ids are free text, so every part is escaped: any other character,
 * and the `#` and `:` the escaping and the separator use, become `#` + two hex digits per UTF-8 byte.
 */
const plainCharacter = /[A-Za-z0-9._-]/;
export const maximumKeyLength = 500;

export function encodeKeyPart(part: string): string {
  let encoded = '';
  for (const character of part) {
    if (plainCharacter.test(character)) {
      encoded += character;
      continue;
    }
    for (const byte of new TextEncoder().encode(character)) encoded += `#${byte.toString(16).padStart(2, '0')}`;
  }
  return encoded;
}

export function decodeKeyPart(encoded: string): string {
  const bytes: number[] = [];
  for (let index = 0; index < encoded.length; index++) {
    if (encoded[index] === '#') {
      bytes.push(Number.parseInt(encoded.slice(index + 1, index + 3), 16));
      index += 2;
    } else bytes.push(encoded.charCodeAt(index));
  }
  return new TextDecoder().decode(new Uint8Array(bytes));
}

/** `kind:part:part…`, each part escaped; a prefix for listing ends with the separator. */
export function storageKey(kind: string, ...parts: readonly string[]): string {
  const key = [kind, ...parts.map(encodeKeyPart)].join(':');
  if (key.length > maximumKeyLength) throw new RangeError(`A Forge storage key would be ${key.length} characters long; the limit is ${maximumKeyLength}.`);
  return key;
}

export function storagePrefix(kind: string, ...parts: readonly string[]): string {
  return `${storageKey(kind, ...parts)}:`;
}

/** Numbers as fixed-width text, so that key order is number order (positions are below 2^53). */
export function orderedNumber(value: number): string {
  return String(value).padStart(16, '0');
}
