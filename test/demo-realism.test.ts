// The seeded demo looks like a municipality that mostly works (issue 11): seeded for the tests'
// today, Aabenraa's obligations as the worklist API counts them are mostly met, some fall due
// within days and a minority is overdue; its indicators for 2025, as an analyst reads them through
// the API, are shown (not suppressed) and lie where the Integrationsbarometer and Jobindsats put
// refugees and the family-reunified; a person's outcome records read back through the API as one
// history from takeover. On both engines.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { seedDemo } from '../src/demo/seed.js';
import { auth, forEachEngine, openTestApp, TODAY, type TestApp } from './helpers.js';

interface Figure {
  suppressed: boolean;
  value?: number | null;
  numerator?: number;
  denominator?: number;
}
interface Indicator extends Figure {
  id: string;
  breakdown?: (Figure & { group: string })[];
}

/**
 * The plausible range of each Barometer-aligned indicator for the demo's refugees and
 * family-reunified (shared/indicators/national-indicators.md), and why.
 */
const PLAUSIBLE: Record<string, { min: number; max: number; why: string }> = {
  'refugees-employed-after-3-years': {
    min: 0.3,
    max: 0.65,
    why: 'Jobindsats MM13: 43 % of refugees and family-reunified in work after 3 years (2018); the national ambition is 50 %, met for men',
  },
  'barometer-1.2-employment-25-64': {
    min: 0.3,
    max: 0.65,
    why: 'Barometer 1.2: 60 % of all non-Western immigrants aged 25–64 (2020); refugees in their first years in the case file fewer',
  },
  'barometer-3.3-danish-test-within-5-years': {
    min: 0.35,
    max: 0.8,
    why: 'Barometer 3.3: 62 % of program participants pass a Danish test within 5 years of starting (2022)',
  },
  'barometer-2.2-youth-education-20-24': {
    min: 0.3,
    max: 0.85,
    why: 'Barometer 2.2: 68 % of 20–24-year-olds who arrived aged 0–12 or were born here (2021), fewer of those who arrived; about 15 persons, so ±25 points',
  },
};

const share = (f: Figure) => `${((f.value ?? 0) * 100).toFixed(1)} % (${f.numerator}/${f.denominator})`;

