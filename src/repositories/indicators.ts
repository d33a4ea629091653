// What the indicators count, for a whole municipality in one query: each person's attributes the
// breakdowns need (no name, no CPR number). Read only; the counting is src/domain/indicators.ts.
import type { Tx } from '../db/tenant.js';

export interface IndicatorPersonRow {
  id: string;
  sex: string;
  birth_date: string;
  residence_basis: string;
  program: string | null;
  takeover_date: string;
  arrival_date: string | null;
  languages: string[];
  household_id: string;
  left_on: string | null;
}

/** Every person of the municipality (or those named) with the attributes the indicators read. */
export async function indicatorPersons(tx: Tx, personIds?: readonly string[]): Promise<IndicatorPersonRow[]> {
  let query = tx
    .selectFrom('persons as p')
    .select([
      'p.id',
      'p.sex',
      'p.birth_date',
      'p.residence_basis',
      'p.program',
      'p.takeover_date',
      'p.arrival_date',
      'p.languages',
      'p.household_id',
      'p.left_on',
    ])
    .orderBy('p.id');
  if (personIds?.length === 0) return [];
  if (personIds) query = query.where('p.id', 'in', [...personIds]);
  return query.execute();
}
