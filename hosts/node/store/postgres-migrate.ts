import type pg from 'pg';
import { z } from 'zod';
import { postgresMigrations } from './postgres-migrations';
import { assertSchemaName, type PostgresQueryable } from './postgres-pool';
import { readRow } from './postgres-rows';
import { asError } from './postgres-transaction';

const migrationLockNamespace = 'exalate-migrations';
export const latestPostgresMigration = Math.max(...postgresMigrations.map((migration) => migration.version));

/**
 * Creates the node's schema if missing and applies the migrations it has not seen, each in its
 * own transaction. Several node processes may start at once on one schema: an advisory lock lets
 * one migrate while the others wait, then find nothing left to do.
 */
export async function migratePostgresSchema(pool: pg.Pool, schema: string): Promise<void> {
  assertSchemaName(schema);
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('SELECT pg_advisory_lock(hashtext($1), hashtext($2))', [migrationLockNamespace, schema]);
    try {
      // The pool's search_path names this schema; once it exists, unqualified names resolve to it.
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
      await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at bigint NOT NULL)');
      const applied = new Set(
        (await client.query('SELECT version FROM schema_migrations')).rows.map((row) => readRow(versionRowSchema, row, 'migration record').version),
      );
      for (const migration of postgresMigrations) {
        if (applied.has(migration.version)) continue;
        await client.query('BEGIN');
        try {
          await client.query(migration.sql);
          await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [migration.version, migration.name, Date.now()]);
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK');
          throw new Error(`Migration ${migration.version} (${migration.name}) of schema ${schema} failed: ${asError(error).message}`, { cause: error });
        }
      }
    } finally {
      await client.query('SELECT pg_advisory_unlock(hashtext($1), hashtext($2))', [migrationLockNamespace, schema]);
    }
  } catch (error) {
    // The session may hold the lock still; ending it is the sure way to let it go.
    broken = asError(error);
    throw error;
  } finally {
    client.release(broken);
  }
}

const versionRowSchema = z.object({ version: z.number().int() });

/** The newest migration recorded in the schema (0 before the first): what readiness checks. */
export async function appliedPostgresMigration(queryable: PostgresQueryable): Promise<number> {
  const result = await queryable.query('SELECT coalesce(max(version), 0) AS version FROM schema_migrations');
  return readRow(versionRowSchema, result.rows[0], 'migration record').version;
}
