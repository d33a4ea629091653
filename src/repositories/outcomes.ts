// Outcome records (migration 0007): a person's labour-market status periods, educations
// completed, Danish educations and Danish tests; the same for the whole municipality in one query
// per table (for the indicators); and the writes. One statement each; what may be written is the
// service's to decide (src/services/outcomes.ts).
import type { Tx } from '../db/tenant.js';
import type {
  BenefitKind,
  CompletedEducationKind,
  DanishEducationTrack,
  DanishTestKind,
  EducationKind,
  LabourMarketStatusKind,
} from '../domain/outcomes.js';

export interface LabourMarketPeriodRow {
  id: string;
  person_id: string;
  kind: LabourMarketStatusKind;
  from_date: string;
  to_date: string | null;
  /** numeric in the database: a number on both engines (database.ts) */
  hours_per_week: number | null;
  benefit: BenefitKind | null;
  education_kind: EducationKind | null;
  version: number;
}
export interface EducationCompletedRow {
  id: string;
  person_id: string;
  kind: CompletedEducationKind;
  completed_on: string;
  in_denmark: boolean;
}
export interface DanishEducationRow {
  id: string;
  person_id: string;
  track: DanishEducationTrack;
  referred_on: string;
  start_possible_on: string | null;
  started_on: string | null;
  module: number | null;
  ended_on: string | null;
  version: number;
}
export interface DanishTestRow {
  id: string;
  person_id: string;
  test: DanishTestKind;
  taken_on: string;
  passed: boolean;
}

export interface OutcomeRows {
  labourMarketPeriods: LabourMarketPeriodRow[];
  educationsCompleted: EducationCompletedRow[];
  danishEducations: DanishEducationRow[];
  danishTests: DanishTestRow[];
}

const PERIOD_COLUMNS = [
  'id',
  'person_id',
  'kind',
  'from_date',
  'to_date',
  'hours_per_week',
  'benefit',
  'education_kind',
  'version',
] as const;
const EDUCATION_COLUMNS = ['id', 'person_id', 'kind', 'completed_on', 'in_denmark'] as const;
const DANISH_EDUCATION_COLUMNS = [
  'id',
  'person_id',
  'track',
  'referred_on',
  'start_possible_on',
  'started_on',
  'module',
  'ended_on',
  'version',
] as const;
const DANISH_TEST_COLUMNS = ['id', 'person_id', 'test', 'taken_on', 'passed'] as const;

/** The outcome records of one person, each kind in date order (then in the order recorded). */
export async function personOutcomes(tx: Tx, personId: string): Promise<OutcomeRows> {
  const [labourMarketPeriods, educationsCompleted, danishEducations, danishTests] = await Promise.all([
    tx
      .selectFrom('labour_market_periods')
      .select(PERIOD_COLUMNS)
      .where('person_id', '=', personId)
      .orderBy('from_date')
      .orderBy('created_at')
      .execute(),
    tx
      .selectFrom('educations_completed')
      .select(EDUCATION_COLUMNS)
      .where('person_id', '=', personId)
      .orderBy('completed_on')
      .orderBy('created_at')
      .execute(),
    tx
      .selectFrom('danish_educations')
      .select(DANISH_EDUCATION_COLUMNS)
      .where('person_id', '=', personId)
      .orderBy('referred_on')
      .orderBy('created_at')
      .execute(),
    tx
      .selectFrom('danish_tests')
      .select(DANISH_TEST_COLUMNS)
      .where('person_id', '=', personId)
      .orderBy('taken_on')
      .orderBy('created_at')
      .execute(),
  ]);
  return { labourMarketPeriods, educationsCompleted, danishEducations, danishTests };
}

/**
 * Every outcome record of the tenant's municipality (row-level security keeps it to the tenant),
 * one query per table, ordered by person and date. For aggregates (the indicators).
 */
export async function municipalityOutcomes(tx: Tx): Promise<OutcomeRows> {
  const [labourMarketPeriods, educationsCompleted, danishEducations, danishTests] = await Promise.all([
    tx.selectFrom('labour_market_periods').select(PERIOD_COLUMNS).orderBy('person_id').orderBy('from_date').execute(),
    tx
      .selectFrom('educations_completed')
      .select(EDUCATION_COLUMNS)
      .orderBy('person_id')
      .orderBy('completed_on')
      .execute(),
    tx
      .selectFrom('danish_educations')
      .select(DANISH_EDUCATION_COLUMNS)
      .orderBy('person_id')
      .orderBy('referred_on')
      .execute(),
    tx.selectFrom('danish_tests').select(DANISH_TEST_COLUMNS).orderBy('person_id').orderBy('taken_on').execute(),
  ]);
  return { labourMarketPeriods, educationsCompleted, danishEducations, danishTests };
}

