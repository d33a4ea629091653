// Vacuuming the materialised obligations often enough (issue 16): the two tables every write and
// every worklist touch churn far faster than PostgreSQL's default autovacuum thresholds expect.
//
// - `obligations_dirty` is a queue: each writing transaction inserts its marks and deletes them
//   before it commits, so it holds almost no live row and gains dead ones with every write. Its
//   row estimate drifts (23,296 rows planned for a table of none was seen), and the default
//   threshold (50 + 20 % of that estimate) let it grow to hundreds of pages that every worklist and
//   every write scanned. Vacuumed and analysed after 50 dead or changed rows, whatever its size.
// - `person_obligations`: the rows a change rewrites leave dead rows behind, and until a vacuum
//   sets the visibility map, the worklist's counts (an index-only scan) visit the heap for every
//   row: 9,503 heap fetches, 22 ms instead of 4 ms, measured at 5,000 persons. Vacuumed after 2 %
//   of the rows changed or were inserted (the default is 20 %), analysed after 2 %.
//
// PostgreSQL's autovacuum reads these storage parameters; on the embedded database, where no
// autovacuum runs, src/db/autovacuum.ts reads the same ones.
import { sql, type Kysely } from 'kysely';

const STATEMENTS = [
  `ALTER TABLE obligations_dirty SET (
     autovacuum_vacuum_threshold = 50, autovacuum_vacuum_scale_factor = 0,
     autovacuum_vacuum_insert_threshold = 50, autovacuum_vacuum_insert_scale_factor = 0,
     autovacuum_analyze_threshold = 50, autovacuum_analyze_scale_factor = 0)`,
  `ALTER TABLE person_obligations SET (
     autovacuum_vacuum_scale_factor = 0.02, autovacuum_vacuum_insert_scale_factor = 0.02,
     autovacuum_analyze_scale_factor = 0.02)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const statement of [
    `ALTER TABLE obligations_dirty RESET (
       autovacuum_vacuum_threshold, autovacuum_vacuum_scale_factor, autovacuum_vacuum_insert_threshold,
       autovacuum_vacuum_insert_scale_factor, autovacuum_analyze_threshold, autovacuum_analyze_scale_factor)`,
    `ALTER TABLE person_obligations RESET (
       autovacuum_vacuum_scale_factor, autovacuum_vacuum_insert_scale_factor, autovacuum_analyze_scale_factor)`,
  ])
    await sql.raw(statement).execute(db);
}
