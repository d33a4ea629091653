// Indicators (issue 11, item 2): the plain definition of an indicator and its pure computation.
// The catalogue (policies/indicators.yaml, parsed and checked by src/policy/indicators.ts) and the
// compliance indicators generated from the compiled rules produce these definitions; this module
// counts, for a year, the numerator and denominator of each for the whole population and per
// breakdown group. Aggregates only; no disclosure control here (the service applies it to what
// this returns). No I/O.
//
// Definitions:
// - A person indicator's population is the persons in the municipality's case file on their
//   reference date: taken over on or before it and not left (moved away, died, case closed)
//   on or before it, and matching the filters (age on the reference date, residence basis,
//   program, sex, bilingual, age on arrival). The reference date is the year's 31 December, or a
//   person's own anniversary (takeover, first start of Danish education, birth + N months) when
//   it falls in the calendar year. A reference date after `asOf` (the day the figures are made)
//   is not yet measurable: the person is counted as pending, in neither figure.
// - A compliance indicator counts the obligations of one rule (one per person and rule, as the
//   obligations engine gives them on `asOf`) that were due in the year, see complianceFigures.
import { addDuration, ageOn, daysBetween, type IsoDate } from './dates.js';
import {
  isBilingual,
  PROGRAMS,
  RESIDENCE_BASES,
  SEXES,
  type EnrolmentKind,
  type Program,
  type ReceptionStepKind,
  type ResidenceBasis,
  type Sex,
} from './model.js';
import type { Obligation, ObligationStatus } from './obligations.js';
import {
  danishEducationStart,
  danishTestPassedWithin,
  hasCompletedEducation,
  isEmployedOn,
  statusOn,
  type CompletedEducationKind,
  type DanishEducation,
  type DanishTest,
  type DanishTestKind,
  type EducationCompleted,
  type LabourMarketPeriod,
  type LabourMarketStatusKind,
} from './outcomes.js';

// ---- Definitions ---------------------------------------------------------------------------

/** The attributes a figure can be broken down by. `cohort` is the year of takeover. */
export const INDICATOR_BREAKDOWNS = ['sex', 'age_band', 'residence_basis', 'program', 'cohort'] as const;
export type IndicatorBreakdown = (typeof INDICATOR_BREAKDOWNS)[number];

/** Age bands (age on the reference date, inclusive bounds): children, youth, Jobindsats' adult bands. */
export const AGE_BANDS = [
  { id: '0-5', min: 0, max: 5 },
  { id: '6-17', min: 6, max: 17 },
  { id: '18-24', min: 18, max: 24 },
  { id: '25-29', min: 25, max: 29 },
  { id: '30-39', min: 30, max: 39 },
  { id: '40-49', min: 40, max: 49 },
  { id: '50-59', min: 50, max: 59 },
  { id: '60-64', min: 60, max: 64 },
  { id: '65+', min: 65, max: Number.POSITIVE_INFINITY },
] as const;
export type AgeBand = (typeof AGE_BANDS)[number]['id'];

export function ageBand(age: number): AgeBand {
  const band = AGE_BANDS.find((b) => age >= b.min && age <= b.max);
  if (!band) throw new RangeError(`No age band holds the age ${age}`);
  return band.id;
}

/** Where an attribute is not recorded. A person in no program (a child) is in the group 'none'. */
export const UNKNOWN_GROUP = 'unknown';
export const NO_PROGRAM_GROUP = 'none';

/** The events a person's own reference date can be reckoned from. */
export const REFERENCE_ANCHORS = ['takeover', 'danish_education_start', 'birth'] as const;
export type ReferenceAnchor = (typeof REFERENCE_ANCHORS)[number];

export type IndicatorReference =
  /** 31 December of the year. */
  | { kind: 'year_end' }
  /** The person's anchor + months, for the persons for whom that day falls in the calendar year. */
  | { kind: 'anniversary'; of: ReferenceAnchor; months: number };

/** Who is counted, besides being in the case file on the reference date. All filters must hold. */
export interface PopulationFilter {
  /** Age on the reference date, inclusive. */
  ageMin?: number | undefined;
  ageMax?: number | undefined;
  residenceBasis?: readonly ResidenceBasis[] | undefined;
  /** 'none': in no program. */
  program?: readonly (Program | 'none')[] | undefined;
  sex?: readonly Sex[] | undefined;
  /** Another mother tongue than Danish (model.ts isBilingual). */
  bilingual?: boolean | undefined;
  /** Age on arrival (the takeover date where arrival is unknown) at most this, e.g. 12 for Barometer 2.2. */
  arrivedAgedMax?: number | undefined;
}

