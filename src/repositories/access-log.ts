// The access log: one row per use of personal data, appended in the caller's transaction.
import { writeAtCommit, type Tx } from '../db/tenant.js';
import type { Actor } from '../domain/authorization.js';

export type AccessAction = 'read' | 'search' | 'create' | 'change' | 'export' | 'delete';

export interface AccessEntry {
  personId: string | null;
  action: AccessAction;
  resource: string;
  criterion?: string | null;
}

/** Who uses the data, and why (the service context carries both). */
export interface AccessBy {
  actor: Actor;
  purpose: string;
}

export async function recordAccess(tx: Tx, ctx: AccessBy, entries: AccessEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const { actor } = ctx;
  const insert = tx.insertInto('access_log').values(
    entries.map((e) => ({
      municipality_code: actor.municipalityCode,
      user_id: actor.userId,
      user_name: actor.userName,
      role: actor.role,
      person_id: e.personId,
      action: e.action,
      purpose: ctx.purpose,
      criterion: e.criterion ?? null,
      resource: e.resource,
    })),
  );
  // On PostgreSQL the rows go with the transaction's COMMIT (one round trip fewer); a failed row fails it.
  if (!writeAtCommit(tx, insert.compile())) await insert.execute();
}

export async function accessLogForPerson(tx: Tx, personId: string, limit: number) {
  return tx
    .selectFrom('access_log')
    .select(['at', 'action', 'purpose', 'user_name', 'role', 'resource', 'criterion'])
    .where('person_id', '=', personId)
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}
