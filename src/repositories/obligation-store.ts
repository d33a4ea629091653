// The materialised obligations (migration 0016): the municipality's day, the persons marked since
// their rows were evaluated, the rows themselves, and the worklist read from them (one statement:
// the counts of both groups, the page's rows with their persons, contact persons and planned
// appointments, and what tells the service whether the rows may be read: the day, the policy,
// whether any mark waits).
// SQL only; src/services/obligation-store.ts decides when to evaluate and what.
import { sql } from 'kysely';
import { lockKeys } from '../db/advisory-locks.js';
import type { Tx } from '../db/tenant.js';
import type { ObligationStatus } from '../domain/glossary.js';
import type { AppointmentPurpose } from '../domain/model.js';

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
  await lockKeys(tx, `medborger.obligations.${municipalityCode}`, personIds);
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

function asRecords(rows: readonly StoredObligation[]): string {
  return JSON.stringify(
    rows.map((r) => ({
      p: r.personId,
      r: r.ruleId,
      s: r.status,
      d: r.dueDate,
      o: { evidence: r.evidence ?? null, reason: r.reason, tightens: r.tightens },
    })),
  );
}

/** The rows as one JSON parameter (a few thousand rows, not a few thousand parameters). */
const RECORDS = (json: string) => sql`json_to_recordset(${json}::json) AS n(p uuid, r text, s text, d date, o json)`;

/**
 * Replaces the rows of these persons (all the municipality's when null) with `rows`. For some
 * persons only the rows that changed are written: a change of a fact that leaves a person's
 * obligations as they were (most do) deletes and inserts nothing, so it leaves no dead rows for
 * the worklist's index scans to step over.
 */
export async function replaceObligations(
  tx: Tx,
  municipalityCode: string,
  personIds: readonly string[] | null,
  rows: readonly StoredObligation[],
): Promise<void> {
  if (personIds !== null && personIds.length === 0) return;
  if (personIds === null) {
    await tx.deleteFrom('person_obligations').where('municipality_code', '=', municipalityCode).execute();
    for (let i = 0; i < rows.length; i += INSERT_BATCH)
      await sql`
        INSERT INTO person_obligations (municipality_code, person_id, rule_id, status, due_date, obligation)
        SELECT ${municipalityCode}, n.p, n.r, n.s, n.d, n.o FROM ${RECORDS(asRecords(rows.slice(i, i + INSERT_BATCH)))}`.execute(
        tx,
      );
    return;
  }
  const json = asRecords(rows);
  // The stored rows with no equal new row go (json has no equality: its text is compared, which
  // is the text this function wrote) …
  await sql`
    DELETE FROM person_obligations o
     WHERE o.municipality_code = ${municipalityCode} AND o.person_id IN (${sql.join(personIds)})
       AND NOT EXISTS (SELECT 1 FROM ${RECORDS(json)}
                        WHERE n.p = o.person_id AND n.r = o.rule_id AND n.s = o.status
                          AND n.d IS NOT DISTINCT FROM o.due_date AND n.o::text = o.obligation::text)`.execute(tx);
  // … and the new rows not stored (as they are) come.
  await sql`
    INSERT INTO person_obligations (municipality_code, person_id, rule_id, status, due_date, obligation)
    SELECT ${municipalityCode}, n.p, n.r, n.s, n.d, n.o FROM ${RECORDS(json)}
     WHERE NOT EXISTS (SELECT 1 FROM person_obligations o
                        WHERE o.municipality_code = ${municipalityCode} AND o.person_id = n.p AND o.rule_id = n.r)`.execute(
    tx,
  );
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
  /** With each row, its person's planned appointments from this moment on (one statement, not two). */
  plannedFrom?: Date | undefined;
}

/** A planned appointment of a worklist row's person, earliest first. */
export interface PlannedAppointment {
  id: string;
  purpose: AppointmentPurpose;
  ruleId: string | null;
  startsAt: Date;
}