/** What is counted in the numerator, on the person's reference date. */
export type IndicatorNumerator =
  /** Unsubsidised wage employment (Jobindsats MM13; outcomes.ts EMPLOYED_KINDS). */
  | { kind: 'employed' }
  /** The person's one status (outcomes.ts statusOn) is one of these; 'unknown' = no period recorded. */
  | { kind: 'status'; statuses: readonly (LabourMarketStatusKind | 'unknown')[] }
  /** Completed one of the kinds on or before the reference date. */
  | { kind: 'education_completed'; kinds: readonly CompletedEducationKind[]; danishOnly: boolean }
  /** Passed one of the tests no later than `years` after first starting Danish education. */
  | { kind: 'danish_test_passed_within'; years: number; tests: readonly DanishTestKind[] }
  /** Enrolled in one of the kinds (dagtilbud …) on the reference date. */
  | { kind: 'enrolled'; kinds: readonly EnrolmentKind[] }
  /** A language assessment at an age from `fromMonths` to `toMonths` (inclusive days). */
  | { kind: 'language_assessment_between_ages'; fromMonths: number; toMonths: number }
  /** A reception step of one of the kinds (model.ts RECEPTION_STEP_KINDS) taken on or before the reference date. */
  | { kind: 'reception_step'; kinds: readonly ReceptionStepKind[] };
export type IndicatorNumeratorKind = IndicatorNumerator['kind'];

/** A share of persons. */
export interface PersonIndicatorDefinition {
  kind: 'persons';
  id: string;
  title: string;
  value: 'share';
  reference: IndicatorReference;
  population: PopulationFilter;
  numerator: IndicatorNumerator;
  breakdowns: readonly IndicatorBreakdown[];
}

/** The obligations of one compiled rule that were due in the year: on time, or how late. */
export interface ComplianceIndicatorDefinition {
  kind: 'compliance';
  id: string;
  title: string;
  ruleId: string;
  /** `share`: the share met on time; `median_days`: the median days late of those late. */
  value: 'share' | 'median_days';
  breakdowns: readonly IndicatorBreakdown[];
}

export type IndicatorDefinition = PersonIndicatorDefinition | ComplianceIndicatorDefinition;

// ---- Input records -------------------------------------------------------------------------

/** A person as the indicators read them: no name, no CPR number. Null where not recorded. */
export interface IndicatorPerson {
  id: string;
  sex: Sex | null;
  birthDate: IsoDate | null;
  residenceBasis: ResidenceBasis | null;
  program: Program | null;
  takeoverDate: IsoDate;
  arrivalDate: IsoDate | null;
  languages: readonly string[];
  householdId: string | null;
  /** The day the person left the case file (moved away, died, case closed); null while in it. */
  leftOn?: IsoDate | null | undefined;
}

export interface IndicatorEnrolment {
  personId: string;
  kind: EnrolmentKind;
  startDate: IsoDate;
  endDate: IsoDate | null;
}
export interface IndicatorLanguageAssessment {
  personId: string;
  date: IsoDate;
}
export interface IndicatorReceptionStep {
  personId: string;
  kind: ReceptionStepKind;
  date: IsoDate;
}

/** One obligation as the engine gave it on `asOf` (see obligationRecord). */
export interface ObligationRecord {
  personId: string;
  ruleId: string;
  status: ObligationStatus;
  dueDate: IsoDate | null;
  /** The day the evidence was found (the last of several items); null where the kind records none. */
  metOn: IsoDate | null;
}

/** An obligation of the engine (src/domain/obligations.ts) as a compliance record. */
export function obligationRecord(
  personId: string,
  o: Pick<Obligation, 'ruleId' | 'status' | 'dueDate' | 'evidence'>,
): ObligationRecord {
  const metOn = o.status === 'met' ? (o.evidence?.date ?? null) : null;
  return { personId, ruleId: o.ruleId, status: o.status, dueDate: o.dueDate, metOn };
}

export interface IndicatorInput {
  persons: readonly IndicatorPerson[];
  labourMarket: readonly LabourMarketPeriod[];
  educationCompleted: readonly EducationCompleted[];
  danishEducation: readonly DanishEducation[];
  danishTests: readonly DanishTest[];
  enrolments: readonly IndicatorEnrolment[];
  languageAssessments: readonly IndicatorLanguageAssessment[];
  /** Absent = none recorded (an input that reads no reception step). */
  receptionSteps?: readonly IndicatorReceptionStep[] | undefined;
  obligations: readonly ObligationRecord[];
}

