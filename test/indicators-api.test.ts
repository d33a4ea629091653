// The indicators through the API (issue 11): the analyst sees aggregates only, with the policy's
// targets; a municipality with a few persons shows no figure about fewer than 5.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { aFamily, auth, forEachEngine, openTestApp, type TestApp } from './helpers.js';

interface Figure {
  suppressed: boolean;
  value?: number | null;
  numerator?: number;
  denominator?: number;
}
interface Indicator extends Figure {
  id: string;
  title: string;
  measurable: boolean;
  target?: { value: number; source: { quote: string } };
  breakdown?: (Figure & { group: string })[];
}

forEachEngine('indicators', (engine) => {
  let t: TestApp;
  before(async () => {
    t = await openTestApp(engine);
    // Three persons in Frederikshavn (813): a family of three.
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/municipalities/813/households',
      headers: auth(await t.token('813', 'caseworker')),
      payload: aFamily(),
    });
    assert.equal(res.statusCode, 201, res.body);
  });
  after(async () => {
    await t.close();
  });

  const indicators = async (query: string) => {
    const res = await t.app.inject({
      url: `/api/v1/municipalities/813/indicators?${query}`,
      headers: auth(await t.token('813', 'analyst')),
    });
    assert.equal(res.statusCode, 200, res.body);
    return res.json<{ year: number; indicators: Indicator[] }>();
  };

  test("an analyst of 813 gets the youth-education target 0.9 quoting Frederikshavn's sentence, and cannot search persons", async () => {
    const body = await indicators('year=2025');
    assert.equal(body.year, 2025);
    const youth = body.indicators.find((i) => i.id === 'frederikshavn-youth-education-under-25');
    assert.ok(youth, 'the youth-education indicator is listed');
    assert.equal(youth.target?.value, 0.9);
    assert.match(youth.target.source.quote, /mindst 90 % af unge under 25 år skal gennemføre en ungdomsuddannelse/);
    const search = await t.app.inject({
      url: '/api/v1/municipalities/813/persons?query=a',
      headers: auth(await t.token('813', 'analyst')),
    });
    assert.equal(search.statusCode, 403);
  });

  test('with 3 persons every indicator is suppressed and no numerator or denominator below 5 appears anywhere', async () => {
    for (const breakdown of ['', '&breakdown=sex', '&breakdown=age', '&breakdown=cohort']) {
      const body = await indicators(`year=2025${breakdown}`);
      assert.ok(body.indicators.length > 10, 'the catalogue and the compliance indicators are listed');
      for (const i of body.indicators) {
        assert.equal(i.suppressed, true, `${i.id} is shown about 3 persons`);
        for (const f of [i, ...(i.breakdown ?? [])]) {
          for (const n of [f.numerator, f.denominator])
            assert.ok(n === undefined || n >= 5, `${i.id}: a count of ${n}`);
        }
      }
    }
  });

  test('indicators are aggregates: a caseworker may read them, a housing coordinator may not, and reading them logs no person', async () => {
    const before = (await t.database.db.selectFrom('access_log').select('id').execute()).length;
    const cw = await t.app.inject({
      url: '/api/v1/municipalities/813/indicators?year=2025',
      headers: auth(await t.token('813', 'caseworker')),
    });
    assert.equal(cw.statusCode, 200);
    const housing = await t.app.inject({
      url: '/api/v1/municipalities/813/indicators?year=2025',
      headers: auth(await t.token('813', 'housing')),
    });
    assert.equal(housing.statusCode, 403);
    assert.equal((await t.database.db.selectFrom('access_log').select('id').execute()).length, before);
    const other = await t.app.inject({
      url: '/api/v1/municipalities/580/indicators?year=2025',
      headers: auth(await t.token('813', 'analyst')),
    });
    assert.equal(other.statusCode, 404);
  });
});
