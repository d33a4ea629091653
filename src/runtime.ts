// Opening Medborger's runtime: database (embedded or PostgreSQL), migrations, and the CPR vault
// whose key must be the one the data was written with.
import type { Config } from './config.js';
import { ConfigError } from './config.js';
import { migrate, openDatabase, type Database } from './db/database.js';
import { CprVault, resolveCprKey } from './security/cpr-vault.js';

export interface Runtime {
  database: Database;
  vault: CprVault;
  close(): Promise<void>;
}

export async function openRuntime(config: Config, command: string): Promise<Runtime> {
  const key = resolveCprKey({ cprKey: config.cprKey, dataDir: config.dataDir, embedded: !config.databaseUrl });
  const vault = new CprVault(key);
  const database = await openDatabase({ dataDir: config.dataDir, databaseUrl: config.databaseUrl, command });
  try {
    await migrate(database.db);
    await checkKeyFingerprint(database, vault);
  } catch (err) {
    await database.close();
    throw err;
  }
  return { database, vault, close: () => database.close() };
}

/**
 * Refuses to run with a CPR key other than the one the database was written with: the numbers
 * would be unreadable and new ones unsearchable next to the old.
 */
async function checkKeyFingerprint(database: Database, vault: CprVault): Promise<void> {
  const { db } = database;
  await db.insertInto('settings').values({ key: 'cpr_key_fingerprint', value: vault.fingerprint }).onConflict((oc) => oc.column('key').doNothing()).execute();
  const stored = await db.selectFrom('settings').select('value').where('key', '=', 'cpr_key_fingerprint').executeTakeFirstOrThrow();
  if (stored.value !== vault.fingerprint) {
    throw new ConfigError(`The CPR key (fingerprint ${vault.fingerprint}) is not the key this database was written with (fingerprint ${stored.value}). Configure the original MEDBORGER_CPR_KEY.`);
  }
}
