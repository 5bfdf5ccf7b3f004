import { storageFullError } from '../../../core';

/**
 * A write the database refused for lack of space becomes core's storage-full error (retryable,
 * with a message that says what to do); anything else passes through unchanged. SQLite reports
 * it as SQLITE_FULL ("database or disk is full", https://www.sqlite.org/rescode.html#full),
 * PostgreSQL as SQLSTATE 53100 disk_full (https://www.postgresql.org/docs/current/errcodes-appendix.html).
 */
export function asStorageFullError(error: unknown): unknown {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return code === 'SQLITE_FULL' || code === '53100' ? storageFullError(error) : error;
}
