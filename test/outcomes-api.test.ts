// Outcome records per person over time (issue 11, item 1) through the API: a caseworker records
// a job, an education, a Danish education and a test and reads them back; the domain's checks
// answer 422 with the field (overlapping periods of one kind among them); other municipalities
// and roles that do not see the case are refused; every read and write logs exactly one row for
// the person; ending a period needs a current If-Match; bad input is a 400 problem, never a 500.
// Also the municipality-wide read for the indicators, the migration's down and up, and that the
// field checks agree with the domain's own.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { sql, type Kysely } from 'kysely';
import * as m0007 from '../src/db/migrations/0007_outcomes.js';
import { inTenant } from '../src/db/tenant.js';
import { danishEducationFieldProblems, labourMarketPeriodFieldProblems } from '../src/domain/outcome-checks.js';
import {
  BENEFIT_KINDS,
  COMPLETED_EDUCATION_KINDS,
  DANISH_EDUCATION_TRACKS,
  DANISH_TEST_KINDS,
  danishEducationProblems,
  EDUCATION_KINDS,
  LABOUR_MARKET_STATUS_KINDS,
  labourMarketPeriodProblems,
  type DanishEducation,
  type LabourMarketPeriod,
} from '../src/domain/outcomes.js';
import { loadOutcomesOfMunicipality } from '../src/services/outcomes.js';
import { aFamily, auth, forEachEngine, openTestApp, openTestDb, TODAY, type TestApp } from './helpers.js';

const M = '/api/v1/municipalities';

interface Problem {
  status: number;
  code: string;
  errors?: { pointer: string; code: string }[];
}
interface Period {
  id: string;
  personId: string;
  kind: string;
  from: string;
  to: string | null;
  hoursPerWeek: number | null;
  benefit: string | null;
  educationKind: string | null;
  version: number;
}
interface Outcomes {
  personId: string;
  labourMarketPeriods: Period[];
  educationsCompleted: { id: string; kind: string; completedOn: string; inDenmark: boolean }[];
  danishEducations: {
    id: string;
    track: string;
    referredOn: string;
    startedOn: string | null;
    module: number | null;
    endedOn: string | null;
  }[];
  danishTests: { id: string; test: string; takenOn: string; passed: boolean }[];
}

