// Staff and the municipality's institutions as pages list them (no personal data of citizens).
import type { Tx } from '../db/tenant.js';

/** Caseworkers and team leaders (people, not integration clients): who can be a person's fixed contact person. */
export async function contactPersonCandidates(tx: Tx): Promise<{ id: string; name: string; role: string }[]> {
  return tx
    .selectFrom('users')
    .select(['id', 'name', 'role'])
    .where('role', 'in', ['caseworker', 'team_lead'])
    .where('kind', '=', 'person')
    .orderBy('name')
    .execute();
}

/** The municipality's daycares and schools, by name. */
export async function childInstitutions(tx: Tx): Promise<{ id: string; name: string; kind: string }[]> {
  return tx
    .selectFrom('institutions')
    .select(['id', 'name', 'kind'])
    .where('kind', 'in', ['daycare', 'school'])
    .orderBy('name')
    .execute();
}

/** One institution of the municipality by id (its kind), or undefined. */
export async function findInstitution(tx: Tx, id: string): Promise<{ id: string; kind: string } | undefined> {
  return tx.selectFrom('institutions').select(['id', 'kind']).where('id', '=', id).executeTakeFirst();
}
