// Arrivals imported from the housing-placement notice (POST …/arrivals, JSON or CSV) and a
// household that grows (POST …/households/{id}/members): the takeover date by integrationsloven
// § 4, stk. 2, all or nothing, a dry run writes nothing, a second import of a notice creates
// nothing, each problem names its household, member and field (and CSV line and column), CPR
// numbers only through the vault, every person created logged, another municipality cannot
// import here; a spouse who joins later has obligations due from their own takeover date.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { ERROR_MESSAGES } from '../src/web/error-messages.js';
import { aFamily, auth, forEachEngine, openTestApp, type TestApp } from './helpers.js';

const M = '/api/v1/municipalities';

interface ImportResult {
  dryRun: boolean;
  written: boolean;
  created: number;
  skipped: number;
  households: {
    reference: string;
    status: 'created' | 'skipped';
    id: string | null;
    takeoverDate: string;
    statutoryTakeoverDate: string;
    takeoverByConsent: boolean;
    takeoverMoved: { from: string; skipped: { date: string; reason: string }[] } | null;
    memberIds: string[];
    members: { personId: string | null; givenName: string; familyName: string; program: string | null }[];
  }[];
}
interface ImportProblem {
  status: number;
  code: string;
  problemCount: number;
  errors: {
    pointer: string;
    code: string;
    reference: string | null;
    household: number | null;
    member: number | null;
    field: string | null;
    line: number | null;
    column: string | null;
    message: string;
  }[];
}

let serial = 0;
/** A CPR number unique to this test file (born 1 January 1990, the 7th digit giving 1900s). */
function cpr(): string {
  return `010190-${String(2000 + serial++)}`;
}

function notice(reference: string, decisionDate: string, familyName: string, extra: Record<string, unknown> = {}) {
  return {
    reference,
    decisionDate,
    ...extra,
    members: [
      {
        givenName: 'Rania',
        familyName,
        birthDate: '1990-01-01',
        sex: 'female',
        relation: 'head',
        residenceBasis: 'quota_refugee',
        cpr: cpr(),
        countryOfOrigin: 'SY',
        languages: ['ar'],
      },
      {
        givenName: 'Omar',
        familyName,
        birthDate: '2016-05-04',
        sex: 'male',
        relation: 'child',
        residenceBasis: 'accompanying_child',
      },
    ],
  };
}

const CSV_HEADER =
  'reference,decision_date,given_name,family_name,birth_date,sex,relation,residence_basis,cpr,country_of_origin,languages';

