// The worklist's order as one indexed key (issue 16, item 2): a page of the worklist is read by
// walking an index in order, not by ranking every due row of the municipality.
//
// `person_obligations.order_key`, generated as `worklist_order_key(status, due_date)`, is the order of src/domain/worklist.ts byWorklistOrder
// within a group, as one integer: overdue (0), due soon (1), open (2), met (3), each a band of
// 4,000,000 (more than the days from year 1 to 9999); inside the band, overdue ones the most
// recently overdue first, the others the soonest due first, a missing due date last. The long
// overdue group (overdue with a due date before a day) is thus the overdue band's keys above that
// day's key: the group of a row is a key range, whatever the day.
import { sql, type Kysely } from 'kysely';

const STATEMENTS = [
  `CREATE FUNCTION worklist_order_key(status text, due_date date) RETURNS integer
     LANGUAGE sql IMMUTABLE PARALLEL SAFE RETURN
       CASE status WHEN 'overdue' THEN 0 WHEN 'due_soon' THEN 1 WHEN 'open' THEN 2 ELSE 3 END * 4000000
       + CASE WHEN status = 'overdue' THEN DATE '9999-12-31' - coalesce(due_date, DATE '9999-12-31')
              ELSE coalesce(due_date, DATE '9999-12-31') - DATE '0001-01-01' END`,
  // A stored column, not an index on the expression: row-level security lets only leakproof
  // operators into an index condition, and the comparison of two integers is one (the date
  // arithmetic inside the key is not).
  `ALTER TABLE person_obligations ADD COLUMN order_key integer NOT NULL
     GENERATED ALWAYS AS (worklist_order_key(status, due_date)) STORED`,
  `CREATE INDEX person_obligations_order ON person_obligations (municipality_code, order_key) INCLUDE (status, rule_id)`,
  // The counts of the groups: an index-only scan of the statuses asked for, with their keys.
  'DROP INDEX person_obligations_worklist',
  `CREATE INDEX person_obligations_worklist ON person_obligations (municipality_code, status, order_key) INCLUDE (rule_id)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('DROP INDEX person_obligations_worklist').execute(db);
  await sql
    .raw('CREATE INDEX person_obligations_worklist ON person_obligations (municipality_code, status, due_date)')
    .execute(db);
  await sql.raw('DROP INDEX person_obligations_order').execute(db);
  await sql.raw('ALTER TABLE person_obligations DROP COLUMN order_key').execute(db);
  await sql.raw('DROP FUNCTION worklist_order_key(text, date)').execute(db);
}