// ---- Results -------------------------------------------------------------------------------

/**
 * The counts of one group. For a share: numerator / denominator. For a median: the median days
 * late (`value`) over `denominator` obligations (the count disclosure control needs); no numerator.
 * `value` is null when the denominator is 0.
 */
export interface IndicatorCounts {
  value: number | null;
  numerator?: number | undefined;
  denominator: number;
}

export interface IndicatorGroupFigure extends IndicatorCounts {
  dimension: IndicatorBreakdown;
  group: string;
}

export interface IndicatorFigure extends IndicatorCounts {
  id: string;
  year: number;
  /** Persons (or obligations) whose reference date is after `asOf`: not yet measurable, in no figure. */
  pending: number;
  breakdown: IndicatorGroupFigure[];
}

// ---- Computation ---------------------------------------------------------------------------

function byPerson<T extends { personId: string }>(rows: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const list = out.get(r.personId);
    if (list) list.push(r);
    else out.set(r.personId, [r]);
  }
  return out;
}

/** The input grouped by person, built once for all indicators of a year. */
interface Indexed {
  persons: Map<string, IndicatorPerson>;
  labourMarket: Map<string, LabourMarketPeriod[]>;
  educationCompleted: Map<string, EducationCompleted[]>;
  danishEducation: Map<string, DanishEducation[]>;
  danishTests: Map<string, DanishTest[]>;
  enrolments: Map<string, IndicatorEnrolment[]>;
  languageAssessments: Map<string, IndicatorLanguageAssessment[]>;
  receptionSteps: Map<string, IndicatorReceptionStep[]>;
  obligations: Map<string, ObligationRecord[]>;
}

function index(input: IndicatorInput): Indexed {
  const obligations = new Map<string, ObligationRecord[]>();
  for (const o of input.obligations) {
    const list = obligations.get(o.ruleId);
    if (list) list.push(o);
    else obligations.set(o.ruleId, [o]);
  }
  return {
    persons: new Map(input.persons.map((p) => [p.id, p])),
    labourMarket: byPerson(input.labourMarket),
    educationCompleted: byPerson(input.educationCompleted),
    danishEducation: byPerson(input.danishEducation),
    danishTests: byPerson(input.danishTests),
    enrolments: byPerson(input.enrolments),
    languageAssessments: byPerson(input.languageAssessments),
    receptionSteps: byPerson(input.receptionSteps ?? []),
    obligations,
  };
}

const months = (m: number) => ({ years: 0, months: m, weeks: 0, days: 0 });

/** The person's reference date for the year, or null when they have none in it. */
export function referenceDate(
  ref: IndicatorReference,
  person: IndicatorPerson,
  danish: readonly DanishEducation[],
  year: number,
): IsoDate | null {
  if (ref.kind === 'year_end') return `${year}-12-31`;
  let anchor: IsoDate | null;
  switch (ref.of) {
    case 'takeover':
      anchor = person.takeoverDate;
      break;
    case 'birth':
      anchor = person.birthDate;
      break;
    case 'danish_education_start':
      anchor = danishEducationStart(danish);
      break;
  }
  if (anchor === null) return null;
  const date = addDuration(anchor, months(ref.months));
  return date.startsWith(`${year}-`) ? date : null;
}

/** In the case file on the day: taken over on or before it, and not left on or before it. */
export function inCaseFile(person: IndicatorPerson, on: IsoDate): boolean {
  return person.takeoverDate <= on && (person.leftOn == null || person.leftOn > on);
}

/** Whether the person passes the filters on the reference date (a filter on a missing attribute fails). */
export function matchesPopulation(f: PopulationFilter, person: IndicatorPerson, on: IsoDate): boolean {
  if (f.ageMin !== undefined || f.ageMax !== undefined) {
    if (person.birthDate === null) return false;
    const age = ageOn(person.birthDate, on);
    if (f.ageMin !== undefined && age < f.ageMin) return false;
    if (f.ageMax !== undefined && age > f.ageMax) return false;
  }
  const basis = person.residenceBasis;
  if (f.residenceBasis && (basis === null || !f.residenceBasis.includes(basis))) return false;
  if (f.program && !f.program.includes(person.program ?? 'none')) return false;
  if (f.sex && (person.sex === null || !f.sex.includes(person.sex))) return false;
  if (f.bilingual !== undefined && isBilingual(person.languages) !== f.bilingual) return false;
  if (f.arrivedAgedMax !== undefined) {
    if (person.birthDate === null) return false;
    if (ageOn(person.birthDate, person.arrivalDate ?? person.takeoverDate) > f.arrivedAgedMax) return false;
  }
  return true;
}

