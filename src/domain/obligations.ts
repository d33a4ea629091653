// The obligations engine: for one person's case facts, the compiled rules of their municipality
// (law + policy) and a date, every obligation with its due date, status, evidence and source.
// Pure: the caller loads facts for many persons at once (set-at-a-time) and calls this per person.
// Each kind evaluated per person has its evaluation here (deadlineObligation …); the policy
// layer's registry of kinds (src/policy/kinds/) binds each compiled rule to its kind's, so the
// engine dispatches on no kind name and has no fallback for a kind it does not know.
import {
  addDays,
  addDuration,
  ageOn,
  daysBetween,
  formatDanishDate as da,
  parseDuration,
  type Duration,
  type IsoDate,
} from './dates.js';
import {
  ACTIVITY_KIND_IN_SENTENCE_DA,
  CASE_RECORD_IN_SENTENCE_DA,
  CLOSURE_REASON_IN_SENTENCE_DA,
  ENROLMENT_KIND_IN_SENTENCE_DA,
  RECEPTION_STEP_KIND_IN_SENTENCE_DA,
  RESIDENCE_BASIS_PLURAL_DA,
  termDa,
  type ObligationStatus,
} from './glossary.js';
import { endedByClosure, followsFamily, type CaseClosureFacts } from './closure.js';
import { isBilingual } from './model.js';
import type {
  AppliesTo,
  CadenceRule,
  DeadlineRule,
  EveryConversationRule,
  Evidence,
  PresenceRule,
  RuleHead,
  RuleInterpretation,
  RuleKindName,
  RuleSource,
  WeeklyHoursRule,
} from './rules.js';

/**
 * The engine's revision, part of what materialised obligations were evaluated under
 * (src/services/obligation-store.ts): raise it with any change to what the engine decides, and
 * every municipality's rows are evaluated again at its next worklist.
 */
export const OBLIGATIONS_ENGINE_REVISION = 1;

export interface CaseFacts {
  personId: string;
  birthDate: IsoDate;
  takeoverDate: IsoDate;
  arrivalDate: IsoDate | null;
  residenceBasis: string;
  program: string | null;
  relation: string;
  languages: string[];
  activities: { id: string; kind: string; startDate: IsoDate; endDate: IsoDate | null; hoursPerWeek: number }[];
  conversations: { id: string; date: IsoDate; kind: string; repatriationGuidance: boolean }[];
  contractSignedOn: IsoDate | null;
  visitationHeldOn: IsoDate | null;
  contactPersons: { from: IsoDate; to: IsoDate | null }[];
  enrolments: { id: string; kind: string; startDate: IsoDate; endDate: IsoDate | null }[];
  languageAssessments: { id: string; date: IsoDate }[];
  followUps: { id: string; date: IsoDate; kind: string }[];
  /** Referrals to Danish education: referred, the first day it could begin, the start. Absent = none. */
  danishEducations?: { id: string; referredOn: IsoDate; startPossibleOn: IsoDate | null; startedOn: IsoDate | null }[];
  /** Health assessments (§ 15 d): a need assessed (needed) or an offer (accepted, null until answered). Absent = none. */
  healthAssessments?: { id: string; date: IsoDate; kind: string; needed: boolean | null; accepted: boolean | null }[];
  /** Wishes to return and notices of them to the advising organisation. Absent = none. */
  repatriationNotices?: { id: string; date: IsoDate; kind: string }[];
  /** Labour-market status periods (to inclusive, null while open), with the benefit of a period on benefit. Absent = none. */
  labourMarket?: { kind: string; from: IsoDate; to: IsoDate | null }[];
  /** Reception steps (model.ts RECEPTION_STEP_KINDS) on the day they were taken. Absent = none. */
  receptionSteps?: { id: string; date: IsoDate; kind: string }[];
  /** The case's closure, if it is closed (closure.ts decides what it ends). Absent = open. */
  closure?: CaseClosureFacts | null;
}

/** met, open, due_soon, overdue, not_applicable: the statuses and their Danish terms are in glossary.ts. */
export type { ObligationStatus };

/** An obligation's outcome for one person on one day: what a kind's evaluation decides. */
export interface RuleEvaluation {
  dueDate: IsoDate | null;
  status: ObligationStatus;
  evidence?: { summary: string; date?: IsoDate; late?: boolean; records?: string[] } | undefined;
  reason?: string | undefined;
}

