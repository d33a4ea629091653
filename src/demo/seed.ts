// Seeds the synthetic demo population (generate.ts) into the database: one transaction per
// municipality, as the application role under row-level security (inTenant), in batched
// multi-row inserts so that a first start on embedded PGlite takes a few seconds. CPR numbers
// are stored only encrypted, as a keyed search hash and masked, as everywhere else.
import { sql, type Insertable, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { inTenant, type Tx } from '../db/tenant.js';
import { danishInstant, inDenmark } from '../domain/appointments.js';
import { maskCpr } from '../domain/cpr.js';
import { addDays, ageOn, todayIso } from '../domain/dates.js';
import type { CprVault } from '../security/cpr-vault.js';
import { DEMO_ISSUER } from '../security/identities.js';
import { generateDemo, type DemoMunicipality } from './generate.js';

export interface DemoSummary {
  /** Names of the municipalities seeded, e.g. "Aabenraa". */
  municipalities: string[];
  households: number;
  persons: number;
  caseworkers: number;
}

export interface SeedOptions {
  /**
   * The demo's "today" (ISO date): nothing that happened lies after it, and the deadlines fall
   * around it as in a municipality that mostly works. Default: today in Denmark, the day the
   * server and the worklist count from (a demo seeded for another day drifts: after a few weeks
   * its due-soon items are overdue).
   */
  today?: string;
  /** Same seed, same people. */
  seed?: number;
}

const CHUNK = 2000;

/**
 * Seeds the five policy municipalities with the synthetic demo population. A municipality that
 * already holds households is left as it is (and not counted), so seeding twice never doubles it.
 */
export async function seedDemo(db: Kysely<DB>, vault: CprVault, options: SeedOptions = {}): Promise<DemoSummary> {
  const data = generateDemo({ today: options.today, seed: options.seed });
  const summary: DemoSummary = { municipalities: [], households: 0, persons: 0, caseworkers: 0 };
  for (const m of data.municipalities) {
    const seeded = await inTenant(db, m.code, async (tx) => {
      const existing = await sql<{ n: number }>`SELECT count(*)::int AS n FROM households`.execute(tx);
      if ((existing.rows[0]?.n ?? 0) > 0) return false;
      await insertMunicipality(tx, m, vault);
      await insertAll(tx, 'appointments', demoCitizenAppointments(m, options.today ?? todayIso()));
      return true;
    });
    if (!seeded) continue;
    summary.municipalities.push(m.name);
    summary.households += m.households.length;
    summary.persons += m.persons.length;
    summary.caseworkers += m.users.filter((u) => u.role === 'caseworker').length;
  }
  return summary;
}

async function insertMunicipality(tx: Tx, m: DemoMunicipality, vault: CprVault): Promise<void> {
  await insertAll(tx, 'towns', m.towns);
  await insertAll(tx, 'institutions', m.institutions);
  await insertAll(tx, 'companies', m.companies);
  await insertAll(tx, 'positions', m.positions);
  await insertAll(tx, 'volunteers', m.volunteers);
  await insertAll(tx, 'associations', m.associations);
  // The demo staff sign in through the local demo identity provider: keyed by its issuer and a
  // subject (their id), as every person is; the name is a label.
  await insertAll(
    tx,
    'users',
    m.users.map((u) => ({ ...u, kind: 'person' as const, issuer: DEMO_ISSUER, subject: u.id })),
  );
  await insertAll(tx, 'housing_units', m.housingUnits);
  await insertAll(tx, 'households', m.households);
  await insertAll(
    tx,
    'persons',
    m.persons.map(({ cpr, cpr_kind, ...person }) => ({
      ...person,
      cpr_cipher: cpr === null ? null : vault.encrypt(cpr),
      cpr_hash: cpr === null ? null : vault.searchHash(cpr),
      cpr_masked: cpr === null ? null : maskCpr(cpr),
      cpr_kind: cpr === null ? null : cpr_kind,
    })),
  );
  await insertAll(tx, 'visitations', m.visitations);
  await insertAll(tx, 'contracts', m.contracts);
  await insertAll(tx, 'contact_person_assignments', m.contactPersons);
  await insertAll(tx, 'activities', m.activities);
  await insertAll(tx, 'conversations', m.conversations);
  await insertAll(tx, 'enrolments', m.enrolments);
  await insertAll(tx, 'language_assessments', m.languageAssessments);
  await insertAll(tx, 'follow_ups', m.followUps);
  await insertAll(tx, 'mentorships', m.mentorships);
  await insertAll(tx, 'labour_market_periods', m.labourMarketPeriods);
  await insertAll(tx, 'educations_completed', m.educationsCompleted);
  await insertAll(tx, 'danish_educations', m.danishEducations);
  await insertAll(tx, 'danish_tests', m.danishTests);
  await insertAll(tx, 'health_assessments', m.healthAssessments);
  await insertAll(tx, 'repatriation_notices', m.repatriationNotices);
  await insertAll(tx, 'reception_steps', m.receptionSteps);
}

/**
 * Inserts the rows as one JSON parameter per shape of row, unpacked by json_populate_recordset:
 * on PGlite, binding each value as a parameter of a multi-row INSERT cost most of a first start
 * (43,000 rows: 4.8 s as parameters, 2.0 s as JSON; issue 16). The columns named are those the
 * rows give, so that every other column takes its default, as a Kysely insert does. Bytes go as
 * PostgreSQL's hex form, which the cast from text to bytea reads.
 */
async function insertAll<T extends keyof DB>(tx: Tx, table: T, rows: ReadonlyArray<Insertable<DB[T]>>): Promise<void> {
  const shapes = new Map<string, Record<string, unknown>[]>();
  for (const row of rows as ReadonlyArray<Record<string, unknown>>) {
    const columns = Object.keys(row)
      .filter((k) => row[k] !== undefined)
      .sort()
      .join(',');
    const shape = shapes.get(columns);
    if (shape) shape.push(row);
    else shapes.set(columns, [row]);
  }
  for (const [columns, group] of shapes) {
    const names = sql.join(columns.split(',').map((c) => sql.ref(c)));
    for (let i = 0; i < group.length; i += CHUNK) {
      // A Buffer's own toJSON runs before the replacer: the raw value is the holder's.
      const json = JSON.stringify(
        group.slice(i, i + CHUNK),
        function (this: Record<string, unknown>, key, value: unknown) {
          const raw = this[key];
          return raw instanceof Uint8Array ? `\\x${Buffer.from(raw).toString('hex')}` : value;
        },
      );
      await sql`INSERT INTO ${sql.table(table)} (${names}) SELECT ${names} FROM json_populate_recordset(NULL::${sql.table(table)}, ${json}::json)`.execute(
        tx,
      );
    }
  }
}

/**
 * The demo citizens' upcoming appointments (issue 14: each demo citizen the identity provider
 * lists has one): the head and the spouse of the first household with a child, and the head of
 * the first household without one, each with a CPR number; a meeting about the plan with their
 * contact person on the next weekdays, with an interpreter in their first language.
 */
export function demoCitizenAppointments(m: DemoMunicipality, today: string) {
  const byHousehold = new Map<string, DemoMunicipality['persons']>();
  for (const p of m.persons) byHousehold.set(p.household_id, [...(byHousehold.get(p.household_id) ?? []), p]);
  const adultWithCpr = (p: DemoMunicipality['persons'][number]) => p.cpr !== null && ageOn(p.birth_date, today) >= 18;
  const households = m.households.map((h) => byHousehold.get(h.id) ?? []);
  const withChild = households.find(
    (members) =>
      members.some((p) => p.household_relation === 'child' && ageOn(p.birth_date, today) < 18) &&
      members.some((p) => p.household_relation === 'head' && adultWithCpr(p)),
  );
  const withoutChild = households.find(
    (members) =>
      !members.some((p) => p.household_relation === 'child') &&
      members.some((p) => p.household_relation === 'head' && adultWithCpr(p)),
  );
  const chosen = [
    ...(withChild ?? []).filter(
      (p) => (p.household_relation === 'head' || p.household_relation === 'spouse') && adultWithCpr(p),
    ),
    ...(withoutChild ?? []).filter((p) => p.household_relation === 'head'),
  ];
  const fallback = m.users.find((u) => u.role === 'caseworker');
  const place = `Jobcenter ${m.name}, ${m.towns[0]?.name ?? m.name}`;
  const days: string[] = [];
  for (let d = addDays(today, 2); days.length < chosen.length; d = addDays(d, 1)) {
    const weekday = inDenmark(danishInstant(d, '12:00')).weekday;
    if (weekday >= 1 && weekday <= 5) days.push(d);
  }
  return chosen.flatMap((p, i) => {
    const caseworker =
      m.contactPersons.find((c) => c.person_id === p.id && c.to_date === null)?.user_id ?? fallback?.id;
    const day = days[i];
    if (!caseworker || !day) return [];
    const language = p.languages.find((l) => l !== 'da') ?? null;
    return [
      {
        municipality_code: m.code,
        person_id: p.id,
        starts_at: danishInstant(day, '10:00'),
        duration_minutes: 45,
        purpose: 'contract_follow_up' as const,
        place_kind: 'address' as const,
        place,
        caseworker_id: caseworker,
        interpreter_language: language,
        rule_id: null,
        note: null,
      },
    ];
  });
}