/** Whether the person counts in the numerator on the reference date. */
function meetsNumerator(n: IndicatorNumerator, person: IndicatorPerson, on: IsoDate, ix: Indexed): boolean {
  const id = person.id;
  switch (n.kind) {
    case 'employed':
      return isEmployedOn(ix.labourMarket.get(id) ?? [], on);
    case 'status':
      return n.statuses.includes(statusOn(ix.labourMarket.get(id) ?? [], on));
    case 'education_completed':
      return hasCompletedEducation(ix.educationCompleted.get(id) ?? [], n.kinds, on, n.danishOnly);
    case 'danish_test_passed_within': {
      const start = danishEducationStart(ix.danishEducation.get(id) ?? []);
      return start !== null && danishTestPassedWithin(ix.danishTests.get(id) ?? [], n.tests, start, n.years) !== null;
    }
    case 'enrolled':
      return (ix.enrolments.get(id) ?? []).some(
        (e) => n.kinds.includes(e.kind) && e.startDate <= on && (e.endDate === null || e.endDate >= on),
      );
    case 'language_assessment_between_ages': {
      if (person.birthDate === null) return false;
      const from = addDuration(person.birthDate, months(n.fromMonths));
      const to = addDuration(person.birthDate, months(n.toMonths));
      return (ix.languageAssessments.get(id) ?? []).some((a) => a.date >= from && a.date <= to && a.date <= on);
    }
    case 'reception_step':
      return (ix.receptionSteps.get(id) ?? []).some((r) => n.kinds.includes(r.kind) && r.date <= on);
  }
}

/** The person's group in one breakdown, on the reference date. */
export function groupOf(dimension: IndicatorBreakdown, person: IndicatorPerson, on: IsoDate): string {
  switch (dimension) {
    case 'sex':
      return person.sex ?? UNKNOWN_GROUP;
    case 'age_band':
      // A child born in Denmark after the takeover can have an obligation dated before the birth: age 0.
      return person.birthDate === null ? UNKNOWN_GROUP : ageBand(Math.max(0, ageOn(person.birthDate, on)));
    case 'residence_basis':
      return person.residenceBasis ?? UNKNOWN_GROUP;
    case 'program':
      return person.program ?? NO_PROGRAM_GROUP;
    case 'cohort':
      return person.takeoverDate.slice(0, 4);
  }
}

/** The vocabulary order of a breakdown's groups; cohorts by year; 'none' and 'unknown' last. */
const GROUP_ORDER: Record<IndicatorBreakdown, readonly string[]> = {
  sex: SEXES,
  age_band: AGE_BANDS.map((b) => b.id),
  residence_basis: RESIDENCE_BASES,
  program: PROGRAMS,
  cohort: [],
};
function groupRank(dimension: IndicatorBreakdown, group: string): string {
  if (group === NO_PROGRAM_GROUP) return '~1';
  if (group === UNKNOWN_GROUP) return '~2';
  const i = GROUP_ORDER[dimension].indexOf(group);
  return i >= 0 ? String(i).padStart(3, '0') : group;
}

/** One unit (a person, or an obligation) in the population, with what the figure needs of it. */
interface Unit {
  person: IndicatorPerson;
  on: IsoDate;
  hit: boolean;
  daysLate: number | null;
}

function counts(units: readonly Unit[], value: 'share' | 'median_days'): IndicatorCounts {
  if (value === 'share') {
    const numerator = units.filter((u) => u.hit).length;
    return { value: units.length ? numerator / units.length : null, numerator, denominator: units.length };
  }
  const late = units.flatMap((u) => (u.daysLate === null ? [] : [u.daysLate]));
  return { value: median(late), denominator: late.length };
}