/** How the engine evaluates the rules of one kind for one person. */
export interface ObligationKind<R extends RuleHead> {
  /** Status, due date, evidence found or what is missing, on the day `on`. */
  evaluate: (rule: R, facts: CaseFacts, on: IsoDate, dueSoonDays: number) => RuleEvaluation;
  /**
   * The due date alone, used to keep a tightening municipal rule's due date no later than the
   * law's. Null where the kind has no date of its own to compare (every conversation).
   */
  dueDate: (rule: R, facts: CaseFacts, on: IsoDate, dueSoonDays: number) => IsoDate | null;
}

/** A rule bound to its kind's evaluation. */
export interface PersonEvaluation {
  evaluate: (facts: CaseFacts, on: IsoDate, dueSoonDays: number) => RuleEvaluation;
  dueDate: (facts: CaseFacts, on: IsoDate, dueSoonDays: number) => IsoDate | null;
}

export function bindObligation<R extends RuleHead>(kind: ObligationKind<R>, rule: R): PersonEvaluation {
  return {
    evaluate: (facts, on, dueSoonDays) => kind.evaluate(rule, facts, on, dueSoonDays),
    dueDate: (facts, on, dueSoonDays) => kind.dueDate(rule, facts, on, dueSoonDays),
  };
}

export interface CompiledRule<R extends RuleHead = RuleHead> {
  rule: R;
  /** 'national' for the law, else the municipality code. */
  layer: string;
  /** The legal rules this one tightens, for display next to it and to keep the earlier due date. */
  tightened?: CompiledRule<R>[] | undefined;
  /** Its evaluation for one person; null for a rule on the municipality as a whole (coverage, cap, governance). */
  person: PersonEvaluation | null;
}

export interface Obligation extends RuleEvaluation {
  ruleId: string;
  title: string;
  kind: RuleKindName;
  layer: string;
  source: RuleSource;
  interpretation?: RuleInterpretation | undefined;
  /**
   * The legal rules this one tightens, each with its own status and due date for the person, so
   * that the law's verdict is never hidden behind the stricter rule that stands for it.
   */
  tightens?: TightenedLaw[] | undefined;
}

export interface TightenedLaw {
  ruleId: string;
  title: string;
  source: RuleSource;
  status: ObligationStatus;
  dueDate: IsoDate | null;
}

/** Whether the engine evaluates the rule per person (the others are municipality-level). */
export function isPersonRule<R extends RuleHead>(
  c: CompiledRule<R>,
): c is CompiledRule<R> & { person: PersonEvaluation } {
  return c.person !== null;
}

const DURATIONS = new Map<string, Duration>();
/** Rule durations are few and fixed: parse each once. */
const dur = (text: string): Duration => {
  const cached = DURATIONS.get(text);
  if (cached) return cached;
  const d = parseDuration(text);
  if (!d) throw new RangeError(`Not an ISO 8601 duration: ${text}`);
  DURATIONS.set(text, d);
  return d;
};

/** The first day in a reception class (modtageklasse), if the child has been in one. */
function receptionClassStart(facts: CaseFacts): IsoDate | undefined {
  return facts.enrolments
    .filter((e) => e.kind === 'reception_class')
    .map((e) => e.startDate)
    .sort()[0];
}

/** The day a rule's clock starts for this person. A birth-based clock never starts before takeover. */
export function anchorDate(facts: CaseFacts, anchor: string, offset?: string): IsoDate {
  let date: IsoDate;
  switch (anchor) {
    case 'takeover':
      date = facts.takeoverDate;
      break;
    case 'arrival':
      date = facts.arrivalDate ?? facts.takeoverDate;
      break;
    case 'birth':
      date = facts.birthDate;
      break;
    case 'reception_class_start': {
      const start = receptionClassStart(facts);
      // A rule from it applies only once the child is in a reception class (notApplicableReason).
      if (start === undefined) throw new RangeError('no reception class recorded');
      date = start;
      break;
    }
    case 'repatriation_wish': {
      const wish = firstWish(facts);
      // A rule from the wish applies only once there is one (notApplicableReason); takeover is never used.
      if (wish === undefined) throw new RangeError('no wish to return recorded');
      date = wish;
      break;
    }
    default:
      throw new RangeError(`unknown anchor ${anchor}`);
  }
  if (offset) date = addDuration(date, dur(offset));
  if (anchor === 'birth' && date < facts.takeoverDate) date = facts.takeoverDate;
  return date;
}

/** The first wish to return recorded, if any. */
function firstWish(facts: CaseFacts, on?: IsoDate): IsoDate | undefined {
  return (facts.repatriationNotices ?? [])
    .filter((n) => n.kind === 'wish' && (on === undefined || n.date <= on))
    .map((n) => n.date)
    .sort()[0];
}

