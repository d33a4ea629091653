// The placement engine's data (issue 5): housing units, the composition of institutions, seats
// on positions, mentor capacity, what households have and need, and draft plans with their
// proposals, which a coordinator accepts whole or in part.
//
// Same conventions as 0001: municipality_code first in every primary and foreign key, row-level
// security with the tenant_isolation policy on every new tenant table, and the application role
// granted SELECT, INSERT, UPDATE, DELETE on them (never ownership).
//
// The migration runs on an existing (demo) database: every column added to an existing table
// is nullable or has a default. Town coordinates stay nullable because they cannot be backfilled
// in general; readers treat a missing coordinate as unknown.
import { sql, type Kysely } from 'kysely';
import { APP_ROLE, TENANT_SETTING } from '../names.js';

const NEW_TENANT_TABLES = ['housing_units', 'placement_plans', 'placement_proposals', 'mentorships'] as const;

const STATEMENTS = [
  // ----- towns: WGS84 centre, for distances (commute, a mentor's area) -----
  `ALTER TABLE towns
     ADD COLUMN latitude double precision CHECK (latitude BETWEEN -90 AND 90),
     ADD COLUMN longitude double precision CHECK (longitude BETWEEN -180 AND 180),
     ADD CONSTRAINT towns_coordinates_together CHECK ((latitude IS NULL) = (longitude IS NULL))`,

  // ----- housing units the municipality can place households in -----
  `CREATE TABLE housing_units (
     municipality_code text NOT NULL,
     id uuid NOT NULL DEFAULT gen_random_uuid(),
     address text NOT NULL CHECK (length(address) BETWEEN 1 AND 300),
     town_id uuid NOT NULL,
     rooms integer NOT NULL CHECK (rooms > 0 AND rooms <= 20),
     area_m2 integer CHECK (area_m2 > 0),
     rent_dkk integer NOT NULL CHECK (rent_dkk >= 0),
     landlord text NOT NULL CHECK (landlord IN ('housing_association','private','municipality')),
     available_from date NOT NULL,
     tenure text NOT NULL CHECK (tenure IN ('temporary','permanent')),
     deprived_area boolean NOT NULL DEFAULT false,
     accessible boolean NOT NULL DEFAULT false,
     status text NOT NULL DEFAULT 'available' CHECK (status IN ('available','reserved','let')),
     synthetic boolean NOT NULL DEFAULT false,
     version integer NOT NULL DEFAULT 1,
     created_at timestamptz NOT NULL DEFAULT now(),
     PRIMARY KEY (municipality_code, id),
     FOREIGN KEY (municipality_code, town_id) REFERENCES towns (municipality_code, id)
   )`,
  `CREATE INDEX housing_units_status ON housing_units (municipality_code, status, available_from)`,
  `CREATE INDEX housing_units_town ON housing_units (municipality_code, town_id)`,

  // ----- institutions: current composition (real data can be over capacity: no check) -----
  `ALTER TABLE institutions
     ADD COLUMN enrolled integer NOT NULL DEFAULT 0 CHECK (enrolled >= 0),
     ADD COLUMN bilingual_enrolled integer NOT NULL DEFAULT 0 CHECK (bilingual_enrolled >= 0),
     ADD COLUMN admitted_this_year integer NOT NULL DEFAULT 0 CHECK (admitted_this_year >= 0),
     ADD COLUMN admitted_from_deprived_this_year integer NOT NULL DEFAULT 0 CHECK (admitted_from_deprived_this_year >= 0)`,

  // ----- positions: how many persons a company can take on one position -----
  `ALTER TABLE positions ADD COLUMN seats integer NOT NULL DEFAULT 1 CHECK (seats >= 0)`,

  // ----- activities: the position a company-based activity fills (seat accounting) -----
  `ALTER TABLE activities ADD COLUMN position_id uuid`,
  `ALTER TABLE activities ADD FOREIGN KEY (municipality_code, position_id) REFERENCES positions (municipality_code, id)`,
  `CREATE INDEX activities_position ON activities (municipality_code, position_id) WHERE position_id IS NOT NULL`,

  // ----- volunteers: how many families or persons a mentor can take -----
  `ALTER TABLE volunteers ADD COLUMN mentor_capacity integer NOT NULL DEFAULT 1 CHECK (mentor_capacity >= 0)`,

  // ----- households: what they need and what they have -----
  `ALTER TABLE households
     ADD COLUMN needs_accessible boolean NOT NULL DEFAULT false,
     ADD COLUMN monthly_income_dkk integer CHECK (monthly_income_dkk >= 0),
     ADD COLUMN housing_unit_id uuid,
     ADD COLUMN housing_status text NOT NULL DEFAULT 'none' CHECK (housing_status IN ('none','temporary','permanent')),
     ADD CONSTRAINT households_housing_unit_status CHECK (housing_unit_id IS NULL OR housing_status <> 'none')`,
  `ALTER TABLE households ADD FOREIGN KEY (municipality_code, housing_unit_id) REFERENCES housing_units (municipality_code, id)`,
  `CREATE INDEX households_housing_unit ON households (municipality_code, housing_unit_id) WHERE housing_unit_id IS NOT NULL`,

  // ----- persons: sectors wished or qualified for (from the visitation interview) -----
  `ALTER TABLE persons ADD COLUMN sectors text[] NOT NULL DEFAULT '{}'`,

  // ----- draft plans and their proposals -----
  `CREATE TABLE placement_plans (
     municipality_code text NOT NULL,
     id uuid NOT NULL DEFAULT gen_random_uuid(),
     kind text NOT NULL CHECK (kind IN ('housing','daycare','school','internships','mentors')),
     plan_date date NOT NULL,
     status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','accepted','partially_accepted','discarded')),
     parameters jsonb NOT NULL DEFAULT '{}',
     summary jsonb NOT NULL DEFAULT '{}',
     objective double precision,
     bound double precision,
     gap double precision CHECK (gap >= 0),
     engine text NOT NULL,
     solve_ms integer NOT NULL DEFAULT 0 CHECK (solve_ms >= 0),
     created_by uuid,
     created_at timestamptz NOT NULL DEFAULT now(),
     updated_at timestamptz NOT NULL DEFAULT now(),
     version integer NOT NULL DEFAULT 1,
     PRIMARY KEY (municipality_code, id),
     FOREIGN KEY (municipality_code, created_by) REFERENCES users (municipality_code, id)
   )`,
  `CREATE INDEX placement_plans_kind ON placement_plans (municipality_code, kind, created_at)`,

  `CREATE TABLE placement_proposals (
     municipality_code text NOT NULL,
     plan_id uuid NOT NULL,
     id uuid NOT NULL DEFAULT gen_random_uuid(),
     agent_kind text NOT NULL CHECK (agent_kind IN ('household','person')),
     household_id uuid,
     person_id uuid,
     option_kind text NOT NULL CHECK (option_kind IN ('housing_unit','institution','position','mentor')),
     option_id uuid NOT NULL,
     score double precision NOT NULL,
     explanation jsonb NOT NULL DEFAULT '{}',
     status text NOT NULL DEFAULT 'proposed' CHECK (status IN ('proposed','accepted','rejected','superseded')),
     decided_by uuid,
     decided_at timestamptz,
     PRIMARY KEY (municipality_code, id),
     FOREIGN KEY (municipality_code, plan_id) REFERENCES placement_plans (municipality_code, id) ON DELETE CASCADE,
     FOREIGN KEY (municipality_code, household_id) REFERENCES households (municipality_code, id),
     FOREIGN KEY (municipality_code, person_id) REFERENCES persons (municipality_code, id),
     FOREIGN KEY (municipality_code, decided_by) REFERENCES users (municipality_code, id),
     CHECK (agent_kind <> 'household' OR (household_id IS NOT NULL AND person_id IS NULL)),
     CHECK (agent_kind <> 'person' OR person_id IS NOT NULL),
     CHECK ((status IN ('accepted','rejected')) = (decided_at IS NOT NULL))
   )`,
  `CREATE INDEX placement_proposals_plan ON placement_proposals (municipality_code, plan_id)`,
  `CREATE INDEX placement_proposals_household ON placement_proposals (municipality_code, household_id) WHERE household_id IS NOT NULL`,
  `CREATE INDEX placement_proposals_person ON placement_proposals (municipality_code, person_id) WHERE person_id IS NOT NULL`,
  `CREATE INDEX placement_proposals_option ON placement_proposals (municipality_code, option_id)`,

  // ----- accepted mentor matches -----
  `CREATE TABLE mentorships (
     municipality_code text NOT NULL,
     id uuid NOT NULL DEFAULT gen_random_uuid(),
     volunteer_id uuid NOT NULL,
     household_id uuid,
     person_id uuid,
     from_date date NOT NULL,
     to_date date,
     created_at timestamptz NOT NULL DEFAULT now(),
     created_by uuid,
     PRIMARY KEY (municipality_code, id),
     FOREIGN KEY (municipality_code, volunteer_id) REFERENCES volunteers (municipality_code, id),
     FOREIGN KEY (municipality_code, household_id) REFERENCES households (municipality_code, id),
     FOREIGN KEY (municipality_code, person_id) REFERENCES persons (municipality_code, id),
     FOREIGN KEY (municipality_code, created_by) REFERENCES users (municipality_code, id),
     CHECK (household_id IS NOT NULL OR person_id IS NOT NULL),
     CHECK (to_date IS NULL OR to_date >= from_date)
   )`,
  `CREATE INDEX mentorships_volunteer ON mentorships (municipality_code, volunteer_id)`,
  `CREATE INDEX mentorships_household ON mentorships (municipality_code, household_id) WHERE household_id IS NOT NULL`,
  `CREATE INDEX mentorships_person ON mentorships (municipality_code, person_id) WHERE person_id IS NOT NULL`,

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
    'DROP TABLE mentorships',
    'DROP TABLE placement_proposals',
    'DROP TABLE placement_plans',
    'ALTER TABLE persons DROP COLUMN sectors',
    'ALTER TABLE households DROP CONSTRAINT households_housing_unit_status',
    'ALTER TABLE households DROP COLUMN housing_unit_id, DROP COLUMN housing_status, DROP COLUMN monthly_income_dkk, DROP COLUMN needs_accessible',
    'ALTER TABLE volunteers DROP COLUMN mentor_capacity',
    'ALTER TABLE activities DROP COLUMN position_id',
    'ALTER TABLE positions DROP COLUMN seats',
    'ALTER TABLE institutions DROP COLUMN enrolled, DROP COLUMN bilingual_enrolled, DROP COLUMN admitted_this_year, DROP COLUMN admitted_from_deprived_this_year',
    'DROP TABLE housing_units',
    'ALTER TABLE towns DROP CONSTRAINT towns_coordinates_together',
    'ALTER TABLE towns DROP COLUMN latitude, DROP COLUMN longitude',
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}