forEachEngine('outcome records through the API', (engine) => {
  let t: TestApp;
  let cw: Record<string, string>;
  let head: string;
  let spouse: string;
  let child: string;
  let other: string;

  async function register(code: string): Promise<string[]> {
    const res = await t.app.inject({
      method: 'POST',
      url: `${M}/${code}/households`,
      headers: auth(await t.token(code, 'caseworker')),
      payload: aFamily(),
    });
    assert.equal(res.statusCode, 201, res.body);
    return res.json<{ members: { personId: string }[] }>().members.map((m) => m.personId);
  }

  before(async () => {
    t = await openTestApp(engine);
    cw = auth(await t.token('580', 'caseworker'));
    [head, spouse, child] = (await register('580')) as [string, string, string];
    [other] = (await register('813')) as [string];
  });
  after(async () => {
    await t.close();
  });

  const url = (person: string, path = '') => `${M}/580/persons/${person}/outcomes${path}`;

  async function lastLogId(): Promise<string> {
    return (await sql<{ max: string }>`select coalesce(max(id), 0)::text as max from access_log`.execute(t.database.db))
      .rows[0]!.max;
  }

  /** Runs the request and returns its response with the access-log rows it wrote. */
  async function logged(
    options: InjectOptions,
  ): Promise<{ res: LightMyRequestResponse; rows: { person_id: string | null; action: string; resource: string }[] }> {
    const before = await lastLogId();
    const res = await t.app.inject(options);
    const rows = (
      await sql<{ person_id: string | null; action: string; resource: string }>`
      select person_id, action, resource from access_log where id > ${before}::bigint order by id`.execute(
        t.database.db,
      )
    ).rows;
    return { res, rows };
  }

  /** A refused request: the status, problem+json with the code, and no access-log row. */
  async function refused(options: InjectOptions, status: number, code?: string): Promise<Problem> {
    const { res, rows } = await logged(options);
    assert.equal(
      res.statusCode,
      status,
      `${options.method ?? 'GET'} ${typeof options.url === 'string' ? options.url : ''}: ${res.body.slice(0, 400)}`,
    );
    assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
    const problem = res.json<Problem>();
    if (code !== undefined) assert.equal(problem.code, code, res.body);
    assert.deepEqual(rows, [], 'a refused request logs nothing');
    return problem;
  }

  test('a caseworker records a job, an education, a Danish education and a passed test, and reads them', async () => {
    const writes = [
      ['/labour-market-periods', { kind: 'ordinary_job', from: '2025-09-01', hoursPerWeek: 37 }],
      ['/educations', { kind: 'vocational', completedOn: '2024-06-20', inDenmark: false }],
      ['/danish-educations', { track: 'du2', referredOn: '2025-03-10', startedOn: '2025-04-01', module: 3 }],
      ['/danish-tests', { test: 'pd2', takenOn: '2026-06-12', passed: true }],
    ] as const;
    for (const [path, payload] of writes) {
      const { res, rows } = await logged({ method: 'POST', url: url(head, path), headers: cw, payload });
      assert.equal(res.statusCode, 201, `${path}: ${res.body}`);
      assert.equal(res.json<{ personId: string }>().personId, head);
      assert.deepEqual(rows, [{ person_id: head, action: 'create', resource: 'outcomes' }], path);
    }
    const { res, rows } = await logged({ url: url(head), headers: cw });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(rows, [{ person_id: head, action: 'read', resource: 'outcomes' }]);
    const body = res.json<Outcomes>();
    assert.equal(body.personId, head);
    assert.equal(body.labourMarketPeriods.length, 1);
    const job = body.labourMarketPeriods[0]!;
    assert.deepEqual(
      { ...job, id: undefined },
      {
        id: undefined,
        personId: head,
        kind: 'ordinary_job',
        from: '2025-09-01',
        to: null,
        hoursPerWeek: 37,
        benefit: null,
        educationKind: null,
        version: 1,
      },
    );
    assert.deepEqual(
      body.educationsCompleted.map((e) => [e.kind, e.completedOn, e.inDenmark]),
      [['vocational', '2024-06-20', false]],
    );
    assert.deepEqual(
      body.danishEducations.map((d) => [d.track, d.referredOn, d.startedOn, d.module, d.endedOn]),
      [['du2', '2025-03-10', '2025-04-01', 3, null]],
    );
    assert.deepEqual(
      body.danishTests.map((d) => [d.test, d.takenOn, d.passed]),
      [['pd2', '2026-06-12', true]],
    );
    // A person without records reads as empty lists, logged all the same.
    const empty = await logged({ url: url(child), headers: cw });
    assert.equal(empty.res.statusCode, 200);
    assert.deepEqual(empty.res.json<Outcomes>(), {
      personId: child,
      labourMarketPeriods: [],
      educationsCompleted: [],
      danishEducations: [],
      danishTests: [],
    });
    assert.deepEqual(empty.rows, [{ person_id: child, action: 'read', resource: 'outcomes' }]);
  });

  test('an overlapping period of the same kind is refused with a field problem; another kind may overlap', async () => {
    const first = await t.app.inject({
      method: 'POST',
      url: url(spouse, '/labour-market-periods'),
      headers: cw,
      payload: { kind: 'benefit', benefit: 'self_support_and_return_benefit', from: '2025-03-01', to: '2025-12-31' },
    });
    assert.equal(first.statusCode, 201, first.body);
    const problem = await refused(
      {
        method: 'POST',
        url: url(spouse, '/labour-market-periods'),
        headers: cw,
        payload: { kind: 'benefit', benefit: 'transition_benefit', from: '2025-12-01' },
      },
      422,
      'labour_market_period.overlaps',
    );
    assert.deepEqual(
      problem.errors?.map((e) => [e.pointer, e.code]),
      [['/from', 'labour_market_period.overlaps']],
    );
    // The day after the last day does not overlap; nor does a job beside the benefit.
    const next = await t.app.inject({
      method: 'POST',
      url: url(spouse, '/labour-market-periods'),
      headers: cw,
      payload: { kind: 'benefit', benefit: 'transition_benefit', from: '2026-01-01' },
    });
    assert.equal(next.statusCode, 201, next.body);
    const job = await t.app.inject({
      method: 'POST',
      url: url(spouse, '/labour-market-periods'),
      headers: cw,
      payload: { kind: 'wage_subsidy', from: '2025-06-01', hoursPerWeek: 20 },
    });
    assert.equal(job.statusCode, 201, job.body);
    // An open period overlaps everything after its start.
    await refused(
      {
        method: 'POST',
        url: url(spouse, '/labour-market-periods'),
        headers: cw,
        payload: { kind: 'wage_subsidy', from: '2026-10-01', to: '2026-10-31' },
      },
      422,
      'labour_market_period.overlaps',
    );
  });

  test('the checks of one record answer 422 with the field', async () => {
    // [person (the head unless given), path, payload, pointer, code]
    const cases: [string, Record<string, unknown>, string, string, string?][] = [
      [
        '/labour-market-periods',
        { kind: 'benefit', from: '2024-01-01', to: '2024-02-01' },
        '/benefit',
        'labour_market_period.benefit_missing',
      ],
      [
        '/labour-market-periods',
        { kind: 'flexjob', benefit: 'other', from: '2024-01-01' },
        '/benefit',
        'labour_market_period.benefit_not_on_benefit',
      ],
      [
        '/labour-market-periods',
        { kind: 'self_supporting', hoursPerWeek: 10, from: '2024-01-01' },
        '/hoursPerWeek',
        'labour_market_period.hours_not_paid_work',
      ],
      [
        '/labour-market-periods',
        { kind: 'igu', educationKind: 'vocational', from: '2024-01-01' },
        '/educationKind',
        'labour_market_period.education_kind_not_education',
      ],
      [
        '/labour-market-periods',
        { kind: 'other', from: '2024-05-01', to: '2024-04-30' },
        '/to',
        'date.end_before_start',
      ],
      ['/labour-market-periods', { kind: 'other', from: '2018-09-29' }, '/from', 'date.before_birth', 'child'],
      ['/labour-market-periods', { kind: 'other', from: '2026-11-24' }, '/from', 'date.in_future'],
      ['/educations', { kind: 'higher', completedOn: '2027-01-01', inDenmark: true }, '/completedOn', 'date.in_future'],
      [
        '/danish-educations',
        { track: 'du1', referredOn: '2025-03-10', startedOn: '2025-03-01' },
        '/startedOn',
        'danish_education.started_before_referral',
      ],
      [
        '/danish-educations',
        { track: 'du1', referredOn: '2025-03-10', module: 1 },
        '/module',
        'danish_education.module_before_start',
      ],
      [
        '/danish-educations',
        { track: 'du3', referredOn: '2025-03-10', startedOn: '2025-04-01', endedOn: '2025-03-31' },
        '/endedOn',
        'date.end_before_start',
      ],
      [
        '/danish-tests',
        { test: 'pd3', takenOn: '2017-01-01', passed: false },
        '/takenOn',
        'date.before_birth',
        'child',
      ],
      [
        '/educations',
        { kind: 'youth_education', completedOn: '2018-01-01', inDenmark: true },
        '/completedOn',
        'date.before_birth',
        'child',
      ],
    ];
    for (const [path, payload, pointer, code, who] of cases) {
      const problem = await refused(
        { method: 'POST', url: url(who === 'child' ? child : head, path), headers: cw, payload },
        422,
        code,
      );
      assert.ok(
        problem.errors?.some((e) => e.pointer === pointer && e.code === code),
        `${path} ${JSON.stringify(payload)}: ${JSON.stringify(problem)}`,
      );
    }
  });

  test('every value of the vocabulary is stored and read back (the CHECK constraints match the domain)', async () => {
    const person = (await register('580'))[0]!;
    for (const [i, kind] of LABOUR_MARKET_STATUS_KINDS.entries()) {
      const extra =
        kind === 'benefit'
          ? { benefit: 'other' }
          : kind === 'education'
            ? { educationKind: 'higher' }
            : kind === 'flexjob'
              ? { hoursPerWeek: 12.5 }
              : {};
      const res = await t.app.inject({
        method: 'POST',
        url: url(person, '/labour-market-periods'),
        headers: cw,
        payload: { kind, from: `201${i}-01-01`, to: `201${i}-12-31`, ...extra },
      });
      assert.equal(res.statusCode, 201, `${kind}: ${res.body}`);
    }
    for (const [i, benefit] of BENEFIT_KINDS.entries()) {
      const res = await t.app.inject({
        method: 'POST',
        url: url(person, '/labour-market-periods'),
        headers: cw,
        payload: { kind: 'benefit', benefit, from: `202${i}-01-01`, to: `202${i}-12-31` },
      });
      assert.equal(res.statusCode, 201, `${benefit}: ${res.body}`);
    }
    for (const [i, educationKind] of EDUCATION_KINDS.entries()) {
      const res = await t.app.inject({
        method: 'POST',
        url: url(person, '/labour-market-periods'),
        headers: cw,
        payload: { kind: 'education', educationKind, from: `200${i}-01-01`, to: `200${i}-12-31` },
      });
      assert.equal(res.statusCode, 201, `${educationKind}: ${res.body}`);
    }
    for (const kind of COMPLETED_EDUCATION_KINDS) {
      const res = await t.app.inject({
        method: 'POST',
        url: url(person, '/educations'),
        headers: cw,
        payload: { kind, completedOn: '2015-06-30', inDenmark: true },
      });
      assert.equal(res.statusCode, 201, `${kind}: ${res.body}`);
    }
    for (const track of DANISH_EDUCATION_TRACKS) {
      const res = await t.app.inject({
        method: 'POST',
        url: url(person, '/danish-educations'),
        headers: cw,
        payload: { track, referredOn: '2025-03-10', startedOn: '2025-04-01', module: 6, endedOn: '2026-04-01' },
      });
      assert.equal(res.statusCode, 201, `${track}: ${res.body}`);
    }
    for (const test of DANISH_TEST_KINDS) {
      const res = await t.app.inject({
        method: 'POST',
        url: url(person, '/danish-tests'),
        headers: cw,
        payload: { test, takenOn: '2026-01-15', passed: false },
      });
      assert.equal(res.statusCode, 201, `${test}: ${res.body}`);
    }
    const body = (await t.app.inject({ url: url(person), headers: cw })).json<Outcomes>();
    assert.equal(
      body.labourMarketPeriods.length,
      LABOUR_MARKET_STATUS_KINDS.length + BENEFIT_KINDS.length + EDUCATION_KINDS.length,
    );
    assert.deepEqual(
      body.labourMarketPeriods.map((p) => p.from),
      [...body.labourMarketPeriods.map((p) => p.from)].sort(),
      'in date order',
    );
    assert.equal(body.labourMarketPeriods.find((p) => p.kind === 'flexjob')?.hoursPerWeek, 12.5);
    assert.deepEqual(body.danishTests.map((d) => d.test).sort(), [...DANISH_TEST_KINDS].sort());
  });

  test('ending a period: 428 without If-Match, 412 with a stale one, 200 with the current one', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: url(child, '/labour-market-periods'),
      headers: cw,
      payload: { kind: 'education', educationKind: 'preparatory', from: '2025-08-11' },
    });
    assert.equal(created.statusCode, 201, created.body);
    assert.equal(created.headers.etag, '"1"');
    const period = created.json<Period>();
    const patch = (
      headers: Record<string, string>,
      payload: unknown = { to: '2026-06-26' },
      id = period.id,
    ): InjectOptions => ({
      method: 'PATCH',
      url: url(child, `/labour-market-periods/${id}`),
      headers: { ...cw, ...headers },
      payload: payload as Record<string, unknown>,
    });
    await refused(patch({}), 428, 'precondition.required');
    const stale = await logged(patch({ 'if-match': '"7"' }));
    assert.equal(stale.res.statusCode, 412, stale.res.body);
    assert.equal(stale.res.headers.etag, '"1"', 'the current ETag comes with the 412');
    assert.deepEqual(stale.rows, []);
    await refused(patch({ 'if-match': 'W/"1"' }), 412, 'precondition.failed');
    await refused(patch({ 'if-match': '"1"' }, { to: '2025-08-10' }), 422, 'date.end_before_start');
    await refused(
      patch({ 'if-match': '"1"' }, { to: '2026-06-26' }, '00000000-0000-4000-8000-000000000000'),
      404,
      'labour_market_period.not_found',
    );
    // Another person's period is not found under this person.
    await refused(
      { ...patch({ 'if-match': '"1"' }), url: url(spouse, `/labour-market-periods/${period.id}`) },
      404,
      'labour_market_period.not_found',
    );
    const ended = await logged(patch({ 'if-match': '"1"' }));
    assert.equal(ended.res.statusCode, 200, ended.res.body);
    assert.equal(ended.res.headers.etag, '"2"');
    assert.deepEqual(ended.res.json<Period>(), { ...period, to: '2026-06-26', version: 2 });
    assert.deepEqual(ended.rows, [{ person_id: child, action: 'change', resource: 'outcomes' }]);
    await refused(patch({ 'if-match': '"1"' }), 412, 'precondition.failed');
    // Extending the end into a later period of the same kind is an overlap.
    const later = await t.app.inject({
      method: 'POST',
      url: url(child, '/labour-market-periods'),
      headers: cw,
      payload: { kind: 'education', educationKind: 'youth_education', from: '2026-08-10' },
    });
    assert.equal(later.statusCode, 201, later.body);
    const problem = await refused(
      patch({ 'if-match': '"2"' }, { to: '2026-09-01' }),
      422,
      'labour_market_period.overlaps',
    );
    assert.deepEqual(
      problem.errors?.map((e) => e.pointer),
      ['/to'],
    );
    const corrected = await t.app.inject(patch({ 'if-match': '"2"' }, { to: '2026-06-30' }));
    assert.equal(corrected.statusCode, 200, corrected.body);
    assert.equal(corrected.json<Period>().to, '2026-06-30');
  });

  test("another municipality's person is not found, whether the URL names 580 or 813", async () => {
    await refused({ url: url(other), headers: cw }, 404, 'person.not_found');
    await refused(
      {
        method: 'POST',
        url: url(other, '/danish-tests'),
        headers: cw,
        payload: { test: 'pd1', takenOn: '2026-01-15', passed: true },
      },
      404,
      'person.not_found',
    );
    await refused({ url: `${M}/813/persons/${other}/outcomes`, headers: cw }, 404, 'municipality.not_found');
    await refused(
      {
        method: 'POST',
        url: `${M}/813/persons/${other}/outcomes/danish-tests`,
        headers: cw,
        payload: { test: 'pd1', takenOn: '2026-01-15', passed: true },
      },
      404,
      'municipality.not_found',
    );
    const inTheirs = await t.app.inject({
      url: `${M}/813/persons/${other}/outcomes`,
      headers: auth(await t.token('813', 'caseworker')),
    });
    assert.equal(inTheirs.statusCode, 200, inTheirs.body);
  });

  test('roles: the team lead reads and writes; the others that do not see the case get 403', async () => {
    const lead = auth(await t.token('580', 'team_lead'));
    const read = await logged({ url: url(head), headers: lead });
    assert.equal(read.res.statusCode, 200);
    assert.deepEqual(read.rows, [{ person_id: head, action: 'read', resource: 'outcomes' }]);
    const wrote = await t.app.inject({
      method: 'POST',
      url: url(head, '/danish-tests'),
      headers: lead,
      payload: { test: 'pd3', takenOn: '2026-11-01', passed: false },
    });
    assert.equal(wrote.statusCode, 201, wrote.body);
    // Housing reaches this household (no permanent housing) but sees identity only; the
    // institution reaches the child but sees enrolments and assessments only.
    for (const role of ['housing', 'institution', 'volunteer_coordinator', 'analyst', 'admin'] as const) {
      const headers = auth(await t.token('580', role));
      for (const person of [head, child]) {
        await refused({ url: url(person), headers }, 403, 'role.forbidden');
        await refused(
          {
            method: 'POST',
            url: url(person, '/danish-tests'),
            headers,
            payload: { test: 'pd1', takenOn: '2026-01-15', passed: true },
          },
          403,
          'role.forbidden',
        );
        await refused(
          {
            method: 'PATCH',
            url: url(person, `/labour-market-periods/${head}`),
            headers: { ...headers, 'if-match': '"1"' },
            payload: { to: '2026-01-01' },
          },
          403,
          'role.forbidden',
        );
      }
    }
    const citizen = auth(await t.token('580', 'citizen', head));
    const own = await logged({ url: url(head), headers: citizen });
    assert.equal(own.res.statusCode, 200, own.res.body);
    assert.deepEqual(own.rows, [{ person_id: head, action: 'read', resource: 'outcomes' }]);
    await refused({ url: url(spouse), headers: citizen }, 404, 'person.not_found');
    for (const person of [head, spouse]) {
      const { res, rows } = await logged({
        method: 'POST',
        url: url(person, '/danish-tests'),
        headers: citizen,
        payload: { test: 'pd1', takenOn: '2026-01-15', passed: true },
      });
      assert.ok(res.statusCode === 403 || res.statusCode === 404, res.body);
      assert.deepEqual(rows, []);
    }
  });

  test('bad input is a 400 problem (never a 500) and logs nothing', async () => {
    const bad: [string, unknown][] = [
      ['/labour-market-periods', { kind: 'freelance', from: '2025-01-01' }],
      ['/labour-market-periods', { kind: 'ordinary_job', from: '2025-02-30' }],
      ['/labour-market-periods', { kind: 'ordinary_job', from: '9999-12-31' }],
      ['/labour-market-periods', { kind: 'ordinary_job', from: '2025-01-01', hoursPerWeek: 81 }],
      ['/labour-market-periods', { kind: 'ordinary_job', from: '2025-01-01', hoursPerWeek: '37' }],
      ['/labour-market-periods', { kind: 'ordinary_job', from: '2025-01-01', salary: 30000 }],
      ['/labour-market-periods', { kind: 'benefit', benefit: 'unemployment', from: '2025-01-01' }],
      ['/labour-market-periods', {}],
      ['/labour-market-periods', []],
      ['/educations', { kind: 'primary', completedOn: '2020-06-30', inDenmark: true }],
      ['/educations', { kind: 'higher', completedOn: '2020-06-30' }],
      ['/danish-educations', { track: 'du4', referredOn: '2025-01-01' }],
      ['/danish-educations', { track: 'du1', referredOn: '2025-01-01', startedOn: '2025-02-01', module: 7 }],
      ['/danish-educations', { track: 'du1', referredOn: '2025-01-01', startedOn: '2025-02-01', module: 2.5 }],
      ['/danish-tests', { test: 'pd2', takenOn: '2025-01-01', passed: 'yes' }],
      ['/danish-tests', { test: 'pd2', takenOn: 'yesterday', passed: true }],
      ['/danish-tests', { test: 'pd2\u0000', takenOn: '2025-01-01', passed: true }],
    ];
    for (const [path, payload] of bad) {
      const problem = await refused(
        { method: 'POST', url: url(head, path), headers: cw, payload: payload as Record<string, unknown> },
        400,
      );
      assert.equal(problem.status, 400);
    }
    await refused(
      {
        method: 'POST',
        url: url(head, '/danish-tests'),
        headers: { ...cw, 'content-type': 'application/json' },
        payload: '{"test": "pd2",',
      },
      400,
    );
    await refused({ url: `${M}/580/persons/not-a-uuid/outcomes`, headers: cw }, 400);
    await refused(
      {
        method: 'PATCH',
        url: url(head, '/labour-market-periods/not-a-uuid'),
        headers: { ...cw, 'if-match': '"1"' },
        payload: { to: '2026-01-01' },
      },
      400,
    );
    await refused(
      {
        method: 'PATCH',
        url: url(head, `/labour-market-periods/${head}`),
        headers: { ...cw, 'if-match': '"1"' },
        payload: { to: null },
      },
      400,
    );
    await refused(
      {
        method: 'PATCH',
        url: url(head, `/labour-market-periods/${head}`),
        headers: { ...cw, 'if-match': '"1"' },
        payload: { to: '2026-01-01', kind: 'igu' },
      },
      400,
    );
  });

  test('the municipality-wide read gives the domain records of the tenant only, and logs nothing', async () => {
    const before = await lastLogId();
    const all = await inTenant(t.appDb, '580', (tx) => loadOutcomesOfMunicipality(tx));
    assert.equal(await lastLogId(), before, 'no access-log row');
    const persons = new Set(
      [...all.labourMarket, ...all.educationCompleted, ...all.danishEducation, ...all.danishTests].map(
        (r) => r.personId,
      ),
    );
    assert.ok(persons.has(head) && persons.has(spouse) && persons.has(child));
    assert.ok(!persons.has(other), "813's records are not 580's");
    const job = all.labourMarket.find((p) => p.personId === head && p.kind === 'ordinary_job');
    assert.deepEqual(job, {
      personId: head,
      kind: 'ordinary_job',
      from: '2025-09-01',
      to: null,
      hoursPerWeek: 37,
      benefit: undefined,
      educationKind: undefined,
    });
    assert.deepEqual(
      all.danishEducation.find((d) => d.personId === head),
      { personId: head, referredOn: '2025-03-10', startedOn: '2025-04-01', track: 'du2', module: 3, endedOn: null },
    );
    assert.deepEqual(
      all.educationCompleted.find((d) => d.personId === head),
      { personId: head, kind: 'vocational', completedOn: '2024-06-20', inDenmark: false },
    );
    assert.ok(
      all.danishTests.some((d) => d.personId === head && d.test === 'pd2' && d.takenOn === '2026-06-12' && d.passed),
    );
    const theirs = await inTenant(t.appDb, '813', (tx) => loadOutcomesOfMunicipality(tx));
    assert.deepEqual(theirs, { labourMarket: [], educationCompleted: [], danishEducation: [], danishTests: [] });
    assert.equal(TODAY, '2026-11-23', 'the dates above are relative to the test day');
  });
});

