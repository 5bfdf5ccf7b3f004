import type { FastifyRequest } from 'fastify';

/**
 * Reads query parameters the way the trackers do. Fastify parses `?a=1&a=2` into an array; a
 * tracker reading a single-valued parameter takes the first value.
 */
export function readQueryParameter(request: FastifyRequest, name: string): string | undefined {
  const query = request.query;
  if (typeof query !== 'object' || query === null) return undefined;
  const value: unknown = (query as Record<string, unknown>)[name];
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && typeof value[0] === 'string') return value[0];
  return undefined;
}

/** All values of a repeatable parameter (`keys=A&keys=B`), also accepting a comma-separated value. */
export function readQueryList(request: FastifyRequest, name: string): readonly string[] {
  const query = request.query;
  if (typeof query !== 'object' || query === null) return [];
  const value: unknown = (query as Record<string, unknown>)[name];
  const values = typeof value === 'string' ? [value] : Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
  return values
    .flatMap((item) => item.split(','))
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

export type IntegerParameter = { readonly ok: true; readonly value: number } | { readonly ok: false; readonly offered: string };

export interface IntegerBounds {
  readonly fallback: number;
  readonly minimum: number;
  readonly maximum?: number;
}

/** An integer parameter within bounds; absent means the fallback, anything else is an error to report. */
export function readIntegerParameter(request: FastifyRequest, name: string, bounds: IntegerBounds): IntegerParameter {
  const offered = readQueryParameter(request, name);
  if (offered === undefined || offered === '') return { ok: true, value: bounds.fallback };
  if (!/^-?\d{1,15}$/.test(offered)) return { ok: false, offered };
  const value = Number(offered);
  if (value < bounds.minimum || (bounds.maximum !== undefined && value > bounds.maximum)) return { ok: false, offered };
  return { ok: true, value };
}

/** `true`/`false` as the trackers spell them; anything else reads as absent. */
export function readBooleanParameter(request: FastifyRequest, name: string): boolean | undefined {
  const offered = readQueryParameter(request, name)?.toLowerCase();
  if (offered === 'true') return true;
  if (offered === 'false') return false;
  return undefined;
}
