// Generator for benchmark populations: N synthetic persons per municipality, in households of
// three (head, spouse, child), with activities, conversations, contracts, visitations, contact
// persons, enrolments, language assessments and follow-ups that keep some deadlines and miss
// others. Deterministic (ids and dates derive from the row number), generated inside the
// database with generate_series so that 100,000 persons take seconds, not minutes.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../src/db/schema.js';

/**
 * A deterministic id for the n-th generated row of a kind ('u' user, 'h' household, 'p' person):
 * an md5 with the version and variant bits of a v4 UUID, which the API's validation requires.
 */
function uuidOf(m: string, kind: string, n: RawBuilder<unknown>): RawBuilder<string> {
  return sql<string>`overlay(overlay(md5(${m + '-' + kind + '-'} || (${n})::text) placing '4' from 13) placing '8' from 17)::uuid`;
}

export async function generatePopulation(db: Kysely<DB>, municipalityCode: string, persons: number): Promise<void> {
  const m = municipalityCode;
  const households = Math.ceil(persons / 3);
  // Runs as the owner (bench setup), one statement per table.
  await sql`INSERT INTO users (municipality_code, id, name, role, synthetic)
    SELECT ${m}, ${uuidOf(m, 'u', sql`k`)}, 'Bench-sagsbehandler ' || k, 'caseworker', true FROM generate_series(1, 8) k
    ON CONFLICT DO NOTHING`.execute(db);
  await sql`INSERT INTO households (municipality_code, id, takeover_date, arrival_date, synthetic)
    SELECT ${m}, ${uuidOf(m, 'h', sql`h`)}, date '2019-01-01' + (h * 7919) % 2850, date '2019-01-01' + (h * 7919) % 2850 - (h % 20), true
    FROM generate_series(1, ${households}) h`.execute(db);
  await sql`INSERT INTO persons (municipality_code, id, household_id, household_relation, given_name, family_name, birth_date, sex,
      residence_basis, program, country_of_origin, languages, arrival_date, takeover_date, synthetic)
    SELECT ${m}, ${uuidOf(m, 'p', sql`i`)}, ${uuidOf(m, 'h', sql`h`)},
      (ARRAY['head','spouse','child'])[r + 1], 'Bench' || i, 'Person' || (i % 997),
      CASE WHEN r < 2 THEN date '1965-01-01' + (i * 104729) % 12000 ELSE date '2010-01-01' + (i * 104729) % 4700 END,
      CASE WHEN r = 0 THEN 'male' ELSE 'female' END,
      CASE WHEN r = 2 THEN 'accompanying_child' WHEN r = 1 THEN 'family_reunified' ELSE 'spontaneous_refugee' END,
      CASE WHEN r < 2 THEN 'self_support_and_return' END,
      (ARRAY['SY','ER','AF','UA','IR'])[1 + i % 5], ARRAY[(ARRAY['ar','ti','prs','uk','fa'])[1 + i % 5]],
      date '2019-01-01' + (h * 7919) % 2850 - (h % 20), date '2019-01-01' + (h * 7919) % 2850, true
    FROM (SELECT i, (i - 1) / 3 + 1 AS h, (i - 1) % 3 AS r FROM generate_series(1, ${persons}) i) s`.execute(db);
  // Only the persons generated here: a municipality that already has persons (the demo's, which
  // have contracts of their own) is topped up without touching them.
  const generated = sql`SELECT p.* FROM persons p JOIN generate_series(1, ${persons}) i ON p.id = ${uuidOf(m, 'p', sql`i`)} WHERE p.municipality_code = ${m}`;
  const adults = sql`SELECT municipality_code, id, takeover_date, (hashtext(id::text) & 1023) AS x FROM (${generated}) g WHERE household_relation <> 'child'`;
  const children = sql`SELECT municipality_code, id, takeover_date, birth_date, (hashtext(id::text) & 1023) AS x FROM (${generated}) g WHERE household_relation = 'child'`;
  await sql`INSERT INTO activities (municipality_code, person_id, kind, start_date, hours_per_week)
    SELECT municipality_code, id, 'danish_education', takeover_date + (x % 45), 15 FROM (${adults}) a WHERE x % 10 < 9`.execute(
    db,
  );
  await sql`INSERT INTO activities (municipality_code, person_id, kind, start_date, end_date, hours_per_week)
    SELECT municipality_code, id, (ARRAY['company_internship','wage_subsidy','igu'])[1 + x % 3], takeover_date + (x % 50), takeover_date + 200 + x, 22 FROM (${adults}) a WHERE x % 3 < 2`.execute(
    db,
  );
  await sql`INSERT INTO conversations (municipality_code, person_id, held_on, kind, repatriation_guidance)
    SELECT municipality_code, id, takeover_date + 7 + k * 40 + (x % 9), (ARRAY['visitation','contract_follow_up','contract_follow_up','other'])[1 + k], (x + k) % 10 <> 0
    FROM (${adults}) a CROSS JOIN generate_series(0, 3) k`.execute(db);
  await sql`INSERT INTO contracts (municipality_code, person_id, goal, goal_kind, signed_on)
    SELECT municipality_code, id, 'Ordinært job', 'employment', takeover_date + (x % 40) FROM (${adults}) a WHERE x % 5 <> 0`.execute(
    db,
  );
  await sql`INSERT INTO visitations (municipality_code, person_id, held_on)
    SELECT municipality_code, id, takeover_date + (x % 20) FROM (${adults}) a WHERE x % 6 <> 0`.execute(db);
  await sql`INSERT INTO contact_person_assignments (municipality_code, person_id, user_id, from_date)
    SELECT p.municipality_code, p.id, ${uuidOf(m, 'u', sql`1 + (hashtext(p.id::text) & 7)`)}, p.takeover_date + (hashtext(p.id::text) & 3)
    FROM (${generated}) p WHERE hashtext(p.id::text) % 7 <> 0`.execute(db);
  await sql`INSERT INTO enrolments (municipality_code, person_id, kind, start_date)
    SELECT municipality_code, id, CASE WHEN birth_date > takeover_date - 2190 THEN 'daycare' ELSE 'reception_class' END, takeover_date + (x % 12)
    FROM (${children}) c WHERE x % 4 <> 0`.execute(db);
  await sql`INSERT INTO language_assessments (municipality_code, person_id, assessed_on, result)
    SELECT municipality_code, id, birth_date + 1100 + (x % 150), (ARRAY['general','focused','special'])[1 + x % 3]
    FROM (${children}) c WHERE x % 3 <> 0 AND birth_date + 1100 + (x % 150) > takeover_date`.execute(db);
  await sql`INSERT INTO follow_ups (municipality_code, person_id, held_on, kind)
    SELECT municipality_code, id, takeover_date + 30 + k * 35, 'contract' FROM (${adults}) a CROSS JOIN generate_series(0, 2) k WHERE x % 4 <> 0`.execute(
    db,
  );
}

