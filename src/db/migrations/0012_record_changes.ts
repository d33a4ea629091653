// Records that change and cases that close (issue 13, items 3 and 4):
//
// - The five appended case records a case worker can end, correct or delete (activities,
//   conversations, enrolments, language assessments, follow-ups) get a version (the ETag of
//   If-Match), and who changed them last and when.
// - `case_record_changes`: the history of those records and of a case's closure. One row per
//   change, end or deletion, written in the transaction that makes it: who (the staff user),
//   when, the operation, the reason (required for a deletion), and the record's fields before
//   the change as JSON. A deleted record leaves the case but stays here. Nothing updates a row.
// - `case_closures`: a closed case (one per person): the day it closed, why (moved to another
//   municipality, optionally which; self-supporting; repatriated; died), by whom. Deleting a wrong
//   closure leaves its row in the history.
//
// The access log's action vocabulary already holds what these operations log ('change' for an
// end or a correction, 'delete' for a deletion; 0001), so it is not extended.
//
// Same conventions as 0009: municipality_code first in every key, row-level security with the
// tenant_isolation policy, the application role granted SELECT, INSERT, UPDATE, DELETE, an index
// by (municipality_code, person_id). The CHECKs spell out the vocabularies (a migration is frozen
// text; src/domain/record-changes.ts and src/domain/closure.ts hold the same values).
import { sql, type Kysely } from 'kysely';
import { APP_ROLE, TENANT_SETTING } from '../names.js';

const CHANGEABLE_TABLES = ['activities', 'conversations', 'enrolments', 'language_assessments', 'follow_ups'] as const;
const NEW_TENANT_TABLES = ['case_record_changes', 'case_closures'] as const;

const STATEMENTS = [
  ...CHANGEABLE_TABLES.flatMap((t) => [
    `ALTER TABLE ${t}
       ADD COLUMN version integer NOT NULL DEFAULT 1,
       ADD COLUMN updated_at timestamptz,
       ADD COLUMN updated_by uuid`,
    `ALTER TABLE ${t} ADD FOREIGN KEY (municipality_code, updated_by) REFERENCES users (municipality_code, id)`,
  ]),
  `CREATE TABLE case_record_changes (
     municipality_code text NOT NULL,
     id uuid NOT NULL DEFAULT gen_random_uuid(),
     person_id uuid NOT NULL,
     record_kind text NOT NULL CHECK (record_kind IN (
       'activity','conversation','enrolment','language_assessment','follow_up','closure')),
     record_id uuid NOT NULL,
     operation text NOT NULL CHECK (operation IN ('change','end','delete')),
     reason text CHECK (reason IS NULL OR length(reason) BETWEEN 1 AND 2000),
     before jsonb NOT NULL,
     changed_at timestamptz NOT NULL DEFAULT clock_timestamp(),
     changed_by uuid NOT NULL,
     PRIMARY KEY (municipality_code, id),
     FOREIGN KEY (municipality_code, person_id) REFERENCES persons (municipality_code, id),
     FOREIGN KEY (municipality_code, changed_by) REFERENCES users (municipality_code, id),
     CHECK (operation <> 'delete' OR reason IS NOT NULL)
   )`,
  `CREATE INDEX case_record_changes_person ON case_record_changes (municipality_code, person_id)`,
  `CREATE TABLE case_closures (
     municipality_code text NOT NULL,
     id uuid NOT NULL DEFAULT gen_random_uuid(),
     person_id uuid NOT NULL,
     closed_on date NOT NULL,
     reason text NOT NULL CHECK (reason IN ('moved','self_supporting','repatriated','died')),
     moved_to text REFERENCES municipalities (code),
     version integer NOT NULL DEFAULT 1,
     created_at timestamptz NOT NULL DEFAULT now(),
     created_by uuid,
     PRIMARY KEY (municipality_code, id),
     UNIQUE (municipality_code, person_id),
     FOREIGN KEY (municipality_code, person_id) REFERENCES persons (municipality_code, id),
     FOREIGN KEY (municipality_code, created_by) REFERENCES users (municipality_code, id),
     CHECK (moved_to IS NULL OR reason = 'moved')
   )`,
  `CREATE INDEX case_closures_closed_on ON case_closures (municipality_code, closed_on)`,
  ...NEW_TENANT_TABLES.flatMap((t) => [
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ${t} TO ${APP_ROLE}`,
    `ALTER TABLE ${t} ENABLE ROW LEVEL SECURITY`,
    `CREATE POLICY tenant_isolation ON ${t} TO ${APP_ROLE}
       USING (municipality_code = current_setting('${TENANT_SETTING}', true))
       WITH CHECK (municipality_code = current_setting('${TENANT_SETTING}', true))`,
  ]),
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('DROP TABLE case_closures').execute(db);
  await sql.raw('DROP TABLE case_record_changes').execute(db);
  for (const t of CHANGEABLE_TABLES)
    await sql.raw(`ALTER TABLE ${t} DROP COLUMN version, DROP COLUMN updated_at, DROP COLUMN updated_by`).execute(db);
}
