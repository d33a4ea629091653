// Cases that close: why a case closes, and what a closure does to the person's obligations. Pure.
//
// The decision (issue 13, item 3): a case closes on a day. An obligation the engine finds for the
// person is owed only while the case is open:
// - due on or before the closure day: it stays as it was (met, open or overdue: what was owed
//   while the case was open is still reported as owed, late or not);
// - due after the closure day (or with no due date of its own, like "every conversation") and
//   not met: it is no longer owed, shown as not applicable with the closure as the reason;
// - met: stays met, whatever the day.
// A rule that follows the whole family (its evidence is a follow-up of the kind `family`, e.g.
// Aabenraa's family follow-up, registered on the household's head) continues after the head's
// closure as long as another member of the household has an open case.
import { addDays, addDuration, type Duration, type IsoDate } from './dates.js';
import { MUNICIPALITIES } from './municipalities.js';
import type { Evidence } from './rules.js';

export const CLOSURE_REASONS = ['moved', 'self_supporting', 'repatriated', 'died'] as const;
export type ClosureReason = (typeof CLOSURE_REASONS)[number];

/** A closed case as the obligations engine reads it. */
export interface CaseClosureFacts {
  closedOn: IsoDate;
  reason: ClosureReason;
  /** Another member of the person's household still has an open case (on or after the closure day). */
  householdOpen: boolean;
}

/** A rule that follows the whole family: it counts family follow-ups. */
export function followsFamily(evidence: readonly Evidence[]): boolean {
  return evidence.some((e) => e.type === 'follow_up' && e.kinds.includes('family'));
}

/** Whether the closure ends an obligation with this status and due date (see the decision above). */
export function endedByClosure(
  closure: CaseClosureFacts,
  obligation: { status: string; dueDate: IsoDate | null },
  familyRule: boolean,
): boolean {
  if (familyRule && closure.householdOpen) return false;
  if (obligation.status === 'met' || obligation.status === 'not_applicable') return false;
  return obligation.dueDate === null || obligation.dueDate > closure.closedOn;
}

/** Whether the person's case is closed on the day `on` (the closure day itself is the last open day). */
export function closedOn(closure: { closedOn: IsoDate } | null | undefined, on: IsoDate): boolean {
  return closure !== null && closure !== undefined && closure.closedOn < on;
}

/** The retention period after a closure has run out on `today` (the day after it ends): the case is to be deleted. */
export function retentionPassed(closedOnDay: IsoDate, retention: Duration, today: IsoDate): boolean {
  return addDuration(closedOnDay, retention) < today;
}

/** The problems of a closure a case worker records, as error codes (src/services/errors.ts has each). */
export type ClosureProblemCode =
  | 'closure.before_takeover'
  | 'date.in_future'
  | 'closure.moved_to_without_move'
  | 'closure.moved_to_own_municipality'
  | 'closure.moved_to_unknown';

/**
 * The checks of a closure: the day is not before the person's takeover (the case did not exist)
 * and not after today (a closure records what has happened; a move planned for next month is
 * recorded on or after the day). The municipality moved to is named only for a move, is one of
 * the 98 and is not the person's own.
 */
export function closureProblems(
  closure: { date: IsoDate; reason: ClosureReason; movedToMunicipality?: string | undefined },
  person: { takeoverDate: IsoDate; municipalityCode: string },
  today: IsoDate,
): { field: 'date' | 'movedToMunicipality'; code: ClosureProblemCode }[] {
  const problems: { field: 'date' | 'movedToMunicipality'; code: ClosureProblemCode }[] = [];
  if (closure.date < person.takeoverDate) problems.push({ field: 'date', code: 'closure.before_takeover' });
  if (closure.date > today) problems.push({ field: 'date', code: 'date.in_future' });
  const to = closure.movedToMunicipality;
  if (to !== undefined) {
    if (closure.reason !== 'moved')
      problems.push({ field: 'movedToMunicipality', code: 'closure.moved_to_without_move' });
    else if (!MUNICIPALITIES.some((m) => m.code === to))
      problems.push({ field: 'movedToMunicipality', code: 'closure.moved_to_unknown' });
    else if (to === person.municipalityCode)
      problems.push({ field: 'movedToMunicipality', code: 'closure.moved_to_own_municipality' });
  }
  return problems;
}

/**
 * The person's `left_on` (the first day outside the municipality's case file, as the indicators
 * read it: in the file while `left_on > day`) for a case closed on a day: the day after, since the
 * closure day is the case's last open day. So the indicators count the person on exactly the days
 * the obligations engine owes them something.
 */
export function leftOnAfterClosure(closedOnDay: IsoDate): IsoDate {
  return addDays(closedOnDay, 1);
}

/**
 * Whether a closed person's obligation stays on the worklist: only one the closure left owed
 * after its day (a rule that follows the whole family while another member's case is open). What
 * fell due up to the closure day, met or missed, stays on the person's page and in the
 * indicators' compliance, but nobody works a closed case from the worklist.
 */
export function onWorklistAfterClosure(
  closure: { closedOn: IsoDate },
  obligation: { status: string; dueDate: IsoDate | null },
): boolean {
  if (obligation.status === 'met' || obligation.status === 'not_applicable') return false;
  return obligation.dueDate === null || obligation.dueDate > closure.closedOn;
}

/** Whether a person's case counts as closed on the worklist's day: closed on or before it. */
export function closedForWorklist(closure: { closedOn: IsoDate } | null | undefined, on: IsoDate): boolean {
  return closure !== null && closure !== undefined && closure.closedOn <= on;
}
