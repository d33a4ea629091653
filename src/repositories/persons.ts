// Persons and households: queries only, always inside a tenant transaction (RLS applies).
import { sql } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import { compileOnce } from '../db/compiled.js';
import { caseFileOf, caseFileQuery, type CaseFileRow } from './case-records.js';
import type { Tx } from '../db/tenant.js';
import type { PersonsTable } from '../db/schema.js';
import type { Insertable, Selectable, Updateable } from 'kysely';

export type PersonRow = Selectable<PersonsTable>;

export async function insertHousehold(
  tx: Tx,
  values: { municipality_code: string; arrival_date: string | null; takeover_date: string; synthetic?: boolean },
) {
  return tx.insertInto('households').values(values).returning('id').executeTakeFirstOrThrow();
}

export async function insertPersons(tx: Tx, rows: Insertable<PersonsTable>[]) {
  return tx.insertInto('persons').values(rows).returning(['id']).execute();
}

export async function findPerson(tx: Tx, id: string, options: { lock?: boolean } = {}): Promise<PersonRow | undefined> {
  const q = tx.selectFrom('persons').selectAll().where('id', '=', id);
  return (options.lock ? q.forUpdate() : q).executeTakeFirst();
}

export async function findPersonByCprHash(tx: Tx, hash: Buffer): Promise<{ id: string } | undefined> {
  return tx.selectFrom('persons').select('id').where('cpr_hash', '=', hash).executeTakeFirst();
}

/** A household and its members (head, spouse, children, others; oldest first), in one statement. */
export async function householdWithMembers(tx: Tx, householdId: string) {
  const row = await tx
    .selectFrom('households as h')
    .select((eb) => [
      'h.id',
      'h.arrival_date',
      'h.takeover_date',
      jsonArrayFrom(
        eb
          .selectFrom('persons as p')
          .select(['p.id', 'p.given_name', 'p.family_name', 'p.birth_date', 'p.household_relation'])
          .whereRef('p.municipality_code', '=', 'h.municipality_code')
          .whereRef('p.household_id', '=', 'h.id')
          .orderBy(sql`array_position(array['head','spouse','child','other'], p.household_relation)`)
          .orderBy('p.birth_date'),
      ).as('members'),
    ])
    .where('h.id', '=', householdId)
    .executeTakeFirstOrThrow();
  const { members, ...household } = row;
  return { household, members };
}

/** personForReading's query (not executed). */
function personQuery(tx: Tx, p: Readonly<Record<'id' | 'today', string>>) {
  return tx
    .selectFrom('persons as p')
    .innerJoin('households as h', (j) =>
      j.onRef('h.municipality_code', '=', 'p.municipality_code').onRef('h.id', '=', 'p.household_id'),
    )
    .selectAll('p')
    .select((eb) => [
      'h.housing_status as household_housing_status',
      'h.takeover_date as household_takeover_date',
      'h.arrival_date as household_arrival_date',
      sql<boolean>`EXISTS (SELECT 1 FROM mentorships m
                    WHERE m.municipality_code = h.municipality_code
                      AND (m.household_id = h.id OR m.person_id IN (SELECT s.id FROM persons s WHERE s.municipality_code = h.municipality_code AND s.household_id = h.id))
                      AND m.from_date <= ${p.today}::date AND (m.to_date IS NULL OR m.to_date >= ${p.today}::date))`.as(
        'current_mentorship',
      ),
      jsonArrayFrom(
        eb
          .selectFrom('persons as m')
          .select(['m.id', 'm.given_name', 'm.family_name', 'm.birth_date', 'm.household_relation'])
          .whereRef('m.municipality_code', '=', 'h.municipality_code')
          .whereRef('m.household_id', '=', 'h.id')
          .orderBy(sql`array_position(array['head','spouse','child','other'], m.household_relation)`)
          .orderBy('m.birth_date'),
      ).as('members'),
    ])
    .where('p.id', '=', p.id);
}

/** The statements of personForReading, compiled once (src/db/compiled.ts): without and with the case file. */
const PERSON_FOR_READING = compileOnce(['id', 'today'], personQuery);
const PERSON_WITH_CASE_FILE = compileOnce(['id', 'today'], (tx, p) =>
  personQuery(tx, p).select(
    sql<CaseFileRow>`(SELECT to_json(f) FROM (${caseFileQuery(tx, p.id)}) AS f)`.as('case_file'),
  ),
);

