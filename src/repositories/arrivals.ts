// Arrival notices (Udlændingestyrelsen's housing-placement notices imported) and the households
// they created: queries only, inside a tenant transaction (RLS applies).
import { sql, type Insertable } from 'kysely';
import { lockKeys } from '../db/advisory-locks.js';
import type { Tx } from '../db/tenant.js';
import type { ArrivalNoticesTable } from '../db/schema-arrivals.js';

/**
 * Locks these notice references of the municipality until the transaction ends, in one order so
 * that two imports never deadlock: a second import of a notice waits for the first to commit, and
 * its next statement then finds the notice imported (skipped) instead of its persons registered.
 */
export async function lockNoticeReferences(
  tx: Tx,
  municipalityCode: string,
  references: readonly string[],
): Promise<void> {
  await lockKeys(tx, `medborger.arrival_notice.${municipalityCode}`, references);
}

/** The notices already imported among these references, with the household each created. */
export async function noticesByReference(
  tx: Tx,
  references: readonly string[],
): Promise<{ reference: string; household_id: string; decision_date: string }[]> {
  if (references.length === 0) return [];
  return tx
    .selectFrom('arrival_notices')
    .select(['reference', 'household_id', 'decision_date'])
    .where('reference', 'in', [...references])
    .execute();
}

export async function insertArrivalNotice(tx: Tx, row: Insertable<ArrivalNoticesTable>): Promise<void> {
  await tx.insertInto('arrival_notices').values(row).execute();
}

/** The members of these households (ids, names, birth date, relation, takeover date), in household order. */
export async function membersOfHouseholds(tx: Tx, householdIds: readonly string[]) {
  if (householdIds.length === 0) return [];
  return tx
    .selectFrom('persons')
    .select(['id', 'household_id', 'given_name', 'family_name', 'birth_date', 'household_relation', 'takeover_date'])
    .where('household_id', 'in', [...householdIds])
    .orderBy('household_id')
    .orderBy(sql`array_position(array['head','spouse','child','other'], household_relation)`)
    .orderBy('birth_date')
    .orderBy('id')
    .execute();
}

/** A household and its takeover date, locked for the transaction (members are added one at a time). */
export async function lockHousehold(tx: Tx, householdId: string) {
  return tx
    .selectFrom('households')
    .select(['id', 'takeover_date', 'arrival_date'])
    .where('id', '=', householdId)
    .forUpdate()
    .executeTakeFirst();
}
