// Tenant isolation enforced by the database itself, under the application role, on both
// engines: no tenant set means no rows; with a tenant set, other municipalities' rows are
// invisible, unchangeable and cannot be written; the role has no way around row-level security;
// and the keys are shaped for distribution by municipality.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { APP_ROLE } from '../src/db/names.js';
import { asApp, inTenant } from '../src/db/tenant.js';
import { aFamily, auth, forEachEngine, openTestApp, type TestApp } from './helpers.js';

/** The tenant-owned tables (every table with rows of one municipality), the access log included. */
const TENANT_TABLES = [
  'users',
  'api_tokens',
  'households',
  'persons',
  'visitations',
  'contracts',
  'contact_person_assignments',
  'activities',
  'conversations',
  'enrolments',
  'language_assessments',
  'follow_ups',
  'towns',
  'institutions',
  'companies',
  'positions',
  'volunteers',
  'associations',
  'housing_units',
  'placement_plans',
  'placement_proposals',
  'mentorships',
  'access_log',
  'audit_events',
  'governance_cases',
  'governance_events',
  'labour_market_periods',
  'educations_completed',
  'danish_educations',
  'danish_tests',
  'health_assessments',
  'repatriation_notices',
  'reception_steps',
  'registry_changes',
  'arrival_notices',
  'appointments',
  'attachments',
  'case_record_changes',
  'case_closures',
  'obligation_days',
  'person_obligations',
  'obligations_dirty',
] as const;

/** Not granted UPDATE to the application (rows replaced, or upserted only): an UPDATE is refused outright. */
const NOT_UPDATABLE: readonly string[] = ['person_obligations', 'obligations_dirty'];
/** Not granted DELETE to the application (a municipality's one row, upserted): a DELETE is refused outright. */
const NOT_DELETABLE: readonly string[] = ['obligation_days'];

/** Append-only for the application: it may read and insert, never update or delete. */
const APPEND_ONLY: readonly string[] = ['access_log', 'audit_events', 'registry_changes'];

/** Tables that are not tenant-owned: reference data, owner-only settings, Kysely's bookkeeping. */
const NOT_TENANT_OWNED = ['municipalities', 'settings', 'kysely_migration', 'kysely_migration_lock'];

const M = '/api/v1/municipalities';

const count = (rows: { n: string | number }[]) => Number(rows[0]!.n);