/**
 * A person to read, in one statement: the row, the scope facts the authorize policy reads (the
 * household's housing and takeover, a current mentorship on the day), and the household with its
 * members as householdWithMembers gives them. One round trip where three were.
 */
export async function personForReading(tx: Tx, id: string, today: string, options: { caseFile?: boolean } = {}) {
  const [row] = options.caseFile
    ? await PERSON_WITH_CASE_FILE(tx, { id, today })
    : (await PERSON_FOR_READING(tx, { id, today })).map((r) => ({ ...r, case_file: null }));
  if (!row) return undefined;
  const {
    case_file,
    household_housing_status,
    household_takeover_date,
    household_arrival_date,
    current_mentorship,
    members,
    ...person
  } = row;
  return {
    person,
    scope: {
      id: person.id,
      birth_date: person.birth_date,
      household_id: person.household_id,
      housing_status: household_housing_status,
      takeover_date: household_takeover_date,
      current_mentorship,
    },
    household: {
      id: person.household_id,
      arrival_date: household_arrival_date,
      takeover_date: household_takeover_date,
    },
    members,
    /** the case file (caseFile's records), when asked for */
    caseFile: case_file ? caseFileOf(case_file) : null,
  };
}

/** Updates a person if its version is still `expectedVersion`; returns the new row or undefined. */
export async function updatePersonIfVersion(
  tx: Tx,
  id: string,
  expectedVersion: number,
  changes: Updateable<PersonsTable>,
) {
  return tx
    .updateTable('persons')
    .set({ ...changes, version: sql`version + 1`, updated_at: sql`now()` })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .returningAll()
    .executeTakeFirst();
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Name search: every word must begin the given or the family name (case-insensitive). */
export async function searchByName(tx: Tx, words: string[], limit: number) {
  let q = tx
    .selectFrom('persons')
    .select(['id', 'given_name', 'family_name', 'birth_date', 'cpr_masked', 'household_id', 'synthetic']);
  for (const word of words) {
    const pattern = `${escapeLike(word.toLowerCase())}%`;
    q = q.where((eb) =>
      eb.or([
        eb(sql`lower(given_name)`, 'like', pattern),
        eb(sql`lower(family_name)`, 'like', pattern),
        eb(sql`lower(family_name)`, 'like', `% ${pattern}`),
        eb(sql`lower(given_name)`, 'like', `% ${pattern}`),
      ]),
    );
  }
  return q.orderBy('family_name').orderBy('given_name').orderBy('id').limit(limit).execute();
}

export async function searchByCprHash(tx: Tx, hash: Buffer) {
  return tx
    .selectFrom('persons')
    .select(['id', 'given_name', 'family_name', 'birth_date', 'cpr_masked', 'household_id', 'synthetic'])
    .where('cpr_hash', '=', hash)
    .execute();
}

/**
 * What the authorize policy needs of persons (birth date; the household's housing status,
 * takeover date and whether a mentorship runs on `today`), for the ids given.
 */
export async function personScopes(tx: Tx, ids: string[], today: string) {
  if (ids.length === 0) return [];
  const { rows } = await sql<{
    id: string;
    birth_date: string;
    household_id: string;
    housing_status: string;
    takeover_date: string;
    current_mentorship: boolean;
  }>`
    SELECT p.id, p.birth_date, p.household_id, h.housing_status, h.takeover_date,
           EXISTS (SELECT 1 FROM mentorships m
                    WHERE m.municipality_code = h.municipality_code
                      AND (m.household_id = h.id OR m.person_id IN (SELECT s.id FROM persons s WHERE s.municipality_code = h.municipality_code AND s.household_id = h.id))
                      AND m.from_date <= ${today}::date AND (m.to_date IS NULL OR m.to_date >= ${today}::date)) AS current_mentorship
      FROM persons p
      JOIN households h ON h.municipality_code = p.municipality_code AND h.id = p.household_id
     WHERE p.id IN (${sql.join(ids)})`.execute(tx);
  return rows;
}

export async function insertContactPersonAssignments(
  tx: Tx,
  rows: { municipality_code: string; person_id: string; user_id: string; from_date: string }[],
) {
  if (rows.length > 0) await tx.insertInto('contact_person_assignments').values(rows).execute();
}
