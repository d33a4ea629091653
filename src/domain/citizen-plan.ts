// The citizen's own plan in plain words (issue 14): which plain step an obligation is for the
// person it concerns ("Du skal begynde på danskuddannelse senest 28. marts"), whether it is done,
// and which of a parent's household members the citizen pages show (their children under 18).
// Pure: the step kinds are codes; the web pages and the API put them into the citizen's language.
import { ageOn } from './dates.js';
import type { ObligationStatus } from './glossary.js';
import type { RuleKindName } from './rules.js';

export const CITIZEN_STEP_KINDS = [
  'contract',
  'visitation',
  'contactPerson',
  'danishStart',
  'danishReferral',
  'companyOffer',
  'firstOffers',
  'hours37',
  'followUp',
  'familyFollowUp',
  'repatriationTalk',
  'repatriationNotice',
  'health',
  'daycare',
  'school',
  'receptionClass',
  'receptionClassEnd',
  'sfo',
  'languageAssessment',
  'rightsInfo',
  'reception',
  'other',
] as const;
export type CitizenStepKind = (typeof CITIZEN_STEP_KINDS)[number];

/** Steps with no date of their own: a rule that holds all along (37 hours, every conversation). */
export const DATELESS_STEPS: ReadonlySet<CitizenStepKind> = new Set(['hours37', 'repatriationTalk']);

/** The part of a rule the plain step is read from: its kind and what counts as done. */
export interface StepRule {
  kind: RuleKindName;
  evidence?: unknown;
}

interface EvidenceLike {
  type?: unknown;
  kinds?: unknown;
}

function evidenceOf(rule: StepRule): EvidenceLike[] {
  const e = rule.evidence;
  if (Array.isArray(e)) return e.filter((x): x is EvidenceLike => typeof x === 'object' && x !== null);
  return [];
}

function kindsOf(e: EvidenceLike): string[] {
  return Array.isArray(e.kinds) ? e.kinds.filter((k): k is string => typeof k === 'string') : [];
}

/** The plain step a rule is for the person. */
export function citizenStepOf(rule: StepRule): CitizenStepKind {
  if (rule.kind === 'weekly_hours') return 'hours37';
  if (rule.kind === 'every_conversation') return 'repatriationTalk';
  if (rule.kind === 'presence') return rule.evidence === 'daycare_enrolment' ? 'daycare' : 'contactPerson';
  const all = evidenceOf(rule);
  const types = new Set(all.map((e) => e.type));
  const kinds = new Set(all.flatMap(kindsOf));
  if (types.has('activity_started')) {
    const danish = kinds.has('danish_education');
    const company = ['company_internship', 'wage_subsidy', 'igu', 'ordinary_job'].some((k) => kinds.has(k));
    if (danish && company) return 'firstOffers';
    return danish ? 'danishStart' : company ? 'companyOffer' : 'firstOffers';
  }
  if (types.has('contract_signed')) return 'contract';
  if (types.has('visitation_held')) return 'visitation';
  if (types.has('contact_person_assigned')) return 'contactPerson';
  if (types.has('danish_education_start_possible')) return 'danishStart';
  if (types.has('danish_education_referred')) return 'danishReferral';
  if (types.has('health_assessment_offered')) return 'health';
  if (types.has('repatriation_notified')) return 'repatriationNotice';
  if (types.has('language_assessment')) return 'languageAssessment';
  if (types.has('enrolment_ended')) return 'receptionClassEnd';
  if (types.has('enrolment')) {
    if (kinds.has('reception_class')) return 'receptionClass';
    if (kinds.has('sfo')) return 'sfo';
    if (kinds.has('school')) return 'school';
    return 'daycare';
  }
  if (types.has('follow_up') || types.has('conversation')) return kinds.has('family') ? 'familyFollowUp' : 'followUp';
  if (types.has('reception_step')) return kinds.has('rights_and_duties_information') ? 'rightsInfo' : 'reception';
  return 'other';
}

/** Where a step goes on the plan: still to do, done, or not shown (not applicable). */
export function stepGroup(status: ObligationStatus): 'next' | 'done' | null {
  if (status === 'met') return 'done';
  if (status === 'not_applicable') return null;
  return 'next';
}

/** A member of the citizen's household as the pages consider them. */
export interface HouseholdMember {
  id: string;
  birthDate: string;
  relation: string;
}

/**
 * The children a citizen sees on the Børn page: a parent (the head of the household or the spouse)
 * sees the household's children under 18; anyone else sees none. A child signed in sees no one.
 */
export function childrenShownTo(citizen: HouseholdMember, members: readonly HouseholdMember[], today: string) {
  if (citizen.relation !== 'head' && citizen.relation !== 'spouse') return [];
  return members.filter(
    (m) => m.id !== citizen.id && m.relation === 'child' && m.birthDate <= today && ageOn(m.birthDate, today) < 18,
  );
}
