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
  {
    version: 2,
    name: 'sync engine',
    sql: `
      CREATE TABLE connection_rules (connection_id TEXT PRIMARY KEY, document TEXT NOT NULL);
      CREATE TABLE triggers (id TEXT PRIMARY KEY, connection_id TEXT NOT NULL, document TEXT NOT NULL);
      CREATE INDEX triggers_connection ON triggers (connection_id);
      CREATE TABLE twins (
        connection_id TEXT NOT NULL,
        local_key TEXT NOT NULL,
        remote_key TEXT,
        document TEXT NOT NULL,
        PRIMARY KEY (connection_id, local_key)
      );
      CREATE INDEX twins_remote ON twins (connection_id, remote_key);
      CREATE TABLE queue (
        connection_id TEXT NOT NULL,
        direction TEXT NOT NULL,
        position INTEGER PRIMARY KEY AUTOINCREMENT,
        envelope_id TEXT NOT NULL,
        state TEXT NOT NULL,
        document TEXT NOT NULL,
        UNIQUE (connection_id, direction, envelope_id)
      );
      CREATE INDEX queue_state ON queue (connection_id, direction, state, position);
      CREATE TABLE sync_errors (
        id TEXT PRIMARY KEY,
        dedupe_key TEXT NOT NULL,
        resolved_at INTEGER,
        document TEXT NOT NULL
      );
      CREATE INDEX sync_errors_open ON sync_errors (dedupe_key, resolved_at);
    `,
  },
  {
    version: 3,
    name: 'queue item key and due time columns',
    // Per-item ordering reads the item key of every queued entry: a column with an index keeps
    // that linear in the queue's length instead of parsing every document.
    sql: `
      ALTER TABLE queue ADD COLUMN item_key TEXT NOT NULL DEFAULT '';
      ALTER TABLE queue ADD COLUMN next_attempt_at INTEGER NOT NULL DEFAULT 0;
      UPDATE queue SET item_key = json_extract(document, '$.itemKey'), next_attempt_at = json_extract(document, '$.nextAttemptAt');
      CREATE INDEX queue_item ON queue (connection_id, direction, item_key, state, position);
      CREATE INDEX queue_due ON queue (connection_id, direction, state, next_attempt_at, position);
    `,
  },
  {
    version: 4,
    name: 'sealed invitation code',
    // The initiator shows a Pending connection's code again; it is kept sealed and dropped once used.
    sql: `ALTER TABLE invitations ADD COLUMN sealed_code TEXT;`,
  },
  {
    version: 5,
    name: 'attachment content',
    // Content from the peer waits here for the change that names it: measured per connection
    // against its limit, and expired by age when no change names it.
    sql: `
      CREATE TABLE attachment_contents (
        connection_id TEXT NOT NULL,
        source_key TEXT NOT NULL,
        attachment_id TEXT NOT NULL,
        content TEXT NOT NULL,
        bytes INTEGER NOT NULL,
        received_at INTEGER NOT NULL,
        PRIMARY KEY (connection_id, source_key, attachment_id)
      );
      CREATE INDEX attachment_contents_age ON attachment_contents (received_at);
    `,
  },
];
