// Records that change: one changeable case record by kind (read and lock, update at a version,
// delete at a version), and the history of changes (append, read a record's or a person's). The
// tables differ by kind only in their columns, so the statements name the table of the kind; what
// may change, and when, is the service's to decide (src/services/record-changes.ts).
import { sql } from 'kysely';
import type { Tx } from '../db/tenant.js';
import type { RecordKind, RecordOperation } from '../domain/record-changes.js';

/** The table of each changeable record kind. */
const TABLES = {
  activity: 'activities',
  enrolment: 'enrolments',
  conversation: 'conversations',
  follow_up: 'follow_ups',
  language_assessment: 'language_assessments',
} as const satisfies Record<RecordKind, string>;

/** A stored record: its own columns, and id, person, version. */
export type RecordRow = Record<string, unknown> & { id: string; person_id: string; version: number };

/** One record of the person, or undefined (another person's, or none); `lock` takes the row (FOR UPDATE). */
export async function recordOf(
  tx: Tx,
  kind: RecordKind,
  personId: string,
  recordId: string,
  options: { lock?: boolean } = {},
): Promise<RecordRow | undefined> {
  const lock = options.lock ? sql` FOR UPDATE` : sql``;
  const { rows } = await sql<RecordRow>`SELECT * FROM ${sql.table(TABLES[kind])}
    WHERE person_id = ${personId} AND id = ${recordId}${lock}`.execute(tx);
  return rows[0];
}

/** Writes `values` (columns of the kind's table) at `version`, stamping who and when; the row written, or undefined when the version has moved. */
export async function updateRecord(
  tx: Tx,
  kind: RecordKind,
  recordId: string,
  version: number,
  values: Record<string, unknown>,
  updatedBy: string,
): Promise<RecordRow | undefined> {
  const set = Object.entries(values).map(([column, value]) => sql`${sql.ref(column)} = ${value}`);
  const { rows } = await sql<RecordRow>`UPDATE ${sql.table(TABLES[kind])}
    SET ${sql.join([...set, sql`version = version + 1`, sql`updated_at = now()`, sql`updated_by = ${updatedBy}`])}
    WHERE id = ${recordId} AND version = ${version} RETURNING *`.execute(tx);
  return rows[0];
}

/** Deletes the record at `version`; whether a row was deleted. */
export async function deleteRecord(tx: Tx, kind: RecordKind, recordId: string, version: number): Promise<boolean> {
  const result =
    await sql`DELETE FROM ${sql.table(TABLES[kind])} WHERE id = ${recordId} AND version = ${version}`.execute(tx);
  return Number(result.numAffectedRows ?? 0) > 0;
}

export interface RecordChangeValues {
  municipality_code: string;
  person_id: string;
  record_kind: RecordKind | 'closure';
  record_id: string;
  operation: RecordOperation;
  reason: string | null;
  before: Record<string, unknown>;
  changed_by: string;
}

/** Appends one history row. */
export async function insertRecordChange(tx: Tx, values: RecordChangeValues): Promise<void> {
  await tx
    .insertInto('case_record_changes')
    .values({ ...values, before: JSON.stringify(values.before) })
    .execute();
}

/** The history rows of one record, or of every record of the person, oldest first, with who made each. */
export async function recordChanges(tx: Tx, personId: string, record?: { kind: RecordKind | 'closure'; id: string }) {
  let q = tx
    .selectFrom('case_record_changes as c')
    .leftJoin('users as u', (j) =>
      j.onRef('u.municipality_code', '=', 'c.municipality_code').onRef('u.id', '=', 'c.changed_by'),
    )
    .select([
      'c.id',
      'c.record_kind',
      'c.record_id',
      'c.operation',
      'c.reason',
      'c.before',
      'c.changed_at',
      'c.changed_by',
      'u.name as changed_by_name',
    ])
    .where('c.person_id', '=', personId);
  if (record) q = q.where('c.record_kind', '=', record.kind).where('c.record_id', '=', record.id);
  return q.orderBy('c.changed_at').orderBy('c.id').execute();
}
