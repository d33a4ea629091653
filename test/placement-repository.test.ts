// The placement repository on both engines: the migration on a database that already holds
// data, the loaders (with the domain's eligibility over what they load: who needs what, which
// options have room) on a small hand-made municipality, and draft plans: insert, list, accept in
// part (the service's decideProposals: load locked → the domain's rules → write), the effects of
// acceptance per kind, and conflicts (a unit already let, a full daycare, position or mentor)
// returned instead of written. The rules themselves are unit-tested in placement-plan.test.ts.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { Migrator, sql, type Migration } from 'kysely';
import { migrate, openDatabase } from '../src/db/database.js';
import * as m0001 from '../src/db/migrations/0001_foundation.js';
import * as m0002 from '../src/db/migrations/0002_person_indexes.js';
import { inTenant, type Tx } from '../src/db/tenant.js';
import { schoolYearAge } from '../src/domain/dates.js';
import { childrenNeedingSeat, estimatedMonthlyIncome, householdFacts } from '../src/domain/placement-eligibility.js';
import { shippedPolicies } from '../src/policy/load.js';
import { placementFigures, placementParameters } from '../src/policy/placement.js';
import {
  findPlan,
  insertPlan,
  listPlans,
  listProposals,
  loadAdultsNeedingInternship,
  loadChildrenNeedingSeat,
  loadHouseholdsNeedingHousing,
  loadHousingUnits,
  loadInstitutions,
  loadMentees,
  loadMentors,
  loadPositions,
  loadTowns,
  supersedeDrafts,
  type NewPlan,
} from '../src/repositories/placement.js';
import { Disclosure } from '../src/services/disclosure.js';
import { decideProposals, type DecisionResult } from '../src/services/placement.js';
import { presentPlan } from '../src/services/presenters/placement.js';
import { createPgDatabase, forEachEngine, openTestDb, TODAY, type TestDb } from './helpers.js';

const M = '580';
const figures = placementFigures(placementParameters(shippedPolicies(), M, TODAY));

test('the school-year age follows the Danish school year (reception year, grade 0, from the August a child turns 6)', () => {
  const grade = (birth: string, on: string) => schoolYearAge(birth, on) - 6;
  assert.equal(grade('2020-03-01', '2026-08-01'), 0);
  assert.equal(grade('2020-03-01', '2026-07-31'), -1);
  assert.equal(grade('2010-12-31', '2026-06-01'), 9);
  assert.equal(grade('2010-12-31', '2026-08-15'), 10);
});

