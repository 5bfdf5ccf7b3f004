import { ExalateError } from '../errors';

/**
 * The node's database refused a write for lack of space (a full disk, a size limit, a quota).
 * Stores raise it (SQLite's SQLITE_FULL, PostgreSQL's disk_full); the engine recognises it, so it
 * stops writing to trackers what it could not record, keeps the work queued and tries again with
 * backoff. It is retryable and says what to do: it is an outage the admin can fix, not a bug.
 */
export function storageFullError(cause: unknown): ExalateError {
  return new ExalateError(
    'internal',
    "The node's database refused a write because it is full (no space left on its disk, or a size limit reached). Free space where the node keeps its data; the node retries by itself, or press Retry.",
    { cause, isRetryable: true, details: { storage: 'full' } },
  );
}

export function isStorageFull(error: unknown): boolean {
  return ExalateError.isInstance(error) && error.details?.['storage'] === 'full';
}