/** The median (the mean of the two middle values for an even count); null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  const upper = s[mid];
  const lower = s[mid - 1];
  if (upper === undefined) throw new RangeError('median: middle index out of range');
  if (s.length % 2) return upper;
  if (lower === undefined) throw new RangeError('median: middle index out of range');
  return (lower + upper) / 2;
}

function figure(
  id: string,
  year: number,
  units: Unit[],
  pending: number,
  value: 'share' | 'median_days',
  breakdowns: readonly IndicatorBreakdown[],
): IndicatorFigure {
  const breakdown: IndicatorGroupFigure[] = [];
  for (const dimension of breakdowns) {
    const groups = new Map<string, Unit[]>();
    for (const u of units) {
      const g = groupOf(dimension, u.person, u.on);
      const list = groups.get(g);
      if (list) list.push(u);
      else groups.set(g, [u]);
    }
    const ordered = [...groups].sort(([a], [b]) => {
      const ra = groupRank(dimension, a);
      const rb = groupRank(dimension, b);
      return ra < rb ? -1 : ra > rb ? 1 : 0;
    });
    for (const [group, list] of ordered) breakdown.push({ dimension, group, ...counts(list, value) });
  }
  return { id, year, ...counts(units, value), pending, breakdown };
}

function personFigure(def: PersonIndicatorDefinition, ix: Indexed, year: number, asOf: IsoDate): IndicatorFigure {
  const units: Unit[] = [];
  let pending = 0;
  for (const person of ix.persons.values()) {
    const on = referenceDate(def.reference, person, ix.danishEducation.get(person.id) ?? [], year);
    if (on === null) continue;
    if (!inCaseFile(person, on) || !matchesPopulation(def.population, person, on)) continue;
    if (on > asOf) {
      pending++;
      continue;
    }
    units.push({ person, on, hit: meetsNumerator(def.numerator, person, on, ix), daysLate: null });
  }
  return figure(def.id, year, units, pending, def.value, def.breakdowns);
}

/**
 * Compliance with one rule in the year, from the obligations the engine gave on `asOf`:
 * - An obligation belongs to the year by its due date; an obligation of a kind without one (a
 *   rule on every conversation, met) by the date of its evidence. Not applicable ones never count.
 * - It can be judged when it is met, or when its due date has passed (due < asOf) unmet: one
 *   still open on or before its due date may yet be met on time, and is pending.
 * - Met on time: met, and its evidence dated on or before the due date (or undated: a cadence or
 *   the weekly hours, which are met only within their window).
 * - Days late: met late → days from the due date to the evidence; unmet past due → days from the
 *   due date to `asOf` (so far: the figure grows while it stays open). The median is over these.
 * `share` = met on time / judged; `median_days` = the median days late over the late ones.
 */
export function complianceUnit(
  o: ObligationRecord,
  year: number,
  asOf: IsoDate,
): 'skip' | 'pending' | { hit: boolean; daysLate: number | null; on: IsoDate } {
  if (o.status === 'not_applicable') return 'skip';
  const date = o.dueDate ?? (o.status === 'met' ? o.metOn : null);
  if (date === null || !date.startsWith(`${year}-`)) return 'skip';
  if (o.status === 'met') {
    const daysLate =
      o.dueDate !== null && o.metOn !== null && o.metOn > o.dueDate ? daysBetween(o.dueDate, o.metOn) : null;
    return { hit: daysLate === null, daysLate, on: date };
  }
  if (o.dueDate === null || o.dueDate >= asOf) return 'pending';
  return { hit: false, daysLate: daysBetween(o.dueDate, asOf), on: date };
}

function complianceFigure(
  def: ComplianceIndicatorDefinition,
  ix: Indexed,
  year: number,
  asOf: IsoDate,
): IndicatorFigure {
  const units: Unit[] = [];
  let pending = 0;
  for (const o of ix.obligations.get(def.ruleId) ?? []) {
    const person = ix.persons.get(o.personId);
    if (!person) continue;
    const u = complianceUnit(o, year, asOf);
    if (u === 'skip') continue;
    if (u === 'pending') {
      pending++;
      continue;
    }
    units.push({ person, ...u });
  }
  return figure(def.id, year, units, pending, def.value, def.breakdowns);
}

/**
 * The figures of every definition for the year, as on `asOf` (the day the figures are made,
 * and the day the obligations in the input were evaluated on).
 */
export function computeIndicators(
  defs: readonly IndicatorDefinition[],
  input: IndicatorInput,
  year: number,
  asOf: IsoDate,
): IndicatorFigure[] {
  const ix = index(input);
  return defs.map((def) =>
    def.kind === 'persons' ? personFigure(def, ix, year, asOf) : complianceFigure(def, ix, year, asOf),
  );
}
