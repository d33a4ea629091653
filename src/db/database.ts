// Opening the database: embedded PGlite by default, PostgreSQL when DATABASE_URL is set. Both
// run the same migrations at start-up and are used through the same Kysely interface.
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { inspect } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, Migrator, sql, PostgresDialect, type Migration, type MigrationProvider } from 'kysely';
import pg from 'pg';
import { MUNICIPALITIES } from '../domain/municipalities.js';
import { lockDataDir } from './lock.js';
import { PGliteDialect } from './pglite-dialect.js';
import { clusterTemplate } from './pglite-template.js';
import { preparesStatements } from './prepared.js';
import { beginsInOneRoundTrip } from './tenant.js';
import * as m0001 from './migrations/0001_foundation.js';
import * as m0002 from './migrations/0002_person_indexes.js';
import * as m0003 from './migrations/0003_placement.js';
import * as m0004 from './migrations/0004_login_role.js';
import * as m0005 from './migrations/0005_identities.js';
import * as m0006 from './migrations/0006_governance.js';
import * as m0007 from './migrations/0007_outcomes.js';
import * as m0008 from './migrations/0008_legal_duties.js';
import * as m0009 from './migrations/0009_reception_steps.js';
import * as m0010 from './migrations/0010_arrivals.js';
import * as m0011 from './migrations/0011_appointments.js';
import * as m0012 from './migrations/0012_record_changes.js';
import * as m0014 from './migrations/0014_company_consultant.js';
import * as m0015 from './migrations/0015_registries.js';
import * as m0016 from './migrations/0016_materialised_obligations.js';
import * as m0017 from './migrations/0017_worklist_order.js';
import * as m0018 from './migrations/0018_autovacuum.js';
import type { DB } from './schema.js';

export type Engine = 'pglite' | 'postgres';

export interface Database {
  /**
   * The connection as the URL's user. On PostgreSQL that is the application's login role for the
   * server and every command but `migrate` (see runtime.ts), the owner for `migrate`. On PGlite
   * it is the one in-process user (the owner). Application work goes through tenant.ts.
   */
  db: Kysely<DB>;
  engine: Engine;
  /** Human description without secrets, e.g. "embedded PGlite in /x/data/pgdata". */
  description: string;
  /** Records the port a server listens on in the data-directory lock (embedded only). */
  announcePort(port: number): void;
  close(): Promise<void>;
}

const DATE_OID = pg.types.builtins.DATE;
const NUMERIC_OID = pg.types.builtins.NUMERIC;
const INT8_OID = pg.types.builtins.INT8;
/** PGlite's shared buffers (see openDatabase). */
const PGLITE_SHARED_BUFFERS = '32MB';

// node-postgres: dates stay ISO strings (never shifted by the server's time zone); numerics
// become numbers (hours per week); bigints stay strings unless they are counts (cast in SQL).
pg.types.setTypeParser(DATE_OID, (v: string) => v);
pg.types.setTypeParser(NUMERIC_OID, (v: string) => Number(v));

const MIGRATIONS: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_person_indexes': m0002,
  '0003_placement': m0003,
  '0004_login_role': m0004,
  '0005_identities': m0005,
  '0006_governance': m0006,
  '0007_outcomes': m0007,
  '0008_legal_duties': m0008,
  '0009_reception_steps': m0009,
  '0010_arrivals': m0010,
  '0011_appointments': m0011,
  '0012_record_changes': m0012,
  '0014_company_consultant': m0014,
  '0015_registries': m0015,
  '0016_materialised_obligations': m0016,
  '0017_worklist_order': m0017,
  '0018_autovacuum': m0018,
};

class StaticMigrationProvider implements MigrationProvider {
  getMigrations() {
    return Promise.resolve(MIGRATIONS);
  }
}

