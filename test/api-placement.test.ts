// A housing coordinator runs a placement for the demo municipality, reads why each household
// got its unit, changes a weight and re-solves, locks a pair, and accepts part of the plan.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { inTenant } from '../src/db/tenant.js';
import { seedDemo } from '../src/demo/seed.js';
import { auth, forEachEngine, openTestApp, TODAY, type TestApp } from './helpers.js';

interface Plan {
  id: string;
  status: string;
  version: number;
  objective: number | null;
  bound: number | null;
  gap: number | null;
  engine: string;
  summary: {
    weights: { criterion: string; weight: number; policyWeight: number; overridden: boolean }[];
    unplaced: unknown[];
    deferredAcceptance?: { blockingPairs: number; rounds: number };
  };
  proposals: {
    id: string;
    status: string;
    householdId: string | null;
    personId: string | null;
    optionId: string;
    agentLabel: string;
    optionLabel: string | null;
    score: number;
    explanation: {
      text_da: string;
      criteria: { criterion: string; contribution: number }[] | null;
      alternative: { reason: string; option: number; optionLabel: string } | null;
    };
  }[];
}

forEachEngine('placement plans', (engine) => {
  let t: TestApp;
  let housing: string;
  const base = '/api/v1/municipalities/580/placement-plans';
  const run = async (body: Record<string, unknown>, token = housing) =>
    t.app.inject({ method: 'POST', url: base, headers: auth(token), payload: body });

  before(async () => {
    t = await openTestApp(engine);
    await seedDemo(t.database.db, t.vault, { today: TODAY });
    housing = await t.token('580', 'housing');
  });
  after(async () => {
    await t.close();
  });

  describe('housing', () => {
    let first: Plan;

    test('a housing coordinator runs a placement and gets a draft plan with objective, bound and gap', async () => {
      const res = await run({ kind: 'housing', date: TODAY });
      assert.equal(res.statusCode, 201, res.body);
      first = res.json<Plan>();
      assert.equal(first.status, 'draft');
      assert.ok(first.proposals.length > 0, 'some households are proposed a unit');
      assert.ok(first.objective !== null && first.bound !== null && first.gap !== null);
      assert.ok(first.gap <= 1e-6, `the plan is optimal (gap ${first.gap}, engine ${first.engine})`);
      assert.equal(
        new Set(first.proposals.map((p) => p.optionId)).size,
        first.proposals.length,
        'no unit is proposed twice',
      );
      assert.match(res.headers.location as string, new RegExp(`${base}/${first.id}$`));
    });

    test('each proposal says why: the criteria behind its score, in Danish, and the best alternative', () => {
      assert.ok(first.proposals.length > 0, 'there are proposals to explain');
      for (const p of first.proposals) {
        assert.match(p.explanation.text_da, /^Placeret i /);
        const sum = (p.explanation.criteria ?? []).reduce((s, c) => s + c.contribution, 0);
        assert.ok(Math.abs(sum - p.score) < 1e-6, `the criteria add up to the score of ${p.agentLabel}`);
      }
      assert.ok(
        first.proposals.some((p) => p.explanation.alternative !== null),
        'households with a choice are told the alternative',
      );
    });

    test('reading the plan logs a read for every member of every proposed household', async () => {
      const hh = first.proposals[0]!.householdId!;
      const members = await inTenant(t.database.db, '580', (tx) =>
        tx.selectFrom('persons').select('id').where('household_id', '=', hh).execute(),
      );
      const count = async () =>
        inTenant(t.database.db, '580', async (tx) =>
          Number(
            (
              await tx
                .selectFrom('access_log')
                .select((eb) => eb.fn.countAll().as('n'))
                .where('resource', '=', `placement_plan:${first.id}`)
                .where('person_id', '=', members[0]!.id)
                .executeTakeFirstOrThrow()
            ).n,
          ),
        );
      const before = await count();
      const res = await t.app.inject({ method: 'GET', url: `${base}/${first.id}`, headers: auth(housing) });
      assert.equal(res.statusCode, 200);
      assert.equal(await count(), before + 1);
    });

    test('changing a weight re-solves: the weight shows as overridden and the old draft is superseded', async () => {
      const criterion = first.summary.weights.find((w) => w.weight > 0)!.criterion;
      const res = await run({ kind: 'housing', date: TODAY, weights: { [criterion]: 0 } });
      assert.equal(res.statusCode, 201, res.body);
      const second = res.json<Plan>();
      const w = second.summary.weights.find((x) => x.criterion === criterion)!;
      assert.equal(w.weight, 0);
      assert.ok(w.overridden && w.policyWeight > 0);
      assert.ok(second.proposals.length > 0 && first.proposals.length > 0, 'both rounds propose something');
      for (const p of second.proposals)
        assert.ok(!(p.explanation.criteria ?? []).some((c) => c.criterion === criterion && c.contribution !== 0));
      const old = (
        await t.app.inject({ method: 'GET', url: `${base}/${first.id}`, headers: auth(housing) })
      ).json<Plan>();
      assert.ok(old.proposals.length > 0 && old.proposals.every((p) => p.status === 'superseded'));
    });

    test('locking a household to a unit it did not get puts it there', async () => {
      const fresh = (await run({ kind: 'housing', date: TODAY })).json<Plan>();
      const withAlt = fresh.proposals.find((p) => p.explanation.alternative !== null)!;
      const other =
        fresh.proposals.find((p) => p.optionLabel === withAlt.explanation.alternative!.optionLabel)?.optionId ??
        (
          await inTenant(t.database.db, '580', (tx) =>
            tx
              .selectFrom('housing_units')
              .select('id')
              .where('address', '=', withAlt.explanation.alternative!.optionLabel)
              .executeTakeFirst(),
          )
        )?.id;
      assert.ok(other, 'the alternative unit is known');
      const res = await run({
        kind: 'housing',
        date: TODAY,
        locks: [{ agentId: withAlt.householdId, optionId: other }],
      });
      assert.equal(res.statusCode, 201, res.body);
      const locked = res.json<Plan>();
      assert.equal(locked.proposals.find((p) => p.householdId === withAlt.householdId)?.optionId, other);
    });

    test('a lock on a household that is not in the round is a 422 naming the field', async () => {
      const res = await run({
        kind: 'housing',
        date: TODAY,
        locks: [{ agentId: '00000000-0000-4000-8000-000000000000', optionId: '00000000-0000-4000-8000-000000000001' }],
      });
      assert.equal(res.statusCode, 422);
      assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
      assert.equal(res.json<{ errors: { pointer: string }[] }>().errors[0]!.pointer, '/locks/0/agentId');
    });

    test('the coordinator accepts part of the plan: those households move in, the rest stay proposed', async () => {
      const created = await run({ kind: 'housing', date: TODAY });
      const plan = created.json<Plan>();
      const chosen = plan.proposals.slice(0, 2);
      const noIfMatch = await t.app.inject({
        method: 'POST',
        url: `${base}/${plan.id}/decisions`,
        headers: auth(housing),
        payload: { accept: chosen.map((p) => p.id) },
      });
      assert.equal(noIfMatch.statusCode, 428);
      const res = await t.app.inject({
        method: 'POST',
        url: `${base}/${plan.id}/decisions`,
        headers: auth(housing, { 'if-match': created.headers.etag as string }),
        payload: { accept: chosen.map((p) => p.id) },
      });
      assert.equal(res.statusCode, 200, res.body);
      const decided = res.json<Plan>();
      assert.equal(decided.status, plan.proposals.length > 2 ? 'partially_accepted' : 'accepted');
      assert.deepEqual(
        decided.proposals
          .filter((p) => p.status === 'accepted')
          .map((p) => p.id)
          .sort(),
        chosen.map((p) => p.id).sort(),
      );
      const hh = await inTenant(t.database.db, '580', (tx) =>
        tx
          .selectFrom('households')
          .select(['id', 'housing_unit_id'])
          .where(
            'id',
            'in',
            chosen.map((p) => p.householdId!),
          )
          .execute(),
      );
      for (const p of chosen)
        assert.equal(
          hh.find((h) => h.id === p.householdId)?.housing_unit_id,
          p.optionId,
          `${p.agentLabel} lives in ${p.optionLabel}`,
        );
      const stale = await t.app.inject({
        method: 'POST',
        url: `${base}/${plan.id}/decisions`,
        headers: auth(housing, { 'if-match': created.headers.etag as string }),
        payload: { accept: 'all' },
      });
      assert.equal(stale.statusCode, 412, 'a decision on a plan that changed meanwhile is refused');
      const again = await t.app.inject({
        method: 'POST',
        url: `${base}/${plan.id}/decisions`,
        headers: auth(housing, { 'if-match': res.headers.etag as string }),
        payload: { accept: [chosen[0]!.id] },
      });
      assert.equal(again.statusCode, 409, 'a proposal cannot be accepted twice');
    });

    test("a caseworker may not run a housing placement, and another municipality's plan is not found", async () => {
      assert.equal((await run({ kind: 'housing', date: TODAY }, await t.token('580', 'caseworker'))).statusCode, 403);
      const other = await t.token('860', 'housing');
      assert.equal(
        (await t.app.inject({ method: 'GET', url: `${base}/${first.id}`, headers: auth(other) })).statusCode,
        404,
      );
      assert.equal(
        (
          await t.app.inject({
            method: 'GET',
            url: `/api/v1/municipalities/860/placement-plans/${first.id}`,
            headers: auth(other),
          })
        ).statusCode,
        404,
      );
    });
  });

  test('daycare seats by deferred acceptance report rounds and blocking pairs; optimised seats report a bound', async () => {
    const institution = await t.token('580', 'institution');
    const da = await run({ kind: 'daycare', date: TODAY, mechanism: 'deferred_acceptance' }, institution);
    assert.equal(da.statusCode, 201, da.body);
    const daPlan = da.json<Plan>();
    assert.ok(daPlan.summary.deferredAcceptance && daPlan.summary.deferredAcceptance.rounds >= 0);
    const opt = await run({ kind: 'daycare', date: TODAY }, institution);
    assert.equal(opt.statusCode, 201, opt.body);
    assert.ok(opt.json<Plan>().gap !== null);
  });

  test('the plan list shows a role only the kinds it may run, newest first, without personal data', async () => {
    const list = async (token: string, query = '') =>
      (await t.app.inject({ url: `${base}${query}`, headers: auth(token) })).json<
        { kind: string; createdAt: string; proposals: Record<string, number> }[]
      >();
    const forHousing = await list(housing);
    assert.ok(forHousing.length > 0 && forHousing.every((p) => p.kind === 'housing'));
    assert.deepEqual(
      forHousing.map((p) => p.createdAt),
      [...forHousing.map((p) => p.createdAt)].sort().reverse(),
    );
    assert.ok(!JSON.stringify(forHousing).includes('agentLabel'), 'counts only');
    const forInstitution = await list(await t.token('580', 'institution'));
    assert.ok(forInstitution.length > 0 && forInstitution.every((p) => p.kind === 'daycare' || p.kind === 'school'));
    assert.equal(
      (await t.app.inject({ url: `${base}?kind=housing`, headers: auth(await t.token('580', 'institution')) }))
        .statusCode,
      403,
    );
  });

  // School seats are placed for the next school start (1 August), when the demo's children turning six need one.
  for (const [kind, role, date] of [
    ['school', 'institution', '2027-08-01'],
    ['internships', 'caseworker', TODAY],
    ['mentors', 'volunteer_coordinator', TODAY],
  ] as const) {
    test(`${kind}: the responsible role runs a placement and every proposal is explained`, async () => {
      const res = await run({ kind, date }, await t.token('580', role));
      assert.equal(res.statusCode, 201, res.body);
      const plan = res.json<Plan>();
      assert.ok(plan.gap === null || plan.gap <= 1e-4);
      assert.ok(plan.proposals.length > 0, `the ${kind} round proposes something to explain`);
      for (const p of plan.proposals) assert.ok(p.explanation.text_da.length > 0);
    });
  }
});
