// Outcome records (issue 11, item 1): what happened to a person over time, as the indicators
// read it. Labour-market status periods, education completed, Danish education and the Danish
// tests. The vocabulary (code names) and plain records, and the pure helpers the indicator
// computation (src/domain/indicators.ts) uses: a person's status on a date, whether they are in
// employment in the sense of Jobindsats MM13, a youth education completed, a Danish test passed
// within a number of years of starting Danish education. No I/O. The Danish terms of the
// vocabulary are in glossary.ts.
import { addDuration, type IsoDate } from './dates.js';

/** Beskæftigelsesstatus: the kinds of labour-market status period. */
export const LABOUR_MARKET_STATUS_KINDS = [
  'ordinary_job',
  'wage_subsidy',
  'igu',
  'flexjob',
  'education',
  'self_supporting',
  'benefit',
  'other',
] as const;
export type LabourMarketStatusKind = (typeof LABOUR_MARKET_STATUS_KINDS)[number];

/** Which benefit a period on benefit is. */
export const BENEFIT_KINDS = ['self_support_and_return_benefit', 'transition_benefit', 'other'] as const;
export type BenefitKind = (typeof BENEFIT_KINDS)[number];

/** The kind of education a person is in (a status period of kind `education`). */
export const EDUCATION_KINDS = ['preparatory', 'youth_education', 'vocational', 'higher', 'other'] as const;
export type EducationKind = (typeof EDUCATION_KINDS)[number];

/**
 * An education completed. `youth_education` is a general upper-secondary education (gymnasial:
 * stx, hf, hhx, htx), `vocational` an erhvervsuddannelse, which is a youth education too, and
 * `higher` a videregående uddannelse. "At least a youth education" (Barometer 2.2) is any of the three.
 */
export const COMPLETED_EDUCATION_KINDS = ['youth_education', 'vocational', 'higher'] as const;
export type CompletedEducationKind = (typeof COMPLETED_EDUCATION_KINDS)[number];

/** Danskuddannelse 1, 2 and 3. */
export const DANISH_EDUCATION_TRACKS = ['du1', 'du2', 'du3'] as const;
export type DanishEducationTrack = (typeof DANISH_EDUCATION_TRACKS)[number];

/** Modules 1–6: DU1 and DU2 have 6 modules, DU3 has 5 and an optional sixth. */
export const DANISH_EDUCATION_MODULES = [1, 2, 3, 4, 5, 6] as const;
export type DanishEducationModule = (typeof DANISH_EDUCATION_MODULES)[number];
export const MODULES_PER_TRACK: Record<DanishEducationTrack, { modules: number; optional: number }> = {
  du1: { modules: 6, optional: 0 },
  du2: { modules: 6, optional: 0 },
  du3: { modules: 5, optional: 1 },
};

/** Prøve i Dansk 1, 2, 3 and Studieprøven. */
export const DANISH_TEST_KINDS = ['pd1', 'pd2', 'pd3', 'studieproeve'] as const;
export type DanishTestKind = (typeof DANISH_TEST_KINDS)[number];

/** The four kinds of outcome record (the `record` column of a CSV import names one per line). */
export const OUTCOME_RECORD_KINDS = [
  'labour_market',
  'education_completed',
  'danish_education',
  'danish_test',
] as const;
export type OutcomeRecordKind = (typeof OUTCOME_RECORD_KINDS)[number];

/** The kinds whose hours are paid work (hoursPerWeek is recorded for them). */
export const PAID_WORK_KINDS = [
  'ordinary_job',
  'wage_subsidy',
  'igu',
  'flexjob',
] as const satisfies readonly LabourMarketStatusKind[];

/**
 * In employment in the sense of Jobindsats MM13: unsubsidised wage employment, whatever its
 * extent; flexjob, wage subsidy and skånejob do not count. An IGU (integrationsgrunduddannelse) is
 * counted: the trainee is employed and paid by the company at a trainee wage under a collective
 * agreement, without a public wage subsidy (the company's IGU bonus is paid afterwards for
 * completed periods and is not a subsidy of the wage; the public allowance covers the school
 * weeks only), and the wage is reported in eIndkomst like any other wage. A person in an IGU is
 * therefore in unsubsidised wage employment in the month.
 */
export const EMPLOYED_KINDS = ['ordinary_job', 'igu'] as const satisfies readonly LabourMarketStatusKind[];

/**
 * One status for a day when periods overlap (a job with a supplementary benefit, education beside
 * a job): the first of these the person holds. Employment comes before subsidised work, then
 * education, then self-support without benefit, then benefit.
 */
export const STATUS_PRECEDENCE: readonly LabourMarketStatusKind[] = [
  'ordinary_job',
  'igu',
  'flexjob',
  'wage_subsidy',
  'education',
  'self_supporting',
  'benefit',
  'other',
];

/** A labour-market status period; `to` is the last day (inclusive), null while it lasts. */
export interface LabourMarketPeriod {
  personId: string;
  kind: LabourMarketStatusKind;
  from: IsoDate;
  to: IsoDate | null;
  /** Paid work only (PAID_WORK_KINDS). */
  hoursPerWeek?: number | undefined;
  /** Kind `benefit` only. */
  benefit?: BenefitKind | undefined;
  /** Kind `education` only. */
  educationKind?: EducationKind | undefined;
}

