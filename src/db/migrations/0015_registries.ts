// The registries kept in the application (issue 15, item 1): what the placements read about
// towns, housing units, institutions, companies, positions, volunteers and associations, and the
// household facts placement needs, written by the housing coordinator, the institution
// administrator, the company consultant and the volunteer coordinator instead of only by the demo
// seed.
//
// - Every registry table gets a version (the ETag of If-Match) and who changed it last and when.
// - The columns the registries lacked: a town's bus or train lines and weekday departures; a
//   housing unit's landlord by name; an institution's SFO; a company's contact; a volunteer's
//   area (km around the town) and contact; an association's activities, ages and contact; a
//   household's wishes (free text, e.g. near a relative; income and needs were in 0003).
// - `registry_changes`: the history of the registries, one row per create, change or deletion,
//   written in the transaction that makes it: who, when, the registry, the record, the fields
//   before as JSON. Nothing updates a row.
//
// Same conventions as 0012: municipality_code first in every key, row-level security with the
// tenant_isolation policy, the application role granted SELECT, INSERT (the history is
// append-only for it). The CHECKs spell out the vocabularies (a migration is frozen text;
// src/domain/registries.ts holds the same values).
import { sql, type Kysely } from 'kysely';
import { APP_ROLE, TENANT_SETTING } from '../names.js';

const VERSIONED = ['towns', 'institutions', 'companies', 'positions', 'volunteers', 'associations'] as const;
const REGISTRY_TABLES = [...VERSIONED, 'housing_units'] as const;

const STATEMENTS = [
  ...VERSIONED.map((t) => `ALTER TABLE ${t} ADD COLUMN version integer NOT NULL DEFAULT 1`),
  ...REGISTRY_TABLES.flatMap((t) => [
    `ALTER TABLE ${t} ADD COLUMN updated_at timestamptz, ADD COLUMN updated_by uuid`,
    `ALTER TABLE ${t} ADD FOREIGN KEY (municipality_code, updated_by) REFERENCES users (municipality_code, id)`,
  ]),
  `ALTER TABLE towns
     ADD COLUMN transport_lines text[] NOT NULL DEFAULT '{}',
     ADD COLUMN departures_per_weekday integer CHECK (departures_per_weekday >= 0)`,
  `ALTER TABLE housing_units ADD COLUMN landlord_name text CHECK (length(landlord_name) BETWEEN 1 AND 200)`,
  `ALTER TABLE institutions ADD COLUMN has_sfo boolean NOT NULL DEFAULT false`,
  `ALTER TABLE companies
     ADD COLUMN contact_name text CHECK (length(contact_name) BETWEEN 1 AND 200),
     ADD COLUMN contact_phone text CHECK (length(contact_phone) BETWEEN 4 AND 40),
     ADD COLUMN contact_email text CHECK (length(contact_email) BETWEEN 3 AND 254)`,
  `ALTER TABLE volunteers
     ADD COLUMN area_km integer CHECK (area_km BETWEEN 0 AND 200),
     ADD COLUMN phone text CHECK (length(phone) BETWEEN 4 AND 40),
     ADD COLUMN email text CHECK (length(email) BETWEEN 3 AND 254)`,
  `ALTER TABLE associations
     ADD COLUMN activities text[] NOT NULL DEFAULT '{}',
     ADD COLUMN min_age integer CHECK (min_age BETWEEN 0 AND 120),
     ADD COLUMN max_age integer CHECK (max_age BETWEEN 0 AND 120),
     ADD COLUMN contact text CHECK (length(contact) BETWEEN 1 AND 200),
     ADD CONSTRAINT associations_age_range CHECK (min_age IS NULL OR max_age IS NULL OR min_age <= max_age)`,
  `ALTER TABLE households
     ADD COLUMN wishes text CHECK (length(wishes) <= 2000),
     ADD COLUMN version integer NOT NULL DEFAULT 1`,
  `CREATE TABLE registry_changes (
     municipality_code text NOT NULL,
     id uuid NOT NULL DEFAULT gen_random_uuid(),
     registry text NOT NULL CHECK (registry IN (
       'towns','housing-units','institutions','companies','positions','volunteers','associations','households')),
     record_id uuid NOT NULL,
     operation text NOT NULL CHECK (operation IN ('create','change','delete','import')),
     before jsonb,
     changed_at timestamptz NOT NULL DEFAULT now(),
     changed_by uuid NOT NULL,
     PRIMARY KEY (municipality_code, id),
     FOREIGN KEY (municipality_code, changed_by) REFERENCES users (municipality_code, id)
   )`,
  `CREATE INDEX registry_changes_record ON registry_changes (municipality_code, registry, record_id, changed_at)`,
  `GRANT SELECT, INSERT ON registry_changes TO ${APP_ROLE}`,
  `ALTER TABLE registry_changes ENABLE ROW LEVEL SECURITY`,
  `CREATE POLICY tenant_isolation ON registry_changes TO ${APP_ROLE}
     USING (municipality_code = current_setting('${TENANT_SETTING}', true))
     WITH CHECK (municipality_code = current_setting('${TENANT_SETTING}', true))`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const statement of [
    'DROP TABLE registry_changes',
    'ALTER TABLE households DROP COLUMN wishes, DROP COLUMN version',
    'ALTER TABLE associations DROP CONSTRAINT associations_age_range, DROP COLUMN activities, DROP COLUMN min_age, DROP COLUMN max_age, DROP COLUMN contact',
    'ALTER TABLE volunteers DROP COLUMN area_km, DROP COLUMN phone, DROP COLUMN email',
    'ALTER TABLE companies DROP COLUMN contact_name, DROP COLUMN contact_phone, DROP COLUMN contact_email',
    'ALTER TABLE institutions DROP COLUMN has_sfo',
    'ALTER TABLE housing_units DROP COLUMN landlord_name',
    'ALTER TABLE towns DROP COLUMN transport_lines, DROP COLUMN departures_per_weekday',
    ...REGISTRY_TABLES.map((t) => `ALTER TABLE ${t} DROP COLUMN updated_at, DROP COLUMN updated_by`),
    ...VERSIONED.map((t) => `ALTER TABLE ${t} DROP COLUMN version`),
  ])
    await sql.raw(statement).execute(db);
}
