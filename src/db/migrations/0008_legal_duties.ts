// Records the legal duties of issue 12 need:
//
// - `health_assessments`: integrationsloven § 15 d. A concrete assessment of whether a refugee
//   needs a health assessment (`need_assessed`, with `needed`), or the offer of one (`offered`,
//   with `accepted`: null until the person answers). Appended.
// - `repatriation_notices`: repatrieringsloven § 5. A person's wish to return (`wish`), or the
//   municipality's notice of it to the advising organisation (`notification`, naming it). Appended.
// - `danish_educations.start_possible_on`: danskuddannelsesloven § 5. The first day the teaching
//   could begin (the provider's offer), apart from the day it did begin.
//
// Same conventions as 0007: municipality_code first in every key, row-level security with the
// tenant_isolation policy, the application role granted SELECT, INSERT, UPDATE, DELETE, an index
// by (municipality_code, person_id). The CHECKs spell out the vocabulary of src/domain/model.ts
// (a migration is frozen text).
import { sql, type Kysely } from 'kysely';
import { APP_ROLE, TENANT_SETTING } from '../names.js';

const NEW_TENANT_TABLES = ['health_assessments', 'repatriation_notices'] as const;

const RECORD_COLUMNS = `municipality_code text NOT NULL,
     id uuid NOT NULL DEFAULT gen_random_uuid(),
     person_id uuid NOT NULL,
     held_on date NOT NULL,
     note text,
     created_at timestamptz NOT NULL DEFAULT now(),
     created_by uuid,
     PRIMARY KEY (municipality_code, id),
     FOREIGN KEY (municipality_code, person_id) REFERENCES persons (municipality_code, id),
     FOREIGN KEY (municipality_code, created_by) REFERENCES users (municipality_code, id)`;

const STATEMENTS = [
  `CREATE TABLE health_assessments (
     ${RECORD_COLUMNS},
     kind text NOT NULL CHECK (kind IN ('need_assessed','offered')),
     needed boolean,
     accepted boolean,
     CHECK ((kind = 'need_assessed') = (needed IS NOT NULL)),
     CHECK (kind = 'offered' OR accepted IS NULL)
   )`,
  `CREATE INDEX health_assessments_person ON health_assessments (municipality_code, person_id)`,

  `CREATE TABLE repatriation_notices (
     ${RECORD_COLUMNS},
     kind text NOT NULL CHECK (kind IN ('wish','notification')),
     organisation text,
     CHECK ((kind = 'notification') = (organisation IS NOT NULL))
   )`,
  `CREATE INDEX repatriation_notices_person ON repatriation_notices (municipality_code, person_id)`,

  `ALTER TABLE danish_educations
     ADD COLUMN start_possible_on date,
     ADD CONSTRAINT danish_educations_start_possible_after_referral
       CHECK (start_possible_on IS NULL OR start_possible_on >= referred_on)`,

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
  const statements = [
    'ALTER TABLE danish_educations DROP CONSTRAINT danish_educations_start_possible_after_referral',
    'ALTER TABLE danish_educations DROP COLUMN start_possible_on',
    ...[...NEW_TENANT_TABLES].reverse().map((t) => `DROP TABLE ${t}`),
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}
