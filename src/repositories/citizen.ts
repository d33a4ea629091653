// What the citizen pages read beyond the case file (issue 14): the municipality's associations
// and volunteers (read only: their registries are another issue's), and the demo citizens the
// local identity provider lists (adults with a CPR number and an upcoming appointment). Queries only.
import { sql } from 'kysely';
import type { Tx } from '../db/tenant.js';

/** The municipality's associations with their town, by town then name. */
export async function associationsWithTown(tx: Tx) {
  return tx
    .selectFrom('associations as a')
    .innerJoin('towns as t', (j) =>
      j.onRef('t.municipality_code', '=', 'a.municipality_code').onRef('t.id', '=', 'a.town_id'),
    )
    .select(['a.id', 'a.name', 'a.kind', 't.name as town_name'])
    .orderBy('t.name')
    .orderBy('a.name')
    .execute();
}

/** How many volunteers the municipality has, and how many of them can be a mentor (no names: counts only). */
export async function volunteerCounts(tx: Tx): Promise<{ volunteers: number; mentors: number }> {
  const row = await tx
    .selectFrom('volunteers')
    .select([
      sql<number>`count(*)::int`.as('volunteers'),
      sql<number>`count(*) FILTER (WHERE mentor)::int`.as('mentors'),
    ])
    .executeTakeFirst();
  return { volunteers: row?.volunteers ?? 0, mentors: row?.mentors ?? 0 };
}

/**
 * Adults with a CPR number and a planned appointment from `from` on (the demo seed books one for
 * each demo citizen), the earliest appointment first; with whether their household has a child.
 */
export async function citizensWithUpcomingAppointments(tx: Tx, from: Date, adultBornBefore: string, limit: number) {
  return tx
    .selectFrom('persons as p')
    .innerJoin('appointments as a', (j) =>
      j.onRef('a.municipality_code', '=', 'p.municipality_code').onRef('a.person_id', '=', 'p.id'),
    )
    .select([
      'p.id',
      'p.given_name',
      'p.family_name',
      'p.household_relation',
      'p.cpr_cipher',
      sql<Date>`min(a.starts_at)`.as('first_at'),
      sql<boolean>`EXISTS (SELECT 1 FROM persons c WHERE c.municipality_code = p.municipality_code AND c.household_id = p.household_id AND c.household_relation = 'child')`.as(
        'has_child',
      ),
    ])
    .where('p.cpr_cipher', 'is not', null)
    .where('p.birth_date', '<=', adultBornBefore)
    .where('a.status', '=', 'planned')
    .where('a.starts_at', '>=', from)
    .groupBy(['p.municipality_code', 'p.id'])
    .orderBy(sql`min(a.starts_at)`)
    .orderBy('p.id')
    .limit(limit)
    .execute();
}
