// Retention of closed cases: the closures of the municipality, and the deletion of persons with
// every record of theirs and of households left without members. What is deleted, and when, is
// the service's to decide (src/services/retention.ts); these statements only read and delete, in
// the caller's tenant transaction.
import { sql } from 'kysely';
import type { Tx } from '../db/tenant.js';
import type { ClosureReason } from '../domain/closure.js';

/**
 * Every table holding a person's case records by `person_id` (each migration's), children of
 * `persons`: deleted before the person. `users` (a citizen's own user, and its tokens) is apart;
 * `access_log` keeps its rows (its own retention purges them; no foreign key). A migration adding
 * a table with a person_id must add it here (test/closure-retention.test.ts compares the schema).
 */
export const PERSON_RECORD_TABLES = [
  // First: an appointment refers to the conversation and follow-up it became.
  'appointments',
  'attachments',
  'visitations',
  'contracts',
  'contact_person_assignments',
  'activities',
  'conversations',
  'enrolments',
  'language_assessments',
  'follow_ups',
  'labour_market_periods',
  'educations_completed',
  'danish_educations',
  'danish_tests',
  'health_assessments',
  'repatriation_notices',
  'reception_steps',
  'case_record_changes',
  'case_closures',
  'placement_proposals',
  'mentorships',
  // The materialised obligations (0016); the persons' marks are removed before the deletion commits.
  'person_obligations',
] as const;

/** The tables that refer to a household by `household_id` besides `persons`: deleted with the household. */
export const HOUSEHOLD_RECORD_TABLES = ['placement_proposals', 'mentorships'] as const;

export interface ClosedCaseRow {
  person_id: string;
  household_id: string;
  closed_on: string;
  reason: ClosureReason;
}

/** Every closed case of the municipality, oldest closure first. */
export async function closedCases(tx: Tx): Promise<ClosedCaseRow[]> {
  return tx
    .selectFrom('case_closures as c')
    .innerJoin('persons as p', (j) =>
      j.onRef('p.municipality_code', '=', 'c.municipality_code').onRef('p.id', '=', 'c.person_id'),
    )
    .select(['c.person_id', 'p.household_id', 'c.closed_on', 'c.reason'])
    .orderBy('c.closed_on')
    .orderBy('c.person_id')
    .execute();
}

/** Locks the persons (FOR UPDATE), so that nobody writes to their case while they are deleted; the ids still there. */
export async function lockPersons(tx: Tx, personIds: readonly string[]): Promise<string[]> {
  if (personIds.length === 0) return [];
  const rows = await tx
    .selectFrom('persons')
    .select('id')
    .where('id', 'in', [...personIds])
    .forUpdate()
    .execute();
  return rows.map((r) => r.id);
}

/**
 * Deletes the persons and everything of theirs: their rows in every case-record table, a citizen
 * user's tokens and user, then the person rows (and with them the CPR cipher, search hash and
 * masked number, the vault's entry for the person). Rows deleted per table.
 */
export async function deletePersons(tx: Tx, personIds: readonly string[]): Promise<Record<string, number>> {
  const ids = [...personIds];
  const counts: Record<string, number> = {};
  if (ids.length === 0) return counts;
  for (const table of PERSON_RECORD_TABLES) {
    const r = await sql`DELETE FROM ${sql.table(table)} WHERE person_id IN (${sql.join(ids)})`.execute(tx);
    counts[table] = Number(r.numAffectedRows ?? 0);
  }
  const citizens = tx.selectFrom('users').select('id').where('person_id', 'in', ids);
  counts.api_tokens = Number(
    (await tx.deleteFrom('api_tokens').where('user_id', 'in', citizens).executeTakeFirst()).numDeletedRows,
  );
  counts.users = Number((await tx.deleteFrom('users').where('person_id', 'in', ids).executeTakeFirst()).numDeletedRows);
  counts.persons = Number((await tx.deleteFrom('persons').where('id', 'in', ids).executeTakeFirst()).numDeletedRows);
  return counts;
}

/** Of these households, those without a member left. */
export async function householdsWithoutMembers(tx: Tx, householdIds: readonly string[]): Promise<string[]> {
  if (householdIds.length === 0) return [];
  const rows = await sql<{ id: string }>`SELECT h.id FROM households h
    WHERE h.id IN (${sql.join([...householdIds])})
      AND NOT EXISTS (SELECT 1 FROM persons p WHERE p.municipality_code = h.municipality_code AND p.household_id = h.id)`.execute(
    tx,
  );
  return rows.rows.map((r) => r.id);
}

/** Deletes households (without members) and the rows that refer to them. */
export async function deleteHouseholds(tx: Tx, householdIds: readonly string[]): Promise<number> {
  const ids = [...householdIds];
  if (ids.length === 0) return 0;
  for (const table of HOUSEHOLD_RECORD_TABLES)
    await sql`DELETE FROM ${sql.table(table)} WHERE household_id IN (${sql.join(ids)})`.execute(tx);
  return Number((await tx.deleteFrom('households').where('id', 'in', ids).executeTakeFirst()).numDeletedRows);
}

/** The technical user a deletion by retention is logged in the name of (one per municipality), created once. */
export async function retentionUser(
  tx: Tx,
  municipalityCode: string,
  name: string,
): Promise<{ id: string; name: string }> {
  const found = await tx
    .selectFrom('users')
    .select(['id', 'name'])
    .where('name', '=', name)
    .where('kind', '=', 'integration_client')
    .executeTakeFirst();
  if (found) return found;
  return tx
    .insertInto('users')
    .values({ municipality_code: municipalityCode, name, role: 'admin', kind: 'integration_client' })
    .returning(['id', 'name'])
    .executeTakeFirstOrThrow();
}

/** The members of each of these households, by household. */
export async function householdMembers(tx: Tx, householdIds: readonly string[]): Promise<Map<string, string[]>> {
  const members = new Map<string, string[]>();
  if (householdIds.length === 0) return members;
  const rows = await tx
    .selectFrom('persons')
    .select(['id', 'household_id'])
    .where('household_id', 'in', [...householdIds])
    .execute();
  for (const r of rows) members.set(r.household_id, [...(members.get(r.household_id) ?? []), r.id]);
  return members;
}
