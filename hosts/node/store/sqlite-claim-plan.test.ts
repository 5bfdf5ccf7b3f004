import Database from 'better-sqlite3';
import { sqliteMigrations } from './sqlite-migrations';
import { claimHeadsQuery } from './sqlite-sync-tables';

/**
 * What a claim costs as a node's history grows: the queue keeps every finished entry, and a deep
 * backlog (a bulk sync) can hold tens of thousands waiting. The claim must walk the queue in
 * position order along an index and stop at its limit, never sort every waiting entry (with its
 * document) first: that made each claim of a 10,000-item backfill read the whole backlog.
 */
describe('the SQLite claim of due queue heads', () => {
  function migratedDatabase(): Database.Database {
    const database = new Database(':memory:');
    for (const migration of sqliteMigrations) database.exec(migration.sql);
    return database;
  }

  function planOf(database: Database.Database): string[] {
    return (
      database.prepare(`EXPLAIN QUERY PLAN ${claimHeadsQuery}`).all({ connectionId: 'con_1', direction: 'inbound', now: 1, limit: 50 }) as { detail: string }[]
    ).map((row) => row.detail);
  }

  it('walks queued entries along queue_state, looks up in-flight ones by the end of their lease, and sorts nothing, with statistics or without', () => {
    const database = migratedDatabase();
    const insert = database.prepare(
      "INSERT INTO queue (connection_id, direction, envelope_id, state, document, item_key, next_attempt_at) VALUES ('con_1', 'inbound', ?, ?, '{}', ?, ?)",
    );
    // A sender's queue in a backfill: what is done, thousands sent and leased until their receipt, the rest queued.
    const stateAt = (index: number) => (index < 10_000 ? 'done' : index < 15_000 ? 'in_flight' : 'queued');
    database.transaction(() => {
      for (let index = 0; index < 20_000; index += 1) insert.run(`env_${index}`, stateAt(index), `SUP-${index}`, stateAt(index) === 'in_flight' ? 1e12 : 0);
    })();
    for (const statistics of [false, true]) {
      if (statistics) database.exec('ANALYZE');
      const plan = planOf(database);
      expect(plan.filter((step) => step.includes('USING INDEX queue_state (connection_id=? AND direction=? AND state=?)'))).toHaveLength(1);
      // A range on the lease's end: leased entries are not walked.
      expect(plan.filter((step) => step.includes('USING INDEX queue_due (connection_id=? AND direction=? AND state=? AND next_attempt_at<?)'))).toHaveLength(1);
      expect(plan.some((step) => step.includes('TEMP B-TREE'))).toBe(false);
      expect(plan.some((step) => /^SCAN (entry|queue)\b/.test(step))).toBe(false);
    }
  });

  it('answers the first due head of each item across both states, in position order, up to the limit', () => {
    const database = migratedDatabase();
    const insert = database.prepare(
      "INSERT INTO queue (connection_id, direction, envelope_id, state, document, item_key, next_attempt_at) VALUES ('con_1', 'inbound', ?, ?, '{}', ?, ?)",
    );
    const rows: [string, string, number][] = [
      ['done', 'SUP-1', 0], // 1: finished
      ['in_flight', 'SUP-2', 0], // 2: its lease has run out: due again
      ['queued', 'SUP-2', 0], // 3: behind SUP-2's head
      ['queued', 'SUP-3', 5], // 4: not due yet
      ['queued', 'SUP-4', 0], // 5: a head
      ['in_flight', 'SUP-5', 9], // 6: leased
      ['queued', 'SUP-5', 0], // 7: behind a leased head
      ['queued', 'SUP-6', 0], // 8: a head
    ];
    rows.forEach(([state, item, due], index) => insert.run(`env_${index}`, state, item, due));
    const heads = (limit: number) =>
      (database.prepare(claimHeadsQuery).all({ connectionId: 'con_1', direction: 'inbound', now: 1, limit }) as { position: number }[]).map(
        (row) => row.position,
      );
    expect(heads(50)).toEqual([2, 5, 8]);
    expect(heads(2)).toEqual([2, 5]);
  });
});
