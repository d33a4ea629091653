// The materialised obligations (migration 0016): the municipality's day, the persons marked since
// their rows were evaluated, the rows themselves, and the worklist read from them (one statement:
// the counts of both groups, the page's rows with their persons and contact persons, and what
// tells the service whether the rows may be read: the day, the policy, whether any mark waits).
// SQL only; src/services/obligation-store.ts decides when to evaluate and what.
import { sql } from 'kysely';
import type { Tx } from '../db/tenant.js';
import type { ObligationStatus } from '../domain/glossary.js';

export interface ObligationDay {
  evaluatedFor: string;
  policy: string;
}

/** A materialised row: what the engine found for one person under one rule on the day. */
export interface StoredObligation {
  personId: string;
  ruleId: string;
  status: Exclude<ObligationStatus, 'not_applicable'>;
  dueDate: string | null;
  evidence: unknown;
  reason: string | null;
  /** The tightened law's [status, due date], in the rule's order; null when the rule tightens none. */
  tightens: [ObligationStatus, string | null][] | null;
}

export async function obligationDay(tx: Tx, municipalityCode: string): Promise<ObligationDay | null> {
  const row = await tx
    .selectFrom('obligation_days')
    .select(['evaluated_for', 'policy'])
    .where('municipality_code', '=', municipalityCode)
    .executeTakeFirst();
  return row ? { evaluatedFor: row.evaluated_for, policy: row.policy } : null;
}

export async function setObligationDay(tx: Tx, municipalityCode: string, day: ObligationDay): Promise<void> {
  await tx
    .insertInto('obligation_days')
    .values({ municipality_code: municipalityCode, evaluated_for: day.evaluatedFor, policy: day.policy })
    .onConflict((oc) =>
      oc
        .column('municipality_code')
        .doUpdateSet({ evaluated_for: day.evaluatedFor, policy: day.policy, evaluated_at: sql`now()` }),
    )
    .execute();
}

/**
 * The municipality's evaluation lock, until this transaction ends: held exclusively while the
 * whole municipality is evaluated, shared while some of its persons are.
 */
export async function lockMunicipalityEvaluation(
  tx: Tx,
  municipalityCode: string,
  mode: 'shared' | 'exclusive',
): Promise<void> {
  const key = sql`hashtext('medborger.obligations'), hashtext(${municipalityCode})`;
  await (
    mode === 'shared' ? sql`SELECT pg_advisory_xact_lock_shared(${key})` : sql`SELECT pg_advisory_xact_lock(${key})`
  ).execute(tx);
}

/**
 * Locks the evaluation of these persons until this transaction ends, in one order so that two
 * never deadlock; a later statement then reads every fact committed before the lock was had.
 * Advisory locks, not the persons' rows: a writer's own row locks take no part in the wait.
 */
export async function lockPersons(tx: Tx, municipalityCode: string, personIds: readonly string[]): Promise<void> {
  if (personIds.length === 0) return;
  await sql`
    SELECT pg_advisory_xact_lock(s.municipality_key, s.person_key)
      FROM (SELECT hashtext(${'medborger.obligations.' + municipalityCode}) AS municipality_key, hashtext(id) AS person_key
              FROM unnest(${sql.val([...personIds])}::text[]) AS id
             ORDER BY 2 OFFSET 0) s`.execute(tx);
}

/** Removes this transaction's own marks and says whom they named. */
export async function takeOwnMarks(tx: Tx): Promise<string[]> {
  const { rows } = await sql<{ person_id: string }>`
    DELETE FROM obligations_dirty WHERE marked_by = pg_current_xact_id_if_assigned() RETURNING person_id`.execute(tx);
  return [...new Set(rows.map((r) => r.person_id))];
}

/** The persons marked by transactions that have committed (or by this one). */
export async function markedPersons(tx: Tx): Promise<string[]> {
  const rows = await tx.selectFrom('obligations_dirty').select('person_id').distinct().execute();
  return rows.map((r) => r.person_id);
}

