import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { networkStructure, solveFlow } from '../src/placement/flow.js';
import { solveLagrangian } from '../src/placement/lagrangian.js';
import { evaluate, lagrangianBound, ProblemBuilder, withLocksAndForbids } from '../src/placement/model.js';
import { explainPlacement } from '../src/placement/explain.js';
import { checkSolution, EngineError, solveFlowSparsified, solvePlacement } from '../src/placement/solve.js';
import { bruteForce } from './placement-helpers.js';

/** Random small problems: agents × options, unit capacities per option, town caps (laminar), optional person-weighted caps. */
const smallProblem = (opts: { network: boolean }) =>
  fc
    .record({
      agents: fc.integer({ min: 1, max: 5 }),
      options: fc.integer({ min: 1, max: 4 }),
      towns: fc.integer({ min: 1, max: 2 }),
      seed: fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 80, maxLength: 80 }),
      sense: fc.constantFrom<'min' | 'max'>('min', 'max'),
      unplaced: fc.boolean(),
    })
    .map(({ agents, options, towns, seed, sense, unplaced }) => {
      let r = 0;
      const next = () => seed[r++ % seed.length]!;
      const b = new ProblemBuilder(sense);
      const townOf = (j: number) => j % towns;
      for (let i = 0; i < agents; i++) {
        b.agent(`a${i}`);
        const persons = 1 + (next() % 4);
        for (let j = 0; j < options; j++)
          if (next() % 4 !== 0) b.pair(`a${i}`, `o${j}`, (next() % 41) - 10, { count: 1, persons });
        if (unplaced) b.mayStayUnplaced(`a${i}`, sense === 'max' ? 0 : 25);
      }
      for (let j = 0; j < options; j++) {
        b.option(`o${j}`);
        b.capacity(`o${j}`, 'option', 'count', [`o${j}`], 1 + (next() % 2));
      }
      for (let t = 0; t < towns; t++) {
        const members = Array.from({ length: options }, (_, j) => j)
          .filter((j) => townOf(j) === t)
          .map((j) => `o${j}`);
        b.capacity(`town${t}`, 'group', 'count', members, 1 + (next() % 3));
        if (!opts.network) b.capacity(`town${t} persons`, 'group', 'persons', members, 2 + (next() % 6));
      }
      return b.build();
    });

