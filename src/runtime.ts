// Opening Medborger's runtime: database (embedded or PostgreSQL), migrations, and the CPR vault
// whose key must be the one the data was written with.
//
// On PostgreSQL two roles take part: the schema owner runs `medborger migrate`
// (MEDBORGER_OWNER_DATABASE_URL), and the server and every other command connect as the
// application's login role (DATABASE_URL), which owns nothing and cannot become the owner; a
// connection that could escape row-level security is refused at start. The embedded PGlite is
// in-process with one user: it migrates at every start, as before.
import type { Config } from './config.js';
import { ConfigError } from './config.js';
import { migrate, oneRow, openDatabase, recordCprKeyFingerprint, type Database } from './db/database.js';
import { SERVER_ROLE } from './db/names.js';
import { checkApplicationRole, checkSchemaCurrent, ensureLoginRole } from './db/roles.js';
import { sql } from 'kysely';
import { CprVault, resolveCprKey } from './security/cpr-vault.js';

export interface Runtime {
  database: Database;
  vault: CprVault;
  close(): Promise<void>;
}

export async function openRuntime(config: Config, command: string): Promise<Runtime> {
  const key = resolveCprKey({ cprKey: config.cprKey, dataDir: config.dataDir, embedded: !config.databaseUrl });
  const vault = new CprVault(key);
  const database = await open(config.databaseUrl, config, command, 'DATABASE_URL');
  try {
    if (database.engine === 'pglite') {
      await migrate(database.db, { accessLogRetentionDays: config.accessLogRetentionDays });
    } else {
      await checkApplicationRole(database.db);
      await checkSchemaCurrent(database.db);
    }
    await checkKeyFingerprint(database, vault);
  } catch (err) {
    await database.close();
    throw err;
  }
  return { database, vault, close: () => database.close() };
}

export interface MigrateResult {
  description: string;
  applied: string[];
  /** PostgreSQL: the login role the server is to connect as, and the DATABASE_URL to use (no password). */
  server?: { role: string; url: string };
}

/**
 * `medborger migrate`. PostgreSQL: as the owner (MEDBORGER_OWNER_DATABASE_URL, else
 * DATABASE_URL), runs the migrations, records the access-log retention, and, when DATABASE_URL
 * names another user, makes it the server's login role (created if absent, password from the URL)
 * and checks that it is fit. Embedded: opens the runtime, which migrates.
 */
export async function migrateDatabase(config: Config): Promise<MigrateResult> {
  const ownerUrl = config.ownerDatabaseUrl ?? config.databaseUrl;
  if (!ownerUrl) {
    const runtime = await openRuntime(config, 'migrate');
    await runtime.close();
    return { description: runtime.database.description, applied: [] };
  }
  const owner = await open(
    ownerUrl,
    config,
    'migrate',
    config.ownerDatabaseUrl ? 'MEDBORGER_OWNER_DATABASE_URL' : 'DATABASE_URL',
  );
  try {
    const applied = await migrate(owner.db, { accessLogRetentionDays: config.accessLogRetentionDays }).catch(
      (err: unknown) => {
        if ((err as { code?: string }).code !== '42501') throw err;
        throw new ConfigError(
          `\`medborger migrate\` must connect as the schema owner, but ${owner.description.replace(/^PostgreSQL /, '')} may not change the schema (${(err as Error).message}). Set MEDBORGER_OWNER_DATABASE_URL to the owner's URL.`,
        );
      },
    );
    const ownerUser = oneRow(await sql<{ u: string }>`SELECT current_user AS u`.execute(owner.db)).u;
    const app = config.ownerDatabaseUrl && config.databaseUrl ? new URL(config.databaseUrl) : null;
    const appUser = app ? decodeURIComponent(app.username) : '';
    let role = SERVER_ROLE;
    if (app && appUser && appUser !== ownerUser) {
      await ensureLoginRole(owner.db, appUser, app.password ? decodeURIComponent(app.password) : undefined);
      role = appUser;
      const check = await open(config.databaseUrl, config, 'migrate (checking DATABASE_URL)', 'DATABASE_URL');
      try {
        await checkApplicationRole(check.db);
      } finally {
        await check.close();
      }
    }
    const url = new URL(app && appUser !== ownerUser ? app.href : ownerUrl);
    url.username = encodeURIComponent(role);
    url.password = '';
    return { description: owner.description, applied, server: { role, url: url.toString() } };
  } finally {
    await owner.close();
  }
}

/** Opens a database; a PostgreSQL login that fails is explained (the login role is made by `migrate`). */
async function open(
  databaseUrl: string | undefined,
  config: Config,
  command: string,
  setting: string,
): Promise<Database> {
  try {
    return await openDatabase({
      dataDir: config.dataDir,
      databaseUrl,
      command,
      applicationName: `medborger ${command}`,
    });
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (databaseUrl && (code === '28000' || code === '28P01')) {
      throw new ConfigError(
        `PostgreSQL refused the login of ${setting} (${(err as Error).message}). The server's login role (${SERVER_ROLE}, or the user DATABASE_URL names) is created by the owner: MEDBORGER_OWNER_DATABASE_URL=postgres://OWNER@HOST/DB DATABASE_URL=<the server's URL> npx medborger migrate.`,
      );
    }
    throw err;
  }
}

/**
 * Refuses to run with a CPR key other than the one the database was written with: the numbers
 * would be unreadable and new ones unsearchable next to the old. The first start records it
 * (through the owner's function: the application role cannot change a recorded fingerprint).
 */
async function checkKeyFingerprint(database: Database, vault: CprVault): Promise<void> {
  const stored = await recordCprKeyFingerprint(database.db, vault.fingerprint);
  if (stored !== vault.fingerprint) {
    throw new ConfigError(
      `The CPR key (fingerprint ${vault.fingerprint}) is not the key this database was written with (fingerprint ${stored}). Configure the original MEDBORGER_CPR_KEY.`,
    );
  }
}
