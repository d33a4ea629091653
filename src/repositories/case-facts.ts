// Case facts for the obligations engine, loaded set-at-a-time: one query per record type for
// all the persons asked for (a whole municipality for the worklist), grouped in memory.
import type { CaseFacts } from '../domain/obligations.js';
import type { Tx } from '../db/tenant.js';

export interface FactsFilter {
  /** Only these persons (a person page); absent for the whole municipality. */
  personIds?: string[];
  /** Only persons whose current contact person is this user. */
  contactPersonUserId?: string;
}

export async function loadCaseFacts(tx: Tx, filter: FactsFilter = {}): Promise<Map<string, CaseFacts & { givenName: string; familyName: string; contactPerson: { userId: string; name: string } | null }>> {
  let personsQuery = tx
    .selectFrom('persons as p')
    .leftJoin('contact_person_assignments as cp', (j) => j.onRef('cp.municipality_code', '=', 'p.municipality_code').onRef('cp.person_id', '=', 'p.id').on('cp.to_date', 'is', null))
    .leftJoin('users as u', (j) => j.onRef('u.municipality_code', '=', 'cp.municipality_code').onRef('u.id', '=', 'cp.user_id'))
    .select(['p.id', 'p.given_name', 'p.family_name', 'p.birth_date', 'p.takeover_date', 'p.arrival_date', 'p.residence_basis', 'p.program', 'p.household_relation', 'p.languages', 'cp.user_id', 'u.name as contact_name']);
  if (filter.personIds) personsQuery = personsQuery.where('p.id', 'in', filter.personIds.length ? filter.personIds : ['00000000-0000-0000-0000-000000000000']);
  if (filter.contactPersonUserId) personsQuery = personsQuery.where('cp.user_id', '=', filter.contactPersonUserId);
  const persons = await personsQuery.execute();

  const facts = new Map<string, CaseFacts & { givenName: string; familyName: string; contactPerson: { userId: string; name: string } | null }>();
  for (const p of persons) {
    facts.set(p.id, {
      personId: p.id, givenName: p.given_name, familyName: p.family_name, birthDate: p.birth_date, takeoverDate: p.takeover_date,
      arrivalDate: p.arrival_date, residenceBasis: p.residence_basis, program: p.program, relation: p.household_relation, languages: p.languages,
      contactPerson: p.user_id ? { userId: p.user_id, name: p.contact_name ?? '' } : null,
      activities: [], conversations: [], contractSignedOn: null, visitationHeldOn: null, contactPersons: [], enrolments: [], languageAssessments: [], followUps: [],
    });
  }
  if (facts.size === 0) return facts;
  // For a whole municipality the child tables are read whole (RLS scopes them to the tenant);
  // for a few persons they are filtered by id.
  const ids = filter.personIds || filter.contactPersonUserId ? [...facts.keys()] : null;
  const scoped = <Q extends { where: (...a: any[]) => Q }>(q: Q): Q => (ids ? q.where('person_id', 'in', ids) : q);

  const [activities, conversations, contracts, visitations, contacts, enrolments, assessments, followUps] = await Promise.all([
    scoped(tx.selectFrom('activities').select(['id', 'person_id', 'kind', 'start_date', 'end_date', 'hours_per_week'])).execute(),
    scoped(tx.selectFrom('conversations').select(['id', 'person_id', 'held_on', 'kind', 'repatriation_guidance'])).execute(),
    scoped(tx.selectFrom('contracts').select(['person_id', 'signed_on'])).execute(),
    scoped(tx.selectFrom('visitations').select(['person_id', 'held_on'])).execute(),
    scoped(tx.selectFrom('contact_person_assignments').select(['person_id', 'from_date', 'to_date'])).execute(),
    scoped(tx.selectFrom('enrolments').select(['id', 'person_id', 'kind', 'start_date', 'end_date'])).execute(),
    scoped(tx.selectFrom('language_assessments').select(['id', 'person_id', 'assessed_on'])).execute(),
    scoped(tx.selectFrom('follow_ups').select(['id', 'person_id', 'held_on', 'kind'])).execute(),
  ]);
  for (const a of activities) facts.get(a.person_id)?.activities.push({ id: a.id, kind: a.kind, startDate: a.start_date, endDate: a.end_date, hoursPerWeek: Number(a.hours_per_week) });
  for (const c of conversations) facts.get(c.person_id)?.conversations.push({ id: c.id, date: c.held_on, kind: c.kind, repatriationGuidance: c.repatriation_guidance });
  for (const c of contracts) { const f = facts.get(c.person_id); if (f) f.contractSignedOn = c.signed_on; }
  for (const v of visitations) { const f = facts.get(v.person_id); if (f) f.visitationHeldOn = v.held_on; }
  for (const c of contacts) facts.get(c.person_id)?.contactPersons.push({ from: c.from_date, to: c.to_date });
  for (const e of enrolments) facts.get(e.person_id)?.enrolments.push({ id: e.id, kind: e.kind, startDate: e.start_date, endDate: e.end_date });
  for (const l of assessments) facts.get(l.person_id)?.languageAssessments.push({ id: l.id, date: l.assessed_on });
  for (const f of followUps) facts.get(f.person_id)?.followUps.push({ id: f.id, date: f.held_on, kind: f.kind });
  return facts;
}
