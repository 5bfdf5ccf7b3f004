import pg from 'pg';
import { z } from 'zod';
import {
  ExalateError,
  type ItemChanges,
  type ItemSearchPage,
  type NewItem,
  type TrackerInstance,
  type TrackerItem,
  type TrackerItemOperations,
  type TrackerProject,
  type TrackerUser,
  type TrackerV1,
} from '../../core';
import { trackerItem } from '../fakes/tracker-item';

const itemRow = z.object({ key: z.string(), project_key: z.string(), type: z.string(), summary: z.string(), updated_at: z.coerce.number() });
export const writeRow = z.object({ id: z.number(), item_key: z.string(), operation: z.enum(['create', 'update']), summary: z.string(), writer: z.string() });
export type TrackerWrite = z.infer<typeof writeRow>;

/**
 * A tracker whose items live in PostgreSQL tables, so that several node processes write to the
 * one tracker and the test reads every write back from `writes`, in the order they happened.
 * Each write and its log line commit together, as a real tracker's change and its history do.
 * Only what the scale test's scripts use is there: items with a summary.
 */
export class TableTracker implements TrackerV1, TrackerItemOperations {
  readonly kind = 'jira-cloud' as const;

  constructor(
    private readonly pool: pg.Pool,
    private readonly schema: string,
    /** Names the process in the write log. */
    private readonly writer: string,
  ) {}

  static async createTables(url: string, schema: string): Promise<void> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(`CREATE SCHEMA ${schema}`);
      await client.query(
        `CREATE TABLE ${schema}.items (key text PRIMARY KEY, project_key text NOT NULL, type text NOT NULL, summary text NOT NULL, updated_at bigint NOT NULL)`,
      );
      await client.query(`CREATE SEQUENCE ${schema}.item_numbers`);
      await client.query(
        `CREATE TABLE ${schema}.writes (id bigserial PRIMARY KEY, item_key text NOT NULL, operation text NOT NULL, summary text NOT NULL, writer text NOT NULL)`,
      );
    } finally {
      await client.end();
    }
  }

  static async readWrites(url: string, schema: string): Promise<TrackerWrite[]> {
    const client = new pg.Client({
      connectionString: url,
      types: {
        getTypeParser: (id: number, format?: 'text' | 'binary') => (id === 20 ? Number : pg.types.getTypeParser(id, format ?? 'text')),
      } as pg.CustomTypesConfig,
    });
    await client.connect();
    try {
      return (await client.query(`SELECT id, item_key, operation, summary, writer FROM ${schema}.writes ORDER BY id`)).rows.map((row) => writeRow.parse(row));
    } finally {
      await client.end();
    }
  }

  async describeInstance(): Promise<TrackerInstance> {
    return { tracker: this.kind, version: 'table', url: 'https://tracker.example' };
  }

  async listProjects(): Promise<readonly TrackerProject[]> {
    return [];
  }

  async getItem(key: string): Promise<TrackerItem | undefined> {
    const { rows } = await this.pool.query(`SELECT key, project_key, type, summary, updated_at FROM ${this.schema}.items WHERE key = $1`, [key]);
    if (!rows[0]) return undefined;
    const row = itemRow.parse(rows[0]);
    return trackerItem({
      key: row.key,
      projectKey: row.project_key,
      type: row.type,
      summary: row.summary,
      updated: new Date(row.updated_at).toISOString(),
      url: `https://tracker.example/${row.key}`,
    });
  }

  async searchItems(): Promise<ItemSearchPage> {
    return { keys: [], nextCursor: null };
  }

  async listChangedSince(projectKey: string, since: string, page: { readonly cursor: string | null; readonly limit: number }): Promise<ItemSearchPage> {
    const offset = Number(page.cursor ?? 0);
    const { rows } = await this.pool.query(
      `SELECT key FROM ${this.schema}.items WHERE project_key = $1 AND updated_at >= $2 ORDER BY updated_at, key OFFSET $3 LIMIT $4`,
      [projectKey, Date.parse(since), offset, page.limit + 1],
    );
    const keys = rows.map((row) => z.object({ key: z.string() }).parse(row).key);
    return { keys: keys.slice(0, page.limit), nextCursor: keys.length > page.limit ? String(offset + page.limit) : null };
  }

  async createItem(item: NewItem): Promise<{ readonly key: string }> {
    return this.write(async (client) => {
      const { rows } = await client.query(
        `INSERT INTO ${this.schema}.items (key, project_key, type, summary, updated_at) VALUES ('SCALE-' || nextval('${this.schema}.item_numbers'), $1, $2, $3, $4) RETURNING key`,
        [item.projectKey, item.type, item.summary, Date.now()],
      );
      const key = z.object({ key: z.string() }).parse(rows[0]).key;
      await client.query(`INSERT INTO ${this.schema}.writes (item_key, operation, summary, writer) VALUES ($1, 'create', $2, $3)`, [
        key,
        item.summary,
        this.writer,
      ]);
      return { key };
    });
  }

  async updateItem(key: string, changes: ItemChanges): Promise<void> {
    if (changes.summary === undefined) return;
    await this.write(async (client) => {
      const updated = await client.query(`UPDATE ${this.schema}.items SET summary = $2, updated_at = $3 WHERE key = $1`, [key, changes.summary, Date.now()]);
      if (updated.rowCount !== 1) throw new ExalateError('not_found', `no item ${key}`);
      await client.query(`INSERT INTO ${this.schema}.writes (item_key, operation, summary, writer) VALUES ($1, 'update', $2, $3)`, [
        key,
        changes.summary,
        this.writer,
      ]);
    });
  }

  async addComment(): Promise<{ readonly id: string }> {
    throw new ExalateError('invalid_request', 'The table tracker has no comments.');
  }

  async updateComment(): Promise<void> {
    throw new ExalateError('invalid_request', 'The table tracker has no comments.');
  }

  async findUserByEmail(): Promise<TrackerUser | undefined> {
    return undefined;
  }

  async downloadAttachment(): Promise<Uint8Array> {
    throw new ExalateError('invalid_request', 'The table tracker has no attachments.');
  }

  async uploadAttachment(): Promise<{ readonly id: string }> {
    throw new ExalateError('invalid_request', 'The table tracker has no attachments.');
  }

  private async write<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }
}
