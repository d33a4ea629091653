// Who may do what, and whom: explicit authorize policies per role (in the manner of Outline's
// policies). Pure. A service asks `can(actor, action)` before it opens a transaction, and
// `canOnPerson(actor, action, person, today)` on the loaded record before it shows or changes
// anything of that person. ARCHITECTURE.md ("Who sees what") is the table this file implements.
import { addDays, ageOn } from './dates.js';
import type { RegistryArea } from './registries.js';

export const ROLES = [
  'admin',
  'team_lead',
  'caseworker',
  'housing',
  'institution',
  'volunteer_coordinator',
  'analyst',
  // The secretariat of the committees and the integration council: the governance cycle, never a person.
  'secretariat',
  'citizen',
  // The company consultant (virksomhedskonsulent): companies, positions and internship placements.
  'company_consultant',
] as const;
export type Role = (typeof ROLES)[number];

export type Action =
  | 'person.read'
  | 'person.readFullCpr'
  | 'person.search'
  | 'person.searchByCpr'
  | 'person.update'
  | 'household.create'
  | 'case.write' // visitation, contract, contact person, activities, conversations, follow-ups
  | 'child.write' // enrolments, language assessments
  | 'accessLog.read'
  | 'obligations.read'
  | 'worklist.read'
  | 'token.create'
  // Placement plans, per kind: run (solve and store a draft), read, accept or reject proposals.
  | 'placement.housing'
  | 'placement.daycare'
  | 'placement.school'
  | 'placement.internships'
  | 'placement.mentors'
  // The municipality as a whole, never a person: indicators and the annual report (aggregates
  // under disclosure control), the governance cycle (worklist and records).
  | 'indicators.read'
  | 'governance.read'
  | 'governance.write'
  // The registries the placements read (towns, housing units, institutions, companies and
  // positions, volunteers and associations), per area of work: read, and create, change, delete
  // or import. A household's facts for placement (income, needs, wishes): read and change.
  | `registry.${RegistryArea}.read`
  | `registry.${RegistryArea}.write`
  | 'household.facts.read'
  | 'household.facts.write';

export interface Actor {
  municipalityCode: string;
  userId: string;
  userName: string;
  role: Role;
  /** For citizens: the person they are. */
  personId: string | null;
}

/** The staff who hold the case (integrationsloven): the whole case file, every person. */
const CASE_WORKERS: readonly Role[] = ['team_lead', 'caseworker'];
/** Staff who place families: a few identity fields of the persons their work concerns. */
const PLACERS: readonly Role[] = ['housing', 'institution', 'volunteer_coordinator', 'company_consultant'];

/** Who records the governance cycle (hearings, meetings, reports): the secretariat, the team lead and the administrator. */
const GOVERNORS: readonly Role[] = ['secretariat', 'team_lead', 'admin'];

// The administrator runs Medborger (tokens, integration clients) and sees no person: no case
// work needs it. The analyst sees aggregates only. See ARCHITECTURE.md, "Who sees what".
const POLICY: Record<Action, readonly Role[]> = {
  'person.read': [...CASE_WORKERS, ...PLACERS, 'citizen'],
  'person.readFullCpr': CASE_WORKERS,
  'person.search': [...CASE_WORKERS, ...PLACERS],
  'person.searchByCpr': CASE_WORKERS,
  'person.update': CASE_WORKERS,
  'household.create': CASE_WORKERS,
  'case.write': CASE_WORKERS,
  'child.write': [...CASE_WORKERS, 'institution'],
  'accessLog.read': [...CASE_WORKERS, 'citizen'],
  'obligations.read': [...CASE_WORKERS, 'institution', 'citizen'],
  'worklist.read': CASE_WORKERS,
  'token.create': ['admin'],
  'placement.housing': ['team_lead', 'housing'],
  'placement.daycare': ['team_lead', 'institution'],
  'placement.school': ['team_lead', 'institution'],
  'placement.internships': [...CASE_WORKERS, 'company_consultant'],
  'placement.mentors': ['team_lead', 'volunteer_coordinator'],
  'indicators.read': [...GOVERNORS, 'analyst', 'caseworker'],
  'governance.read': [...GOVERNORS, 'analyst'],
  'governance.write': GOVERNORS,
  // Towns are the frame of every placement: every staff role that places or holds a case reads
  // them; the housing coordinator, the team lead and the administrator keep them.
  'registry.towns.read': [...CASE_WORKERS, ...PLACERS, 'admin'],
  'registry.towns.write': ['team_lead', 'housing', 'admin'],
  'registry.housing.read': [...CASE_WORKERS, 'housing'],
  'registry.housing.write': ['team_lead', 'housing'],
  'registry.institutions.read': [...CASE_WORKERS, 'institution', 'housing'],
  'registry.institutions.write': ['team_lead', 'institution'],
  'registry.companies.read': [...CASE_WORKERS, 'company_consultant'],
  'registry.companies.write': ['team_lead', 'company_consultant'],
  // Volunteers are persons: only who matches them with families (and the case workers) see them.
  'registry.volunteers.read': [...CASE_WORKERS, 'volunteer_coordinator'],
  'registry.volunteers.write': ['team_lead', 'volunteer_coordinator'],
  'household.facts.read': [...CASE_WORKERS, 'housing'],
  'household.facts.write': [...CASE_WORKERS, 'housing'],
};

