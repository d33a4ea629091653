// Arrivals imported from Udlændingestyrelsen's housing-placement notice, and households that grow
// (issue 13, items 4 and 5).
//
// - `arrival_notices`: each notice's own reference per municipality (unique: the primary key),
//   the household it created and the visitation decision's date. A second import of the same
//   notice finds the reference and creates nothing.
// - `persons.decision_date`: the day of the visitation decision the person's takeover date is
//   computed from (integrationsloven § 4, stk. 2); null when the takeover date was given without
//   one (e.g. a family-reunified person) or registered before this migration.
// - `persons.takeover_by_consent`: the takeover date is earlier than the law's, with the person's
//   consent (§ 4, stk. 2, 3. pkt.).
//
// Same conventions as 0007–0009: municipality_code first in every key, row-level security with
// the tenant_isolation policy, the application role granted SELECT, INSERT, UPDATE, DELETE, an
// index by (municipality_code, household_id).
import { sql, type Kysely } from 'kysely';
import { APP_ROLE, TENANT_SETTING } from '../names.js';

const STATEMENTS = [
  `ALTER TABLE persons
     ADD COLUMN decision_date date,
     ADD COLUMN takeover_by_consent boolean NOT NULL DEFAULT false,
     ADD CONSTRAINT persons_takeover_after_decision CHECK (decision_date IS NULL OR takeover_date >= decision_date)`,
  `CREATE TABLE arrival_notices (
     municipality_code text NOT NULL,
     reference text NOT NULL CHECK (length(reference) BETWEEN 1 AND 100),
     household_id uuid NOT NULL,
     decision_date date NOT NULL,
     imported_at timestamptz NOT NULL DEFAULT now(),
     imported_by uuid,
     PRIMARY KEY (municipality_code, reference),
     FOREIGN KEY (municipality_code, household_id) REFERENCES households (municipality_code, id),
     FOREIGN KEY (municipality_code, imported_by) REFERENCES users (municipality_code, id)
   )`,
  `CREATE INDEX arrival_notices_household ON arrival_notices (municipality_code, household_id)`,
  `GRANT SELECT, INSERT, UPDATE, DELETE ON arrival_notices TO ${APP_ROLE}`,
  `ALTER TABLE arrival_notices ENABLE ROW LEVEL SECURITY`,
  `CREATE POLICY tenant_isolation ON arrival_notices TO ${APP_ROLE}
     USING (municipality_code = current_setting('${TENANT_SETTING}', true))
     WITH CHECK (municipality_code = current_setting('${TENANT_SETTING}', true))`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('DROP TABLE arrival_notices').execute(db);
  await sql.raw('ALTER TABLE persons DROP CONSTRAINT persons_takeover_after_decision').execute(db);
  await sql.raw('ALTER TABLE persons DROP COLUMN takeover_by_consent, DROP COLUMN decision_date').execute(db);
}