forEachEngine('tenant isolation in the database', (engine) => {
  let t: TestApp;
  const persons: Record<string, string[]> = {};

  /** Fills every tenant-owned table with rows of the municipality: through the API where there is one, as the owner otherwise. */
  async function populate(code: string) {
    const db = t.database.db;
    const token = await t.token(code, 'caseworker');
    const h = auth(token);
    const family = await t.app.inject({
      method: 'POST',
      url: `${M}/${code}/households`,
      headers: h,
      payload: aFamily(),
    });
    assert.equal(family.statusCode, 201, family.body);
    const created = family.json<{ householdId: string; members: { personId: string }[] }>();
    // An arrival imported from a housing-placement notice (the same reference in both municipalities).
    const arrival = await t.app.inject({
      method: 'POST',
      url: `${M}/${code}/arrivals`,
      headers: h,
      payload: {
        households: [
          {
            reference: 'US-2025-0042',
            decisionDate: '2025-03-10',
            members: [
              {
                givenName: 'Ny',
                familyName: `Ankomst ${code}`,
                birthDate: '1990-01-01',
                sex: 'female',
                relation: 'head',
                residenceBasis: 'quota_refugee',
              },
            ],
          },
        ],
      },
    });
    assert.equal(arrival.statusCode, 200, arrival.body);
    const [head, , child] = created.members.map((m) => m.personId) as [string, string, string];
    persons[code] = [head, child];
    const userId = (
      await db
        .selectFrom('users')
        .select('id')
        .where('municipality_code', '=', code)
        .where('role', '=', 'caseworker')
        .executeTakeFirstOrThrow()
    ).id;
    const town = await db
      .insertInto('towns')
      .values({
        municipality_code: code,
        name: `By ${code}`,
        population: 5_000,
        public_transport: 'bus',
        services: ['school'],
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const school = await db
      .insertInto('institutions')
      .values({
        municipality_code: code,
        kind: 'school',
        name: `Skole ${code}`,
        town_id: town.id,
        capacity: 300,
        has_reception_class: true,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const company = await db
      .insertInto('companies')
      .values({ municipality_code: code, name: `Firma ${code}`, sector: 'Industri', town_id: town.id })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('positions')
      .values({
        municipality_code: code,
        company_id: company.id,
        kind: 'company_internship',
        title: 'Praktikant',
        hours_per_week: 20,
        real_opening: true,
      })
      .execute();
    const volunteer = await db
      .insertInto('volunteers')
      .values({
        municipality_code: code,
        given_name: 'Frivillig',
        family_name: code,
        languages: ['da', 'ar'],
        town_id: town.id,
        hours_per_month: 8,
        mentor: true,
        mentor_capacity: 2,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    // A registry record written through the API leaves a row in the registries' history.
    const association = await t.app.inject({
      method: 'POST',
      url: `${M}/${code}/associations`,
      headers: auth(await t.token(code, 'team_lead')),
      payload: { name: `Forening ${code}`, kind: 'Idræt', townId: town.id },
    });
    assert.equal(association.statusCode, 201, association.body);
    // The placement tables (no API writes them directly yet): a unit, a draft plan with one proposal, a mentorship.
    const unit = await db
      .insertInto('housing_units')
      .values({
        municipality_code: code,
        address: `Storegade 1, ${code}`,
        town_id: town.id,
        rooms: 3,
        rent_dkk: 5_500,
        landlord: 'housing_association',
        available_from: '2025-03-01',
        tenure: 'permanent',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const plan = await db
      .insertInto('placement_plans')
      .values({
        municipality_code: code,
        kind: 'housing',
        plan_date: '2025-03-01',
        parameters: '{}',
        summary: '{}',
        engine: 'test',
        created_by: userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('placement_proposals')
      .values({
        municipality_code: code,
        plan_id: plan.id,
        agent_kind: 'household',
        household_id: created.householdId,
        option_kind: 'housing_unit',
        option_id: unit.id,
        score: 1,
        explanation: '{}',
      })
      .execute();
    await db
      .insertInto('mentorships')
      .values({
        municipality_code: code,
        volunteer_id: volunteer.id,
        household_id: created.householdId,
        from_date: '2025-03-01',
        created_by: userId,
      })
      .execute();
    await db
      .insertInto('associations')
      .values({ municipality_code: code, name: `Forening ${code}`, kind: 'sport', town_id: town.id })
      .execute();
    const cases: [string, string, object][] = [
      ['PUT', `${head}/visitation`, { heldOn: '2025-03-05' }],
      ['PUT', `${head}/contract`, { goal: 'Job', goalKind: 'employment' }],
      ['PUT', `${head}/contact-person`, { userId, fromDate: '2025-03-01' }],
      ['POST', `${head}/activities`, { kind: 'danish_education', startDate: '2025-03-20', hoursPerWeek: 15 }],
      ['POST', `${head}/conversations`, { date: '2025-03-25', kind: 'other', repatriationGuidance: false }],
      ['POST', `${child}/enrolments`, { kind: 'school', institutionId: school.id, startDate: '2025-08-11' }],
      ['POST', `${child}/language-assessments`, { assessedOn: '2025-04-01', result: 'general' }],
      ['POST', `${head}/follow-ups`, { date: '2025-06-01', kind: 'contract' }],
      ['POST', `${head}/health-assessments`, { date: '2025-06-01', kind: 'offered', accepted: true }],
      ['POST', `${head}/repatriation-notices`, { date: '2025-06-01', kind: 'wish' }],
      ['POST', `${head}/reception-steps`, { kind: 'reception_program', date: '2025-03-05' }],
      [
        'POST',
        `${head}/outcomes/labour-market-periods`,
        { kind: 'benefit', benefit: 'self_support_and_return_benefit', from: '2025-03-01' },
      ],
      ['POST', `${head}/outcomes/educations`, { kind: 'vocational', completedOn: '2015-06-30', inDenmark: false }],
      [
        'POST',
        `${head}/outcomes/danish-educations`,
        { track: 'du2', referredOn: '2025-03-10', startedOn: '2025-04-01', module: 1 },
      ],
      ['POST', `${head}/outcomes/danish-tests`, { test: 'pd2', takenOn: '2026-06-12', passed: true }],
    ];
    for (const [method, path, payload] of cases) {
      const res = await t.app.inject({
        method: method as 'PUT' | 'POST',
        url: `${M}/${code}/persons/${path}`,
        headers: h,
        payload,
      });
      assert.ok(res.statusCode === 201, `${method} ${path}: ${res.statusCode} ${res.body}`);
    }
    // An appointment, an attachment, and a closure undone and made again (the undoing is in the change history).
    const more: [string, string, Record<string, string>, string | object][] = [
      [
        'POST',
        `${head}/appointments`,
        {},
        { startsAt: '2027-01-12T10:00:00+01:00', durationMinutes: 45, purpose: 'other', place: 'Rådhuset' },
      ],
      ['POST', `${head}/attachments?fileName=notat.txt`, { 'content-type': 'text/plain' }, 'Et notat.'],
      ['POST', `${child}/closure`, {}, { date: '2025-09-01', reason: 'self_supporting' }],
      ['DELETE', `${child}/closure?reason=Fejl`, { 'if-match': '*' }, ''],
      ['POST', `${child}/closure`, {}, { date: '2025-09-01', reason: 'self_supporting' }],
    ];
    for (const [method, path, headers, payload] of more) {
      const res = await t.app.inject({
        method: method as 'POST' | 'DELETE',
        url: `${M}/${code}/persons/${path}`,
        headers: { ...h, ...headers },
        ...(method === 'DELETE' ? {} : { payload }),
      });
      assert.ok(res.statusCode === 201 || res.statusCode === 204, `${method} ${path}: ${res.statusCode} ${res.body}`);
    }
    // The governance cycle, through the API as the team lead.
    const lead = auth(await t.token(code, 'team_lead'));
    const govCase = await t.app.inject({
      method: 'POST',
      url: `${M}/${code}/governance-cases`,
      headers: lead,
      payload: { title: 'Sag', decisionDate: '2026-12-10' },
    });
    assert.equal(govCase.statusCode, 201, govCase.body);
    const caseId = govCase.json<{ id: string }>().id;
    const govEvent = await t.app.inject({
      method: 'POST',
      url: `${M}/${code}/governance-events`,
      headers: lead,
      payload: { kind: 'hearing', date: '2026-11-01', title: 'Høring', caseId },
    });
    assert.equal(govEvent.statusCode, 201, govEvent.body);
    // The materialised obligations (0016): the worklist stores them, and a script's write leaves a mark.
    const list = await t.app.inject({ url: `${M}/${code}/worklist`, headers: lead });
    assert.equal(list.statusCode, 200, list.body);
    await sql`INSERT INTO conversations (municipality_code, person_id, held_on, kind, repatriation_guidance, created_at)
              VALUES (${code}, ${persons[code][0]}, '2026-11-02', 'other', true, now())`.execute(t.database.db);
  }

  before(async () => {
    t = await openTestApp(engine);
    await populate('580');
    await populate('813');
  });
  after(async () => {
    await t.close();
  });

  /** Rows per municipality, as the owner (who is not subject to row-level security). */
  async function ownerCounts(table: string): Promise<Record<string, number>> {
    const r = await sql<{
      code: string;
      n: string;
    }>`select municipality_code as code, count(*)::text as n from ${sql.table(table)} group by 1`.execute(
      t.database.db,
    );
    return Object.fromEntries(r.rows.map((row) => [row.code, Number(row.n)]));
  }

  test('the fixtures have rows of both 580 and 813 in every tenant-owned table', async () => {
    for (const table of TENANT_TABLES) {
      const counts = await ownerCounts(table);
      assert.ok((counts['580'] ?? 0) > 0 && (counts['813'] ?? 0) > 0, `${table}: ${JSON.stringify(counts)}`);
    }
  });

  test('with no tenant set, SELECT count(*) FROM persons returns 0 although persons exist in 580 and 813', async () => {
    const owner = await ownerCounts('persons');
    assert.ok(owner['580']! > 0 && owner['813']! > 0);
    const r = await asApp(t.database.db, (tx) => sql<{ n: string }>`SELECT count(*) AS n FROM persons`.execute(tx));
    assert.equal(count(r.rows), 0);
  });

  for (const table of TENANT_TABLES) {
    test(`with no tenant set, ${table} shows no rows and no row can be changed or deleted`, async () => {
      const db = t.database.db;
      const r = await asApp(db, (tx) => sql<{ n: string }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(tx));
      assert.equal(count(r.rows), 0);
      if (APPEND_ONLY.includes(table)) return; // not updatable by the application at all (see access-log.test.ts)
      if (NOT_UPDATABLE.includes(table)) {
        const deleted = await asApp(db, (tx) => sql`DELETE FROM ${sql.table(table)}`.execute(tx));
        assert.equal(Number(deleted.numAffectedRows ?? 0), 0);
        return;
      }
      const updated = await asApp(db, (tx) =>
        sql`UPDATE ${sql.table(table)} SET municipality_code = municipality_code`.execute(tx),
      );
      assert.equal(Number(updated.numAffectedRows ?? 0), 0);
    });
  }

  for (const table of TENANT_TABLES) {
    test(`with tenant 580 set, ${table} shows exactly 580's rows and none of 813's`, async () => {
      const owner = await ownerCounts(table);
      const r = await inTenant(t.database.db, '580', (tx) =>
        sql<{
          code: string;
          n: string;
        }>`SELECT municipality_code AS code, count(*)::text AS n FROM ${sql.table(table)} GROUP BY 1`.execute(tx),
      );
      assert.deepEqual(
        r.rows.map((row) => [row.code, Number(row.n)]),
        [['580', owner['580']]],
      );
      const theirs = await inTenant(t.database.db, '580', (tx) =>
        sql<{ n: string }>`SELECT count(*) AS n FROM ${sql.table(table)} WHERE municipality_code = '813'`.execute(tx),
      );
      assert.equal(count(theirs.rows), 0, 'even an explicit filter on 813 finds nothing');
    });
  }

  for (const table of TENANT_TABLES.filter((name) => !APPEND_ONLY.includes(name))) {
    test(`with tenant 580 set, an UPDATE or DELETE of 813's ${table} rows affects 0 rows`, async () => {
      const db = t.database.db;
      const before = await ownerCounts(table);
      if (NOT_UPDATABLE.includes(table))
        await assert.rejects(
          inTenant(db, '580', (tx) =>
            sql`UPDATE ${sql.table(table)} SET municipality_code = municipality_code`.execute(tx),
          ),
          /permission denied/,
        );
      else {
        const updated = await inTenant(db, '580', (tx) =>
          sql`UPDATE ${sql.table(table)} SET municipality_code = municipality_code WHERE municipality_code = '813'`.execute(
            tx,
          ),
        );
        assert.equal(Number(updated.numAffectedRows ?? 0), 0);
      }
      if (NOT_DELETABLE.includes(table))
        await assert.rejects(
          inTenant(db, '580', (tx) => sql`DELETE FROM ${sql.table(table)}`.execute(tx)),
          /permission denied/,
        );
      else {
        const deleted = await inTenant(db, '580', (tx) =>
          sql`DELETE FROM ${sql.table(table)} WHERE municipality_code = '813'`.execute(tx),
        );
        assert.equal(Number(deleted.numAffectedRows ?? 0), 0);
      }
      assert.deepEqual(await ownerCounts(table), before);
    });
  }

  test("with tenant 580 set, 813's person cannot be changed even by its id", async () => {
    const [head813] = persons['813']!;
    const updated = await inTenant(t.database.db, '580', (tx) =>
      tx.updateTable('persons').set({ given_name: 'Hijacked' }).where('id', '=', head813!).executeTakeFirst(),
    );
    assert.equal(Number(updated.numUpdatedRows), 0);
    const deleted = await inTenant(t.database.db, '580', (tx) =>
      tx.deleteFrom('follow_ups').where('person_id', '=', head813!).executeTakeFirst(),
    );
    assert.equal(Number(deleted.numDeletedRows), 0);
    const row = await t.database.db
      .selectFrom('persons')
      .select('given_name')
      .where('id', '=', head813!)
      .executeTakeFirstOrThrow();
    assert.equal(row.given_name, 'Amal');
  });

  test('with tenant 580 set, a row cannot be moved to 813 by an UPDATE', async () => {
    await assert.rejects(
      inTenant(t.database.db, '580', (tx) => sql`UPDATE follow_ups SET municipality_code = '813'`.execute(tx)),
      /row-level security/,
    );
  });

  for (const table of TENANT_TABLES) {
    test(`with tenant 580 set, inserting a ${table} row of 813 is refused by row-level security`, async () => {
      const db = t.database.db;
      // A copy of one of 580's rows with the municipality changed (ids regenerated where they
      // default, generated columns left to the database).
      const columns = await sql<{
        column_name: string;
        column_default: string | null;
        is_identity: string;
        is_generated: string;
      }>`
        select column_name, column_default, is_identity, is_generated from information_schema.columns
        where table_schema = 'public' and table_name = ${table} order by ordinal_position`.execute(db);
      const copied = columns.rows
        .filter(
          (c) =>
            c.column_name !== 'municipality_code' &&
            c.is_generated !== 'ALWAYS' &&
            !(c.column_name === 'id' && (c.column_default !== null || c.is_identity === 'YES')),
        )
        .map((c) => sql.ref(c.column_name));
      const before = await ownerCounts(table);
      await assert.rejects(
        inTenant(db, '580', (tx) =>
          sql`INSERT INTO ${sql.table(table)} (municipality_code, ${sql.join(copied)})
          SELECT '813', ${sql.join(copied)} FROM ${sql.table(table)} LIMIT 1`.execute(tx),
        ),
        /row-level security/,
      );
      assert.deepEqual(await ownerCounts(table), before);
    });
  }

  test("a raw query with no filter on municipality returns only the tenant's rows: the database refuses even if the route forgot to filter", async () => {
    const db = t.database.db;
    const owner = await ownerCounts('persons');
    const rows = await inTenant(db, '580', (tx) =>
      sql<{
        id: string;
        municipality_code: string;
        given_name: string;
      }>`SELECT id, municipality_code, given_name FROM persons`.execute(tx),
    );
    assert.equal(rows.rows.length, owner['580']);
    assert.ok(rows.rows.every((r) => r.municipality_code === '580'));
    assert.ok(!rows.rows.some((r) => persons['813']!.includes(r.id)));
    const joined = await inTenant(db, '813', (tx) =>
      sql<{ n: string }>`
      SELECT count(*) AS n FROM persons p JOIN activities a ON a.person_id = p.id JOIN users u ON u.id = a.created_by`.execute(
        tx,
      ),
    );
    assert.equal(count(joined.rows), 1, '813 sees its one activity, joined to its own person and user only');
    const kysely = await inTenant(db, '813', (tx) => tx.selectFrom('persons').select('municipality_code').execute());
    assert.equal(kysely.length, owner['813']);
    assert.ok(kysely.every((r) => r.municipality_code === '813'));
  });

  test('the application role is not superuser, not BYPASSRLS, a member of no role, and owns no table', async () => {
    const db = t.database.db;
    const role = await sql<{
      rolsuper: boolean;
      rolbypassrls: boolean;
      rolinherit: boolean;
      rolcreaterole: boolean;
      rolcreatedb: boolean;
    }>`
      select rolsuper, rolbypassrls, rolinherit, rolcreaterole, rolcreatedb from pg_roles where rolname = ${APP_ROLE}`.execute(
      db,
    );
    assert.equal(role.rows.length, 1, 'the role exists');
    assert.deepEqual(role.rows[0], {
      rolsuper: false,
      rolbypassrls: false,
      rolinherit: false,
      rolcreaterole: false,
      rolcreatedb: false,
    });
    const owned = await sql<{
      tablename: string;
    }>`select tablename from pg_tables where tableowner = ${APP_ROLE}`.execute(db);
    assert.deepEqual(owned.rows, []);
    const ownedAny = await sql<{
      relname: string;
    }>`select relname from pg_class where relowner = (select oid from pg_roles where rolname = ${APP_ROLE})`.execute(
      db,
    );
    assert.deepEqual(ownedAny.rows, [], 'no relation (table, view, sequence) either');
    const memberOf = await sql<{
      n: string;
    }>`select count(*) as n from pg_auth_members where member = (select oid from pg_roles where rolname = ${APP_ROLE})`.execute(
      db,
    );
    assert.equal(count(memberOf.rows), 0);
    const who = await inTenant(db, '580', (tx) => sql<{ current_user: string }>`select current_user`.execute(tx));
    assert.equal(who.rows[0]!.current_user, APP_ROLE, 'tenant work really runs as the application role');
  });

  test('row-level security is enabled with a policy on every table that has a municipality_code, and nowhere else is tenant data', async () => {
    const db = t.database.db;
    const tables = await sql<{ table_name: string }>`
      select distinct table_name from information_schema.columns
      where table_schema = 'public' and column_name = 'municipality_code' order by 1`.execute(db);
    assert.deepEqual(
      tables.rows.map((r) => r.table_name),
      [...TENANT_TABLES].sort(),
      'the tenant-owned tables are the ones listed here',
    );
    const rls = await sql<{ relname: string; relrowsecurity: boolean; policies: string }>`
      select c.relname, c.relrowsecurity, (select count(*) from pg_policy p where p.polrelid = c.oid)::text as policies
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind = 'r' order by 1`.execute(db);
    for (const row of rls.rows) {
      if (NOT_TENANT_OWNED.includes(row.relname)) continue;
      assert.equal(row.relrowsecurity, true, `${row.relname} has row-level security enabled`);
      assert.ok(Number(row.policies) >= 1, `${row.relname} has a policy`);
    }
    await assert.rejects(
      asApp(db, (tx) => sql`select * from settings`.execute(tx)),
      /permission denied/,
      'settings are for the owner only',
    );
  });

  test('every tenant-owned primary key and every foreign key begins with municipality_code', async () => {
    const db = t.database.db;
    const constraints = await sql<{
      table_name: string;
      conname: string;
      contype: string;
      first_column: string;
      columns: string;
      referenced: string | null;
    }>`
      select c.relname as table_name, k.conname, k.contype::text as contype,
             (select r.relname from pg_class r where r.oid = k.confrelid) as referenced,
             (select a.attname from pg_attribute a where a.attrelid = k.conrelid and a.attnum = k.conkey[1]) as first_column,
             (select string_agg(a.attname, ',' order by array_position(k.conkey, a.attnum)) from pg_attribute a
               where a.attrelid = k.conrelid and a.attnum = any (k.conkey)) as columns
      from pg_constraint k join pg_class c on c.oid = k.conrelid join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and k.contype in ('p', 'f') order by 1, 2`.execute(db);
    const relevant = constraints.rows.filter((r) => !NOT_TENANT_OWNED.includes(r.table_name));
    for (const table of TENANT_TABLES) {
      assert.ok(
        relevant.some((r) => r.table_name === table && r.contype === 'p'),
        `${table} has a primary key`,
      );
    }
    // A key into reference data (the municipalities every node holds, e.g. the municipality a person moved to) may not.
    const wrong = relevant
      .filter(
        (r) => r.first_column !== 'municipality_code' && !(r.contype === 'f' && r.referenced === 'municipalities'),
      )
      .map((r) => `${r.table_name}.${r.conname} (${r.contype}: ${r.columns})`);
    assert.deepEqual(wrong, [], 'keys that do not begin with municipality_code');
    const fks = relevant.filter((r) => r.contype === 'f');
    assert.ok(fks.length >= 20, `the foreign keys are all checked (${fks.length})`);
  });
});