forEachEngine('migration 0007', (engine) => {
  test('down removes the outcome tables and persons.left_on; up brings them back with row-level security', async () => {
    const t = await openTestDb(engine);
    const names = ['danish_educations', 'danish_tests', 'educations_completed', 'labour_market_periods'];
    try {
      const db = t.database.db;
      const tables = async () => {
        const r = await sql<{ table_name: string }>`select table_name from information_schema.tables
          where table_schema = 'public' and table_name = any(${names}) order by 1`.execute(db);
        return r.rows.map((row) => row.table_name);
      };
      const leftOn = async () => {
        const r = await sql<{ n: string }>`select count(*)::text as n from information_schema.columns
          where table_name = 'persons' and column_name = 'left_on'`.execute(db);
        return r.rows[0]!.n;
      };
      assert.deepEqual(await tables(), names);
      assert.equal(await leftOn(), '1');
      // A migration is written against no schema (Kysely<unknown>), as the migrator runs it.
      const owner = db as unknown as Kysely<unknown>;
      await m0007.down(owner);
      assert.deepEqual(await tables(), []);
      assert.equal(await leftOn(), '0');
      await m0007.up(owner);
      assert.deepEqual(await tables(), names);
      const rls = await sql<{ relname: string; relrowsecurity: boolean; policies: string }>`
        select c.relname, c.relrowsecurity,
          (select count(*) from pg_policy p where p.polrelid = c.oid)::text as policies
        from pg_class c where c.relname = any(${names})`.execute(db);
      assert.ok(
        rls.rows.length === 4 && rls.rows.every((r) => r.relrowsecurity && r.policies === '1'),
        JSON.stringify(rls.rows),
      );
    } finally {
      await t.cleanup();
    }
  });
});

