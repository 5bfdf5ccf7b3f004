import type Database from 'better-sqlite3';
import type { z } from 'zod';
import { SqliteStatements } from './sqlite-statements';
import {
  connectionRulesSchema,
  ExalateError,
  parseJson,
  queueEntrySchema,
  queueStates,
  syncErrorSchema,
  triggerSchema,
  twinSchema,
  type ConnectionRules,
  type QueueEntry,
  type QueueEntryPatch,
  type QueueQuery,
  type QueueState,
  type SyncError,
  type Trigger,
  type Twin,
} from '../../../core';

/** Queue rows keep their position in its own column (the autoincrement key). */
const storedQueueEntrySchema = queueEntrySchema.omit({ position: true });

/**
 * The sync engine's tables in SQLite. Synchronous on purpose: SqliteStore runs each call inside
 * its lock, and better-sqlite3 statements are synchronous.
 */
export class SqliteSyncTables {
  private readonly statements: SqliteStatements;

  constructor(database: Database.Database, statements?: SqliteStatements) {
    this.statements = statements ?? new SqliteStatements(database);
  }

  getRules(connectionId: string): ConnectionRules | undefined {
    return this.readOne('SELECT document FROM connection_rules WHERE connection_id = ?', [connectionId], connectionRulesSchema);
  }

  putRules(connectionId: string, rules: ConnectionRules): void {
    this.statements
      .get('INSERT INTO connection_rules (connection_id, document) VALUES (?, ?) ON CONFLICT (connection_id) DO UPDATE SET document = excluded.document')
      .run(connectionId, JSON.stringify(rules));
  }

  listTriggers(connectionId: string): Trigger[] {
    return this.readAll('SELECT document FROM triggers WHERE connection_id = ? ORDER BY rowid', [connectionId], triggerSchema);
  }

  insertTrigger(trigger: Trigger): void {
    this.statements.get('INSERT INTO triggers (id, connection_id, document) VALUES (?, ?, ?)').run(trigger.id, trigger.connectionId, JSON.stringify(trigger));
  }

  deleteTrigger(connectionId: string, triggerId: string): boolean {
    return this.statements.get('DELETE FROM triggers WHERE connection_id = ? AND id = ?').run(connectionId, triggerId).changes === 1;
  }

  getTwinByLocalKey(connectionId: string, localKey: string): Twin | undefined {
    return this.readOne('SELECT document FROM twins WHERE connection_id = ? AND local_key = ?', [connectionId, localKey], twinSchema);
  }

  getTwinByRemoteKey(connectionId: string, remoteKey: string): Twin | undefined {
    return this.readOne('SELECT document FROM twins WHERE connection_id = ? AND remote_key = ?', [connectionId, remoteKey], twinSchema);
  }

  putTwin(twin: Twin): void {
    this.statements
      .get(
        'INSERT INTO twins (connection_id, local_key, remote_key, document) VALUES (?, ?, ?, ?) ON CONFLICT (connection_id, local_key) DO UPDATE SET remote_key = excluded.remote_key, document = excluded.document',
      )
      .run(twin.connectionId, twin.localKey, twin.remoteKey, JSON.stringify(twin));
  }

  deleteTwin(connectionId: string, localKey: string): void {
    this.statements.get('DELETE FROM twins WHERE connection_id = ? AND local_key = ?').run(connectionId, localKey);
  }

  listTwins(connectionId: string): Twin[] {
    return this.readAll('SELECT document FROM twins WHERE connection_id = ? ORDER BY rowid', [connectionId], twinSchema);
  }

  enqueue(entry: Omit<QueueEntry, 'position'>): number | undefined {
    const inserted = this.statements
      .get(
        'INSERT INTO queue (connection_id, direction, envelope_id, item_key, state, next_attempt_at, document) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (connection_id, direction, envelope_id) DO NOTHING',
      )
      .run(entry.connectionId, entry.direction, entry.envelope.id, entry.itemKey, entry.state, entry.nextAttemptAt, JSON.stringify(entry));
    return inserted.changes === 1 ? Number(inserted.lastInsertRowid) : undefined;
  }

