// Comparing an indicator across municipalities (issue 11, item 4): the chosen municipalities beside
// the nation, under the same disclosure control as a municipality's own figures — applied to the
// whole table of municipalities, so that no choice of municipalities, and no two requests
// subtracted from each other, recovers a municipality whose figure is hidden. And CSV exports of
// indicator tables, logged as exports.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { aFamily, auth, forEachEngine, openTestApp, type TestApp } from './helpers.js';

const M = '/api/v1/municipalities';
const EMPLOYMENT = 'barometer-1.2-employment-25-64';

interface Row {
  code: string | null;
  name: string;
  suppressed: boolean;
  value?: number | null;
  numerator?: number;
  denominator?: number;
}
interface Comparison {
  year: number;
  indicator: { id: string; title: string };
  nationMunicipalities: number;
  rows: Row[];
}

// Adults 25–64 at the end of 2025 and how many of them are in work: two adults per family.
// 580: 6 of 12 (shown); 860: 5 of 10 (shown); 813: 1 of 4 and 550: 4 of 6 (each about fewer than 5
// persons on one side, hidden; together 5 of 10, so the nation may be shown without revealing either).
const POPULATION = { '580': [6, 6], '860': [5, 5], '813': [2, 1], '550': [3, 4] } as const;

forEachEngine('indicator comparison', (engine) => {
  let t: TestApp;
  before(async () => {
    t = await openTestApp(engine);
    for (const [code, [families, employed]] of Object.entries(POPULATION)) {
      const cw = auth(await t.token(code, 'caseworker'));
      let toEmploy: number = employed;
      for (let i = 0; i < families; i++) {
        const res = await t.app.inject({
          method: 'POST',
          url: `${M}/${code}/households`,
          headers: cw,
          payload: aFamily({ takeoverDate: '2024-03-01', arrivalDate: '2024-02-20' }),
        });
        assert.equal(res.statusCode, 201, res.body);
        const adults = res
          .json<{ members: { personId: string; relation: string }[] }>()
          .members.filter((m) => m.relation !== 'child');
        for (const adult of adults) {
          if (toEmploy === 0) break;
          toEmploy--;
          const job = await t.app.inject({
            method: 'POST',
            url: `${M}/${code}/persons/${adult.personId}/outcomes/labour-market-periods`,
            headers: cw,
            payload: { kind: 'ordinary_job', from: '2025-06-01', hoursPerWeek: 37 },
          });
          assert.equal(job.statusCode, 201, job.body);
        }
      }
    }
  });
  after(async () => {
    await t.close();
  });

  const compare = async (municipalities: string, extra = '', as = '580') => {
    const res = await t.app.inject({
      url: `/api/v1/indicators/compare?indicator=${EMPLOYMENT}&municipalities=${municipalities}&year=2025${extra}`,
      headers: auth(await t.token(as, 'analyst')),
    });
    assert.equal(res.statusCode, 200, res.body);
    return res.json<Comparison>();
  };

  test("an analyst of 580 sees Aabenraa's and Hjørring's employment beside the nation, with n", async () => {
    const body = await compare('580,860');
    assert.equal(body.indicator.id, EMPLOYMENT);
    assert.equal(body.nationMunicipalities, 4);
    assert.deepEqual(
      body.rows.map((r) => [r.code, r.name, r.suppressed, r.numerator, r.denominator, r.value]),
      [
        ['580', 'Aabenraa', false, 6, 12, 0.5],
        ['860', 'Hjørring', false, 5, 10, 0.5],
        [null, 'Hele landet', false, 16, 32, 0.5],
      ],
    );
  });

  test('a municipality with fewer than 5 persons on one side of its figure is hidden, whoever else is chosen', async () => {
    for (const set of ['813', '813,580', '580,813,860', '550,813']) {
      const body = await compare(set);
      for (const code of ['813', '550']) {
        const row = body.rows.find((r) => r.code === code);
        if (!row) continue;
        assert.deepEqual(row, { code, name: row.name, suppressed: true }, `${code} in ${set}`);
      }
    }
  });

  test('no choice of municipalities, nor several requests subtracted from each other, recovers a hidden municipality', async () => {
    // Everything an attacker can learn, request by request: the shown rows and the nation.
    const codes = ['580', '860', '813', '550'];
    const subsets = codes.flatMap((_, i) => codes.slice(i).map((__, j) => codes.slice(i, i + j + 1)));
    const shown = new Map<string, { numerator: number; denominator: number }>();
    let nation: { numerator: number; denominator: number } | null = null;
    for (const subset of subsets) {
      for (const r of (await compare(subset.join(','))).rows) {
        if (r.suppressed) continue;
        const figure = { numerator: r.numerator!, denominator: r.denominator! };
        if (r.code === null) nation = figure;
        else shown.set(r.code, figure);
      }
    }
    assert.deepEqual([...shown.keys()].sort(), ['580', '860'], 'the same municipalities are shown in every request');
    assert.ok(nation, 'the nation is shown');
    // Nation − every shown municipality leaves the hidden ones only together: 5 of 10, not one of them.
    const rest = [...shown.values()].reduce(
      (r, f) => ({ numerator: r.numerator - f.numerator, denominator: r.denominator - f.denominator }),
      nation,
    );
    assert.deepEqual(rest, { numerator: 5, denominator: 10 });
    assert.notDeepEqual(rest, { numerator: 1, denominator: 4 }, "813's own figure");
    assert.notDeepEqual(rest, { numerator: 4, denominator: 6 }, "550's own figure");
  });

  test('an unknown indicator, an unknown or repeated municipality and a bad year are refused as problems; a housing coordinator may not compare', async () => {
    const token = auth(await t.token('860', 'analyst'));
    const cases: [string, number, string][] = [
      [`indicator=no-such-indicator&municipalities=860`, 404, 'indicator.not_found'],
      [`indicator=${EMPLOYMENT}&municipalities=860,999`, 422, 'comparison.municipality_unknown'],
      [`indicator=${EMPLOYMENT}&municipalities=860,860`, 422, 'comparison.too_many_municipalities'],
      [`indicator=${EMPLOYMENT}&municipalities=860&year=abc`, 400, 'request.invalid'],
    ];
    for (const [query, status, code] of cases) {
      const res = await t.app.inject({ url: `/api/v1/indicators/compare?${query}`, headers: token });
      assert.equal(res.statusCode, status, `${query}: ${res.body}`);
      assert.match(String(res.headers['content-type'] ?? ''), /application\/problem\+json/);
      assert.equal(res.json<{ code: string }>().code, code, query);
    }
    const housing = await t.app.inject({
      url: `/api/v1/indicators/compare?indicator=${EMPLOYMENT}&municipalities=860`,
      headers: auth(await t.token('860', 'housing')),
    });
    assert.equal(housing.statusCode, 403);
  });

  test('a municipal compliance indicator is refused as not comparable across municipalities', async () => {
    const own = await t.app.inject({
      url: `${M}/580/indicators?year=2025`,
      headers: auth(await t.token('580', 'analyst')),
    });
    const municipal = own
      .json<{ indicators: { id: string; source: { type: string } }[] }>()
      .indicators.find((i) => i.id.startsWith('compliance.') && i.source.type === 'policy');
    assert.ok(municipal, 'Aabenraa has a compliance indicator of its own rule');
    const res = await t.app.inject({
      url: `/api/v1/indicators/compare?indicator=${municipal.id}&municipalities=580,813`,
      headers: auth(await t.token('580', 'analyst')),
    });
    assert.equal(res.statusCode, 422, res.body);
    assert.equal(res.json<{ code: string }>().code, 'indicator.not_comparable');
  });

  test('a CSV of the comparison and of the indicators holds what the JSON shows, no hidden figure, and is logged as an export', async () => {
    const exports = async () =>
      (
        await sql<{
          municipality_code: string;
          person_id: string | null;
          resource: string;
        }>`select municipality_code, person_id, resource from access_log where action = 'export' order by id`.execute(
          t.database.db,
        )
      ).rows;
    const before = (await exports()).length;
    const res = await t.app.inject({
      url: `/api/v1/indicators/compare?indicator=${EMPLOYMENT}&municipalities=580,813&year=2025&format=csv`,
      headers: auth(await t.token('580', 'analyst')),
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.match(String(res.headers['content-type'] ?? ''), /^text\/csv/);
    assert.match(String(res.headers['content-disposition']), /attachment; filename=".+\.csv"/);
    const lines = res.body.trim().split('\r\n');
    assert.equal(lines[0], 'year,indicator,title,municipality,name,suppressed,value,numerator,denominator');
    assert.equal(lines.length, 4, res.body);
    assert.match(lines[1]!, /,580,Aabenraa,false,0\.5,6,12$/);
    assert.match(lines[2]!, /,813,Frederikshavn,true,,,$/);
    assert.match(lines[3]!, /,,Hele landet,false,0\.5,16,32$/);

    const own = await t.app.inject({
      url: `${M}/580/indicators?year=2025&breakdown=sex&format=csv`,
      headers: auth(await t.token('580', 'analyst')),
    });
    assert.equal(own.statusCode, 200, own.body);
    assert.match(String(own.headers['content-type'] ?? ''), /^text\/csv/);
    const row = own.body.split('\r\n').find((l) => l.includes(`,${EMPLOYMENT},`));
    assert.match(row ?? '', /,false,0\.5,6,12,,barometer$/, 'the total row of the employment rate');
    for (const line of own.body.trim().split('\r\n').slice(1)) {
      const cells = line.split(',');
      for (const n of cells
        .slice(-4, -2)
        .filter((c) => /^\d+$/.test(c))
        .map(Number))
        assert.ok(n >= 5 || n === 0, `a count of ${n} in ${line}`);
    }
    const after = await exports();
    assert.deepEqual(
      after.slice(before),
      [
        { municipality_code: '580', person_id: null, resource: 'indicator-comparison' },
        { municipality_code: '580', person_id: null, resource: 'indicators' },
      ],
      'each CSV is one export row in the analyst’s municipality, naming no person',
    );
    const json = await t.app.inject({
      url: `/api/v1/indicators/compare?indicator=${EMPLOYMENT}&municipalities=580`,
      headers: auth(await t.token('580', 'analyst')),
    });
    assert.equal(json.statusCode, 200);
    assert.equal((await exports()).length, after.length, 'reading the comparison as JSON is no export');
  });
});
