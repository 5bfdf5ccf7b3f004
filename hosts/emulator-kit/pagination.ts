/**
 * Offset pagination shared by the emulators. Each tracker exposes it differently (Jira: startAt and
 * maxResults; Azure DevOps: an integer continuation token; Asana: an opaque offset token), but the
 * slicing underneath is the same.
 */
export interface Page<T> {
  readonly items: readonly T[];
  /** Where the next page starts, or undefined on the last page. */
  readonly nextPosition: number | undefined;
}

export function takePage<T>(items: readonly T[], position: number, size: number): Page<T> {
  const page = items.slice(position, position + size);
  const end = position + page.length;
  return { items: page, nextPosition: end < items.length ? end : undefined };
}

const offsetTokenPrefix = 'offset:';

/**
 * An opaque offset token in the style of Asana's (`next_page.offset`): clients must pass back what
 * they were given, never build one. base64url keeps it safe in a query string.
 */
export function encodeOffsetToken(position: number): string {
  return Buffer.from(`${offsetTokenPrefix}${position}`, 'utf8').toString('base64url');
}

export function decodeOffsetToken(token: string): number | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(token)) return undefined;
  const decoded = Buffer.from(token, 'base64url').toString('utf8');
  if (!decoded.startsWith(offsetTokenPrefix)) return undefined;
  const digits = decoded.slice(offsetTokenPrefix.length);
  return /^\d{1,9}$/.test(digits) ? Number(digits) : undefined;
}