describe('min-cost flow engine', () => {
  test('a problem with unit counts and nested town caps is recognised as a network', () => {
    const p = new ProblemBuilder('max')
      .pair('h1', 'u1', 5, { count: 1 })
      .pair('h1', 'u2', 3, { count: 1 })
      .capacity('u1', 'option', 'count', ['u1'], 1)
      .capacity('u2', 'option', 'count', ['u2'], 1)
      .capacity('town', 'group', 'count', ['u1', 'u2'], 1)
      .build();
    assert.ok(!('reason' in networkStructure(p)));
  });

  test('person-weighted caps and overlapping caps are not taken for a network', () => {
    const weighted = new ProblemBuilder('max')
      .pair('h1', 'u1', 5, { persons: 4 })
      .capacity('town', 'group', 'persons', ['u1'], 4)
      .build();
    assert.match((networkStructure(weighted) as { reason: string }).reason, /weights other than 1/);
    const overlapping = new ProblemBuilder('max')
      .pair('h1', 'u1', 1, { count: 1 })
      .pair('h1', 'u2', 1, { count: 1 })
      .pair('h1', 'u3', 1, { count: 1 })
      .capacity('north', 'group', 'count', ['u1', 'u2'], 1)
      .capacity('rail', 'group', 'count', ['u2', 'u3'], 1)
      .build();
    assert.match((networkStructure(overlapping) as { reason: string }).reason, /overlap/);
  });

  test('on random network problems it finds the brute-force optimum and its bound proves it', () => {
    fc.assert(
      fc.property(smallProblem({ network: true }), (p) => {
        const net = networkStructure(p);
        assert.ok(!('reason' in net), 'generated as a network');
        const expected = bruteForce(p);
        const sol = solveFlow(p, net);
        if (expected === null) {
          assert.equal(sol.status, 'infeasible');
          return;
        }
        assert.equal(sol.status, 'optimal', `gap ${sol.gap}`);
        assert.ok(Math.abs(sol.objective - expected) < 1e-9, `objective ${sol.objective}, brute force ${expected}`);
        assert.ok(Math.abs(sol.bound - expected) < 1e-6, `bound ${sol.bound}, optimum ${expected}`);
        assert.ok(evaluate(p, sol.assignment).feasible);
        assert.ok(Math.abs(lagrangianBound(p, sol.prices!) - expected) < 1e-6, 'the prices alone reproduce the bound');
      }),
      { numRuns: 400 },
    );
  });

  test('by column generation from one pair per agent (one more per round) it still finds the brute-force optimum', () => {
    fc.assert(
      fc.property(smallProblem({ network: true }), (p) => {
        const net = networkStructure(p);
        assert.ok(!('reason' in net), 'generated as a network');
        const expected = bruteForce(p);
        const sol = solveFlow(p, net, { columns: { initial: 1, perRound: 1 } });
        if (expected === null) {
          assert.equal(sol.status, 'infeasible');
          return;
        }
        assert.equal(sol.status, 'optimal', `gap ${sol.gap}`);
        assert.ok(Math.abs(sol.objective - expected) < 1e-9, `objective ${sol.objective}, brute force ${expected}`);
        assert.ok(evaluate(p, sol.assignment).feasible, 'the placement keeps every cap');
        assert.ok(
          Math.abs(lagrangianBound(p, sol.prices!) - expected) < 1e-6,
          'the prices alone prove the optimum over every pair',
        );
      }),
      { numRuns: 600 },
    );
  });

  test('a town cap that binds has a positive price, and a town with room has none', () => {
    const p = new ProblemBuilder('max')
      .pair('h1', 'north-1', 10, { count: 1 })
      .pair('h1', 'south-1', 4, { count: 1 })
      .pair('h2', 'north-2', 9, { count: 1 })
      .pair('h2', 'south-1', 5, { count: 1 })
      .capacity('north-1', 'option', 'count', ['north-1'], 1)
      .capacity('north-2', 'option', 'count', ['north-2'], 1)
      .capacity('south-1', 'option', 'count', ['south-1'], 1)
      .capacity('town North', 'group', 'count', ['north-1', 'north-2'], 1)
      .capacity('town South', 'group', 'count', ['south-1'], 5)
      .build();
    const sol = solveFlow(p, networkStructure(p) as never);
    assert.equal(sol.objective, 15); // h1 North (10) + h2 South (5)
    const price = (name: string) => sol.prices![p.constraints.findIndex((c) => c.name === name)]!;
    assert.ok(price('town North') > 0, 'North is full and would be worth more room');
    assert.equal(price('town South'), 0);
  });
});

