// A person's outcome records (labour-market status periods, educations completed, Danish
// educations and tests), as the API shows them; each record registers the person it belongs to.
import type {
  DanishEducationRow,
  DanishTestRow,
  EducationCompletedRow,
  LabourMarketPeriodRow,
  OutcomeRows,
} from '../../repositories/outcomes.js';
import type { Disclosure } from '../disclosure.js';

/** A status period; `to` is the last day (inclusive), null while it lasts. */
export function presentLabourMarketPeriod(row: LabourMarketPeriodRow, shown: Disclosure) {
  return {
    id: row.id,
    personId: shown.person(row.person_id),
    kind: row.kind,
    from: row.from_date,
    to: row.to_date,
    hoursPerWeek: row.hours_per_week,
    benefit: row.benefit,
    educationKind: row.education_kind,
    version: row.version,
  };
}

export function presentEducationCompleted(row: EducationCompletedRow, shown: Disclosure) {
  return {
    id: row.id,
    personId: shown.person(row.person_id),
    kind: row.kind,
    completedOn: row.completed_on,
    inDenmark: row.in_denmark,
  };
}

export function presentDanishEducation(row: DanishEducationRow, shown: Disclosure) {
  return {
    id: row.id,
    personId: shown.person(row.person_id),
    track: row.track,
    referredOn: row.referred_on,
    startPossibleOn: row.start_possible_on,
    startedOn: row.started_on,
    module: row.module,
    endedOn: row.ended_on,
    version: row.version,
  };
}

export function presentDanishTest(row: DanishTestRow, shown: Disclosure) {
  return {
    id: row.id,
    personId: shown.person(row.person_id),
    test: row.test,
    takenOn: row.taken_on,
    passed: row.passed,
  };
}

/** Every outcome record of one person; registers the person (also when there is none yet). */
export function presentOutcomes(rows: OutcomeRows, personId: string, shown: Disclosure) {
  return {
    personId: shown.person(personId),
    labourMarketPeriods: rows.labourMarketPeriods.map((r) => presentLabourMarketPeriod(r, shown)),
    educationsCompleted: rows.educationsCompleted.map((r) => presentEducationCompleted(r, shown)),
    danishEducations: rows.danishEducations.map((r) => presentDanishEducation(r, shown)),
    danishTests: rows.danishTests.map((r) => presentDanishTest(r, shown)),
  };
}
