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
import { addDuration, type Duration, type IsoDate } from './dates.js';
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
