// The citizen's own pages and GET /api/v1/me (issue 14): the views hold codes and values (a plain
// step's kind, dates, purposes), never Danish staff text, so that the pages and the API put them
// into the citizen's language. Each registers the person it shows: the citizen, or a child on Børn.
import { danishTimestamp } from '../../domain/appointments.js';
import { citizenStepOf, DATELESS_STEPS, stepGroup, type CitizenStepKind } from '../../domain/citizen-plan.js';
import { sourceShortDa } from '../../domain/glossary.js';
import type { Obligation } from '../../domain/obligations.js';
import type { Rule } from '../../policy/schema.js';
import type { AppointmentRow } from '../../repositories/appointments.js';
import type { Disclosure } from '../disclosure.js';

export interface CitizenRecord {
  id: string;
  given_name: string;
  family_name: string;
  program: string | null;
  municipality_code: string;
}

/** Who the page is for (the heading and the greeting). */
export function presentMe(p: CitizenRecord, shown: Disclosure) {
  return {
    personId: shown.person(p.id),
    givenName: p.given_name,
    familyName: p.family_name,
    municipalityCode: p.municipality_code,
    program: p.program,
  };
}
export type MeView = ReturnType<typeof presentMe>;

/** A plain step from one obligation of the person. */
export function presentStep(o: Obligation, rule: Rule | undefined, personId: string, shown: Disclosure) {
  shown.person(personId);
  const kind: CitizenStepKind = rule ? citizenStepOf(rule) : 'other';
  return {
    kind,
    dueDate: DATELESS_STEPS.has(kind) ? null : o.dueDate,
    status: o.status,
    late: o.status === 'overdue',
    layer: o.layer === 'national' ? ('law' as const) : ('policy' as const),
    source: sourceShortDa(o.source),
    ruleId: o.ruleId,
  };
}
export type StepView = ReturnType<typeof presentStep>;

/** The person's obligations as plain steps: what is next (most urgent first) and what is done. */
export function presentSteps(
  obligations: readonly Obligation[],
  rules: ReadonlyMap<string, Rule>,
  personId: string,
  shown: Disclosure,
) {
  const next: StepView[] = [];
  const done: StepView[] = [];
  const seen = new Set<string>();
  for (const o of obligations) {
    const group = stepGroup(o.status);
    if (!group) continue;
    const step = presentStep(o, rules.get(o.ruleId), personId, shown);
    // Two rules can say the same plain thing (the law and the policy that tightens it): once each.
    const key = `${group}:${step.kind}:${step.dueDate ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    (group === 'next' ? next : done).push(step);
  }
  return { next, done };
}

/** An appointment as the citizen sees it: when, where, with whom, interpreter. */
export function presentCitizenAppointment(row: AppointmentRow, shown: Disclosure) {
  return {
    id: row.id,
    personId: shown.person(row.person_id),
    startsAt: danishTimestamp(row.starts_at),
    endsAt: danishTimestamp(new Date(row.starts_at.getTime() + row.duration_minutes * 60_000)),
    durationMinutes: row.duration_minutes,
    purpose: row.purpose,
    placeKind: row.place_kind,
    place: row.place,
    with: row.caseworker_name,
    interpreterLanguage: row.interpreter_language,
  };
}
export type CitizenAppointmentView = ReturnType<typeof presentCitizenAppointment>;

export interface ActivityRecord {
  id: string;
  kind: string;
  start_date: string;
  end_date: string | null;
  hours_per_week: number | string;
  provider: string | null;
}

export function presentCitizenActivity(row: ActivityRecord, personId: string, shown: Disclosure) {
  shown.person(personId);
  return {
    id: row.id,
    kind: row.kind,
    startDate: row.start_date,
    endDate: row.end_date,
    hoursPerWeek: Number(row.hours_per_week),
    provider: row.provider,
  };
}
export type CitizenActivityView = ReturnType<typeof presentCitizenActivity>;

export interface ChildRecord {
  id: string;
  given_name: string;
  family_name: string;
  birth_date: string;
}

/** A child on the Børn page: their institutions, language assessments and next steps. Registers the child. */
export function presentChild(
  child: ChildRecord,
  age: number,
  records: {
    enrolments: { kind: string; institution_name: string | null; start_date: string; end_date: string | null }[];
    languageAssessments: { assessed_on: string; result: string }[];
  },
  steps: { next: StepView[]; done: StepView[] },
  shown: Disclosure,
) {
  return {
    personId: shown.person(child.id, 'children'),
    givenName: child.given_name,
    familyName: child.family_name,
    age,
    enrolments: records.enrolments.map((e) => ({
      kind: e.kind,
      institution: e.institution_name,
      startDate: e.start_date,
      endDate: e.end_date,
    })),
    languageAssessments: records.languageAssessments.map((a) => ({ date: a.assessed_on, result: a.result })),
    next: steps.next,
  };
}
export type ChildView = ReturnType<typeof presentChild>;