describe('the field checks agree with the domain checks', () => {
  test('a status period has a field problem exactly when outcomes.ts finds it inconsistent', () => {
    let inconsistent = 0;
    for (const kind of LABOUR_MARKET_STATUS_KINDS) {
      for (const to of [null, '2025-01-31', '2025-03-01'] as const) {
        for (const hoursPerWeek of [undefined, 0, 37]) {
          for (const benefit of [undefined, ...BENEFIT_KINDS]) {
            for (const educationKind of [undefined, ...EDUCATION_KINDS]) {
              const p: LabourMarketPeriod = {
                personId: 'p',
                kind,
                from: '2025-02-01',
                to,
                hoursPerWeek,
                benefit,
                educationKind,
              };
              const domain = labourMarketPeriodProblems(p).length;
              assert.equal(labourMarketPeriodFieldProblems(p).length > 0, domain > 0, JSON.stringify(p));
              if (domain > 0) inconsistent++;
            }
          }
        }
      }
    }
    assert.ok(inconsistent > 100, 'the grid has inconsistent periods to check');
  });

  test('a Danish education has a field problem exactly when outcomes.ts finds it inconsistent', () => {
    let inconsistent = 0;
    for (const track of DANISH_EDUCATION_TRACKS) {
      for (const startedOn of [null, '2025-01-15', '2025-02-15'] as const) {
        for (const module of [null, 1, 5, 6] as const) {
          for (const endedOn of [undefined, null, '2025-02-01', '2026-01-01'] as const) {
            const d: DanishEducation = { personId: 'p', track, referredOn: '2025-02-01', startedOn, module, endedOn };
            const domain = danishEducationProblems(d).length;
            assert.equal(danishEducationFieldProblems(d).length > 0, domain > 0, JSON.stringify(d));
            if (domain > 0) inconsistent++;
          }
        }
      }
    }
    assert.ok(inconsistent > 20);
  });
});
