// The domain vocabulary: code names from shared/DOMAIN.md's glossary, and the rules that follow
// from a person's own data (program, household shape). Pure: no I/O.

import { ageOn, compareDates, isIsoDate, type IsoDate } from './dates.js';
import { parseCpr, type CprProblemCode } from './cpr.js';

export const SEXES = ['female', 'male', 'other'] as const;
export type Sex = (typeof SEXES)[number];

/** opholdsgrundlag */
export const RESIDENCE_BASES = [
  'spontaneous_refugee',
  'quota_refugee',
  'family_reunified',
  'accompanying_child',
  'other',
] as const;
export type ResidenceBasis = (typeof RESIDENCE_BASES)[number];

/** A member's relation to the head of the household. */
export const HOUSEHOLD_RELATIONS = ['head', 'spouse', 'child', 'other'] as const;
export type HouseholdRelation = (typeof HOUSEHOLD_RELATIONS)[number];

/** selvforsørgelses- og hjemrejseprogram / introduktionsprogram */
export const PROGRAMS = ['self_support_and_return', 'introduction'] as const;
export type Program = (typeof PROGRAMS)[number];

/** tilbud / aktivitet */
export const ACTIVITY_KINDS = [
  'danish_education',
  'company_internship',
  'wage_subsidy',
  'igu',
  'ordinary_job',
  'education',
  'health',
  'other',
] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

export const CONVERSATION_KINDS = ['contract_follow_up', 'visitation', 'other'] as const;
export type ConversationKind = (typeof CONVERSATION_KINDS)[number];

// Appointments (aftaler, issue 13; the logic is in appointments.ts)
/** What the meeting is for. */
export const APPOINTMENT_PURPOSES = [
  'contract_follow_up',
  'visitation',
  'family_follow_up',
  'health_assessment',
  'other',
] as const;
export type AppointmentPurpose = (typeof APPOINTMENT_PURPOSES)[number];

export const APPOINTMENT_STATUSES = ['planned', 'held', 'no_show', 'cancelled'] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];

/** Where: an address to come to, a phone call, a video meeting. */
export const PLACE_KINDS = ['address', 'phone', 'video'] as const;
export type PlaceKind = (typeof PLACE_KINDS)[number];

/** dagtilbud, skole, modtageklasse, SFO */
export const ENROLMENT_KINDS = ['daycare', 'school', 'reception_class', 'sfo'] as const;
export type EnrolmentKind = (typeof ENROLMENT_KINDS)[number];

/** Outcome of a sprogvurdering: generel, fokuseret or særlig indsats. */
export const LANGUAGE_ASSESSMENT_RESULTS = ['general', 'focused', 'special'] as const;
export type LanguageAssessmentResult = (typeof LANGUAGE_ASSESSMENT_RESULTS)[number];

/** opfølgning: on the integration contract (§ 20), yearly, or of the whole family later. */
export const FOLLOW_UP_KINDS = ['contract', 'yearly', 'family'] as const;
export type FollowUpKind = (typeof FOLLOW_UP_KINDS)[number];

/** helbredsmæssig vurdering (integrationsloven § 15 d): the concrete assessment of need, or the offer. */
export const HEALTH_ASSESSMENT_KINDS = ['need_assessed', 'offered'] as const;
export type HealthAssessmentKind = (typeof HEALTH_ASSESSMENT_KINDS)[number];

/** repatriering (repatrieringsloven § 5): a wish to return, or the notice of it to the advising organisation. */
export const REPATRIATION_NOTICE_KINDS = ['wish', 'notification'] as const;
export type RepatriationNoticeKind = (typeof REPATRIATION_NOTICE_KINDS)[number];

/**
 * A step of the reception (modtagelse) and the first years a policy commits to, recorded on the
 * day it was taken (issue 12): informing of rights and duties, an individual reception programme,
 * an introduction to the local area, information on associations and volunteer offers and help to
 * join one, an assessment of the need for special offers, health orientation, information on the
 * local business structure, on where to turn for help, and on the municipality's offers to the
 * elderly. One closed vocabulary; the Danish terms are in glossary.ts.
 */
export const RECEPTION_STEP_KINDS = [
  'rights_and_duties_information',
  'reception_program',
  'local_area_introduction',
  'association_information',
  'association_participation_help',
  'special_needs_assessment',
  'health_orientation',
  'business_structure_information',
  'help_contacts_information',
  'elderly_offers_information',
] as const;
export type ReceptionStepKind = (typeof RECEPTION_STEP_KINDS)[number];

export const CONTRACT_GOAL_KINDS = ['employment', 'education'] as const;
export type ContractGoalKind = (typeof CONTRACT_GOAL_KINDS)[number];

export const ADULT_AGE = 18;

/**
 * Tosproget: another mother tongue than Danish. A newly arrived child whose languages are not
 * recorded yet counts as bilingual. The one definition: obligations and placement caps use it.
 */
export function isBilingual(languages: readonly string[]): boolean {
  return languages.length === 0 || languages.some((l) => l !== 'da');
}

/**
 * The program a person follows (integrationsloven § 16 ff.): refugees and persons
 * family-reunified to refugees aged 18+ follow the self-support and return program; other
 * adults the introduction program; children follow none.
 */
export function programFor(residenceBasis: ResidenceBasis, birthDate: IsoDate, takeoverDate: IsoDate): Program | null {
  if (ageOn(birthDate, takeoverDate) < ADULT_AGE) return null;
  return residenceBasis === 'other' ? 'introduction' : 'self_support_and_return';
}

