// The governance cycle as obligations of the municipality (not of a person): the yearly dialogue
// meeting, the integration council's annual report, a hearing before a decision, an evaluation
// once per election period, information campaigns. Pure: the rules (plain data, checked by
// src/policy/kinds/governance.ts), the events and cases the secretariat recorded, the municipal
// election periods and a day → each obligation with its period, due date, status and evidence.
//
// How a rule's periods run:
// - `every: <duration>` (P1Y …): consecutive periods from the rule's effective start, each of that
//   length; the obligation of a period falls due on its last day. The current period is listed,
//   and the one before it when it was missed (overdue), so a missed meeting does not vanish from
//   the worklist on 1 January.
// - `every: election_period`: the municipal election periods (data: ELECTION_PERIODS); due on the
//   last day of the period.
// - `every: once`: one obligation, due `within` after the effective start (the policy file says
//   how long; without `within` it has no due date and stays open until met).
// - A council hearing (`event: council_hearing`) is due once per registered case with general
//   integration-policy dimensions: before the case's decision date.
//
// Which records meet a rule: an event whose kind the rule's event accepts (EVENT_KINDS_MEETING),
// dated within the period and no later than the day considered. An event that names a rule
// (`ruleId`) counts for that rule only; a hearing counts for the case it names (`caseId`).
import { addDays, addDuration, compareDates, daysBetween, parseDuration, type IsoDate } from './dates.js';
import type { RuleHead } from './rules.js';

/** What the secretariat records (issue 11: meeting, hearing, statement, report, campaign, initiative). */
export const GOVERNANCE_EVENT_KINDS = ['meeting', 'hearing', 'statement', 'report', 'campaign', 'initiative'] as const;
export type GovernanceEventKind = (typeof GOVERNANCE_EVENT_KINDS)[number];

/** The events a governance rule asks for (the `event` of a governance rule in a policy file). */
export const GOVERNANCE_RULE_EVENTS = [
  'annual_report',
  'dialogue_meeting',
  'evaluation',
  'committee_feedback',
  'council_hearing',
  'information_meeting',
] as const;
export type GovernanceRuleEvent = (typeof GOVERNANCE_RULE_EVENTS)[number];

/** The kinds of record that carry out each event a rule asks for. */
export const EVENT_KINDS_MEETING: Record<GovernanceRuleEvent, readonly GovernanceEventKind[]> = {
  annual_report: ['report'],
  dialogue_meeting: ['meeting'],
  evaluation: ['report', 'meeting'],
  committee_feedback: ['statement', 'initiative'],
  council_hearing: ['hearing'],
  information_meeting: ['campaign', 'meeting'],
};

export interface GovernanceRule extends RuleHead {
  kind: 'governance';
  event: GovernanceRuleEvent;
  every: string;
  /** For `every: once`: how long after the effective start it is due (ISO 8601 duration). */
  within?: string | undefined;
  responsible: string;
}

export interface GovernanceEvent {
  id: string;
  kind: GovernanceEventKind;
  date: IsoDate;
  title: string;
  /** The body that held or issued it (Integrationsrådet, Byrådet, Arbejdsmarkedsudvalget …). */
  body: string | null;
  published: boolean;
  ruleId: string | null;
  caseId: string | null;
}

/** A case with general integration-policy dimensions, registered by the secretariat. */
export interface GovernanceCase {
  id: string;
  title: string;
  decisionDate: IsoDate;
  body: string | null;
}

export interface ElectionPeriod {
  from: IsoDate;
  to: IsoDate;
}

/**
 * Danish municipal election periods: the councils elected in November take office on 1 January
 * for four years (lov om kommunale og regionale valg § 4). Elections: 2017, 2021, 2025, 2029.
 */
export const ELECTION_PERIODS: readonly ElectionPeriod[] = [
  { from: '2014-01-01', to: '2017-12-31' },
  { from: '2018-01-01', to: '2021-12-31' },
  { from: '2022-01-01', to: '2025-12-31' },
  { from: '2026-01-01', to: '2029-12-31' },
  { from: '2030-01-01', to: '2033-12-31' },
];

