// Test support: a fresh database per test file (embedded PGlite in a temp dir, or a new database
// on the PostgreSQL server named by TEST_DATABASE_URL), the app on it, and tokens for any role.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe } from 'node:test';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { migrate, openDatabase, type Database } from '../src/db/database.js';
import { SERVER_ROLE } from '../src/db/names.js';
import type { DB } from '../src/db/schema.js';
import type { Role } from '../src/domain/authorization.js';
import { buildApp } from '../src/app.js';
import { CprVault } from '../src/security/cpr-vault.js';
import { createToken, signIn } from '../src/services/tokens.js';

/** The identity provider the tests' staff sign in through. */
export const TEST_STAFF_ISSUER = 'https://idp.test.example/staff';

export type EngineName = 'pglite' | 'postgres';

/** The engines to run against: PGlite always, PostgreSQL when TEST_DATABASE_URL is set. */
export function engines(): EngineName[] {
  return process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
}

/** Declares the same suite once per engine. */
export function forEachEngine(name: string, suite: (engine: EngineName) => void): void {
  for (const engine of engines())
    describe(`${name} [${engine}]`, () => {
      suite(engine);
    });
}

export interface TestDb {
  /** As the owner (PostgreSQL) or the one in-process user (PGlite): migrations, fixtures, checks. */
  database: Database;
  /** The application's connection: on PostgreSQL as the login role medborger_server (as the server connects); on PGlite database.db. */
  appDb: Kysely<DB>;
  vault: CprVault;
  /** For PostgreSQL: the URL of this test's own database (as the owner). */
  url: string | undefined;
  /** For PostgreSQL: the same database as the server's login role. */
  appUrl: string | undefined;
  dataDir: string;
  cleanup(): Promise<void>;
}

export async function createPgDatabase(): Promise<{ url: string; appUrl: string; drop(): Promise<void> }> {
  const admin = new URL(process.env.TEST_DATABASE_URL!);
  const name = `medborger_test_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  const url = new URL(admin.toString());
  url.pathname = `/${name}`;
  // The server's login role (created by migration 0004; it owns nothing and cannot become the owner).
  const appUrl = new URL(url.toString());
  appUrl.username = SERVER_ROLE;
  appUrl.password = '';
  return {
    url: url.toString(),
    appUrl: appUrl.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: admin.toString() });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export async function openTestDb(engine: EngineName): Promise<TestDb> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'medborger-test-'));
  const vault = new CprVault(randomBytes(32));
  const pgdb = engine === 'postgres' ? await createPgDatabase() : null;
  const database = await openDatabase({ dataDir, databaseUrl: pgdb?.url, command: 'test' });
  await migrate(database.db);
  const app = pgdb
    ? await openDatabase({ dataDir, databaseUrl: pgdb.appUrl, command: 'test', applicationName: 'medborger test' })
    : null;
  return {
    database,
    appDb: app?.db ?? database.db,
    vault,
    url: pgdb?.url,
    appUrl: pgdb?.appUrl,
    dataDir,
    cleanup: async () => {
      await app?.close();
      await database.close();
      await pgdb?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const TODAY = '2026-11-23';

export async function openTestApp(engine: EngineName) {
  const t = await openTestDb(engine);
  const app = await buildApp({ db: t.appDb, vault: t.vault, engine, today: () => TODAY });
  const tokens = new Map<string, string>();
  /**
   * A token for a role in a municipality: staff sign in as one person per role and municipality
   * (as through the identity provider), a citizen's token names the person.
   */
  const token = async (municipalityCode: string, role: Role, personId?: string) => {
    const key = `${municipalityCode}/${role}/${personId ?? ''}`;
    if (!tokens.has(key)) {
      const created =
        role === 'citizen'
          ? await createToken(t.database.db, {
              municipalityCode,
              role,
              userName: `${role} ${personId ?? ''} test`.trim(),
              days: 1,
              personId,
            })
          : await signIn(t.database.db, {
              issuer: TEST_STAFF_ISSUER,
              subject: `${municipalityCode}-${role}`,
              name: `${role} test`,
              municipalityCode,
              role,
              hours: 24,
            });
      tokens.set(key, created.token);
    }
    return tokens.get(key)!;
  };
  return {
    ...t,
    app,
    token,
    close: async () => {
      await app.close();
      await t.cleanup();
    },
  };
}

export type TestApp = Awaited<ReturnType<typeof openTestApp>>;

let familyCounter = 0;

/** A family of three arriving in Aabenraa: head (with a CPR number unique per call), spouse, child. */
export function aFamily(overrides: Partial<{ takeoverDate: string; arrivalDate: string }> = {}) {
  const serial = String(1000 + (familyCounter++ % 9000));
  return {
    takeoverDate: overrides.takeoverDate ?? '2025-03-01',
    arrivalDate: overrides.arrivalDate ?? '2025-02-20',
    members: [
      {
        givenName: 'Amal',
        familyName: 'Haddad',
        birthDate: '1990-01-01',
        sex: 'female',
        cpr: `010190-${serial}`,
        residenceBasis: 'spontaneous_refugee',
        relation: 'head',
        countryOfOrigin: 'SY',
        languages: ['ar'],
      },
      {
        givenName: 'Karim',
        familyName: 'Haddad',
        birthDate: '1988-06-15',
        sex: 'male',
        residenceBasis: 'family_reunified',
        relation: 'spouse',
        countryOfOrigin: 'SY',
        languages: ['ar', 'ku'],
      },
      {
        givenName: 'Lina',
        familyName: 'Haddad',
        birthDate: '2018-09-30',
        sex: 'female',
        residenceBasis: 'accompanying_child',
        relation: 'child',
        countryOfOrigin: 'SY',
        languages: ['ar'],
      },
    ],
  };
}

export function auth(token: string, extra: Record<string, string> = {}) {
  return { authorization: `Bearer ${token}`, ...extra };
}
