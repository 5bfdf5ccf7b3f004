import type pg from 'pg';
import { KeyedLock } from '../../../core';
import { asError } from './postgres-transaction';

/**
 * `runExclusive` across every process that shares the database: a session-level advisory lock
 * on a client checked out for the whole work, so the lock lives exactly as long as the work (and
 * dies with the session if the process does). Keys are namespaced by schema: two nodes in one
 * database hold the same connection id (initiator and acceptor) and must not block each other.
 *
 * Within the process a keyed lock goes first, so however many callers wait for one key, only one
 * of them holds a pooled client while waiting in PostgreSQL.
 */
export class PostgresAdvisoryLock {
  private readonly local = new KeyedLock();

  constructor(
    private readonly pool: pg.Pool,
    private readonly namespace: string,
  ) {}

  run<T>(key: string, work: () => Promise<T>): Promise<T> {
    return this.local.run(key, () => this.holdWhile(key, work));
  }

  private async holdWhile<T>(key: string, work: () => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      try {
        await client.query('SELECT pg_advisory_lock(hashtext($1), hashtext($2))', [this.namespace, key]);
      } catch (error) {
        broken = asError(error);
        throw error;
      }
      try {
        return await work();
      } finally {
        // Always unlocked, even when the work threw. If even that fails, the client is destroyed:
        // the session ends and PostgreSQL drops its locks with it.
        await client.query('SELECT pg_advisory_unlock(hashtext($1), hashtext($2))', [this.namespace, key]).catch((error: unknown) => {
          broken = asError(error);
        });
      }
    } finally {
      client.release(broken);
    }
  }
}
