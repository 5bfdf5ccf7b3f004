import { z } from 'zod';
import {
  connectionRulesSchema,
  syncErrorSchema,
  triggerSchema,
  twinSchema,
  type ConnectionRules,
  type SyncError,
  type Trigger,
  type Twin,
} from '../../../core';
import type { PostgresQueryable } from './postgres-pool';
import { jsonDocument, readRow } from './postgres-rows';

const rulesRow = z.object({ document: connectionRulesSchema });
const triggerRow = z.object({ document: triggerSchema });
const twinRow = z.object({ document: twinSchema });
const errorRow = z.object({ document: syncErrorSchema });

/**
 * The sync engine's rules, triggers, twins and errors in PostgreSQL. Every method is one
 * statement, so it is atomic on its own and joins the caller's transaction when given its client.
 */
export class PostgresSyncTables {
  constructor(private readonly database: PostgresQueryable) {}

  async getRules(connectionId: string): Promise<ConnectionRules | undefined> {
    const { rows } = await this.database.query('SELECT document FROM connection_rules WHERE connection_id = $1', [connectionId]);
    return rows[0] ? readRow(rulesRow, rows[0], 'set of rules').document : undefined;
  }

  async putRules(connectionId: string, rules: ConnectionRules): Promise<void> {
    await this.database.query(
      'INSERT INTO connection_rules (connection_id, document) VALUES ($1, $2::jsonb) ON CONFLICT (connection_id) DO UPDATE SET document = excluded.document',
      [connectionId, jsonDocument(rules)],
    );
  }

  async listTriggers(connectionId: string): Promise<Trigger[]> {
    const { rows } = await this.database.query('SELECT document FROM triggers WHERE connection_id = $1 ORDER BY creation_order', [connectionId]);
    return rows.map((row) => readRow(triggerRow, row, 'trigger').document);
  }

  async insertTrigger(trigger: Trigger): Promise<void> {
    await this.database.query('INSERT INTO triggers (id, connection_id, document) VALUES ($1, $2, $3::jsonb)', [
      trigger.id,
      trigger.connectionId,
      jsonDocument(trigger),
    ]);
  }

  async deleteTrigger(connectionId: string, triggerId: string): Promise<boolean> {
    return (await this.database.query('DELETE FROM triggers WHERE connection_id = $1 AND id = $2', [connectionId, triggerId])).rowCount === 1;
  }

  getTwinByLocalKey(connectionId: string, localKey: string): Promise<Twin | undefined> {
    return this.readTwin('SELECT document FROM twins WHERE connection_id = $1 AND local_key = $2', [connectionId, localKey]);
  }

  getTwinByRemoteKey(connectionId: string, remoteKey: string): Promise<Twin | undefined> {
    return this.readTwin('SELECT document FROM twins WHERE connection_id = $1 AND remote_key = $2 ORDER BY creation_order LIMIT 1', [connectionId, remoteKey]);
  }

  async putTwin(twin: Twin): Promise<void> {
    await this.database.query(
      `INSERT INTO twins (connection_id, local_key, remote_key, document) VALUES ($1, $2, $3, $4::jsonb)
       ON CONFLICT (connection_id, local_key) DO UPDATE SET remote_key = excluded.remote_key, document = excluded.document`,
      [twin.connectionId, twin.localKey, twin.remoteKey, jsonDocument(twin)],
    );
  }

  async deleteTwin(connectionId: string, localKey: string): Promise<void> {
    await this.database.query('DELETE FROM twins WHERE connection_id = $1 AND local_key = $2', [connectionId, localKey]);
  }

  async listTwins(connectionId: string): Promise<Twin[]> {
    const { rows } = await this.database.query('SELECT document FROM twins WHERE connection_id = $1 ORDER BY creation_order', [connectionId]);
    return rows.map((row) => readRow(twinRow, row, 'twin').document);
  }

  /**
   * One statement, so two processes recording the same error at once still count one open error
   * with two occurrences: the partial unique index on open errors turns the second insert into
   * an update of the first.
   */
  async recordError(error: SyncError): Promise<SyncError> {
    // A JSON array keeps the parts apart unambiguously (text columns cannot hold SQLite's NUL separator).
    const dedupeKey = JSON.stringify([error.scope, error.connectionId, error.itemKey, error.code]);
    const { rows } = await this.database.query(
      `INSERT INTO sync_errors (id, dedupe_key, connection_id, item_key, resolved_at, document) VALUES ($1, $2, $3, $4, $5, $6::jsonb)
       ON CONFLICT (dedupe_key) WHERE resolved_at IS NULL DO UPDATE SET document = sync_errors.document || jsonb_build_object(
         'message', excluded.document -> 'message',
         'line', excluded.document -> 'line',
         'occurrences', (sync_errors.document ->> 'occurrences')::integer + 1,
         'updatedAt', excluded.document -> 'updatedAt')
       RETURNING document`,
      [error.id, dedupeKey, error.connectionId, error.itemKey, error.resolvedAt, jsonDocument(error)],
    );
    return readRow(errorRow, rows[0], 'sync error').document;
  }

  async listErrors(includeResolved: boolean): Promise<SyncError[]> {
    const { rows } = await this.database.query(
      `SELECT document FROM sync_errors ${includeResolved ? '' : 'WHERE resolved_at IS NULL'} ORDER BY creation_order DESC`,
    );
    return rows.map((row) => readRow(errorRow, row, 'sync error').document);
  }

  async getError(id: string): Promise<SyncError | undefined> {
    const { rows } = await this.database.query('SELECT document FROM sync_errors WHERE id = $1', [id]);
    return rows[0] ? readRow(errorRow, rows[0], 'sync error').document : undefined;
  }

  async resolveErrors(filter: { readonly id?: string; readonly connectionId?: string; readonly itemKey?: string | null }, now: number): Promise<number> {
    const conditions = ['resolved_at IS NULL'];
    const values: unknown[] = [now];
    if (filter.id !== undefined) conditions.push(`id = $${values.push(filter.id)}`);
    if (filter.connectionId !== undefined) conditions.push(`connection_id = $${values.push(filter.connectionId)}`);
    // itemKey null means "errors about no item" (connection and node scope), not "any item".
    if (filter.itemKey !== undefined) conditions.push(`item_key IS NOT DISTINCT FROM $${values.push(filter.itemKey)}::text`);
    const result = await this.database.query(
      `UPDATE sync_errors SET resolved_at = $1, document = jsonb_set(document, '{resolvedAt}', to_jsonb($1::bigint)) WHERE ${conditions.join(' AND ')}`,
      values,
    );
    return result.rowCount ?? 0;
  }

  private async readTwin(sql: string, values: unknown[]): Promise<Twin | undefined> {
    const { rows } = await this.database.query(sql, values);
    return rows[0] ? readRow(twinRow, rows[0], 'twin').document : undefined;
  }
}
