// The role × data matrix of ARCHITECTURE.md ("Who sees what"), cell by cell: which persons each
// role reaches (decided on the loaded record, not by role alone), which fields it sees, and that
// only the case workers search by CPR number. A person outside a role's reach is not found (404),
// as a person of another municipality is, and nothing is logged for a refused request.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import type { Role } from '../src/domain/authorization.js';
import { aFamily, auth, forEachEngine, openTestApp, type TestApp } from './helpers.js';

const M = '/api/v1/municipalities/580';

forEachEngine('who sees what: the role × data matrix', (engine) => {
  let t: TestApp;
  /** Recent arrivals without permanent housing: housing and volunteer coordinators' work reaches them. */
  let recent: { head: string; spouse: string; child: string; cpr: string };
  /** Settled long ago in permanent housing, no mentorship: only the case workers (and the child's institution). */
  let settled: { head: string; child: string; cpr: string };
  const token: Partial<Record<Role, string>> = {};

  before(async () => {
    t = await openTestApp(engine);
    const cw = await t.token('580', 'caseworker');
    const register = async (family: ReturnType<typeof aFamily>, familyName: string) => {
      for (const m of family.members) m.familyName = familyName;
      const res = await t.app.inject({ method: 'POST', url: `${M}/households`, headers: auth(cw), payload: family });
      assert.equal(res.statusCode, 201, res.body);
      return {
        ids: res.json<{ members: { personId: string }[] }>().members.map((m) => m.personId),
        cpr: family.members[0]!.cpr!,
      };
    };
    const a = await register(aFamily({ takeoverDate: '2025-03-01', arrivalDate: '2025-02-20' }), 'Matrixnyankomst');
    recent = { head: a.ids[0]!, spouse: a.ids[1]!, child: a.ids[2]!, cpr: a.cpr };
    const b = await register(aFamily({ takeoverDate: '2015-03-01', arrivalDate: '2015-02-20' }), 'Matrixetableret');
    settled = { head: b.ids[0]!, child: b.ids[2]!, cpr: b.cpr };
    // The settled family moved into permanent housing (the owner connection: fixture only).
    await sql`update households set housing_status = 'permanent' where id = (select household_id from persons where id = ${settled.head})`.execute(
      t.database.db,
    );
    // A child born in 2018 is a child on the test day whatever the takeover date.
    for (const role of [
      'admin',
      'team_lead',
      'caseworker',
      'housing',
      'institution',
      'volunteer_coordinator',
      'analyst',
      'secretariat',
      'company_consultant',
    ] as const)
      token[role] = await t.token('580', role);
  });
  after(async () => {
    await t.close();
  });

  const get = async (url: string, role: string) =>
    t.app.inject({ url, headers: auth(role in token ? token[role as Role]! : role) });
  const count = async () =>
    Number((await sql<{ n: string }>`select count(*)::text as n from access_log`.execute(t.database.db)).rows[0]!.n);

  // ---- Which persons each role reaches ----------------------------------------------------------

  const READS: { role: Role; who: () => string; label: string; status: number }[] = [
    { role: 'caseworker', who: () => settled.head, label: 'a settled adult', status: 200 },
    { role: 'team_lead', who: () => settled.head, label: 'a settled adult', status: 200 },
    {
      role: 'housing',
      who: () => recent.head,
      label: 'an adult of a household without permanent housing',
      status: 200,
    },
    { role: 'housing', who: () => settled.head, label: 'an adult of a permanently housed household', status: 404 },
    { role: 'institution', who: () => recent.child, label: 'a child', status: 200 },
    { role: 'institution', who: () => settled.child, label: 'a child of a settled family', status: 200 },
    { role: 'institution', who: () => recent.head, label: 'an adult', status: 404 },
    {
      role: 'volunteer_coordinator',
      who: () => recent.head,
      label: 'an adult of a recently taken-over household',
      status: 200,
    },
    {
      role: 'volunteer_coordinator',
      who: () => settled.head,
      label: 'an adult taken over eleven years ago without a mentorship',
      status: 404,
    },
    {
      role: 'company_consultant',
      who: () => recent.head,
      label: 'an adult taken over within the five-year programme',
      status: 200,
    },
    { role: 'company_consultant', who: () => recent.child, label: 'a child', status: 404 },
    {
      role: 'company_consultant',
      who: () => settled.head,
      label: 'an adult taken over eleven years ago',
      status: 404,
    },
    { role: 'admin', who: () => recent.head, label: 'anyone', status: 403 },
    { role: 'analyst', who: () => recent.head, label: 'anyone', status: 403 },
    { role: 'secretariat', who: () => recent.head, label: 'anyone', status: 403 },
  ];
  for (const cell of READS) {
    test(`${cell.role} reading ${cell.label} answers ${cell.status}${cell.status === 200 ? '' : ' and logs nothing'}`, async () => {
      const before = await count();
      const res = await get(`${M}/persons/${cell.who()}`, cell.role);
      assert.equal(res.statusCode, cell.status, res.body);
      if (cell.status !== 200) assert.equal(await count(), before, 'a refused read is no use of personal data');
    });
  }

  test("an institution cannot read an adult's obligations (which reveal conversation dates and repatriation guidance), only a child's", async () => {
    assert.equal((await get(`${M}/persons/${recent.head}/obligations`, 'institution')).statusCode, 404);
    assert.equal((await get(`${M}/persons/${recent.child}/obligations`, 'institution')).statusCode, 200);
  });

  test('an institution cannot enrol an adult or assess their language, only a child', async () => {
    const enrol = (id: string) =>
      t.app.inject({
        method: 'POST',
        url: `${M}/persons/${id}/enrolments`,
        headers: auth(token.institution!),
        payload: { kind: 'daycare', startDate: '2025-06-01' },
      });
    assert.equal((await enrol(recent.head)).statusCode, 404);
    assert.equal((await enrol(recent.child)).statusCode, 201);
  });

  test("records that change: an institution corrects a child's enrolment, never an adult's activity; the placers and the administrator change nothing", async () => {
    const cw = token.caseworker!;
    const create = async (id: string, path: string, payload: object) => {
      const res = await t.app.inject({ method: 'POST', url: `${M}/persons/${id}/${path}`, headers: auth(cw), payload });
      assert.equal(res.statusCode, 201, res.body);
      return `${M}/persons/${id}/${path}/${res.json<{ id: string }>().id}`;
    };
    const activity = await create(recent.head, 'activities', {
      kind: 'other',
      startDate: '2025-06-01',
      hoursPerWeek: 2,
    });
    const enrolment = await create(recent.child, 'enrolments', { kind: 'sfo', startDate: '2025-06-01' });
    const patch = (url: string, role: Role, payload: object) =>
      t.app.inject({ method: 'PATCH', url, headers: auth(token[role]!, { 'if-match': '*' }), payload });
    const before = await count();
    for (const role of [
      'housing',
      'volunteer_coordinator',
      'admin',
      'analyst',
      'secretariat',
      'institution',
    ] as const) {
      const res = await patch(activity, role, { hoursPerWeek: 3 });
      assert.ok([403, 404].includes(res.statusCode), `${role} changing an activity: ${res.statusCode}`);
      const history = await get(`${activity}/history`, role);
      assert.ok(
        [403, 404].includes(history.statusCode),
        `${role} reading an activity's history: ${history.statusCode}`,
      );
    }
    assert.equal(await count(), before, 'a refused change logs nothing');
    assert.equal((await patch(enrolment, 'institution', { endDate: '2025-12-31' })).statusCode, 200);
    assert.equal((await get(`${enrolment}/history`, 'institution')).statusCode, 200);
    for (const role of ['caseworker', 'team_lead'] as const)
      assert.equal((await patch(activity, role, { hoursPerWeek: 3 })).statusCode, 200, role);
  });

  test("a case that closes: only the case workers close it or undo it; an institution reads a child's closure, never an adult's; the other roles read none", async () => {
    const url = (id: string) => `${M}/persons/${id}/closure`;
    const close = (id: string, role: Role) =>
      t.app.inject({
        method: 'POST',
        url: url(id),
        headers: auth(token[role]!),
        payload: { date: '2025-06-01', reason: 'repatriated' },
      });
    const undo = (id: string, role: Role) =>
      t.app.inject({
        method: 'DELETE',
        url: `${url(id)}?reason=Fejl`,
        headers: auth(token[role]!, { 'if-match': '*' }),
      });
    const before = await count();
    for (const role of [
      'housing',
      'volunteer_coordinator',
      'admin',
      'analyst',
      'secretariat',
      'institution',
    ] as const) {
      assert.ok([403, 404].includes((await close(recent.child, role)).statusCode), `${role} closing a case`);
      assert.ok([403, 404].includes((await close(recent.head, role)).statusCode), `${role} closing a case`);
    }
    assert.equal(await count(), before, 'a refused closure logs nothing');
    for (const id of [recent.head, recent.child]) assert.equal((await close(id, 'caseworker')).statusCode, 201);
    for (const role of [
      'housing',
      'volunteer_coordinator',
      'company_consultant',
      'admin',
      'analyst',
      'secretariat',
      'institution',
    ] as const)
      assert.ok([403, 404].includes((await undo(recent.head, role)).statusCode), `${role} undoing a closure`);
    assert.equal((await get(url(recent.child), 'institution')).statusCode, 200);
    assert.equal((await get(url(recent.head), 'institution')).statusCode, 404);
    for (const role of [
      'housing',
      'volunteer_coordinator',
      'company_consultant',
      'admin',
      'analyst',
      'secretariat',
    ] as const)
      assert.ok([403, 404].includes((await get(url(recent.head), role)).statusCode), `${role} reading a closure`);
    assert.equal((await get(url(recent.head), 'team_lead')).statusCode, 200);
    assert.equal((await undo(recent.head, 'team_lead')).statusCode, 204);
    assert.equal((await undo(recent.child, 'caseworker')).statusCode, 204);
  });

  // ---- Which fields each role sees --------------------------------------------------------------

  test('a housing coordinator sees the identity a placement needs: no CPR number and no case records', async () => {
    const p = (await get(`${M}/persons/${recent.head}`, 'housing')).json<Record<string, unknown>>();
    assert.equal(p.cpr, null);
    for (const section of ['visitation', 'contract', 'conversations', 'activities', 'enrolments'])
      assert.equal(p[section], undefined, `no ${section}`);
    assert.equal(p.givenName, 'Amal');
  });

  test('a volunteer coordinator sees no CPR number and no case records', async () => {
    const p = (await get(`${M}/persons/${recent.head}`, 'volunteer_coordinator')).json<Record<string, unknown>>();
    assert.equal(p.cpr, null);
    assert.equal(p.conversations, undefined);
  });

  test('a company consultant sees the identity an internship needs: no CPR number and no case records', async () => {
    const p = (await get(`${M}/persons/${recent.head}`, 'company_consultant')).json<Record<string, unknown>>();
    assert.equal(p.cpr, null);
    for (const section of ['visitation', 'contract', 'conversations', 'activities'])
      assert.equal(p[section], undefined, `no ${section}`);
    assert.equal(p.givenName, 'Amal');
  });

  test("an institution sees a child's enrolments and language assessments, never conversations or the CPR number", async () => {
    const p = (await get(`${M}/persons/${recent.child}`, 'institution')).json<Record<string, unknown>>();
    assert.ok(Array.isArray(p.enrolments));
    assert.ok(Array.isArray(p.languageAssessments));
    assert.equal(p.conversations, undefined);
    assert.equal(p.cpr, null);
  });

  test('a caseworker sees the masked CPR number and the whole case', async () => {
    const p = (await get(`${M}/persons/${recent.head}`, 'caseworker')).json<Record<string, unknown>>();
    assert.match(String(p.cpr), /^\d{6}-xxxx$/);
    assert.ok(Array.isArray(p.conversations));
  });

  // ---- Appointments, letters and attachments (part of the case) -------------------------------

  test('only the roles that see the case read appointments, letters and attachments; only the case workers book and keep a calendar', async () => {
    const before = await count();
    for (const role of [
      'housing',
      'volunteer_coordinator',
      'company_consultant',
      'admin',
      'analyst',
      'secretariat',
    ] as const)
      for (const path of ['appointments', 'attachments', 'contract.pdf']) {
        const res = await get(`${M}/persons/${recent.head}/${path}`, role);
        assert.ok([403, 404].includes(res.statusCode), `${role} ${path}: ${res.statusCode}`);
      }
    assert.equal((await get(`${M}/persons/${recent.child}/appointments`, 'institution')).statusCode, 403);
    assert.equal(await count(), before, 'refused reads log nothing');
    for (const role of ['caseworker', 'team_lead'] as const) {
      assert.equal((await get(`${M}/persons/${settled.head}/appointments`, role)).statusCode, 200);
      assert.equal((await get(`${M}/calendar?from=2026-11-23&to=2026-11-29`, role)).statusCode, 200);
    }
    for (const role of [
      'housing',
      'institution',
      'volunteer_coordinator',
      'company_consultant',
      'admin',
      'analyst',
      'secretariat',
    ] as const)
      assert.equal((await get(`${M}/calendar?from=2026-11-23&to=2026-11-29`, role)).statusCode, 403, role);
    const book = await t.app.inject({
      method: 'POST',
      url: `${M}/persons/${recent.head}/appointments`,
      headers: auth(token.housing!),
      payload: { startsAt: '2026-12-14T10:00:00+01:00', durationMinutes: 45, purpose: 'other', place: 'Rådhuset' },
    });
    assert.equal(book.statusCode, 403);
  });

  test('a citizen reads their own appointments, not another person’s, and books none', async () => {
    const own = auth(await t.token('580', 'citizen', recent.head));
    assert.equal(
      (await t.app.inject({ url: `${M}/persons/${recent.head}/appointments`, headers: own })).statusCode,
      200,
    );
    assert.equal(
      (await t.app.inject({ url: `${M}/persons/${settled.head}/appointments`, headers: own })).statusCode,
      404,
    );
    const book = await t.app.inject({
      method: 'POST',
      url: `${M}/persons/${recent.head}/appointments`,
      headers: own,
      payload: { startsAt: '2026-12-14T10:00:00+01:00', durationMinutes: 45, purpose: 'other', place: 'Rådhuset' },
    });
    assert.ok([403, 404].includes(book.statusCode), String(book.statusCode));
    assert.equal(
      (await t.app.inject({ url: `${M}/calendar?from=2026-11-23&to=2026-11-29`, headers: own })).statusCode,
      403,
    );
  });

  // ---- Search -----------------------------------------------------------------------------------

  test('only the case workers search by CPR number: placers are refused and cannot confirm a number', async () => {
    for (const role of ['caseworker', 'team_lead'] as const) {
      const res = await get(`${M}/persons?query=${encodeURIComponent(recent.cpr)}`, role);
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.json<{ results: unknown[] }>().results.length, 1);
    }
    for (const role of ['housing', 'institution', 'volunteer_coordinator'] as const) {
      const before = await count();
      const res = await get(`${M}/persons?query=${encodeURIComponent(recent.cpr)}`, role);
      assert.equal(res.statusCode, 422, `${role}: ${res.body}`);
      assert.doesNotMatch(res.body, new RegExp(recent.cpr.slice(7)), 'the refusal does not echo the number');
      assert.equal(await count(), before);
    }
  });

  test("a housing coordinator's name search finds only the persons of households without permanent housing, without CPR numbers", async () => {
    const res = await get(`${M}/persons?query=matrix`, 'housing');
    assert.equal(res.statusCode, 200, res.body);
    const results = res.json<{ results: { id: string; cpr: string | null }[] }>().results;
    assert.deepEqual(results.map((r) => r.id).sort(), [recent.head, recent.spouse, recent.child].sort());
    assert.ok(results.every((r) => r.cpr === null));
  });

  test("an institution's name search finds only children", async () => {
    const res = await get(`${M}/persons?query=matrix`, 'institution');
    const ids = res
      .json<{ results: { id: string }[] }>()
      .results.map((r) => r.id)
      .sort();
    assert.deepEqual(ids, [recent.child, settled.child].sort());
  });

  test("a caseworker's name search finds everyone of the municipality, with masked CPR numbers", async () => {
    const res = await get(`${M}/persons?query=matrix`, 'caseworker');
    const results = res.json<{ results: { cpr: string | null }[] }>().results;
    assert.equal(results.length, 6);
    assert.ok(results.some((r) => /^\d{6}-xxxx$/.test(String(r.cpr))));
  });

  test('the administrator and the analyst search nobody', async () => {
    for (const role of ['admin', 'analyst', 'secretariat'] as const)
      assert.equal((await get(`${M}/persons?query=matrix`, role)).statusCode, 403);
  });
  // ---- Who registers arrivals -------------------------------------------------------------------

  test('only the case workers import arrivals or add a member to a household; every other role is refused (403) and nothing is written', async () => {
    const householdId = (
      await sql<{ household_id: string }>`select household_id::text from persons where id = ${recent.head}`.execute(
        t.database.db,
      )
    ).rows[0]!.household_id;
    const persons = async () =>
      Number((await sql<{ n: string }>`select count(*)::text as n from persons`.execute(t.database.db)).rows[0]!.n);
    const member = {
      givenName: 'Rollefamilie',
      familyName: 'Senere',
      birthDate: '1990-01-01',
      sex: 'male',
      relation: 'other',
      residenceBasis: 'family_reunified',
      takeoverDate: '2026-01-05',
    };
    const arrivals = (role: Role) =>
      t.app.inject({
        method: 'POST',
        url: `${M}/arrivals?dryRun=true`,
        headers: auth(token[role]!),
        payload: {
          households: [
            { reference: `ROLLE-${role}`, decisionDate: '2025-03-10', members: [{ ...member, relation: 'head' }] },
          ],
        },
      });
    const add = (role: Role) =>
      t.app.inject({
        method: 'POST',
        url: `${M}/households/${householdId}/members`,
        headers: auth(token[role]!),
        payload: member,
      });
    for (const role of [
      'admin',
      'housing',
      'institution',
      'volunteer_coordinator',
      'analyst',
      'secretariat',
    ] as const) {
      const before = [await persons(), await count()];
      assert.equal((await arrivals(role)).statusCode, 403, `${role} imports arrivals`);
      assert.equal((await add(role)).statusCode, 403, `${role} adds a member`);
      assert.deepEqual([await persons(), await count()], before, `${role}: nothing written or logged`);
    }
    for (const role of ['caseworker', 'team_lead'] as const) {
      assert.equal((await arrivals(role)).statusCode, 200, `${role} imports arrivals`);
    }
    const added = await add('caseworker');
    assert.equal(added.statusCode, 201, added.body);
  });
});