/**
 * Whether the role may perform the action at all (before any record is loaded). A citizen may
 * act only on their own person; the analyst and the administrator are refused every
 * personal-data action. On a loaded person, `canOnPerson` decides.
 */
export function can(actor: Actor, action: Action, personId?: string): boolean {
  if (!POLICY[action].includes(actor.role)) return false;
  if (actor.role === 'citizen') return personId !== undefined && personId === actor.personId;
  return true;
}

/** What the policy needs to know of a loaded person to decide whether a role's work reaches them. */
export interface PersonScope {
  id: string;
  birthDate: string;
  household: {
    /** none yet, temporary or permanent housing */
    housingStatus: string;
    takeoverDate: string;
    /** a mentorship of the household or a member that has not ended */
    currentMentorship: boolean;
  };
}

/** Households taken over this recently are offered a mentor (as the mentor round looks for them). */
export const MENTEE_WINDOW_DAYS = 730;

/**
 * Adults taken over this recently are the company consultant's: the programme runs within five
 * years ("det femårige … program, jf. integrationslovens § 16, stk. 8", BEK 1307/2020 kapitel 4),
 * and company-based offers are part of it.
 */
export const PROGRAMME_WINDOW_DAYS = 1826;

/**
 * The persons a role's work reaches (the rows of the matrix): the case workers every person of
 * the municipality; the housing coordinator the members of households without permanent housing;
 * the institution children under 18; the volunteer coordinator the members of households
 * recently taken over or with a current mentorship; a citizen themselves; nobody else anyone.
 */
export function reaches(actor: Actor, person: PersonScope, today: string): boolean {
  if (reachesEveryone(actor.role)) return true;
  switch (actor.role) {
    case 'team_lead':
    case 'caseworker':
      return true;
    case 'housing':
      return person.household.housingStatus !== 'permanent';
    case 'institution':
      return person.birthDate <= today && ageOn(person.birthDate, today) < 18;
    case 'volunteer_coordinator':
      return person.household.currentMentorship || person.household.takeoverDate >= addDays(today, -MENTEE_WINDOW_DAYS);
    case 'company_consultant':
      return (
        person.birthDate <= today &&
        ageOn(person.birthDate, today) >= 18 &&
        person.household.takeoverDate >= addDays(today, -PROGRAMME_WINDOW_DAYS)
      );
    case 'citizen':
      return actor.personId === person.id;
    case 'admin':
    case 'analyst':
    case 'secretariat':
      return false;
  }
}

/** The case workers' work reaches every person of the municipality; every other role's a part or nobody. */
export function reachesEveryone(role: Role): boolean {
  return role === 'team_lead' || role === 'caseworker';
}

/** Whether the actor may perform the action on this loaded person. */
export function canOnPerson(actor: Actor, action: Action, person: PersonScope, today: string): boolean {
  return can(actor, action, person.id) && reaches(actor, person, today);
}

/**
 * The fields of a person each role sees (the columns of the matrix): the whole case; a child's
 * enrolments and language assessments; or the identity a placement needs (name, birth date, sex,
 * household, languages, country of origin, dates), never the CPR number.
 */
export type PersonFields = 'case' | 'children' | 'identity';

export const PERSON_FIELDS: Record<Role, PersonFields | null> = {
  team_lead: 'case',
  caseworker: 'case',
  citizen: 'case',
  institution: 'children',
  housing: 'identity',
  volunteer_coordinator: 'identity',
  company_consultant: 'identity',
  admin: null,
  analyst: null,
  secretariat: null,
};

/** Whether the role sees the masked CPR number (DDMMYY-xxxx) at all. */
export function seesMaskedCpr(role: Role): boolean {
  return role === 'team_lead' || role === 'caseworker' || role === 'citizen';
}

/** The purpose recorded in the access log when a request names none (X-Purpose). */
export const DEFAULT_PURPOSE: Record<Role, string> = {
  admin: 'Administration af Medborger',
  team_lead: 'Ledelse og fordeling af sager',
  caseworker: 'Sagsbehandling efter integrationsloven',
  housing: 'Boligplacering',
  institution: 'Indskrivning i dagtilbud og skole',
  volunteer_coordinator: 'Match med frivillige og foreninger',
  analyst: 'Statistik og indikatorer',
  secretariat: 'Sekretariatsbetjening af udvalg og integrationsråd',
  citizen: 'Borgerens egen indsigt',
  company_consultant: 'Virksomhedsrettede tilbud og praktikpladser',
};

/** The roles a token may be created for by `token create` and POST /api/v1/tokens. */
export function requiresPerson(role: Role): boolean {
  return role === 'citizen';
}
