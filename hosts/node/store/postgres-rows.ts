import type { z } from 'zod';
import { ExalateError } from '../../../core';

/**
 * Rows are a trust boundary too: everything read back goes through the schema it was written
 * with, and a row that does not fit is reported as damage instead of being trusted.
 */
export function readRow<T>(schema: z.ZodType<T>, row: unknown, what: string): T {
  const parsed = schema.safeParse(row);
  if (!parsed.success) {
    const reason = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ');
    throw new ExalateError('internal', `A stored ${what} could not be read; the database may be damaged.`, { details: { reason } });
  }
  return parsed.data;
}

/**
 * Documents are sent as JSON text and cast to jsonb in the statement: pg would turn a top-level
 * array into a PostgreSQL array literal, and stringifying here keeps one rule for every value.
 */
export function jsonDocument(value: unknown): string {
  return JSON.stringify(value);
}
