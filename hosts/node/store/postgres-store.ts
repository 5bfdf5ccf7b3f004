import type pg from 'pg';
import { z } from 'zod';
import {
  connectionSchema,
  decideInvitationAccept,
  ExalateError,
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
import { PostgresAdvisoryLock } from './postgres-advisory-lock';
import { PostgresAttachmentContents } from './postgres-attachment-contents';
import { appliedPostgresMigration, latestPostgresMigration, migratePostgresSchema } from './postgres-migrate';
import { createPostgresPool, type PostgresQueryable } from './postgres-pool';
import { PostgresQueueTable, type ClaimRequest } from './postgres-queue-table';
import { jsonDocument, readRow } from './postgres-rows';
import { PostgresSyncTables } from './postgres-sync-tables';
import { inPostgresTransaction } from './postgres-transaction';
import { asStorageFullError } from './storage-full';

export interface PostgresStoreOptions {
  /** A libpq connection URL (DATABASE_URL). */
  readonly url: string;
  /** The node's own schema (see schemaForNode); created when missing. */
  readonly schema: string;
  /** Connections for statements and transactions (default 10). */
  readonly poolSize?: number;
  /** Connections that hold advisory locks for runExclusive, kept apart so waiting never starves statements (default 10). */
  readonly lockPoolSize?: number;
  /** Told about connections that broke while idle; the pool replaces them. */
  readonly onConnectionError?: (error: Error) => void;
}

/** What every PostgresStore of one node shares; a transaction's store differs only in its client. */
interface SharedState {
  readonly pool: pg.Pool;
  readonly lockPool: pg.Pool;
  readonly locks: PostgresAdvisoryLock;
}

const identityRow = z.object({ node_id: z.string(), public_key: z.string(), private_key: z.string(), created_at: z.number() });
const connectionRow = z.object({ document: connectionSchema });
const invitationRow = z.object({ token_hash: z.string(), expires_at: z.number(), used_at: z.number().nullable(), sealed_code: z.string().nullable() });

/**
 * The store for nodes that outgrow one machine: any number of node processes share one
 * PostgreSQL schema, claim queue entries with FOR UPDATE SKIP LOCKED, and serialise per key with
 * advisory locks. Same contract as SqliteStore (test/contract/store.contract.ts).
 */
export class PostgresStore implements StoreV1 {
  private readonly database: PostgresQueryable;
  private readonly sync: PostgresSyncTables;
  private readonly queue: PostgresQueueTable;
  private readonly attachments: PostgresAttachmentContents;

  private constructor(
    private readonly shared: SharedState,
    private readonly transactionClient: pg.PoolClient | undefined,
  ) {
    this.database = translatingStorageFull(transactionClient ?? shared.pool);
    this.sync = new PostgresSyncTables(this.database);
    this.attachments = new PostgresAttachmentContents(this.database);
    this.queue = new PostgresQueueTable(this.database, (work) => this.atomically(work));
  }

  /** Connects, creates the schema if needed and applies pending migrations. */
  static async open(options: PostgresStoreOptions): Promise<PostgresStore> {
    const onConnectionError = options.onConnectionError ?? (() => undefined);
    const pool = createPostgresPool({
      url: options.url,
      schema: options.schema,
      maximumConnections: options.poolSize ?? 10,
      applicationName: `exalate ${options.schema}`,
      onConnectionError,
    });
    const lockPool = createPostgresPool({
      url: options.url,
      schema: options.schema,
      maximumConnections: options.lockPoolSize ?? 10,
      applicationName: `exalate ${options.schema} locks`,
      onConnectionError,
    });
    try {
      await migratePostgresSchema(pool, options.schema);
    } catch (error) {
      await Promise.allSettled([pool.end(), lockPool.end()]);
      throw error;
    }
    return new PostgresStore({ pool, lockPool, locks: new PostgresAdvisoryLock(lockPool, options.schema) }, undefined);
  }

  /** Readiness: the database answers and the schema has every migration this code knows. */
  async checkReadiness(): Promise<{ readonly ready: true } | { readonly ready: false; readonly reason: string }> {
    const applied = await appliedPostgresMigration(this.database);
    return applied >= latestPostgresMigration
      ? { ready: true }
      : { ready: false, reason: `the schema is at migration ${applied}, this node needs ${latestPostgresMigration}` };
  }

  async ensureNodeIdentity(candidate: NodeIdentity): Promise<NodeIdentity> {
    await this.database.query(
      'INSERT INTO node_identity (singleton, node_id, public_key, private_key, created_at) VALUES (1, $1, $2, $3, $4) ON CONFLICT (singleton) DO NOTHING',
      [candidate.nodeId, candidate.publicKey, candidate.privateKey, candidate.createdAt],
    );
    const { rows } = await this.database.query('SELECT node_id, public_key, private_key, created_at FROM node_identity WHERE singleton = 1');
    const row = readRow(identityRow, rows[0], 'node identity');
    return { nodeId: row.node_id, publicKey: row.public_key, privateKey: row.private_key, createdAt: row.created_at };
  }

  async getSetting(key: string): Promise<string | undefined> {
    const { rows } = await this.database.query('SELECT value FROM settings WHERE key = $1', [key]);
    return rows[0] ? readRow(z.object({ value: z.string() }), rows[0], 'setting').value : undefined;
  }

  async putSetting(key: string, value: string): Promise<void> {
    await this.database.query('INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [key, value]);
  }

  async deleteSetting(key: string): Promise<void> {
    await this.database.query('DELETE FROM settings WHERE key = $1', [key]);
  }

  async insertConnection(connection: Connection): Promise<void> {
    await this.database.query('INSERT INTO connections (id, status, document, updated_at) VALUES ($1, $2, $3::jsonb, $4)', [
      connection.id,
      connection.status,
      jsonDocument(connection),
      connection.updatedAt,
    ]);
  }

  async insertConnectionUnlessLive(connection: Connection): Promise<boolean> {
    // ON CONFLICT waits for a concurrent insert of the same id to commit, then re-checks the WHERE:
    // of parallel calls exactly one writes a row.
    const result = await this.database.query(
      "INSERT INTO connections (id, status, document, updated_at) VALUES ($1, $2, $3::jsonb, $4) ON CONFLICT (id) DO UPDATE SET status = excluded.status, document = excluded.document, updated_at = excluded.updated_at WHERE connections.status = 'deleted'",
      [connection.id, connection.status, jsonDocument(connection), connection.updatedAt],
    );
    return result.rowCount === 1;
  }

  async updateConnection(connection: Connection): Promise<void> {
    const result = await this.database.query('UPDATE connections SET status = $1, document = $2::jsonb, updated_at = $3 WHERE id = $4', [
      connection.status,
      jsonDocument(connection),
      connection.updatedAt,
      connection.id,
    ]);
    if (result.rowCount !== 1) throw new ExalateError('not_found', `There is no connection with id ${connection.id}.`);
  }

  async getConnection(id: string): Promise<Connection | undefined> {
    const { rows } = await this.database.query('SELECT document FROM connections WHERE id = $1', [id]);
    return rows[0] ? readRow(connectionRow, rows[0], 'connection').document : undefined;
  }

  async listConnections(): Promise<readonly Connection[]> {
    const { rows } = await this.database.query('SELECT document FROM connections ORDER BY creation_order');
    return rows.map((row) => readRow(connectionRow, row, 'connection').document);
  }

  async insertInvitation(invitation: InvitationRecord): Promise<void> {
    await this.database.query('INSERT INTO invitations (connection_id, token_hash, expires_at, used_at, sealed_code) VALUES ($1, $2, $3, $4, $5)', [
      invitation.connectionId,
      invitation.tokenHash,
      invitation.expiresAt,
      invitation.usedAt,
      invitation.sealedCode,
    ]);
  }

  async getInvitation(connectionId: string): Promise<InvitationRecord | undefined> {
    const { rows } = await this.database.query('SELECT token_hash, expires_at, used_at, sealed_code FROM invitations WHERE connection_id = $1', [connectionId]);
    if (!rows[0]) return undefined;
    const invitation = readRow(invitationRow, rows[0], 'invitation');
    return { connectionId, tokenHash: invitation.token_hash, expiresAt: invitation.expires_at, usedAt: invitation.used_at, sealedCode: invitation.sealed_code };
  }

  async discardInvitationCode(connectionId: string): Promise<void> {
    await this.database.query('UPDATE invitations SET sealed_code = NULL WHERE connection_id = $1', [connectionId]);
  }

  consumeInvitation(connectionId: string, tokenHash: string, now: number): Promise<InvitationConsumption> {
    return this.atomically(async (database) => {
      // The row lock makes check and write one step: a concurrent consumer waits, then sees it used.
      const { rows } = await database.query('SELECT token_hash, expires_at, used_at, sealed_code FROM invitations WHERE connection_id = $1 FOR UPDATE', [
        connectionId,
      ]);
      const invitation = rows[0] ? readRow(invitationRow, rows[0], 'invitation') : undefined;
      const decision = decideInvitationAccept(
        invitation && { tokenHash: invitation.token_hash, expiresAt: invitation.expires_at, usedAt: invitation.used_at },
        tokenHash,
        now,
      );
      if (decision !== 'spend') return decision;
      await database.query('UPDATE invitations SET used_at = $1, sealed_code = NULL WHERE connection_id = $2', [now, connectionId]);
      return 'consumed';
    });
  }

  async rememberRequestId(requestId: string, expiresAt: number, now: number): Promise<boolean> {
    await this.database.query('DELETE FROM seen_request_ids WHERE expires_at < $1', [now]);
    const result = await this.database.query('INSERT INTO seen_request_ids (request_id, expires_at) VALUES ($1, $2) ON CONFLICT (request_id) DO NOTHING', [
      requestId,
      expiresAt,
    ]);
    return result.rowCount === 1;
  }

  getRules(connectionId: string): Promise<ConnectionRules | undefined> {
    return this.sync.getRules(connectionId);
  }
  putRules(connectionId: string, rules: ConnectionRules): Promise<void> {
    return this.sync.putRules(connectionId, rules);
  }
  listTriggers(connectionId: string): Promise<readonly Trigger[]> {
    return this.sync.listTriggers(connectionId);
  }
  insertTrigger(trigger: Trigger): Promise<void> {
    return this.sync.insertTrigger(trigger);
  }
  deleteTrigger(connectionId: string, triggerId: string): Promise<boolean> {
    return this.sync.deleteTrigger(connectionId, triggerId);
  }
  getTwinByLocalKey(connectionId: string, localKey: string): Promise<Twin | undefined> {
    return this.sync.getTwinByLocalKey(connectionId, localKey);
  }
  getTwinByRemoteKey(connectionId: string, remoteKey: string): Promise<Twin | undefined> {
    return this.sync.getTwinByRemoteKey(connectionId, remoteKey);
  }
  putTwin(twin: Twin): Promise<void> {
    return this.sync.putTwin(twin);
  }
  deleteTwin(connectionId: string, localKey: string): Promise<void> {
    return this.sync.deleteTwin(connectionId, localKey);
  }
  listTwins(connectionId: string): Promise<readonly Twin[]> {
    return this.sync.listTwins(connectionId);
  }
  enqueue(entry: Omit<QueueEntry, 'position'>): Promise<number | undefined> {
    return this.queue.enqueue(entry);
  }
  listQueue(query: QueueQuery): Promise<readonly QueueEntry[]> {
    return this.queue.listQueue(query);
  }
  claimDueEntries(claim: ClaimRequest): Promise<readonly QueueEntry[]> {
    return this.queue.claimDueEntries(claim);
  }
  updateQueueEntry(connectionId: string, direction: QueueEntry['direction'], position: number, patch: QueueEntryPatch): Promise<void> {
    return this.queue.updateQueueEntry(connectionId, direction, position, patch);
  }
  countQueue(connectionId: string): ReturnType<StoreV1['countQueue']> {
    return this.queue.countQueue(connectionId);
  }
  runExclusive<T>(key: string, work: () => Promise<T>): Promise<T> {
    return this.shared.locks.run(key, work);
  }
  putAttachmentContent(content: AttachmentContent): Promise<void> {
    return this.attachments.put(content);
  }
  getAttachmentContent(key: AttachmentContentKey): Promise<AttachmentContent | undefined> {
    return this.attachments.get(key);
  }
  deleteAttachmentContent(key: AttachmentContentKey): Promise<void> {
    return this.attachments.delete(key);
  }
  measureAttachmentContent(connectionId: string): Promise<number> {
    return this.attachments.measure(connectionId);
  }
  listAttachmentContentReceivedBefore(receivedBefore: number, limit: number): ReturnType<StoreV1['listAttachmentContentReceivedBefore']> {
    return this.attachments.listReceivedBefore(receivedBefore, limit);
  }
  recordError(error: SyncError): Promise<SyncError> {
    return this.sync.recordError(error);
  }
  listErrors(options: { readonly includeResolved: boolean }): Promise<readonly SyncError[]> {
    return this.sync.listErrors(options.includeResolved);
  }
  getError(id: string): Promise<SyncError | undefined> {
    return this.sync.getError(id);
  }
  resolveErrors(filter: { readonly id?: string; readonly connectionId?: string; readonly itemKey?: string | null }, now: number): Promise<number> {
    return this.sync.resolveErrors(filter, now);
  }

  /** One client from BEGIN to COMMIT; the store handed to `work` (and anything nested in it) uses that client. */
  transaction<T>(work: (store: StoreV1) => Promise<T>): Promise<T> {
    if (this.transactionClient) return work(this);
    return inPostgresTransaction(this.shared.pool, (client) => work(new PostgresStore(this.shared, client))).catch((error: unknown) => {
      throw asStorageFullError(error);
    });
  }

  /** Closes both pools, waiting for checked-out clients to come back. A transaction's store leaves that to its owner. */
  async close(): Promise<void> {
    if (this.transactionClient) return;
    await Promise.all([this.shared.lockPool.end(), this.shared.pool.end()]);
  }

  private atomically<T>(work: (database: PostgresQueryable) => Promise<T>): Promise<T> {
    if (this.transactionClient) return work(this.transactionClient);
    return inPostgresTransaction(this.shared.pool, (client) => work(translatingStorageFull(client))).catch((error: unknown) => {
      throw asStorageFullError(error);
    });
  }
}

/** Statements whose failure for lack of space (disk_full) becomes core's storage-full error. */
function translatingStorageFull(database: PostgresQueryable): PostgresQueryable {
  return {
    query: <Row extends pg.QueryResultRow>(text: string, values?: unknown[]) =>
      database.query<Row>(text, values).catch((error: unknown) => {
        throw asStorageFullError(error);
      }),
  };
}