forEachEngine('the seeded demo looks like a municipality that mostly works', (engine) => {
  let t: TestApp;
  before(async () => {
    t = await openTestApp(engine);
    await seedDemo(t.database.db, t.vault, { today: TODAY });
  });
  after(async () => {
    await t.close();
  });

  const worklistTotal = async (status: string) => {
    const res = await t.app.inject({
      url: `/api/v1/municipalities/580/worklist?status=${status}&limit=1`,
      headers: auth(await t.token('580', 'team_lead')),
    });
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json<{ on: string; total: number }>();
    assert.equal(body.on, TODAY, 'the worklist counts from the demo’s today');
    return body.total;
  };

  const indicators = async () => {
    const res = await t.app.inject({
      url: '/api/v1/municipalities/580/indicators?year=2025',
      headers: auth(await t.token('580', 'analyst')),
    });
    assert.equal(res.statusCode, 200, res.body);
    return res.json<{ indicators: Indicator[] }>().indicators;
  };

  test("on the demo's today most of Aabenraa's obligations are met, some are due soon and a minority (2–20 %) is overdue", async () => {
    const counts = {
      met: await worklistTotal('met'),
      open: await worklistTotal('open'),
      due_soon: await worklistTotal('due_soon'),
      overdue: await worklistTotal('overdue'),
    };
    const total = counts.met + counts.open + counts.due_soon + counts.overdue;
    console.log(`  580 on ${TODAY}: ${JSON.stringify(counts)} of ${total}`);
    assert.ok(total > 500, `Aabenraa's demo has obligations to count (${total})`);
    const overdue = counts.overdue / total;
    assert.ok(
      overdue >= 0.02 && overdue <= 0.2,
      `${counts.overdue} of ${total} obligations (${(overdue * 100).toFixed(1)} %) are overdue: a municipality that mostly works has a minority overdue`,
    );
    assert.ok(
      counts.met / total >= 0.6,
      `only ${counts.met} of ${total} obligations are met: most should be, on time or late`,
    );
    assert.ok(counts.due_soon >= 1, 'no obligation is due within the coming week: the newest cases should have some');
  });

  test('the worklist a caseworker opens (overdue and due soon) is a short list, not the whole case load', async () => {
    const listed = (await worklistTotal('overdue')) + (await worklistTotal('due_soon'));
    const all = listed + (await worklistTotal('met')) + (await worklistTotal('open'));
    assert.ok(listed < all * 0.2, `${listed} of ${all} obligations on the worklist`);
  });

  test('the first worklist page starts with items due in the next days or overdue by less than 90 days, the long overdue counted apart', async () => {
    const res = await t.app.inject({
      url: '/api/v1/municipalities/580/worklist?limit=50',
      headers: auth(await t.token('580', 'team_lead')),
    });
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json<{
      groups: { current: number; longOverdue: number };
      items: { status: string; group: string; daysOverdue: number }[];
    }>();
    assert.ok(body.groups.current >= 1, 'nothing to do today in the whole municipality');
    assert.ok(body.groups.longOverdue >= 1, 'the demo has old misses (missing records): they must come after');
    const first = body.items.slice(0, Math.min(50, body.groups.current));
    assert.ok(first.length > 0);
    for (const i of first) {
      assert.equal(i.group, 'current');
      assert.ok(i.status === 'due_soon' || (i.status === 'overdue' && i.daysOverdue <= 90), JSON.stringify(i));
    }
    console.log(`  worklist groups: ${JSON.stringify(body.groups)}`);
  });

  test("Aabenraa's indicators for 2025 are shown, and the Barometer-aligned ones lie in the ranges the Barometer and Jobindsats report", async () => {
    const all = await indicators();
    const shown = all.filter((i) => !i.suppressed);
    assert.ok(shown.length >= 10, `only ${shown.length} of ${all.length} indicators are shown; the rest suppressed`);
    for (const [id, range] of Object.entries(PLAUSIBLE)) {
      const indicator = all.find((i) => i.id === id);
      assert.ok(indicator, `${id} is listed`);
      assert.equal(
        indicator.suppressed,
        false,
        `${id} is suppressed: fewer than 5 persons behind it or its complement`,
      );
      const value = indicator.value ?? Number.NaN;
      console.log(`  ${id}: ${share(indicator)}`);
      assert.ok(
        value >= range.min && value <= range.max,
        `${id} is ${share(indicator)}, outside ${range.min * 100}–${range.max * 100} % (${range.why})`,
      );
    }
  });

  test("women's employment is lower than men's in Aabenraa, as in reality (25–64-year-olds, 2025)", async () => {
    const res = await t.app.inject({
      url: '/api/v1/municipalities/580/indicators?year=2025&breakdown=sex',
      headers: auth(await t.token('580', 'analyst')),
    });
    assert.equal(res.statusCode, 200, res.body);
    const groups =
      res.json<{ indicators: Indicator[] }>().indicators.find((i) => i.id === 'barometer-1.2-employment-25-64')
        ?.breakdown ?? [];
    const women = groups.find((g) => g.group === 'female');
    const men = groups.find((g) => g.group === 'male');
    assert.ok(women && !women.suppressed && men && !men.suppressed, 'both sexes shown');
    console.log(`  580 employment 25–64: women ${share(women)}, men ${share(men)}`);
    assert.ok((women.value ?? 1) < (men.value ?? 0), `women ${share(women)} not below men ${share(men)}`);
  });

  test("a demo adult's outcomes read back through the API as one history from takeover: benefit first, periods back to back, a Danish education", async () => {
    const adult = await sql<{ id: string; takeover_date: string }>`
      SELECT p.id, p.takeover_date::text AS takeover_date FROM persons p
       WHERE p.municipality_code = '580' AND p.program = 'self_support_and_return' AND p.left_on IS NULL
         AND p.takeover_date BETWEEN '2022-01-01' AND '2022-12-31'
         AND EXISTS (SELECT 1 FROM danish_educations d WHERE d.municipality_code = p.municipality_code AND d.person_id = p.id)
       ORDER BY p.id LIMIT 1`.execute(t.database.db);
    const person = adult.rows[0];
    assert.ok(person, 'an adult of 2022 with a Danish education');
    const res = await t.app.inject({
      url: `/api/v1/municipalities/580/persons/${person.id}/outcomes`,
      headers: auth(await t.token('580', 'caseworker')),
    });
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json<{
      labourMarketPeriods: { kind: string; from: string; to: string | null; benefit: string | null }[];
      danishEducations: { referredOn: string; startedOn: string | null; track: string }[];
    }>();
    const periods = [...body.labourMarketPeriods].sort((a, b) => (a.from < b.from ? -1 : 1));
    assert.ok(periods.length >= 1, 'labour-market periods are recorded');
    assert.equal(periods[0]!.from, person.takeover_date, 'the history begins on the day of takeover');
    assert.deepEqual(
      [periods[0]!.kind, periods[0]!.benefit],
      ['benefit', 'self_support_and_return_benefit'],
      'on the self-support and return benefit at first',
    );
    for (const [i, p] of periods.entries()) {
      const next = periods[i + 1];
      if (!next) {
        assert.ok(p.to === null || p.to <= TODAY, `the last period ends by today or lasts: ${JSON.stringify(p)}`);
        continue;
      }
      assert.ok(p.to !== null, `only the last period is open: ${JSON.stringify(p)}`);
      const dayAfter = new Date(Date.parse(`${p.to}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
      assert.equal(next.from, dayAfter, `periods follow each other without gap or overlap: ${p.to} → ${next.from}`);
    }
    const danish = body.danishEducations[0]!;
    assert.ok(danish.referredOn >= person.takeover_date && danish.startedOn !== null);
    assert.ok(danish.startedOn >= danish.referredOn, 'started after the referral');
  });
});