describe('side-constraint engines', () => {
  test('on random problems with person caps per town, HiGHS (auto) finds the brute-force optimum', async () => {
    await fc.assert(
      fc.asyncProperty(smallProblem({ network: false }), async (p) => {
        const expected = bruteForce(p);
        const sol = await solvePlacement(p);
        if (expected === null) {
          assert.equal(sol.status, 'infeasible');
          return;
        }
        assert.equal(sol.status, 'optimal');
        assert.ok(Math.abs(sol.objective - expected) < 1e-6, `objective ${sol.objective}, brute force ${expected}`);
      }),
      { numRuns: 120 },
    );
  });

  test('the Lagrangian engine returns feasible placements with a bound on the right side of the optimum', () => {
    fc.assert(
      fc.property(smallProblem({ network: false }), (p) => {
        const expected = bruteForce(p);
        const { solution: sol } = solveLagrangian(p, { timeLimitSec: 2, gapTolerance: 0, maxIterations: 300 });
        if (expected === null) {
          assert.notEqual(sol.status, 'optimal');
          return;
        }
        const below = (a: number, b: number) => (p.sense === 'min' ? a <= b + 1e-6 : a >= b - 1e-6);
        assert.ok(below(sol.bound, expected), `bound ${sol.bound} beyond the optimum ${expected}`);
        if (sol.status === 'feasible' || sol.status === 'optimal') {
          assert.ok(evaluate(p, sol.assignment).feasible);
          assert.ok(below(expected, sol.objective), `objective ${sol.objective} better than the optimum ${expected}`);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('what-if', () => {
  const base = () =>
    new ProblemBuilder('max')
      .pair('Familien Ali', 'Storegade 4', 9, { count: 1 })
      .pair('Familien Ali', 'Bygaden 2', 7, { count: 1 })
      .pair('Familien Haddad', 'Storegade 4', 8, { count: 1 })
      .pair('Familien Haddad', 'Bygaden 2', 3, { count: 1 })
      .capacity('Storegade 4', 'option', 'count', ['Storegade 4'], 1)
      .capacity('Bygaden 2', 'option', 'count', ['Bygaden 2'], 1)
      .build();

  test('locking a household to a unit re-solves around it', async () => {
    const p = base();
    const free = await solvePlacement(p);
    assert.equal(free.objective, 15); // Ali → Bygaden 7, Haddad → Storegade 8
    const locked = await solvePlacement(withLocksAndForbids(p, [[0, 0]], []));
    assert.equal(locked.assignment[0], 0, 'Ali gets Storegade 4 as locked');
    assert.equal(locked.objective, 12);
  });

  test('forbidding a pair keeps the household away from that unit', async () => {
    const sol = await solvePlacement(withLocksAndForbids(base(), [], [[1, 0]]));
    assert.notEqual(sol.assignment[1], 0);
  });

  test('locking and forbidding the same pair is refused with both names', () => {
    assert.throws(() => withLocksAndForbids(base(), [[0, 0]], [[0, 0]]), /Familien Ali.*Storegade 4/);
  });
});

test('an engine answer that breaks a capacity or misstates its objective is refused, not returned', () => {
  const p = new ProblemBuilder('max')
    .pair('h1', 'u1', 5, { count: 1 })
    .pair('h2', 'u1', 4, { count: 1 })
    .capacity('u1', 'option', 'count', ['u1'], 1)
    .mayStayUnplaced('h1', 0)
    .mayStayUnplaced('h2', 0)
    .build();
  const claim = (assignment: number[], objective: number) => ({
    status: 'optimal' as const,
    assignment: Int32Array.from(assignment),
    objective,
    bound: objective,
    gap: 0,
    engine: 'test',
    timeMs: 0,
  });
  assert.throws(
    () => checkSolution(p, claim([0, 0], 9), []),
    (err: unknown) => err instanceof EngineError && /u1 2 > 1/.test(err.message),
  );
  assert.throws(() => checkSolution(p, claim([0, -1], 9), []), /reported objective 9, but the placement is worth 5/);
  assert.equal(checkSolution(p, claim([0, -1], 5), []).objective, 5);
});

describe('explanations', () => {
  test('a household learns that the better unit went to a family that gains more from it, and what an exchange would cost', async () => {
    const p = new ProblemBuilder('max')
      .pair('Familien Ali', 'Storegade 4', 9, { count: 1 })
      .pair('Familien Ali', 'Bygaden 2', 7, { count: 1 })
      .pair('Familien Haddad', 'Storegade 4', 8, { count: 1 })
      .pair('Familien Haddad', 'Bygaden 2', 3, { count: 1 })
      .capacity('Storegade 4', 'option', 'count', ['Storegade 4'], 1)
      .capacity('Bygaden 2', 'option', 'count', ['Bygaden 2'], 1)
      .build();
    const sol = await solvePlacement(p);
    const ali = explainPlacement(p, sol)[0]!;
    assert.equal(ali.optionLabel, 'Bygaden 2');
    assert.equal(ali.alternative?.reason, 'taken');
    assert.equal(ali.alternative.takenBy?.agentLabel, 'Familien Haddad');
    assert.equal(ali.alternative.takenBy.exchangeDelta, -3); // 9 + 3 instead of 7 + 8
    assert.match(
      ali.text_da,
      /Storegade 4 scorer 9, men er tildelt Familien Haddad; et bytte ville give 3 point mindre samlet/,
    );
    assert.deepEqual(
      ali.binding.map((b) => b.constraint),
      ['Bygaden 2'],
    );
  });

  test('a town cap that keeps a household out of a better unit is named with its load', async () => {
    const p = new ProblemBuilder('max')
      .pair('Familien Ali', 'Rødekro 1', 10, { count: 1, persons: 5 })
      .pair('Familien Ali', 'Aabenraa 7', 6, { count: 1, persons: 5 })
      .pair('Familien Noor', 'Rødekro 2', 9, { count: 1, persons: 4 })
      .capacity('Rødekro 1', 'option', 'count', ['Rødekro 1'], 1)
      .capacity('Rødekro 2', 'option', 'count', ['Rødekro 2'], 1)
      .capacity('Aabenraa 7', 'option', 'count', ['Aabenraa 7'], 1)
      .capacity('Rødekro personer', 'group', 'persons', ['Rødekro 1', 'Rødekro 2'], 6)
      .build();
    const sol = await solvePlacement(p);
    const ali = explainPlacement(p, sol)[0]!;
    assert.equal(ali.optionLabel, 'Aabenraa 7');
    assert.equal(ali.alternative?.reason, 'cap');
    assert.deepEqual(
      ali.alternative.exceeds?.map((b) => [b.constraint, b.load, b.cap]),
      [['Rødekro personer', 4, 6]],
    );
  });

  test('a runner-up that scores almost the same is shown with enough decimals to tell the two scores apart', async () => {
    const p = new ProblemBuilder('max')
      .pair('Familien Ali', 'Storegade 4', 17.88, { count: 1 })
      .pair('Familien Ali', 'Bygaden 2', 17.86, { count: 1 })
      .build();
    const e = explainPlacement(p, await solvePlacement(p))[0]!;
    assert.equal(e.optionLabel, 'Storegade 4');
    assert.match(e.alternative?.text_da ?? '', /Bygaden 2, scorer 17,86 mod 17,88\./, e.alternative?.text_da);
  });

  test('the criteria behind a placement are reported for the chosen unit and for the alternative', async () => {
    const p = new ProblemBuilder('max')
      .pair('Familien Ali', 'Storegade 4', 9, { count: 1 })
      .pair('Familien Ali', 'Bygaden 2', 7, { count: 1 })
      .capacity('Storegade 4', 'option', 'count', ['Storegade 4'], 1)
      .build();
    const sol = await solvePlacement(p);
    const criteria = (k: number) => [
      {
        criterion: 'transport',
        label_da: 'Offentlig transport',
        raw: k,
        score: 1,
        weight: 9 - 2 * k,
        contribution: 9 - 2 * k,
      },
    ];
    const e = explainPlacement(p, sol, criteria)[0]!;
    assert.equal(e.criteria?.[0]?.contribution, 9);
    assert.equal(e.alternative?.reason, 'lower_score');
    assert.equal(e.alternative.criteria?.[0]?.contribution, 7);
    assert.match(e.text_da, /især for offentlig transport/);
  });
});

test('column generation on a large network reaches the same optimum as the flow on every pair, and proves it over every pair', () => {
  for (const seed of [1, 2, 3]) {
    let x = seed * 7919;
    const rnd = () => {
      x = (x * 1103515245 + 12345) % 2147483648;
      return x / 2147483648;
    };
    const b = new ProblemBuilder('max');
    const towns = 6;
    for (let i = 0; i < 400; i++) {
      for (let j = 0; j < 250; j++) if (rnd() < 0.6) b.pair(`h${i}`, `u${j}`, Math.round(rnd() * 100), { count: 1 });
      b.mayStayUnplaced(`h${i}`, 0);
    }
    for (let j = 0; j < 250; j++) b.capacity(`u${j}`, 'option', 'count', [`u${j}`], 1);
    for (let t = 0; t < towns; t++)
      b.capacity(
        `town${t}`,
        'group',
        'count',
        Array.from({ length: 250 }, (_, j) => j)
          .filter((j) => j % towns === t)
          .map((j) => `u${j}`),
        30,
      );
    const p = b.build();
    const full = solveFlow(p, networkStructure(p) as never);
    const notes: string[] = [];
    const cg = solveFlowSparsified(p, notes);
    assert.equal(cg.status, 'optimal', notes.join('; '));
    assert.ok(Math.abs(cg.objective - full.objective) < 1e-6, `seed ${seed}: ${cg.objective} vs ${full.objective}`);
    assert.ok(Math.abs(cg.bound - full.objective) < 1e-6);
    assert.ok(evaluate(p, cg.assignment).feasible);
    assert.match(notes.join(' '), /column generation: \d+ of \d+ pairs/);
  }
});
