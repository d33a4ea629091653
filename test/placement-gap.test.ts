import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { solveWithHighs } from '../src/placement/highs.js';
import { readCbcSolution, readCbcStatus, writeLp } from '../src/placement/lp-format.js';
import {
  evaluate,
  lagrangianBound,
  relativeGap,
  type Constraint,
  type PlacementProblem,
} from '../src/placement/model.js';
import { gapToProblem, parseGap } from '../src/placement/orlib.js';
import { bruteForce } from './placement-helpers.js';

const DIR = path.resolve(process.cwd(), '..', 'shared', 'benchmarks', 'or-library', 'gap');
const MISSING = !existsSync(DIR) && 'shared/benchmarks is not beside the checkout';

/** Known optima, in file order (OR-Library; ../shared/benchmarks/or-library/README.md). */
const MAXIMISE: Record<string, number[]> = {
  gap1: [336, 327, 339, 341, 326],
  gap2: [434, 436, 420, 419, 428],
  gap3: [580, 564, 573, 570, 564],
  gap4: [656, 644, 673, 647, 664],
  gap5: [563, 558, 564, 568, 559],
  gap6: [761, 759, 758, 752, 747],
  gap7: [942, 949, 968, 945, 951],
  gap8: [1133, 1134, 1141, 1117, 1127],
  gap9: [709, 717, 712, 723, 706],
  gap10: [958, 963, 960, 947, 947],
  gap11: [1139, 1178, 1195, 1171, 1171],
  gap12: [1451, 1449, 1433, 1447, 1446],
};
const MINIMISE: Record<string, number[]> = {
  gapa: [1698, 3235, 1360, 2623, 1158, 2339],
  gapb: [1843, 3552, 1407, 2827, 1166, 2339],
  gapc: [1931, 3456, 1402, 2806, 1243, 2391],
};
/** gapd, problem 1 (5 agents × 100 jobs): best known value in the literature. */
const GAPD1_BEST_KNOWN = 6353;

function gapProblems(name: string, sense: 'min' | 'max'): PlacementProblem[] {
  return parseGap(readFileSync(path.join(DIR, `${name}.txt`), 'utf8')).map((inst) => gapToProblem(inst, sense));
}

function hasCbc(): boolean {
  return !spawnSync('cbc', ['-quit'], { encoding: 'utf8' }).error;
}

describe('OR-Library generalized assignment with HiGHS', () => {
  for (const [sets, sense] of [
    [MAXIMISE, 'max'],
    [MINIMISE, 'min'],
  ] as const) {
    for (const [name, optima] of Object.entries(sets)) {
      describe(name, { skip: MISSING }, () => {
        const problems = MISSING ? [] : gapProblems(name, sense);
        optima.forEach((optimum, q) => {
          test(`${name} problem ${q + 1} is solved to its known optimum ${optimum}, with a dual bound that proves it`, async () => {
            const problem = problems[q]!;
            const result = await solveWithHighs(problem, { mip: true, timeLimitSec: 120 });
            assert.equal(
              result.status,
              'optimal',
              `HiGHS stopped with ${result.status} after ${Math.round(result.timeMs)} ms: ${result.notes?.join('; ')}`,
            );
            assert.equal(Math.round(result.objective), optimum);
            assert.equal(Math.round(result.bound), optimum, 'the bound proves the optimum');
            assert.ok(result.gap <= 1e-4, `gap ${result.gap}`);
            const check = evaluate(problem, result.assignment);
            assert.ok(check.feasible, 'every job placed within the capacities');
            assert.equal(check.objective, result.objective, 'the objective is the recomputed one');
          });
        });
      });
    }
  }

  test(
    'gapd problem 1 within 10 s: a feasible assignment, a bound below the best known 6353 and a consistent gap',
    { skip: MISSING },
    async () => {
      const problem = gapProblems('gapd', 'min')[0]!;
      const result = await solveWithHighs(problem, { mip: true, timeLimitSec: 10 });
      assert.ok(result.status === 'feasible' || result.status === 'optimal', `status ${result.status}`);
      assert.ok(result.timeMs < 20_000, `took ${result.timeMs} ms`);
      const check = evaluate(problem, result.assignment);
      assert.ok(check.feasible, 'a feasible assignment');
      assert.equal(check.objective, result.objective);
      assert.ok(
        result.bound <= GAPD1_BEST_KNOWN,
        `bound ${result.bound} above the best known ${GAPD1_BEST_KNOWN}: the bound is wrong`,
      );
      assert.ok(
        GAPD1_BEST_KNOWN <= result.objective,
        `objective ${result.objective} below the best known ${GAPD1_BEST_KNOWN}`,
      );
      assert.equal(result.gap, relativeGap(result.objective, result.bound));
      if (result.status === 'optimal') assert.equal(result.objective, result.bound);
      else assert.ok(result.gap > 1e-9, 'a positive gap when not optimal');
    },
  );
});