forEachEngine('arrivals imported from the housing-placement notice, and households that grow', (engine) => {
  let t: TestApp;
  let cw: Record<string, string>;

  before(async () => {
    t = await openTestApp(engine);
    cw = auth(await t.token('580', 'caseworker'));
  });
  after(async () => {
    await t.close();
  });

  const post = (payload: unknown, options: { query?: string; headers?: Record<string, string>; code?: string } = {}) =>
    t.app.inject({
      method: 'POST',
      url: `${M}/${options.code ?? '580'}/arrivals${options.query ?? ''}`,
      headers: { ...(options.headers ?? cw), ...(typeof payload === 'string' ? { 'content-type': 'text/csv' } : {}) },
      payload: payload as string,
    });

  const counts = async () => {
    const n = async (table: string) =>
      Number(
        (await sql<{ n: string }>`select count(*)::text as n from ${sql.table(table)}`.execute(t.database.db)).rows[0]!
          .n,
      );
    return {
      persons: await n('persons'),
      households: await n('households'),
      notices: await n('arrival_notices'),
      log: await n('access_log'),
    };
  };

  test('a JSON notice creates each household with its members and the takeover date of § 4, stk. 2', async () => {
    const res = await post({
      households: [
        notice('US-2025-0042', '2025-03-10', 'Jsonhusstand'),
        notice('US-2025-0043', '2025-09-20', 'Jsonweekend'),
        notice('US-2025-0044', '2025-11-10', 'Jsonnytaar'),
      ],
    });
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json<ImportResult>();
    assert.equal(body.created, 3);
    assert.equal(body.skipped, 0);
    assert.deepEqual(
      body.households.map((h) => [h.reference, h.status, h.takeoverDate]),
      [
        ['US-2025-0042', 'created', '2025-05-01'],
        ['US-2025-0043', 'created', '2025-11-03'],
        ['US-2025-0044', 'created', '2026-01-02'],
      ],
    );
    assert.deepEqual(
      body.households[1]!.takeoverMoved?.skipped.map((s) => s.reason),
      ['saturday', 'sunday'],
    );
    assert.deepEqual(
      body.households[2]!.takeoverMoved?.skipped.map((s) => s.reason),
      ['new_years_day'],
    );
    // Each member is a person of the household, with that takeover date and the program for their age.
    const first = body.households[0]!;
    assert.equal(first.memberIds.length, 2);
    const head = await t.app.inject({ url: `${M}/580/persons/${first.memberIds[0]}`, headers: cw });
    assert.equal(head.statusCode, 200, head.body);
    const person = head.json<{ takeoverDate: string; householdId: string; program: string; cpr: string }>();
    assert.equal(person.takeoverDate, '2025-05-01');
    assert.equal(person.householdId, first.id);
    assert.equal(person.program, 'self_support_and_return');
    assert.equal(person.cpr, '010190-xxxx');
    assert.equal(first.members[1]!.program, null);
    // The notice's decision date is stored with each person.
    const row = await t.database.db
      .selectFrom('persons')
      .select(['decision_date', 'takeover_by_consent'])
      .where('id', '=', first.memberIds[0]!)
      .executeTakeFirstOrThrow();
    assert.deepEqual(row, { decision_date: '2025-03-10', takeover_by_consent: false });
  });

  test('importing the same notice again creates nothing and reports its households as skipped', async () => {
    const payload = { households: [notice('US-2025-0050', '2025-03-10', 'Gentaget')] };
    const firstRes = await post(payload);
    assert.equal(firstRes.statusCode, 200, firstRes.body);
    const before = await counts();
    // The same notice, as the service sends it again (the CPR number is the same person's).
    const again = await post(payload);
    assert.equal(again.statusCode, 200, again.body);
    const body = again.json<ImportResult>();
    assert.deepEqual([body.created, body.skipped], [0, 1]);
    assert.equal(body.households[0]!.status, 'skipped');
    assert.equal(body.households[0]!.id, firstRes.json<ImportResult>().households[0]!.id);
    const after = await counts();
    assert.deepEqual(
      [after.persons, after.households, after.notices],
      [before.persons, before.households, before.notices],
    );
    // The members of the skipped household are shown, so each is logged as read.
    const rows = await sql<{ person_id: string; action: string }>`
      select person_id::text, action from access_log order by id desc limit 2`.execute(t.database.db);
    assert.deepEqual(rows.rows.map((r) => r.action).sort(), ['read', 'read']);
    assert.deepEqual(rows.rows.map((r) => r.person_id).sort(), [...body.households[0]!.memberIds].sort());
  });

  test('a CSV file with one line per member creates the households it names, the household columns repeated', async () => {
    const headCpr = cpr();
    const csv = [
      CSV_HEADER,
      `US-2025-0100,2025-03-10,Hala,Csvfamilie,1990-01-01,female,head,spontaneous_refugee,${headCpr},SY,ar ku`,
      'US-2025-0100,2025-03-10,Sami,Csvfamilie,2019-02-03,male,child,accompanying_child,,SY,ar',
      'US-2025-0101,2025-04-01,Nour,Csvenlig,1985-07-08,female,head,quota_refugee,,AF,prs',
    ].join('\r\n');
    const res = await post(csv);
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json<ImportResult>();
    assert.equal(body.created, 2);
    assert.deepEqual(
      body.households.map((h) => [h.reference, h.memberIds.length, h.takeoverDate]),
      [
        ['US-2025-0100', 2, '2025-05-01'],
        // A decision on the 1st: April is not a whole month after it (1 June 2025 is a Sunday).
        ['US-2025-0101', 1, '2025-06-02'],
      ],
    );
    // The CPR number is stored encrypted, searchable by its hash, never in clear.
    const stored = await t.database.db
      .selectFrom('persons')
      .select(['cpr_masked', 'cpr_cipher', 'languages'])
      .where('id', '=', body.households[0]!.memberIds[0]!)
      .executeTakeFirstOrThrow();
    assert.equal(stored.cpr_masked, '010190-xxxx');
    assert.ok(stored.cpr_cipher && !Buffer.from(stored.cpr_cipher).toString('latin1').includes(headCpr.slice(7)));
    assert.deepEqual(stored.languages, ['ar', 'ku']);
    const search = await t.app.inject({ url: `${M}/580/persons?query=${headCpr}`, headers: cw });
    assert.deepEqual(
      search.json<{ results: { id: string }[] }>().results.map((r) => r.id),
      [body.households[0]!.memberIds[0]],
    );
  });

  test('a dry run shows the households and takeover dates it would create and writes nothing', async () => {
    const before = await counts();
    const res = await post(
      { households: [notice('US-2025-0200', '2025-09-20', 'Proevekoersel')] },
      { query: '?dryRun=true' },
    );
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json<ImportResult>();
    assert.equal(body.dryRun, true);
    assert.equal(body.written, false);
    assert.equal(body.created, 1);
    assert.equal(body.households[0]!.takeoverDate, '2025-11-03');
    assert.equal(body.households[0]!.id, null);
    assert.deepEqual(body.households[0]!.memberIds, []);
    assert.deepEqual(await counts(), before);
    // Not imported: a real import afterwards creates it.
    const real = await post({ households: [notice('US-2025-0200', '2025-09-20', 'Proevekoersel')] });
    assert.equal(real.json<ImportResult>().created, 1);
  });

  test('a notice with bad members is refused whole (422), each problem naming its household, member and field in Danish', async () => {
    const before = await counts();
    const good = notice('US-2025-0300', '2025-03-10', 'Godfamilie');
    const bad = notice('US-2025-0301', '2025-03-10', 'Daarligfamilie');
    (bad.members[0] as Record<string, unknown>).cpr = '010190-12'; // not a CPR number
    (bad.members[1] as Record<string, unknown>).relation = 'cousin';
    const twoHeads = notice('US-2025-0302', '2025-03-10', 'Tohoveder');
    twoHeads.members[1]!.relation = 'head';
    const res = await post({ households: [good, bad, twoHeads, { ...good, reference: 'US-2025-0300' }] });
    assert.equal(res.statusCode, 422, res.body);
    const problem = res.json<ImportProblem>();
    assert.equal(problem.code, 'arrival_import.invalid');
    assert.deepEqual(
      problem.errors.map((e) => [e.reference, e.member, e.field, e.code, e.pointer]),
      [
        ['US-2025-0301', 1, 'cpr', 'cpr.format', '/households/1/members/0/cpr'],
        ['US-2025-0301', 2, 'relation', 'arrival_import.invalid_choice', '/households/1/members/1/relation'],
        ['US-2025-0302', null, 'members', 'household.head_count', '/households/2/members'],
        ['US-2025-0300', null, 'reference', 'arrival_import.reference_repeated', '/households/3/reference'],
      ],
    );
    for (const e of problem.errors) assert.equal(e.message, ERROR_MESSAGES[e.code as keyof typeof ERROR_MESSAGES]);
    // Nothing written, not even the good household.
    assert.deepEqual(await counts(), before);
  });

  test('a CSV file with bad lines is refused whole, each problem at its line and column', async () => {
    const before = await counts();
    const csv = [
      CSV_HEADER,
      'US-2025-0400,2025-03-10,Hala,Csvfejl,1990-01-01,female,head,spontaneous_refugee,,SY,ar',
      'US-2025-0400,2025-03-11,Sami,Csvfejl,2019-02-31,male,child,accompanying_child,,SY,ar',
      'US-2025-0401,2025-03-10,,Csvfejl,1985-07-08,female,head,quota_refugee,,AF,prs',
      'US-2025-0402,2025-03-10,Nour,Csvfejl,1985-07-08,female,head',
    ].join('\n');
    const res = await post(csv);
    assert.equal(res.statusCode, 422, res.body);
    const problem = res.json<ImportProblem>();
    assert.deepEqual(
      problem.errors.map((e) => [e.line, e.column, e.reference, e.code]),
      [
        [3, 'decision_date', 'US-2025-0400', 'arrival_import.household_differs'],
        [3, 'birth_date', 'US-2025-0400', 'arrival_import.invalid_date'],
        [4, 'given_name', 'US-2025-0401', 'arrival_import.value_missing'],
        [5, null, null, 'arrival_import.column_count'],
      ],
    );
    assert.equal(problem.errors[1]!.member, 2);
    assert.deepEqual(await counts(), before);
  });

  test('a CSV header without a required column, or with an unknown one, is refused at line 1', async () => {
    const res = await post('reference,given_name,shoe_size\nUS-1,Ali,42\n');
    assert.equal(res.statusCode, 422, res.body);
    assert.deepEqual(
      res.json<ImportProblem>().errors.map((e) => [e.line, e.column, e.code]),
      [
        [1, 'shoe_size', 'arrival_import.column_unknown'],
        [1, 'decision_date', 'arrival_import.column_missing'],
        [1, 'family_name', 'arrival_import.column_missing'],
        [1, 'birth_date', 'arrival_import.column_missing'],
        [1, 'sex', 'arrival_import.column_missing'],
        [1, 'relation', 'arrival_import.column_missing'],
        [1, 'residence_basis', 'arrival_import.column_missing'],
      ],
    );
  });

  test('a member whose CPR number is registered already refuses the notice, without echoing the number', async () => {
    const registered = aFamily();
    const created = await t.app.inject({
      method: 'POST',
      url: `${M}/580/households`,
      headers: cw,
      payload: registered,
    });
    assert.equal(created.statusCode, 201);
    const n = notice('US-2025-0500', '2025-03-10', 'Kendtcpr');
    n.members[0]!.cpr = registered.members[0]!.cpr!;
    const res = await post({ households: [n] });
    assert.equal(res.statusCode, 422);
    assert.deepEqual(
      res.json<ImportProblem>().errors.map((e) => [e.member, e.field, e.code]),
      [[1, 'cpr', 'cpr.already_registered']],
    );
    assert.ok(!res.body.includes(registered.members[0]!.cpr!.slice(7)));
  });

  test('an earlier agreed takeover date is taken with consent (recorded) and refused without it', async () => {
    const without = await post({
      households: [notice('US-2025-0600', '2025-03-10', 'Samtykke', { takeoverDate: '2025-04-01' })],
    });
    assert.equal(without.statusCode, 422);
    assert.deepEqual(
      without.json<ImportProblem>().errors.map((e) => [e.field, e.code]),
      [['consent', 'takeover.consent_missing']],
    );
    const withConsent = await post({
      households: [notice('US-2025-0600', '2025-03-10', 'Samtykke', { takeoverDate: '2025-04-01', consent: true })],
    });
    assert.equal(withConsent.statusCode, 200, withConsent.body);
    const h = withConsent.json<ImportResult>().households[0]!;
    assert.deepEqual(
      [h.takeoverDate, h.statutoryTakeoverDate, h.takeoverByConsent],
      ['2025-04-01', '2025-05-01', true],
    );
    const row = await t.database.db
      .selectFrom('persons')
      .select(['takeover_date', 'takeover_by_consent'])
      .where('id', '=', h.memberIds[0]!)
      .executeTakeFirstOrThrow();
    assert.deepEqual(row, { takeover_date: '2025-04-01', takeover_by_consent: true });
  });

  test('each person an import creates gets one access-log row naming them', async () => {
    const before = await counts();
    const res = await post({ households: [notice('US-2025-0700', '2025-03-10', 'Logget')] });
    const ids = res.json<ImportResult>().households[0]!.memberIds;
    const rows = await sql<{ person_id: string; action: string; resource: string }>`
      select person_id::text, action, resource from access_log order by id desc limit ${ids.length + 1}`.execute(
      t.database.db,
    );
    assert.equal((await counts()).log - before.log, ids.length);
    assert.deepEqual(
      rows.rows.slice(0, ids.length).map((r) => [r.action, r.resource]),
      ids.map(() => ['create', 'household']),
    );
    assert.deepEqual(
      rows.rows
        .slice(0, ids.length)
        .map((r) => r.person_id)
        .sort(),
      [...ids].sort(),
    );
  });

  test("another municipality's token cannot import into this one, and roles that do not register households are refused", async () => {
    const before = await counts();
    const other = auth(await t.token('813', 'caseworker'));
    const res = await post({ households: [notice('US-2025-0800', '2025-03-10', 'Fremmed')] }, { headers: other });
    assert.equal(res.statusCode, 404, res.body);
    for (const role of ['housing', 'institution', 'analyst', 'admin'] as const) {
      const refused = await post(
        { households: [notice('US-2025-0801', '2025-03-10', 'Ikkeadgang')] },
        { headers: auth(await t.token('580', role)) },
      );
      assert.equal(refused.statusCode, 403, `${role}: ${refused.body}`);
    }
    assert.deepEqual(await counts(), before);
    // The same reference in another municipality is its own notice.
    const own = await post(
      { households: [notice('US-2025-0042', '2025-03-10', 'Andenkommune')] },
      {
        headers: other,
        code: '813',
      },
    );
    assert.equal(own.json<ImportResult>().created, 1);
  });

  test('a body that is neither JSON nor CSV is refused with 415, and a JSON body without households with 422', async () => {
    const xml = await t.app.inject({
      method: 'POST',
      url: `${M}/580/arrivals`,
      headers: { ...cw, 'content-type': 'application/xml' },
      payload: '<households/>',
    });
    assert.equal(xml.statusCode, 415);
    const empty = await post({ households: [] });
    assert.equal(empty.statusCode, 422);
    assert.equal(empty.json<ImportProblem>().errors[0]!.code, 'arrival_import.empty');
    const notObject = await post({ persons: [] });
    assert.equal(notObject.statusCode, 422);
  });

  test('two imports of one notice at the same time create it once: the other is skipped or answered 409', async () => {
    // Several races: the one that lost used to find the winner's CPR number registered (422).
    for (let n = 1; n <= 12; n++) {
      const familyName = `Kapløb${'abcdefghijkl'[n - 1]!}`;
      const payload = { households: [notice(`US-2025-RACE-${n}`, '2025-03-10', familyName)] };
      const answers = await Promise.all([post(payload), post(payload), post(payload), post(payload)]);
      for (const a of answers) assert.ok([200, 409].includes(a.statusCode), `race ${n}: ${a.statusCode}: ${a.body}`);
      const created = answers
        .filter((a) => a.statusCode === 200)
        .reduce((sum, a) => sum + a.json<ImportResult>().created, 0);
      assert.equal(created, 1, `race ${n}`);
      const rows = await sql<{ n: string }>`
        select count(*)::text as n from persons where family_name = ${familyName}`.execute(t.database.db);
      assert.equal(rows.rows[0]!.n, '2', `race ${n}`);
    }
  });

  // ---- A household that grows ----------------------------------------------------------------

  test('a spouse who arrives later joins the household with their own takeover date, and their obligations run from it', async () => {
    const res = await post({ households: [notice('US-2025-0900', '2025-03-10', 'Voksende')] });
    const h = res.json<ImportResult>().households[0]!;
    const head = h.memberIds[0]!;
    const added = await t.app.inject({
      method: 'POST',
      url: `${M}/580/households/${h.id}/members`,
      headers: cw,
      payload: {
        givenName: 'Yusuf',
        familyName: 'Voksende',
        birthDate: '1988-03-03',
        sex: 'male',
        relation: 'spouse',
        residenceBasis: 'family_reunified',
        arrivalDate: '2026-02-10',
        decisionDate: '2026-02-05',
      },
    });
    assert.equal(added.statusCode, 201, added.body);
    const spouse = added.json<{
      personId: string;
      takeoverDate: string;
      statutoryTakeoverDate: string;
      program: string;
      householdId: string;
    }>();
    // Decision 5 February 2026 → March is the first whole month → 1 April 2026 (a Wednesday).
    assert.equal(spouse.takeoverDate, '2026-04-01');
    assert.equal(spouse.householdId, h.id);
    assert.equal(spouse.program, 'self_support_and_return');
    assert.equal(added.headers.location, `${M}/580/persons/${spouse.personId}`);
    const read = await t.app.inject({ url: `${M}/580/persons/${head}`, headers: cw });
    assert.ok(
      read
        .json<{ household: { members: { personId: string }[] } }>()
        .household.members.some((m) => m.personId === spouse.personId),
    );

    // The integration contract is due 1 month after each person's own takeover (the law's rule).
    const due = async (personId: string) => {
      const ob = await t.app.inject({ url: `${M}/580/persons/${personId}/obligations?on=2026-11-23`, headers: cw });
      assert.equal(ob.statusCode, 200, ob.body);
      const list = ob.json<{ obligations: { ruleId: string; dueDate: string | null; kind: string }[] }>().obligations;
      return new Map(list.map((o) => [o.ruleId, o.dueDate]));
    };
    const headDue = await due(head);
    const spouseDue = await due(spouse.personId);
    const contract = [...spouseDue.keys()].find((k) => /contract/.test(k) && spouseDue.get(k));
    assert.ok(contract, `a contract obligation: ${[...spouseDue.keys()].join(', ')}`);
    assert.equal(spouseDue.get(contract), '2026-05-01');
    assert.equal(headDue.get(contract), '2025-06-01');
  });

  test('a second spouse, a second head, a CPR number registered already or an early date without consent is refused', async () => {
    const res = await post({ households: [notice('US-2025-1000', '2025-03-10', 'Afvist')] });
    const h = res.json<ImportResult>().households[0]!;
    const member = (over: Record<string, unknown>) =>
      t.app.inject({
        method: 'POST',
        url: `${M}/580/households/${h.id}/members`,
        headers: cw,
        payload: {
          givenName: 'Ny',
          familyName: 'Afvist',
          birthDate: '1990-01-01',
          sex: 'male',
          relation: 'spouse',
          residenceBasis: 'family_reunified',
          decisionDate: '2026-02-05',
          ...over,
        },
      });
    const ok = await member({});
    assert.equal(ok.statusCode, 201, ok.body);
    const codes = async (over: Record<string, unknown>) => {
      const r = await member(over);
      assert.equal(r.statusCode, 422, r.body);
      return r.json<{ errors: { pointer: string; code: string }[] }>().errors.map((e) => [e.pointer, e.code]);
    };
    assert.deepEqual(await codes({}), [['/relation', 'household.spouse_count']]);
    assert.deepEqual(await codes({ relation: 'head' }), [['/relation', 'household.head_count']]);
    const headCpr = notice('x', '2025-03-10', 'x').members[0]!.cpr; // a fresh number …
    const first = await member({ relation: 'child', birthDate: '1990-01-01', cpr: headCpr });
    assert.equal(first.statusCode, 201, first.body);
    assert.deepEqual(await codes({ relation: 'child', cpr: headCpr }), [['/cpr', 'cpr.already_registered']]);
    assert.deepEqual(await codes({ relation: 'other', takeoverDate: '2026-03-01' }), [
      ['/consent', 'takeover.consent_missing'],
    ]);
    assert.deepEqual(await codes({ relation: 'other', decisionDate: undefined }), [
      ['/takeoverDate', 'takeover.date_missing'],
    ]);
  });

  test('a member cannot be added to a household of another municipality (404), and nothing is logged', async () => {
    const res = await post({ households: [notice('US-2025-1100', '2025-03-10', 'Isoleret')] });
    const h = res.json<ImportResult>().households[0]!;
    const before = await counts();
    const other = await t.app.inject({
      method: 'POST',
      url: `${M}/813/households/${h.id}/members`,
      headers: auth(await t.token('813', 'caseworker')),
      payload: {
        givenName: 'Fremmed',
        familyName: 'Isoleret',
        birthDate: '1990-01-01',
        sex: 'male',
        relation: 'spouse',
        residenceBasis: 'family_reunified',
        takeoverDate: '2026-03-01',
      },
    });
    assert.equal(other.statusCode, 404, other.body);
    assert.equal(other.json<{ code: string }>().code, 'household.not_found');
    assert.deepEqual(await counts(), before);
  });

  test('the takeover date given without a decision stands (a family-reunified person joining later)', async () => {
    const res = await post({ households: [notice('US-2025-1200', '2025-03-10', 'Uden')] });
    const h = res.json<ImportResult>().households[0]!;
    const added = await t.app.inject({
      method: 'POST',
      url: `${M}/580/households/${h.id}/members`,
      headers: cw,
      payload: {
        givenName: 'Lama',
        familyName: 'Uden',
        birthDate: '2010-01-01',
        sex: 'female',
        relation: 'child',
        residenceBasis: 'family_reunified',
        takeoverDate: '2026-03-15',
        program: null,
      },
    });
    assert.equal(added.statusCode, 201, added.body);
    const body = added.json<{ takeoverDate: string; statutoryTakeoverDate: string | null; program: string | null }>();
    assert.deepEqual([body.takeoverDate, body.statutoryTakeoverDate, body.program], ['2026-03-15', null, null]);
  });
});
