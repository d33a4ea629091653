// Kysely table types of migration 0007 (outcome records per person over time). Merged into the
// `DB` of schema.ts (`export interface DB extends OutcomesDB`); the vocabulary types are the
// domain's (src/domain/outcomes.ts), the CHECK constraints of the migration hold the same values.
// Dates are ISO strings (yyyy-mm-dd), as everywhere (see database.ts).
import type { ColumnType, Generated } from 'kysely';
import type {
  BenefitKind,
  CompletedEducationKind,
  DanishEducationTrack,
  DanishTestKind,
  EducationKind,
  LabourMarketStatusKind,
} from '../domain/outcomes.js';
import type { ReceptionStepKind } from '../domain/model.js';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** A nullable numeric(4,1): a number on both engines (database.ts), written as a number or text. */
type NullableNumeric = ColumnType<number | null, number | string | null | undefined, number | string | null>;
/** A nullable column: may be left out on insert (null). */
type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;

/** A labour-market status period; `to_date` is the last day (inclusive), null while it lasts. */
export interface LabourMarketPeriodsTable {
  municipality_code: string;
  id: Generated<string>;
  person_id: string;
  kind: LabourMarketStatusKind;
  from_date: string;
  to_date: Nullable<string>;
  /** Paid work only (the domain's PAID_WORK_KINDS). */
  hours_per_week: NullableNumeric;
  /** Kind `benefit` only, and always there. */
  benefit: Nullable<BenefitKind>;
  /** Kind `education` only. */
  education_kind: Nullable<EducationKind>;
  version: Generated<number>;
  created_at: Timestamp;
  created_by: Nullable<string>;
  updated_at: Timestamp;
  updated_by: Nullable<string>;
}

export interface EducationsCompletedTable {
  municipality_code: string;
  id: Generated<string>;
  person_id: string;
  kind: CompletedEducationKind;
  completed_on: string;
  in_denmark: boolean;
  created_at: Timestamp;
  created_by: Nullable<string>;
}

export interface DanishEducationsTable {
  municipality_code: string;
  id: Generated<string>;
  person_id: string;
  track: DanishEducationTrack;
  referred_on: string;
  started_on: Nullable<string>;
  /** 0008: the first day the teaching could begin (danskuddannelsesloven § 5); null when not recorded. */
  start_possible_on: ColumnType<string | null, string | null | undefined, string | null>;
  /** 1–6; null before the start. */
  module: Nullable<number>;
  ended_on: Nullable<string>;
  version: Generated<number>;
  created_at: Timestamp;
  created_by: Nullable<string>;
  updated_at: Timestamp;
  updated_by: Nullable<string>;
}

export interface DanishTestsTable {
  municipality_code: string;
  id: Generated<string>;
  person_id: string;
  test: DanishTestKind;
  taken_on: string;
  passed: boolean;
  created_at: Timestamp;
  created_by: Nullable<string>;
}

/** 0008: health assessments (integrationsloven § 15 d), need assessed or offered. */
export interface HealthAssessmentsTable {
  municipality_code: string;
  id: Generated<string>;
  person_id: string;
  held_on: string;
  kind: 'need_assessed' | 'offered';
  /** need_assessed: whether a health assessment is needed. */
  needed: Nullable<boolean>;
  /** offered: whether the person accepted; null until they answer. */
  accepted: Nullable<boolean>;
  note: Nullable<string>;
  created_at: Timestamp;
  created_by: Nullable<string>;
}

/** 0008: a wish to return, or the notice of it to the advising organisation (repatrieringsloven § 5). */
export interface RepatriationNoticesTable {
  municipality_code: string;
  id: Generated<string>;
  person_id: string;
  held_on: string;
  kind: 'wish' | 'notification';
  organisation: Nullable<string>;
  note: Nullable<string>;
  created_at: Timestamp;
  created_by: Nullable<string>;
}

/** 0009: a step of the reception a policy commits to (src/domain/model.ts RECEPTION_STEP_KINDS). */
export interface ReceptionStepsTable {
  municipality_code: string;
  id: Generated<string>;
  person_id: string;
  kind: ReceptionStepKind;
  taken_on: string;
  note: Nullable<string>;
  created_at: Timestamp;
  created_by: Nullable<string>;
}

/** The tables of 0007, for the `DB` of schema.ts. */
export interface OutcomesDB {
  labour_market_periods: LabourMarketPeriodsTable;
  educations_completed: EducationsCompletedTable;
  danish_educations: DanishEducationsTable;
  danish_tests: DanishTestsTable;
  health_assessments: HealthAssessmentsTable;
  repatriation_notices: RepatriationNoticesTable;
  reception_steps: ReceptionStepsTable;
}

/** 0007: the column persons gains (add to PersonsTable in schema.ts). */
export interface PersonsOutcomeColumns {
  /** The day the person left the case file (moved away, died, case closed); null while in it. */
  left_on: Nullable<string>;
}