/** A tiny problem: agents × options, some pairs missing, capacities on counts and sizes, groups, unplaced values. */
const tinyProblem = fc
  .record({
    sense: fc.constantFrom<'min' | 'max'>('min', 'max'),
    agents: fc.integer({ min: 1, max: 4 }),
    options: fc.integer({ min: 1, max: 3 }),
    quarters: fc.boolean(),
  })
  .chain(({ sense, agents, options, quarters }) =>
    fc.record({
      sense: fc.constant(sense),
      agents: fc.constant(agents),
      options: fc.constant(options),
      quarters: fc.constant(quarters),
      pairs: fc.array(
        fc.array(
          fc.option(fc.record({ value: fc.integer({ min: -10, max: 20 }), size: fc.integer({ min: 0, max: 3 }) }), {
            freq: 3,
          }),
          { minLength: options, maxLength: options },
        ),
        { minLength: agents, maxLength: agents },
      ),
      optionCaps: fc.array(fc.option(fc.integer({ min: 0, max: 3 }), { freq: 2 }), {
        minLength: options,
        maxLength: options,
      }),
      sizeCaps: fc.array(fc.option(fc.integer({ min: 0, max: 5 }), { freq: 1 }), {
        minLength: options,
        maxLength: options,
      }),
      group: fc.option(
        fc.record({
          members: fc.subarray(
            Array.from({ length: options }, (_, j) => j),
            { minLength: 1 },
          ),
          cap: fc.integer({ min: 0, max: 6 }),
        }),
      ),
      unplaced: fc.option(
        fc.array(fc.option(fc.integer({ min: -15, max: 15 }), { freq: 3 }), { minLength: agents, maxLength: agents }),
      ),
    }),
  );

type Tiny = typeof tinyProblem extends fc.Arbitrary<infer T> ? T : never;

function toProblem(g: Tiny): PlacementProblem {
  const pairAgent: number[] = [],
    pairOption: number[] = [],
    pairValue: number[] = [],
    count: number[] = [],
    size: number[] = [];
  g.pairs.forEach((row, i) => {
    row.forEach((cell, j) => {
      if (!cell) return;
      pairAgent.push(i);
      pairOption.push(j);
      pairValue.push(g.quarters ? cell.value / 4 : cell.value);
      count.push(1);
      size.push(cell.size);
    });
  });
  const constraints: Constraint[] = [];
  g.optionCaps.forEach((cap, j) => {
    if (cap !== null)
      constraints.push({ name: `option ${j}`, kind: 'option', dimension: 0, options: Int32Array.of(j), cap });
  });
  g.sizeCaps.forEach((cap, j) => {
    if (cap !== null)
      constraints.push({ name: `size ${j}`, kind: 'option', dimension: 1, options: Int32Array.of(j), cap });
  });
  if (g.group)
    constraints.push({
      name: 'group',
      kind: 'group',
      dimension: 1,
      options: Int32Array.from(g.group.members),
      cap: g.group.cap,
    });
  const mustPlace = g.sense === 'max' ? -Infinity : Infinity;
  return {
    sense: g.sense,
    agents: g.agents,
    options: g.options,
    pairAgent: Int32Array.from(pairAgent),
    pairOption: Int32Array.from(pairOption),
    pairValue: Float64Array.from(pairValue),
    dimensions: [
      { name: 'count', use: Float64Array.from(count) },
      { name: 'size', use: Float64Array.from(size) },
    ],
    constraints,
    ...(g.unplaced ? { unplacedValue: Float64Array.from(g.unplaced, (v) => (v === null ? mustPlace : v)) } : {}),
  };
}

