// The foundation schema. Read this file as the schema of record (types in ../schema.ts).
//
// Conventions:
// - Every tenant-owned table has `municipality_code` as the first column of its primary key and
//   of every foreign key, so that the schema distributes by municipality on Citus unchanged
//   (municipalities is the one reference table).
// - Row-level security on every tenant-owned table: a row is visible and writable only when
//   its municipality equals the transaction's `medborger.municipality` setting. No setting,
//   no rows (fail closed).
// - The application works as `medborger_app`: not superuser, not table owner, not BYPASSRLS.
//   It may read and append to the access log, never change or delete it.
// - CPR numbers are never keys: persons carry an encrypted CPR, a keyed hash for search, and
//   the masked form for display.
import { sql, type Kysely } from 'kysely';
import { APP_ROLE, TENANT_SETTING } from '../names.js';

const TENANT_TABLES = [
  'users',
  'api_tokens',
  'households',
  'persons',
  'visitations',
  'contracts',
  'contact_person_assignments',
  'activities',
  'conversations',
  'enrolments',
  'language_assessments',
  'follow_ups',
  'towns',
  'institutions',
  'companies',
  'positions',
  'volunteers',
  'associations',
] as const;

const STATEMENTS = [
  `DO $$ BEGIN
     CREATE ROLE ${APP_ROLE} NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOINHERIT;
   EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
   END $$`,

  `CREATE TABLE municipalities (
     code text PRIMARY KEY CHECK (code ~ '^[0-9]{3}$'),
     name text NOT NULL,
     region text NOT NULL,
     has_policy boolean NOT NULL DEFAULT false
   )`,

  // Owner-only settings (e.g. the fingerprint of the CPR key the data was written with).
  `CREATE TABLE settings (key text PRIMARY KEY, value text NOT NULL)`,

  `CREATE TABLE users (
     municipality_code text NOT NULL REFERENCES municipalities (code),
     id uuid NOT NULL DEFAULT gen_random_uuid(),
     name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
     role text NOT NULL CHECK (role IN ('admin','team_lead','caseworker','housing','institution','volunteer_coordinator','analyst','citizen')),
     person_id uuid,
     synthetic boolean NOT NULL DEFAULT false,
     created_at timestamptz NOT NULL DEFAULT now(),
     PRIMARY KEY (municipality_code, id),
     UNIQUE (municipality_code, name)
   )`,

  `CREATE TABLE api_tokens (
     municipality_code text NOT NULL,
     id uuid NOT NULL DEFAULT gen_random_uuid(),
     user_id uuid NOT NULL,
     token_hash bytea NOT NULL,
     expires_at timestamptz NOT NULL,
     revoked_at timestamptz,
     created_at timestamptz NOT NULL DEFAULT now(),
     PRIMARY KEY (municipality_code, id),
     UNIQUE (municipality_code, token_hash),
     FOREIGN KEY (municipality_code, user_id) REFERENCES users (municipality_code, id)
   )`,

  `CREATE TABLE households (
     municipality_code text NOT NULL REFERENCES municipalities (code),
     id uuid NOT NULL DEFAULT gen_random_uuid(),
     arrival_date date,
     takeover_date date NOT NULL,
     synthetic boolean NOT NULL DEFAULT false,
     created_at timestamptz NOT NULL DEFAULT now(),
     PRIMARY KEY (municipality_code, id)
   )`,

  `CREATE TABLE persons (
     municipality_code text NOT NULL,
     id uuid NOT NULL DEFAULT gen_random_uuid(),
     household_id uuid NOT NULL,
     household_relation text NOT NULL CHECK (household_relation IN ('head','spouse','child','other')),
     given_name text NOT NULL CHECK (length(given_name) BETWEEN 1 AND 200),
     family_name text NOT NULL CHECK (length(family_name) BETWEEN 1 AND 200),
     birth_date date NOT NULL,
     sex text NOT NULL CHECK (sex IN ('female','male','other')),
     cpr_cipher bytea,
     cpr_hash bytea,
     cpr_masked text,
     cpr_kind text CHECK (cpr_kind IN ('cpr','replacement')),
     residence_basis text NOT NULL CHECK (residence_basis IN ('spontaneous_refugee','quota_refugee','family_reunified','accompanying_child','other')),
     program text CHECK (program IN ('self_support_and_return','introduction')),
     country_of_origin text CHECK (country_of_origin ~ '^[A-Z]{2}$'),
     languages text[] NOT NULL DEFAULT '{}',
     arrival_date date,
     takeover_date date NOT NULL,
     synthetic boolean NOT NULL DEFAULT false,
     version integer NOT NULL DEFAULT 1,
     created_at timestamptz NOT NULL DEFAULT now(),
     updated_at timestamptz NOT NULL DEFAULT now(),
     PRIMARY KEY (municipality_code, id),
     FOREIGN KEY (municipality_code, household_id) REFERENCES households (municipality_code, id),
     CHECK ((cpr_cipher IS NULL) = (cpr_hash IS NULL) AND (cpr_hash IS NULL) = (cpr_masked IS NULL))
   )`,
  `CREATE UNIQUE INDEX persons_cpr_hash ON persons (municipality_code, cpr_hash) WHERE cpr_hash IS NOT NULL`,
  `CREATE INDEX persons_family_name ON persons (municipality_code, lower(family_name) text_pattern_ops)`,
  `CREATE INDEX persons_given_name ON persons (municipality_code, lower(given_name) text_pattern_ops)`,
  `CREATE INDEX persons_household ON persons (municipality_code, household_id)`,
  `ALTER TABLE users ADD FOREIGN KEY (municipality_code, person_id) REFERENCES persons (municipality_code, id)`,

  `CREATE TABLE visitations (
     municipality_code text NOT NULL,
     person_id uuid NOT NULL,
     held_on date NOT NULL,
     resources text NOT NULL DEFAULT '',
     qualifications text NOT NULL DEFAULT '',
     wishes text NOT NULL DEFAULT '',
     challenges text NOT NULL DEFAULT '',
     version integer NOT NULL DEFAULT 1,
     updated_at timestamptz NOT NULL DEFAULT now(),
     updated_by uuid,
     PRIMARY KEY (municipality_code, person_id),
     FOREIGN KEY (municipality_code, person_id) REFERENCES persons (municipality_code, id)
   )`,

  `CREATE TABLE contracts (
     municipality_code text NOT NULL,
     person_id uuid NOT NULL,
     goal text NOT NULL,
     goal_kind text NOT NULL CHECK (goal_kind IN ('employment','education')),
     signed_on date,
     version integer NOT NULL DEFAULT 1,
     updated_at timestamptz NOT NULL DEFAULT now(),
     updated_by uuid,
     PRIMARY KEY (municipality_code, person_id),
     FOREIGN KEY (municipality_code, person_id) REFERENCES persons (municipality_code, id)
   )`,

  `CREATE TABLE contact_person_assignments (
     municipality_code text NOT NULL,
     id uuid NOT NULL DEFAULT gen_random_uuid(),
     person_id uuid NOT NULL,
     user_id uuid NOT NULL,
     from_date date NOT NULL,
     to_date date,
     created_at timestamptz NOT NULL DEFAULT now(),
     PRIMARY KEY (municipality_code, id),
     FOREIGN KEY (municipality_code, person_id) REFERENCES persons (municipality_code, id),
     FOREIGN KEY (municipality_code, user_id) REFERENCES users (municipality_code, id),
     CHECK (to_date IS NULL OR to_date >= from_date)
   )`,
  `CREATE UNIQUE INDEX contact_person_current ON contact_person_assignments (municipality_code, person_id) WHERE to_date IS NULL`,

  `CREATE TABLE activities (
     municipality_code text NOT NULL,
     id uuid NOT NULL DEFAULT gen_random_uuid(),
     person_id uuid NOT NULL,
     kind text NOT NULL CHECK (kind IN ('danish_education','company_internship','wage_subsidy','igu','ordinary_job','education','health','other')),
     start_date date NOT NULL,
     end_date date,
     hours_per_week numeric(4,1) NOT NULL CHECK (hours_per_week > 0 AND hours_per_week <= 60),
     provider text,
     created_at timestamptz NOT NULL DEFAULT now(),
     created_by uuid,
     PRIMARY KEY (municipality_code, id),
     FOREIGN KEY (municipality_code, person_id) REFERENCES persons (municipality_code, id),
     CHECK (end_date IS NULL OR end_date >= start_date)
   )`,
  `CREATE INDEX activities_person ON activities (municipality_code, person_id)`,

  `CREATE TABLE conversations (
     municipality_code text NOT NULL,
     id uuid NOT NULL DEFAULT gen_random_uuid(),
     person_id uuid NOT NULL,
     held_on date NOT NULL,
     kind text NOT NULL CHECK (kind IN ('contract_follow_up','visitation','other')),
     repatriation_guidance boolean NOT NULL,
     repatriation_note text,
     interpreter_language text,
     note text,
     created_at timestamptz NOT NULL DEFAULT now(),
     created_by uuid,
     PRIMARY KEY (municipality_code, id),
     FOREIGN KEY (municipality_code, person_id) REFERENCES persons (municipality_code, id)
   )`,
  `CREATE INDEX conversations_person ON conversations (municipality_code, person_id)`,

  `CREATE TABLE towns (
     municipality_code text NOT NULL REFERENCES municipalities (code),
     id uuid NOT NULL DEFAULT gen_random_uuid(),
     name text NOT NULL,
     population integer NOT NULL CHECK (population >= 0),
     public_transport text NOT NULL CHECK (public_transport IN ('rail','frequent_bus','bus','limited')),
     services text[] NOT NULL DEFAULT '{}',
     PRIMARY KEY (municipality_code, id),
     UNIQUE (municipality_code, name)
   )`,

  `CREATE TABLE institutions (
     municipality_code text NOT NULL,
     id uuid NOT NULL DEFAULT gen_random_uuid(),
     kind text NOT NULL CHECK (kind IN ('daycare','school','language_school')),
     name text NOT NULL,
     town_id uuid NOT NULL,
     capacity integer NOT NULL CHECK (capacity > 0),
     has_reception_class boolean NOT NULL DEFAULT false,
     PRIMARY KEY (municipality_code, id),
     FOREIGN KEY (municipality_code, town_id) REFERENCES towns (municipality_code, id)
   )`,

  `CREATE TABLE enrolments (
     municipality_code text NOT NULL,
     id uuid NOT NULL DEFAULT gen_random_uuid(),
     person_id uuid NOT NULL,
     kind text NOT NULL CHECK (kind IN ('daycare','school','reception_class','sfo')),
     institution_id uuid,
     start_date date NOT NULL,
     end_date date,
     created_at timestamptz NOT NULL DEFAULT now(),
     created_by uuid,
     PRIMARY KEY (municipality_code, id),
     FOREIGN KEY (municipality_code, person_id) REFERENCES persons (municipality_code, id),
     FOREIGN KEY (municipality_code, institution_id) REFERENCES institutions (municipality_code, id),
     CHECK (end_date IS NULL OR end_date >= start_date)
   )`,

  `CREATE TABLE language_assessments (
     municipality_code text NOT NULL,
     id uuid NOT NULL DEFAULT gen_random_uuid(),
     person_id uuid NOT NULL,
     assessed_on date NOT NULL,
     result text NOT NULL CHECK (result IN ('general','focused','special')),
     note text,
     created_at timestamptz NOT NULL DEFAULT now(),
     created_by uuid,
     PRIMARY KEY (municipality_code, id),
     FOREIGN KEY (municipality_code, person_id) REFERENCES persons (municipality_code, id)
   )`,

  `CREATE TABLE follow_ups (
     municipality_code text NOT NULL,
     id uuid NOT NULL DEFAULT gen_random_uuid(),
     person_id uuid NOT NULL,
     held_on date NOT NULL,
     kind text NOT NULL CHECK (kind IN ('contract','yearly','family')),
     note text,
     created_at timestamptz NOT NULL DEFAULT now(),
     created_by uuid,
     PRIMARY KEY (municipality_code, id),
     FOREIGN KEY (municipality_code, person_id) REFERENCES persons (municipality_code, id)
   )`,

  `CREATE TABLE companies (
     municipality_code text NOT NULL,
     id uuid NOT NULL DEFAULT gen_random_uuid(),
     name text NOT NULL,
     sector text NOT NULL,
     town_id uuid NOT NULL,
     PRIMARY KEY (municipality_code, id),
     FOREIGN KEY (municipality_code, town_id) REFERENCES towns (municipality_code, id)
   )`,

  `CREATE TABLE positions (
     municipality_code text NOT NULL,
     id uuid NOT NULL DEFAULT gen_random_uuid(),
     company_id uuid NOT NULL,
     kind text NOT NULL CHECK (kind IN ('company_internship','wage_subsidy','igu','ordinary_job')),
     title text NOT NULL,
     hours_per_week numeric(4,1) NOT NULL CHECK (hours_per_week > 0 AND hours_per_week <= 60),
     real_opening boolean NOT NULL,
     PRIMARY KEY (municipality_code, id),
     FOREIGN KEY (municipality_code, company_id) REFERENCES companies (municipality_code, id)
   )`,

  `CREATE TABLE volunteers (
     municipality_code text NOT NULL,
     id uuid NOT NULL DEFAULT gen_random_uuid(),
     given_name text NOT NULL,
     family_name text NOT NULL,
     languages text[] NOT NULL DEFAULT '{}',
     town_id uuid NOT NULL,
     mentor boolean NOT NULL DEFAULT false,
     hours_per_month integer NOT NULL CHECK (hours_per_month >= 0),
     synthetic boolean NOT NULL DEFAULT false,
     PRIMARY KEY (municipality_code, id),
     FOREIGN KEY (municipality_code, town_id) REFERENCES towns (municipality_code, id)
   )`,

  `CREATE TABLE associations (
     municipality_code text NOT NULL,
     id uuid NOT NULL DEFAULT gen_random_uuid(),
     name text NOT NULL,
     kind text NOT NULL,
     town_id uuid NOT NULL,
     PRIMARY KEY (municipality_code, id),
     FOREIGN KEY (municipality_code, town_id) REFERENCES towns (municipality_code, id)
   )`,

  // One row per use of personal data. Append-only for the application.
  `CREATE TABLE access_log (
     municipality_code text NOT NULL REFERENCES municipalities (code),
     id bigint GENERATED ALWAYS AS IDENTITY,
     at timestamptz NOT NULL DEFAULT clock_timestamp(),
     user_id uuid NOT NULL,
     user_name text NOT NULL,
     role text NOT NULL,
     person_id uuid,
     action text NOT NULL CHECK (action IN ('read','search','create','change','export','delete')),
     purpose text NOT NULL,
     criterion text,
     resource text NOT NULL,
     PRIMARY KEY (municipality_code, id)
   )`,
  `CREATE INDEX access_log_person ON access_log (municipality_code, person_id, at)`,
  `CREATE INDEX access_log_at ON access_log (at)`,

  // Grants: the application role reads reference data, works on tenant tables under RLS, and
  // may only read and append to the access log.
  `GRANT USAGE ON SCHEMA public TO ${APP_ROLE}`,
  `GRANT SELECT ON municipalities TO ${APP_ROLE}`,
  ...TENANT_TABLES.map((t) => `GRANT SELECT, INSERT, UPDATE, DELETE ON ${t} TO ${APP_ROLE}`),
  `GRANT SELECT, INSERT ON access_log TO ${APP_ROLE}`,
  ...[...TENANT_TABLES, 'access_log'].flatMap((t) => [
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
  for (const t of [
    'access_log',
    'associations',
    'volunteers',
    'positions',
    'companies',
    'follow_ups',
    'language_assessments',
    'enrolments',
    'institutions',
    'towns',
    'conversations',
    'activities',
    'contact_person_assignments',
    'contracts',
    'visitations',
  ]) {
    await sql.raw(`DROP TABLE ${t}`).execute(db);
  }
  await sql.raw('ALTER TABLE users DROP CONSTRAINT IF EXISTS users_municipality_code_person_id_fkey').execute(db);
  for (const t of ['persons', 'households', 'api_tokens', 'users', 'settings', 'municipalities'])
    await sql.raw(`DROP TABLE ${t}`).execute(db);
}
