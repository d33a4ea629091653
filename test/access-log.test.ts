// Access-log completeness: every route that reads, searches, creates or changes personal data
// adds exactly the expected access-log rows (who, which person, what, why), a refused request
// adds none, the purpose is X-Purpose or the role's default, the application role can only
// append to the log, and the retention purge removes old rows only.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import type { InjectOptions } from 'fastify';
import { sql } from 'kysely';
import { purgeAccessLog } from '../src/db/database.js';
import { asApp, inTenant } from '../src/db/tenant.js';
import { DEFAULT_PURPOSE, type Role } from '../src/domain/authorization.js';
import { aFamily, auth, forEachEngine, openTestApp, type TestApp } from './helpers.js';

interface LogRow {
  id: string;
  municipality_code: string;
  user_id: string;
  user_name: string;
  role: string;
  person_id: string | null;
  action: string;
  purpose: string;
  criterion: string | null;
  resource: string;
}

const M = '/api/v1/municipalities';

forEachEngine('the access log records every use of personal data', (engine) => {
  let t: TestApp;
  let head: string;
  let spouse: string;
  let child: string;
  let head813: string;
  let caseworker: string;
  let caseworkerUserId: string;
  let caseworkerName: string;

  before(async () => {
    t = await openTestApp(engine);
    caseworker = await t.token('580', 'caseworker');
    const family = await t.app.inject({
      method: 'POST',
      url: `${M}/580/households`,
      headers: auth(caseworker),
      payload: aFamily(),
    });
    assert.equal(family.statusCode, 201, family.body);
    [head, spouse, child] = family.json<{ members: { personId: string }[] }>().members.map((m) => m.personId) as [
      string,
      string,
      string,
    ];
    const other = await t.app.inject({
      method: 'POST',
      url: `${M}/813/households`,
      headers: auth(await t.token('813', 'caseworker')),
      payload: aFamily(),
    });
    assert.equal(other.statusCode, 201, other.body);
    head813 = other.json<{ members: { personId: string }[] }>().members[0]!.personId;
    const user = await t.database.db
      .selectFrom('users')
      .select(['id', 'name'])
      .where('municipality_code', '=', '580')
      .where('role', '=', 'caseworker')
      .executeTakeFirstOrThrow();
    caseworkerUserId = user.id;
    caseworkerName = user.name;
  });
  after(async () => {
    await t.close();
  });

  async function lastId(): Promise<string> {
    const r = await sql<{ max: string }>`select coalesce(max(id), 0)::text as max from access_log`.execute(
      t.database.db,
    );
    return r.rows[0]!.max;
  }

  async function rowsAfter(id: string): Promise<LogRow[]> {
    const r =
      await sql<LogRow>`select id::text as id, municipality_code, user_id, user_name, role, person_id, action, purpose, criterion, resource
      from access_log where id > ${id}::bigint order by id`.execute(t.database.db);
    return r.rows;
  }

  /** Runs a request and returns it with the access-log rows it added. */
  async function logged(options: InjectOptions) {
    const before = await lastId();
    const res = await t.app.inject(options);
    return { res, rows: await rowsAfter(before) };
  }

  function assertCaseworkerRow(row: LogRow) {
    assert.equal(row.municipality_code, '580');
    assert.equal(row.user_id, caseworkerUserId);
    assert.equal(row.user_name, caseworkerName);
    assert.equal(row.role, 'caseworker');
    assert.equal(row.purpose, DEFAULT_PURPOSE.caseworker);
  }

  // ---- Reads, searches, creation ----------------------------------------------------------------

  test('reading a person adds one read row for that person and one for each household member shown beside them', async () => {
    const { res, rows } = await logged({ url: `${M}/580/persons/${head}`, headers: auth(caseworker) });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(rows.length, 3, JSON.stringify(rows));
    const byPerson = new Map(rows.map((r) => [r.person_id, r]));
    assert.deepEqual(
      [...byPerson.keys()].sort(),
      [head, spouse, child].sort(),
      "the members' names and birth dates are shown, so each is logged once",
    );
    assert.equal(byPerson.get(head)!.resource, 'person');
    assert.equal(byPerson.get(spouse)!.resource, 'household');
    assert.equal(byPerson.get(child)!.resource, 'household');
    for (const row of rows) {
      assert.equal(row.action, 'read');
      assert.equal(row.criterion, null);
      assertCaseworkerRow(row);
    }
  });

  test('reading a person with the full CPR number adds one read row that says so, for that person only', async () => {
    const { res, rows } = await logged({ url: `${M}/580/persons/${head}?reveal=cpr`, headers: auth(caseworker) });
    assert.equal(res.statusCode, 200, res.body);
    const own = rows.filter((r) => r.person_id === head);
    assert.equal(own.length, 1);
    assert.equal(own[0]!.action, 'read');
    assert.equal(own[0]!.criterion, 'full CPR number shown');
    assert.ok(
      rows.filter((r) => r.person_id !== head).every((r) => r.criterion === null),
      "the members' full CPR numbers were not shown",
    );
  });

  test('a name search adds one search row per person returned, with the criterion', async () => {
    const second = await t.app.inject({
      method: 'POST',
      url: `${M}/580/households`,
      headers: auth(caseworker),
      payload: aFamily(),
    });
    assert.equal(second.statusCode, 201);
    const { res, rows } = await logged({ url: `${M}/580/persons?query=haddad`, headers: auth(caseworker) });
    assert.equal(res.statusCode, 200, res.body);
    const ids = res.json<{ results: { id: string }[] }>().results.map((r) => r.id);
    assert.ok(ids.length >= 6, `both families of Aabenraa are found (${ids.length})`);
    assert.equal(rows.length, ids.length, 'one row per person returned');
    assert.deepEqual(rows.map((r) => r.person_id).sort(), [...ids].sort());
    assert.ok(!rows.some((r) => r.person_id === head813), 'no row for a person of another municipality');
    for (const row of rows) {
      assert.equal(row.action, 'search');
      assert.equal(row.resource, 'person-search');
      assert.equal(row.criterion, 'navn "haddad"');
      assertCaseworkerRow(row);
    }
  });

  test('a CPR search adds one search row for the person found, with the number masked', async () => {
    const family = aFamily();
    const created = await t.app.inject({
      method: 'POST',
      url: `${M}/580/households`,
      headers: auth(caseworker),
      payload: family,
    });
    const found = created.json<{ members: { personId: string }[] }>().members[0]!.personId;
    const cpr = family.members[0]!.cpr!;
    const { res, rows } = await logged({ url: `${M}/580/persons?query=${cpr}`, headers: auth(caseworker) });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.person_id, found);
    assert.equal(rows[0]!.action, 'search');
    assert.equal(rows[0]!.criterion, `CPR ${cpr.slice(0, 6)}-xxxx`);
  });

  test('a search that finds nobody still adds one search row, without a person', async () => {
    const { res, rows } = await logged({ url: `${M}/580/persons?query=zyxwv`, headers: auth(caseworker) });
    assert.equal(res.statusCode, 200);
    assert.equal(res.json<{ results: unknown[] }>().results.length, 0);
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.person_id, null);
    assert.equal(rows[0]!.action, 'search');
    assert.equal(rows[0]!.criterion, 'navn "zyxwv"');
  });

  test('registering a household adds one create row per member', async () => {
    const { res, rows } = await logged({
      method: 'POST',
      url: `${M}/580/households`,
      headers: auth(caseworker),
      payload: aFamily(),
    });
    assert.equal(res.statusCode, 201, res.body);
    const ids = res.json<{ members: { personId: string }[] }>().members.map((m) => m.personId);
    assert.equal(rows.length, 3);
    assert.deepEqual(rows.map((r) => r.person_id).sort(), [...ids].sort());
    for (const row of rows) {
      assert.equal(row.action, 'create');
      assert.equal(row.resource, 'household');
      assertCaseworkerRow(row);
    }
  });

  test('reading the access log adds one read row with resource access-log', async () => {
    const { res, rows } = await logged({ url: `${M}/580/persons/${spouse}/access-log`, headers: auth(caseworker) });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.action, 'read');
    assert.equal(rows[0]!.person_id, spouse);
    assert.equal(rows[0]!.resource, 'access-log');
    assertCaseworkerRow(rows[0]!);
  });

  test("reading a person's obligations adds one read row with resource obligations", async () => {
    const { res, rows } = await logged({
      url: `${M}/580/persons/${head}/obligations?on=2025-04-01`,
      headers: auth(caseworker),
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.action, 'read');
    assert.equal(rows[0]!.person_id, head);
    assert.equal(rows[0]!.resource, 'obligations');
    assertCaseworkerRow(rows[0]!);
  });

  test('the worklist adds one read row per person shown on the page, none for persons not shown', async () => {
    const { res, rows } = await logged({ url: `${M}/580/worklist?on=2025-06-01&limit=2`, headers: auth(caseworker) });
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json<{ total: number; items: { personId: string }[] }>();
    assert.ok(body.total > 2, `the worklist has more items than the page (${body.total})`);
    const shown = [...new Set(body.items.map((i) => i.personId))].sort();
    assert.equal(rows.length, shown.length, 'one row per person shown');
    assert.deepEqual(rows.map((r) => r.person_id).sort(), shown);
    for (const row of rows) {
      assert.equal(row.action, 'read');
      assert.equal(row.resource, 'worklist');
      assertCaseworkerRow(row);
    }
  });

  // ---- Changes -------------------------------------------------------------------------------

  test('changing a person adds one change row naming the changed fields', async () => {
    const read = await t.app.inject({ url: `${M}/580/persons/${spouse}`, headers: auth(caseworker) });
    const { res, rows } = await logged({
      method: 'PATCH',
      url: `${M}/580/persons/${spouse}`,
      headers: auth(caseworker, { 'if-match': read.headers.etag as string }),
      payload: { languages: ['ar', 'da'], countryOfOrigin: 'IQ' },
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.action, 'change');
    assert.equal(rows[0]!.person_id, spouse);
    assert.equal(rows[0]!.resource, 'person');
    assert.deepEqual(rows[0]!.criterion?.split(', ').sort(), ['countryOfOrigin', 'languages']);
    assertCaseworkerRow(rows[0]!);
  });

  const CASE_RECORDS: {
    method: 'PUT' | 'POST';
    path: string;
    resource: string;
    child?: boolean;
    body: () => object;
  }[] = [
    {
      method: 'PUT',
      path: 'visitation',
      resource: 'visitation',
      body: () => ({ heldOn: '2025-03-05', resources: 'Taler engelsk' }),
    },
    {
      method: 'PUT',
      path: 'contract',
      resource: 'contract',
      body: () => ({ goal: 'Ordinært job', goalKind: 'employment', signedOn: '2025-03-15' }),
    },
    {
      method: 'PUT',
      path: 'contact-person',
      resource: 'contact-person',
      body: () => ({ userId: caseworkerUserId, fromDate: '2025-03-01' }),
    },
    {
      method: 'POST',
      path: 'activities',
      resource: 'activity',
      body: () => ({ kind: 'danish_education', startDate: '2025-03-20', hoursPerWeek: 15 }),
    },
    {
      method: 'POST',
      path: 'conversations',
      resource: 'conversation',
      body: () => ({ date: '2025-03-25', kind: 'contract_follow_up', repatriationGuidance: false }),
    },
    {
      method: 'POST',
      path: 'enrolments',
      resource: 'enrolment',
      child: true,
      body: () => ({ kind: 'reception_class', startDate: '2025-08-11' }),
    },
    {
      method: 'POST',
      path: 'language-assessments',
      resource: 'language-assessment',
      child: true,
      body: () => ({ assessedOn: '2025-04-01', result: 'focused' }),
    },
    {
      method: 'POST',
      path: 'follow-ups',
      resource: 'follow-up',
      body: () => ({ date: '2025-06-01', kind: 'contract' }),
    },
  ];

  for (const record of CASE_RECORDS) {
    test(`${record.method} ${record.path} adds one change row for that person with resource ${record.resource}`, async () => {
      const person = record.child ? child : head;
      const { res, rows } = await logged({
        method: record.method,
        url: `${M}/580/persons/${person}/${record.path}`,
        headers: auth(caseworker),
        payload: record.body(),
      });
      assert.equal(res.statusCode, 201, res.body);
      assert.equal(rows.length, 1, JSON.stringify(rows));
      assert.equal(rows[0]!.action, 'change');
      assert.equal(rows[0]!.person_id, person);
      assert.equal(rows[0]!.resource, record.resource);
      assert.equal(rows[0]!.criterion, null);
      assertCaseworkerRow(rows[0]!);
    });
  }

  test('changing an existing contract with If-Match adds one more change row', async () => {
    const read = await t.app.inject({ url: `${M}/580/persons/${head}`, headers: auth(caseworker) });
    const etag = `"${read.json<{ contract: { version: number } }>().contract.version}"`;
    const { res, rows } = await logged({
      method: 'PUT',
      url: `${M}/580/persons/${head}/contract`,
      headers: auth(caseworker, { 'if-match': etag }),
      payload: { goal: 'SOSU-uddannelse', goalKind: 'education' },
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.action, 'change');
    assert.equal(rows[0]!.resource, 'contract');
  });

  // ---- Refused requests ---------------------------------------------------------------------------

  const REFUSED: { name: string; status: number; request: () => InjectOptions | Promise<InjectOptions> }[] = [
    {
      name: 'an analyst reading a person',
      status: 403,
      request: async () => ({ url: `${M}/580/persons/${head}`, headers: auth(await t.token('580', 'analyst')) }),
    },
    {
      name: 'housing staff writing a contract',
      status: 403,
      request: async () => ({
        method: 'PUT',
        url: `${M}/580/persons/${spouse}/contract`,
        headers: auth(await t.token('580', 'housing')),
        payload: { goal: 'x', goalKind: 'employment' },
      }),
    },
    {
      name: 'housing staff reading the access log',
      status: 403,
      request: async () => ({
        url: `${M}/580/persons/${head}/access-log`,
        headers: auth(await t.token('580', 'housing')),
      }),
    },
    {
      name: 'an analyst searching',
      status: 403,
      request: async () => ({ url: `${M}/580/persons?query=haddad`, headers: auth(await t.token('580', 'analyst')) }),
    },
    {
      name: 'an analyst reading the worklist',
      status: 403,
      request: async () => ({ url: `${M}/580/worklist`, headers: auth(await t.token('580', 'analyst')) }),
    },
    {
      name: "reading another municipality's obligations",
      status: 404,
      request: () => ({ url: `${M}/580/persons/${head813}/obligations`, headers: auth(caseworker) }),
    },
    {
      name: 'reading a person that does not exist',
      status: 404,
      request: () => ({ url: `${M}/580/persons/${randomUUID()}`, headers: auth(caseworker) }),
    },
    {
      name: "reading another municipality's person through the own municipality",
      status: 404,
      request: () => ({ url: `${M}/580/persons/${head813}`, headers: auth(caseworker) }),
    },
    {
      name: "reading another municipality's person through its municipality",
      status: 404,
      request: () => ({ url: `${M}/813/persons/${head813}`, headers: auth(caseworker) }),
    },
    {
      name: 'a citizen reading another person',
      status: 404,
      request: async () => ({
        url: `${M}/580/persons/${spouse}`,
        headers: auth(await t.token('580', 'citizen', head)),
      }),
    },
    {
      name: 'adding an activity to a person that does not exist',
      status: 404,
      request: () => ({
        method: 'POST',
        url: `${M}/580/persons/${randomUUID()}/activities`,
        headers: auth(caseworker),
        payload: { kind: 'igu', startDate: '2025-05-01', hoursPerWeek: 25 },
      }),
    },
    {
      name: 'an activity that ends before it starts',
      status: 422,
      request: () => ({
        method: 'POST',
        url: `${M}/580/persons/${head}/activities`,
        headers: auth(caseworker),
        payload: { kind: 'igu', startDate: '2025-05-01', endDate: '2025-04-01', hoursPerWeek: 25 },
      }),
    },
    {
      name: 'a follow-up dated in the future',
      status: 422,
      request: () => ({
        method: 'POST',
        url: `${M}/580/persons/${head}/follow-ups`,
        headers: auth(caseworker),
        payload: { date: '2030-01-01', kind: 'yearly' },
      }),
    },
    {
      name: 'a search of one character',
      status: 422,
      request: () => ({ url: `${M}/580/persons?query=a`, headers: auth(caseworker) }),
    },
    {
      name: 'a CPR search with an impossible date',
      status: 422,
      request: () => ({ url: `${M}/580/persons?query=310290-1234`, headers: auth(caseworker) }),
    },
    {
      name: 'a household with an invalid CPR number',
      status: 422,
      request: () => {
        const bad = aFamily();
        bad.members[0]!.cpr = '310290-1234';
        return { method: 'POST', url: `${M}/580/households`, headers: auth(caseworker), payload: bad };
      },
    },
    {
      name: 'a change without If-Match',
      status: 428,
      request: () => ({
        method: 'PATCH',
        url: `${M}/580/persons/${child}`,
        headers: auth(caseworker),
        payload: { languages: ['da'] },
      }),
    },
    {
      name: 'a change with a stale If-Match',
      status: 412,
      request: () => ({
        method: 'PATCH',
        url: `${M}/580/persons/${child}`,
        headers: auth(caseworker, { 'if-match': '"999"' }),
        payload: { languages: ['da'] },
      }),
    },
    {
      name: 'a contract change with a stale If-Match',
      status: 412,
      request: () => ({
        method: 'PUT',
        url: `${M}/580/persons/${head}/contract`,
        headers: auth(caseworker, { 'if-match': '"999"' }),
        payload: { goal: 'x', goalKind: 'employment' },
      }),
    },
    {
      name: 'a read with an over-long X-Purpose',
      status: 400,
      request: () => ({ url: `${M}/580/persons/${head}`, headers: auth(caseworker, { 'x-purpose': 'x'.repeat(201) }) }),
    },
    {
      name: 'a change with an invalid body',
      status: 400,
      request: () => ({
        method: 'POST',
        url: `${M}/580/persons/${head}/activities`,
        headers: auth(caseworker),
        payload: { kind: 'igu' },
      }),
    },
    { name: 'a read without a token', status: 401, request: () => ({ url: `${M}/580/persons/${head}` }) },
  ];

  for (const refused of REFUSED) {
    test(`${refused.name} is refused with ${refused.status} and adds no access-log row`, async () => {
      const { res, rows } = await logged(await refused.request());
      assert.equal(res.statusCode, refused.status, res.body);
      assert.deepEqual(rows, [], 'a refused request is not a use of personal data');
    });
  }

  // ---- Purpose --------------------------------------------------------------------------------

  test('the purpose is taken from X-Purpose when given (trimmed), for every row of the request', async () => {
    const { res, rows } = await logged({
      url: `${M}/580/persons?query=haddad`,
      headers: auth(caseworker, { 'x-purpose': '  Forberedelse af opfølgningssamtale ' }),
    });
    assert.equal(res.statusCode, 200);
    assert.ok(rows.length > 1);
    for (const row of rows) assert.equal(row.purpose, 'Forberedelse af opfølgningssamtale');
  });

  const READERS: { role: Role; person: () => string }[] = [
    { role: 'team_lead', person: () => head },
    { role: 'caseworker', person: () => head },
    { role: 'housing', person: () => head },
    { role: 'institution', person: () => child },
    { role: 'volunteer_coordinator', person: () => head },
    { role: 'citizen', person: () => head },
  ];

  for (const reader of READERS) {
    test(`without X-Purpose a ${reader.role}'s read is logged with the role's default purpose`, async () => {
      const personId = reader.person();
      const token = await t.token('580', reader.role, reader.role === 'citizen' ? personId : undefined);
      const { res, rows } = await logged({ url: `${M}/580/persons/${personId}`, headers: auth(token) });
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(rows.filter((r) => r.person_id === personId).length, 1);
      for (const row of rows) {
        assert.equal(row.role, reader.role);
        assert.equal(row.purpose, DEFAULT_PURPOSE[reader.role]);
      }
    });
  }

  // ---- Append-only and retention ---------------------------------------------------------------

  test('the application role cannot change or delete access-log rows', async () => {
    const db = t.database.db;
    const count = async () =>
      Number((await sql<{ n: string }>`select count(*)::text as n from access_log`.execute(db)).rows[0]!.n);
    const before = await count();
    assert.ok(before > 0);
    await assert.rejects(
      inTenant(db, '580', (tx) => sql`update access_log set purpose = 'x'`.execute(tx)),
      /permission denied/,
    );
    await assert.rejects(
      inTenant(db, '580', (tx) => sql`update access_log set person_id = null where person_id = ${head}`.execute(tx)),
      /permission denied/,
    );
    await assert.rejects(
      inTenant(db, '580', (tx) => sql`delete from access_log`.execute(tx)),
      /permission denied/,
    );
    await assert.rejects(
      inTenant(db, '580', (tx) => sql`delete from access_log where person_id = ${head}`.execute(tx)),
      /permission denied/,
    );
    await assert.rejects(
      inTenant(db, '580', (tx) => sql`truncate access_log`.execute(tx)),
      /permission denied/,
    );
    await assert.rejects(
      asApp(db, (tx) => sql`delete from access_log`.execute(tx)),
      /permission denied/,
    );
    assert.equal(await count(), before);
    assert.equal(
      Number(
        (await sql<{ n: string }>`select count(*)::text as n from access_log where purpose = 'x'`.execute(db)).rows[0]!
          .n,
      ),
      0,
    );
  });

  test('the application role can append to the access log of its own municipality only', async () => {
    const row = {
      user_id: caseworkerUserId,
      user_name: caseworkerName,
      role: 'caseworker',
      person_id: head,
      action: 'read',
      purpose: 'test',
      resource: 'person',
    };
    await inTenant(t.database.db, '580', (tx) =>
      tx
        .insertInto('access_log')
        .values({ municipality_code: '580', ...row })
        .execute(),
    );
    await assert.rejects(
      inTenant(t.database.db, '580', (tx) =>
        tx
          .insertInto('access_log')
          .values({ municipality_code: '813', ...row })
          .execute(),
      ),
      /row-level security/,
    );
  });

  test('purgeAccessLog removes rows older than the retention period and keeps newer ones', async () => {
    const db = t.database.db;
    const purpose = `purge test ${randomUUID()}`;
    const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000);
    const ages = { old: [3650, 400, 366], kept: [364, 30, 0] };
    for (const age of [...ages.old, ...ages.kept]) {
      await db
        .insertInto('access_log')
        .values({
          municipality_code: '580',
          at: daysAgo(age),
          user_id: caseworkerUserId,
          user_name: caseworkerName,
          role: 'caseworker',
          person_id: head,
          action: 'read',
          purpose,
          criterion: `${age} days`,
          resource: 'person',
        })
        .execute();
    }
    const total = async () =>
      Number((await sql<{ n: string }>`select count(*)::text as n from access_log`.execute(db)).rows[0]!.n);
    const before = await total();
    const deleted = await purgeAccessLog(db, 365);
    assert.equal(deleted, ages.old.length);
    const left = await db.selectFrom('access_log').select('criterion').where('purpose', '=', purpose).execute();
    assert.deepEqual(left.map((r) => r.criterion).sort(), ages.kept.map((a) => `${a} days`).sort());
    assert.equal(await total(), before - ages.old.length, 'the recent rows written by the requests above are all kept');
  });
});