/** Whether a concrete assessment (on or before the day) found a health assessment needed. */
export function healthAssessmentFoundNeeded(facts: CaseFacts, on: IsoDate): boolean {
  const assessed = (facts.healthAssessments ?? [])
    .filter((h) => h.kind === 'need_assessed' && h.date <= on)
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
    .at(-1);
  return assessed?.needed === true;
}

/**
 * In ordinary work or education and not on a benefit on the day (integrationsloven § 20, stk. 1,
 * 5. pkt.): a status period of ordinary_job or education covers the day and none of benefit does.
 */
export function inOrdinaryWorkOrEducationWithoutBenefit(facts: CaseFacts, on: IsoDate): boolean {
  const current = (facts.labourMarket ?? []).filter((p) => p.from <= on && (p.to === null || p.to >= on));
  return (
    current.some((p) => p.kind === 'ordinary_job' || p.kind === 'education') &&
    !current.some((p) => p.kind === 'benefit')
  );
}

/** Null when the rule applies to the person on the day; else the reason in Danish. */
export function notApplicableReason(rule: RuleHead, facts: CaseFacts, on: IsoDate): string | null {
  if (facts.takeoverDate < rule.effective.from || (rule.effective.to && facts.takeoverDate > rule.effective.to)) {
    return `Reglen gælder for overtagelser fra ${da(rule.effective.from)}${rule.effective.to ? ` til ${da(rule.effective.to)}` : ''}.`;
  }
  if (on < facts.takeoverDate) return 'Kommunen har endnu ikke overtaget ansvaret.';
  const a: AppliesTo = rule.appliesTo;
  const ageDate = a.ageAt === 'on' ? on : facts.takeoverDate;
  const age = ageOn(facts.birthDate, ageDate);
  const when = a.ageAt === 'on' ? 'i dag' : 'ved overtagelsen';
  if (a.ageMin !== undefined && age < a.ageMin) return `Gælder fra ${a.ageMin} år; borgeren er ${age} år ${when}.`;
  if (a.ageMax !== undefined && age > a.ageMax)
    return `Gælder til og med ${a.ageMax} år; borgeren er ${age} år ${when}.`;
  if (a.residenceBasis && !a.residenceBasis.includes(facts.residenceBasis as never)) {
    return `Gælder for ${a.residenceBasis.map((r) => RESIDENCE_BASIS_PLURAL_DA[r]).join(', ')}.`;
  }
  if (a.program && (facts.program === null || !a.program.includes(facts.program as never))) {
    return facts.program === null ? 'Borgeren er ikke i et program.' : 'Gælder ikke for borgerens program.';
  }
  if (a.relation && !a.relation.includes(facts.relation as never))
    return 'Gælder ikke for borgerens plads i husstanden.';
  if (a.bilingual !== undefined && isBilingualChild(facts) !== a.bilingual)
    return a.bilingual ? 'Gælder for tosprogede børn.' : 'Gælder ikke for tosprogede børn.';
  if (
    a.yearsSinceTakeoverMax !== undefined &&
    on > addDuration(facts.takeoverDate, dur(`P${Math.round(a.yearsSinceTakeoverMax * 12)}M`))
  ) {
    return `Gælder de første ${a.yearsSinceTakeoverMax} år efter overtagelsen.`;
  }
  if (a.healthAssessmentNeeded === true && !healthAssessmentFoundNeeded(facts, on))
    return 'Gælder, når en konkret vurdering har fundet behov for en helbredsmæssig vurdering.';
  if (a.ordinaryWorkOrEducationWithoutBenefit !== undefined) {
    const ordinary = inOrdinaryWorkOrEducationWithoutBenefit(facts, on);
    if (a.ordinaryWorkOrEducationWithoutBenefit && !ordinary)
      return 'Gælder for borgere i ordinær beskæftigelse eller uddannelse uden ydelse.';
    if (!a.ordinaryWorkOrEducationWithoutBenefit && ordinary)
      return 'Borgeren er i ordinær beskæftigelse eller uddannelse uden ydelse: opfølgning hver 12. måned gælder i stedet.';
  }
  if ('from' in rule && rule.from === 'repatriation_wish' && firstWish(facts, on) === undefined)
    return 'Borgeren har ikke udtrykt ønske om at vende tilbage.';
  if ('from' in rule && rule.from === 'reception_class_start') {
    const start = receptionClassStart(facts);
    if (start === undefined || start > on) return 'Barnet går ikke i modtageklasse.';
  }
  return null;
}

/** Another mother tongue than Danish (see `isBilingual` in model.ts, the one definition). */
export function isBilingualChild(facts: CaseFacts): boolean {
  return isBilingual(facts.languages);
}