export interface OpenOptions {
  dataDir: string;
  databaseUrl?: string | undefined;
  /** Shown in the lock file so a refused process can say who holds the database. */
  command?: string;
  poolSize?: number;
  /** PostgreSQL `application_name` of the connections, e.g. "medborger serve" (seen in pg_stat_activity). */
  applicationName?: string;
  /** PGlite: the cluster template a new database is unpacked from (default: pglite-template.ts's). */
  clusterTemplateFile?: string;
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.poolSize ?? 10,
      application_name: options.applicationName ?? 'medborger',
    });
    // An idle connection the server ends (a restart, pg_terminate_backend, DROP DATABASE …
    // WITH (FORCE)) is reported here; the pool drops it and opens a new one when needed. Without
    // a listener the error would end the process.
    pool.on('error', (err) => {
      console.warn(`[medborger] PostgreSQL closed an idle connection: ${err.message}`);
    });
    pool.on('connect', preparesStatements);
    // Fail fast with the server's own message if it cannot be reached.
    const client = await pool.connect();
    client.release();
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    beginsInOneRoundTrip(db);
    const url = new URL(options.databaseUrl);
    return {
      db,
      engine: 'postgres',
      description: `PostgreSQL database "${url.pathname.slice(1)}" on ${url.hostname}:${url.port || 5432}${url.username ? ` as ${decodeURIComponent(url.username)}` : ''}`,
      announcePort: () => {},
      close: () => db.destroy(),
    };
  }
  mkdirSync(options.dataDir, { recursive: true });
  const lock = lockDataDir(options.dataDir, options.command ?? process.argv.slice(2).join(' '));
  try {
    const dir = path.join(options.dataDir, 'pgdata');
    const pgliteOptions = {
      // PostgreSQL's shared buffers live in the WebAssembly memory, and PostgreSQL touches all of
      // them at start: PGlite's default of 128 MB was a third of the server's resident memory. The
      // files are on the host's file system, whose page cache holds them anyway; 32 MB keeps a
      // demo-sized database's hot pages (bench:start: RSS after start, issue 16).
      postgresqlconf: `shared_buffers = ${PGLITE_SHARED_BUFFERS}`,
      parsers: { [DATE_OID]: (v: string) => v, [NUMERIC_OID]: (v: string) => Number(v), [INT8_OID]: (v: string) => v },
    };
    // A new database is unpacked from the cluster template instead of running initdb (see
    // pglite-template.ts); should the template not load, initdb runs as before.
    const template = existsSync(path.join(dir, 'PG_VERSION'))
      ? null
      : await clusterTemplate(options.clusterTemplateFile);
    let pglite: PGlite;
    try {
      pglite = await PGlite.create(dir, template ? { ...pgliteOptions, loadDataDir: template } : pgliteOptions);
    } catch (err) {
      if (!template) throw err;
      rmSync(dir, { recursive: true, force: true });
      pglite = await PGlite.create(dir, pgliteOptions);
    }
    const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite) });
    return {
      db,
      engine: 'pglite',
      description: `embedded PGlite in ${dir}`,
      announcePort: (port) => {
        lock.setPort(port);
      },
      close: async () => {
        try {
          await db.destroy();
        } finally {
          lock.release();
        }
      },
    };
  } catch (err) {
    lock.release();
    throw err;
  }
}

/** The one row a query returns by construction (a function call, a row looked up by a key that exists); none is a bug. */
export function oneRow<R>(result: { rows: R[] }): R {
  const row = result.rows[0];
  if (row === undefined) throw new Error('The database returned no row where one was expected.');
  return row;
}

/** The migrations this code expects, in order (the server refuses a schema that lacks one). */
export const MIGRATION_NAMES: readonly string[] = Object.keys(MIGRATIONS).sort();

export interface MigrateOptions {
  /**
   * Recorded as the owner's retention floor: the purge function the application may call never
   * deletes access-log rows younger than this, whatever retention the caller asks for.
   */
  accessLogRetentionDays?: number;
}

/** Runs pending migrations and refreshes reference data, as the owner. Idempotent; safe at every start. */
export async function migrate(db: Kysely<DB>, options: MigrateOptions = {}): Promise<string[]> {
  const migrator = new Migrator({ db, provider: new StaticMigrationProvider() });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(`Migration failed: ${inspect(error)}`);
  await db
    .insertInto('municipalities')
    .values(MUNICIPALITIES.map((m) => ({ code: m.code, name: m.name, region: m.region, has_policy: m.hasPolicy })))
    .onConflict((oc) =>
      oc.column('code').doUpdateSet((eb) => ({
        name: eb.ref('excluded.name'),
        region: eb.ref('excluded.region'),
        has_policy: eb.ref('excluded.has_policy'),
      })),
    )
    .execute();
  if (options.accessLogRetentionDays !== undefined) {
    const value = String(options.accessLogRetentionDays);
    await db
      .insertInto('settings')
      .values({ key: 'access_log_retention_days', value })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
      .execute();
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

export interface AccessLogPurge {
  deleted: number;
  /** The retention applied: the one asked for, or the owner's recorded floor when that is longer. */
  retentionDays: number;
}

/**
 * Deletes access-log rows older than the retention period through the owner's SECURITY DEFINER
 * function (migration 0004): the application role cannot delete access-log rows itself, and
 * through the function never rows younger than the retention the owner recorded at `migrate`.
 */
export async function purgeAccessLogRows(db: Kysely<DB>, retentionDays: number): Promise<AccessLogPurge> {
  const r = await sql<{
    deleted: string;
    effective_days: number;
  }>`SELECT deleted::text AS deleted, effective_days FROM medborger_purge_access_log(${retentionDays}::integer)`.execute(
    db,
  );
  const row = oneRow(r);
  return { deleted: Number(row.deleted), retentionDays: row.effective_days };
}

/** Deletes access-log rows older than the retention period; returns how many (see purgeAccessLogRows). */
export async function purgeAccessLog(db: Kysely<DB>, retentionDays: number): Promise<number> {
  return (await purgeAccessLogRows(db, retentionDays)).deleted;
}

/**
 * Deletes API tokens and browser sessions that expired more than `graceDays` ago (they can no
 * longer be used; the access log keeps the user, not the token), through the owner's SECURITY
 * DEFINER function: the application role sees tokens only inside one tenant.
 */
export async function purgeExpiredTokens(db: Kysely<DB>, graceDays = 30): Promise<number> {
  const r = await sql<{ n: string }>`SELECT medborger_purge_expired_tokens(${graceDays}::integer)::text AS n`.execute(
    db,
  );
  return Number(oneRow(r).n);
}

/** Records the CPR key fingerprint if none is recorded yet, and returns the recorded one (never replaced). */
export async function recordCprKeyFingerprint(db: Kysely<DB>, fingerprint: string): Promise<string> {
  const r = await sql<{ stored: string }>`SELECT medborger_cpr_key_fingerprint(${fingerprint}::text) AS stored`.execute(
    db,
  );
  return oneRow(r).stored;
}