  listQueue(query: QueueQuery): QueueEntry[] {
    if (query.states.length === 0 || query.envelopeIds?.length === 0) return [];
    const placeholders = query.states.map(() => '?').join(', ');
    const byItem = query.itemKey === undefined ? '' : ' AND item_key = ?';
    const byEnvelope = query.envelopeIds === undefined ? '' : ` AND envelope_id IN (${query.envelopeIds.map(() => '?').join(', ')})`;
    const rows = this.statements
      .get(
        `SELECT position, state, document FROM queue WHERE connection_id = ? AND direction = ? AND state IN (${placeholders})${byItem}${byEnvelope} ORDER BY position LIMIT ?`,
      )
      .all(
        query.connectionId,
        query.direction,
        ...query.states,
        ...(query.itemKey === undefined ? [] : [query.itemKey]),
        ...(query.envelopeIds ?? []),
        query.limit,
      ) as { position: number; state: string; document: string }[];
    return rows.map((row) => this.readQueueRow(row));
  }

  /** Returns every claim to the queue, due now: for a store just opened, whose claims all belonged to a process that is gone. */
  releaseClaims(now: number): number {
    const rows = this.statements.get("SELECT position, document FROM queue WHERE state = 'in_flight'").all() as { position: number; document: string }[];
    for (const row of rows) {
      const { position: _position, ...document } = { ...this.readQueueRow(row), state: 'queued' as const, nextAttemptAt: now, updatedAt: now };
      this.statements
        .get("UPDATE queue SET state = 'queued', next_attempt_at = ?, document = ? WHERE position = ?")
        .run(now, JSON.stringify(document), row.position);
    }
    return rows.length;
  }

  claimDueEntries(claim: { connectionId: string; direction: QueueEntry['direction']; now: number; leaseMs: number; limit: number }): QueueEntry[] {
    // One SQLite file has one writer: this runs inside the store's lock, so it is atomic as it is.
    const heads = this.statements
      .get(claimHeadsQuery)
      .all({ connectionId: claim.connectionId, direction: claim.direction, now: claim.now, limit: claim.limit }) as { position: number; document: string }[];
    const claimed: QueueEntry[] = [];
    for (const row of heads) {
      const entry = this.readQueueRow(row);
      const updated: QueueEntry = {
        ...entry,
        state: 'in_flight',
        attempts: entry.attempts + 1,
        nextAttemptAt: claim.now + claim.leaseMs,
        updatedAt: claim.now,
      };
      const { position: _position, ...document } = updated;
      this.statements
        .get('UPDATE queue SET state = ?, next_attempt_at = ?, document = ? WHERE position = ?')
        .run('in_flight', updated.nextAttemptAt, JSON.stringify(document), entry.position);
      claimed.push(updated);
    }
    return claimed;
  }

  updateQueueEntry(connectionId: string, direction: QueueEntry['direction'], position: number, patch: QueueEntryPatch): void {
    const row = this.statements
      .get('SELECT position, state, document FROM queue WHERE connection_id = ? AND direction = ? AND position = ?')
      .get(connectionId, direction, position) as { position: number; state: string; document: string } | undefined;
    if (!row) throw new ExalateError('not_found', `There is no queue entry ${position} on connection ${connectionId}.`);
    const updated = { ...this.readQueueRow(row), ...patch };
    const { position: _position, ...document } = updated;
    this.statements
      .get('UPDATE queue SET state = ?, next_attempt_at = ?, document = ? WHERE position = ?')
      .run(updated.state, updated.nextAttemptAt, JSON.stringify(document), position);
  }

  countQueue(connectionId: string): Record<QueueEntry['direction'], Record<QueueState, number>> {
    const empty = () => Object.fromEntries(queueStates.map((state) => [state, 0])) as Record<QueueState, number>;
    const counts = { outbound: empty(), inbound: empty() };
    const rows = this.statements
      .get('SELECT direction, state, COUNT(*) AS total FROM queue WHERE connection_id = ? GROUP BY direction, state')
      .all(connectionId) as { direction: 'outbound' | 'inbound'; state: QueueState; total: number }[];
    for (const row of rows) counts[row.direction][row.state] = row.total;
    return counts;
  }

