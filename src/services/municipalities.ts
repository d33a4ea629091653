// Reference data: the 98 municipalities. Not personal data; read as the application role.
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { asApp } from '../db/tenant.js';
import { allMunicipalities } from '../repositories/municipalities.js';
import { presentMunicipality } from './presenters/municipality.js';

export async function listMunicipalities(db: Kysely<DB>) {
  const rows = await asApp(db, allMunicipalities);
  return rows.map(presentMunicipality);
}
