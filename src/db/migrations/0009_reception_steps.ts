// The reception steps of issue 12: one generic record of a step a policy commits to in the
// reception and the first years (informing of rights and duties, an individual reception
// programme, an introduction to the local area, information on associations, an assessment of
// the need for special offers, health orientation …), the kind from a closed vocabulary
// (src/domain/model.ts RECEPTION_STEP_KINDS), the day it was taken and a note. Appended.
//
// Same conventions as 0007 and 0008: municipality_code first in every key, row-level security
// with the tenant_isolation policy, the application role granted SELECT, INSERT, UPDATE, DELETE,
// an index by (municipality_code, person_id). The CHECK spells out the vocabulary (a migration is
// frozen text).
import { sql, type Kysely } from 'kysely';
import { APP_ROLE, TENANT_SETTING } from '../names.js';

const STATEMENTS = [
  `CREATE TABLE reception_steps (
     municipality_code text NOT NULL,
     id uuid NOT NULL DEFAULT gen_random_uuid(),
     person_id uuid NOT NULL,
     kind text NOT NULL CHECK (kind IN (
       'rights_and_duties_information','reception_program','local_area_introduction',
       'association_information','association_participation_help','special_needs_assessment',
       'health_orientation','business_structure_information','help_contacts_information',
       'elderly_offers_information')),
     taken_on date NOT NULL,
     note text,
     created_at timestamptz NOT NULL DEFAULT now(),
     created_by uuid,
     PRIMARY KEY (municipality_code, id),
     FOREIGN KEY (municipality_code, person_id) REFERENCES persons (municipality_code, id),
     FOREIGN KEY (municipality_code, created_by) REFERENCES users (municipality_code, id)
   )`,
  `CREATE INDEX reception_steps_person ON reception_steps (municipality_code, person_id)`,
  `GRANT SELECT, INSERT, UPDATE, DELETE ON reception_steps TO ${APP_ROLE}`,
  `ALTER TABLE reception_steps ENABLE ROW LEVEL SECURITY`,
  `CREATE POLICY tenant_isolation ON reception_steps TO ${APP_ROLE}
     USING (municipality_code = current_setting('${TENANT_SETTING}', true))
     WITH CHECK (municipality_code = current_setting('${TENANT_SETTING}', true))`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('DROP TABLE reception_steps').execute(db);
}
