// Materialised obligations (issue 16, item 2): the worklist as an indexed read.
//
// - `person_obligations`: one row per person and rule the worklist may show, as the obligations
//   engine evaluated it for the municipality's day (`obligation_days`): status, due date and the
//   whole obligation (title, source, evidence, reason, tightened law) as JSON. Only rows on the
//   worklist's terms: applicable, and not ended by the case's closure (src/domain/worklist.ts).
// - `obligation_days`: for each municipality, the day its rows were evaluated for and the policy
//   they were evaluated under (a fingerprint of the compiled rules). A worklist for another day,
//   or after the policy changed, evaluates again (src/services/obligation-store.ts).
// - `obligations_dirty`: the persons whose facts changed since their rows were evaluated, marked
//   by the database itself (statement triggers on every table the engine reads) in the
//   transaction that changes them, with that transaction's id. The transaction evaluates its own
//   marks again before it commits; a mark left by any other writer (a migration, a script) is
//   evaluated again by the next worklist before it reads. So no path that writes a fact can leave
//   a row stale unseen.
//
// A closure changes what the other members of the household are owed (a family rule continues
// while a member's case is open), so a closure, and a person joining, leaving or changing
// household, marks the whole household. No foreign key on the marks: a cascade from a deleted
// person still marks it, and evaluating a person who no longer exists removes its rows.
import { sql, type Kysely } from 'kysely';
import { APP_ROLE, TENANT_SETTING } from '../names.js';

/** The tables the obligations engine reads (src/repositories/case-facts.ts), each with person_id. */
const FACT_TABLES = [
  'activities',
  'conversations',
  'contact_person_assignments',
  'contracts',
  'visitations',
  'enrolments',
  'language_assessments',
  'follow_ups',
  'danish_educations',
  'health_assessments',
  'repatriation_notices',
  'labour_market_periods',
  'reception_steps',
] as const;

const tenantPolicy = (table: string) => [
  `ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`,
  `CREATE POLICY tenant_isolation ON ${table} TO ${APP_ROLE}
     USING (municipality_code = current_setting('${TENANT_SETTING}', true))
     WITH CHECK (municipality_code = current_setting('${TENANT_SETTING}', true))`,
];

/** One statement trigger per event, each with its transition table (a trigger may name only one event's). */
const markTriggers = (table: string, fn: string) => [
  `CREATE TRIGGER ${table}_marks_obligations_ins AFTER INSERT ON ${table}
     REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`,
  `CREATE TRIGGER ${table}_marks_obligations_upd_new AFTER UPDATE ON ${table}
     REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`,
  `CREATE TRIGGER ${table}_marks_obligations_upd_old AFTER UPDATE ON ${table}
     REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`,
  `CREATE TRIGGER ${table}_marks_obligations_del AFTER DELETE ON ${table}
     REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`,
];

const STATEMENTS = [
  `CREATE TABLE obligation_days (
     municipality_code text NOT NULL REFERENCES municipalities (code),
     evaluated_for date NOT NULL,
     policy text NOT NULL,
     evaluated_at timestamptz NOT NULL DEFAULT now(),
     PRIMARY KEY (municipality_code)
   )`,
  `CREATE TABLE person_obligations (
     municipality_code text NOT NULL,
     person_id uuid NOT NULL,
     rule_id text NOT NULL,
     status text NOT NULL CHECK (status IN ('met','open','due_soon','overdue')),
     due_date date,
     obligation json NOT NULL,
     PRIMARY KEY (municipality_code, person_id, rule_id),
     FOREIGN KEY (municipality_code, person_id) REFERENCES persons (municipality_code, id) ON DELETE CASCADE
   )`,
  `CREATE INDEX person_obligations_worklist ON person_obligations (municipality_code, status, due_date)`,
  `CREATE TABLE obligations_dirty (
     municipality_code text NOT NULL,
     person_id uuid NOT NULL,
     marked_by xid8 NOT NULL DEFAULT pg_current_xact_id(),
     PRIMARY KEY (municipality_code, person_id, marked_by)
   )`,
  `GRANT SELECT, INSERT, UPDATE ON obligation_days TO ${APP_ROLE}`,
  `GRANT SELECT, INSERT, DELETE ON person_obligations TO ${APP_ROLE}`,
  `GRANT SELECT, INSERT, DELETE ON obligations_dirty TO ${APP_ROLE}`,
  ...['obligation_days', 'person_obligations', 'obligations_dirty'].flatMap(tenantPolicy),
  `CREATE FUNCTION mark_obligations_of_persons() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     INSERT INTO obligations_dirty (municipality_code, person_id)
       SELECT DISTINCT municipality_code, person_id FROM changed WHERE person_id IS NOT NULL
       ON CONFLICT DO NOTHING;
     RETURN NULL;
   END $$`,
  // A closure: the person and every member of the household.
  `CREATE FUNCTION mark_obligations_of_households() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     INSERT INTO obligations_dirty (municipality_code, person_id)
       SELECT DISTINCT c.municipality_code, c.person_id FROM changed c
       UNION
       SELECT m.municipality_code, m.id FROM changed c
         JOIN persons p ON p.municipality_code = c.municipality_code AND p.id = c.person_id
         JOIN persons m ON m.municipality_code = p.municipality_code AND m.household_id = p.household_id
       ON CONFLICT DO NOTHING;
     RETURN NULL;
   END $$`,
  // A person: the person and every member of the household (an open case in it counts for a closed one).
  `CREATE FUNCTION mark_obligations_of_changed_persons() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     INSERT INTO obligations_dirty (municipality_code, person_id)
       SELECT DISTINCT c.municipality_code, c.id FROM changed c
       UNION
       SELECT m.municipality_code, m.id FROM changed c
         JOIN persons m ON m.municipality_code = c.municipality_code AND m.household_id = c.household_id
       ON CONFLICT DO NOTHING;
     RETURN NULL;
   END $$`,
  ...FACT_TABLES.flatMap((t) => markTriggers(t, 'mark_obligations_of_persons')),
  ...markTriggers('case_closures', 'mark_obligations_of_households'),
  ...markTriggers('persons', 'mark_obligations_of_changed_persons'),
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [...FACT_TABLES, 'case_closures', 'persons'])
    for (const suffix of ['ins', 'upd_new', 'upd_old', 'del'])
      await sql.raw(`DROP TRIGGER ${table}_marks_obligations_${suffix} ON ${table}`).execute(db);
  for (const statement of [
    'DROP FUNCTION mark_obligations_of_persons()',
    'DROP FUNCTION mark_obligations_of_households()',
    'DROP FUNCTION mark_obligations_of_changed_persons()',
    'DROP TABLE obligations_dirty',
    'DROP TABLE person_obligations',
    'DROP TABLE obligation_days',
  ])
    await sql.raw(statement).execute(db);
}
