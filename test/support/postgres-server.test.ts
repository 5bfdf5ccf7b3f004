import { existsSync } from 'node:fs';
import pg from 'pg';
import { findPostgresBinaries, startPostgresServer } from './postgres-server';

describe('the PostgreSQL the tests start', () => {
  it('fails, saying which package to install, when the server programs are missing', () => {
    expect(() => findPostgresBinaries('/nonexistent/postgresql')).toThrow('apt-get install postgresql');
  });

  it('accepts connections, and leaves nothing behind once stopped', async () => {
    const server = await startPostgresServer();
    const client = new pg.Client({ connectionString: server.url });
    await client.connect();
    const { rows } = await client.query('SELECT current_setting($1) AS fsync', ['fsync']);
    await client.end();
    expect(rows[0]).toEqual({ fsync: 'off' });
    await server.stop();
    expect(existsSync(server.directory)).toBe(false);
  });
});
