import type pg from 'pg';

/**
 * Runs `work` on one client between BEGIN and COMMIT, rolling back when it throws. A client that
 * failed to begin or to roll back is destroyed rather than returned: its session state is unknown.
 */
export async function inPostgresTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
  } catch (error) {
    client.release(asError(error));
    throw error;
  }
  let broken: Error | undefined;
  try {
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    // After a failed COMMIT there is no transaction left; ROLLBACK then only warns.
    await client.query('ROLLBACK').catch((rollbackError: unknown) => {
      broken = asError(rollbackError);
    });
    throw error;
  } finally {
    client.release(broken);
  }
}

export function asError(value: unknown): Error {
  return value instanceof Error ? value : new Error(String(value));
}
