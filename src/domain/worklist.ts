// What a caseworker does today (issue 13, item 6). The worklist shows first what can still be
// acted on: obligations due in the next days and those overdue by at most LONG_OVERDUE_DAYS, the
// most recently overdue first, then those due soon by due date. Obligations overdue for longer
// are grouped apart with their count: they usually mean a record that was never entered (a
// contract signed on paper, a conversation held but not logged), not today's work.
import { closedForWorklist, onWorklistAfterClosure } from './closure.js';
import { addDays, daysBetween, type IsoDate } from './dates.js';
import { obligationsFor, type CaseFacts, type CompiledRule, type Obligation } from './obligations.js';
import type { RuleSource } from './rules.js';

/** Overdue for more than this many days: grouped apart on the worklist. */
export const LONG_OVERDUE_DAYS = 90;

export const WORKLIST_GROUPS = ['current', 'long_overdue'] as const;
export type WorklistGroup = (typeof WORKLIST_GROUPS)[number];

type Timed = Pick<Obligation, 'status' | 'dueDate'>;

/** How many days past its due date an overdue obligation is on the day (0 when it is not overdue). */
export function daysOverdue(o: Timed, on: IsoDate): number {
  return o.status === 'overdue' && o.dueDate !== null ? Math.max(0, daysBetween(o.dueDate, on)) : 0;
}

export function worklistGroup(o: Timed, on: IsoDate): WorklistGroup {
  return daysOverdue(o, on) > LONG_OVERDUE_DAYS ? 'long_overdue' : 'current';
}

const RANK: Record<Obligation['status'], number> = { overdue: 0, due_soon: 1, open: 2, met: 3, not_applicable: 4 };

/**
 * The worklist's order on the day: the current group before the long overdue; within each,
 * overdue before due soon before open; overdue ones the most recently overdue first, the others
 * the soonest due first.
 */
export function byWorklistOrder(on: IsoDate): (a: Timed, b: Timed) => number {
  return (a, b) => {
    const g = (worklistGroup(a, on) === 'current' ? 0 : 1) - (worklistGroup(b, on) === 'current' ? 0 : 1);
    if (g !== 0) return g;
    const s = RANK[a.status] - RANK[b.status];
    if (s !== 0) return s;
    const x = a.dueDate ?? '9999-12-31';
    const y = b.dueDate ?? '9999-12-31';
    const ascending = x < y ? -1 : x > y ? 1 : 0;
    return a.status === 'overdue' ? -ascending : ascending;
  };
}

/**
 * The rule's source in a few words, for a list row: the act and paragraph for the law
 * ("integrationsloven § 23, stk. 1"), else the policy's section ("Integrationspolitikken,
 * Danskundervisning").
 */
export function shortSource(source: RuleSource): string {
  if (source.act !== undefined && source.paragraph !== undefined) return `${source.act} ${source.paragraph}`;
  return source.section ? `Integrationspolitikken, ${source.section}` : 'Integrationspolitikken';
}

/**
 * What the worklist may show of one person on the day: the applicable obligations, less what the
 * case's closure ended (closure.ts: a closed case leaves only what was left owed after its day).
 * The one definition for the worklist computed on the spot and for the materialised rows.
 */
export function worklistObligationsOf(
  rules: CompiledRule[],
  facts: CaseFacts,
  on: IsoDate,
  dueSoonDays: number,
): Obligation[] {
  const closed = closedForWorklist(facts.closure, on) ? facts.closure : null;
  const all = obligationsFor(rules, facts, on, dueSoonDays, { includeNotApplicable: false });
  return closed ? all.filter((o) => onWorklistAfterClosure(closed, o)) : all;
}

/** The day before which an overdue obligation is long overdue (more than LONG_OVERDUE_DAYS past due). */
export function longOverdueBefore(on: IsoDate): IsoDate {
  return addDays(on, -LONG_OVERDUE_DAYS);
}
