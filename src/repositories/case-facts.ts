// Case facts for the obligations engine, loaded set-at-a-time: ONE query for all the persons
// asked for (a whole municipality for the worklist), each person's records aggregated to JSON
// arrays by the database. One row per person keeps the embedded engine's per-row cost low and
// lets PostgreSQL use the (municipality_code, person_id) indexes. Correlated subqueries, not
// joins, so the plan stays per-person index lookups even where statistics are missing.
import { sql } from 'kysely';
import type { ClosureReason } from '../domain/closure.js';
import type { CaseFacts } from '../domain/obligations.js';
import type { Tx } from '../db/tenant.js';

export interface FactsFilter {
  /** Only these persons (a person page); absent for the whole municipality. */
  personIds?: string[];
  /** Only persons whose current contact person is this user. */
  contactPersonUserId?: string;
}

export type PersonFacts = CaseFacts & {
  givenName: string;
  familyName: string;
  contactPerson: { userId: string; name: string } | null;
};

interface Row {
  id: string;
  given_name: string;
  family_name: string;
  birth_date: string;
  takeover_date: string;
  arrival_date: string | null;
  residence_basis: string;
  program: string | null;
  household_relation: string;
  languages: string[];
  contact: [string, string] | null;
  contract_signed_on: string | null;
  visitation_held_on: string | null;
  activities: [string, string, string, string | null, number][];
  conversations: [string, string, string, boolean][];
  contact_persons: [string, string | null][];
  enrolments: [string, string, string, string | null][];
  assessments: [string, string][];
  follow_ups: [string, string, string][];
  danish_educations: [string, string, string | null, string | null][];
  health_assessments: [string, string, string, boolean | null, boolean | null][];
  repatriation_notices: [string, string, string][];
  labour_market: [string, string, string | null][];
  reception_steps: [string, string, string][];
  /** [closed_on, reason, another member of the household has no closure] */
  closure: [string, string, boolean] | null;
}

const agg = (table: string, columns: string) =>
  sql.raw(
    `(SELECT coalesce(json_agg(json_build_array(${columns})), '[]'::json) FROM ${table} x WHERE x.municipality_code = p.municipality_code AND x.person_id = p.id)`,
  );

export async function loadCaseFacts(tx: Tx, filter: FactsFilter = {}): Promise<Map<string, PersonFacts>> {
  const where = [sql`true`];
  if (filter.personIds) where.push(filter.personIds.length ? sql`p.id IN (${sql.join(filter.personIds)})` : sql`false`);
  if (filter.contactPersonUserId) {
    where.push(
      sql`EXISTS (SELECT 1 FROM contact_person_assignments f WHERE f.municipality_code = p.municipality_code AND f.person_id = p.id AND f.to_date IS NULL AND f.user_id = ${filter.contactPersonUserId})`,
    );
  }
  const { rows } = await sql<Row>`
    SELECT p.id, p.given_name, p.family_name, p.birth_date, p.takeover_date, p.arrival_date, p.residence_basis, p.program,
           p.household_relation, p.languages,
           (SELECT json_build_array(cp.user_id, u.name) FROM contact_person_assignments cp
              JOIN users u ON u.municipality_code = cp.municipality_code AND u.id = cp.user_id
             WHERE cp.municipality_code = p.municipality_code AND cp.person_id = p.id AND cp.to_date IS NULL) AS contact,
           (SELECT c.signed_on FROM contracts c WHERE c.municipality_code = p.municipality_code AND c.person_id = p.id) AS contract_signed_on,
           (SELECT v.held_on FROM visitations v WHERE v.municipality_code = p.municipality_code AND v.person_id = p.id) AS visitation_held_on,
           ${agg('activities', 'x.id, x.kind, x.start_date, x.end_date, x.hours_per_week')} AS activities,
           ${agg('conversations', 'x.id, x.held_on, x.kind, x.repatriation_guidance')} AS conversations,
           ${agg('contact_person_assignments', 'x.from_date, x.to_date')} AS contact_persons,
           ${agg('enrolments', 'x.id, x.kind, x.start_date, x.end_date')} AS enrolments,
           ${agg('language_assessments', 'x.id, x.assessed_on')} AS assessments,
           ${agg('follow_ups', 'x.id, x.held_on, x.kind')} AS follow_ups,
           ${agg('danish_educations', 'x.id, x.referred_on, x.start_possible_on, x.started_on')} AS danish_educations,
           ${agg('health_assessments', 'x.id, x.held_on, x.kind, x.needed, x.accepted')} AS health_assessments,
           ${agg('repatriation_notices', 'x.id, x.held_on, x.kind')} AS repatriation_notices,
           ${agg('labour_market_periods', 'x.kind, x.from_date, x.to_date')} AS labour_market,
           ${agg('reception_steps', 'x.id, x.taken_on, x.kind')} AS reception_steps,
           (SELECT json_build_array(cc.closed_on, cc.reason, EXISTS (
                     SELECT 1 FROM persons m
                      WHERE m.municipality_code = p.municipality_code AND m.household_id = p.household_id AND m.id <> p.id
                        AND NOT EXISTS (SELECT 1 FROM case_closures mc WHERE mc.municipality_code = m.municipality_code AND mc.person_id = m.id)))
              FROM case_closures cc WHERE cc.municipality_code = p.municipality_code AND cc.person_id = p.id) AS closure
    FROM persons p
    WHERE ${sql.join(where, sql` AND `)}`.execute(tx);

  const facts = new Map<string, PersonFacts>();
  for (const r of rows) {
    facts.set(r.id, {
      personId: r.id,
      givenName: r.given_name,
      familyName: r.family_name,
      birthDate: r.birth_date,
      takeoverDate: r.takeover_date,
      arrivalDate: r.arrival_date,
      residenceBasis: r.residence_basis,
      program: r.program,
      relation: r.household_relation,
      languages: r.languages,
      contactPerson: r.contact ? { userId: r.contact[0], name: r.contact[1] } : null,
      contractSignedOn: r.contract_signed_on,
      visitationHeldOn: r.visitation_held_on,
      activities: r.activities.map(([id, kind, startDate, endDate, hours]) => ({
        id,
        kind,
        startDate,
        endDate,
        hoursPerWeek: hours,
      })),
      conversations: r.conversations.map(([id, date, kind, repatriationGuidance]) => ({
        id,
        date,
        kind,
        repatriationGuidance,
      })),
      contactPersons: r.contact_persons.map(([from, to]) => ({ from, to })),
      enrolments: r.enrolments.map(([id, kind, startDate, endDate]) => ({ id, kind, startDate, endDate })),
      languageAssessments: r.assessments.map(([id, date]) => ({ id, date })),
      followUps: r.follow_ups.map(([id, date, kind]) => ({ id, date, kind })),
      danishEducations: r.danish_educations.map(([id, referredOn, startPossibleOn, startedOn]) => ({
        id,
        referredOn,
        startPossibleOn,
        startedOn,
      })),
      healthAssessments: r.health_assessments.map(([id, date, kind, needed, accepted]) => ({
        id,
        date,
        kind,
        needed,
        accepted,
      })),
      repatriationNotices: r.repatriation_notices.map(([id, date, kind]) => ({ id, date, kind })),
      labourMarket: r.labour_market.map(([kind, from, to]) => ({ kind, from, to })),
      receptionSteps: r.reception_steps.map(([id, date, kind]) => ({ id, date, kind })),
      closure: r.closure
        ? { closedOn: r.closure[0], reason: r.closure[1] as ClosureReason, householdOpen: r.closure[2] }
        : null,
    });
  }
  return facts;
}