export interface NewMember {
  givenName: string;
  familyName: string;
  birthDate: IsoDate;
  sex: Sex;
  cpr?: string | undefined;
  residenceBasis: ResidenceBasis;
  relation: HouseholdRelation;
}

/** What is wrong with a household as given: a stable code (pages and clients map it); the detail is English, for developers. */
export type HouseholdProblemCode =
  | 'household.head_count'
  | 'household.spouse_count'
  | 'arrival_date.in_future'
  | 'birth_date.in_future'
  | 'birth_date.too_old'
  | CprProblemCode
  | 'cpr.birth_date_mismatch'
  | 'cpr.duplicate_in_household';

export interface HouseholdProblem {
  /** JSON pointer into the request body, e.g. /members/1/cpr */
  pointer: string;
  code: HouseholdProblemCode;
  detail: string;
}

/**
 * Checks a household as a caseworker would before registering it: exactly one head, at most
 * one spouse, birth dates not in the future and before takeover, and each CPR number valid and
 * agreeing with the birth date given.
 */
export function checkNewHousehold(
  input: { takeoverDate: IsoDate; arrivalDate?: IsoDate | undefined; members: NewMember[] },
  today: IsoDate,
): HouseholdProblem[] {
  const problems: HouseholdProblem[] = [];
  const heads = input.members.filter((m) => m.relation === 'head').length;
  if (heads !== 1)
    problems.push({
      pointer: '/members',
      code: 'household.head_count',
      detail: `A household has exactly one head; this one has ${heads}.`,
    });
  const spouses = input.members.filter((m) => m.relation === 'spouse').length;
  if (spouses > 1)
    problems.push({
      pointer: '/members',
      code: 'household.spouse_count',
      detail: `A household has at most one spouse of the head; this one has ${spouses}.`,
    });
  if (input.arrivalDate && isIsoDate(input.arrivalDate) && compareDates(input.arrivalDate, today) > 0) {
    problems.push({
      pointer: '/arrivalDate',
      code: 'arrival_date.in_future',
      detail: 'The arrival date lies in the future.',
    });
  }
  const seen = new Set<string>();
  input.members.forEach((m, i) => {
    problems.push(...memberProblems(m, `/members/${i}`, today, seen));
  });
  return problems;
}

/**
 * A member's own checks, at `at` (a JSON pointer prefix): birth date not in the future nor more
 * than 130 years ago, a CPR number valid and agreeing with the birth date, and not the same as
 * another member's (`seen`, the normalized numbers so far; the member's is added).
 */
function memberProblems(m: NewMember, at: string, today: IsoDate, seen: Set<string>): HouseholdProblem[] {
  const problems: HouseholdProblem[] = [];
  // Robust to unchecked input (a form with other errors): date checks only on real dates.
  const validBirth = isIsoDate(m.birthDate);
  if (validBirth && compareDates(m.birthDate, today) > 0)
    problems.push({
      pointer: `${at}/birthDate`,
      code: 'birth_date.in_future',
      detail: 'The birth date lies in the future.',
    });
  if (validBirth && ageOn(m.birthDate, today) > 130)
    problems.push({
      pointer: `${at}/birthDate`,
      code: 'birth_date.too_old',
      detail: 'The birth date is more than 130 years ago.',
    });
  if (m.cpr !== undefined && m.cpr !== '') {
    const parsed = parseCpr(m.cpr);
    if (!parsed.ok) {
      problems.push({ pointer: `${at}/cpr`, code: parsed.code, detail: parsed.reason });
    } else {
      if (validBirth && parsed.value.birthDate !== m.birthDate) {
        problems.push({
          pointer: `${at}/cpr`,
          code: 'cpr.birth_date_mismatch',
          detail: `The CPR number gives the birth date ${parsed.value.birthDate}, but the birth date given is ${m.birthDate}.`,
        });
      }
      if (seen.has(parsed.value.normalized))
        problems.push({
          pointer: `${at}/cpr`,
          code: 'cpr.duplicate_in_household',
          detail: 'The same CPR number is given for two members.',
        });
      seen.add(parsed.value.normalized);
    }
  }
  return problems;
}

/**
 * A member who joins an existing household later (a spouse by family reunification, a child born
 * or arriving later), checked as a member of a new household is, and against the household as it
 * is: a household keeps exactly one head and at most one spouse of the head. Pointers are the
 * member's own fields (/relation, /birthDate, /cpr, /arrivalDate).
 */
export function checkNewMember(
  member: NewMember & { arrivalDate?: IsoDate | undefined },
  existingRelations: readonly string[],
  today: IsoDate,
): HouseholdProblem[] {
  const problems: HouseholdProblem[] = [];
  if (member.relation === 'head' && existingRelations.includes('head'))
    problems.push({
      pointer: '/relation',
      code: 'household.head_count',
      detail: 'The household has its head already.',
    });
  if (member.relation === 'spouse' && existingRelations.includes('spouse'))
    problems.push({
      pointer: '/relation',
      code: 'household.spouse_count',
      detail: 'The head of the household has a spouse registered already.',
    });
  if (member.arrivalDate && isIsoDate(member.arrivalDate) && compareDates(member.arrivalDate, today) > 0)
    problems.push({
      pointer: '/arrivalDate',
      code: 'arrival_date.in_future',
      detail: 'The arrival date lies in the future.',
    });
  problems.push(...memberProblems(member, '', today, new Set()));
  return problems;
}