/** The person's status periods (for the overlap check), unordered. */
export async function labourMarketPeriodsOf(tx: Tx, personId: string): Promise<LabourMarketPeriodRow[]> {
  return tx.selectFrom('labour_market_periods').select(PERIOD_COLUMNS).where('person_id', '=', personId).execute();
}

/** One status period of the person, or undefined; `lock` takes the row (FOR UPDATE). */
export async function labourMarketPeriod(
  tx: Tx,
  personId: string,
  periodId: string,
  options: { lock?: boolean } = {},
): Promise<LabourMarketPeriodRow | undefined> {
  const q = tx
    .selectFrom('labour_market_periods')
    .select(PERIOD_COLUMNS)
    .where('person_id', '=', personId)
    .where('id', '=', periodId);
  return (options.lock ? q.forUpdate() : q).executeTakeFirst();
}

/** The columns every outcome record has besides its own. */
export interface OutcomeOwner {
  municipality_code: string;
  person_id: string;
  created_by: string | null;
}

export interface LabourMarketPeriodValues extends OutcomeOwner {
  kind: LabourMarketStatusKind;
  from_date: string;
  to_date: string | null;
  hours_per_week: number | null;
  benefit: BenefitKind | null;
  education_kind: EducationKind | null;
}

/** Appends a status period; returns it as stored. */
export async function insertLabourMarketPeriod(
  tx: Tx,
  values: LabourMarketPeriodValues,
): Promise<LabourMarketPeriodRow> {
  return tx
    .insertInto('labour_market_periods')
    .values({ ...values, updated_by: values.created_by })
    .returning(PERIOD_COLUMNS)
    .executeTakeFirstOrThrow();
}

/**
 * Sets the last day of a status period, if it still has `version`, and counts the version up;
 * returns the period as stored, or undefined when it has another version (or is not there).
 */
export async function endLabourMarketPeriod(
  tx: Tx,
  periodId: string,
  version: number,
  values: { to_date: string; updated_by: string | null },
): Promise<LabourMarketPeriodRow | undefined> {
  return tx
    .updateTable('labour_market_periods')
    .set({ ...values, version: version + 1, updated_at: new Date() })
    .where('id', '=', periodId)
    .where('version', '=', version)
    .returning(PERIOD_COLUMNS)
    .executeTakeFirst();
}

export interface EducationCompletedValues extends OutcomeOwner {
  kind: CompletedEducationKind;
  completed_on: string;
  in_denmark: boolean;
}

/** Appends an education completed; returns it as stored. */
export async function insertEducationCompleted(
  tx: Tx,
  values: EducationCompletedValues,
): Promise<EducationCompletedRow> {
  return tx.insertInto('educations_completed').values(values).returning(EDUCATION_COLUMNS).executeTakeFirstOrThrow();
}

export interface DanishEducationValues extends OutcomeOwner {
  track: DanishEducationTrack;
  referred_on: string;
  start_possible_on: string | null;
  started_on: string | null;
  module: number | null;
  ended_on: string | null;
}

/** Appends a Danish education (referral, start, module, end); returns it as stored. */
export async function insertDanishEducation(tx: Tx, values: DanishEducationValues): Promise<DanishEducationRow> {
  return tx
    .insertInto('danish_educations')
    .values({ ...values, updated_by: values.created_by })
    .returning(DANISH_EDUCATION_COLUMNS)
    .executeTakeFirstOrThrow();
}

export interface DanishTestValues extends OutcomeOwner {
  test: DanishTestKind;
  taken_on: string;
  passed: boolean;
}

/** Appends a Danish test taken; returns it as stored. */
export async function insertDanishTest(tx: Tx, values: DanishTestValues): Promise<DanishTestRow> {
  return tx.insertInto('danish_tests').values(values).returning(DANISH_TEST_COLUMNS).executeTakeFirstOrThrow();
}
