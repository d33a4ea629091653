// The CSV import of outcome records (POST /api/v1/municipalities/{code}/outcomes/import): a valid
// file writes every record (read back through GET …/outcomes) and logs each person written once;
// one bad line refuses the whole file, names the line, the column and a Danish message, and
// writes and logs nothing; persons are found by Medborger id or by CPR number within the
// municipality only; every line is checked as the single-record API checks it (the same codes);
// overlapping periods are found against the recorded ones and within the file; a dry run writes
// nothing; only text/csv is taken, and only by the roles that write outcomes.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { DEFAULT_PURPOSE } from '../src/domain/authorization.js';
import { ERROR_MESSAGES } from '../src/web/error-messages.js';
import { aFamily, auth, forEachEngine, openTestApp, type TestApp } from './helpers.js';

const M = '/api/v1/municipalities';

interface LineProblem {
  pointer: string;
  code: string;
  detail: string;
  line: number;
  column: string | null;
  message: string;
}
interface ImportProblem {
  status: number;
  code: string;
  problemCount: number;
  errors: LineProblem[];
}
interface ImportResult {
  dryRun: boolean;
  written: boolean;
  lines: number;
  records: Record<'labour_market' | 'education_completed' | 'danish_education' | 'danish_test', number>;
  personCount: number;
  persons: { personId: string; records: number }[];
}
interface Outcomes {
  labourMarketPeriods: {
    kind: string;
    from: string;
    to: string | null;
    hoursPerWeek: number | null;
    benefit: string | null;
    educationKind: string | null;
  }[];
  educationsCompleted: { kind: string; completedOn: string; inDenmark: boolean }[];
  danishEducations: {
    track: string;
    referredOn: string;
    startedOn: string | null;
    module: number | null;
    endedOn: string | null;
  }[];
  danishTests: { test: string; takenOn: string; passed: boolean }[];
}

