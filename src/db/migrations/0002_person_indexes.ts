// Indexes for reading a person's case records by person (person page, obligations engine).
import { sql, type Kysely } from 'kysely';

const TABLES = ['contact_person_assignments', 'enrolments', 'language_assessments', 'follow_ups'] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const t of TABLES) await sql.raw(`CREATE INDEX ${t}_person ON ${t} (municipality_code, person_id)`).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of TABLES) await sql.raw(`DROP INDEX ${t}_person`).execute(db);
}
