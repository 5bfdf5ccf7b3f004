/**
 * Schema changes, in order, never edited once released: a node applies the ones it has not seen,
 * each in its own transaction, and records them in `schema_migrations`.
 */
export const sqliteMigrations: readonly { readonly version: number; readonly name: string; readonly sql: string }[] = [
  {
    version: 1,
    name: 'connection core',
    sql: `
      CREATE TABLE node_identity (
        singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
        node_id TEXT NOT NULL,
        public_key TEXT NOT NULL,
        private_key TEXT NOT NULL,
        created_at INTEGER NOT NULL
      );
      CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE connections (
        id TEXT PRIMARY KEY,
        status TEXT NOT NULL,
        document TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE TABLE invitations (
        connection_id TEXT PRIMARY KEY REFERENCES connections(id),
        token_hash TEXT NOT NULL,
        expires_at INTEGER NOT NULL,
        used_at INTEGER
      );
      CREATE TABLE seen_request_ids (
        request_id TEXT PRIMARY KEY,
        expires_at INTEGER NOT NULL
      );
      CREATE INDEX seen_request_ids_expiry ON seen_request_ids (expires_at);
    `,
  },
];