function statusBeforeDue(due: IsoDate, on: IsoDate, dueSoonDays: number): ObligationStatus {
  if (on > due) return 'overdue';
  return daysBetween(on, due) <= dueSoonDays ? 'due_soon' : 'open';
}

const RECORD = CASE_RECORD_IN_SENTENCE_DA;

/** The earliest record (on or before `on`) that satisfies one evidence item. */
function firstEvidence(
  facts: CaseFacts,
  e: Evidence,
  on: IsoDate,
  notBefore?: IsoDate,
): { date: IsoDate; summary: string; id?: string } | null {
  const ok = (d: IsoDate | null | undefined): d is IsoDate => !!d && d <= on && (!notBefore || d >= notBefore);
  const earliest = <T extends { date: IsoDate }>(xs: T[]) =>
    xs.filter((x) => ok(x.date)).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))[0];
  switch (e.type) {
    case 'activity_started': {
      const a = earliest(
        facts.activities
          .filter((x) => (e.kinds as string[]).includes(x.kind))
          .map((x) => ({ ...x, date: x.startDate })),
      );
      return a
        ? {
            date: a.date,
            summary: `${termDa(ACTIVITY_KIND_IN_SENTENCE_DA, a.kind)} fra ${da(a.date)} (${a.hoursPerWeek} t/uge)`,
            id: a.id,
          }
        : null;
    }
    case 'contract_signed':
      return ok(facts.contractSignedOn)
        ? { date: facts.contractSignedOn, summary: `${RECORD.contract} underskrevet ${facts.contractSignedOn}` }
        : null;
    case 'visitation_held':
      return ok(facts.visitationHeldOn)
        ? { date: facts.visitationHeldOn, summary: `${RECORD.visitation} ${facts.visitationHeldOn}` }
        : null;
    case 'contact_person_assigned': {
      const c = earliest(facts.contactPersons.map((x) => ({ ...x, date: x.from })));
      return c ? { date: c.date, summary: `${RECORD['contact-person']} fra ${da(c.date)}` } : null;
    }
    case 'enrolment': {
      const x = earliest(
        facts.enrolments
          .filter((y) => (e.kinds as string[]).includes(y.kind))
          .map((y) => ({ ...y, date: y.startDate })),
      );
      return x
        ? { date: x.date, summary: `${termDa(ENROLMENT_KIND_IN_SENTENCE_DA, x.kind)} fra ${da(x.date)}`, id: x.id }
        : null;
    }
    case 'enrolment_ended': {
      // Done when every enrolment of the kinds has ended by the day: the day the last one ended.
      const of = facts.enrolments.filter((y) => (e.kinds as string[]).includes(y.kind) && y.startDate <= on);
      const ends = of.map((y) => y.endDate);
      if (!of.length || ends.some((d) => d === null || d > on)) return null;
      const last = (ends as IsoDate[]).sort().at(-1);
      const x = of.find((y) => y.endDate === last);
      return last !== undefined && x && ok(last)
        ? { date: last, summary: `${termDa(ENROLMENT_KIND_IN_SENTENCE_DA, x.kind)} afsluttet ${da(last)}`, id: x.id }
        : null;
    }
    case 'language_assessment': {
      const x = earliest(facts.languageAssessments);
      return x ? { date: x.date, summary: `${RECORD['language-assessment']} ${da(x.date)}`, id: x.id } : null;
    }
    case 'follow_up': {
      const x = earliest(facts.followUps.filter((y) => (e.kinds as string[]).includes(y.kind)));
      return x ? { date: x.date, summary: `${RECORD['follow-up']} ${da(x.date)}`, id: x.id } : null;
    }
    case 'conversation': {
      const x = earliest(facts.conversations.filter((y) => (e.kinds as string[]).includes(y.kind)));
      return x ? { date: x.date, summary: `${RECORD.conversation} ${da(x.date)}`, id: x.id } : null;
    }
    case 'danish_education_referred': {
      const x = earliest((facts.danishEducations ?? []).map((d) => ({ ...d, date: d.referredOn })));
      return x ? { date: x.date, summary: `${RECORD['danish-education']} ${da(x.date)}`, id: x.id } : null;
    }
    case 'danish_education_start_possible': {
      // The first day it could begin, or the start itself where that came first or is all that is recorded.
      const x = earliest([
        ...(facts.danishEducations ?? []).flatMap((d) => {
          const days = [d.startPossibleOn, d.startedOn].filter((v): v is IsoDate => v !== null).sort();
          return days[0] === undefined ? [] : [{ id: d.id, date: days[0] }];
        }),
        ...facts.activities.filter((a) => a.kind === 'danish_education').map((a) => ({ id: a.id, date: a.startDate })),
      ]);
      return x ? { date: x.date, summary: `danskuddannelse kan begynde ${da(x.date)}`, id: x.id } : null;
    }
    case 'health_assessment_offered': {
      const x = earliest((facts.healthAssessments ?? []).filter((h) => h.kind === 'offered'));
      if (!x) return null;
      const answer = x.accepted === null ? 'svar afventes' : x.accepted ? 'tager imod' : 'takker nej';
      return { date: x.date, summary: `tilbud om helbredsmæssig vurdering ${da(x.date)} (${answer})`, id: x.id };
    }
    case 'repatriation_notified': {
      const wish = firstWish(facts, on);
      const x = earliest(
        (facts.repatriationNotices ?? []).filter(
          (n) => n.kind === 'notification' && wish !== undefined && n.date >= wish,
        ),
      );
      return x ? { date: x.date, summary: `rådgivningen underrettet ${da(x.date)}`, id: x.id } : null;
    }
    case 'reception_step': {
      const x = earliest((facts.receptionSteps ?? []).filter((y) => (e.kinds as string[]).includes(y.kind)));
      return x
        ? { date: x.date, summary: `${termDa(RECEPTION_STEP_KIND_IN_SENTENCE_DA, x.kind)} ${da(x.date)}`, id: x.id }
        : null;
    }
  }
}

