/**
 * Schema changes for PostgreSQL, in order, never edited once released: a node applies the ones
 * its schema has not seen, each in its own transaction, and records them in `schema_migrations`.
 * The tables mirror sqlite-migrations.ts; documents are `jsonb`, times are milliseconds in
 * `bigint`, and the queue keeps what the claim query filters on in columns of their own.
 */
export const postgresMigrations: readonly { readonly version: number; readonly name: string; readonly sql: string }[] = [
  {
    version: 1,
    name: 'connection core',
    sql: `
      CREATE TABLE node_identity (
        singleton integer PRIMARY KEY CHECK (singleton = 1),
        node_id text NOT NULL,
        public_key text NOT NULL,
        private_key text NOT NULL,
        created_at bigint NOT NULL
      );
      CREATE TABLE settings (key text PRIMARY KEY, value text NOT NULL);
      CREATE TABLE connections (
        id text PRIMARY KEY,
        creation_order bigserial NOT NULL,
        status text NOT NULL,
        document jsonb NOT NULL,
        updated_at bigint NOT NULL
      );
      CREATE TABLE invitations (
        connection_id text PRIMARY KEY REFERENCES connections (id),
        token_hash text NOT NULL,
        expires_at bigint NOT NULL,
        used_at bigint
      );
      CREATE TABLE seen_request_ids (
        request_id text PRIMARY KEY,
        expires_at bigint NOT NULL
      );
      CREATE INDEX seen_request_ids_expiry ON seen_request_ids (expires_at);
    `,
  },
  {
    version: 2,
    name: 'sync engine',
    sql: `
      CREATE TABLE connection_rules (connection_id text PRIMARY KEY, document jsonb NOT NULL);
      CREATE TABLE triggers (
        id text PRIMARY KEY,
        creation_order bigserial NOT NULL,
        connection_id text NOT NULL,
        document jsonb NOT NULL
      );
      CREATE INDEX triggers_connection ON triggers (connection_id, creation_order);
      CREATE TABLE twins (
        connection_id text NOT NULL,
        local_key text NOT NULL,
        remote_key text,
        creation_order bigserial NOT NULL,
        document jsonb NOT NULL,
        PRIMARY KEY (connection_id, local_key)
      );
      CREATE INDEX twins_remote ON twins (connection_id, remote_key);
      CREATE TABLE queue (
        position bigserial PRIMARY KEY,
        connection_id text NOT NULL,
        direction text NOT NULL CHECK (direction IN ('outbound', 'inbound')),
        envelope_id text NOT NULL,
        item_key text NOT NULL,
        state text NOT NULL CHECK (state IN ('queued', 'in_flight', 'done', 'failed')),
        attempts integer NOT NULL,
        next_attempt_at bigint NOT NULL,
        last_error text,
        created_at bigint NOT NULL,
        updated_at bigint NOT NULL,
        envelope jsonb NOT NULL,
        UNIQUE (connection_id, direction, envelope_id)
      );
      -- The claim query walks unfinished entries per item in position order: the head of each item.
      CREATE INDEX queue_unfinished_heads ON queue (connection_id, direction, item_key, position) WHERE state IN ('queued', 'in_flight');
      CREATE INDEX queue_state ON queue (connection_id, direction, state, position);
      CREATE TABLE sync_errors (
        id text PRIMARY KEY,
        creation_order bigserial NOT NULL,
        dedupe_key text NOT NULL,
        connection_id text,
        item_key text,
        resolved_at bigint,
        document jsonb NOT NULL
      );
      -- One open error per scope, connection, item and code, even when several processes record it at once.
      CREATE UNIQUE INDEX sync_errors_open ON sync_errors (dedupe_key) WHERE resolved_at IS NULL;
      CREATE INDEX sync_errors_order ON sync_errors (creation_order);
    `,
  },
  {
    version: 3,
    name: 'sealed invitation code',
    // The initiator shows a Pending connection's code again; it is kept sealed and dropped once used.
    sql: `ALTER TABLE invitations ADD COLUMN sealed_code text;`,
  },
  {
    version: 4,
    name: 'attachment content',
    // Content from the peer waits here for the change that names it: measured per connection
    // against its limit, and expired by age when no change names it.
    sql: `
      CREATE TABLE attachment_contents (
        connection_id text NOT NULL,
        source_key text NOT NULL,
        attachment_id text NOT NULL,
        content text NOT NULL,
        bytes bigint NOT NULL,
        received_at bigint NOT NULL,
        PRIMARY KEY (connection_id, source_key, attachment_id)
      );
      CREATE INDEX attachment_contents_age ON attachment_contents (received_at);
    `,
  },
];