export interface StoredWorklistRow extends StoredObligation {
  /** The position of the row's tie group in the worklist's order (names break the tie). */
  rank: number;
  givenName: string;
  familyName: string;
  contactPerson: { userId: string; name: string } | null;
  /** The person's planned appointments from `plannedFrom` on (empty when it was not given). */
  planned: PlannedAppointment[];
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
 *
 * The order is the index person_obligations_order (migration 0017): each group is one or two key
 * ranges (segments) of it, taken in the group's order: the current overdue ones, then due soon,
 * open and met, then (for all) the long overdue. For each segment the page meets, the keys at the
 * page's first and last position are found by walking the index, and the page is every row with a
 * key between them; a row's rank is the rows before its segment, before the first key in it, and
 * its rank among the page's rows. The counts of the groups are one index-only scan of the rows the
 * filters select. So the cost is that scan and the page, not a ranking of every row.
 */
export async function storedWorklist(
  tx: Tx,
  municipalityCode: string,
  q: StoredWorklistQuery,
): Promise<StoredWorklist> {
  const statuses = q.statuses.filter((s) => s !== 'not_applicable');
  const filter = (a: string) => {
    const where = [
      sql`${sql.ref(`${a}.municipality_code`)} = ${municipalityCode}`,
      statuses.length ? sql`${sql.ref(`${a}.status`)} IN (${sql.join(statuses)})` : sql`false`,
    ];
    if (q.ruleId !== undefined) where.push(sql`${sql.ref(`${a}.rule_id`)} = ${q.ruleId}`);
    if (q.contactPersonUserId !== undefined)
      where.push(
        sql`EXISTS (SELECT 1 FROM contact_person_assignments f WHERE f.municipality_code = ${sql.ref(`${a}.municipality_code`)} AND f.person_id = ${sql.ref(`${a}.person_id`)} AND f.to_date IS NULL AND f.user_id = ${q.contactPersonUserId})`,
      );
    return sql.join(where, sql` AND `);
  };
  const key = (a: string) => sql.ref(`${a}.order_key`);
  // Overdue rows with a key above this one are long overdue (due before q.longOverdueBefore).
  const longFrom = sql`(DATE '9999-12-31' - ${q.longOverdueBefore}::date)`;
  const BAND = 4_000_000;
  // The group's segments in its order: [number, key above, key at most, rows before it, its size].
  const current = [sql`(1, -1, ${longFrom}, 0, c.c1)`, sql`(2, ${BAND - 1}::int, 2147483647, c.c1, c.c2)`];
  const segments =
    q.group === 'current'
      ? current
      : q.group === 'long_overdue'
        ? [sql`(3, ${longFrom}, ${BAND - 1}::int, 0, c.c3)`]
        : [...current, sql`(3, ${longFrom}, ${BAND - 1}::int, c.c1 + c.c2, c.c3)`];
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
    planned: [string, AppointmentPurpose, string | null, string][] | null;
  }>`
    WITH c AS MATERIALIZED (
      SELECT count(*) FILTER (WHERE x.k <= ${longFrom})::int AS c1,
             count(*) FILTER (WHERE x.k >= ${BAND}::int)::int AS c2,
             count(*) FILTER (WHERE x.k > ${longFrom} AND x.k < ${BAND}::int)::int AS c3
        FROM (SELECT ${key('o')} AS k FROM person_obligations o WHERE ${filter('o')}) x
    ), seg AS MATERIALIZED (
      SELECT s.n, s.lo, s.hi, s.start,
             greatest(${q.offset}::int - s.start, 0) AS p0, least(${q.end}::int - s.start, s.size) AS p1
        FROM c CROSS JOIN LATERAL (VALUES ${sql.join(segments)}) AS s(n, lo, hi, start, size)
    ), bounds AS MATERIALIZED (
      SELECT seg.*,
             (SELECT ${key('o')} FROM person_obligations o
               WHERE ${filter('o')} AND ${key('o')} > seg.lo AND ${key('o')} <= seg.hi
               ORDER BY ${key('o')} OFFSET seg.p0 LIMIT 1) AS k0,
             (SELECT ${key('o')} FROM person_obligations o
               WHERE ${filter('o')} AND ${key('o')} > seg.lo AND ${key('o')} <= seg.hi
               ORDER BY ${key('o')} OFFSET seg.p1 - 1 LIMIT 1) AS k1
        FROM seg WHERE seg.p0 < seg.p1
    ), placed AS MATERIALIZED (
      SELECT b.*,
             (SELECT count(*) FROM person_obligations o
               WHERE ${filter('o')} AND ${key('o')} > b.lo AND ${key('o')} < b.k0)::int AS before
        FROM bounds b
    ), page AS (
      SELECT o.person_id, o.rule_id, o.status, o.due_date, o.obligation,
             (b.start + b.before + rank() OVER (PARTITION BY b.n ORDER BY ${key('o')}))::int AS rk
        FROM placed b
        JOIN person_obligations o ON ${filter('o')} AND ${key('o')} >= b.k0 AND ${key('o')} <= b.k1
    )
    SELECT d.evaluated_for, d.policy,
           EXISTS (SELECT 1 FROM obligations_dirty x WHERE x.municipality_code = ${municipalityCode}) AS marked,
           c.c1 + c.c2 AS current, c.c3 AS long_overdue,
           r.person_id, r.rule_id, r.rk, r.status, r.due_date, r.obligation, p.given_name, p.family_name,
           (SELECT json_build_array(cp.user_id, u.name) FROM contact_person_assignments cp
              JOIN users u ON u.municipality_code = cp.municipality_code AND u.id = cp.user_id
             WHERE cp.municipality_code = p.municipality_code AND cp.person_id = p.id AND cp.to_date IS NULL) AS contact,
           ${
             q.plannedFrom === undefined
               ? sql`NULL::json`
               : sql`(SELECT json_agg(json_build_array(a.id, a.purpose, a.rule_id, a.starts_at) ORDER BY a.starts_at, a.id)
                        FROM appointments a
                       WHERE a.municipality_code = p.municipality_code AND a.person_id = p.id
                         AND a.status = 'planned' AND a.starts_at >= ${q.plannedFrom})`
           } AS planned
      FROM c
      LEFT JOIN obligation_days d ON d.municipality_code = ${municipalityCode}
      LEFT JOIN page r ON true
      LEFT JOIN persons p ON p.municipality_code = ${municipalityCode} AND p.id = r.person_id`.execute(tx);
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
              planned: (r.planned ?? []).map(([id, purpose, ruleId, startsAt]) => ({
                id,
                purpose,
                ruleId,
                startsAt: new Date(startsAt),
              })),
            },
          ],
    ),
  };
}
