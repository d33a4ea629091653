// Kysely table types of migration 0012 (records that change, cases that close). Merged into the
// `DB` of schema.ts; the vocabularies are the domain's (src/domain/record-changes.ts,
// src/domain/closure.ts), the CHECK constraints of the migration hold the same values.
import type { ColumnType, Generated } from 'kysely';
import type { ClosureReason } from '../domain/closure.js';
import type { RecordKind, RecordOperation } from '../domain/record-changes.js';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;

/** 0012: the columns every changeable case record gains (activities, conversations, enrolments, language assessments, follow-ups). */
export interface RecordVersionColumns {
  version: Generated<number>;
  updated_at: Nullable<Date>;
  updated_by: Nullable<string>;
}

/** 0012: one change, end or deletion of a case record or a closure, with the record's fields before it. */
export interface CaseRecordChangesTable {
  municipality_code: string;
  id: Generated<string>;
  person_id: string;
  record_kind: RecordKind | 'closure';
  record_id: string;
  operation: RecordOperation;
  reason: Nullable<string>;
  /** jsonb: the record's fields before the change (an object on both engines) */
  before: ColumnType<Record<string, unknown>, string, string>;
  changed_at: Timestamp;
  changed_by: string;
}

/** 0012: a closed case, one per person. */
export interface CaseClosuresTable {
  municipality_code: string;
  id: Generated<string>;
  person_id: string;
  closed_on: string;
  reason: ClosureReason;
  moved_to: Nullable<string>;
  version: Generated<number>;
  created_at: Timestamp;
  created_by: Nullable<string>;
}

export interface RecordChangesDB {
  case_record_changes: CaseRecordChangesTable;
  case_closures: CaseClosuresTable;
}