/** All records (dates) that count for a cadence, on or before `on`. */
function countableDates(facts: CaseFacts, evidence: Evidence[], on: IsoDate): { date: IsoDate; id: string }[] {
  const out: { date: IsoDate; id: string }[] = [];
  for (const e of evidence) {
    if (e.type === 'follow_up') out.push(...facts.followUps.filter((f) => (e.kinds as string[]).includes(f.kind)));
    else if (e.type === 'conversation')
      out.push(...facts.conversations.filter((c) => (e.kinds as string[]).includes(c.kind)));
    else if (e.type === 'reception_step')
      out.push(...(facts.receptionSteps ?? []).filter((r) => (e.kinds as string[]).includes(r.kind)));
  }
  const seen = new Set<string>();
  return out.filter((x) => x.date <= on && !seen.has(x.id) && seen.add(x.id)).map((x) => ({ date: x.date, id: x.id }));
}

/** Average weekly hours of the given activity kinds over the days [from, to]. */
export function averageWeeklyHours(facts: CaseFacts, kinds: string[], from: IsoDate, to: IsoDate): number {
  const days = daysBetween(from, to) + 1;
  if (days <= 0) return 0;
  let total = 0;
  for (const a of facts.activities) {
    if (!kinds.includes(a.kind)) continue;
    const start = a.startDate > from ? a.startDate : from;
    const end = a.endDate && a.endDate < to ? a.endDate : to;
    const overlap = daysBetween(start, end) + 1;
    if (overlap > 0) total += a.hoursPerWeek * overlap;
  }
  return total / days;
}

// ---- The kinds evaluated per person ---------------------------------------------------------

const deadlineDue = (rule: DeadlineRule, facts: CaseFacts): IsoDate =>
  addDuration(anchorDate(facts, rule.from, rule.offset), dur(rule.within));

/** Every evidence item by the due date (anchor + offset + within). */
export const deadlineObligation: ObligationKind<DeadlineRule> = {
  evaluate(rule, facts, on, dueSoonDays) {
    const due = deadlineDue(rule, facts);
    // Records count from `countsFrom.before` before the milestone (a parameter of the rule with its reading).
    const notBefore = rule.countsFrom
      ? addDuration(
          rule.from === 'birth'
            ? addDuration(facts.birthDate, dur(rule.offset ?? 'P0D'))
            : anchorDate(facts, rule.from, rule.offset),
          dur(rule.countsFrom.before),
          -1,
        )
      : undefined;
    const found = rule.evidence.map((e) => firstEvidence(facts, e, on, notBefore));
    if (found.every((f) => f !== null)) {
      const metOn = found
        .map((f) => f.date)
        .sort()
        .at(-1);
      if (metOn === undefined) throw new RangeError(`Deadline rule ${rule.id} lists no evidence`);
      const summary = found.map((f) => f.summary).join('; ');
      return {
        dueDate: due,
        status: 'met',
        evidence: { summary, date: metOn, late: metOn > due, records: found.flatMap((f) => (f.id ? [f.id] : [])) },
      };
    }
    const missing = rule.evidence
      .filter((_, i) => found[i] === null)
      .map(describeEvidence)
      .join(' og ');
    return { dueDate: due, status: statusBeforeDue(due, on, dueSoonDays), reason: `Mangler: ${missing}.` };
  },
  dueDate: deadlineDue,
};

