import { z } from 'zod';
import { ExalateError, queueEntrySchema, queueStates, type QueueEntry, type QueueEntryPatch, type QueueQuery, type QueueState } from '../../../core';
import type { PostgresQueryable } from './postgres-pool';
import { jsonDocument, readRow } from './postgres-rows';

const queueColumns =
  'position, connection_id, direction, envelope_id, item_key, state, attempts, next_attempt_at, last_error, created_at, updated_at, envelope';

/** A queue row as the columns hold it, turned into the engine's entry and checked by its schema. */
const queueRow = z
  .object({
    position: z.number(),
    connection_id: z.string(),
    direction: z.string(),
    item_key: z.string(),
    envelope: z.unknown(),
    state: z.string(),
    attempts: z.number(),
    next_attempt_at: z.number(),
    last_error: z.string().nullable(),
    created_at: z.number(),
    updated_at: z.number(),
  })
  .transform((row) => ({
    connectionId: row.connection_id,
    direction: row.direction,
    position: row.position,
    itemKey: row.item_key,
    envelope: row.envelope,
    state: row.state,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    lastError: row.last_error,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }))
  .pipe(queueEntrySchema);

const countRow = z.object({ direction: z.enum(['outbound', 'inbound']), state: z.enum(queueStates), total: z.number() });

export interface ClaimRequest {
  readonly connectionId: string;
  readonly direction: QueueEntry['direction'];
  readonly now: number;
  readonly leaseMs: number;
  readonly limit: number;
}

/**
 * The outbox and inbox in PostgreSQL, shared by every node process on the schema. `atomically`
 * runs several statements as one step: in the caller's transaction when there is one, else in
 * a transaction of their own.
 */
export class PostgresQueueTable {
  constructor(
    private readonly database: PostgresQueryable,
    private readonly atomically: <T>(work: (database: PostgresQueryable) => Promise<T>) => Promise<T>,
  ) {}

  enqueue(entry: Omit<QueueEntry, 'position'>): Promise<number | undefined> {
    return this.atomically(async (database) => {
      // Positions come from a sequence, handed out in call order but committed in any order: a
      // later enqueue for the same item could commit first and be claimed ahead of an earlier one.
      // This lock, held until commit, serialises enqueues per item so their positions follow commits.
      await database.query('SELECT pg_advisory_xact_lock(hashtext($1), hashtext($2))', [
        'exalate-queue-item',
        JSON.stringify([entry.connectionId, entry.direction, entry.itemKey]),
      ]);
      const { rows } = await database.query(
        `INSERT INTO queue (connection_id, direction, envelope_id, item_key, state, attempts, next_attempt_at, last_error, created_at, updated_at, envelope)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::jsonb)
         ON CONFLICT (connection_id, direction, envelope_id) DO NOTHING RETURNING position`,
        [
          entry.connectionId,
          entry.direction,
          entry.envelope.id,
          entry.itemKey,
          entry.state,
          entry.attempts,
          entry.nextAttemptAt,
          entry.lastError,
          entry.createdAt,
          entry.updatedAt,
          jsonDocument(entry.envelope),
        ],
      );
      return rows[0] ? readRow(z.object({ position: z.number() }), rows[0], 'queue position').position : undefined;
    });
  }

  async listQueue(query: QueueQuery): Promise<QueueEntry[]> {
    if (query.states.length === 0 || query.envelopeIds?.length === 0) return [];
    const values: unknown[] = [query.connectionId, query.direction, [...query.states], query.limit];
    const conditions = ['connection_id = $1', 'direction = $2', 'state = ANY($3::text[])'];
    if (query.itemKey !== undefined) conditions.push(`item_key = $${values.push(query.itemKey)}`);
    if (query.envelopeIds !== undefined) conditions.push(`envelope_id = ANY($${values.push([...query.envelopeIds])}::text[])`);
    const { rows } = await this.database.query(`SELECT ${queueColumns} FROM queue WHERE ${conditions.join(' AND ')} ORDER BY position LIMIT $4`, values);
    return rows.map((row) => readRow(queueRow, row, 'queue entry'));
  }

