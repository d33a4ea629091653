// Reference data: the 98 municipalities. Not personal data; read as the application role.
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { asApp } from '../db/tenant.js';
import { allMunicipalities } from '../repositories/municipalities.js';

export async function listMunicipalities(db: Kysely<DB>) {
  const rows = await asApp(db, allMunicipalities);
  return rows.map((r) => ({ code: r.code, name: r.name, region: r.region, hasPolicy: r.has_policy }));
}
