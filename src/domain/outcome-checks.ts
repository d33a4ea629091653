// The checks of an outcome record (src/domain/outcomes.ts) as field problems with a code and the
// field's JSON pointer, for the services that write them and the forms that show what is wrong;
// and the check across records a single row cannot make: overlapping status periods. Pure.
//
// The checks of one record are the same as outcomes.ts's labourMarketPeriodProblems and
// danishEducationProblems (test/outcomes-api.test.ts checks that both find a problem in the same
// records); these name the field and a stable code instead of an English sentence.
import { MODULES_PER_TRACK, PAID_WORK_KINDS, type DanishEducation, type LabourMarketPeriod } from './outcomes.js';

/** The codes of these checks (every one is an error code of src/services/errors.ts). */
export type OutcomeProblemCode =
  | 'date.end_before_start'
  | 'labour_market_period.overlaps'
  | 'labour_market_period.hours_not_paid_work'
  | 'labour_market_period.benefit_missing'
  | 'labour_market_period.benefit_not_on_benefit'
  | 'labour_market_period.education_kind_not_education'
  | 'danish_education.started_before_referral'
  | 'danish_education.module_before_start'
  | 'danish_education.no_such_module';

/** What is wrong with one field: its pointer in the input (`/from`, `/benefit` …), a code, and an English detail. */
export interface OutcomeProblem {
  pointer: string;
  code: OutcomeProblemCode;
  detail: string;
}

/** What is wrong with a status period as given, field by field; empty when it is consistent. */
export function labourMarketPeriodFieldProblems(p: LabourMarketPeriod): OutcomeProblem[] {
  const problems: OutcomeProblem[] = [];
  if (p.to !== null && p.to < p.from) {
    problems.push({
      pointer: '/to',
      code: 'date.end_before_start',
      detail: `Ends (${p.to}) before it starts (${p.from}).`,
    });
  }
  const paid = (PAID_WORK_KINDS as readonly string[]).includes(p.kind);
  if (p.hoursPerWeek !== undefined && !paid) {
    problems.push({
      pointer: '/hoursPerWeek',
      code: 'labour_market_period.hours_not_paid_work',
      detail: `Hours per week are recorded for paid work only, not for ${p.kind}.`,
    });
  }
  if (p.kind === 'benefit' && p.benefit === undefined) {
    problems.push({
      pointer: '/benefit',
      code: 'labour_market_period.benefit_missing',
      detail: 'A period on benefit names the benefit.',
    });
  }
  if (p.kind !== 'benefit' && p.benefit !== undefined) {
    problems.push({
      pointer: '/benefit',
      code: 'labour_market_period.benefit_not_on_benefit',
      detail: `Only a period on benefit names a benefit, not ${p.kind}.`,
    });
  }
  if (p.educationKind !== undefined && p.kind !== 'education') {
    problems.push({
      pointer: '/educationKind',
      code: 'labour_market_period.education_kind_not_education',
      detail: 'Only an education period names the kind of education.',
    });
  }
  return problems;
}

/** Whether two periods share a day (`to` inclusive; an open period lasts). */
export function periodsOverlap(
  a: Pick<LabourMarketPeriod, 'from' | 'to'>,
  b: Pick<LabourMarketPeriod, 'from' | 'to'>,
): boolean {
  return (b.to === null || a.from <= b.to) && (a.to === null || b.from <= a.to);
}

/**
 * The first of `others` that a period overlaps and that is of the same kind, or null. A person
 * holds one status of each kind at a time: two periods on benefit, or in an ordinary job, on the
 * same day are one period recorded twice (a second job is the same status). Periods of different
 * kinds may overlap (a job beside a supplementary benefit, education beside a job): outcomes.ts's
 * STATUS_PRECEDENCE gives the day's one status. `others` leaves out the period itself.
 */
export function overlappingPeriod<P extends LabourMarketPeriod>(
  period: LabourMarketPeriod,
  others: readonly P[],
): P | null {
  return others.find((o) => o.kind === period.kind && periodsOverlap(period, o)) ?? null;
}

/** What is wrong with a Danish education record as given, field by field; empty when it is consistent. */
export function danishEducationFieldProblems(d: DanishEducation): OutcomeProblem[] {
  const problems: OutcomeProblem[] = [];
  if (d.startedOn !== null && d.startedOn < d.referredOn) {
    problems.push({
      pointer: '/startedOn',
      code: 'danish_education.started_before_referral',
      detail: `The start (${d.startedOn}) is before the referral (${d.referredOn}).`,
    });
  }
  if (d.startedOn === null && d.module !== null) {
    problems.push({
      pointer: '/module',
      code: 'danish_education.module_before_start',
      detail: 'A module is recorded but the education has not begun.',
    });
  }
  const limit = MODULES_PER_TRACK[d.track];
  if (d.module !== null && d.module > limit.modules + limit.optional) {
    problems.push({
      pointer: '/module',
      code: 'danish_education.no_such_module',
      detail: `${d.track} has no module ${d.module}.`,
    });
  }
  if (d.endedOn && d.startedOn && d.endedOn < d.startedOn) {
    problems.push({
      pointer: '/endedOn',
      code: 'date.end_before_start',
      detail: `The end (${d.endedOn}) is before the start (${d.startedOn}).`,
    });
  }
  return problems;
}
