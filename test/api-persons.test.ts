import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { aFamily, auth, forEachEngine, openTestApp, type TestApp } from './helpers.js';

interface Person {
  givenName: string;
  cpr: string | null;
  program: string | null;
  languages: string[];
  household: { members: unknown[] };
}
interface Problem {
  errors: { pointer: string }[];
}

forEachEngine('households and persons over HTTP', (engine) => {
  let t: TestApp;
  before(async () => {
    t = await openTestApp(engine);
  });
  after(async () => {
    await t.close();
  });

  async function register(code = '580', family = aFamily()) {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/municipalities/${code}/households`,
      headers: auth(await t.token(code, 'caseworker')),
      payload: family,
    });
    assert.equal(res.statusCode, 201, res.body);
    return res.json<{ householdId: string; members: { personId: string }[] }>();
  }

  test("a caseworker registers a family and gets each member's person id", async () => {
    const created = await register();
    assert.equal(created.members.length, 3);
    const head = await t.app.inject({
      url: `/api/v1/municipalities/580/persons/${created.members[0]!.personId}`,
      headers: auth(await t.token('580', 'caseworker')),
    });
    assert.equal(head.statusCode, 200);
    const body = head.json<Person>();
    assert.equal(body.givenName, 'Amal');
    assert.equal(body.cpr, '010190-xxxx', 'the CPR number is masked by default');
    assert.equal(body.program, 'self_support_and_return');
    assert.equal(body.household.members.length, 3);
    assert.match(head.headers.etag as string, /^"\d+"$/);
  });

  test('the full CPR number is shown only when asked for, and that is logged', async () => {
    const { members } = await register();
    const token = await t.token('580', 'caseworker');
    const res = await t.app.inject({
      url: `/api/v1/municipalities/580/persons/${members[0]!.personId}?reveal=cpr`,
      headers: auth(token),
    });
    assert.match(res.json<Person>().cpr ?? '', /^010190-1\d{3}$/);
    const log = await t.app.inject({
      url: `/api/v1/municipalities/580/persons/${members[0]!.personId}/access-log`,
      headers: auth(token),
    });
    assert.ok(
      log
        .json<{ entries: { criterion: string | null }[] }>()
        .entries.some((e) => e.criterion === 'full CPR number shown'),
    );
  });

  test('every person read adds exactly one access-log row with user and purpose', async () => {
    const { members } = await register();
    const id = members[1]!.personId;
    const token = await t.token('580', 'caseworker');
    const count = async () =>
      Number(
        (
          await t.database.db
            .selectFrom('access_log')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('person_id', '=', id)
            .where('action', '=', 'read')
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    await t.app.inject({
      url: `/api/v1/municipalities/580/persons/${id}`,
      headers: auth(token, { 'x-purpose': 'Forberedelse af opfølgningssamtale' }),
    });
    assert.equal(await count(), before + 1);
    const row = await t.database.db
      .selectFrom('access_log')
      .selectAll()
      .where('person_id', '=', id)
      .where('action', '=', 'read')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    assert.equal(row.purpose, 'Forberedelse af opfølgningssamtale');
    assert.equal(row.role, 'caseworker');
  });

  test('a token for Aabenraa reading a person of Frederikshavn by id gets 404', async () => {
    const { members } = await register('813');
    const res = await t.app.inject({
      url: `/api/v1/municipalities/813/persons/${members[0]!.personId}`,
      headers: auth(await t.token('580', 'caseworker')),
    });
    assert.equal(res.statusCode, 404);
    assert.equal(res.headers['content-type'], 'application/problem+json');
    const viaOwn = await t.app.inject({
      url: `/api/v1/municipalities/580/persons/${members[0]!.personId}`,
      headers: auth(await t.token('580', 'caseworker')),
    });
    assert.equal(viaOwn.statusCode, 404, 'the row is invisible in the own tenant too');
  });

  test('search by name and by CPR number finds the person and logs the criterion masked', async () => {
    const family = aFamily();
    await register('580', family);
    const cpr = family.members[0]!.cpr!;
    const token = await t.token('580', 'caseworker');
    const byName = await t.app.inject({
      url: '/api/v1/municipalities/580/persons?query=amal%20hadd',
      headers: auth(token),
    });
    assert.equal(byName.statusCode, 200);
    assert.ok(byName.json<{ results: unknown[] }>().results.length >= 1);
    const byCpr = await t.app.inject({
      url: `/api/v1/municipalities/580/persons?query=${cpr.replace('-', '')}`,
      headers: auth(token),
    });
    assert.equal(byCpr.json<{ results: unknown[] }>().results.length >= 1, true);
    const logged = await t.database.db
      .selectFrom('access_log')
      .select('criterion')
      .where('action', '=', 'search')
      .execute();
    assert.ok(logged.some((r) => r.criterion === 'CPR 010190-xxxx'));
    assert.ok(!logged.some((r) => r.criterion?.includes(cpr.slice(7))), 'the full CPR number never reaches the log');
  });

  test('changing a person needs If-Match: 428 without, 412 when stale, 200 when current', async () => {
    const { members } = await register();
    const url = `/api/v1/municipalities/580/persons/${members[0]!.personId}`;
    const token = await t.token('580', 'caseworker');
    const read = await t.app.inject({ url, headers: auth(token) });
    const etag = read.headers.etag as string;
    const missing = await t.app.inject({
      method: 'PATCH',
      url,
      headers: auth(token),
      payload: { languages: ['ar', 'en'] },
    });
    assert.equal(missing.statusCode, 428);
    const ok = await t.app.inject({
      method: 'PATCH',
      url,
      headers: auth(token, { 'if-match': etag }),
      payload: { languages: ['ar', 'en'] },
    });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.deepEqual(ok.json<Person>().languages, ['ar', 'en']);
    const stale = await t.app.inject({
      method: 'PATCH',
      url,
      headers: auth(token, { 'if-match': etag }),
      payload: { languages: ['da'] },
    });
    assert.equal(stale.statusCode, 412);
    assert.equal(stale.headers['content-type'], 'application/problem+json');
  });

  test('an invalid CPR date is refused with the field named, but a failing modulus-11 check is accepted', async () => {
    const token = await t.token('580', 'caseworker');
    const bad = aFamily();
    bad.members[0]!.cpr = '310290-1234';
    bad.members[0]!.birthDate = '1990-02-28';
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/municipalities/580/households',
      headers: auth(token),
      payload: bad,
    });
    assert.equal(res.statusCode, 422);
    assert.equal(res.json<Problem>().errors[0]!.pointer, '/members/0/cpr');
    const mod11 = aFamily();
    mod11.members[0]!.cpr = '010190-1111'; // fails modulus 11 (sum 4*0+3*1+2*0+7*1+6*9+5*0+4*1+3*1+2*1+1 = 74)
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/v1/municipalities/580/households',
      headers: auth(await t.token('580', 'team_lead')),
      payload: mod11,
    });
    assert.equal(ok.statusCode, 201, ok.body);
  });

  test('an analyst sees no person; a citizen sees only their own, with dates and purposes in their log', async () => {
    const { members } = await register();
    const own = members[0]!.personId;
    const other = members[1]!.personId;
    const analyst = await t.app.inject({
      url: `/api/v1/municipalities/580/persons/${own}`,
      headers: auth(await t.token('580', 'analyst')),
    });
    assert.equal(analyst.statusCode, 403);
    const citizen = await t.token('580', 'citizen', own);
    assert.equal(
      (await t.app.inject({ url: `/api/v1/municipalities/580/persons/${own}`, headers: auth(citizen) })).statusCode,
      200,
    );
    assert.equal(
      (await t.app.inject({ url: `/api/v1/municipalities/580/persons/${other}`, headers: auth(citizen) })).statusCode,
      404,
    );
    const log = await t.app.inject({
      url: `/api/v1/municipalities/580/persons/${own}/access-log`,
      headers: auth(citizen),
    });
    assert.equal(log.statusCode, 200);
    const entries = log.json<{ entries: object[] }>().entries;
    assert.ok(entries.length > 0, "the citizen's own reading of their person is in their access log");
    for (const entry of entries) {
      assert.deepEqual(Object.keys(entry).sort(), ['action', 'date', 'purpose']);
    }
  });

  test('requests without a valid token get 401 problem+json', async () => {
    const res = await t.app.inject({ url: '/api/v1/municipalities/580/persons?query=amal' });
    assert.equal(res.statusCode, 401);
    const forged = await t.app.inject({
      url: '/api/v1/municipalities/580/persons?query=amal',
      headers: auth('mb_580_' + 'A'.repeat(43)),
    });
    assert.equal(forged.statusCode, 401);
  });
});
