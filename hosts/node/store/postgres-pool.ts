import pg from 'pg';

/** What both a pool and a checked-out client can do: run one statement. */
export interface PostgresQueryable {
  query<Row extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<Row>>;
}

/** PostgreSQL's limit on identifiers (NAMEDATALEN - 1); longer names are cut silently by the server. */
const maximumIdentifierLength = 63;
const bigintTypeId = 20;

/**
 * The schema a node keeps its tables in: `exalate_` and the node's name in lower case, with
 * everything but letters, digits and underscores replaced, so any node name gives a valid
 * identifier that needs no quoting (and never a reserved `pg_` one).
 */
export function schemaForNode(nodeName: string): string {
  const sanitised = nodeName
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return `exalate_${sanitised || 'node'}`.slice(0, maximumIdentifierLength);
}

/** Refuses a schema name that would need quoting: it goes into connection options and DDL as is. */
export function assertSchemaName(schema: string): void {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema) || schema.startsWith('pg_')) {
    throw new Error(`"${schema}" cannot be a schema name: use lower-case letters, digits and underscores, at most 63, not starting with pg_.`);
  }
}

/**
 * Times and positions are `bigint` columns. pg returns those as strings, since they may exceed
 * 2^53; ours are milliseconds and row counters, far below it, so they are read as numbers.
 */
const typeParsers = {
  getTypeParser: (typeId: number, format?: 'text' | 'binary') =>
    typeId === bigintTypeId && format !== 'binary' ? (value: string) => Number(value) : pg.types.getTypeParser(typeId, format ?? 'text'),
} as pg.CustomTypesConfig;

export interface PostgresPoolOptions {
  readonly url: string;
  readonly schema: string;
  readonly maximumConnections: number;
  readonly applicationName: string;
  readonly onConnectionError: (error: Error) => void;
}

/**
 * A pool whose every connection works in the node's schema: `search_path` is a start-up
 * parameter, so it holds for each new connection before its first statement, with no race.
 */
export function createPostgresPool(options: PostgresPoolOptions): pg.Pool {
  assertSchemaName(options.schema);
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.maximumConnections,
    options: `-c search_path=${options.schema}`,
    application_name: options.applicationName,
    types: typeParsers,
    // A connection dropped by a firewall or a failed-over server is noticed instead of hanging.
    keepAlive: true,
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: 15_000,
  });
  // An idle connection that breaks (server restart, network) is an 'error' event; unhandled, it
  // would end the process. The pool drops that connection and opens a new one when needed.
  pool.on('error', options.onConnectionError);
  return pool;
}
