import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  connectionSchema,
  decideInvitationAccept,
  KeyedLock,
  ExalateError,
  parseJson,
  type Connection,
  type ConnectionRules,
  type InvitationConsumption,
  type AttachmentContent,
  type AttachmentContentKey,
  type InvitationRecord,
  type NodeIdentity,
  type QueueEntry,
  type QueueEntryPatch,
  type QueueQuery,
  type StoreV1,
  type SyncError,
  type Trigger,
  type Twin,
} from '../../../core';
import { SqliteAttachmentContents } from './sqlite-attachment-contents';
import { SqliteStatements } from './sqlite-statements';
import { SqliteSyncTables } from './sqlite-sync-tables';
import { asStorageFullError } from './storage-full';
import { SerialLock } from './serial-lock';
import { sqliteMigrations } from './sqlite-migrations';

interface InvitationRow {
  token_hash: string;
  expires_at: number;
  used_at: number | null;
  sealed_code: string | null;
}

/**
 * The default store: one SQLite file per node, in WAL mode so readers never wait for the writer
 * and a `kill -9` loses nothing that was committed.
 */
export class SqliteStore implements StoreV1 {
  private readonly database: Database.Database;
  private readonly lock = new SerialLock();
  private readonly inTransaction: boolean;
  private readonly sync: SqliteSyncTables;
  private readonly keyLocks: KeyedLock;
  private readonly statements: SqliteStatements;
  private readonly attachments: SqliteAttachmentContents;

  private constructor(database: Database.Database, inTransaction: boolean, lock?: SerialLock, keyLocks?: KeyedLock, statements?: SqliteStatements) {
    this.database = database;
    this.keyLocks = keyLocks ?? new KeyedLock();
    this.statements = statements ?? new SqliteStatements(database);
    this.sync = new SqliteSyncTables(database, this.statements);
    this.attachments = new SqliteAttachmentContents(this.statements);
    this.inTransaction = inTransaction;
    if (lock) this.lock = lock;
  }

  /** Opens (creating if needed) the database file and applies pending migrations. */
  static open(file: string): SqliteStore {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    const database = new Database(file);
    database.pragma('journal_mode = WAL');
    database.pragma('synchronous = NORMAL');
    // A checkpoint copies the log into the database file and waits for the disk; the queue and twin
    // pages change on every sync step, so checkpoints ten times rarer than SQLite's default copy each
    // busy page once instead of ten times (about 40 MB of log between them, cut back to 64 MB at most).
    database.pragma('wal_autocheckpoint = 10000');
    database.pragma(`journal_size_limit = ${64 * 1024 * 1024}`);
    database.pragma('foreign_keys = ON');
    database.pragma('busy_timeout = 5000');
    migrate(database);
    // One process owns a SQLite file: whatever was claimed when it last stopped (even by kill -9)
    // was never finished, so it goes back to the queue now rather than after its lease.
    new SqliteSyncTables(database).releaseClaims(Date.now());
    return new SqliteStore(database, false);
  }

  /**
   * Caps how far the database may grow (`PRAGMA max_page_count` on this connection), or lifts
   * the cap (null). Capped, the store behaves as on a full disk: what fits in pages it already
   * has is written, anything that needs a new page is refused with SQLITE_FULL. SQLite never
   * shrinks the cap below the current size, so `0` means "not one page more than now".
   * The disk-full fault test uses it; an operator could use it as a quota.
   */
  limitSize(maximumBytes: number | null): Promise<void> {
    return this.exclusive(() => {
      const pageSize = this.database.pragma('page_size', { simple: true }) as number;
      // 4294967294 pages is SQLite's own default maximum (SQLITE_MAX_PAGE_COUNT).
      const pages = maximumBytes === null ? 4_294_967_294 : Math.max(1, Math.floor(maximumBytes / pageSize));
      this.database.pragma(`max_page_count = ${pages}`);
    });
  }

  /**
   * Several statements as one commit: SQLite commits each statement outside a transaction on its
   * own, and a claim of fifty entries would otherwise be fifty commits (a write of the WAL each).
   * Inside the store's own transaction it is already one.
   */
  private atomically<T>(work: () => T): T {
    return this.inTransaction ? work() : this.database.transaction(work)();
  }

