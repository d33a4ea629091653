// Autovacuum where none runs. PGlite is PostgreSQL in single-user mode: no autovacuum worker
// runs, so dead rows pile up and planner statistics go stale for as long as the server runs
// (seen: a queue table of no live row and 2,794 dead ones, scanned by every request); a
// PostgreSQL server may run with autovacuum off, as this project's CI machine's does. The server
// calls `vacuumPastThresholds` every few seconds on the embedded database (src/server.ts), and the
// benchmarks call it as the owner on a PostgreSQL server whose autovacuum is off. It reads the
// tables' counters and vacuums or analyses those past PostgreSQL's own autovacuum thresholds,
// from the database's settings and each table's storage parameters (as migration 0018 sets
// them), the formulas PostgreSQL's autovacuum applies. One table at a time, each a short
// statement queued like any other, so a request waits for at most one table's vacuum.
import { sql, type Kysely } from 'kysely';
import type { DB } from './schema.js';

export interface TableMaintenance {
  table: string;
  vacuum: boolean;
  analyze: boolean;
}

/** The tables past their thresholds, the most dead rows first. */
export async function tablesDueForMaintenance(db: Kysely<DB>): Promise<TableMaintenance[]> {
  const option = (name: string) =>
    sql<number>`coalesce((SELECT split_part(o, '=', 2)::float8 FROM unnest(c.reloptions) AS o
                            WHERE split_part(o, '=', 1) = ${name}),
                         current_setting(${name})::float8)`;
  const threshold = (kind: 'vacuum' | 'vacuum_insert' | 'analyze') =>
    sql`(${option(`autovacuum_${kind}_threshold`)} + ${option(`autovacuum_${kind}_scale_factor`)} * greatest(c.reltuples, 0))`;
  const { rows } = await sql<TableMaintenance>`
    SELECT t.table, t.vacuum, t.analyze
      FROM (SELECT s.relname AS table, s.n_dead_tup,
                   (s.n_dead_tup > ${threshold('vacuum')} OR s.n_ins_since_vacuum > ${threshold('vacuum_insert')}) AS vacuum,
                   s.n_mod_since_analyze > ${threshold('analyze')} AS analyze
              FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid
             WHERE s.schemaname = 'public') t
     WHERE t.vacuum OR t.analyze
     ORDER BY t.n_dead_tup DESC, t.table`.execute(db);
  return rows;
}

/**
 * Vacuums and analyses the tables past their thresholds; says which. Run by the server on the
 * embedded database, and by the benchmarks as the owner on a PostgreSQL server whose autovacuum
 * is off (as this project's CI machine's is).
 */
export async function vacuumPastThresholds(db: Kysely<DB>): Promise<TableMaintenance[]> {
  const due = await tablesDueForMaintenance(db);
  for (const t of due)
    await (t.vacuum ? sql`VACUUM (ANALYZE) ${sql.table(t.table)}` : sql`ANALYZE ${sql.table(t.table)}`).execute(db);
  return due;
}

/** Whether the server's autovacuum runs (PostgreSQL's setting; PGlite reports on but runs none). */
export async function autovacuumIsOn(db: Kysely<DB>): Promise<boolean> {
  const { rows } = await sql<{ on: boolean }>`SELECT current_setting('autovacuum') = 'on' AS on`.execute(db);
  return rows[0]?.on ?? false;
}