/** Removes the marks of these persons (all the municipality's when null). */
export async function clearMarks(tx: Tx, personIds: readonly string[] | null): Promise<void> {
  if (personIds !== null && personIds.length === 0) return;
  let q = tx.deleteFrom('obligations_dirty');
  if (personIds !== null) q = q.where('person_id', 'in', personIds);
  await q.execute();
}

const INSERT_BATCH = 2000;

/** Replaces the rows of these persons (all the municipality's when null) with `rows`. */
export async function replaceObligations(
  tx: Tx,
  municipalityCode: string,
  personIds: readonly string[] | null,
  rows: readonly StoredObligation[],
): Promise<void> {
  if (personIds !== null && personIds.length === 0) return;
  let del = tx.deleteFrom('person_obligations').where('municipality_code', '=', municipalityCode);
  if (personIds !== null) del = del.where('person_id', 'in', personIds);
  await del.execute();
  for (let i = 0; i < rows.length; i += INSERT_BATCH) {
    const batch = rows.slice(i, i + INSERT_BATCH).map((r) => ({
      p: r.personId,
      r: r.ruleId,
      s: r.status,
      d: r.dueDate,
      o: { evidence: r.evidence ?? null, reason: r.reason, tightens: r.tightens },
    }));
    // One statement per batch, the rows as one JSON parameter (a few thousand rows, not a few thousand parameters).
    await sql`
      INSERT INTO person_obligations (municipality_code, person_id, rule_id, status, due_date, obligation)
      SELECT ${municipalityCode}, x.p, x.r, x.s, x.d, x.o
        FROM json_to_recordset(${JSON.stringify(batch)}::json) AS x(p uuid, r text, s text, d date, o json)`.execute(
      tx,
    );
  }
}

/** The stored rows of some persons (all when null), for comparison and for tests. */
export async function storedObligations(tx: Tx, personIds: readonly string[] | null): Promise<StoredObligation[]> {
  if (personIds !== null && personIds.length === 0) return [];
  let q = tx
    .selectFrom('person_obligations')
    .select(['person_id', 'rule_id', 'status', 'due_date', 'obligation'])
    .orderBy('person_id')
    .orderBy('rule_id');
  if (personIds !== null) q = q.where('person_id', 'in', personIds);
  return (await q.execute()).map((r) => fromRow(r.person_id, r.rule_id, r.status, r.due_date, r.obligation));
}

function fromRow(
  personId: string,
  ruleId: string,
  status: StoredObligation['status'],
  dueDate: string | null,
  obligation: unknown,
): StoredObligation {
  const o = obligation as { evidence: unknown; reason: string | null; tightens: StoredObligation['tightens'] };
  return { personId, ruleId, status, dueDate, evidence: o.evidence, reason: o.reason, tightens: o.tightens };
}

export interface StoredWorklistQuery {
  statuses: readonly ObligationStatus[];
  ruleId?: string | undefined;
  contactPersonUserId?: string | undefined;
  /** An overdue obligation due before this day is long overdue. */
  longOverdueBefore: string;
  group: 'current' | 'long_overdue' | 'all';
  /** Rows whose tie group meets positions offset+1 … end (1-based, in the order without names). */
  offset: number;
  end: number;
}

export interface StoredWorklistRow extends StoredObligation {
  /** The position of the row's tie group in the worklist's order (names break the tie). */
  rank: number;
  givenName: string;
  familyName: string;
  contactPerson: { userId: string; name: string } | null;
}

export interface StoredWorklist {
  day: ObligationDay | null;
  marked: boolean;
  groups: { current: number; longOverdue: number };
  rows: StoredWorklistRow[];
}

/**
 * The worklist from the materialised rows, in one statement. The order is the worklist's
 * (src/domain/worklist.ts byWorklistOrder) up to the family name: rows whose order ties are one
 * group, returned whole where it meets the page, for the service to order by name in Danish.
 */
