// Disclosure control of the indicators (issue 11, item 3; src/domain/disclosure-control.ts): no
// figure about fewer than 5 persons, complementary suppression that an attacker cannot undo by
// subtraction (from the total, the other cells, and any combination of the breakdowns sharing
// the total), a 3-person municipality fully suppressed, shown cells unchanged and with their n.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import {
  DISCLOSURE_THRESHOLD,
  isSensitive,
  protectComparison,
  protectIndicator,
  protectTable,
  type ComparisonRow,
  type CountCell,
  type Counts,
  type IndicatorCountsInput,
  type ProtectedFigure,
  type ProtectedIndicator,
} from '../src/domain/disclosure-control.js';

const T = DISCLOSURE_THRESHOLD;

// ---- A population and its figures -------------------------------------------------------------

interface Person {
  sex: string;
  ageBand: string;
  cohort: string;
  hit: boolean;
  daysLate: number;
}
const DIMENSIONS = { sex: 'sex', age_band: 'ageBand', cohort: 'cohort' } as const;
type Dimension = keyof typeof DIMENSIONS;

function median(xs: number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function countsOf(persons: readonly Person[], kind: 'share' | 'median'): Counts {
  if (kind === 'median') return { denominator: persons.length, value: median(persons.map((p) => p.daysLate)) };
  const numerator = persons.filter((p) => p.hit).length;
  return { numerator, denominator: persons.length, value: persons.length ? numerator / persons.length : null };
}

/** The figure of a population as src/domain/indicators.ts shapes it: groups present only, sorted. */
function figureOf(
  persons: readonly Person[],
  kind: 'share' | 'median' = 'share',
  dims: readonly Dimension[] = ['sex', 'age_band', 'cohort'],
): IndicatorCountsInput {
  const breakdown: IndicatorCountsInput['breakdown'][number][] = [];
  for (const dimension of dims) {
    const groups = [...new Set(persons.map((p) => p[DIMENSIONS[dimension]]))].sort();
    for (const group of groups) {
      const members = persons.filter((p) => p[DIMENSIONS[dimension]] === group);
      breakdown.push({ dimension, group, ...countsOf(members, kind) });
    }
  }
  return { ...countsOf(persons, kind), breakdown };
}

const personArb: fc.Arbitrary<Person> = fc.record({
  // Skewed: most persons in a few groups, some in rare ones (the cells that get suppressed).
  sex: fc.constantFrom('female', 'female', 'male', 'male', 'male', 'unknown'),
  ageBand: fc.constantFrom('18-24', '25-29', '25-29', '30-39', '30-39', '40-49', '50-59', '65+', 'unknown'),
  cohort: fc.constantFrom('2019', '2020', '2021', '2022', '2022', '2023', '2023', '2024'),
  hit: fc.boolean(),
  daysLate: fc.integer({ min: 0, max: 120 }),
});
const populationArb = fc
  .integer({ min: 0, max: 160 })
  .chain((n) => fc.array(personArb, { minLength: n, maxLength: n }));

/** Share counts: a denominator in [min, max], a numerator with at least `margin` on either side. */
const sharesArb = (min: number, max: number, margin = 0) =>
  fc
    .integer({ min, max })
    .chain((d) => fc.record({ denominator: fc.constant(d), numerator: fc.integer({ min: margin, max: d - margin }) }));

// ---- The attacker ---------------------------------------------------------------------------

/** Whether v is a linear combination of the rows (Gaussian elimination, exact for these small integers). */
function inRowSpace(rows: number[][], v: number[]): boolean {
  const m = rows.map((r) => [...r]);
  const pivots: { row: number[]; col: number }[] = [];
  for (const r of m) {
    for (const p of pivots) {
      const f = r[p.col]!;
      if (f !== 0) for (let j = 0; j < r.length; j++) r[j]! -= f * p.row[j]!;
    }
    const col = r.findIndex((x) => Math.abs(x) > 1e-9);
    if (col < 0) continue;
    const f = r[col]!;
    for (let j = 0; j < r.length; j++) r[j]! /= f;
    for (const p of pivots) {
      const g = p.row[col]!;
      if (g !== 0) for (let j = 0; j < r.length; j++) p.row[j]! -= g * r[j]!;
    }
    pivots.push({ row: r, col });
  }
  const w = [...v];
  for (const p of pivots) {
    const f = w[p.col]!;
    if (f !== 0) for (let j = 0; j < w.length; j++) w[j]! -= f * p.row[j]!;
  }
  return w.every((x) => Math.abs(x) < 1e-9);
}

/**
 * Exact: the values one of k exchangeable hidden cells (each non-empty, 0 ≤ numerator ≤ denominator)
 * can take when only their sums D and N are known, by search over the other k − 1 cells.
 */
interface Values {
  den: number[];
  num: number[];
  comp: number[];
}
type Range = [number, number];

function feasibleValues(k: number, D: number, N: number | undefined): Values {
  const memo = new Map<string, boolean>();
  const realizable = (m: number, d: number, n: number): boolean => {
    if (m === 0) return d === 0 && n === 0;
    if (d < m || n < 0 || n > d) return false;
    const key = `${m},${d},${n}`;
    const hit = memo.get(key);
    if (hit !== undefined) return hit;
    let ok = false;
    for (let a = 1; a <= d - (m - 1) && !ok; a++) {
      for (let b = 0; b <= Math.min(a, n) && !ok; b++) ok = realizable(m - 1, d - a, n - b);
    }
    memo.set(key, ok);
    return ok;
  };
  const den = new Set<number>();
  const num = new Set<number>();
  const comp = new Set<number>();
  for (let a = 1; a <= D; a++) {
    if (N === undefined) {
      if (k === 1 ? a === D : D - a >= k - 1) den.add(a);
      continue;
    }
    for (let b = 0; b <= Math.min(a, N); b++) {
      if (realizable(k - 1, D - a, N - b)) {
        den.add(a);
        num.add(b);
        comp.add(a - b);
      }
    }
  }
  const sorted = (s: Set<number>) => [...s].sort((x, y) => x - y);
  return { den: sorted(den), num: sorted(num), comp: sorted(comp) };
}

/**
 * Sound over-approximation for larger sums: interval propagation over the same constraints
 * (Σ den = D, Σ num = N, den = num + comp, den ≥ 1, num, comp ≥ 0) until nothing tightens.
 */
function propagatedRanges(k: number, D: number, N: number | undefined): { den: Range; num: Range; comp: Range } {
  const C = N === undefined ? D : D - N;
  const NN = N ?? 0;
  let den: Range = [1, D];
  let num: Range = [0, NN];
  let comp: Range = [0, C];
  const others = k - 1;
  for (let round = 0; round < 100; round++) {
    const before = JSON.stringify([den, num, comp]);
    den = [
      Math.max(den[0], D - others * den[1], num[0] + comp[0]),
      Math.min(den[1], D - others * den[0], num[1] + comp[1]),
    ];
    num = [
      Math.max(num[0], NN - others * num[1], den[0] - comp[1]),
      Math.min(num[1], NN - others * num[0], den[1] - comp[0]),
    ];
    comp = [
      Math.max(comp[0], C - others * comp[1], den[0] - num[1]),
      Math.min(comp[1], C - others * comp[0], den[1] - num[0]),
    ];
    if (JSON.stringify([den, num, comp]) === before) break;
  }
  return { den, num, comp };
}

/**
 * Everything an analyst sees, and every attack tried on it. Returns what was found (empty: safe).
 * Attacks: the published counts themselves; recovering a suppressed count (denominator, numerator
 * or complement) as any linear combination of the equations of every breakdown with the shown
 * figures (subtraction from the total and the other cells, across breakdowns); the suppressed
 * cells of a breakdown as a group; the range each suppressed count can lie in given the sums.
 */
function attack(input: IndicatorCountsInput, out: ProtectedIndicator, threshold = T): string[] {
  const found: string[] = [];
  const shownSmall = (what: string, f: ProtectedFigure) => {
    if (f.suppressed) return;
    if (f.denominator < threshold) found.push(`${what}: shown denominator ${f.denominator}`);
    if (f.numerator !== undefined && f.numerator < threshold) found.push(`${what}: shown numerator ${f.numerator}`);
    if (f.numerator !== undefined && f.denominator - f.numerator < threshold) {
      found.push(`${what}: shown complement ${f.denominator - f.numerator}`);
    }
  };
  shownSmall('total', out.total);
  out.breakdown.forEach((r) => {
    shownSmall(`${r.dimension}=${r.group}`, r);
  });
  const share = input.numerator !== undefined;

  // Unknowns: the total (if suppressed) and each suppressed row; one equation per breakdown.
  const unknown: string[] = [];
  if (out.total.suppressed) unknown.push('total');
  out.breakdown.forEach((r, i) => {
    if (r.suppressed) unknown.push(String(i));
  });
  const dims = [...new Set(out.breakdown.map((r) => r.dimension))];
  const equations = dims.map((d) =>
    unknown.map((u) => (u === 'total' ? -1 : out.breakdown[Number(u)]!.dimension === d ? 1 : 0)),
  );
  // By subtraction: a unit vector in the row space is a count the shown figures determine. The
  // numerator and complement systems have the same equations, so the same test covers all three.
  unknown.forEach((u, j) => {
    if (
      equations.length > 0 &&
      inRowSpace(
        equations,
        unknown.map((_, i) => (i === j ? 1 : 0)),
      )
    ) {
      const cell = u === 'total' ? 'total' : JSON.stringify(out.breakdown[Number(u)]);
      found.push(`suppressed ${cell} recovered by subtraction`);
    }
  });
  // The plain subtraction of the issue: total − the shown cells, with one cell suppressed.
  if (!out.total.suppressed) {
    for (const d of dims) {
      const rows = out.breakdown.map((r, i) => ({ r, i })).filter(({ r }) => r.dimension === d);
      const hidden = rows.filter(({ r }) => r.suppressed);
      if (hidden.length === 0) continue;
      let den: number = out.total.denominator;
      let num: number = out.total.numerator ?? 0;
      for (const { r } of rows)
        if (!r.suppressed) {
          den -= r.denominator;
          num -= r.numerator ?? 0;
        }
      const truth = hidden.map(({ i }) => input.breakdown[i]!);
      assert.equal(
        den,
        truth.reduce((s, c) => s + c.denominator, 0),
        'the attacker computes the hidden sum right',
      );
      if (hidden.length === 1) found.push(`${d}: the only suppressed cell is total − shown = ${num}/${den}`);
      if (den < threshold) found.push(`${d}: the suppressed cells together count ${den} persons`);
      if (share && (num < threshold || den - num < threshold)) {
        found.push(`${d}: the suppressed cells together: ${num} of ${den}`);
      }
      // The range each suppressed cell's counts can lie in, given only these sums and a priori bounds.
      const k = hidden.length;
      const ranges =
        den <= 40
          ? (() => {
              const v = feasibleValues(k, den, share ? num : undefined);
              const span = (xs: number[]): Range => [xs[0] ?? 0, xs[xs.length - 1] ?? 0];
              for (const c of truth) {
                assert.ok(v.den.includes(c.denominator), 'the true value is among the feasible ones');
                if (share) assert.ok(v.num.includes(c.numerator!), 'the true numerator is among the feasible ones');
              }
              return { den: span(v.den), num: span(v.num), comp: span(v.comp) };
            })()
          : propagatedRanges(k, den, share ? num : undefined);
      const narrow = (what: string, [lo, hi]: Range) => {
        if (hi - lo < threshold) found.push(`${d}: a suppressed cell's ${what} is narrowed to [${lo}, ${hi}]`);
      };
      narrow('denominator', ranges.den);
      if (share) {
        narrow('numerator', ranges.num);
        narrow('complement', ranges.comp);
      }
    }
  }
  return found;
}

/** The shown cells carry exactly the input's counts; a share's value is numerator / denominator. */
function assertShownUnchanged(input: IndicatorCountsInput, out: ProtectedIndicator): void {
  const check = (i: Counts, o: ProtectedFigure, what: string) => {
    if (o.suppressed) {
      const carried = Object.keys(o).filter((k) => k !== 'dimension' && k !== 'group' && k !== 'key');
      assert.deepEqual(carried, ['suppressed'], `${what}: a suppressed figure carries no value, numerator or n`);
      return;
    }
    assert.equal(o.denominator, i.denominator, `${what}: n`);
    assert.equal(o.numerator, i.numerator, `${what}: numerator`);
    if (i.numerator !== undefined) assert.equal(o.value, i.numerator / i.denominator, `${what}: value`);
    else assert.equal(o.value, i.value, `${what}: value`);
  };
  check(input, out.total, 'total');
  assert.equal(out.breakdown.length, input.breakdown.length);
  out.breakdown.forEach((r, k) => {
    assert.equal(r.dimension, input.breakdown[k]!.dimension);
    assert.equal(r.group, input.breakdown[k]!.group);
    check(input.breakdown[k]!, r, `${r.dimension}=${r.group}`);
  });
}

const person = (sex: string, ageBand: string, cohort: string, hit: boolean, daysLate = 0): Person => ({
  sex,
  ageBand,
  cohort,
  hit,
  daysLate,
});
const many = (n: number, p: Person): Person[] => Array.from({ length: n }, () => ({ ...p }));
const sum = (cells: readonly Counts[]): Counts => ({
  numerator: cells.reduce((s, c) => s + (c.numerator ?? 0), 0),
  denominator: cells.reduce((s, c) => s + c.denominator, 0),
});

// ---- Tests ----------------------------------------------------------------------------------

describe('disclosure control: primary suppression', () => {
  test('a cell of 4 persons, or with 4 in its numerator, is not shown', () => {
    assert.equal(isSensitive({ numerator: 2, denominator: 4 }), true);
    assert.equal(isSensitive({ numerator: 4, denominator: 40 }), true);
    assert.equal(isSensitive({ numerator: 0, denominator: 40 }), true);
    assert.equal(isSensitive({ numerator: 5, denominator: 10 }), false);
    assert.equal(isSensitive({ denominator: 4, value: 12 }), true, 'a median over 4');
    assert.equal(isSensitive({ denominator: 5, value: 12 }), false);
  });

  test('a share of 37 of 40 is not shown: it tells of 3 persons that they are not counted', () => {
    assert.equal(isSensitive({ numerator: 37, denominator: 40 }), true);
    assert.equal(isSensitive({ numerator: 40, denominator: 40 }), true, '100 % is group disclosure');
    assert.equal(isSensitive({ numerator: 35, denominator: 40 }), false);
  });

  test('the threshold is a parameter', () => {
    const out = protectTable({ numerator: 6, denominator: 12 }, [], { threshold: 7 });
    assert.equal(out.total.suppressed, true);
    assert.throws(() => protectTable({ numerator: 6, denominator: 12 }, [], { threshold: 0 }), RangeError);
  });
});

describe('disclosure control: a municipality with 3 registered persons', () => {
  const three = [
    person('female', '30-39', '2023', true, 4),
    person('male', '30-39', '2023', false, 9),
    person('male', '6-17', '2024', false, 0),
  ];

  test('every indicator, share or median, total and every breakdown row, is suppressed', () => {
    for (const kind of ['share', 'median'] as const) {
      const input = figureOf(three, kind);
      const out = protectIndicator(input);
      assert.deepEqual(out.total, { suppressed: true });
      assert.ok(out.breakdown.length > 0);
      for (const r of out.breakdown) assert.deepEqual(r, { dimension: r.dimension, group: r.group, suppressed: true });
      assert.deepEqual(attack(input, out), []);
      assert.doesNotMatch(JSON.stringify(out), /numerator|denominator|value/);
    }
  });

  test('with no one in the population either, nothing is shown (0 is below 5)', () => {
    const out = protectIndicator(figureOf([], 'share'));
    assert.deepEqual(out, { total: { suppressed: true }, breakdown: [] });
  });

  test('its row in the comparison is suppressed, and the nation is not shown when it alone is hidden', () => {
    const rows: ComparisonRow[] = [
      { key: '999', numerator: 1, denominator: 3 },
      { key: '101', numerator: 400, denominator: 1000 },
      { key: '147', numerator: 60, denominator: 100 },
    ];
    const out = protectComparison(rows, { numerator: 461, denominator: 1103 });
    assert.deepEqual(out.rows[0], { key: '999', suppressed: true });
    assert.equal(out.rows[1]!.suppressed, false);
    assert.deepEqual(out.nation, { suppressed: true }, 'nation − the shown rows would be the 3 persons');
  });
});

describe('disclosure control: complementary suppression', () => {
  test('a single small cell is not recoverable as total minus the other cells', () => {
    // 40 women (20 employed), 30 men (15), 3 unknown (1): "unknown" alone would be 73 − 70.
    const out = protectTable({ numerator: 36, denominator: 73 }, [
      { key: 'female', numerator: 20, denominator: 40 },
      { key: 'male', numerator: 15, denominator: 30 },
      { key: 'unknown', numerator: 1, denominator: 3 },
    ]);
    assert.equal(out.total.suppressed, false);
    assert.deepEqual(
      out.cells.map((c) => c.suppressed),
      [false, true, true],
      'the smallest shown cell (men) goes too',
    );
  });

  test('two small cells whose sum is still small are not shown beside a total that gives their sum', () => {
    // 2 + 2 hidden would be 4 persons together: the next smallest goes too.
    const out = protectTable({ numerator: 25, denominator: 50 }, [
      { key: 'a', numerator: 1, denominator: 2 },
      { key: 'b', numerator: 1, denominator: 2 },
      { key: 'c', numerator: 6, denominator: 12 },
      { key: 'd', numerator: 17, denominator: 34 },
    ]);
    assert.deepEqual(
      out.cells.map((c) => c.suppressed),
      [true, true, true, false],
    );
  });

  test('hidden cells where everyone is counted (complement 0) are not shown as a group either', () => {
    // a: 3 of 3, b: 10 of 12 (complement 2): together 13 of 15, complement 2 < 5 → c goes too.
    const out = protectTable({ numerator: 28, denominator: 47 }, [
      { key: 'a', numerator: 3, denominator: 3 },
      { key: 'b', numerator: 10, denominator: 12 },
      { key: 'c', numerator: 7, denominator: 14 },
      { key: 'd', numerator: 8, denominator: 18 },
    ]);
    assert.deepEqual(
      out.cells.map((c) => c.suppressed),
      [true, true, true, false],
    );
  });

  test('ties between equally small cells are broken by key, whatever the input order', () => {
    const cells: CountCell[] = [
      { key: 'z', numerator: 10, denominator: 20 },
      { key: 'small', numerator: 1, denominator: 2 },
      { key: 'b', numerator: 10, denominator: 20 },
    ];
    const total = { numerator: 21, denominator: 42 };
    const a = protectTable(total, cells);
    const b = protectTable(total, [...cells].reverse());
    assert.deepEqual(
      a.cells
        .filter((c) => c.suppressed)
        .map((c) => c.key)
        .sort(),
      ['b', 'small'],
    );
    assert.deepEqual(
      b.cells
        .filter((c) => c.suppressed)
        .map((c) => c.key)
        .sort(),
      ['b', 'small'],
    );
  });

  test('12 persons in 9 cohorts: even with every cohort hidden the listing narrows them, so all is hidden', () => {
    const persons = ['2016', '2017', '2018', '2019', '2020', '2021', '2022', '2023']
      .map((c, i) => person(i % 2 ? 'male' : 'female', '30-39', c, i % 2 === 0))
      .concat(many(2, person('male', '30-39', '2024', true)), many(2, person('female', '30-39', '2024', false)));
    const input = figureOf(persons, 'share', ['sex', 'cohort']);
    assert.equal(input.denominator, 12);
    const out = protectIndicator(input);
    assert.deepEqual(out.total, { suppressed: true });
    assert.ok(out.breakdown.every((r) => r.suppressed));
  });

  test('a suppressed total suppresses every breakdown, so no breakdown gives it back', () => {
    const persons = [
      ...many(3, person('female', '25-29', '2022', true)),
      ...many(20, person('male', '25-29', '2022', false)),
    ];
    const out = protectIndicator(figureOf(persons));
    assert.deepEqual(out.total, { suppressed: true }, '3 of 23: numerator below 5');
    assert.ok(out.breakdown.every((r) => r.suppressed));
  });

  test('a breakdown that does not add up to its total is refused, not protected wrongly', () => {
    const total = { numerator: 10, denominator: 20 };
    assert.throws(() => protectTable(total, [{ key: 'a', numerator: 10, denominator: 19 }]), RangeError);
    assert.throws(() => protectTable(total, [{ key: 'a', numerator: 11, denominator: 10 }]), RangeError);
    assert.throws(
      () =>
        protectTable(total, [
          { key: 'a', numerator: 5, denominator: 10 },
          { key: 'a', numerator: 5, denominator: 10 },
        ]),
      RangeError,
    );
    assert.throws(() => protectTable(total, [{ key: 'a', denominator: 20 }]), RangeError);
  });
});

describe('disclosure control: the attacker', () => {
  test('ATTACKER: no suppressed cell of an indicator is recovered, by subtraction across breakdowns or bounds', () => {
    let suppressedSeen = 0;
    let secondarySeen = 0;
    fc.assert(
      fc.property(populationArb, fc.constantFrom('share' as const, 'median' as const), (persons, kind) => {
        const input = figureOf(persons, kind);
        const out = protectIndicator(input);
        assert.deepEqual(attack(input, out), [], JSON.stringify(input));
        assertShownUnchanged(input, out);
        out.breakdown.forEach((r, i) => {
          if (r.suppressed) suppressedSeen++;
          if (r.suppressed && !out.total.suppressed && !isSensitive(input.breakdown[i]!)) secondarySeen++;
        });
      }),
      { numRuns: 600, seed: 20261201 },
    );
    assert.ok(
      suppressedSeen > 500 && secondarySeen > 100,
      `the generator reaches suppression (${suppressedSeen} cells, ${secondarySeen} beside a shown total)`,
    );
  });

  test('ATTACKER: single tables of arbitrary counts (one breakdown, an "unknown" group among them)', () => {
    fc.assert(
      fc.property(fc.array(sharesArb(1, 60), { minLength: 1, maxLength: 7 }), (raw) => {
        const cells: CountCell[] = raw.map((c, i) => ({ key: i === raw.length - 1 ? 'unknown' : `g${i}`, ...c }));
        const total = sum(cells);
        const out = protectTable(total, cells);
        const input: IndicatorCountsInput = {
          ...total,
          breakdown: cells.map((c) => ({ dimension: 'x', group: c.key, ...c })),
        };
        const asIndicator: ProtectedIndicator = {
          total: out.total,
          breakdown: out.cells.map(({ key, ...f }) => ({ dimension: 'x', group: key, ...f })),
        };
        assert.deepEqual(attack(input, asIndicator), [], JSON.stringify(cells));
        assertShownUnchanged(input, asIndicator);
      }),
      { numRuns: 1500, seed: 11 },
    );
  });

  test('the attacker is not toothless: primary suppression alone is broken by it', () => {
    // What a naive implementation shows: only the primary cells hidden.
    const input = figureOf(
      [
        ...many(20, person('female', '30-39', '2022', true)),
        ...many(20, person('female', '30-39', '2022', false)),
        ...many(15, person('male', '40-49', '2022', true)),
        ...many(15, person('male', '40-49', '2022', false)),
        person('unknown', '40-49', '2022', true),
      ],
      'share',
      ['sex'],
    );
    const shown = (c: Counts): ProtectedFigure => ({
      suppressed: false,
      value: c.numerator! / c.denominator,
      numerator: c.numerator!,
      denominator: c.denominator,
    });
    const naive: ProtectedIndicator = {
      total: shown(input),
      breakdown: input.breakdown.map((r) => ({
        dimension: r.dimension,
        group: r.group,
        ...(isSensitive(r) ? { suppressed: true as const } : shown(r)),
      })),
    };
    const found = attack(input, naive);
    assert.ok(
      found.some((f) => /recovered by subtraction/.test(f)),
      found.join('\n'),
    );
    assert.deepEqual(attack(input, protectIndicator(input)), []);
  });
});

describe('disclosure control: properties', () => {
  test('nothing is suppressed when every cell is large', () => {
    fc.assert(
      fc.property(fc.array(sharesArb(10, 500, 5), { minLength: 1, maxLength: 8 }), (raw) => {
        const cells = raw.map((c, i) => ({ key: `g${i}`, ...c }));
        const total = sum(cells);
        const out = protectTable(total, cells);
        assert.equal(out.total.suppressed, false);
        assert.ok(out.cells.every((c) => !c.suppressed));
      }),
      { numRuns: 300, seed: 3 },
    );
  });

  test('suppression is deterministic: the same counts in any order give the same pattern', () => {
    fc.assert(
      fc.property(populationArb, (persons) => {
        const a = protectIndicator(figureOf(persons));
        const b = protectIndicator(figureOf([...persons].reverse()));
        assert.deepEqual(a, b);
        assert.deepEqual(protectIndicator(figureOf(persons)), a);
        const input = figureOf(persons);
        const shuffled = { ...input, breakdown: [...input.breakdown].reverse() };
        const c = protectIndicator(shuffled);
        assert.deepEqual([...c.breakdown].reverse(), a.breakdown);
      }),
      { numRuns: 200, seed: 5 },
    );
  });

  test('a shown share comes with its n and its numerator; a shown median with its n', () => {
    const persons = [
      ...many(30, person('female', '30-39', '2022', true, 3)),
      ...many(30, person('male', '30-39', '2022', false, 8)),
    ];
    const share = protectIndicator(figureOf(persons, 'share', ['sex']));
    assert.deepEqual(share.total, { suppressed: false, value: 0.5, numerator: 30, denominator: 60 });
    const med = protectIndicator(figureOf(persons, 'median', ['sex']));
    assert.deepEqual(med.total, { suppressed: false, value: 5.5, denominator: 60 });
    assert.deepEqual(med.breakdown[0], {
      dimension: 'sex',
      group: 'female',
      suppressed: false,
      value: 3,
      denominator: 30,
    });
  });
});

describe('disclosure control: comparison across municipalities', () => {
  const rowArb = sharesArb(1, 80);

  test('ATTACKER: the nation row never gives back a hidden municipality (all 98, or a rest outside the rows)', () => {
    // Some municipalities' totals are hidden by their own tables (rule 4) though not small themselves.
    const ownArb = fc.constantFrom(false, false, false, false, false, false, false, false, false, true);
    // Either many small municipalities, or large ones among which one or two are hidden.
    const largeArb = sharesArb(100, 2000, 5);
    const rareArb = fc.constantFrom(...Array<boolean>(60).fill(false), true);
    const municipalities = fc.oneof(
      fc.array(fc.tuple(rowArb, ownArb), { minLength: 98, maxLength: 98 }),
      fc.array(fc.tuple(fc.oneof({ arbitrary: largeArb, weight: 60 }, { arbitrary: rowArb, weight: 1 }), rareArb), {
        minLength: 98,
        maxLength: 98,
      }),
    );
    fc.assert(
      fc.property(municipalities, rowArb, fc.boolean(), (raw, extra, withRest) => {
        const rows: ComparisonRow[] = raw.map(([c, own], i) => ({
          key: String(100 + i),
          ...c,
          ...(own ? { suppressed: true } : {}),
        }));
        const rest = withRest ? extra : { numerator: 0, denominator: 0 };
        const nation = sum([...rows, rest]);
        const out = protectComparison(rows, nation);
        // The attacker's view: a one-breakdown table whose total is the nation, with the rest as one
        // more cell, never listed; it is known (nation − the rows) when the nation and every row are shown.
        const m = (group: string) => ({ dimension: 'municipality', group });
        const restKnown = !out.nation.suppressed && out.rows.every((r) => !r.suppressed);
        const restCell: ProtectedFigure = restKnown
          ? { suppressed: false, value: null, ...rest }
          : { suppressed: true };
        const cells = [
          ...rows.map((r) => ({ ...m(r.key), ...r })),
          ...(rest.denominator > 0 ? [{ ...m('rest'), ...rest }] : []),
        ];
        const view: ProtectedIndicator = {
          total: out.nation,
          breakdown: [
            ...out.rows.map(({ key, ...f }) => ({ ...m(key), ...f })),
            ...(rest.denominator > 0 ? [{ ...m('rest'), ...restCell }] : []),
          ],
        };
        assert.deepEqual(attack({ ...nation, breakdown: cells }, view), []);
      }),
      { numRuns: 300, seed: 98 },
    );
  });

  test('the pattern does not depend on which municipalities were chosen: the caller filters the answer', () => {
    const rows: ComparisonRow[] = [
      { key: '101', numerator: 400, denominator: 1000 },
      { key: '147', numerator: 2, denominator: 30 },
      { key: '151', numerator: 3, denominator: 20 },
      { key: '153', numerator: 50, denominator: 90 },
    ];
    const out = protectComparison(rows, { numerator: 455, denominator: 1140 });
    assert.equal(out.nation.suppressed, false, 'two hidden: 5 of 50 together');
    assert.deepEqual(
      out.rows.map((r) => r.suppressed),
      [false, true, true, false],
    );
  });

  test('a municipality hidden in its own table is hidden in the comparison too', () => {
    const out = protectComparison(
      [
        { key: '101', numerator: 400, denominator: 1000 },
        { key: '147', numerator: 6, denominator: 12, suppressed: true },
      ],
      { numerator: 406, denominator: 1012 },
    );
    assert.deepEqual(out.rows[1], { key: '147', suppressed: true });
    assert.deepEqual(out.nation, { suppressed: true });
  });

  test('rows that add up to more than the nation are refused', () => {
    assert.throws(
      () => protectComparison([{ key: '101', numerator: 10, denominator: 20 }], { numerator: 5, denominator: 20 }),
      RangeError,
    );
  });
});
