// The company consultant (virksomhedskonsulent, issue 15): the staff role that keeps the
// registry of companies and positions and runs the internship placements. Only the users
// table's role vocabulary changes (a migration is frozen text; src/domain/authorization.ts
// ROLES holds the same values).
import { sql, type Kysely } from 'kysely';

const ROLES_BEFORE = [
  'admin',
  'team_lead',
  'caseworker',
  'housing',
  'institution',
  'volunteer_coordinator',
  'analyst',
  'citizen',
  'secretariat',
];
const roleCheck = (roles: string[]) => `CHECK (role IN (${roles.map((r) => `'${r}'`).join(',')}))`;

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of [
    'ALTER TABLE users DROP CONSTRAINT users_role_check',
    `ALTER TABLE users ADD CONSTRAINT users_role_check ${roleCheck([...ROLES_BEFORE, 'company_consultant'])}`,
  ])
    await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const statement of [
    `DELETE FROM users WHERE role = 'company_consultant'`,
    'ALTER TABLE users DROP CONSTRAINT users_role_check',
    `ALTER TABLE users ADD CONSTRAINT users_role_check ${roleCheck(ROLES_BEFORE)}`,
  ])
    await sql.raw(statement).execute(db);
}
