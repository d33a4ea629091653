// PostgreSQL roles: the check that the server's connection cannot escape row-level security,
// the check that the schema is migrated, and the login role `medborger migrate` sets up.
//
// The server connects as a login role that owns nothing, is a member of `medborger_app` (whose
// grants it inherits) and of no other role, so `RESET ROLE` and `SET ROLE <owner>` lead nowhere;
// migrations run separately with the owner's URL.
import { sql, type Kysely } from 'kysely';
import { ConfigError } from '../config.js';
import { MIGRATION_NAMES, oneRow } from './database.js';
import { APP_ROLE, SERVER_ROLE } from './names.js';
import type { DB } from './schema.js';

const HOW_TO = `Run the migrations as the owner (MEDBORGER_OWNER_DATABASE_URL=postgres://OWNER@HOST/DB npx medborger migrate; it creates the login role ${SERVER_ROLE}) and start the server with that role's URL (DATABASE_URL=postgres://${SERVER_ROLE}@HOST/DB).`;

interface RoleFacts {
  rolname: string;
  rolsuper: boolean;
  rolbypassrls: boolean;
  rolcreaterole: boolean;
  rolreplication: boolean;
  app_role_exists: boolean;
  has_app_privileges: boolean;
  member_of: string[];
  table_owners: string[];
  owns: string[];
  owns_count: number;
  owns_database: boolean;
}

/** What makes a connection's role unfit for the server; empty when it is fit. */
export async function applicationRoleProblems(db: Kysely<DB>): Promise<{ role: string; problems: string[] }> {
  // What a role owns in this database, outside the system schemas: tables first.
  const r = await sql<RoleFacts>`
    WITH user_schemas AS (
      SELECT oid, nspname, nspowner FROM pg_namespace
      WHERE nspname NOT IN ('pg_catalog', 'information_schema') AND nspname NOT LIKE 'pg\\_toast%' AND nspname NOT LIKE 'pg\\_temp%'
    ), owned AS (
      SELECT c.relowner AS owner, CASE WHEN c.relkind IN ('r', 'p') THEN 0 ELSE 1 END AS rank, c.relname::text AS name
        FROM pg_class c JOIN user_schemas n ON n.oid = c.relnamespace
      UNION ALL SELECT p.proowner, 2, p.proname::text || '()' FROM pg_proc p JOIN user_schemas n ON n.oid = p.pronamespace
      UNION ALL SELECT n.nspowner, 3, 'schema ' || n.nspname FROM user_schemas n
    )
    SELECT r.rolname, r.rolsuper, r.rolbypassrls, r.rolcreaterole, r.rolreplication,
           to_regrole(${APP_ROLE}) IS NOT NULL AS app_role_exists,
           (to_regrole(${APP_ROLE}) IS NOT NULL AND pg_has_role(r.oid, to_regrole(${APP_ROLE}), 'USAGE')) AS has_app_privileges,
           ARRAY(SELECT m.rolname::text FROM pg_roles m
                 WHERE m.oid <> r.oid AND m.rolname <> ${APP_ROLE} AND pg_has_role(r.oid, m.oid, 'MEMBER') ORDER BY 1) AS member_of,
           ARRAY(SELECT DISTINCT o.rolname::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_roles o ON o.oid = c.relowner
                 WHERE n.nspname = 'public') AS table_owners,
           ARRAY(SELECT o.name FROM owned o WHERE o.owner = r.oid ORDER BY o.rank, o.name LIMIT 5) AS owns,
           (SELECT count(*) FROM owned o WHERE o.owner = r.oid)::int AS owns_count,
           EXISTS (SELECT 1 FROM pg_database d WHERE d.datname = current_database() AND d.datdba = r.oid) AS owns_database
    FROM pg_roles r WHERE r.rolname = session_user`.execute(db);
  const f = oneRow(r);
  const problems: string[] = [];
  if (f.rolsuper) problems.push('is a superuser');
  if (f.rolbypassrls) problems.push('has BYPASSRLS');
  if (f.rolcreaterole) problems.push('has CREATEROLE (it could make itself a member of the owner)');
  if (f.rolreplication) problems.push('has REPLICATION');
  if (f.owns_database) problems.push('owns the database');
  if (f.owns_count > 0)
    problems.push(
      `owns ${f.owns_count} database object${f.owns_count === 1 ? '' : 's'} (${f.owns.join(', ')}${f.owns_count > f.owns.length ? ', …' : ''})`,
    );
  // A superuser is a member of every role; that is said above already.
  if (!f.rolsuper && f.member_of.length > 0)
    problems.push(
      `can SET ROLE to ${f.member_of
        .slice(0, 5)
        .map((m) => `"${m}"${f.table_owners.includes(m) ? ' (the owner of the tables)' : ''}`)
        .join(', ')}${f.member_of.length > 5 ? ', …' : ''}`,
    );
  if (!f.app_role_exists) problems.push(`finds no role ${APP_ROLE} (the database is not migrated)`);
  else if (!f.has_app_privileges)
    problems.push(`does not inherit the grants of ${APP_ROLE} (GRANT ${APP_ROLE} TO "${f.rolname}", with INHERIT)`);
  return { role: f.rolname, problems };
}