describe('HiGHS on tiny random placement problems', () => {
  test('the MIP finds the same optimum as trying every assignment, and reports infeasible problems as infeasible', async () => {
    await fc.assert(
      fc.asyncProperty(tinyProblem, async (g) => {
        const problem = toProblem(g);
        const expected = bruteForce(problem);
        const result = await solveWithHighs(problem, { mip: true });
        if (expected === null) {
          assert.equal(result.status, 'infeasible');
          return;
        }
        assert.equal(result.status, 'optimal', result.notes?.join('; '));
        assert.ok(Math.abs(result.objective - expected) < 1e-9, `objective ${result.objective}, expected ${expected}`);
        assert.ok(Math.abs(result.bound - expected) < 1e-6, `bound ${result.bound}, expected ${expected}`);
        assert.ok(evaluate(problem, result.assignment).feasible);
      }),
      { numRuns: 200 },
    );
  });

  test('the LP bound equals the Lagrangian bound of its prices and bounds the best assignment', async () => {
    await fc.assert(
      fc.asyncProperty(tinyProblem, async (g) => {
        const problem = toProblem(g);
        const expected = bruteForce(problem);
        const lp = await solveWithHighs(problem, { mip: false });
        if (lp.status === 'infeasible') {
          assert.equal(expected, null, 'an LP relaxation is infeasible only when the problem is');
          return;
        }
        assert.ok(lp.prices && lp.x, 'prices and x for a solved LP');
        for (const lam of lp.prices) assert.ok(lam >= 0, `price ${lam} < 0`);
        const lagrangian = lagrangianBound(problem, lp.prices);
        assert.ok(
          Math.abs(lagrangian - lp.solverObjective!) <= 1e-6 * Math.max(1, Math.abs(lp.solverObjective!)),
          `Lagrangian ${lagrangian}, LP ${lp.solverObjective}`,
        );
        assert.ok(lp.bound === lagrangian, `bound ${lp.bound} is not the Lagrangian bound ${lagrangian}`);
        if (expected !== null) {
          const s = problem.sense === 'min' ? 1 : -1;
          assert.ok(s * (lp.bound - expected) <= 1e-6, `LP bound ${lp.bound} beyond the optimum ${expected}`);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('LP relaxation prices', () => {
  test(
    "on gap1 (max) and gapa (min) the Lagrangian bound of HiGHS's prices equals the LP optimum",
    { skip: MISSING },
    async () => {
      for (const [name, sense] of [
        ['gap1', 'max'],
        ['gap12', 'max'],
        ['gapa', 'min'],
        ['gapc', 'min'],
      ] as const) {
        for (const [q, problem] of gapProblems(name, sense).entries()) {
          for (const lpSolver of ['ipm', 'simplex'] as const) {
            const lp = await solveWithHighs(problem, { mip: false, lpSolver });
            assert.ok(lp.prices, `${name} problem ${q + 1} (${lpSolver}): no prices`);
            const lagrangian = lagrangianBound(problem, lp.prices);
            assert.ok(
              Math.abs(lagrangian - lp.solverObjective!) <= 1e-6 * Math.abs(lp.solverObjective!),
              `${name} problem ${q + 1} (${lpSolver}): Lagrangian ${lagrangian}, LP ${lp.solverObjective}`,
            );
            assert.equal(lp.x!.length, problem.pairAgent.length);
          }
        }
      }
    },
  );

  test('a capacitated problem with group caps and unplaced values: Lagrangian bound of the prices = LP optimum, for min and max', async () => {
    // Deterministic pseudo-random: 300 agents, 20 options, 8 options each, option and group caps.
    let seed = 12345;
    const rnd = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    for (const sense of ['min', 'max'] as const) {
      const pa: number[] = [],
        po: number[] = [],
        pv: number[] = [],
        size: number[] = [];
      for (let i = 0; i < 300; i++) {
        const chosen = new Set<number>();
        while (chosen.size < 8) chosen.add(Math.floor(rnd() * 20));
        const s = 1 + Math.floor(rnd() * 5);
        for (const j of [...chosen].sort((a, b) => a - b)) {
          pa.push(i);
          po.push(j);
          pv.push(Math.round(rnd() * 1000) / 10);
          size.push(s);
        }
      }
      const constraints: Constraint[] = [
        ...Array.from({ length: 20 }, (_, j): Constraint => ({
          name: `option ${j}`,
          kind: 'option',
          dimension: 0,
          options: Int32Array.of(j),
          cap: 14,
        })),
        ...Array.from({ length: 4 }, (_, g): Constraint => ({
          name: `group ${g}`,
          kind: 'group',
          dimension: 1,
          options: Int32Array.from({ length: 5 }, (_, t) => g * 5 + t),
          cap: 180,
        })),
      ];
      const problem: PlacementProblem = {
        sense,
        agents: 300,
        options: 20,
        pairAgent: Int32Array.from(pa),
        pairOption: Int32Array.from(po),
        pairValue: Float64Array.from(pv),
        dimensions: [
          { name: 'count', use: new Float64Array(pa.length).fill(1) },
          { name: 'persons', use: Float64Array.from(size) },
        ],
        constraints,
        unplacedValue: new Float64Array(300).fill(sense === 'min' ? 200 : -100),
      };
      const lp = await solveWithHighs(problem, { mip: false });
      const lagrangian = lagrangianBound(problem, lp.prices!);
      assert.ok(
        Math.abs(lagrangian - lp.solverObjective!) <= 1e-6 * Math.abs(lp.solverObjective!),
        `${sense}: Lagrangian ${lagrangian}, LP ${lp.solverObjective}`,
      );
      assert.ok(
        lp.prices!.some((lam) => lam > 0),
        `${sense}: some capacity binds`,
      );
      const mip = await solveWithHighs(problem, { mip: true, timeLimitSec: 30 });
      const s = sense === 'min' ? 1 : -1;
      assert.ok(
        s * (lp.bound - mip.objective) <= 1e-6,
        `${sense}: the LP bound ${lp.bound} does not bound the MIP's ${mip.objective}`,
      );
    }
  });
});

describe('LP file', () => {
  test('long rows are wrapped: no line over 510 characters, continuation lines start with a space', () => {
    const n = 200;
    const problem: PlacementProblem = {
      sense: 'min',
      agents: 1,
      options: n,
      pairAgent: new Int32Array(n),
      pairOption: Int32Array.from({ length: n }, (_, j) => j),
      pairValue: Float64Array.from({ length: n }, (_, j) => -Math.PI * 1e-7 * (j + 1)),
      dimensions: [{ name: 'count', use: Float64Array.from({ length: n }, () => 1 / 3) }],
      constraints: [
        { name: 'all', kind: 'group', dimension: 0, options: Int32Array.from({ length: n }, (_, j) => j), cap: 1 },
      ],
    };
    const lp = writeLp(problem, { integer: true });
    const lines = lp.split('\n');
    for (const line of lines) assert.ok(line.length <= 510, `a line of ${line.length} characters`);
    assert.ok(
      lines.some((l) => l.includes(`${-Math.PI * 1e-7 * 7}`.slice(1))),
      'coefficients keep full precision',
    );
    const inRows = lines.slice(lines.indexOf('Subject To') + 1, lines.indexOf('Bounds'));
    for (const line of inRows) assert.match(line, /^ /);
  });

  test('an agent with no option and no unplaced value makes the problem infeasible, LP and MIP; with an unplaced value it stays unplaced', async () => {
    const problem: PlacementProblem = {
      sense: 'max',
      agents: 2,
      options: 1,
      pairAgent: Int32Array.of(0),
      pairOption: Int32Array.of(0),
      pairValue: Float64Array.of(5),
      dimensions: [],
      constraints: [],
    };
    assert.match(writeLp(problem, { integer: true }), /a1: e1 = 1/);
    assert.equal((await solveWithHighs(problem, { mip: true })).status, 'infeasible');
    assert.equal((await solveWithHighs(problem, { mip: false })).status, 'infeasible');
    const unplacedOk = { ...problem, unplacedValue: Float64Array.of(-Infinity, 0) };
    const result = await solveWithHighs(unplacedOk, { mip: true });
    assert.equal(result.status, 'optimal');
    assert.deepEqual([...result.assignment], [0, -1]);
    assert.equal(result.objective, 5);
  });

  test(
    "the LP file solved by the cbc binary gives HiGHS's optimum on gap1, and its solution file reads back as a feasible assignment",
    { skip: MISSING || (!hasCbc() && 'cbc is not on PATH') },
    async () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'medborger-cbc-'));
      try {
        const problems = gapProblems('gap1', 'max');
        for (const [q, problem] of problems.slice(0, 3).entries()) {
          const highs = await solveWithHighs(problem, { mip: true });
          const lpFile = path.join(dir, `gap1-${q + 1}.lp`),
            solFile = path.join(dir, `gap1-${q + 1}.txt`);
          writeFileSync(lpFile, writeLp(problem, { integer: true }));
          const run = spawnSync('cbc', [lpFile, 'solve', 'solu', solFile], { encoding: 'utf8' });
          assert.equal(run.status, 0, run.stderr);
          const text = readFileSync(solFile, 'utf8');
          assert.ok(readCbcStatus(text).optimal, `cbc says: ${text.split('\n', 1)[0]}`);
          const assignment = readCbcSolution(text, problem);
          const check = evaluate(problem, assignment);
          assert.ok(check.feasible, `gap1 problem ${q + 1}: cbc's assignment is infeasible`);
          assert.equal(
            check.objective,
            highs.objective,
            `gap1 problem ${q + 1}: cbc ${check.objective}, HiGHS ${highs.objective}`,
          );
        }
        // An agent that cannot be placed: cbc must say infeasible, not fail to read the file.
        const stuck: PlacementProblem = {
          sense: 'min',
          agents: 2,
          options: 1,
          pairAgent: Int32Array.of(0),
          pairOption: Int32Array.of(0),
          pairValue: Float64Array.of(1),
          dimensions: [],
          constraints: [],
        };
        const lpFile = path.join(dir, 'stuck.lp'),
          solFile = path.join(dir, 'stuck.txt');
        writeFileSync(lpFile, writeLp(stuck, { integer: true }));
        spawnSync('cbc', [lpFile, 'solve', 'solu', solFile], { encoding: 'utf8' });
        assert.ok(readCbcStatus(readFileSync(solFile, 'utf8')).infeasible, 'cbc reports the problem infeasible');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});
