// The governance cycle (issue 11, point 5): what the secretariat records of the municipality's
// own work on its integration policy, and the role that records it.
//
// - `governance_cases`: cases "with general integration-policy dimensions" (Hjørring), each with
//   the date the political body decides it; a hearing of the integration council is due before.
// - `governance_events`: a meeting, hearing, statement, report, campaign or initiative, with its
//   date, the body that held or issued it, a title, attached documents (title + address), whether
//   it is published, and optionally the rule it carries out and the case it concerns.
// - the role `secretariat` (the secretariat of the committees and the integration council).
//
// No personal data: a governance record concerns the municipality, never a person. Same
// conventions as 0001: municipality_code first in every key, RLS tenant_isolation on each table,
// the application role granted SELECT, INSERT, UPDATE, DELETE as on every tenant table.
import { sql, type Kysely } from 'kysely';
import { APP_ROLE, TENANT_SETTING } from '../names.js';

const ROLES_BEFORE = [
  'admin',
  'team_lead',
  'caseworker',
  'housing',
  'institution',
  'volunteer_coordinator',
  'analyst',
  'citizen',
];
const roleCheck = (roles: string[]) => `CHECK (role IN (${roles.map((r) => `'${r}'`).join(',')}))`;

const STATEMENTS = [
  `ALTER TABLE users DROP CONSTRAINT users_role_check`,
  `ALTER TABLE users ADD CONSTRAINT users_role_check ${roleCheck([...ROLES_BEFORE, 'secretariat'])}`,

  `CREATE TABLE governance_cases (
     municipality_code text NOT NULL REFERENCES municipalities (code),
     id uuid NOT NULL DEFAULT gen_random_uuid(),
     title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
     body text CHECK (length(body) BETWEEN 1 AND 200),
     decision_date date NOT NULL,
     description text CHECK (length(description) <= 5000),
     registered_by uuid NOT NULL,
     registered_at timestamptz NOT NULL DEFAULT now(),
     version integer NOT NULL DEFAULT 1,
     PRIMARY KEY (municipality_code, id)
   )`,
  `CREATE TABLE governance_events (
     municipality_code text NOT NULL REFERENCES municipalities (code),
     id uuid NOT NULL DEFAULT gen_random_uuid(),
     kind text NOT NULL CHECK (kind IN ('meeting','hearing','statement','report','campaign','initiative')),
     date date NOT NULL,
     title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
     body text CHECK (length(body) BETWEEN 1 AND 200),
     description text CHECK (length(description) <= 5000),
     documents jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(documents) = 'array'),
     published boolean NOT NULL DEFAULT false,
     rule_id text CHECK (length(rule_id) BETWEEN 1 AND 200),
     case_id uuid,
     recorded_by uuid NOT NULL,
     recorded_at timestamptz NOT NULL DEFAULT now(),
     version integer NOT NULL DEFAULT 1,
     PRIMARY KEY (municipality_code, id),
     FOREIGN KEY (municipality_code, case_id) REFERENCES governance_cases (municipality_code, id)
   )`,
  `CREATE INDEX governance_events_date ON governance_events (municipality_code, date)`,
  ...['governance_cases', 'governance_events'].flatMap((t) => [
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
  for (const statement of [
    'DROP TABLE governance_events',
    'DROP TABLE governance_cases',
    `DELETE FROM users WHERE role = 'secretariat'`,
    'ALTER TABLE users DROP CONSTRAINT users_role_check',
    `ALTER TABLE users ADD CONSTRAINT users_role_check ${roleCheck(ROLES_BEFORE)}`,
  ])
    await sql.raw(statement).execute(db);
}
