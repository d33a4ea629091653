import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { aFamily, auth, forEachEngine, openTestApp, type TestApp } from './helpers.js';

/** The parts of a person's case record, as a caseworker reads it, that these tests look at. */
interface CaseRecord {
  activities: { kind: string; hoursPerWeek: number }[];
  conversations: { repatriationGuidance: boolean; interpreterLanguage: string | null }[];
  contract: { goal: string } | null;
  visitation: { qualifications: string } | null;
  contactPerson: { userId: string } | null;
  contactPersonHistory: unknown[];
  followUps: unknown[];
  receptionSteps: unknown[];
}

interface Problem {
  errors: { pointer: string }[];
}

forEachEngine('case records over HTTP', (engine) => {
  let t: TestApp;
  let base: string;
  let childBase: string;
  let token: string;
  before(async () => {
    t = await openTestApp(engine);
    token = await t.token('580', 'caseworker');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/municipalities/580/households',
      headers: auth(token),
      payload: aFamily(),
    });
    const { members } = res.json<{ members: { personId: string }[] }>();
    base = `/api/v1/municipalities/580/persons/${members[0]!.personId}`;
    childBase = `/api/v1/municipalities/580/persons/${members[2]!.personId}`;
  });
  after(async () => {
    await t.close();
  });

  const read = async (url = base) => (await t.app.inject({ url, headers: auth(token) })).json<CaseRecord>();

  test('activities planned to 37 hours a week show on the person', async () => {
    const du = await t.app.inject({
      method: 'POST',
      url: `${base}/activities`,
      headers: auth(token),
      payload: {
        kind: 'danish_education',
        startDate: '2025-03-20',
        hoursPerWeek: 15,
        provider: 'Sprogcenter Aabenraa',
      },
    });
    assert.equal(du.statusCode, 201, du.body);
    assert.match(du.headers.location as string, /\/activities\//);
    const praktik = await t.app.inject({
      method: 'POST',
      url: `${base}/activities`,
      headers: auth(token),
      payload: { kind: 'company_internship', startDate: '2025-03-20', hoursPerWeek: 22 },
    });
    assert.equal(praktik.statusCode, 201);
    const person = await read();
    assert.equal(
      person.activities.reduce((s, a) => s + a.hoursPerWeek, 0),
      37,
    );
  });

  test('an activity that ends before it starts is refused with the field named', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: `${base}/activities`,
      headers: auth(token),
      payload: { kind: 'igu', startDate: '2025-05-01', endDate: '2025-04-01', hoursPerWeek: 25 },
    });
    assert.equal(res.statusCode, 422);
    assert.equal(res.json<Problem>().errors[0]!.pointer, '/endDate');
  });

  test('a conversation records repatriation guidance and the interpreter language', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: `${base}/conversations`,
      headers: auth(token),
      payload: {
        date: '2025-03-25',
        kind: 'contract_follow_up',
        repatriationGuidance: true,
        repatriationNote: 'Informeret om Dansk Flygtningehjælps rådgivning',
        interpreterLanguage: 'ar',
      },
    });
    assert.equal(res.statusCode, 201, res.body);
    const person = await read();
    assert.equal(person.conversations[0]!.repatriationGuidance, true);
    assert.equal(person.conversations[0]!.interpreterLanguage, 'ar');
  });

  test('a conversation dated in the future is refused', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: `${base}/conversations`,
      headers: auth(token),
      payload: { date: '2030-01-01', kind: 'other', repatriationGuidance: false },
    });
    assert.equal(res.statusCode, 422);
  });

  test('the contract is created without If-Match, then changed only with the current ETag', async () => {
    const created = await t.app.inject({
      method: 'PUT',
      url: `${base}/contract`,
      headers: auth(token),
      payload: { goal: 'Ordinært job som SOSU-hjælper', goalKind: 'employment', signedOn: '2025-03-15' },
    });
    assert.equal(created.statusCode, 201, created.body);
    const etag = created.headers.etag as string;
    const without = await t.app.inject({
      method: 'PUT',
      url: `${base}/contract`,
      headers: auth(token),
      payload: { goal: 'x', goalKind: 'education' },
    });
    assert.equal(without.statusCode, 428);
    const changed = await t.app.inject({
      method: 'PUT',
      url: `${base}/contract`,
      headers: auth(token, { 'if-match': etag }),
      payload: { goal: 'SOSU-uddannelse', goalKind: 'education', signedOn: '2025-03-15' },
    });
    assert.equal(changed.statusCode, 200);
    const stale = await t.app.inject({
      method: 'PUT',
      url: `${base}/contract`,
      headers: auth(token, { 'if-match': etag }),
      payload: { goal: 'y', goalKind: 'employment' },
    });
    assert.equal(stale.statusCode, 412);
    assert.equal((await read()).contract?.goal, 'SOSU-uddannelse', 'the stale write did not overwrite');
  });

  test('the visitation interview is recorded with resources, qualifications, wishes and challenges', async () => {
    const res = await t.app.inject({
      method: 'PUT',
      url: `${base}/visitation`,
      headers: auth(token),
      payload: {
        heldOn: '2025-03-05',
        resources: 'Taler engelsk',
        qualifications: 'Sygeplejerske fra Syrien',
        wishes: 'Arbejde i sundhedssektoren',
        challenges: 'Børnepasning',
      },
    });
    assert.equal(res.statusCode, 201, res.body);
    assert.equal((await read()).visitation?.qualifications, 'Sygeplejerske fra Syrien');
  });

  test('assigning a new contact person closes the previous assignment and keeps the history', async () => {
    const users = await t.database.db
      .selectFrom('users')
      .select(['id', 'role'])
      .where('municipality_code', '=', '580')
      .execute();
    const caseworker = users.find((u) => u.role === 'caseworker')!;
    const lead = await t.token('580', 'team_lead');
    const leadUser = (
      await t.database.db
        .selectFrom('users')
        .select('id')
        .where('role', '=', 'team_lead')
        .where('municipality_code', '=', '580')
        .executeTakeFirstOrThrow()
    ).id;
    const first = await t.app.inject({
      method: 'PUT',
      url: `${base}/contact-person`,
      headers: auth(lead),
      payload: { userId: caseworker.id, fromDate: '2025-03-01' },
    });
    assert.equal(first.statusCode, 201, first.body);
    const second = await t.app.inject({
      method: 'PUT',
      url: `${base}/contact-person`,
      headers: auth(lead, { 'if-match': first.headers.etag as string }),
      payload: { userId: leadUser, fromDate: '2025-06-01' },
    });
    assert.equal(second.statusCode, 200, second.body);
    const person = await read();
    assert.equal(person.contactPerson?.userId, leadUser);
    assert.equal(person.contactPersonHistory.length, 2);
    const notStaff = await t.app.inject({
      method: 'PUT',
      url: `${base}/contact-person`,
      headers: auth(lead, { 'if-match': second.headers.etag as string }),
      payload: {
        userId:
          (await t.database.db.selectFrom('users').select('id').where('role', '=', 'analyst').executeTakeFirst())?.id ??
          '00000000-0000-4000-8000-000000000000',
      },
    });
    assert.equal(notStaff.statusCode, 422);
  });

  test('a child is enrolled in a reception class and language-assessed; an institution user may do it', async () => {
    const institution = await t.token('580', 'institution');
    const enrol = await t.app.inject({
      method: 'POST',
      url: `${childBase}/enrolments`,
      headers: auth(institution),
      payload: { kind: 'reception_class', startDate: '2025-03-05' },
    });
    assert.equal(enrol.statusCode, 201, enrol.body);
    const assess = await t.app.inject({
      method: 'POST',
      url: `${childBase}/language-assessments`,
      headers: auth(institution),
      payload: { assessedOn: '2025-04-01', result: 'focused' },
    });
    assert.equal(assess.statusCode, 201);
    const seen = (await t.app.inject({ url: childBase, headers: auth(institution) })).json<{
      enrolments: { kind: string }[];
      conversations?: unknown;
    }>();
    assert.equal(seen.enrolments[0]!.kind, 'reception_class');
    assert.equal(seen.conversations, undefined, 'an institution user does not see the conversations');
    const refused = await t.app.inject({
      method: 'POST',
      url: `${childBase}/conversations`,
      headers: auth(institution),
      payload: { date: '2025-03-25', kind: 'other', repatriationGuidance: false },
    });
    assert.equal(refused.statusCode, 403);
  });

  test('follow-ups are recorded', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: `${base}/follow-ups`,
      headers: auth(token),
      payload: { date: '2025-05-01', kind: 'contract', note: 'Opfølgning nr. 2' },
    });
    assert.equal(res.statusCode, 201);
    assert.equal((await read()).followUps.length, 1);
  });

  test("informing of rights and duties at reception is recorded as a reception step and meets Aabenraa's rule", async () => {
    const obligation = async () =>
      (await t.app.inject({ url: `${base}/obligations`, headers: auth(token) }))
        .json<{ obligations: { ruleId: string; status: string; dueDate: string | null }[] }>()
        .obligations.find((o) => o.ruleId === 'aabenraa.rights-and-duties-at-reception');
    const before = await obligation();
    assert.ok(before, 'the person has the obligation');
    assert.equal(before.dueDate, '2025-04-01');
    assert.notEqual(before.status, 'met');
    const res = await t.app.inject({
      method: 'POST',
      url: `${base}/reception-steps`,
      headers: auth(token),
      payload: { kind: 'rights_and_duties_information', date: '2025-03-04', note: 'Med tolk' },
    });
    assert.equal(res.statusCode, 201, res.body);
    assert.match(res.headers.location as string, /\/reception-steps\//);
    const list = await t.app.inject({ url: `${base}/reception-steps`, headers: auth(token) });
    assert.equal(list.statusCode, 200, list.body);
    assert.deepEqual(
      list
        .json<{ receptionSteps: { kind: string; date: string; note: string | null }[] }>()
        .receptionSteps.map(({ kind, date, note }) => ({ kind, date, note })),
      [{ kind: 'rights_and_duties_information', date: '2025-03-04', note: 'Med tolk' }],
    );
    assert.equal((await read()).receptionSteps.length, 1);
    assert.equal((await obligation())?.status, 'met');
  });

  test('a reception step before the arrival, or of a kind outside the vocabulary, is refused', async () => {
    const early = await t.app.inject({
      method: 'POST',
      url: `${base}/reception-steps`,
      headers: auth(token),
      payload: { kind: 'reception_program', date: '2025-02-01' },
    });
    assert.equal(early.statusCode, 422, early.body);
    assert.equal(early.json<{ code: string }>().code, 'reception_step.before_arrival');
    assert.deepEqual(
      early.json<Problem>().errors.map((e) => e.pointer),
      ['/date'],
    );
    const unknown = await t.app.inject({
      method: 'POST',
      url: `${base}/reception-steps`,
      headers: auth(token),
      payload: { kind: 'welcome_cake', date: '2025-03-05' },
    });
    assert.equal(unknown.statusCode, 400, unknown.body);
  });

  test("a case record for another municipality's person is 404, and nothing is written", async () => {
    const other = await t.token('813', 'caseworker');
    const res = await t.app.inject({
      method: 'POST',
      url: `${base.replace('/580/', '/813/')}/activities`,
      headers: auth(other),
      payload: { kind: 'health', startDate: '2025-03-20', hoursPerWeek: 5 },
    });
    assert.equal(res.statusCode, 404);
    assert.equal((await read()).activities.filter((a) => a.kind === 'health').length, 0);
  });
});
