import type Database from 'better-sqlite3';

/**
 * Prepared statements, compiled once per SQL text and reused: compiling is a good part of a
 * simple statement's cost (better-sqlite3's `prepare` parses and plans the SQL every time).
 * The texts are the store's own constants and a few shapes of IN lists, so the cache stays small.
 */
const maximumCached = 500;

export class SqliteStatements {
  private readonly cache = new Map<string, Database.Statement>();

  constructor(private readonly database: Database.Database) {}

  get(sql: string): Database.Statement {
    let statement = this.cache.get(sql);
    if (!statement) {
      // IN lists of every length could grow it without end: start over past a generous bound.
      if (this.cache.size >= maximumCached) this.cache.clear();
      statement = this.database.prepare(sql);
      this.cache.set(sql, statement);
    }
    return statement;
  }
}