const weeklyHoursDue = (rule: WeeklyHoursRule, facts: CaseFacts): IsoDate =>
  addDuration(anchorDate(facts, rule.from), dur(rule.startWithin));

/** Planned hours before the start deadline; the average over the window after it. */
export const weeklyHoursObligation: ObligationKind<WeeklyHoursRule> = {
  evaluate(rule, facts, on, dueSoonDays) {
    const due = weeklyHoursDue(rule, facts);
    if (on < due) {
      const now = averageWeeklyHours(facts, rule.kinds, on, on);
      return {
        dueDate: due,
        status: now >= rule.minHours ? 'met' : statusBeforeDue(due, on, dueSoonDays),
        ...(now >= rule.minHours
          ? { evidence: { summary: `${fmtHours(now)} timer/uge planlagt` } }
          : { reason: `${fmtHours(now)} af ${rule.minHours} timer/uge planlagt.` }),
      };
    }
    const windowStart = addDays(addDuration(on, dur(rule.window), -1), 1);
    const from = windowStart > due ? windowStart : due;
    const avg = averageWeeklyHours(facts, rule.kinds, from, on);
    if (avg + 1e-9 >= rule.minHours)
      return {
        dueDate: due,
        status: 'met',
        evidence: { summary: `gennemsnit ${fmtHours(avg)} timer/uge ${da(from)}–${da(on)}` },
      };
    return {
      dueDate: due,
      status: 'overdue',
      reason: `Gennemsnit ${fmtHours(avg)} af ${rule.minHours} timer/uge ${da(from)}–${da(on)}.`,
    };
  },
  dueDate: weeklyHoursDue,
};

const presenceDue = (rule: PresenceRule, facts: CaseFacts): IsoDate =>
  addDuration(anchorDate(facts, rule.from), dur(rule.within));

/** A contact person or a daycare place on the day, from the due date on. */
export const presenceObligation: ObligationKind<PresenceRule> = {
  evaluate(rule, facts, on, dueSoonDays) {
    const due = presenceDue(rule, facts);
    if (rule.evidence === 'contact_person') {
      const current = facts.contactPersons.find((cp) => cp.from <= on && (cp.to === null || cp.to > on));
      if (current)
        return {
          dueDate: due,
          status: 'met',
          evidence: {
            summary: `fast kontaktperson fra ${da(current.from)}`,
            date: current.from,
            late: current.from > due,
          },
        };
      return { dueDate: due, status: statusBeforeDue(due, on, dueSoonDays), reason: 'Ingen fast kontaktperson.' };
    }
    const daycare = facts.enrolments.find(
      (e) => e.kind === 'daycare' && e.startDate <= on && (e.endDate === null || e.endDate >= on),
    );
    if (daycare)
      return {
        dueDate: due,
        status: 'met',
        evidence: { summary: `dagtilbud fra ${da(daycare.startDate)}`, date: daycare.startDate, records: [daycare.id] },
      };
    return {
      dueDate: due,
      status: statusBeforeDue(due, on, dueSoonDays),
      reason: 'Barnet er ikke indskrevet i et dagtilbud.',
    };
  },
  dueDate: presenceDue,
};

/** Repatriation guidance recorded at every covered conversation; the first breach is the due date. */
export const everyConversationObligation: ObligationKind<EveryConversationRule> = {
  evaluate(rule, facts, on) {
    const covered = facts.conversations.filter(
      (cv) =>
        (rule.conversationKinds as string[]).includes(cv.kind) &&
        cv.date <= on &&
        cv.date >= rule.effective.from &&
        (!rule.effective.to || cv.date <= rule.effective.to),
    );
    const lastCovered = covered
      .map((x) => x.date)
      .sort()
      .at(-1);
    if (lastCovered === undefined)
      return { dueDate: null, status: 'not_applicable', reason: 'Ingen samtaler omfattet af reglen endnu.' };
    const breaches = covered.filter((cv) => !cv.repatriationGuidance).sort((a, b) => (a.date < b.date ? -1 : 1));
    const firstBreach = breaches[0];
    if (firstBreach === undefined) {
      return {
        dueDate: null,
        status: 'met',
        evidence: { summary: `vejledning givet i alle ${covered.length} samtaler`, date: lastCovered },
      };
    }
    return {
      dueDate: firstBreach.date,
      status: 'overdue',
      reason: `Vejledning om repatriering ikke registreret i ${breaches.length} af ${covered.length} samtaler (${breaches.map((b) => b.date).join(', ')}).`,
      evidence: { summary: 'samtaler uden vejledning', records: breaches.map((b) => b.id) },
    };
  },
  // A municipal rule covering more conversations finds the first breach no later than the law's.
  dueDate: () => null,
};