  recordError(error: SyncError): SyncError {
    const dedupeKey = [error.scope, error.connectionId ?? '', error.itemKey ?? '', error.code].join('\u0000');
    const open = this.readOne('SELECT document FROM sync_errors WHERE dedupe_key = ? AND resolved_at IS NULL', [dedupeKey], syncErrorSchema);
    const kept: SyncError = open ? { ...open, message: error.message, line: error.line, occurrences: open.occurrences + 1, updatedAt: error.updatedAt } : error;
    this.statements
      .get(
        'INSERT INTO sync_errors (id, dedupe_key, resolved_at, document) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET resolved_at = excluded.resolved_at, document = excluded.document',
      )
      .run(kept.id, dedupeKey, kept.resolvedAt, JSON.stringify(kept));
    return kept;
  }

  listErrors(includeResolved: boolean): SyncError[] {
    return this.readAll(`SELECT document FROM sync_errors ${includeResolved ? '' : 'WHERE resolved_at IS NULL'} ORDER BY rowid DESC`, [], syncErrorSchema);
  }

  getError(id: string): SyncError | undefined {
    return this.readOne('SELECT document FROM sync_errors WHERE id = ?', [id], syncErrorSchema);
  }

  resolveErrors(filter: { id?: string; connectionId?: string; itemKey?: string | null }, now: number): number {
    const matching = this.listErrors(false).filter(
      (error) =>
        (filter.id === undefined || error.id === filter.id) &&
        (filter.connectionId === undefined || error.connectionId === filter.connectionId) &&
        (filter.itemKey === undefined || error.itemKey === filter.itemKey),
    );
    const update = this.statements.get('UPDATE sync_errors SET resolved_at = ?, document = ? WHERE id = ?');
    for (const error of matching) update.run(now, JSON.stringify({ ...error, resolvedAt: now }), error.id);
    return matching.length;
  }

  private readQueueRow(row: { position: number; document: string }): QueueEntry {
    return { ...this.parse(row.document, storedQueueEntrySchema), position: row.position };
  }

  private readOne<T>(sql: string, parameters: unknown[], schema: z.ZodType<T>): T | undefined {
    const row = this.statements.get(sql).get(...parameters) as { document: string } | undefined;
    return row ? this.parse(row.document, schema) : undefined;
  }

  private readAll<T>(sql: string, parameters: unknown[], schema: z.ZodType<T>): T[] {
    return (this.statements.get(sql).all(...parameters) as { document: string }[]).map((row) => this.parse(row.document, schema));
  }

  private parse<T>(document: string, schema: z.ZodType<T>): T {
    const parsed = parseJson(document, schema);
    if (!parsed.ok)
      throw new ExalateError('internal', 'A stored sync record could not be read; the database may be damaged.', { details: { reason: parsed.reason } });
    return parsed.value;
  }
}

/**
 * The first due heads of a connection's queue (the earliest unfinished entry of each item), in
 * position order. Queued entries are walked along `queue_state` (connection, direction, state,
 * position), which stops after `limit` heads: the one query over both states had SQLite sort every
 * due entry, documents included, on every claim, so a claim cost grew with the backlog (about
 * 25 ms at 10,000 waiting entries, 0.3 ms this way). Entries in flight are looked up by the end of
 * their lease along `queue_due`: most are leased (sent, awaiting their receipt), and walking them
 * all on every claim made a sender's claims grow with what it had in flight.
 */
export const claimHeadsQuery = `
  SELECT position, document FROM queue WHERE position IN (
    SELECT position FROM (${dueHeadsIn('queued', 'queue_state', 'ORDER BY position')})
    UNION ALL
    SELECT position FROM (${dueHeadsIn('in_flight', 'queue_due', '')})
  )
  ORDER BY position LIMIT @limit`;

/** `order`: empty where the index's own order (the lease's end) is good enough; the outer query sorts by position. */
function dueHeadsIn(state: 'queued' | 'in_flight', index: 'queue_state' | 'queue_due', order: string): string {
  return `SELECT position FROM queue AS entry INDEXED BY ${index}
    WHERE connection_id = @connectionId AND direction = @direction AND state = '${state}' AND next_attempt_at <= @now
      AND NOT EXISTS (SELECT 1 FROM queue AS earlier WHERE earlier.connection_id = entry.connection_id AND earlier.direction = entry.direction
                      AND earlier.item_key = entry.item_key AND earlier.state IN ('queued', 'in_flight') AND earlier.position < entry.position)
    ${order} LIMIT @limit`;
}