export type GovernanceStatus = 'met' | 'open' | 'due_soon' | 'overdue';

export interface GovernanceObligation {
  ruleId: string;
  title: string;
  /** The rule's responsible body, as the policy names it. */
  responsible: string;
  event: GovernanceRuleEvent;
  period: { from: IsoDate; to: IsoDate | null };
  dueDate: IsoDate | null;
  status: GovernanceStatus;
  /** The records that meet it (ids), earliest first; empty when not met. */
  evidence: { eventIds: string[]; date: IsoDate | null; late: boolean };
  /** For a council hearing: the case it is due for. */
  case: { id: string; title: string; decisionDate: IsoDate } | null;
  source: RuleHead['source'];
  interpretation?: RuleHead['interpretation'];
}

export interface GovernanceInput {
  rules: readonly GovernanceRule[];
  events: readonly GovernanceEvent[];
  cases: readonly GovernanceCase[];
  electionPeriods?: readonly ElectionPeriod[];
  on: IsoDate;
  dueSoonDays: number;
}

function statusOf(dueDate: IsoDate | null, met: boolean, on: IsoDate, dueSoonDays: number): GovernanceStatus {
  if (met) return 'met';
  if (dueDate === null) return 'open';
  if (compareDates(on, dueDate) > 0) return 'overdue';
  return daysBetween(on, dueDate) <= dueSoonDays ? 'due_soon' : 'open';
}

function effectiveOn(rule: RuleHead, on: IsoDate): boolean {
  return compareDates(rule.effective.from, on) <= 0 && (!rule.effective.to || compareDates(on, rule.effective.to) <= 0);
}

/** The events that count for a rule in [from, to] and no later than `on`, earliest first. */
function meeting(
  rule: GovernanceRule,
  events: readonly GovernanceEvent[],
  from: IsoDate,
  to: IsoDate | null,
  on: IsoDate,
): GovernanceEvent[] {
  const kinds = EVENT_KINDS_MEETING[rule.event];
  return events
    .filter((e) => kinds.includes(e.kind) && (e.ruleId === null || e.ruleId === rule.id))
    .filter(
      (e) =>
        compareDates(e.date, from) >= 0 &&
        (to === null || compareDates(e.date, to) <= 0) &&
        compareDates(e.date, on) <= 0,
    )
    .sort((a, b) => compareDates(a.date, b.date) || (a.id < b.id ? -1 : 1));
}

/**
 * The periods of a recurring rule from its effective start up to the one holding `until`: the
 * election periods for `every: election_period` (the first one from the rule's start), else
 * consecutive periods of the duration.
 */
function periodsOf(
  rule: GovernanceRule,
  until: IsoDate,
  elections: readonly ElectionPeriod[],
): { from: IsoDate; to: IsoDate }[] {
  if (rule.every === 'election_period') {
    return elections
      .filter((p) => compareDates(p.to, rule.effective.from) >= 0 && compareDates(p.from, until) <= 0)
      .map((p) => ({ from: compareDates(p.from, rule.effective.from) < 0 ? rule.effective.from : p.from, to: p.to }));
  }
  const every = parseDuration(rule.every);
  if (!every) throw new RangeError(`governance rule ${rule.id}: not a duration: ${rule.every}`);
  const periods: { from: IsoDate; to: IsoDate }[] = [];
  let from = rule.effective.from;
  for (let i = 1; compareDates(from, until) <= 0; i++) {
    const next = addDuration(rule.effective.from, {
      years: every.years * i,
      months: every.months * i,
      weeks: every.weeks * i,
      days: every.days * i,
    });
    periods.push({ from, to: addDays(next, -1) });
    from = next;
  }
  return periods;
}

