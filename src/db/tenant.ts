// Every unit of application work is one transaction under the application role with the tenant
// set for that transaction only. Row-level security then shows and accepts only that
// municipality's rows; a transaction that sets no tenant sees none.
import { sql, type Kysely, type Transaction } from 'kysely';
import { APP_ROLE, TENANT_SETTING } from './names.js';
import type { DB } from './schema.js';

export type Tx = Transaction<DB>;

/** Runs `work` in one transaction as the application role, scoped to one municipality. */
export async function inTenant<T>(db: Kysely<DB>, municipalityCode: string, work: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (tx) => {
    await sql`SELECT set_config('role', ${APP_ROLE}, true), set_config(${TENANT_SETTING}, ${municipalityCode}, true)`.execute(tx);
    return work(tx);
  });
}

/** Runs `work` as the application role with no tenant: reference data only, no tenant rows. */
export async function asApp<T>(db: Kysely<DB>, work: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (tx) => {
    await sql`SELECT set_config('role', ${APP_ROLE}, true)`.execute(tx);
    return work(tx);
  });
}
