import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { z } from 'zod';
import { freePort } from './free-port';
import { findPostgresBinaries, type PostgresBinaries } from './postgres-binaries';

export interface PostgresServer {
  /** postgresql://… for pg, psql or DATABASE_URL. */
  readonly url: string;
  /** The throwaway directory holding data, socket and log. */
  readonly directory: string;
  /** Stops the server and removes its data directory. */
  stop(): Promise<void>;
}

/**
 * Starts a throwaway PostgreSQL (the npm package's binaries, or Debian's: see postgres-binaries.ts):
 * a fresh data directory in the temp dir, a free port on loopback, the unix socket in that directory
 * too (never /var/run/postgresql), and durability switched off, since the data dies with the test run.
 *
 * The server runs under a small shell watchdog, started as its own process group, that stops it
 * and deletes the directory when asked (`stop`) or when the owning process is gone, even after a
 * `kill -9` of that process: nothing is left running behind a crashed test run.
 * PostgreSQL refuses to run as root, so as root the watchdog runs as the `postgres` user.
 */
export async function startPostgresServer(
  options: { readonly ownerPid?: number; readonly directoryPrefix?: string; readonly binaries?: PostgresBinaries } = {},
): Promise<PostgresServer> {
  const binaries = options.binaries ?? findPostgresBinaries();
  const user = serverUser();
  let lastFailure = '';
  // A port found free can be taken by someone else before the server binds it: try a few.
  for (let attempt = 0; attempt < 3; attempt++) {
    const root = mkdtempSync(join(tmpdir(), options.directoryPrefix ?? 'exalate-postgres-'));
    const socketDirectory = join(root, 'socket');
    mkdirSync(socketDirectory);
    if (user) {
      chownSync(root, user.uid, user.gid);
      chownSync(socketDirectory, user.uid, user.gid);
    }
    const initialised = spawnSync(
      binaries.initdb,
      ['-D', join(root, 'data'), '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync', '--no-instructions'],
      {
        encoding: 'utf8',
        ...(user ? { uid: user.uid, gid: user.gid } : {}),
      },
    );
    if (initialised.status !== 0) throw new Error(`initdb failed (${initialised.error?.message ?? `exit ${initialised.status}`}): ${initialised.stderr}`);
    const port = await freePort();
    const watchdog = spawn('sh', ['-c', watchdogScript], {
      detached: true,
      stdio: 'ignore',
      env: {
        PATH: process.env['PATH'] ?? '/usr/bin:/bin',
        POSTGRES: binaries.postgres,
        ROOT: root,
        PORT: String(port),
        OWNER: String(options.ownerPid ?? process.pid),
      },
      ...(user ? { uid: user.uid, gid: user.gid } : {}),
    });
    // The watchdog must not keep a test process alive; it watches that process instead.
    watchdog.unref();
    const url = `postgresql://postgres@127.0.0.1:${port}/postgres`;
    if (await acceptsConnections(url, () => watchdog.exitCode !== null || watchdog.signalCode !== null)) {
      return { url, directory: root, stop: () => stopWatchdog(watchdog.pid, root) };
    }
    lastFailure = readServerLog(root);
    await stopWatchdog(watchdog.pid, root);
  }
  throw new Error(`PostgreSQL did not start: ${lastFailure}`);
}

/**
 * The one server of this jest worker process, started on first use and reused by every later
 * test file in the same worker; it stops when the worker exits. Test files get separate module
 * registries, so the server is found again through a file named after the worker's pid.
 */
export async function postgresForTests(): Promise<string> {
  const prefix = `exalate-postgres-worker-${process.pid}-`;
  for (const name of readdirSync(tmpdir()).filter((each) => each.startsWith(prefix))) {
    const recorded = readRecordedUrl(join(tmpdir(), name, 'server.json'));
    if (recorded && (await acceptsConnections(recorded, () => false, 1_000))) return recorded;
  }
  const server = await startPostgresServer({ directoryPrefix: prefix });
  writeFileSync(join(server.directory, 'server.json'), JSON.stringify({ url: server.url }));
  return server.url;
}

/** A schema name unused so far, for a test that wants an empty node. */
export function uniqueSchemaName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
}

/**
 * Starts postgres in the background and polls: while asked to run and while the owner lives.
 * `/proc/<pid>` rather than `kill -0`, which a non-root user may not aim at a root process.
 */
const watchdogScript = `
"$POSTGRES" -D "$ROOT/data" -p "$PORT" -k "$ROOT/socket" -c listen_addresses=127.0.0.1 -c max_connections=300 \\
  -c fsync=off -c synchronous_commit=off -c full_page_writes=off </dev/null >>"$ROOT/server.log" 2>&1 &
server=$!
stopping=
trap 'stopping=1' TERM INT HUP
while [ -z "$stopping" ] && [ -d "/proc/$OWNER" ] && kill -0 "$server" 2>/dev/null; do sleep 0.2; done
kill -INT "$server" 2>/dev/null
wait "$server"
rm -rf "$ROOT"
`;

function serverUser(): { readonly uid: number; readonly gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  for (const name of ['postgres', 'nobody']) {
    try {
      return { uid: Number(execFileSync('id', ['-u', name], { encoding: 'utf8' })), gid: Number(execFileSync('id', ['-g', name], { encoding: 'utf8' })) };
    } catch {
      // No such user here; try the next.
    }
  }
  throw new Error('PostgreSQL refuses to run as root, and there is neither a postgres nor a nobody user to run it as.');
}

async function acceptsConnections(url: string, gaveUp: () => boolean, timeoutMs = 30_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !gaveUp()) {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1_000 });
    try {
      await client.connect();
      await client.query('SELECT 1');
      return true;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 50));
    } finally {
      await client.end().catch(() => undefined);
    }
  }
  return false;
}

async function stopWatchdog(pid: number | undefined, root: string): Promise<void> {
  if (pid === undefined) return;
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return;
  }
  // The watchdog removes the directory as its last step: that is when the server is gone.
  const deadline = Date.now() + 15_000;
  while (existsSync(root) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
}

function readServerLog(root: string): string {
  try {
    return readFileSync(join(root, 'server.log'), 'utf8').slice(-2000);
  } catch {
    return 'no server log was written';
  }
}

function readRecordedUrl(file: string): string | undefined {
  try {
    const parsed = z.object({ url: z.string() }).safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data.url : undefined;
  } catch {
    return undefined;
  }
}