  private exclusive<T>(work: () => T): Promise<T> {
    if (this.inTransaction) return Promise.resolve().then(() => translated(work));
    return this.lock.run(async () => translated(work));
  }

  ensureNodeIdentity(candidate: NodeIdentity): Promise<NodeIdentity> {
    return this.exclusive(() => {
      this.database
        .prepare(
          'INSERT INTO node_identity (singleton, node_id, public_key, private_key, created_at) VALUES (1, ?, ?, ?, ?) ON CONFLICT (singleton) DO NOTHING',
        )
        .run(candidate.nodeId, candidate.publicKey, candidate.privateKey, candidate.createdAt);
      const row = this.database.prepare('SELECT node_id, public_key, private_key, created_at FROM node_identity WHERE singleton = 1').get() as
        { node_id: string; public_key: string; private_key: string; created_at: number } | undefined;
      if (!row) throw new Error('node identity missing right after it was written');
      return { nodeId: row.node_id, publicKey: row.public_key, privateKey: row.private_key, createdAt: row.created_at };
    });
  }

  getSetting(key: string): Promise<string | undefined> {
    return this.exclusive(() => (this.statements.get('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined)?.value);
  }

  putSetting(key: string, value: string): Promise<void> {
    return this.exclusive(() => {
      this.statements.get('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
    });
  }

  deleteSetting(key: string): Promise<void> {
    return this.exclusive(() => {
      this.statements.get('DELETE FROM settings WHERE key = ?').run(key);
    });
  }

  insertConnection(connection: Connection): Promise<void> {
    return this.exclusive(() => {
      this.database
        .prepare('INSERT INTO connections (id, status, document, updated_at) VALUES (?, ?, ?, ?)')
        .run(connection.id, connection.status, JSON.stringify(connection), connection.updatedAt);
    });
  }

  insertConnectionUnlessLive(connection: Connection): Promise<boolean> {
    return this.exclusive(() => {
      // One statement: the conflict check and the write cannot be split by another writer.
      const changes = this.statements
        .get(
          "INSERT INTO connections (id, status, document, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET status = excluded.status, document = excluded.document, updated_at = excluded.updated_at WHERE connections.status = 'deleted'",
        )
        .run(connection.id, connection.status, JSON.stringify(connection), connection.updatedAt).changes;
      return changes === 1;
    });
  }

  updateConnection(connection: Connection): Promise<void> {
    return this.exclusive(() => {
      const changes = this.database
        .prepare('UPDATE connections SET status = ?, document = ?, updated_at = ? WHERE id = ?')
        .run(connection.status, JSON.stringify(connection), connection.updatedAt, connection.id).changes;
      if (changes !== 1) throw new ExalateError('not_found', `There is no connection with id ${connection.id}.`);
    });
  }

  getConnection(id: string): Promise<Connection | undefined> {
    return this.exclusive(() => {
      const row = this.statements.get('SELECT document FROM connections WHERE id = ?').get(id) as { document: string } | undefined;
      return row ? readConnection(row.document) : undefined;
    });
  }

  listConnections(): Promise<readonly Connection[]> {
    return this.exclusive(() =>
      (this.statements.get('SELECT document FROM connections ORDER BY rowid').all() as { document: string }[]).map((row) => readConnection(row.document)),
    );
  }

  insertInvitation(invitation: InvitationRecord): Promise<void> {
    return this.exclusive(() => {
      this.database
        .prepare('INSERT INTO invitations (connection_id, token_hash, expires_at, used_at, sealed_code) VALUES (?, ?, ?, ?, ?)')
        .run(invitation.connectionId, invitation.tokenHash, invitation.expiresAt, invitation.usedAt, invitation.sealedCode);
    });
  }

  getInvitation(connectionId: string): Promise<InvitationRecord | undefined> {
    return this.exclusive(() => {
      const row = this.database.prepare('SELECT token_hash, expires_at, used_at, sealed_code FROM invitations WHERE connection_id = ?').get(connectionId) as
        InvitationRow | undefined;
      return row ? { connectionId, tokenHash: row.token_hash, expiresAt: row.expires_at, usedAt: row.used_at, sealedCode: row.sealed_code } : undefined;
    });
  }

  discardInvitationCode(connectionId: string): Promise<void> {
    return this.exclusive(() => {
      this.database.prepare('UPDATE invitations SET sealed_code = NULL WHERE connection_id = ?').run(connectionId);
    });
  }

  consumeInvitation(connectionId: string, tokenHash: string, now: number): Promise<InvitationConsumption> {
    return this.exclusive(() => {
      const row = this.database.prepare('SELECT token_hash, expires_at, used_at FROM invitations WHERE connection_id = ?').get(connectionId) as
        InvitationRow | undefined;
      const decision = decideInvitationAccept(row && { tokenHash: row.token_hash, expiresAt: row.expires_at, usedAt: row.used_at }, tokenHash, now);
      if (decision !== 'spend') return decision;
      // The WHERE clause makes the check and the write one step: a concurrent consumer updates 0 rows.
      const changes = this.database
        .prepare('UPDATE invitations SET used_at = ?, sealed_code = NULL WHERE connection_id = ? AND used_at IS NULL')
        .run(now, connectionId).changes;
      return changes === 1 ? 'consumed' : 'already_used';
    });
  }

  rememberRequestId(requestId: string, expiresAt: number, now: number): Promise<boolean> {
    return this.exclusive(() => {
      this.statements.get('DELETE FROM seen_request_ids WHERE expires_at < ?').run(now);
      return (
        this.statements.get('INSERT INTO seen_request_ids (request_id, expires_at) VALUES (?, ?) ON CONFLICT (request_id) DO NOTHING').run(requestId, expiresAt)
          .changes === 1
      );
    });
  }

  getRules(connectionId: string): Promise<ConnectionRules | undefined> {
    return this.exclusive(() => this.sync.getRules(connectionId));
  }
  putRules(connectionId: string, rules: ConnectionRules): Promise<void> {
    return this.exclusive(() => this.sync.putRules(connectionId, rules));
  }
  listTriggers(connectionId: string): Promise<readonly Trigger[]> {
    return this.exclusive(() => this.sync.listTriggers(connectionId));
  }
  insertTrigger(trigger: Trigger): Promise<void> {
    return this.exclusive(() => this.sync.insertTrigger(trigger));
  }
  deleteTrigger(connectionId: string, triggerId: string): Promise<boolean> {
    return this.exclusive(() => this.sync.deleteTrigger(connectionId, triggerId));
  }
  getTwinByLocalKey(connectionId: string, localKey: string): Promise<Twin | undefined> {
    return this.exclusive(() => this.sync.getTwinByLocalKey(connectionId, localKey));
  }
  getTwinByRemoteKey(connectionId: string, remoteKey: string): Promise<Twin | undefined> {
    return this.exclusive(() => this.sync.getTwinByRemoteKey(connectionId, remoteKey));
  }
  putTwin(twin: Twin): Promise<void> {
    return this.exclusive(() => this.sync.putTwin(twin));
  }
  deleteTwin(connectionId: string, localKey: string): Promise<void> {
    return this.exclusive(() => this.sync.deleteTwin(connectionId, localKey));
  }
  listTwins(connectionId: string): Promise<readonly Twin[]> {
    return this.exclusive(() => this.sync.listTwins(connectionId));
  }
  enqueue(entry: Omit<QueueEntry, 'position'>): Promise<number | undefined> {
    return this.exclusive(() => this.sync.enqueue(entry));
  }
  listQueue(query: QueueQuery): Promise<readonly QueueEntry[]> {
    return this.exclusive(() => this.sync.listQueue(query));
  }
  claimDueEntries(claim: {
    readonly connectionId: string;
    readonly direction: QueueEntry['direction'];
    readonly now: number;
    readonly leaseMs: number;
    readonly limit: number;
  }): Promise<readonly QueueEntry[]> {
    return this.exclusive(() => this.atomically(() => this.sync.claimDueEntries(claim)));
  }
  runExclusive<T>(key: string, work: () => Promise<T>): Promise<T> {
    // One process owns a SQLite file, so an in-process lock per key is exclusive enough.
    return this.keyLocks.run(key, work);
  }
  updateQueueEntry(connectionId: string, direction: QueueEntry['direction'], position: number, patch: QueueEntryPatch): Promise<void> {
    return this.exclusive(() => this.sync.updateQueueEntry(connectionId, direction, position, patch));
  }
  countQueue(connectionId: string): ReturnType<StoreV1['countQueue']> {
    return this.exclusive(() => this.sync.countQueue(connectionId));
  }
  putAttachmentContent(content: AttachmentContent): Promise<void> {
    return this.exclusive(() => this.attachments.put(content));
  }
  getAttachmentContent(key: AttachmentContentKey): Promise<AttachmentContent | undefined> {
    return this.exclusive(() => this.attachments.get(key));
  }
  deleteAttachmentContent(key: AttachmentContentKey): Promise<void> {
    return this.exclusive(() => this.attachments.delete(key));
  }
  measureAttachmentContent(connectionId: string): Promise<number> {
    return this.exclusive(() => this.attachments.measure(connectionId));
  }
  listAttachmentContentReceivedBefore(receivedBefore: number, limit: number): ReturnType<StoreV1['listAttachmentContentReceivedBefore']> {
    return this.exclusive(() => this.attachments.listReceivedBefore(receivedBefore, limit));
  }
  recordError(error: SyncError): Promise<SyncError> {
    return this.exclusive(() => this.sync.recordError(error));
  }
  listErrors(options: { readonly includeResolved: boolean }): Promise<readonly SyncError[]> {
    return this.exclusive(() => this.sync.listErrors(options.includeResolved));
  }
  getError(id: string): Promise<SyncError | undefined> {
    return this.exclusive(() => this.sync.getError(id));
  }
  resolveErrors(filter: { readonly id?: string; readonly connectionId?: string; readonly itemKey?: string | null }, now: number): Promise<number> {
    return this.exclusive(() => this.sync.resolveErrors(filter, now));
  }

  transaction<T>(work: (store: StoreV1) => Promise<T>): Promise<T> {
    if (this.inTransaction) return work(this);
    return this.lock.run(async () => {
      this.statements.get('BEGIN IMMEDIATE').run();
      try {
        const result = await work(new SqliteStore(this.database, true, this.lock, this.keyLocks, this.statements));
        translated(() => this.statements.get('COMMIT').run());
        return result;
      } catch (error) {
        // SQLite may already have rolled the whole transaction back (it may after SQLITE_FULL,
        // SQLITE_IOERR, SQLITE_BUSY or SQLITE_NOMEM: https://www.sqlite.org/lang_transaction.html);
        // a second ROLLBACK would then fail and hide the error that matters.
        if (this.database.inTransaction) this.statements.get('ROLLBACK').run();
        throw error;
      }
    });
  }

  async close(): Promise<void> {
    await this.lock.run(async () => this.database.close());
  }
}

/** Runs one synchronous database step, giving a write refused for lack of space its own error. */
function translated<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    throw asStorageFullError(error);
  }
}

function migrate(database: Database.Database): void {
  database.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)');
  const applied = new Set((database.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map((row) => row.version));
  for (const migration of sqliteMigrations) {
    if (applied.has(migration.version)) continue;
    database.transaction(() => {
      database.exec(migration.sql);
      database.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(migration.version, migration.name, Date.now());
    })();
  }
}

/** Rows are read back through the schema: a damaged row is reported, not trusted. */
/**
 * Connections are read on every tracker event and every sync step, and change seldom: the same
 * stored text gives the same connection, so it is checked once per text. Callers never change a
 * connection in place (they store a new one), and a changed document is a new text.
 */
const connectionsRead = new Map<string, Connection>();
const connectionsReadKept = 64;

function readConnection(document: string): Connection {
  const known = connectionsRead.get(document);
  if (known !== undefined) return known;
  const parsed = parseJson(document, connectionSchema);
  if (!parsed.ok)
    throw new ExalateError('internal', 'A stored connection could not be read; the database may be damaged.', { details: { reason: parsed.reason } });
  if (connectionsRead.size >= connectionsReadKept) connectionsRead.clear();
  // Frozen: one object is handed to every reader, so a change in place would be a bug; it throws.
  const connection = deepFrozen(parsed.value);
  connectionsRead.set(document, connection);
  return connection;
}

function deepFrozen<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFrozen(child);
  }
  return value;
}