/** At least `count` records in each window, back to back from anchor + offset. */
export const cadenceObligation: ObligationKind<CadenceRule> = {
  evaluate(rule, facts, on, dueSoonDays) {
    const start = anchorDate(facts, rule.from, rule.offset);
    const windowLength = dur(rule.within);
    const end = rule.repeatFor ? addDuration(start, dur(rule.repeatFor)) : addDuration(start, windowLength);
    const dates = countableDates(facts, rule.evidence, on);
    let windowStart = start;
    while (windowStart < end) {
      const windowEnd = addDuration(windowStart, windowLength);
      const n = dates.filter((d) => d.date >= windowStart && d.date < windowEnd).length;
      if (on < windowEnd) {
        if (on < windowStart) return { dueDate: windowEnd, status: 'open', reason: `Begynder ${da(windowStart)}.` };
        if (n >= rule.count)
          return {
            dueDate: windowEnd,
            status: 'met',
            evidence: { summary: `${n} af ${rule.count} i perioden ${da(windowStart)}–${da(windowEnd)}` },
          };
        return {
          dueDate: windowEnd,
          status: statusBeforeDue(windowEnd, on, dueSoonDays),
          reason: `${n} af ${rule.count} i perioden ${da(windowStart)}–${da(windowEnd)}.`,
        };
      }
      if (n < rule.count)
        return {
          dueDate: windowEnd,
          status: 'overdue',
          reason: `Kun ${n} af ${rule.count} i perioden ${da(windowStart)}–${da(windowEnd)}.`,
        };
      windowStart = windowEnd;
    }
    return { dueDate: end, status: 'met', evidence: { summary: `alle perioder til ${da(end)} opfyldt` } };
  },
  dueDate: (rule, facts, on, dueSoonDays) => cadenceObligation.evaluate(rule, facts, on, dueSoonDays).dueDate,
};

/** Hours with a Danish decimal comma, e.g. 22,5 (no Intl: this runs for every obligation). */
function fmtHours(h: number): string {
  return String(Math.round(h * 10) / 10).replace('.', ',');
}

function describeEvidence(e: Evidence): string {
  switch (e.type) {
    case 'activity_started':
      return e.kinds.map((k) => ACTIVITY_KIND_IN_SENTENCE_DA[k]).join(' eller ');
    case 'contract_signed':
      return `underskrevet ${RECORD.contract}`;
    case 'visitation_held':
      return RECORD.visitation;
    case 'contact_person_assigned':
      return RECORD['contact-person'];
    case 'enrolment':
      return e.kinds.map((k) => ENROLMENT_KIND_IN_SENTENCE_DA[k]).join(' eller ');
    case 'enrolment_ended':
      return `afslutning af ${e.kinds.map((k) => ENROLMENT_KIND_IN_SENTENCE_DA[k]).join(' og ')}`;
    case 'language_assessment':
      return RECORD['language-assessment'];
    case 'follow_up':
      return RECORD['follow-up'];
    case 'conversation':
      return RECORD.conversation;
    case 'danish_education_referred':
      return RECORD['danish-education'];
    case 'danish_education_start_possible':
      return 'en dag, hvor danskuddannelsen kan begynde';
    case 'health_assessment_offered':
      return 'tilbud om helbredsmæssig vurdering';
    case 'repatriation_notified':
      return 'underretning af rådgivningen om ønsket om at vende tilbage';
    case 'reception_step':
      return e.kinds.map((k) => RECEPTION_STEP_KIND_IN_SENTENCE_DA[k]).join(' eller ');
  }
}

/** The evidence a rule counts, for the kinds that have a list of it. */
function ruleEvidence(rule: RuleHead): readonly Evidence[] {
  const evidence = (rule as { evidence?: unknown }).evidence;
  return Array.isArray(evidence) ? (evidence as Evidence[]) : [];
}

/**
 * The part of an obligation that comes from its rule (title, kind, layer, source, interpretation)
 * with the laws it tightens: the same for the engine's output and for a row read back from
 * person_obligations (src/services/obligation-store.ts).
 */
export function obligationHead(
  c: CompiledRule,
  tightens: TightenedLaw[] | undefined,
): Pick<Obligation, 'ruleId' | 'title' | 'kind' | 'layer' | 'source' | 'interpretation' | 'tightens'> {
  return {
    ruleId: c.rule.id,
    title: c.rule.title,
    kind: c.rule.kind,
    layer: c.layer,
    source: c.rule.source,
    interpretation: c.rule.interpretation,
    tightens,
  };
}

