// Cases that close: a person's closure (read and lock, insert, delete at a version) and the
// person's `left_on` that goes with it. What may be closed, and when, is the service's to decide
// (src/services/closures.ts).
import type { Tx } from '../db/tenant.js';
import type { ClosureReason } from '../domain/closure.js';

export interface ClosureRow {
  id: string;
  person_id: string;
  closed_on: string;
  reason: ClosureReason;
  moved_to: string | null;
  moved_to_name: string | null;
  version: number;
  created_at: Date;
  created_by: string | null;
  created_by_name: string | null;
}

/** The person's closure, or undefined; `lock` takes the row (FOR UPDATE). */
export async function closureOf(
  tx: Tx,
  personId: string,
  options: { lock?: boolean } = {},
): Promise<ClosureRow | undefined> {
  const q = tx
    .selectFrom('case_closures as c')
    .leftJoin('municipalities as m', 'm.code', 'c.moved_to')
    .leftJoin('users as u', (j) =>
      j.onRef('u.municipality_code', '=', 'c.municipality_code').onRef('u.id', '=', 'c.created_by'),
    )
    .select([
      'c.id',
      'c.person_id',
      'c.closed_on',
      'c.reason',
      'c.moved_to',
      'm.name as moved_to_name',
      'c.version',
      'c.created_at',
      'c.created_by',
      'u.name as created_by_name',
    ])
    .where('c.person_id', '=', personId);
  return (options.lock ? q.forUpdate('c') : q).executeTakeFirst();
}

/** Inserts the closure; undefined when the person already has one (one per person). */
export async function insertClosure(
  tx: Tx,
  values: {
    municipality_code: string;
    person_id: string;
    closed_on: string;
    reason: ClosureReason;
    moved_to: string | null;
    created_by: string;
  },
): Promise<{ id: string } | undefined> {
  return tx
    .insertInto('case_closures')
    .values(values)
    .onConflict((c) => c.columns(['municipality_code', 'person_id']).doNothing())
    .returning('id')
    .executeTakeFirst();
}

/** Deletes the closure at `version`; whether a row was deleted. */
export async function deleteClosure(tx: Tx, id: string, version: number): Promise<boolean> {
  const result = await tx
    .deleteFrom('case_closures')
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Sets (or clears) the day the person left the case file, as the indicators read it. */
export async function setLeftOn(tx: Tx, personId: string, leftOn: string | null): Promise<void> {
  await tx.updateTable('persons').set({ left_on: leftOn, updated_at: new Date() }).where('id', '=', personId).execute();
}