function obligation(
  rule: GovernanceRule,
  period: { from: IsoDate; to: IsoDate | null },
  dueDate: IsoDate | null,
  found: GovernanceEvent[],
  input: GovernanceInput,
  theCase: GovernanceObligation['case'] = null,
): GovernanceObligation {
  const first = found[0] ?? null;
  return {
    ruleId: rule.id,
    title: rule.title,
    responsible: rule.responsible,
    event: rule.event,
    period,
    dueDate,
    status: statusOf(dueDate, first !== null, input.on, input.dueSoonDays),
    evidence: {
      eventIds: found.map((e) => e.id),
      date: first?.date ?? null,
      late: first !== null && dueDate !== null && compareDates(first.date, dueDate) > 0,
    },
    case: theCase,
    source: rule.source,
    ...(rule.interpretation ? { interpretation: rule.interpretation } : {}),
  };
}

/** The governance obligations of a municipality on a day, most urgent first. */
export function governanceObligations(input: GovernanceInput): GovernanceObligation[] {
  const result: GovernanceObligation[] = [];
  const elections = input.electionPeriods ?? ELECTION_PERIODS;
  for (const rule of input.rules) {
    if (!effectiveOn(rule, input.on)) continue;
    if (rule.event === 'council_hearing') {
      for (const c of input.cases) {
        // A hearing for the case before its decision date; a hearing on the day itself is late.
        const due = addDays(c.decisionDate, -1);
        const found = meeting(
          rule,
          input.events.filter((e) => e.caseId === c.id),
          rule.effective.from,
          null,
          input.on,
        );
        const theCase = { id: c.id, title: c.title, decisionDate: c.decisionDate };
        // Cases decided more than a year ago and heard in time no longer belong on the worklist.
        const ob = obligation(rule, { from: rule.effective.from, to: c.decisionDate }, due, found, input, theCase);
        if (ob.status === 'met' && daysBetween(c.decisionDate, input.on) > 365) continue;
        result.push(ob);
      }
    } else if (rule.every === 'once') {
      const within = rule.within ? parseDuration(rule.within) : null;
      const due = within ? addDuration(rule.effective.from, within) : null;
      result.push(
        obligation(
          rule,
          { from: rule.effective.from, to: null },
          due,
          meeting(rule, input.events, rule.effective.from, null, input.on),
          input,
        ),
      );
    } else {
      const periods = periodsOf(rule, input.on, elections).slice(-2);
      for (const [i, p] of periods.entries()) {
        const ob = obligation(rule, p, p.to, meeting(rule, input.events, p.from, p.to, input.on), input);
        // The period before the current one only while it is missed.
        if (i === 0 && periods.length > 1 && ob.status === 'met') continue;
        result.push(ob);
      }
    }
  }
  const rank: Record<GovernanceStatus, number> = { overdue: 0, due_soon: 1, open: 2, met: 3 };
  return result.sort(
    (a, b) =>
      rank[a.status] - rank[b.status] ||
      compareDates(a.dueDate ?? '9999-12-31', b.dueDate ?? '9999-12-31') ||
      (a.ruleId < b.ruleId ? -1 : 1),
  );
}

/**
 * Every obligation of the governance cycle that fell due in a calendar year, met on time or not
 * (as it stood when the year was over): the compliance the annual report shows. Rules with
 * no due date (`once` without `within`) are left out: nothing fell due.
 */
export function governanceDueIn(
  input: Omit<GovernanceInput, 'on' | 'dueSoonDays'>,
  year: number,
): GovernanceObligation[] {
  const end = `${year}-12-31`;
  const inYear = (d: IsoDate | null) => d !== null && d.startsWith(`${year}-`);
  // Judged on 1 January: an obligation due on 31 December and not met is missed.
  const at = { ...input, on: `${year + 1}-01-01`, dueSoonDays: 0 };
  const all: GovernanceObligation[] = [];
  for (const rule of input.rules) {
    if (rule.event === 'council_hearing' || rule.every === 'once') {
      all.push(...governanceObligations({ ...at, rules: [rule] }).filter((o) => inYear(o.dueDate)));
      continue;
    }
    for (const p of periodsOf(rule, end, input.electionPeriods ?? ELECTION_PERIODS)) {
      if (!inYear(p.to) || (rule.effective.to && compareDates(p.from, rule.effective.to) > 0)) continue;
      all.push(obligation(rule, p, p.to, meeting(rule, input.events, p.from, p.to, at.on), at));
    }
  }
  return all;
}