  /**
   * One statement. `heads` is each item's oldest unfinished entry as of the statement's snapshot;
   * of those, the due ones are locked with SKIP LOCKED, so a concurrent claimer passes over rows
   * another is taking instead of waiting or taking them twice. When a row changed after the
   * snapshot (another process claimed or finished it), PostgreSQL re-checks the conditions on
   * `queue` against the new row version, so an entry just leased is no longer due and is left
   * alone. A later entry of an item is never a head while an earlier one is unfinished, so no
   * two claims ever hold two entries of one item.
   */
  async claimDueEntries(claim: ClaimRequest): Promise<QueueEntry[]> {
    const { rows } = await this.database.query(
      `WITH heads AS (
         SELECT DISTINCT ON (item_key) position FROM queue
         WHERE connection_id = $1 AND direction = $2 AND state IN ('queued', 'in_flight')
         ORDER BY item_key, position
       ), due AS (
         SELECT queue.position FROM queue JOIN heads ON heads.position = queue.position
         WHERE queue.state IN ('queued', 'in_flight') AND queue.next_attempt_at <= $3
         ORDER BY queue.position
         LIMIT $5
         FOR UPDATE OF queue SKIP LOCKED
       )
       UPDATE queue SET state = 'in_flight', attempts = queue.attempts + 1, next_attempt_at = $3::bigint + $4::bigint, updated_at = $3
       FROM due WHERE queue.position = due.position
       RETURNING ${queueColumns
         .split(', ')
         .map((column) => `queue.${column}`)
         .join(', ')}`,
      [claim.connectionId, claim.direction, claim.now, claim.leaseMs, claim.limit],
    );
    return rows.map((row) => readRow(queueRow, row, 'queue entry')).sort((left, right) => left.position - right.position);
  }

  async updateQueueEntry(connectionId: string, direction: QueueEntry['direction'], position: number, patch: QueueEntryPatch): Promise<void> {
    const values: unknown[] = [connectionId, direction, position];
    const assignments: string[] = [];
    if (patch.state !== undefined) assignments.push(`state = $${values.push(patch.state)}`);
    if (patch.attempts !== undefined) assignments.push(`attempts = $${values.push(patch.attempts)}`);
    if (patch.nextAttemptAt !== undefined) assignments.push(`next_attempt_at = $${values.push(patch.nextAttemptAt)}`);
    if (patch.lastError !== undefined) assignments.push(`last_error = $${values.push(patch.lastError)}`);
    if (patch.updatedAt !== undefined) assignments.push(`updated_at = $${values.push(patch.updatedAt)}`);
    // An empty patch still has to find its entry: the port throws not_found for a missing one.
    const set = assignments.length > 0 ? assignments.join(', ') : 'position = position';
    const result = await this.database.query(`UPDATE queue SET ${set} WHERE connection_id = $1 AND direction = $2 AND position = $3`, values);
    if (result.rowCount !== 1) throw new ExalateError('not_found', `There is no queue entry ${position} on connection ${connectionId}.`);
  }

  async countQueue(connectionId: string): Promise<Record<QueueEntry['direction'], Record<QueueState, number>>> {
    const empty = () => Object.fromEntries(queueStates.map((state) => [state, 0])) as Record<QueueState, number>;
    const counts = { outbound: empty(), inbound: empty() };
    const { rows } = await this.database.query('SELECT direction, state, count(*) AS total FROM queue WHERE connection_id = $1 GROUP BY direction, state', [
      connectionId,
    ]);
    for (const row of rows) {
      const count = readRow(countRow, row, 'queue count');
      counts[count.direction][count.state] = count.total;
    }
    return counts;
  }
}