export interface EducationCompleted {
  personId: string;
  kind: CompletedEducationKind;
  completedOn: IsoDate;
  /** A Danish education (Barometer 2.2 counts Danish youth educations); false for a foreign one recognised. */
  inDenmark: boolean;
}

/** A referral to Danish education and its course. */
export interface DanishEducation {
  personId: string;
  referredOn: IsoDate;
  /** Null while referred but not started. */
  startedOn: IsoDate | null;
  track: DanishEducationTrack;
  /** The module the person is on (or finished last); null before the start. */
  module: DanishEducationModule | null;
  endedOn?: IsoDate | null | undefined;
}

export interface DanishTest {
  personId: string;
  test: DanishTestKind;
  takenOn: IsoDate;
  passed: boolean;
}

// ---- Checks on a record (for the services that write them) -----------------------------------

/** What is wrong with a status period as given; empty when it is consistent. English, for developers. */
export function labourMarketPeriodProblems(p: LabourMarketPeriod): string[] {
  const problems: string[] = [];
  if (p.to !== null && p.to < p.from) problems.push(`the period ends (${p.to}) before it starts (${p.from})`);
  const paid = (PAID_WORK_KINDS as readonly string[]).includes(p.kind);
  if (p.hoursPerWeek !== undefined && !paid) {
    problems.push(`hours per week are recorded for paid work only, not for ${p.kind}`);
  }
  if (p.hoursPerWeek !== undefined && !(p.hoursPerWeek >= 0 && p.hoursPerWeek <= 80)) {
    problems.push('hours per week must be 0–80');
  }
  if ((p.kind === 'benefit') !== (p.benefit !== undefined)) {
    problems.push('a period on benefit, and only one, names the benefit');
  }
  if (p.educationKind !== undefined && p.kind !== 'education') {
    problems.push('only an education period names the kind of education');
  }
  return problems;
}

/** What is wrong with a Danish education record as given; empty when it is consistent. */
export function danishEducationProblems(d: DanishEducation): string[] {
  const problems: string[] = [];
  if (d.startedOn !== null && d.startedOn < d.referredOn) {
    problems.push(`the start (${d.startedOn}) is before the referral (${d.referredOn})`);
  }
  if (d.startedOn === null && d.module !== null) problems.push('a module is recorded but the education has not begun');
  const limit = MODULES_PER_TRACK[d.track];
  const last = limit.modules + limit.optional;
  if (d.module !== null && d.module > last) problems.push(`${d.track} has no module ${d.module}`);
  if (d.endedOn && d.startedOn && d.endedOn < d.startedOn) {
    problems.push(`the end (${d.endedOn}) is before the start (${d.startedOn})`);
  }
  return problems;
}

// ---- Status on a date ---------------------------------------------------------------------

/** The periods that cover the day (from ≤ on ≤ to; an open period lasts). */
export function periodsOn(periods: readonly LabourMarketPeriod[], on: IsoDate): LabourMarketPeriod[] {
  return periods.filter((p) => p.from <= on && (p.to === null || p.to >= on));
}

/** A person's one status on a day (STATUS_PRECEDENCE); 'unknown' when no period covers the day. */
export function statusOn(periods: readonly LabourMarketPeriod[], on: IsoDate): LabourMarketStatusKind | 'unknown' {
  const kinds = new Set(periodsOn(periods, on).map((p) => p.kind));
  return STATUS_PRECEDENCE.find((k) => kinds.has(k)) ?? 'unknown';
}

/** In unsubsidised wage employment on the day (Jobindsats MM13, see EMPLOYED_KINDS). */
export function isEmployedOn(periods: readonly LabourMarketPeriod[], on: IsoDate): boolean {
  return periodsOn(periods, on).some((p) => (EMPLOYED_KINDS as readonly string[]).includes(p.kind));
}

/** On a benefit on the day, and which (the first recorded when two overlap); null when on none. */
export function benefitOn(periods: readonly LabourMarketPeriod[], on: IsoDate): BenefitKind | null {
  return periodsOn(periods, on).find((p) => p.kind === 'benefit')?.benefit ?? null;
}

// ---- Education and Danish ------------------------------------------------------------------

/** Completed one of the kinds on or before the day (Danish educations only, when asked). */
export function hasCompletedEducation(
  records: readonly EducationCompleted[],
  kinds: readonly CompletedEducationKind[],
  on: IsoDate,
  danishOnly: boolean,
): boolean {
  return records.some((r) => kinds.includes(r.kind) && r.completedOn <= on && (!danishOnly || r.inDenmark));
}

/** The first day the person started Danish education; null when never started. */
export function danishEducationStart(records: readonly DanishEducation[]): IsoDate | null {
  const starts = records.flatMap((r) => (r.startedOn ? [r.startedOn] : [])).sort();
  return starts[0] ?? null;
}

/**
 * The first passed test of the kinds taken no later than `years` after `start` (on the
 * anniversary counts; the day after does not), or null.
 */
export function danishTestPassedWithin(
  tests: readonly DanishTest[],
  kinds: readonly DanishTestKind[],
  start: IsoDate,
  years: number,
): DanishTest | null {
  const last = addDuration(start, { years, months: 0, weeks: 0, days: 0 });
  const passed = tests
    .filter((t) => t.passed && kinds.includes(t.test) && t.takenOn >= start && t.takenOn <= last)
    .sort((a, b) => (a.takenOn < b.takenOn ? -1 : a.takenOn > b.takenOn ? 1 : 0));
  return passed[0] ?? null;
}
