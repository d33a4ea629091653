// The login role the server connects as, and what it needs so that it never needs the owner.
//
// - `medborger_server` (LOGIN, INHERIT, NOSUPERUSER, NOBYPASSRLS, NOCREATEROLE, NOCREATEDB,
//   NOREPLICATION) is a member of `medborger_app` and of nothing else: it has exactly the
//   application role's grants, owns nothing, and cannot SET ROLE to the owner. Roles are
//   cluster-wide, so creating it is idempotent and tolerates a concurrent creation by another
//   database's migration (duplicate_object / unique_violation). No password is set here;
//   `medborger migrate` sets the one in DATABASE_URL (see runtime.ts).
// - The owner-only maintenance the server does runs through SECURITY DEFINER functions owned by
//   the owner, each doing one bounded thing, EXECUTE granted to `medborger_app` only:
//   purging the access log (never rows younger than the retention the owner recorded),
//   purging expired tokens, and recording the CPR key fingerprint (insert if absent; the stored
//   one is returned, never replaced).
// - The application may read Kysely's migration table, so that a server newer than the schema
//   refuses to start with a message instead of failing on a missing column.
// - Access-log rows are bound to the acting user: when the transaction names its user
//   (`medborger.user_id`, set by inTenant for a Kysely bound with actingAs), a row for any other
//   user is refused by a restrictive row-level-security policy.
import { sql, type Kysely } from 'kysely';
import { APP_ROLE, SERVER_ROLE, USER_SETTING } from '../names.js';

const FUNCTIONS = [
  'medborger_purge_access_log(integer)',
  'medborger_purge_expired_tokens(integer)',
  'medborger_cpr_key_fingerprint(text)',
];

const STATEMENTS = [
  `DO $$ BEGIN
     IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${SERVER_ROLE}') THEN
       CREATE ROLE ${SERVER_ROLE} LOGIN INHERIT NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOREPLICATION;
     END IF;
   EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
   END $$`,
  `DO $$ BEGIN
     IF NOT pg_has_role('${SERVER_ROLE}', '${APP_ROLE}', 'MEMBER') THEN
       GRANT ${APP_ROLE} TO ${SERVER_ROLE};
     END IF;
   EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
   END $$`,

  `CREATE FUNCTION medborger_purge_access_log(retention_days integer)
   RETURNS TABLE (deleted bigint, effective_days integer)
   LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
   DECLARE
     recorded integer := (SELECT value::integer FROM public.settings WHERE key = 'access_log_retention_days');
     keep integer;
     n bigint;
   BEGIN
     IF retention_days IS NULL OR retention_days < 1 THEN
       RAISE EXCEPTION 'retention_days must be at least 1 (got %)', retention_days USING ERRCODE = '22023';
     END IF;
     keep := greatest(retention_days, coalesce(recorded, retention_days));
     DELETE FROM public.access_log WHERE at < now() - make_interval(days => keep);
     GET DIAGNOSTICS n = ROW_COUNT;
     RETURN QUERY SELECT n, keep;
   END $$`,

  `CREATE FUNCTION medborger_purge_expired_tokens(grace_days integer) RETURNS bigint
   LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
   DECLARE n bigint;
   BEGIN
     IF grace_days IS NULL OR grace_days < 0 THEN
       RAISE EXCEPTION 'grace_days must be 0 or more (got %)', grace_days USING ERRCODE = '22023';
     END IF;
     DELETE FROM public.api_tokens WHERE expires_at < now() - make_interval(days => grace_days);
     GET DIAGNOSTICS n = ROW_COUNT;
     RETURN n;
   END $$`,

  `CREATE FUNCTION medborger_cpr_key_fingerprint(candidate text) RETURNS text
   LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
   BEGIN
     IF candidate IS NULL OR candidate = '' THEN
       RAISE EXCEPTION 'a fingerprint is required' USING ERRCODE = '22023';
     END IF;
     INSERT INTO public.settings (key, value) VALUES ('cpr_key_fingerprint', candidate) ON CONFLICT (key) DO NOTHING;
     RETURN (SELECT value FROM public.settings WHERE key = 'cpr_key_fingerprint');
   END $$`,

  ...FUNCTIONS.flatMap((f) => [
    `REVOKE ALL ON FUNCTION ${f} FROM PUBLIC`,
    `GRANT EXECUTE ON FUNCTION ${f} TO ${APP_ROLE}`,
  ]),

  `GRANT SELECT ON kysely_migration TO ${APP_ROLE}`,

  `CREATE POLICY access_log_actor ON access_log AS RESTRICTIVE FOR INSERT TO ${APP_ROLE}
     WITH CHECK (coalesce(current_setting('${USER_SETTING}', true), '') = ''
                 OR user_id::text = current_setting('${USER_SETTING}', true))`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('DROP POLICY access_log_actor ON access_log').execute(db);
  await sql.raw(`REVOKE SELECT ON kysely_migration FROM ${APP_ROLE}`).execute(db);
  for (const f of FUNCTIONS) await sql.raw(`DROP FUNCTION ${f}`).execute(db);
  // The login role is cluster-wide (other databases may use it): it is left in place.
}