forEachEngine('a CSV import of outcome records', (engine) => {
  let t: TestApp;
  let cw: Record<string, string>;

  interface Family {
    head: string;
    spouse: string;
    child: string;
    headCpr: string;
  }

  async function register(code: string): Promise<Family> {
    const family = aFamily();
    const res = await t.app.inject({
      method: 'POST',
      url: `${M}/${code}/households`,
      headers: auth(await t.token(code, 'caseworker')),
      payload: family,
    });
    assert.equal(res.statusCode, 201, res.body);
    const [head, spouse, child] = res.json<{ members: { personId: string }[] }>().members.map((m) => m.personId) as [
      string,
      string,
      string,
    ];
    return { head, spouse, child, headCpr: family.members[0]!.cpr! };
  }

  before(async () => {
    t = await openTestApp(engine);
    cw = auth(await t.token('580', 'caseworker'));
  });
  after(async () => {
    await t.close();
  });

  async function lastLogId(): Promise<string> {
    return (await sql<{ max: string }>`select coalesce(max(id), 0)::text as max from access_log`.execute(t.database.db))
      .rows[0]!.max;
  }

  type LogRow = {
    person_id: string | null;
    action: string;
    resource: string;
    purpose: string;
    criterion: string | null;
  };

  /** Posts the file and returns the response with the access-log rows it wrote. */
  async function importCsv(
    csv: string,
    options: { dryRun?: boolean; headers?: Record<string, string>; code?: string; contentType?: string } = {},
  ): Promise<{ res: LightMyRequestResponse; rows: LogRow[] }> {
    const before = await lastLogId();
    const request: InjectOptions = {
      method: 'POST',
      url: `${M}/${options.code ?? '580'}/outcomes/import${options.dryRun ? '?dryRun=true' : ''}`,
      headers: { ...(options.headers ?? cw), 'content-type': options.contentType ?? 'text/csv; charset=utf-8' },
      payload: csv,
    };
    const res = await t.app.inject(request);
    const rows = (
      await sql<LogRow>`select person_id, action, resource, purpose, criterion from access_log
                         where id > ${before}::bigint order by id`.execute(t.database.db)
    ).rows;
    return { res, rows };
  }

  /** The file is refused: 422 problem+json, nothing logged; the problems. */
  async function refusedFile(csv: string, options: Parameters<typeof importCsv>[1] = {}): Promise<ImportProblem> {
    const { res, rows } = await importCsv(csv, options);
    assert.equal(res.statusCode, 422, res.body);
    assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
    assert.deepEqual(rows, [], 'a refused import logs nothing');
    const problem = res.json<ImportProblem>();
    assert.equal(problem.code, 'outcome_import.invalid');
    for (const e of problem.errors)
      assert.equal(e.message, ERROR_MESSAGES[e.code as keyof typeof ERROR_MESSAGES], `the Danish text of ${e.code}`);
    return problem;
  }

  const where = (p: ImportProblem) => p.errors.map((e) => [e.line, e.column, e.code]);

  async function outcomesOf(person: string): Promise<Outcomes> {
    const res = await t.app.inject({ url: `${M}/580/persons/${person}/outcomes`, headers: cw });
    assert.equal(res.statusCode, 200, res.body);
    return res.json<Outcomes>();
  }

  async function recordCount(): Promise<number> {
    const { rows } = await sql<{ n: string | number }>`select
      (select count(*) from labour_market_periods) + (select count(*) from educations_completed) +
      (select count(*) from danish_educations) + (select count(*) from danish_tests) as n`.execute(t.database.db);
    return Number(rows[0]!.n);
  }

  test('a valid file writes every record, read back through GET …/outcomes, and answers the counts and the persons', async () => {
    const f = await register('580');
    const csv = [
      'record,person_id,cpr,kind,from,to,hours_per_week,benefit,education_kind,completed_on,in_denmark,track,referred_on,started_on,module,ended_on,test,taken_on,passed',
      `labour_market,,${f.headCpr},benefit,2025-03-01,2025-08-31,,self_support_and_return_benefit,,,,,,,,,,,`,
      `labour_market,,${f.headCpr},ordinary_job,2025-09-01,,"22,5",,,,,,,,,,,,`,
      `education_completed,${f.spouse},,vocational,,,,,,2024-06-20,false,,,,,,,,`,
      `danish_education,${f.spouse},,,,,,,,,,du2,2025-03-10,2025-04-01,3,,,,`,
      `danish_test,${f.spouse},,,,,,,,,,,,,,,pd2,2026-06-12,true`,
      `labour_market,${f.child},,education,2025-08-11,,,,preparatory,,,,,,,,,,`,
    ].join('\n');
    const { res } = await importCsv(csv);
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json<ImportResult>();
    assert.deepEqual(
      { ...body, persons: undefined },
      {
        dryRun: false,
        written: true,
        lines: 6,
        records: { labour_market: 3, education_completed: 1, danish_education: 1, danish_test: 1 },
        personCount: 3,
        persons: undefined,
      },
    );
    assert.deepEqual(
      body.persons.map((p) => [p.personId, p.records]),
      [
        [f.head, 2],
        [f.spouse, 3],
        [f.child, 1],
      ],
    );
    assert.doesNotMatch(res.body, new RegExp(f.headCpr.replace('-', '-?')), 'the CPR number is not echoed');

    const head = await outcomesOf(f.head);
    assert.deepEqual(
      head.labourMarketPeriods.map((p) => [p.kind, p.from, p.to, p.hoursPerWeek, p.benefit]),
      [
        ['benefit', '2025-03-01', '2025-08-31', null, 'self_support_and_return_benefit'],
        ['ordinary_job', '2025-09-01', null, 22.5, null],
      ],
    );
    const spouse = await outcomesOf(f.spouse);
    assert.deepEqual(spouse.educationsCompleted, [
      { ...spouse.educationsCompleted[0], kind: 'vocational', completedOn: '2024-06-20', inDenmark: false },
    ]);
    assert.deepEqual(
      spouse.danishEducations.map((d) => [d.track, d.referredOn, d.startedOn, d.module, d.endedOn]),
      [['du2', '2025-03-10', '2025-04-01', 3, null]],
    );
    assert.deepEqual(
      spouse.danishTests.map((d) => [d.test, d.takenOn, d.passed]),
      [['pd2', '2026-06-12', true]],
    );
    const child = await outcomesOf(f.child);
    assert.deepEqual(
      child.labourMarketPeriods.map((p) => [p.kind, p.educationKind]),
      [['education', 'preparatory']],
    );
  });

  test('the import logs one access-log row per person written, with the purpose of case work, and names nobody else', async () => {
    const f = await register('580');
    const csv = [
      'person_id,record,test,taken_on,passed',
      `${f.head},danish_test,pd1,2026-01-15,false`,
      `${f.head},danish_test,pd1,2026-06-15,true`,
      `${f.spouse},danish_test,pd3,2026-06-15,true`,
    ].join('\n');
    const { res, rows } = await importCsv(csv);
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(
      rows.map((r) => [r.person_id, r.action, r.resource, r.purpose]),
      [
        [f.head, 'create', 'outcomes', DEFAULT_PURPOSE.caseworker],
        [f.spouse, 'create', 'outcomes', DEFAULT_PURPOSE.caseworker],
      ],
    );
    assert.ok(
      rows.every((r) => r.criterion === 'CSV-import'),
      JSON.stringify(rows),
    );
    // X-Purpose is recorded as on every other route.
    const purposed = await importCsv(
      `person_id,record,test,taken_on,passed\n${f.child},danish_test,pd1,2026-01-15,true`,
      {
        headers: { ...cw, 'x-purpose': 'Årlig indberetning fra sprogcentret' },
      },
    );
    assert.equal(purposed.res.statusCode, 200, purposed.res.body);
    assert.deepEqual(
      purposed.rows.map((r) => [r.person_id, r.purpose]),
      [[f.child, 'Årlig indberetning fra sprogcentret']],
    );
  });

  test('a file with one bad line writes nothing, and names the line, the column and what is wrong in Danish', async () => {
    const f = await register('580');
    const before = await recordCount();
    const csv = [
      'person_id,record,kind,from,to,test,taken_on,passed',
      `${f.head},labour_market,ordinary_job,2025-09-01,,,,`,
      `${f.head},danish_test,,,,pd2,2026-06-12,true`,
      `${f.spouse},labour_market,wage_subsidy,2025-05-01,2025-04-30,,,`,
      `${f.spouse},danish_test,,,,pd1,2026-01-15,false`,
    ].join('\n');
    const problem = await refusedFile(csv);
    assert.deepEqual(where(problem), [[4, 'to', 'date.end_before_start']]);
    assert.equal(problem.errors[0]!.pointer, '/4/to');
    assert.equal(problem.errors[0]!.message, ERROR_MESSAGES['date.end_before_start'], 'the Danish text of the code');
    assert.equal(problem.problemCount, 1);
    assert.equal(await recordCount(), before, 'nothing was written');
    assert.deepEqual((await outcomesOf(f.head)).labourMarketPeriods, []);
    assert.deepEqual((await outcomesOf(f.head)).danishTests, []);
  });

  test('every bad line is listed at once, each at its line and column', async () => {
    const f = await register('580');
    const csv = [
      'person_id,record,kind,from,to,hours_per_week,benefit,test,taken_on,passed,track,referred_on,module',
      `${f.head},labour_market,freelance,2025-01-01,,,,,,,,,`, // 2: not a kind
      `${f.head},labour_market,ordinary_job,2025-02-30,,37,,,,,,,`, // 3: not a date
      `${f.head},labour_market,ordinary_job,2025-01-01,,81,,,,,,,`, // 4: too many hours
      `${f.head},labour_market,ordinary_job,2025-01-01,,many,,,,,,,`, // 5: not a number
      `${f.head},labour_market,,2025-01-01,,,,,,,,,`, // 6: no kind
      `${f.head},danish_test,,,,,,pd2,2025-01-01,yes,,,`, // 7: not a boolean
      `${f.head},danish_test,,,,,,pd2,2025-01-01,true,du1,,`, // 8: a field of another record
      `${f.head},danish_education,,,,,,,,,du1,2025-01-01,7`, // 9: no such module (before the start, too)
      `${f.head},certificate,,,,,,,,,,,`, // 10: no such record
      `not-an-id,danish_test,,,,,,pd2,2025-01-01,true,,,`, // 11: not a person id
      `${f.head},danish_test,,,,,,pd2,2025-01-01`, // 12: too few fields
    ].join('\n');
    const problem = await refusedFile(csv);
    assert.deepEqual(where(problem), [
      [2, 'kind', 'outcome_import.invalid_choice'],
      [3, 'from', 'outcome_import.invalid_date'],
      [4, 'hours_per_week', 'outcome_import.invalid_hours'],
      [5, 'hours_per_week', 'outcome_import.invalid_hours'],
      [6, 'kind', 'outcome_import.value_missing'],
      [7, 'passed', 'outcome_import.invalid_boolean'],
      [8, 'track', 'outcome_import.column_not_for_record'],
      [9, 'module', 'danish_education.no_such_module'],
      [10, 'record', 'outcome_import.record_unknown'],
      [11, 'person_id', 'outcome_import.person_id_invalid'],
      [12, null, 'outcome_import.column_count'],
    ]);
  });

  test('a CPR number that matches no person of the municipality is a line error, also when another municipality has the person', async () => {
    const here = await register('580');
    const there = await register('813');
    const csv = [
      'cpr,person_id,record,test,taken_on,passed',
      `${here.headCpr},,danish_test,pd1,2026-01-15,true`,
      `${there.headCpr},,danish_test,pd1,2026-01-15,true`, // registered in 813 only
      `${there.headCpr.replace('-', '')},,danish_test,pd1,2026-01-15,true`, // the same, without the hyphen
      `010190-0000,,danish_test,pd1,2026-01-15,true`, // a valid number nobody has
      `320290-1234,,danish_test,pd1,2026-01-15,true`, // not a date
      `,${there.head},danish_test,pd1,2026-01-15,true`, // 813's person by id
      `${here.headCpr},${here.head},danish_test,pd1,2026-01-15,true`, // both
      `,,danish_test,pd1,2026-01-15,true`, // neither
      `,${here.head},danish_test,${here.headCpr},2026-01-15,true`, // a CPR number in the wrong column
    ].join('\n');
    const { res, rows } = await importCsv(csv);
    assert.equal(res.statusCode, 422, res.body);
    assert.deepEqual(rows, []);
    const problem = res.json<ImportProblem>();
    assert.deepEqual(where(problem), [
      [3, 'cpr', 'outcome_import.cpr_not_found'],
      [4, 'cpr', 'outcome_import.cpr_not_found'],
      [5, 'cpr', 'outcome_import.cpr_not_found'],
      [6, 'cpr', 'cpr.invalid_date'],
      [7, 'person_id', 'person.not_found'],
      [8, 'person_id', 'outcome_import.person_reference'],
      [9, 'person_id', 'outcome_import.person_reference'],
      [10, 'test', 'outcome_import.invalid_choice'],
    ]);
    for (const cpr of [here.headCpr, there.headCpr, '320290-1234']) {
      const digits = cpr.replace('-', '');
      assert.doesNotMatch(res.body, new RegExp(`${digits.slice(0, 6)}-?${digits.slice(6)}`), 'no CPR number is echoed');
    }
    // 813's caseworker finds their own person by the same CPR number.
    const theirs = await importCsv(
      `cpr,record,test,taken_on,passed\n${there.headCpr},danish_test,pd1,2026-01-15,true`,
      {
        code: '813',
        headers: auth(await t.token('813', 'caseworker')),
      },
    );
    assert.equal(theirs.res.statusCode, 200, theirs.res.body);
    assert.deepEqual(
      theirs.res.json<ImportResult>().persons.map((p) => p.personId),
      [there.head],
    );
    assert.deepEqual(
      theirs.rows.map((r) => r.person_id),
      [there.head],
    );
  });

  test('an overlapping period of one kind is refused, against the recorded periods and between lines of the file', async () => {
    const f = await register('580');
    const recorded = await t.app.inject({
      method: 'POST',
      url: `${M}/580/persons/${f.head}/outcomes/labour-market-periods`,
      headers: cw,
      payload: { kind: 'benefit', benefit: 'transition_benefit', from: '2025-03-01', to: '2025-12-31' },
    });
    assert.equal(recorded.statusCode, 201, recorded.body);
    const csv = [
      'person_id,record,kind,from,to,benefit,hours_per_week',
      `${f.head},labour_market,benefit,2025-12-01,,other,`, // 2: overlaps the recorded benefit period
      `${f.head},labour_market,benefit,2026-01-01,2026-03-31,other,`, // 3: after it: fine
      `${f.head},labour_market,ordinary_job,2025-06-01,,,30`, // 4: another kind beside the benefit: fine
      `${f.head},labour_market,ordinary_job,2026-10-01,2026-10-31,,37`, // 5: within line 4's open period
      `${f.spouse},labour_market,ordinary_job,2026-10-01,2026-10-31,,37`, // 6: another person: fine
      `${f.head},labour_market,benefit,2026-03-31,2026-04-30,other,`, // 7: shares a day with line 3
    ].join('\n');
    const problem = await refusedFile(csv);
    assert.deepEqual(where(problem), [
      [2, 'from', 'labour_market_period.overlaps'],
      [5, 'from', 'labour_market_period.overlaps'],
      [7, 'from', 'labour_market_period.overlaps'],
    ]);
    assert.match(problem.errors[1]!.detail, /line 4 of this file/);
    assert.deepEqual(
      (await outcomesOf(f.head)).labourMarketPeriods.map((p) => p.kind),
      ['benefit'],
      'nothing was written',
    );
  });

  test('every line is checked as the single-record API checks it: the same code for the same record', async () => {
    const f = await register('580');
    // [record, API path, API body, the same as CSV cells, the person (head unless child)]
    const cases: [string, string, Record<string, unknown>, Record<string, string>, 'head' | 'child'][] = [
      [
        'labour_market',
        'labour-market-periods',
        { kind: 'benefit', from: '2024-01-01' },
        { kind: 'benefit', from: '2024-01-01' },
        'head',
      ],
      [
        'labour_market',
        'labour-market-periods',
        { kind: 'flexjob', benefit: 'other', from: '2024-01-01' },
        { kind: 'flexjob', benefit: 'other', from: '2024-01-01' },
        'head',
      ],
      [
        'labour_market',
        'labour-market-periods',
        { kind: 'self_supporting', hoursPerWeek: 10, from: '2024-01-01' },
        { kind: 'self_supporting', hours_per_week: '10', from: '2024-01-01' },
        'head',
      ],
      [
        'labour_market',
        'labour-market-periods',
        { kind: 'igu', educationKind: 'vocational', from: '2024-01-01' },
        { kind: 'igu', education_kind: 'vocational', from: '2024-01-01' },
        'head',
      ],
      [
        'labour_market',
        'labour-market-periods',
        { kind: 'other', from: '2026-11-24' },
        { kind: 'other', from: '2026-11-24' },
        'head',
      ],
      [
        'labour_market',
        'labour-market-periods',
        { kind: 'other', from: '2018-09-29' },
        { kind: 'other', from: '2018-09-29' },
        'child',
      ],
      [
        'education_completed',
        'educations',
        { kind: 'higher', completedOn: '2027-01-01', inDenmark: true },
        { kind: 'higher', completed_on: '2027-01-01', in_denmark: 'true' },
        'head',
      ],
      [
        'danish_education',
        'danish-educations',
        { track: 'du1', referredOn: '2025-03-10', startedOn: '2025-03-01' },
        { track: 'du1', referred_on: '2025-03-10', started_on: '2025-03-01' },
        'head',
      ],
      [
        'danish_education',
        'danish-educations',
        { track: 'du1', referredOn: '2025-03-10', module: 1 },
        { track: 'du1', referred_on: '2025-03-10', module: '1' },
        'head',
      ],
      [
        'danish_education',
        'danish-educations',
        { track: 'du3', referredOn: '2025-03-10', startedOn: '2025-04-01', endedOn: '2025-03-31' },
        { track: 'du3', referred_on: '2025-03-10', started_on: '2025-04-01', ended_on: '2025-03-31' },
        'head',
      ],
      [
        'danish_test',
        'danish-tests',
        { test: 'pd3', takenOn: '2017-01-01', passed: false },
        { test: 'pd3', taken_on: '2017-01-01', passed: 'false' },
        'child',
      ],
    ];
    const columns = [...new Set(cases.flatMap(([, , , cells]) => Object.keys(cells)))];
    const lines = cases.map(([record, , , cells, who]) =>
      [who === 'child' ? f.child : f.head, record, ...columns.map((c) => cells[c] ?? '')].join(','),
    );
    const problem = await refusedFile([['person_id', 'record', ...columns].join(','), ...lines].join('\n'));
    const camel = (s: string) => s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
    for (const [i, [record, path, payload, , who]] of cases.entries()) {
      const api = await t.app.inject({
        method: 'POST',
        url: `${M}/580/persons/${who === 'child' ? f.child : f.head}/outcomes/${path}`,
        headers: cw,
        payload,
      });
      assert.equal(api.statusCode, 422, `${record} ${JSON.stringify(payload)}: ${api.body}`);
      const expected = api
        .json<{ errors: { pointer: string; code: string }[] }>()
        .errors.map((e) => [e.code, e.pointer])
        .sort();
      const found = problem.errors
        .filter((e) => e.line === i + 2)
        .map((e) => [e.code, `/${camel(e.column ?? '')}`])
        .sort();
      assert.deepEqual(found, expected, `line ${i + 2} (${record} ${JSON.stringify(payload)})`);
    }
  });

  test('a dry run checks the file and reports what would be written, and writes nothing', async () => {
    const f = await register('580');
    const before = await recordCount();
    const csv = `person_id;record;test;taken_on;passed\r\n${f.head};danish_test;studieproeve;2026-05-20;TRUE\r\n`;
    const dry = await importCsv(`\uFEFF${csv}`, { dryRun: true });
    assert.equal(dry.res.statusCode, 200, dry.res.body);
    assert.deepEqual(dry.res.json<ImportResult>(), {
      dryRun: true,
      written: false,
      lines: 1,
      records: { labour_market: 0, education_completed: 0, danish_education: 0, danish_test: 1 },
      personCount: 1,
      persons: [{ personId: f.head, records: 1 }],
    });
    assert.equal(await recordCount(), before, 'a dry run writes nothing');
    assert.deepEqual(
      dry.rows.map((r) => [r.person_id, r.action, r.resource]),
      [[f.head, 'read', 'outcomes']],
      'the person checked against is logged as read',
    );
    // A dry run of a bad file answers as the import does.
    const bad = await refusedFile(`person_id,record,test,taken_on,passed\n${f.head},danish_test,pd9,2026-05-20,true`, {
      dryRun: true,
    });
    assert.deepEqual(where(bad), [[2, 'test', 'outcome_import.invalid_choice']]);
    // The same file for real (semicolons, BOM, CRLF, TRUE) is written.
    const real = await importCsv(`\uFEFF${csv}`);
    assert.equal(real.res.statusCode, 200, real.res.body);
    assert.deepEqual(
      (await outcomesOf(f.head)).danishTests.map((d) => [d.test, d.passed]),
      [['studieproeve', true]],
    );
  });

  test('a header with an unknown, repeated or missing column, an empty file and a file that is not CSV are refused at line 1 or their line', async () => {
    const f = await register('580');
    const line = `${f.head},danish_test,pd1,2026-01-15,true`;
    const cases: [string, [number, string | null, string][]][] = [
      [`person_id,record,test,taken_on,passed,salary\n${line},1`, [[1, 'salary', 'outcome_import.column_unknown']]],
      [`person_id,record,test,taken_on,passed,test\n${line},pd1`, [[1, 'test', 'outcome_import.column_duplicate']]],
      [
        `person_id,test,taken_on,passed\n${f.head},pd1,2026-01-15,true`,
        [[1, 'record', 'outcome_import.column_missing']],
      ],
      [
        `record,test,taken_on,passed\ndanish_test,pd1,2026-01-15,true`,
        [[1, 'person_id', 'outcome_import.column_missing']],
      ],
      ['person_id,record,test,taken_on,passed\n', [[1, null, 'outcome_import.empty']]],
      ['', [[1, null, 'outcome_import.empty']]],
      [
        `person_id,record,test,taken_on,passed\n${line}\n${f.head},"danish_test,pd1`,
        [[3, null, 'outcome_import.malformed']],
      ],
      [
        `person_id,record,test,taken_on,passed\n${f.head},danish_test,"pd1"x,2026-01-15,true`,
        [[2, null, 'outcome_import.malformed']],
      ],
      [
        `person_id,record,test,taken_on,passed\n${Array.from({ length: 10_001 }, () => line).join('\n')}`,
        [[1, null, 'outcome_import.too_many_lines']],
      ],
    ];
    for (const [csv, expected] of cases) {
      const problem = await refusedFile(csv);
      assert.deepEqual(where(problem), expected, csv.slice(0, 120));
    }
    // A CPR number pasted into the header is masked where the problem names the column.
    const pasted = await importCsv(`person_id,record,test,taken_on,passed,010190-1234\n${line},x`);
    assert.equal(pasted.res.statusCode, 422, pasted.res.body);
    assert.deepEqual(
      pasted.res.json<ImportProblem>().errors.map((e) => [e.line, e.column, e.code]),
      [[1, '010190-xxxx', 'outcome_import.column_unknown']],
    );
    assert.doesNotMatch(pasted.res.body, /1234/);
  });

  test('only text/csv is taken (415 otherwise), a file over 2 MiB is 413, and bad input is never a 500', async () => {
    const f = await register('580');
    const csv = `person_id,record,test,taken_on,passed\n${f.head},danish_test,pd1,2026-01-15,true`;
    for (const contentType of ['application/json', 'text/plain', 'application/x-www-form-urlencoded']) {
      const { res, rows } = await importCsv(contentType === 'application/json' ? JSON.stringify({ csv }) : csv, {
        contentType,
      });
      assert.equal(res.statusCode, 415, `${contentType}: ${res.body}`);
      assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
      assert.deepEqual(rows, []);
    }
    const big = await importCsv(`person_id,record,test,taken_on,passed\n${'x'.repeat(2 * 1024 * 1024)}`);
    assert.equal(big.res.statusCode, 413, big.res.body.slice(0, 200));
    const query = await importCsv(csv, { headers: cw, code: '580' });
    assert.equal(query.res.statusCode, 200, query.res.body);
    const badQuery = await t.app.inject({
      method: 'POST',
      url: `${M}/580/outcomes/import?dryRun=maybe`,
      headers: { ...cw, 'content-type': 'text/csv' },
      payload: csv,
    });
    assert.equal(badQuery.statusCode, 400, badQuery.body);
    // Control characters and binary noise: a line problem or a malformed file, never a 500.
    for (const noise of [
      '\u0000\u0001\u0002',
      'person_id,record\n\u0000,\u0000',
      `person_id,record\n${'"'.repeat(9)}`,
    ]) {
      const { res } = await importCsv(noise);
      assert.equal(res.statusCode, 422, `${JSON.stringify(noise)}: ${res.body}`);
    }
  });

  test('roles: the team lead imports; the roles that do not write outcomes get 403; another municipality in the URL is 404', async () => {
    const f = await register('580');
    const csv = `person_id,record,test,taken_on,passed\n${f.head},danish_test,pd1,2026-01-15,true`;
    const lead = await importCsv(csv, { headers: auth(await t.token('580', 'team_lead')) });
    assert.equal(lead.res.statusCode, 200, lead.res.body);
    for (const role of [
      'housing',
      'institution',
      'volunteer_coordinator',
      'analyst',
      'admin',
      'secretariat',
    ] as const) {
      const { res, rows } = await importCsv(csv, { headers: auth(await t.token('580', role)) });
      assert.equal(res.statusCode, 403, `${role}: ${res.body}`);
      assert.deepEqual(rows, []);
    }
    const citizen = await importCsv(csv, { headers: auth(await t.token('580', 'citizen', f.head)) });
    assert.equal(citizen.res.statusCode, 403, citizen.res.body);
    const other = await importCsv(csv, { code: '813' });
    assert.equal(other.res.statusCode, 404, other.res.body);
    assert.equal(other.res.json<{ code: string }>().code, 'municipality.not_found');
    const anonymous = await importCsv(csv, { headers: {} });
    assert.equal(anonymous.res.statusCode, 401, anonymous.res.body);
  });
});
