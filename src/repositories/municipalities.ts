// The 98 municipalities: reference data, not personal data and not tenant-owned.
import type { Kysely } from 'kysely';
import type { DB, MunicipalitiesTable } from '../db/schema.js';
import type { Tx } from '../db/tenant.js';

/** Every municipality, by code. */
export async function allMunicipalities(tx: Tx): Promise<MunicipalitiesTable[]> {
  return tx.selectFrom('municipalities').selectAll().orderBy('code').execute();
}

/** Whether a municipality has this code. Runs on the connection it is given (a transaction or the database). */
export async function municipalityExists(db: Kysely<DB>, code: string): Promise<boolean> {
  return (
    (await db.selectFrom('municipalities').select('code').where('code', '=', code).executeTakeFirst()) !== undefined
  );
}
