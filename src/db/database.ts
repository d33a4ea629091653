// Opening the database: embedded PGlite by default, PostgreSQL when DATABASE_URL is set. Both
// run the same migrations at start-up and are used through the same Kysely interface.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, Migrator, PostgresDialect, type Migration, type MigrationProvider } from 'kysely';
import pg from 'pg';
import { MUNICIPALITIES } from '../domain/municipalities.js';
import { lockDataDir } from './lock.js';
import { PGliteDialect } from './pglite-dialect.js';
import * as m0001 from './migrations/0001_foundation.js';
import * as m0002 from './migrations/0002_person_indexes.js';
import * as m0003 from './migrations/0003_placement.js';
import type { DB } from './schema.js';

export type Engine = 'pglite' | 'postgres';

export interface Database {
  /** Connected as the owner (migrations, maintenance). Application work goes through tenant.ts. */
  db: Kysely<DB>;
  engine: Engine;
  /** Human description without secrets, e.g. "embedded PGlite in /x/data/pgdata". */
  description: string;
  /** Records the port a server listens on in the data-directory lock (embedded only). */
  announcePort(port: number): void;
  close(): Promise<void>;
}

const DATE_OID = 1082;
const NUMERIC_OID = 1700;
const INT8_OID = 20;

// node-postgres: dates stay ISO strings (never shifted by the server's time zone); numerics
// become numbers (hours per week); bigints stay strings unless they are counts (cast in SQL).
pg.types.setTypeParser(DATE_OID, (v: string) => v);
pg.types.setTypeParser(NUMERIC_OID, (v: string) => Number(v));

const MIGRATIONS: Record<string, Migration> = { '0001_foundation': m0001, '0002_person_indexes': m0002, '0003_placement': m0003 };

class StaticMigrationProvider implements MigrationProvider {
  async getMigrations() { return MIGRATIONS; }
}

export interface OpenOptions {
  dataDir: string;
  databaseUrl?: string | undefined;
  /** Shown in the lock file so a refused process can say who holds the database. */
  command?: string;
  poolSize?: number;
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10 });
    // An idle connection the server ends (a restart, pg_terminate_backend, DROP DATABASE …
    // WITH (FORCE)) is reported here; the pool drops it and opens a new one when needed. Without
    // a listener the error would end the process.
    pool.on('error', (err) => { console.warn(`[medborger] PostgreSQL closed an idle connection: ${err.message}`); });
    // Fail fast with the server's own message if it cannot be reached.
    const client = await pool.connect();
    client.release();
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    const url = new URL(options.databaseUrl);
    return {
      db,
      engine: 'postgres',
      description: `PostgreSQL database "${url.pathname.slice(1)}" on ${url.hostname}:${url.port || 5432}`,
      announcePort: () => {},
      close: () => db.destroy(),
    };
  }
  mkdirSync(options.dataDir, { recursive: true });
  const lock = lockDataDir(options.dataDir, options.command ?? process.argv.slice(2).join(' '));
  try {
    const dir = path.join(options.dataDir, 'pgdata');
    const pglite = await PGlite.create(dir, {
      parsers: { [DATE_OID]: (v: string) => v, [NUMERIC_OID]: (v: string) => Number(v), [INT8_OID]: (v: string) => v },
    });
    const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite) });
    return {
      db,
      engine: 'pglite',
      description: `embedded PGlite in ${dir}`,
      announcePort: (port) => lock.setPort(port),
      close: async () => {
        try { await db.destroy(); } finally { lock.release(); }
      },
    };
  } catch (err) {
    lock.release();
    throw err;
  }
}


/** Runs pending migrations and refreshes reference data. Idempotent; safe at every start. */
export async function migrate(db: Kysely<DB>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: new StaticMigrationProvider() });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  await db
    .insertInto('municipalities')
    .values(MUNICIPALITIES.map((m) => ({ code: m.code, name: m.name, region: m.region, has_policy: m.hasPolicy })))
    .onConflict((oc) => oc.column('code').doUpdateSet((eb) => ({ name: eb.ref('excluded.name'), region: eb.ref('excluded.region'), has_policy: eb.ref('excluded.has_policy') })))
    .execute();
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Deletes access-log rows older than the retention period. Runs as the owner: the application role cannot delete. */
export async function purgeAccessLog(db: Kysely<DB>, retentionDays: number): Promise<number> {
  const result = await db
    .deleteFrom('access_log')
    .where('at', '<', new Date(Date.now() - retentionDays * 86_400_000).toISOString() as never)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * Deletes API tokens and browser sessions that expired more than `graceDays` ago (they can no
 * longer be used; the access log keeps the user, not the token). Runs as the owner.
 */
export async function purgeExpiredTokens(db: Kysely<DB>, graceDays = 30): Promise<number> {
  const result = await db
    .deleteFrom('api_tokens')
    .where('expires_at', '<', new Date(Date.now() - graceDays * 86_400_000).toISOString() as never)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