/**
 * Refuses a PostgreSQL connection that could escape row-level security: the owner, a superuser,
 * a role with BYPASSRLS, CREATEROLE or REPLICATION, a role that owns anything or can SET ROLE to
 * any role but medborger_app, or one without medborger_app's grants.
 */
export async function checkApplicationRole(db: Kysely<DB>, setting = 'DATABASE_URL'): Promise<void> {
  const { role, problems } = await applicationRoleProblems(db);
  if (problems.length === 0) return;
  throw new ConfigError(
    `The server's database connection (${setting}, user "${role}") must belong to a login role that owns nothing and cannot become the owner, but "${role}" ${problems.join('; ')}. ${HOW_TO}`,
  );
}

/** Refuses a schema that lacks a migration this code expects (the application cannot migrate). */
export async function checkSchemaCurrent(db: Kysely<DB>): Promise<void> {
  let applied: Set<string>;
  try {
    const r = await sql<{ name: string }>`SELECT name FROM kysely_migration`.execute(db);
    applied = new Set(r.rows.map((row) => row.name));
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code !== '42P01' && code !== '42501') throw err; // undefined table, or not readable before 0004
    applied = new Set();
  }
  const missing = MIGRATION_NAMES.filter((name) => !applied.has(name));
  if (missing.length > 0) {
    throw new ConfigError(
      `The database schema is not up to date (missing ${missing.join(', ')}); the server does not migrate it. Run the migrations as the owner first: MEDBORGER_OWNER_DATABASE_URL=postgres://OWNER@HOST/DB npx medborger migrate.`,
    );
  }
}

/**
 * As the owner: makes `roleName` a login role fit for the server (created if absent: LOGIN,
 * INHERIT, no SUPERUSER, BYPASSRLS, CREATEROLE, CREATEDB or REPLICATION), a member of
 * medborger_app, with `password` when given. An existing role keeps its attributes; the server
 * still refuses it at start if they make it unfit.
 */
export async function ensureLoginRole(
  owner: Kysely<DB>,
  roleName: string,
  password: string | undefined,
): Promise<void> {
  const exists = async () =>
    oneRow(await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_roles WHERE rolname = ${roleName}`.execute(owner))
      .n > 0;
  const run = async (statement: string) => {
    try {
      await sql.raw(statement).execute(owner);
    } catch (err) {
      // Roles are cluster-wide: another process may create or grant the same at the same moment.
      const code = (err as { code?: string }).code;
      if (code !== '42710' && code !== '23505') throw err;
    }
  };
  const format = async (template: string, ...args: string[]) =>
    oneRow(
      await sql<{
        s: string;
      }>`SELECT format(${template}::text, ${sql.join(args.map((a) => sql`${a}::text`))}) AS s`.execute(owner),
    ).s;
  if (!(await exists()))
    await run(
      await format(
        'CREATE ROLE %I LOGIN INHERIT NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOREPLICATION',
        roleName,
      ),
    );
  const member = await sql<{ m: boolean }>`SELECT pg_has_role(${roleName}, ${APP_ROLE}, 'MEMBER') AS m`.execute(owner);
  if (!oneRow(member).m) await run(await format('GRANT %I TO %I', APP_ROLE, roleName));
  if (password) await run(await format('ALTER ROLE %I PASSWORD %L', roleName, password));
}
