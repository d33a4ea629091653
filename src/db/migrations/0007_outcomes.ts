// Outcome records per person over time (issue 11, item 1): what the indicators count. The
// vocabulary is src/domain/outcomes.ts; the CHECK constraints below spell out the same values
// (a migration is frozen text: it never imports a vocabulary that may grow later; a later
// migration widens a constraint the way 0006 widens the roles).
//
// - `labour_market_periods`: a status period (job, wage subsidy, IGU, flexjob, education,
//   self-supporting, benefit, other) from a day to a day (inclusive; open while it lasts), with
//   the hours of paid work, the benefit of a period on benefit, the kind of an education. A
//   period is ended later (to_date set), so it carries a version for If-Match.
// - `educations_completed`: an education finished (youth education, vocational, higher), in
//   Denmark or recognised from abroad. Appended.
// - `danish_educations`: a referral to Danish education (DU1–3), its start, the module reached
//   and its end. The module advances over time, so it carries a version too.
// - `danish_tests`: a Danish test taken (PD1–3, Studieprøven) and whether it was passed. Appended.
// - `persons.left_on`: the day a person left the municipality's case file (moved away, died,
//   case closed); null while in it. The indicators' population needs it.
//
// Same conventions as 0001 and 0003: municipality_code first in every primary and foreign key,
// row-level security with the tenant_isolation policy on every new table, the application role
// granted SELECT, INSERT, UPDATE, DELETE (never ownership), an index by (municipality_code,
// person_id) for reading a person's records. The checks of one record that the domain makes
// (labourMarketPeriodProblems, danishEducationProblems) are constraints here as well, so that
// no writer (an import, the demo) can store an inconsistent one; overlapping periods are the
// service's to refuse (they span rows).
import { sql, type Kysely } from 'kysely';
import { APP_ROLE, TENANT_SETTING } from '../names.js';

const NEW_TENANT_TABLES = [
  'labour_market_periods',
  'educations_completed',
  'danish_educations',
  'danish_tests',
] as const;

const STATEMENTS = [
  `ALTER TABLE persons
     ADD COLUMN left_on date,
     ADD CONSTRAINT persons_left_after_takeover CHECK (left_on IS NULL OR left_on >= takeover_date)`,

  `CREATE TABLE labour_market_periods (
     municipality_code text NOT NULL,
     id uuid NOT NULL DEFAULT gen_random_uuid(),
     person_id uuid NOT NULL,
     kind text NOT NULL CHECK (kind IN ('ordinary_job','wage_subsidy','igu','flexjob','education','self_supporting',
                                       'benefit','other')),
     from_date date NOT NULL,
     to_date date,
     hours_per_week numeric(4,1) CHECK (hours_per_week >= 0 AND hours_per_week <= 80),
     benefit text CHECK (benefit IN ('self_support_and_return_benefit','transition_benefit','other')),
     education_kind text CHECK (education_kind IN ('preparatory','youth_education','vocational','higher','other')),
     version integer NOT NULL DEFAULT 1,
     created_at timestamptz NOT NULL DEFAULT now(),
     created_by uuid,
     updated_at timestamptz NOT NULL DEFAULT now(),
     updated_by uuid,
     PRIMARY KEY (municipality_code, id),
     FOREIGN KEY (municipality_code, person_id) REFERENCES persons (municipality_code, id),
     FOREIGN KEY (municipality_code, created_by) REFERENCES users (municipality_code, id),
     FOREIGN KEY (municipality_code, updated_by) REFERENCES users (municipality_code, id),
     CHECK (to_date IS NULL OR to_date >= from_date),
     CHECK (hours_per_week IS NULL OR kind IN ('ordinary_job','wage_subsidy','igu','flexjob')),
     CHECK ((kind = 'benefit') = (benefit IS NOT NULL)),
     CHECK (education_kind IS NULL OR kind = 'education')
   )`,
  `CREATE INDEX labour_market_periods_person ON labour_market_periods (municipality_code, person_id)`,

  `CREATE TABLE educations_completed (
     municipality_code text NOT NULL,
     id uuid NOT NULL DEFAULT gen_random_uuid(),
     person_id uuid NOT NULL,
     kind text NOT NULL CHECK (kind IN ('youth_education','vocational','higher')),
     completed_on date NOT NULL,
     in_denmark boolean NOT NULL,
     created_at timestamptz NOT NULL DEFAULT now(),
     created_by uuid,
     PRIMARY KEY (municipality_code, id),
     FOREIGN KEY (municipality_code, person_id) REFERENCES persons (municipality_code, id),
     FOREIGN KEY (municipality_code, created_by) REFERENCES users (municipality_code, id)
   )`,
  `CREATE INDEX educations_completed_person ON educations_completed (municipality_code, person_id)`,

  // Every track has at most six modules (DU3: five and an optional sixth), so the module check
  // is the same for each.
  `CREATE TABLE danish_educations (
     municipality_code text NOT NULL,
     id uuid NOT NULL DEFAULT gen_random_uuid(),
     person_id uuid NOT NULL,
     track text NOT NULL CHECK (track IN ('du1','du2','du3')),
     referred_on date NOT NULL,
     started_on date,
     module smallint CHECK (module BETWEEN 1 AND 6),
     ended_on date,
     version integer NOT NULL DEFAULT 1,
     created_at timestamptz NOT NULL DEFAULT now(),
     created_by uuid,
     updated_at timestamptz NOT NULL DEFAULT now(),
     updated_by uuid,
     PRIMARY KEY (municipality_code, id),
     FOREIGN KEY (municipality_code, person_id) REFERENCES persons (municipality_code, id),
     FOREIGN KEY (municipality_code, created_by) REFERENCES users (municipality_code, id),
     FOREIGN KEY (municipality_code, updated_by) REFERENCES users (municipality_code, id),
     CHECK (started_on IS NULL OR started_on >= referred_on),
     CHECK (module IS NULL OR started_on IS NOT NULL),
     CHECK (ended_on IS NULL OR started_on IS NULL OR ended_on >= started_on)
   )`,
  `CREATE INDEX danish_educations_person ON danish_educations (municipality_code, person_id)`,

  `CREATE TABLE danish_tests (
     municipality_code text NOT NULL,
     id uuid NOT NULL DEFAULT gen_random_uuid(),
     person_id uuid NOT NULL,
     test text NOT NULL CHECK (test IN ('pd1','pd2','pd3','studieproeve')),
     taken_on date NOT NULL,
     passed boolean NOT NULL,
     created_at timestamptz NOT NULL DEFAULT now(),
     created_by uuid,
     PRIMARY KEY (municipality_code, id),
     FOREIGN KEY (municipality_code, person_id) REFERENCES persons (municipality_code, id),
     FOREIGN KEY (municipality_code, created_by) REFERENCES users (municipality_code, id)
   )`,
  `CREATE INDEX danish_tests_person ON danish_tests (municipality_code, person_id)`,

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
    ...[...NEW_TENANT_TABLES].reverse().map((t) => `DROP TABLE ${t}`),
    'ALTER TABLE persons DROP CONSTRAINT persons_left_after_takeover',
    'ALTER TABLE persons DROP COLUMN left_on',
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}