export async function storedWorklist(
  tx: Tx,
  municipalityCode: string,
  q: StoredWorklistQuery,
): Promise<StoredWorklist> {
  const statuses = q.statuses.filter((s) => s !== 'not_applicable');
  const where = [
    sql`o.municipality_code = ${municipalityCode}`,
    statuses.length ? sql`o.status IN (${sql.join(statuses)})` : sql`false`,
  ];
  if (q.ruleId !== undefined) where.push(sql`o.rule_id = ${q.ruleId}`);
  if (q.contactPersonUserId !== undefined)
    where.push(
      sql`EXISTS (SELECT 1 FROM contact_person_assignments f WHERE f.municipality_code = o.municipality_code AND f.person_id = o.person_id AND f.to_date IS NULL AND f.user_id = ${q.contactPersonUserId})`,
    );
  const group =
    q.group === 'all' ? sql`true` : q.group === 'long_overdue' ? sql`m.long_overdue` : sql`NOT m.long_overdue`;
  const { rows } = await sql<{
    evaluated_for: string | null;
    policy: string | null;
    marked: boolean;
    current: number;
    long_overdue: number;
    person_id: string | null;
    rule_id: string;
    rk: number;
    status: StoredObligation['status'];
    due_date: string | null;
    obligation: unknown;
    given_name: string;
    family_name: string;
    contact: [string, string] | null;
  }>`
    WITH m AS (
      SELECT o.person_id, o.rule_id, o.status, o.due_date,
             (o.status = 'overdue' AND o.due_date < ${q.longOverdueBefore}::date) AS long_overdue,
             CASE o.status WHEN 'overdue' THEN 0 WHEN 'due_soon' THEN 1 WHEN 'open' THEN 2 ELSE 3 END AS status_rank,
             CASE WHEN o.status = 'overdue' THEN DATE '9999-12-31' - coalesce(o.due_date, DATE '9999-12-31')
                  ELSE coalesce(o.due_date, DATE '9999-12-31') - DATE '0001-01-01' END AS due_key
        FROM person_obligations o
       WHERE ${sql.join(where, sql` AND `)}
    ), counts AS (
      SELECT count(*) FILTER (WHERE NOT long_overdue)::int AS current, count(*) FILTER (WHERE long_overdue)::int AS long_overdue FROM m
    ), ranked AS (
      SELECT m.person_id, m.rule_id,
             rank() OVER (ORDER BY m.long_overdue, m.status_rank, m.due_key)::int AS rk,
             count(*) OVER (PARTITION BY m.long_overdue, m.status_rank, m.due_key)::int AS ties
        FROM m WHERE ${group}
    )
    SELECT d.evaluated_for, d.policy,
           EXISTS (SELECT 1 FROM obligations_dirty x WHERE x.municipality_code = ${municipalityCode}) AS marked,
           counts.current, counts.long_overdue,
           r.person_id, r.rule_id, r.rk, o.status, o.due_date, o.obligation, p.given_name, p.family_name,
           (SELECT json_build_array(cp.user_id, u.name) FROM contact_person_assignments cp
              JOIN users u ON u.municipality_code = cp.municipality_code AND u.id = cp.user_id
             WHERE cp.municipality_code = p.municipality_code AND cp.person_id = p.id AND cp.to_date IS NULL) AS contact
      FROM counts
      LEFT JOIN obligation_days d ON d.municipality_code = ${municipalityCode}
      LEFT JOIN ranked r ON r.rk <= ${q.end} AND r.rk + r.ties > ${q.offset}
      LEFT JOIN person_obligations o ON o.municipality_code = ${municipalityCode} AND o.person_id = r.person_id AND o.rule_id = r.rule_id
      LEFT JOIN persons p ON p.municipality_code = o.municipality_code AND p.id = o.person_id`.execute(tx);
  const first = rows[0];
  return {
    day:
      first?.evaluated_for != null && first.policy !== null
        ? { evaluatedFor: first.evaluated_for, policy: first.policy }
        : null,
    marked: first?.marked ?? false,
    groups: { current: first?.current ?? 0, longOverdue: first?.long_overdue ?? 0 },
    rows: rows.flatMap((r) =>
      r.person_id === null
        ? []
        : [
            {
              ...fromRow(r.person_id, r.rule_id, r.status, r.due_date, r.obligation),
              rank: r.rk,
              givenName: r.given_name,
              familyName: r.family_name,
              contactPerson: r.contact ? { userId: r.contact[0], name: r.contact[1] } : null,
            },
          ],
    ),
  };
}