/** The law a rule tightens, with its own status and due date for the person. */
export function tightenedLaw(t: CompiledRule, law: Pick<TightenedLaw, 'status' | 'dueDate'>): TightenedLaw {
  return { ruleId: t.rule.id, title: t.rule.title, source: t.rule.source, status: law.status, dueDate: law.dueDate };
}

/**
 * Every obligation for one person on a day. A legal rule tightened by an applicable municipal
 * rule is not listed separately: the stricter municipal rule stands for both.
 */
export function obligationsFor(
  rules: CompiledRule[],
  facts: CaseFacts,
  on: IsoDate,
  dueSoonDays: number,
  options: { includeNotApplicable?: boolean } = {},
): Obligation[] {
  const personRules = rules.filter(isPersonRule);
  const applicable = new Map<CompiledRule, string | null>(
    personRules.map((c) => [c, notApplicableReason(c.rule, facts, on)]),
  );
  const tightenedIds = new Set(
    personRules.flatMap((c) => (c.rule.tightens && applicable.get(c) === null ? c.rule.tightens : [])),
  );
  const out: Obligation[] = [];
  for (const c of personRules) {
    if (c.layer === 'national' && tightenedIds.has(c.rule.id)) continue;
    const tightens = c.tightened?.map((t): TightenedLaw => {
      const lawReason = applicable.get(t) ?? notApplicableReason(t.rule, facts, on);
      const law =
        lawReason !== null || !t.person
          ? { status: 'not_applicable' as const, dueDate: null }
          : t.person.evaluate(facts, on, dueSoonDays);
      return tightenedLaw(t, law);
    });
    const head = obligationHead(c, tightens);
    const reason = applicable.get(c);
    if (reason) {
      if (options.includeNotApplicable !== false)
        out.push({ ...head, dueDate: null, status: 'not_applicable', reason });
      continue;
    }
    const result = neverLaterThanLaw(
      c,
      facts,
      on,
      dueSoonDays,
      c.person.evaluate(facts, on, dueSoonDays),
      (law) => (applicable.get(law) ?? notApplicableReason(law.rule, facts, on)) === null,
    );
    const closure = facts.closure;
    const owed =
      closure && endedByClosure(closure, result, followsFamily(ruleEvidence(c.rule)))
        ? {
            dueDate: result.dueDate,
            status: 'not_applicable' as const,
            reason: `Sagen er afsluttet ${closure.closedOn} (${CLOSURE_REASON_IN_SENTENCE_DA[closure.reason]}).`,
          }
        : result;
    if (owed.status === 'not_applicable' && options.includeNotApplicable === false) continue;
    out.push({ ...head, ...owed });
  }
  return out;
}

/**
 * A municipal rule may only tighten the law. Should its anchor fall later than the law's for
 * some person (e.g. arrival after takeover), the law's earlier due date stands.
 */
function neverLaterThanLaw(
  c: CompiledRule,
  facts: CaseFacts,
  on: IsoDate,
  dueSoonDays: number,
  result: RuleEvaluation,
  lawApplies: (law: CompiledRule) => boolean,
): RuleEvaluation {
  if (!c.tightened || result.dueDate === null || result.status === 'not_applicable') return result;
  let due = result.dueDate;
  for (const law of c.tightened) {
    if (law.rule.kind !== c.rule.kind || !law.person || !lawApplies(law)) continue;
    const lawDue = law.person.dueDate(facts, on, dueSoonDays);
    if (lawDue && lawDue < due) due = lawDue;
  }
  if (due === result.dueDate) return result;
  if (result.status === 'met')
    return {
      ...result,
      dueDate: due,
      evidence:
        result.evidence && result.evidence.date
          ? { ...result.evidence, late: result.evidence.date > due }
          : result.evidence,
    };
  return { ...result, dueDate: due, status: statusBeforeDue(due, on, dueSoonDays) };
}

const STATUS_ORDER: Record<ObligationStatus, number> = { overdue: 0, due_soon: 1, open: 2, met: 3, not_applicable: 4 };

/** Worklist order: overdue first, then due soon, each by due date. */
export function byUrgency(
  a: Pick<Obligation, 'status' | 'dueDate'>,
  b: Pick<Obligation, 'status' | 'dueDate'>,
): number {
  const s = STATUS_ORDER[a.status] - STATUS_ORDER[b.status];
  if (s !== 0) return s;
  return (a.dueDate ?? '9999') < (b.dueDate ?? '9999') ? -1 : (a.dueDate ?? '9999') > (b.dueDate ?? '9999') ? 1 : 0;
}
