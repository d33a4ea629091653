// Who may do what: explicit authorize policies per role (in the manner of Outline's policies).
// Pure: the HTTP layer asks `can(actor, action, target)` before any service call.

export const ROLES = [
  'admin',
  'team_lead',
  'caseworker',
  'housing',
  'institution',
  'volunteer_coordinator',
  'analyst',
  'citizen',
] as const;
export type Role = (typeof ROLES)[number];

export type Action =
  | 'person.read'
  | 'person.readFullCpr'
  | 'person.search'
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
  | 'placement.mentors';

export interface Actor {
  municipalityCode: string;
  userId: string;
  userName: string;
  role: Role;
  /** For citizens: the person they are. */
  personId: string | null;
}

const STAFF_READERS: readonly Role[] = ['admin', 'team_lead', 'caseworker', 'housing', 'institution', 'volunteer_coordinator'];
const CASE_WORKERS: readonly Role[] = ['admin', 'team_lead', 'caseworker'];

const POLICY: Record<Action, readonly Role[]> = {
  'person.read': [...STAFF_READERS, 'citizen'],
  'person.readFullCpr': CASE_WORKERS,
  'person.search': STAFF_READERS,
  'person.update': CASE_WORKERS,
  'household.create': CASE_WORKERS,
  'case.write': CASE_WORKERS,
  'child.write': [...CASE_WORKERS, 'institution'],
  'accessLog.read': [...CASE_WORKERS, 'citizen'],
  'obligations.read': [...CASE_WORKERS, 'institution', 'citizen'],
  'worklist.read': CASE_WORKERS,
  'token.create': ['admin'],
  'placement.housing': ['admin', 'team_lead', 'housing'],
  'placement.daycare': ['admin', 'team_lead', 'institution'],
  'placement.school': ['admin', 'team_lead', 'institution'],
  'placement.internships': CASE_WORKERS,
  'placement.mentors': ['admin', 'team_lead', 'volunteer_coordinator'],
};

/**
 * Whether the actor may perform the action, optionally on one person. A citizen may act only on
 * their own person; the analyst sees aggregates only and is refused every personal-data action.
 */
export function can(actor: Actor, action: Action, personId?: string): boolean {
  if (!POLICY[action].includes(actor.role)) return false;
  if (actor.role === 'citizen') return personId !== undefined && personId === actor.personId;
  return true;
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
  citizen: 'Borgerens egen indsigt',
};

/** The roles a token may be created for by `token create` and POST /api/v1/tokens. */
export function requiresPerson(role: Role): boolean {
  return role === 'citizen';
}
