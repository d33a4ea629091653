// Every person whose data a response shows gets exactly one access-log row for that response, on
// every route. The persons shown are derived from the response itself (every registered person
// whose id, or whose unambiguous full name, appears in the body: JSON, HTML or text) and compared
// with the rows the request wrote: no person shown without a row, no row without a person shown,
// no person twice. The route list comes from the OpenAPI document and the web pages, so a new
// route without a case here fails the test.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { seedDemo } from '../src/demo/seed.js';
import { buildApp } from '../src/app.js';
import { SESSION_COOKIE } from '../src/web/session.js';
import { auth, forEachEngine, openTestApp, TODAY, type TestApp } from './helpers.js';

const M = '/api/v1/municipalities/580';

interface Person {
  id: string;
  given_name: string;
  family_name: string;
  household_id: string;
  birth_date: string;
}

/** HTML entities preact-render-to-string writes, back to text. */
function decodeEntities(text: string): string {
  return text.replace(
    /&(amp|lt|gt|quot|#39|#x27|apos);/g,
    (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", '#x27': "'", apos: "'" })[e]!,
  );
}

forEachEngine('every person a response shows is logged once, and nobody else', (engine) => {
  let t: TestApp;
  let web: Awaited<ReturnType<typeof buildApp>>;
  let persons: Person[];
  const tokens: Record<string, string> = {};
  /** full name → persons bearing it */
  let byName: Map<string, Person[]>;
  const covered = new Set<string>();

  before(async () => {
    t = await openTestApp(engine);
    await seedDemo(t.database.db, t.vault, { today: TODAY });
    web = await buildApp({
      db: t.database.db,
      vault: t.vault,
      engine,
      today: () => TODAY,
      web: { db: t.database.db, vault: t.vault, auth: { rp: null, publicUrl: 'http://localhost:3000' } },
    });
    for (const role of ['caseworker', 'team_lead', 'housing', 'institution', 'volunteer_coordinator'] as const)
      tokens[role] = await t.token('580', role);
    await loadPersons();
    tokens.citizen = await t.token('580', 'citizen', persons.find((p) => p.birth_date < '2000-01-01')!.id);
  });
  after(async () => {
    await web.close();
    await t.close();
  });

  /** Everyone registered in 580, and who bears each full name (again after a request registers someone). */
  async function loadPersons(): Promise<void> {
    persons = (
      await sql<Person>`select id, given_name, family_name, household_id, birth_date::text from persons where municipality_code = '580'`.execute(
        t.database.db,
      )
    ).rows;
    byName = new Map();
    for (const p of persons) {
      const name = `${p.given_name} ${p.family_name}`;
      byName.set(name, [...(byName.get(name) ?? []), p]);
    }
  }

  async function lastLogId(): Promise<string> {
    return (await sql<{ max: string }>`select coalesce(max(id), 0)::text as max from access_log`.execute(t.database.db))
      .rows[0]!.max;
  }

  /** The persons a body shows: by id anywhere, or by a full name that only one person bears. */
  function shownIn(body: string): { ids: Set<string>; ambiguousNames: Set<string> } {
    const text = decodeEntities(body);
    const ids = new Set<string>();
    const ambiguousNames = new Set<string>();
    for (const m of text.matchAll(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g)) ids.add(m[0]);
    const known = new Set(persons.map((p) => p.id));
    for (const id of [...ids]) if (!known.has(id)) ids.delete(id);
    for (const [name, bearers] of byName) {
      const at = new RegExp(`(^|[^\\p{L}])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\p{L}])`, 'u');
      if (!at.test(text)) continue;
      if (bearers.length === 1) ids.add(bearers[0]!.id);
      else ambiguousNames.add(name);
    }
    return { ids, ambiguousNames };
  }

  /** Runs the request and checks the rows it wrote against the persons its response shows. */
  async function check(
    route: string,
    options: InjectOptions,
    expect: { status?: number; atLeast?: number } = {},
  ): Promise<LightMyRequestResponse> {
    covered.add(route);
    const before = await lastLogId();
    const res = await (options.cookies ? web : t.app).inject(options);
    if (expect.status !== undefined) assert.equal(res.statusCode, expect.status, `${route}: ${res.body.slice(0, 300)}`);
    const all = (
      await sql<{
        person_id: string | null;
        resource: string;
      }>`select person_id, resource from access_log where id > ${before}::bigint`.execute(t.database.db)
    ).rows;
    // Volunteers are persons outside the case register: their rows are compared on their own.
    const rows = all.filter((r) => r.resource !== 'volunteer').map((r) => ({ person_id: r.person_id }));
    if (route.includes('/volunteers') && res.statusCode < 400) {
      const volunteerIds = new Set(
        (await sql<{ id: string }>`select id from volunteers`.execute(t.database.db)).rows.map((r) => r.id),
      );
      const shownVolunteers = [...decodeEntities(res.body).matchAll(/[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12}/g)]
        .map((m) => m[0])
        .filter((id) => volunteerIds.has(id));
      const deleted = /\/volunteers\/([0-9a-f-]{36})$/.exec(typeof options.url === 'string' ? options.url : '')?.[1];
      const expected = new Set(options.method === 'DELETE' && deleted ? [deleted] : shownVolunteers);
      const loggedVolunteers = all.filter((r) => r.resource === 'volunteer').map((r) => r.person_id);
      assert.deepEqual(new Set(loggedVolunteers), expected, `${route}: the volunteers shown are the volunteers logged`);
      assert.equal(loggedVolunteers.length, expected.size, `${route}: each volunteer logged once`);
    }
    if (res.statusCode >= 400) {
      // A refused request shows nobody (a problem's `instance` echoes the URL, ids included) and logs nothing.
      assert.deepEqual(rows, [], `${route}: a refused request (${res.statusCode}) wrote access-log rows`);
      return res;
    }
    if (options.method === 'POST' || options.method === 'PUT' || options.method === 'PATCH') await loadPersons();
    const logged = rows.map((r) => r.person_id).filter((id): id is string => id !== null);
    const { ids: shown, ambiguousNames } = shownIn(res.body);
    // A record written to or read from a person's own URL is that person's data, shown or not.
    const own = /\/(?:persons|borgere)\/([0-9a-f-]{36})/.exec(typeof options.url === 'string' ? options.url : '')?.[1];
    if (own && res.statusCode < 400) shown.add(own);
    const missing = [...shown].filter((id) => !logged.includes(id));
    assert.deepEqual(missing, [], `${route}: ${missing.length} of ${shown.size} persons shown have no access-log row`);
    const twice = logged.filter((id, i) => logged.indexOf(id) !== i);
    assert.deepEqual(twice, [], `${route}: persons logged more than once for one response`);
    const ambiguousIds = new Set([...ambiguousNames].flatMap((n) => byName.get(n)!.map((p) => p.id)));
    const unshown = logged.filter((id) => !shown.has(id) && !ambiguousIds.has(id));
    assert.deepEqual(
      unshown,
      [],
      `${route}: ${unshown.length} access-log rows name persons the response does not show`,
    );
    if (expect.atLeast !== undefined)
      assert.ok(
        shown.size >= expect.atLeast,
        `${route}: expected at least ${expect.atLeast} persons shown, saw ${shown.size}: ${res.body.slice(0, 400)}`,
      );
    return res;
  }

  const aHousehold = () => persons.find((p) => persons.filter((q) => q.household_id === p.household_id).length >= 3)!;
  const membersOf = (p: Person) => persons.filter((q) => q.household_id === p.household_id);

  test('person routes: search, read, change, case records, obligations, access log', async () => {
    const cw = auth(tokens.caseworker!);
    const head = aHousehold();
    const surname = head.family_name.split(' ')[0]!;
    await check(
      'GET /api/v1/municipalities/{code}/persons',
      { url: `${M}/persons?query=${encodeURIComponent(surname)}`, headers: cw },
      { status: 200, atLeast: 1 },
    );
    await check(
      'GET /api/v1/municipalities/{code}/persons/{id}',
      { url: `${M}/persons/${head.id}`, headers: cw },
      { status: 200, atLeast: membersOf(head).length },
    );
    await check(
      'GET /api/v1/municipalities/{code}/persons/{id}',
      { url: `${M}/persons/${head.id}?reveal=cpr`, headers: cw },
      { status: 200 },
    );
    const read = await t.app.inject({ url: `${M}/persons/${head.id}`, headers: cw });
    await check(
      'PATCH /api/v1/municipalities/{code}/persons/{id}',
      {
        method: 'PATCH',
        url: `${M}/persons/${head.id}`,
        headers: { ...cw, 'if-match': String(read.headers.etag) },
        payload: { languages: ['ar', 'da'] },
      },
      { status: 200, atLeast: 1 },
    );
    await check(
      'GET /api/v1/municipalities/{code}/persons/{id}/obligations',
      { url: `${M}/persons/${head.id}/obligations`, headers: cw },
      { status: 200, atLeast: 1 },
    );
    await check(
      'GET /api/v1/municipalities/{code}/persons/{id}/reception-steps',
      { url: `${M}/persons/${head.id}/reception-steps`, headers: cw },
      { status: 200, atLeast: 1 },
    );
    await check(
      'GET /api/v1/municipalities/{code}/persons/{id}/access-log',
      { url: `${M}/persons/${head.id}/access-log`, headers: cw },
      { status: 200, atLeast: 1 },
    );
    await check(
      'GET /api/v1/municipalities/{code}/persons/{id}/access-log',
      { url: `${M}/persons/${head.id}/access-log`, headers: auth(tokens.citizen!) },
      {},
    );
    const current = (await t.app.inject({ url: `${M}/persons/${head.id}`, headers: cw })).json<{
      visitation: { version: number } | null;
      contract: { version: number } | null;
    }>();
    const ifMatch = (v: { version: number } | null): Record<string, string> =>
      v ? { 'if-match': `"${v.version}"` } : {};
    const writes: [string, string, Record<string, unknown>, Record<string, string>][] = [
      ['POST', 'activities', { kind: 'danish_education', startDate: '2025-05-01', hoursPerWeek: 12 }, {}],
      ['POST', 'conversations', { date: '2025-05-02', kind: 'contract_follow_up', repatriationGuidance: true }, {}],
      ['POST', 'follow-ups', { date: '2025-05-03', kind: 'yearly' }, {}],
      ['POST', 'health-assessments', { date: '2025-05-03', kind: 'offered', accepted: true }, {}],
      ['POST', 'repatriation-notices', { date: '2025-05-03', kind: 'wish' }, {}],
      ['POST', 'reception-steps', { kind: 'rights_and_duties_information', date: TODAY }, {}],
      [
        'PUT',
        'visitation',
        { heldOn: '2025-05-04', resources: 'r', qualifications: 'q', wishes: 'w', challenges: 'c' },
        ifMatch(current.visitation),
      ],
      ['PUT', 'contract', { goal: 'g', goalKind: 'employment' }, ifMatch(current.contract)],
    ];
    for (const [method, path, payload, extra] of writes) {
      const res = await check(
        `${method} /api/v1/municipalities/{code}/persons/{id}/${path}`,
        { method: method, url: `${M}/persons/${head.id}/${path}`, headers: { ...cw, ...extra }, payload },
        {},
      );
      assert.ok(res.statusCode < 300, `${path}: ${res.body.slice(0, 300)}`);
    }
    const child = persons.find((p) => p.birth_date > '2015-01-01')!;
    for (const [path, payload] of [
      ['enrolments', { kind: 'daycare', startDate: TODAY }],
      ['language-assessments', { assessedOn: TODAY, result: 'general' }],
    ] as const) {
      const res = await check(
        `POST /api/v1/municipalities/{code}/persons/{id}/${path}`,
        { method: 'POST', url: `${M}/persons/${child.id}/${path}`, headers: cw, payload },
        {},
      );
      assert.ok(res.statusCode < 300, `${path}: ${res.body.slice(0, 300)}`);
    }
    const users = await t.database.db
      .selectFrom('users')
      .select('id')
      .where('municipality_code', '=', '580')
      .where('role', '=', 'caseworker')
      .execute();
    const contact = await t.app.inject({ url: `${M}/persons/${head.id}`, headers: cw });
    const version = contact.json<{ contactPerson: { version: number } | null }>().contactPerson?.version;
    await check(
      'PUT /api/v1/municipalities/{code}/persons/{id}/contact-person',
      {
        method: 'PUT',
        url: `${M}/persons/${head.id}/contact-person`,
        headers: { ...cw, ...(version ? { 'if-match': `"${version}"` } : {}) },
        payload: { userId: users[0]!.id, fromDate: TODAY },
      },
      { status: 200 },
    );
    await check(
      'POST /api/v1/municipalities/{code}/households',
      {
        method: 'POST',
        url: `${M}/households`,
        headers: cw,
        payload: {
          takeoverDate: '2025-03-01',
          members: [
            {
              givenName: 'Zahra',
              familyName: 'Coverage-Test',
              birthDate: '1991-02-03',
              sex: 'female',
              residenceBasis: 'quota_refugee',
              relation: 'head',
            },
          ],
        },
      },
      { status: 201 },
    );
  });

  test('outcome records: reading them, recording each kind and ending a period log the person once', async () => {
    const cw = auth(tokens.caseworker!);
    const head = aHousehold();
    const route = 'api/v1/municipalities/{code}/persons/{id}/outcomes';
    const url = `${M}/persons/${head.id}/outcomes`;
    // One day no other record of the person can overlap: their birthday, or the first day the API accepts.
    const day = head.birth_date > '1990-01-01' ? head.birth_date : '1990-01-01';
    const period = await check(
      `POST /${route}/labour-market-periods`,
      {
        method: 'POST',
        url: `${url}/labour-market-periods`,
        headers: cw,
        payload: { kind: 'other', from: day, to: day },
      },
      { status: 201, atLeast: 1 },
    );
    await check(
      `PATCH /${route}/labour-market-periods/{periodId}`,
      {
        method: 'PATCH',
        url: `${url}/labour-market-periods/${period.json<{ id: string }>().id}`,
        headers: { ...cw, 'if-match': String(period.headers.etag) },
        payload: { to: day },
      },
      { status: 200, atLeast: 1 },
    );
    await check(
      `POST /${route}/educations`,
      {
        method: 'POST',
        url: `${url}/educations`,
        headers: cw,
        payload: { kind: 'higher', completedOn: TODAY, inDenmark: true },
      },
      { status: 201, atLeast: 1 },
    );
    await check(
      `POST /${route}/danish-educations`,
      { method: 'POST', url: `${url}/danish-educations`, headers: cw, payload: { track: 'du3', referredOn: TODAY } },
      { status: 201, atLeast: 1 },
    );
    await check(
      `POST /${route}/danish-tests`,
      {
        method: 'POST',
        url: `${url}/danish-tests`,
        headers: cw,
        payload: { test: 'studieproeve', takenOn: TODAY, passed: true },
      },
      { status: 201, atLeast: 1 },
    );
    await check(`GET /${route}`, { url, headers: cw }, { status: 200, atLeast: 1 });
    await check(`GET /${route}`, { url, headers: auth(tokens.housing!) }, { status: 403 });
    // The CSV import: each person written (or, in a dry run, checked) is shown and logged once.
    const spouse = membersOf(head).find((p) => p.id !== head.id)!;
    const csv = [
      'person_id,record,test,taken_on,passed',
      `${head.id},danish_test,pd1,${TODAY},true`,
      `${spouse.id},danish_test,pd2,${TODAY},false`,
      `${head.id},danish_test,pd2,${TODAY},true`,
    ].join('\n');
    for (const query of ['?dryRun=true', '']) {
      await check(
        'POST /api/v1/municipalities/{code}/outcomes/import',
        {
          method: 'POST',
          url: `${M}/outcomes/import${query}`,
          headers: { ...cw, 'content-type': 'text/csv' },
          payload: csv,
        },
        { status: 200, atLeast: 2 },
      );
    }
    await check(
      'POST /api/v1/municipalities/{code}/outcomes/import',
      {
        method: 'POST',
        url: `${M}/outcomes/import`,
        headers: { ...cw, 'content-type': 'text/csv' },
        payload: `${csv}\n${head.id},danish_test,pd9,${TODAY},true`,
      },
      { status: 422 },
    );
  });

  test('arrivals: an import logs each person it creates, and each person of a skipped household it shows; adding a member logs the member', async () => {
    const cw = auth(tokens.caseworker!);
    const household = (reference: string, familyName: string) => ({
      reference,
      decisionDate: '2025-03-10',
      members: [
        {
          givenName: 'Zebulon',
          familyName,
          birthDate: '1980-02-02',
          sex: 'male',
          relation: 'head',
          residenceBasis: 'quota_refugee',
        },
        {
          givenName: 'Xenia',
          familyName,
          birthDate: '2015-02-02',
          sex: 'female',
          relation: 'child',
          residenceBasis: 'accompanying_child',
        },
      ],
    });
    const first = { households: [household('DAEK-1', 'Ankomstdaekning')] };
    // A dry run of a new notice shows no registered person and logs nothing; the import logs both members.
    await check(
      'POST /api/v1/municipalities/{code}/arrivals',
      { method: 'POST', url: `${M}/arrivals?dryRun=true`, headers: cw, payload: first },
      { status: 200 },
    );
    const created = await check(
      'POST /api/v1/municipalities/{code}/arrivals',
      { method: 'POST', url: `${M}/arrivals`, headers: cw, payload: first },
      { status: 200, atLeast: 2 },
    );
    const householdId = created.json<{ households: { id: string }[] }>().households[0]!.id;
    // Again, with a new household beside it, as CSV: the skipped household's members are shown (read), the new ones created.
    const csv = [
      'reference,decision_date,given_name,family_name,birth_date,sex,relation,residence_basis',
      'DAEK-1,2025-03-10,Zebulon,Ankomstdaekning,1980-02-02,male,head,quota_refugee',
      'DAEK-2,2025-03-10,Quirin,Ankomstdaekningto,1979-03-03,male,head,quota_refugee',
    ].join('\n');
    await check(
      'POST /api/v1/municipalities/{code}/arrivals',
      { method: 'POST', url: `${M}/arrivals`, headers: { ...cw, 'content-type': 'text/csv' }, payload: csv },
      { status: 200, atLeast: 3 },
    );
    await check(
      'POST /api/v1/municipalities/{code}/arrivals',
      {
        method: 'POST',
        url: `${M}/arrivals`,
        headers: cw,
        payload: { households: [household('DAEK-3', 'Ankomstfejl')].map((h) => ({ ...h, decisionDate: 'x' })) },
      },
      { status: 422 },
    );
    await check(
      'POST /api/v1/municipalities/{code}/households/{householdId}/members',
      {
        method: 'POST',
        url: `${M}/households/${householdId}/members`,
        headers: cw,
        payload: {
          givenName: 'Wilhelmina',
          familyName: 'Ankomstdaekning',
          birthDate: '1982-04-04',
          sex: 'female',
          relation: 'spouse',
          residenceBasis: 'family_reunified',
          decisionDate: '2026-02-05',
        },
      },
      { status: 201, atLeast: 1 },
    );
    // The page: its preview of a notice imported before shows the members of the skipped household, each logged once.
    const session = { [SESSION_COOKIE]: tokens.caseworker! };
    await check('GET /ankomster', { url: '/ankomster', cookies: session }, { status: 200 });
    const html = (await web.inject({ url: '/ankomster', cookies: session })).body;
    const csrf = /name="_csrf" value="([^"]+)"/.exec(html)![1]!;
    const form = new FormData();
    form.set('_csrf', csrf);
    form.set('action', 'preview');
    form.set('fil', new Blob([JSON.stringify(first)], { type: 'application/json' }), 'ankomster.json');
    const encoded = new Response(form);
    await check(
      'POST /ankomster',
      {
        method: 'POST',
        url: '/ankomster',
        cookies: session,
        headers: { 'content-type': encoded.headers.get('content-type')! },
        payload: Buffer.from(await encoded.arrayBuffer()),
      },
      { status: 200, atLeast: 2 },
    );
  });

  test('appointments, the calendar, letters and attachments log the persons they show once', async () => {
    const cw = auth(tokens.caseworker!);
    const head = aHousehold();
    const base = `${M}/persons/${head.id}/appointments`;
    const route = 'api/v1/municipalities/{code}/persons/{id}/appointments';
    const book = (startsAt: string) =>
      check(
        `POST /${route}`,
        {
          method: 'POST',
          url: base,
          headers: cw,
          payload: { startsAt, durationMinutes: 45, purpose: 'contract_follow_up', place: 'Jobcentret' },
        },
        { status: 201, atLeast: 1 },
      );
    const a = (await book('2026-12-15T10:00:00+01:00')).json<{ id: string }>();
    const b = await book('2026-12-16T10:00:00+01:00');
    await check(`GET /${route}`, { url: base, headers: cw }, { status: 200, atLeast: 1 });
    await check(`GET /${route}/proposals`, { url: `${base}/proposals`, headers: cw }, { status: 200 });
    await check(
      `PATCH /${route}/{appointmentId}`,
      {
        method: 'PATCH',
        url: `${base}/${a.id}`,
        headers: { ...cw, 'if-match': '"1"' },
        payload: { startsAt: '2026-12-15T11:00:00+01:00' },
      },
      { status: 200, atLeast: 1 },
    );
    await check(
      `GET /${route}/{appointmentId}/letter.pdf`,
      { url: `${base}/${a.id}/letter.pdf`, headers: cw },
      { status: 200 },
    );
    await check(
      `DELETE /${route}/{appointmentId}`,
      {
        method: 'DELETE',
        url: `${base}/${b.json<{ id: string }>().id}`,
        headers: { ...cw, 'if-match': String(b.headers.etag) },
        payload: { reason: 'Flyttet' },
      },
      { status: 200, atLeast: 1 },
    );
    // Not yet begun: refused, and nothing logged.
    for (const [path, payload] of [
      ['held', { repatriationGuidance: true }],
      ['no-show', { reason: 'Kom ikke' }],
    ] as const)
      await check(
        `POST /${route}/{appointmentId}/${path}`,
        { method: 'POST', url: `${base}/${a.id}/${path}`, headers: cw, payload },
        { status: 422 },
      );
    // On a later day (the clock moved on), held and no-show are recorded.
    const later = await buildApp({ db: t.database.db, vault: t.vault, engine, today: () => '2026-12-20' });
    try {
      for (const [path, payload, id] of [
        ['held', { repatriationGuidance: true }, a.id],
        ['no-show', { reason: 'Kom ikke' }, (await book('2026-12-17T09:00:00+01:00')).json<{ id: string }>().id],
      ] as const) {
        covered.add(`POST /${route}/{appointmentId}/${path}`);
        const before = await lastLogId();
        const res = await later.inject({ method: 'POST', url: `${base}/${id}/${path}`, headers: cw, payload });
        assert.equal(res.statusCode, 200, res.body);
        const rows = (
          await sql<{
            person_id: string | null;
          }>`select person_id from access_log where id > ${before}::bigint`.execute(t.database.db)
        ).rows;
        assert.deepEqual(
          rows.map((r) => r.person_id),
          [head.id],
          `${path}: the person once`,
        );
      }
    } finally {
      await later.close();
    }
    await check(
      'GET /api/v1/municipalities/{code}/calendar',
      { url: `${M}/calendar?from=2026-12-14&to=2026-12-20&caseworker=all`, headers: cw },
      { status: 200, atLeast: 1 },
    );
    await check(
      'GET /api/v1/municipalities/{code}/persons/{id}/contract.pdf',
      { url: `${M}/persons/${head.id}/contract.pdf`, headers: cw },
      { status: 200 },
    );
    const files = `${M}/persons/${head.id}/attachments`;
    const file = await check(
      'POST /api/v1/municipalities/{code}/persons/{id}/attachments',
      {
        method: 'POST',
        url: `${files}?fileName=notat.txt`,
        headers: { ...cw, 'content-type': 'text/plain' },
        payload: 'Et notat.',
      },
      { status: 201, atLeast: 1 },
    );
    const fileId = file.json<{ id: string }>().id;
    await check(
      'GET /api/v1/municipalities/{code}/persons/{id}/attachments',
      { url: files, headers: cw },
      { status: 200 },
    );
    await check(
      'GET /api/v1/municipalities/{code}/persons/{id}/attachments/{attachmentId}',
      { url: `${files}/${fileId}`, headers: cw },
      { status: 200 },
    );
    await check(
      'DELETE /api/v1/municipalities/{code}/persons/{id}/attachments/{attachmentId}',
      { method: 'DELETE', url: `${files}/${fileId}`, headers: cw, payload: { reason: 'Forkert fil' } },
      { status: 200, atLeast: 1 },
    );
    const cookie = { [SESSION_COOKIE]: tokens.caseworker! };
    await check(
      'GET /kalender',
      { url: '/kalender?uge=2026-W51&sagsbehandler=all', cookies: cookie },
      { status: 200, atLeast: 1 },
    );
    await check(
      'GET /borgere/:id/aftaler/:appointmentId',
      { url: `/borgere/${head.id}/aftaler/${a.id}`, cookies: cookie },
      { status: 200, atLeast: 1 },
    );
  });

  test('the worklist shows and logs each person on its page once, for every status filter and page', async () => {
    for (const url of [`${M}/worklist`, `${M}/worklist?status=overdue`, `${M}/worklist?limit=20&offset=20`]) {
      await check(
        'GET /api/v1/municipalities/{code}/worklist',
        { url, headers: auth(tokens.team_lead!) },
        { status: 200, atLeast: 1 },
      );
    }
  });

  test('placement plans: running, listing, reading and deciding each kind log exactly the persons the plan shows', async () => {
    // School seats for the next school start, when the demo's children turning six need one.
    const kinds = [
      ['housing', 'housing', TODAY],
      ['daycare', 'institution', TODAY],
      ['school', 'institution', '2027-08-01'],
      ['internships', 'caseworker', TODAY],
      ['mentors', 'volunteer_coordinator', TODAY],
    ] as const;
    for (const [kind, role, date] of kinds) {
      const headers = auth(tokens[role]!);
      const run = await check(
        'POST /api/v1/municipalities/{code}/placement-plans',
        { method: 'POST', url: `${M}/placement-plans`, headers, payload: { kind, date } },
        { status: 201, atLeast: 1 },
      );
      const plan = run.json<{ id: string; proposals: { id: string }[] }>();
      await check(
        'GET /api/v1/municipalities/{code}/placement-plans',
        { url: `${M}/placement-plans?kind=${kind}`, headers },
        { status: 200 },
      );
      const read = await check(
        'GET /api/v1/municipalities/{code}/placement-plans/{id}',
        { url: `${M}/placement-plans/${plan.id}`, headers },
        { status: 200, atLeast: 1 },
      );
      if (plan.proposals.length > 0) {
        await check(
          'POST /api/v1/municipalities/{code}/placement-plans/{id}/decisions',
          {
            method: 'POST',
            url: `${M}/placement-plans/${plan.id}/decisions`,
            headers: { ...headers, 'if-match': String(read.headers.etag) },
            payload: { reject: [plan.proposals[0]!.id] },
          },
          { status: 200, atLeast: 1 },
        );
      }
    }
  });

  test("registries: each route logs the volunteers it shows and nobody else; a household's facts log its members", async () => {
    const kinds = [
      ['towns', 'housing'],
      ['housing-units', 'housing'],
      ['institutions', 'institution'],
      ['companies', 'team_lead'],
      ['positions', 'team_lead'],
      ['volunteers', 'volunteer_coordinator'],
      ['associations', 'volunteer_coordinator'],
    ] as const;
    const townId = (
      await sql<{ id: string }>`select id from towns where municipality_code = '580' limit 1`.execute(t.database.db)
    ).rows[0]!.id;
    const companyId = (
      await sql<{ id: string }>`select id from companies where municipality_code = '580' limit 1`.execute(t.database.db)
    ).rows[0]!.id;
    const fresh: Record<(typeof kinds)[number][0], [Record<string, unknown>, Record<string, unknown>]> = {
      towns: [{ name: 'Logby', population: 10, publicTransport: 'limited' }, { population: 11 }],
      'housing-units': [
        {
          address: 'Logvej 1',
          townId,
          landlord: 'private',
          rooms: 2,
          rentDkk: 5000,
          tenure: 'permanent',
          availableFrom: TODAY,
        },
        { rentDkk: 5100 },
      ],
      institutions: [{ name: 'Logbørnehuset', kind: 'daycare', townId, capacity: 40 }, { capacity: 41 }],
      companies: [{ name: 'Log ApS', sector: 'Handel', townId }, { sector: 'Detail' }],
      positions: [
        { companyId, kind: 'ordinary_job', title: 'Lager', hoursPerWeek: 37, realOpening: true },
        { seats: 2 },
      ],
      volunteers: [
        { givenName: 'Vera', familyName: 'Logsen', townId, hoursPerMonth: 4, mentor: true },
        { hoursPerMonth: 6 },
      ],
      associations: [{ name: 'Logforeningen', kind: 'Idræt', townId }, { activities: ['sport'] }],
    };
    for (const [kind, role] of kinds) {
      const headers = auth(tokens[role]!);
      const [created, change] = fresh[kind];
      await check(`GET /api/v1/municipalities/{code}/${kind}`, { url: `${M}/${kind}`, headers }, { status: 200 });
      const made = await check(
        `POST /api/v1/municipalities/{code}/${kind}`,
        { method: 'POST', url: `${M}/${kind}`, headers, payload: created },
        { status: 201 },
      );
      const id = made.json<{ id: string }>().id;
      const read = await check(
        `GET /api/v1/municipalities/{code}/${kind}/{id}`,
        { url: `${M}/${kind}/${id}`, headers },
        { status: 200 },
      );
      const changed = await check(
        `PATCH /api/v1/municipalities/{code}/${kind}/{id}`,
        {
          method: 'PATCH',
          url: `${M}/${kind}/${id}`,
          headers: { ...headers, 'if-match': String(read.headers.etag) },
          payload: change,
        },
        { status: 200 },
      );
      const exported = await check(
        `GET /api/v1/municipalities/{code}/${kind}`,
        { url: `${M}/${kind}?format=csv`, headers },
        { status: 200 },
      );
      const [header] = exported.body.split('\r\n');
      await check(
        `POST /api/v1/municipalities/{code}/${kind}/import`,
        {
          method: 'POST',
          url: `${M}/${kind}/import`,
          headers: { ...headers, 'content-type': 'text/csv' },
          payload: `${header ?? ''}\r\n${exported.body.split('\r\n').find((l) => l.startsWith(id)) ?? ''}\r\n`,
        },
        { status: 200 },
      );
      await check(
        `DELETE /api/v1/municipalities/{code}/${kind}/{id}`,
        {
          method: 'DELETE',
          url: `${M}/${kind}/${id}`,
          headers: { ...headers, 'if-match': `"${String(changed.json<{ version: number }>().version + 1)}"` },
        },
        { status: 204 },
      );
    }
    const head = aHousehold();
    const headers = auth(tokens.caseworker!);
    const facts = await check(
      'GET /api/v1/municipalities/{code}/households/{householdId}',
      { url: `${M}/households/${head.household_id}`, headers },
      { status: 200, atLeast: membersOf(head).length },
    );
    await check(
      'PATCH /api/v1/municipalities/{code}/households/{householdId}',
      {
        method: 'PATCH',
        url: `${M}/households/${head.household_id}`,
        headers: { ...headers, 'if-match': String(facts.headers.etag) },
        payload: { wishes: 'Tæt på familie' },
      },
      { status: 200, atLeast: membersOf(head).length },
    );
  });

  test('governance routes show no person and log nothing', async () => {
    const headers = auth(tokens.team_lead!);
    const c = await check(
      'POST /api/v1/municipalities/{code}/governance-cases',
      {
        method: 'POST',
        url: `${M}/governance-cases`,
        headers,
        payload: { title: 'Boligsocial helhedsplan', decisionDate: '2026-12-10' },
      },
      { status: 201 },
    );
    const caseId = c.json<{ id: string }>().id;
    await check(
      'POST /api/v1/municipalities/{code}/governance-events',
      {
        method: 'POST',
        url: `${M}/governance-events`,
        headers,
        payload: { kind: 'hearing', date: '2026-11-20', title: 'Høring', caseId },
      },
      { status: 201 },
    );
    await check(
      'GET /api/v1/municipalities/{code}/governance-events',
      { url: `${M}/governance-events`, headers },
      { status: 200 },
    );
    await check('GET /api/v1/municipalities/{code}/governance', { url: `${M}/governance`, headers }, { status: 200 });
    await check(
      'GET /api/v1/municipalities/{code}/indicators',
      { url: `${M}/indicators?year=2025&breakdown=sex`, headers },
      { status: 200 },
    );
    // The annual report (HTML: the names in it are found like any page's): aggregates only, nobody shown or logged.
    await check(
      'GET /api/v1/municipalities/{code}/reports/annual',
      { url: `${M}/reports/annual?year=2025`, headers },
      { status: 200 },
    );
  });

  test('web pages: the worklist, search, the person page and its access log', async () => {
    const cookie = (role: 'caseworker' | 'team_lead' | 'housing' | 'institution') => ({
      [SESSION_COOKIE]: tokens[role]!,
    });
    const head = aHousehold();
    await check('GET /', { url: '/', cookies: cookie('team_lead') }, { status: 200, atLeast: 1 });
    await check(
      'GET /borgere',
      { url: `/borgere?q=${encodeURIComponent(head.family_name.split(' ')[0]!)}`, cookies: cookie('caseworker') },
      { status: 200, atLeast: 1 },
    );
    await check(
      'GET /borgere/:id',
      { url: `/borgere/${head.id}`, cookies: cookie('caseworker') },
      { status: 200, atLeast: membersOf(head).length },
    );
    await check(
      'GET /borgere/:id/adgangslog',
      { url: `/borgere/${head.id}/adgangslog`, cookies: cookie('caseworker') },
      { status: 200, atLeast: 1 },
    );
    const child = persons.find((p) => p.birth_date > '2015-01-01')!;
    await check(
      'GET /borgere/:id',
      { url: `/borgere/${child.id}`, cookies: cookie('institution') },
      { status: 200, atLeast: 1 },
    );
  });

  test('records that change: correcting, deleting and reading the history of each kind log the person once', async () => {
    const cw = auth(tokens.caseworker!);
    const head = aHousehold();
    const child = persons.find((p) => p.birth_date > '2012-01-01')!;
    const route = 'api/v1/municipalities/{code}/persons/{id}';
    const kinds = [
      [head, 'activities', 'activityId', { kind: 'other', startDate: TODAY, hoursPerWeek: 1 }, { hoursPerWeek: 2 }],
      [child, 'enrolments', 'enrolmentId', { kind: 'sfo', startDate: TODAY }, { endDate: TODAY }],
      [
        head,
        'conversations',
        'conversationId',
        { date: TODAY, kind: 'other', repatriationGuidance: false },
        { note: 'x' },
      ],
      [head, 'follow-ups', 'followUpId', { date: TODAY, kind: 'contract' }, { kind: 'yearly' }],
      [child, 'language-assessments', 'assessmentId', { assessedOn: TODAY, result: 'general' }, { result: 'focused' }],
    ] as const;
    for (const [person, path, param, created, change] of kinds) {
      const url = `${M}/persons/${person.id}/${path}`;
      const post = await t.app.inject({ method: 'POST', url, headers: cw, payload: created });
      assert.equal(post.statusCode, 201, post.body);
      const id = post.json<{ id: string }>().id;
      const changed = await check(
        `PATCH /${route}/${path}/{${param}}`,
        { method: 'PATCH', url: `${url}/${id}`, headers: { ...cw, 'if-match': '"1"' }, payload: change },
        { status: 200, atLeast: 1 },
      );
      await check(
        `GET /${route}/${path}/{${param}}/history`,
        { url: `${url}/${id}/history`, headers: cw },
        { status: 200, atLeast: 1 },
      );
      if (path === 'activities')
        await check(
          'GET /borgere/:id/aktiviteter/:recordId',
          { url: `/borgere/${person.id}/aktiviteter/${id}`, cookies: { [SESSION_COOKIE]: tokens.caseworker! } },
          { status: 200, atLeast: 1 },
        );
      await check(
        `DELETE /${route}/${path}/{${param}}`,
        {
          method: 'DELETE',
          url: `${url}/${id}?reason=Fejl`,
          headers: { ...cw, 'if-match': String(changed.headers.etag) },
        },
        { status: 204 },
      );
    }
  });

  test('a case that closes: closing, reading and undoing the closure log the person once', async () => {
    const cw = auth(tokens.caseworker!);
    const person = aHousehold();
    const url = `${M}/persons/${person.id}/closure`;
    const route = 'api/v1/municipalities/{code}/persons/{id}/closure';
    const closed = await check(
      `POST /${route}`,
      { method: 'POST', url, headers: cw, payload: { date: TODAY, reason: 'self_supporting' } },
      { status: 201, atLeast: 1 },
    );
    await check(`GET /${route}`, { url, headers: cw }, { status: 200, atLeast: 1 });
    await check(
      `DELETE /${route}`,
      {
        method: 'DELETE',
        url: `${url}?reason=${encodeURIComponent('Forkert borger')}`,
        headers: { ...cw, 'if-match': String(closed.headers.etag) },
      },
      { status: 204 },
    );
    await check(`GET /${route}`, { url, headers: cw }, { status: 404 });
  });

  test('GET /api/v1/me logs the citizen and each child shown, and nobody else', async () => {
    await check('GET /api/v1/me', { url: '/api/v1/me', headers: auth(tokens.citizen!) }, { status: 200 });
  });

  test('every API route with personal data, and every web page listing persons, has a case above', async () => {
    const doc = (await t.app.inject({ url: '/api/v1/openapi.json' })).json<{
      paths: Record<string, Record<string, unknown>>;
    }>();
    const routes = Object.entries(doc.paths)
      .filter(([path]) => path.startsWith('/api/v1/municipalities/{code}/') && !path.endsWith('/policy'))
      .flatMap(([path, item]) =>
        Object.keys(item)
          .filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
          .map((m) => `${m.toUpperCase()} ${path}`),
      );
    const pages = [
      'GET /',
      'GET /borgere',
      'GET /borgere/:id',
      'GET /borgere/:id/adgangslog',
      'GET /borgere/:id/aktiviteter/:recordId',
      'GET /ankomster',
      'POST /ankomster',
      'GET /kalender',
      'GET /borgere/:id/aftaler/:appointmentId',
      'GET /api/v1/me',
    ];
    const missing = [...routes, ...pages].filter((r) => !covered.has(r));
    assert.deepEqual(missing, [], 'routes without an access-log coverage case');
  });
});