forEachEngine('migration 0003 on a database that already holds data', (engine) => {
  test('existing rows get the defaults: no housing, one seat, capacity one, no coordinates', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'medborger-migrate-'));
    const pgdb = engine === 'postgres' ? await createPgDatabase() : null;
    const database = await openDatabase({ dataDir, databaseUrl: pgdb?.url, command: 'test' });
    try {
      const old: Record<string, Migration> = { '0001_foundation': m0001, '0002_person_indexes': m0002 };
      const { error } = await new Migrator({
        db: database.db,
        provider: { getMigrations: () => Promise.resolve(old) },
      }).migrateToLatest();
      assert.equal(error, undefined);
      await sql`INSERT INTO municipalities (code, name, region) VALUES ('580', 'Aabenraa', 'Syddanmark')`.execute(
        database.db,
      );
      await sql`INSERT INTO towns (municipality_code, id, name, population, public_transport) VALUES ('580', '00000000-0000-4000-8000-000000000001', 'Aabenraa', 16300, 'frequent_bus')`.execute(
        database.db,
      );
      await sql`INSERT INTO households (municipality_code, id, takeover_date) VALUES ('580', '00000000-0000-4000-8000-000000000002', '2025-01-01')`.execute(
        database.db,
      );
      await sql`INSERT INTO companies (municipality_code, id, name, sector, town_id) VALUES ('580', '00000000-0000-4000-8000-000000000003', 'Firma', 'retail', '00000000-0000-4000-8000-000000000001')`.execute(
        database.db,
      );
      await sql`INSERT INTO positions (municipality_code, company_id, kind, title, hours_per_week, real_opening) VALUES ('580', '00000000-0000-4000-8000-000000000003', 'igu', 'Lager', 30, true)`.execute(
        database.db,
      );
      await sql`INSERT INTO volunteers (municipality_code, given_name, family_name, town_id, mentor, hours_per_month) VALUES ('580', 'Lis', 'Holm', '00000000-0000-4000-8000-000000000001', true, 8)`.execute(
        database.db,
      );
      const applied = await migrate(database.db);
      assert.equal(applied[0], '0003_placement', 'the pending migrations run in order, 0003 first');
      const row = await sql<Record<string, unknown>>`SELECT
          (SELECT latitude FROM towns) AS latitude, (SELECT housing_status FROM households) AS housing_status,
          (SELECT housing_unit_id FROM households) AS housing_unit_id, (SELECT needs_accessible FROM households) AS needs_accessible,
          (SELECT seats FROM positions) AS seats, (SELECT mentor_capacity FROM volunteers) AS mentor_capacity`.execute(
        database.db,
      );
      assert.deepEqual(row.rows[0], {
        latitude: null,
        housing_status: 'none',
        housing_unit_id: null,
        needs_accessible: false,
        seats: 1,
        mentor_capacity: 1,
      });
      const towns = await inTenant(database.db, '580', (tx) => loadTowns(tx));
      assert.equal(towns.length, 1);
      assert.ok(Number.isNaN(towns[0]!.latitude), 'unknown coordinates are NaN');
    } finally {
      await database.close();
      await pgdb?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

forEachEngine('placement repository', (engine) => {
  let t: TestDb;
  const id: Record<string, string> = {};
  let userId: string;

  const tenant = <T>(work: (tx: Tx) => Promise<T>) => inTenant(t.database.db, M, work);
  const plan = (kind: NewPlan['kind']): NewPlan => ({
    municipalityCode: M,
    kind,
    planDate: TODAY,
    parameters: { weights: { distance: 1 } },
    summary: { unplaced: [] },
    objective: 12.5,
    bound: 12.5,
    gap: 0,
    engine: 'test',
    solveMs: 3,
    createdBy: userId,
  });
  const conflicts = (r: DecisionResult) =>
    r.ok || r.reason !== 'conflict' ? [] : r.conflicts.map((c) => c.reason).sort();
  /** The children who need a seat, as the service finds them: the loader's records through the domain's eligibility. */
  const needingSeat = async (tx: Tx, kind: 'daycare' | 'school') =>
    childrenNeedingSeat(kind, await loadChildrenNeedingSeat(tx, kind, TODAY), TODAY, figures.eligibility);

  before(async () => {
    t = await openTestDb(engine);
    await tenant(async (tx) => {
      userId = (
        await tx
          .insertInto('users')
          .values({ municipality_code: M, name: 'Boligkoordinator', role: 'housing' })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
      const town = async (name: string, population: number, latitude: number | null, longitude: number | null) =>
        (
          await tx
            .insertInto('towns')
            .values({
              municipality_code: M,
              name,
              population,
              public_transport: 'rail',
              services: ['school'],
              latitude,
              longitude,
            })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id;
      id.A = await town('Aabenraa', 16_300, 55.044, 9.418);
      id.B = await town('Rødekro', 5_700, 55.07, 9.335);
      id.C = await town('Felsted', 900, null, null);
      const unit = async (
        key: string,
        values: {
          town: string;
          rooms: number;
          from: string;
          tenure?: 'temporary' | 'permanent';
          status?: 'available' | 'reserved' | 'let';
          deprived?: boolean;
        },
      ) => {
        id[key] = (
          await tx
            .insertInto('housing_units')
            .values({
              municipality_code: M,
              address: `Storegade ${key}, 6200 Aabenraa`,
              town_id: id[values.town]!,
              rooms: values.rooms,
              area_m2: 70,
              rent_dkk: 5_000 + values.rooms * 500,
              landlord: 'housing_association',
              available_from: values.from,
              tenure: values.tenure ?? 'permanent',
              deprived_area: values.deprived ?? false,
              status: values.status ?? 'available',
            })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id;
      };
      await unit('U1', { town: 'A', rooms: 3, from: '2026-11-01' });
      await unit('U2', { town: 'B', rooms: 2, from: '2026-12-10', tenure: 'temporary' });
      await unit('U3', { town: 'A', rooms: 4, from: '2027-03-01' });
      await unit('U4', { town: 'A', rooms: 2, from: '2026-11-01', status: 'reserved' });
      await unit('U5', { town: 'B', rooms: 2, from: '2026-05-20', tenure: 'temporary', status: 'let' });
      await unit('U6', { town: 'A', rooms: 3, from: '2026-10-01', deprived: true });
      await unit('U7', { town: 'A', rooms: 2, from: '2024-02-01', status: 'let' });

      const institution = async (
        key: string,
        kind: 'daycare' | 'school',
        town: string,
        capacity: number,
        enrolled: number,
        reception = false,
      ) => {
        id[key] = (
          await tx
            .insertInto('institutions')
            .values({
              municipality_code: M,
              kind,
              name: `${kind} ${key}`,
              town_id: id[town]!,
              capacity,
              has_reception_class: reception,
              enrolled,
              bilingual_enrolled: 5,
              admitted_this_year: 10,
              admitted_from_deprived_this_year: 1,
            })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id;
      };
      await institution('D1', 'daycare', 'A', 40, 39);
      await institution('D2', 'daycare', 'B', 30, 30);
      await institution('S1', 'school', 'A', 300, 280, true);

      id.C1 = (
        await tx
          .insertInto('companies')
          .values({ municipality_code: M, name: 'Rødekro Byggecenter', sector: 'retail', town_id: id.B })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
      id.P1 = (
        await tx
          .insertInto('positions')
          .values({
            municipality_code: M,
            company_id: id.C1,
            kind: 'ordinary_job',
            title: 'Lagermedarbejder',
            hours_per_week: 37,
            real_opening: true,
            seats: 1,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
      id.P2 = (
        await tx
          .insertInto('positions')
          .values({
            municipality_code: M,
            company_id: id.C1,
            kind: 'company_internship',
            title: 'Butiksassistent',
            hours_per_week: 22.5,
            real_opening: false,
            seats: 2,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;

      const volunteer = async (key: string, mentor: boolean, capacity: number) => {
        id[key] = (
          await tx
            .insertInto('volunteers')
            .values({
              municipality_code: M,
              given_name: 'Frivillig',
              family_name: key,
              languages: ['da', 'ar'],
              town_id: id.A!,
              mentor,
              mentor_capacity: capacity,
              hours_per_month: 8,
            })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id;
      };
      await volunteer('V1', true, 1);
      await volunteer('V2', true, 2);
      await volunteer('V3', false, 1);

      const household = async (
        key: string,
        takeover: string,
        values: { unit?: string; status?: 'none' | 'temporary' | 'permanent'; income?: number } = {},
      ) => {
        id[key] = (
          await tx
            .insertInto('households')
            .values({
              municipality_code: M,
              takeover_date: takeover,
              arrival_date: takeover,
              housing_unit_id: values.unit ? id[values.unit]! : null,
              housing_status: values.status ?? 'none',
              monthly_income_dkk: values.income ?? null,
            })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id;
      };
      const person = async (
        key: string,
        household: string,
        relation: 'head' | 'spouse' | 'child',
        given: string,
        birth: string,
        languages: string[],
        takeover: string,
        arrival = takeover,
      ) => {
        const adult = relation !== 'child';
        id[key] = (
          await tx
            .insertInto('persons')
            .values({
              municipality_code: M,
              household_id: id[household]!,
              household_relation: relation,
              given_name: given,
              family_name: household,
              birth_date: birth,
              sex: 'female',
              residence_basis: adult ? 'spontaneous_refugee' : 'accompanying_child',
              program: adult ? 'self_support_and_return' : null,
              languages,
              takeover_date: takeover,
              arrival_date: arrival,
              sectors: adult ? ['retail', 'care'] : [],
            })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id;
      };
      await household('H1', '2026-11-01');
      await person('H1a', 'H1', 'head', 'Amal', '1991-05-01', ['ar'], '2026-11-01');
      await person('H1b', 'H1', 'spouse', 'Karim', '1993-02-01', ['ar', 'en'], '2026-11-01');
      await person('H1c', 'H1', 'child', 'Lina', '2024-06-15', ['ar'], '2026-11-01');
      await person('H1d', 'H1', 'child', 'Omar', '2018-03-10', ['ar'], '2026-11-01', '2026-10-20');
      await household('H2', '2026-06-01', { unit: 'U5', status: 'temporary', income: 17_500 });
      await person('H2a', 'H2', 'head', 'Olena', '2001-01-10', ['uk'], '2026-06-01');
      await person('H2b', 'H2', 'child', 'Sofiia', '2022-05-05', ['uk', 'da'], '2026-06-01');
      await person('H2c', 'H2', 'child', 'Ivan', '2025-09-01', ['uk'], '2026-06-01');
      await household('H3', '2024-01-01', { unit: 'U7', status: 'permanent', income: 24_000 });
      await person('H3a', 'H3', 'head', 'Yonas', '1985-01-01', ['ti'], '2024-01-01');
      await household('H4', '2027-03-01');
      await person('H4a', 'H4', 'head', 'Reza', '1990-01-01', ['fa'], '2027-03-01');

      await tx
        .insertInto('enrolments')
        .values({
          municipality_code: M,
          person_id: id.H2b!,
          kind: 'daycare',
          institution_id: id.D1!,
          start_date: '2026-07-01',
        })
        .execute();
      await tx
        .insertInto('activities')
        .values([
          {
            municipality_code: M,
            person_id: id.H1a!,
            kind: 'danish_education',
            start_date: '2026-11-15',
            hours_per_week: 15,
            provider: 'Sprogcenter Aabenraa',
          },
          // A current internship known only by the company's name (no position): the work town is still found.
          {
            municipality_code: M,
            person_id: id.H2a!,
            kind: 'company_internship',
            start_date: '2026-10-01',
            end_date: '2026-12-31',
            hours_per_week: 20,
            provider: 'Rødekro Byggecenter',
          },
          {
            municipality_code: M,
            person_id: id.H3a!,
            kind: 'ordinary_job',
            start_date: '2025-01-01',
            hours_per_week: 37,
            provider: 'Rødekro Byggecenter',
            position_id: id.P1,
          },
        ])
        .execute();
      await tx
        .insertInto('mentorships')
        .values({
          municipality_code: M,
          volunteer_id: id.V1!,
          household_id: id.H3!,
          from_date: '2024-03-01',
          created_by: userId,
        })
        .execute();
    });
  });
  after(async () => {
    await t.cleanup();
  });

  test('towns: the largest first, with households housed there and unknown coordinates as NaN', async () => {
    const towns = await tenant((tx) => loadTowns(tx));
    assert.deepEqual(
      towns.map((x) => [x.name, x.placedHouseholds]),
      [
        ['Aabenraa', 1],
        ['Rødekro', 1],
        ['Felsted', 0],
      ],
    );
    assert.equal(towns[0]!.latitude, 55.044);
    assert.ok(Number.isNaN(towns[2]!.longitude));
  });

  test('housing units: available ones free within 30 days of the plan date', async () => {
    const units = await tenant((tx) => loadHousingUnits(tx, TODAY));
    assert.deepEqual(units.map((u) => u.id).sort(), [id.U1, id.U2, id.U6].sort());
    const u6 = units.find((u) => u.id === id.U6)!;
    assert.deepEqual(
      { rooms: u6.rooms, rent: u6.rent, deprived: u6.deprivedArea, tenure: u6.tenure, town: u6.townId },
      { rooms: 3, rent: 6_500, deprived: true, tenure: 'permanent', town: id.A },
    );
    assert.equal((await tenant((tx) => loadHousingUnits(tx, TODAY, { horizonDays: 200 }))).length, 4);
  });

  test('households needing housing: without permanent housing, taken over within 60 days of the plan date', async () => {
    const households = (await tenant((tx) => loadHouseholdsNeedingHousing(tx, TODAY))).map((h) =>
      householdFacts(h, TODAY, figures.eligibility, figures.income),
    );
    assert.deepEqual(
      households.map((h) => h.id),
      [id.H2, id.H1],
    );
    const [h2, h1] = households as [(typeof households)[0], (typeof households)[0]];
    assert.deepEqual(h1, {
      id: id.H1,
      label: 'Amal H1',
      persons: 4,
      adults: 2,
      children: 2,
      schoolChildren: 2,
      singleParent: false,
      needsAccessible: false,
      monthlyIncome: estimatedMonthlyIncome([35, 33], 2, figures.income),
      headAge: 35,
      currentHousing: 'none',
      workTownId: null,
      languages: ['ar', 'en'],
    });
    assert.equal(h2.singleParent, true);
    assert.equal(h2.currentHousing, 'temporary');
    assert.equal(h2.monthlyIncome, 17_500);
    assert.equal(h2.workTownId, id.B, 'found through the company named as provider');
    assert.deepEqual(h2.languages, ['uk', 'da']);
  });

  test('institutions and children needing a seat (siblings, reception class, bilingual, town)', async () => {
    const daycares = await tenant((tx) => loadInstitutions(tx, 'daycare'));
    assert.deepEqual(
      daycares.map((d) => [d.name, d.capacity, d.enrolled]),
      [
        ['daycare D1', 40, 39],
        ['daycare D2', 30, 30],
      ],
    );
    const children = await tenant((tx) => needingSeat(tx, 'daycare'));
    assert.deepEqual(
      children.map((c) => c.id).sort(),
      [id.H1c, id.H2c].sort(),
      'not the child already in daycare, not the school child',
    );
    const ivan = children.find((c) => c.id === id.H2c)!;
    assert.deepEqual(ivan.siblingAt, [id.D1]);
    assert.equal(ivan.townId, id.B);
    assert.equal(ivan.age, 1);
    const lina = children.find((c) => c.id === id.H1c)!;
    assert.equal(lina.townId, id.A, 'no home yet: the largest town');
    assert.equal(lina.needsReceptionClass, false);
    const pupils = await tenant((tx) => needingSeat(tx, 'school'));
    assert.deepEqual(
      pupils.map((c) => [c.id, c.age, c.bilingual, c.needsReceptionClass, c.preferences]),
      [[id.H1d, 8, true, true, []]],
    );
  });

  test('a child from a deprived area whose only parent is in work does not count in the 30 % (§ 26 b); one whose parent is on a benefit does', async () => {
    const ivanCounts = async () =>
      (await tenant((tx) => needingSeat(tx, 'daycare'))).find((c) => c.id === id.H2c)!.countsInDeprivedAreaCap;
    assert.equal(await ivanCounts(), false, 'Storegade 5 is not in a deprived area');
    const deprived = (on: boolean) =>
      tenant((tx) => tx.updateTable('housing_units').set({ deprived_area: on }).where('id', '=', id.U5!).execute());
    await deprived(true);
    try {
      assert.equal(await ivanCounts(), true, 'no labour-market period recorded for Olena');
      const period = async (kind: 'ordinary_job' | 'benefit') =>
        tenant((tx) =>
          tx
            .insertInto('labour_market_periods')
            .values({
              municipality_code: M,
              person_id: id.H2a!,
              kind,
              from_date: '2026-09-01',
              hours_per_week: kind === 'ordinary_job' ? 30 : null,
              benefit: kind === 'benefit' ? 'self_support_and_return_benefit' : null,
            })
            .returning('id')
            .executeTakeFirstOrThrow(),
        );
      const job = await period('ordinary_job');
      try {
        assert.equal(await ivanCounts(), false, 'Olena works: Ivan is exempt');
      } finally {
        await tenant((tx) => tx.deleteFrom('labour_market_periods').where('id', '=', job.id).execute());
      }
      const benefit = await period('benefit');
      try {
        assert.equal(await ivanCounts(), true, 'Olena is on a benefit: Ivan counts');
      } finally {
        await tenant((tx) => tx.deleteFrom('labour_market_periods').where('id', '=', benefit.id).execute());
      }
    } finally {
      await deprived(false);
    }
  });

  test('positions with free seats, adults without a company-based offer, mentors with room, households without a mentor', async () => {
    const positions = await tenant((tx) => loadPositions(tx, TODAY));
    assert.deepEqual(
      positions.map((p) => [p.id, p.seats, p.companyName, p.townId, p.hoursPerWeek]),
      [[id.P2, 2, 'Rødekro Byggecenter', id.B, 22.5]],
      'P1 is filled',
    );
    const adults = await tenant((tx) => loadAdultsNeedingInternship(tx, TODAY));
    assert.deepEqual(
      adults.map((a) => [a.id, a.plannedHours, a.townId, a.sectors]),
      [
        [id.H1a, 15, id.A, ['retail', 'care']],
        [id.H1b, 0, id.A, ['retail', 'care']],
      ],
    );
    const mentors = await tenant((tx) => loadMentors(tx, TODAY));
    assert.deepEqual(
      mentors.map((m) => [m.id, m.capacity]),
      [[id.V2, 2]],
      'V1 is full, V3 is no mentor',
    );
    const mentees = await tenant((tx) => loadMentees(tx, TODAY));
    assert.deepEqual(
      mentees.map((m) => [m.id, m.townId]),
      [
        [id.H2, id.B],
        [id.H1, id.A],
      ],
    );
  });

  test('a housing plan: stored and listed; accepted in part; a unit already let is a conflict and nothing is written', async () => {
    const stored = await tenant((tx) =>
      insertPlan(tx, plan('housing'), [
        {
          agentKind: 'household',
          householdId: id.H1!,
          optionKind: 'housing_unit',
          optionId: id.U1!,
          score: 8.5,
          explanation: { rooms: 1, distance: 0.5 },
        },
        {
          agentKind: 'household',
          householdId: id.H2!,
          optionKind: 'housing_unit',
          optionId: id.U2!,
          score: 4,
          explanation: { rooms: 1 },
        },
      ]),
    );
    assert.equal(stored.plan.status, 'draft');
    assert.deepEqual(stored.plan.parameters, { weights: { distance: 1 } });
    assert.equal(stored.proposals.length, 2);
    const [p1, p2] = stored.proposals as [(typeof stored.proposals)[0], (typeof stored.proposals)[0]];
    const views = presentPlan(
      stored.plan,
      await tenant((tx) => listProposals(tx, stored.plan.id)),
      new Map(),
      new Disclosure(),
    ).proposals;
    assert.deepEqual(
      views.map((v) => [v.agentLabel, v.optionLabel, v.status]),
      [
        ['Amal H1', 'Storegade U1, 6200 Aabenraa', 'proposed'],
        ['Olena H2', 'Storegade U2, 6200 Aabenraa', 'proposed'],
      ],
    );
    assert.deepEqual(views[0]!.explanation, { rooms: 1, distance: 0.5 });

    const first = await tenant((tx) => decideProposals(tx, stored.plan.id, [p1.id], 'accepted', userId));
    assert.ok(first.ok);
    assert.equal(first.plan.status, 'partially_accepted');
    assert.equal(first.plan.version, 2);
    assert.equal(first.decided[0]!.decidedBy, userId);
    const h1 = await tenant((tx) =>
      tx
        .selectFrom('households')
        .select(['housing_unit_id', 'housing_status'])
        .where('id', '=', id.H1!)
        .executeTakeFirstOrThrow(),
    );
    assert.deepEqual(h1, { housing_unit_id: id.U1, housing_status: 'permanent' });
    assert.equal(
      (
        await tenant((tx) =>
          tx.selectFrom('housing_units').select('status').where('id', '=', id.U1!).executeTakeFirstOrThrow(),
        )
      ).status,
      'let',
    );

    // Another plan proposing the let unit: a conflict, and nothing changes.
    const other = await tenant((tx) =>
      insertPlan(tx, plan('housing'), [
        {
          agentKind: 'household',
          householdId: id.H2!,
          optionKind: 'housing_unit',
          optionId: id.U1!,
          score: 9,
          explanation: {},
        },
      ]),
    );
    const refused = await tenant((tx) => decideProposals(tx, other.plan.id, 'all', 'accepted', userId));
    assert.deepEqual(conflicts(refused), ['unit_not_available']);
    assert.equal((await tenant((tx) => findPlan(tx, other.plan.id)))!.version, 1);
    const again = await tenant((tx) =>
      decideProposals(tx, stored.plan.id, [p1.id, '00000000-0000-4000-8000-00000000abcd'], 'accepted', userId),
    );
    assert.deepEqual(conflicts(again), ['not_in_plan', 'not_pending']);

    // The rest of the first plan: H2 moves from its temporary unit U5, which becomes available again.
    const second = await tenant((tx) => decideProposals(tx, stored.plan.id, 'all', 'accepted', userId));
    assert.ok(second.ok);
    assert.deepEqual(
      second.decided.map((d) => d.id),
      [p2.id],
    );
    assert.equal(second.plan.status, 'accepted');
    const h2 = await tenant((tx) =>
      tx
        .selectFrom('households')
        .select(['housing_unit_id', 'housing_status'])
        .where('id', '=', id.H2!)
        .executeTakeFirstOrThrow(),
    );
    assert.deepEqual(h2, { housing_unit_id: id.U2, housing_status: 'temporary' });
    const u5 = await tenant((tx) =>
      tx
        .selectFrom('housing_units')
        .select(['status', 'available_from'])
        .where('id', '=', id.U5!)
        .executeTakeFirstOrThrow(),
    );
    assert.deepEqual(u5, { status: 'available', available_from: TODAY });

    // A newer draft discards the older one; the housed households no longer need housing... except H2 (temporary).
    const newer = await tenant((tx) => insertPlan(tx, plan('housing'), []));
    assert.equal(await tenant((tx) => supersedeDrafts(tx, 'housing', newer.plan.id)), 1);
    const list = await tenant((tx) => listPlans(tx, { kind: 'housing' }));
    const discarded = list.find((p) => p.id === other.plan.id)!;
    assert.equal(discarded.status, 'discarded');
    assert.deepEqual(discarded.proposals, { proposed: 0, accepted: 0, rejected: 0, superseded: 1 });
    assert.deepEqual(list.find((p) => p.id === stored.plan.id)!.proposals, {
      proposed: 0,
      accepted: 2,
      rejected: 0,
      superseded: 0,
    });
    assert.deepEqual(
      (await tenant((tx) => loadHouseholdsNeedingHousing(tx, TODAY))).map((h) => h.id),
      [id.H2],
    );
    assert.equal((await tenant((tx) => loadTowns(tx))).find((x) => x.id === id.A)!.placedHouseholds, 2);
  });

  test('a proposal that does not fit the plan kind is refused on insert', async () => {
    await assert.rejects(
      tenant((tx) =>
        insertPlan(tx, plan('housing'), [
          {
            agentKind: 'person',
            personId: id.H1c!,
            optionKind: 'institution',
            optionId: id.D1!,
            score: 1,
            explanation: {},
          },
        ]),
      ),
      RangeError,
    );
  });

  test('a daycare plan: a full daycare is a conflict; accepting one enrols the child and counts them', async () => {
    const stored = await tenant((tx) =>
      insertPlan(tx, plan('daycare'), [
        {
          agentKind: 'person',
          personId: id.H1c!,
          householdId: id.H1!,
          optionKind: 'institution',
          optionId: id.D1!,
          score: 3,
          explanation: {},
        },
        {
          agentKind: 'person',
          personId: id.H2c!,
          householdId: id.H2!,
          optionKind: 'institution',
          optionId: id.D1!,
          score: 5,
          explanation: { sibling: true },
        },
      ]),
    );
    const refused = await tenant((tx) => decideProposals(tx, stored.plan.id, 'all', 'accepted', userId));
    assert.deepEqual(conflicts(refused), ['institution_full'], 'one seat left, two children');
    const ivan = stored.proposals.find((p) => p.personId === id.H2c)!;
    const accepted = await tenant((tx) => decideProposals(tx, stored.plan.id, [ivan.id], 'accepted', userId));
    assert.ok(accepted.ok);
    const rejected = await tenant((tx) => decideProposals(tx, stored.plan.id, 'all', 'rejected', userId));
    assert.ok(rejected.ok);
    assert.equal(rejected.plan.status, 'partially_accepted');
    const enrolment = await tenant((tx) =>
      tx
        .selectFrom('enrolments')
        .select(['kind', 'institution_id', 'start_date', 'created_by'])
        .where('person_id', '=', id.H2c!)
        .executeTakeFirstOrThrow(),
    );
    assert.deepEqual(enrolment, { kind: 'daycare', institution_id: id.D1, start_date: TODAY, created_by: userId });
    const d1 = await tenant((tx) =>
      tx
        .selectFrom('institutions')
        .select(['enrolled', 'bilingual_enrolled', 'admitted_this_year', 'admitted_from_deprived_this_year'])
        .where('id', '=', id.D1!)
        .executeTakeFirstOrThrow(),
    );
    assert.deepEqual(d1, {
      enrolled: 40,
      bilingual_enrolled: 6,
      admitted_this_year: 11,
      admitted_from_deprived_this_year: 1,
    });
    assert.deepEqual(
      (await tenant((tx) => needingSeat(tx, 'daycare'))).map((c) => c.id),
      [id.H1c],
    );
  });

  test('a school plan: a newly arrived child without Danish goes to the reception class', async () => {
    const stored = await tenant((tx) =>
      insertPlan(tx, plan('school'), [
        {
          agentKind: 'person',
          personId: id.H1d!,
          optionKind: 'institution',
          optionId: id.S1!,
          score: 1,
          explanation: {},
        },
      ]),
    );
    const accepted = await tenant((tx) => decideProposals(tx, stored.plan.id, 'all', 'accepted', userId));
    assert.ok(accepted.ok);
    const enrolment = await tenant((tx) =>
      tx
        .selectFrom('enrolments')
        .select(['kind', 'institution_id'])
        .where('person_id', '=', id.H1d!)
        .executeTakeFirstOrThrow(),
    );
    assert.deepEqual(enrolment, { kind: 'reception_class', institution_id: id.S1 });
    assert.deepEqual(await tenant((tx) => needingSeat(tx, 'school')), []);
  });

  test('an internships plan fills the seats; a full position and an adult placed already are conflicts', async () => {
    const stored = await tenant((tx) =>
      insertPlan(tx, plan('internships'), [
        { agentKind: 'person', personId: id.H1a!, optionKind: 'position', optionId: id.P2!, score: 2, explanation: {} },
        { agentKind: 'person', personId: id.H1b!, optionKind: 'position', optionId: id.P2!, score: 2, explanation: {} },
      ]),
    );
    const accepted = await tenant((tx) => decideProposals(tx, stored.plan.id, 'all', 'accepted', userId));
    assert.ok(accepted.ok);
    const activities = await tenant((tx) =>
      tx
        .selectFrom('activities')
        .select(['person_id', 'kind', 'provider', 'hours_per_week', 'position_id', 'start_date'])
        .where('position_id', '=', id.P2!)
        .orderBy('person_id')
        .execute(),
    );
    assert.equal(activities.length, 2);
    assert.deepEqual(
      activities.map((a) => [a.kind, a.provider, a.hours_per_week, a.start_date]),
      [
        ['company_internship', 'Rødekro Byggecenter', 22.5, TODAY],
        ['company_internship', 'Rødekro Byggecenter', 22.5, TODAY],
      ],
    );
    assert.deepEqual(await tenant((tx) => loadPositions(tx, TODAY)), []);
    assert.deepEqual(await tenant((tx) => loadAdultsNeedingInternship(tx, TODAY)), []);
    const more = await tenant((tx) =>
      insertPlan(tx, plan('internships'), [
        { agentKind: 'person', personId: id.H1a!, optionKind: 'position', optionId: id.P2!, score: 1, explanation: {} },
      ]),
    );
    const refused = await tenant((tx) => decideProposals(tx, more.plan.id, 'all', 'accepted', userId));
    assert.deepEqual(conflicts(refused), ['already_placed', 'position_full']);
  });

  test('a mentors plan: a full mentor is a conflict; an accepted match is a mentorship', async () => {
    const stored = await tenant((tx) =>
      insertPlan(tx, plan('mentors'), [
        {
          agentKind: 'household',
          householdId: id.H1!,
          optionKind: 'mentor',
          optionId: id.V2!,
          score: 1,
          explanation: {},
        },
        {
          agentKind: 'household',
          householdId: id.H2!,
          optionKind: 'mentor',
          optionId: id.V1!,
          score: 1,
          explanation: {},
        },
      ]),
    );
    const refused = await tenant((tx) => decideProposals(tx, stored.plan.id, 'all', 'accepted', userId));
    assert.deepEqual(conflicts(refused), ['mentor_full']);
    const h1 = stored.proposals.find((p) => p.householdId === id.H1)!;
    assert.ok((await tenant((tx) => decideProposals(tx, stored.plan.id, [h1.id], 'accepted', userId))).ok);
    const mentorship = await tenant((tx) =>
      tx
        .selectFrom('mentorships')
        .select(['volunteer_id', 'from_date', 'to_date', 'created_by'])
        .where('household_id', '=', id.H1!)
        .executeTakeFirstOrThrow(),
    );
    assert.deepEqual(mentorship, { volunteer_id: id.V2, from_date: TODAY, to_date: null, created_by: userId });
    assert.deepEqual(
      (await tenant((tx) => loadMentees(tx, TODAY))).map((m) => m.id),
      [id.H2],
    );
    assert.deepEqual(
      (await tenant((tx) => loadMentors(tx, TODAY))).map((m) => [m.id, m.capacity]),
      [[id.V2, 1]],
    );
    const again = await tenant((tx) =>
      insertPlan(tx, plan('mentors'), [
        {
          agentKind: 'household',
          householdId: id.H1!,
          optionKind: 'mentor',
          optionId: id.V2!,
          score: 1,
          explanation: {},
        },
      ]),
    );
    assert.deepEqual(conflicts(await tenant((tx) => decideProposals(tx, again.plan.id, 'all', 'accepted', userId))), [
      'already_mentored',
    ]);
    const rejected = await tenant((tx) => decideProposals(tx, again.plan.id, 'all', 'rejected', userId));
    assert.ok(rejected.ok);
    assert.equal(rejected.plan.status, 'discarded', 'all decided, none accepted');
  });

  test("another municipality's plan is not found, and its proposals stay as they were", async () => {
    const stored = await tenant((tx) =>
      insertPlan(tx, plan('housing'), [
        {
          agentKind: 'household',
          householdId: id.H2!,
          optionKind: 'housing_unit',
          optionId: id.U6!,
          score: 1,
          explanation: {},
        },
      ]),
    );
    const elsewhere = await inTenant(t.database.db, '813', (tx) =>
      decideProposals(tx, stored.plan.id, 'all', 'accepted', userId),
    );
    assert.deepEqual(elsewhere, { ok: false, reason: 'plan_not_found' });
    assert.equal(await inTenant(t.database.db, '813', (tx) => findPlan(tx, stored.plan.id)), undefined);
    assert.deepEqual(await inTenant(t.database.db, '813', (tx) => listProposals(tx, stored.plan.id)), []);
    assert.equal((await tenant((tx) => listProposals(tx, stored.plan.id)))[0]!.status, 'proposed');
  });
});
