/**
 * Request headers as a host hands them over: Node's server lower-cases the names, Forge's web
 * triggers and hand-built requests may not, and a header sent twice arrives as an array.
 */
export type RequestHeaders = Readonly<Record<string, string | readonly string[] | undefined>>;

/** A header's value, its name matched in any case (RFC 9110 §5.1); the first one of a repeated header. */
export function headerValue(headers: RequestHeaders | undefined, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers ?? {})) {
    if (key.toLowerCase() === wanted) return typeof value === 'string' ? value : value?.[0];
  }
  return undefined;
}
