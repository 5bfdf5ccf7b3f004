/**
 * Expected failures (parsing a code, validating input, a peer refusing a handshake) are values,
 * not exceptions: the caller must look at them. Bugs and outages still throw.
 */
export type Result<T, E = import('./errors').ExalateError> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: E };

export function ok<T>(value: T): { readonly ok: true; readonly value: T } {
  return { ok: true, value };
}

export function err<E>(error: E): { readonly ok: false; readonly error: E } {
  return { ok: false, error };
}