/**
 * Outcome records for a generated population (after generatePopulation): each adult is referred to
 * Danish education and starts it; most take a test, three in five of them pass; each adult is on
 * self-support and return benefit from the takeover, and about half move into an ordinary job or
 * IGU after one to three years; one child in three completes a youth education at 19.
 */
export async function generateOutcomes(db: Kysely<DB>, municipalityCode: string): Promise<void> {
  const m = municipalityCode;
  const adults = sql`SELECT municipality_code, id, takeover_date, (hashtext(id::text) & 1023) AS x FROM persons WHERE municipality_code = ${m} AND household_relation <> 'child'`;
  await sql`INSERT INTO danish_educations (municipality_code, person_id, track, referred_on, started_on, module)
    SELECT municipality_code, id, (ARRAY['du1','du2','du3'])[1 + x % 3], takeover_date + 10 + (x % 20), takeover_date + 35 + (x % 25), 1 + x % 6
    FROM (${adults}) a WHERE x % 20 <> 0`.execute(db);
  await sql`INSERT INTO danish_tests (municipality_code, person_id, test, taken_on, passed)
    SELECT municipality_code, id, (ARRAY['pd1','pd2','pd3'])[1 + x % 3], takeover_date + 500 + (x % 900), x % 5 < 3
    FROM (${adults}) a WHERE x % 10 < 8`.execute(db);
  await sql`INSERT INTO labour_market_periods (municipality_code, person_id, kind, from_date, to_date, benefit)
    SELECT municipality_code, id, 'benefit', takeover_date, CASE WHEN x % 2 = 0 THEN takeover_date + 365 + x END, 'self_support_and_return_benefit'
    FROM (${adults}) a`.execute(db);
  await sql`INSERT INTO labour_market_periods (municipality_code, person_id, kind, from_date, hours_per_week)
    SELECT municipality_code, id, CASE WHEN x % 8 = 0 THEN 'igu' ELSE 'ordinary_job' END, takeover_date + 366 + x, 20 + x % 18
    FROM (${adults}) a WHERE x % 2 = 0`.execute(db);
  await sql`INSERT INTO educations_completed (municipality_code, person_id, kind, completed_on, in_denmark)
    SELECT municipality_code, id, 'youth_education', birth_date + 6940 + (hashtext(id::text) & 127), true
    FROM persons WHERE municipality_code = ${m} AND household_relation = 'child' AND (hashtext(id::text) & 1023) % 3 = 0`.execute(
    db,
  );
}
