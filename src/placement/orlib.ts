// Readers for OR-Library assignment files (J. E. Beasley): dense `assignN` (n, then the n×n
// cost matrix) and sparse `assignpN` (n, then `i j cost` per allowed pair, 1-based); and for the
// generalized assignment files `gapN` / `gapa`…`gapd`, as placement problems.
import { fromDense, fromTriples, type SparseCosts } from './assignment.js';
import { validateProblem, type PlacementProblem, type Sense } from './model.js';

function numbers(text: string): number[] {
  return text.trim().split(/\s+/).map(Number);
}

export function parseDenseAssign(text: string): SparseCosts {
  const xs = numbers(text);
  const n = xs[0]!;
  if (!Number.isInteger(n) || n <= 0 || xs.length !== 1 + n * n)
    throw new RangeError(`expected n and n×n costs, got ${xs.length - 1} numbers for n = ${n}`);
  return fromDense(Array.from({ length: n }, (_, i) => xs.slice(1 + i * n, 1 + (i + 1) * n)));
}

export function parseSparseAssign(text: string): SparseCosts {
  const xs = numbers(text);
  const n = xs[0]!;
  if ((xs.length - 1) % 3 !== 0) throw new RangeError('expected triples "i j cost" after n');
  const triples: [number, number, number][] = [];
  for (let k = 1; k < xs.length; k += 3) triples.push([xs[k]! - 1, xs[k + 1]! - 1, xs[k + 2]!]);
  return fromTriples(n, triples);
}

/** Dense or sparse, by shape: a dense file has exactly n² costs after n. */
export function parseAssign(text: string): SparseCosts {
  const xs = numbers(text);
  return xs.length === 1 + xs[0]! * xs[0]! ? parseDenseAssign(text) : parseSparseAssign(text);
}

/**
 * One generalized assignment problem (OR-Library `gapN`, `gapa`…`gapd`): n jobs, m agents;
 * job j given to agent i is worth cost[i][j] and uses resource[i][j] of agent i's capacity.
 */
export interface GapInstance {
  m: number;
  n: number;
  /** m×n, row by GAP agent */
  cost: number[][];
  /** m×n, row by GAP agent */
  resource: number[][];
  /** per GAP agent */
  capacity: number[];
}

/**
 * An OR-Library GAP file: the number of problems P, then per problem `m n`, m rows of n costs,
 * m rows of n resource uses and m capacities; numbers wrap over lines freely.
 */
export function parseGap(text: string): GapInstance[] {
  const xs = numbers(text);
  let at = 0;
  const next = (what: string): number => {
    if (at >= xs.length) throw new RangeError(`GAP file ends early: expected ${what}`);
    const v = xs[at++]!;
    if (!Number.isFinite(v)) throw new RangeError(`GAP file: ${what} is not a number`);
    return v;
  };
  const count = next('the number of problems');
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`GAP file: ${count} problems?`);
  const out: GapInstance[] = [];
  for (let p = 0; p < count; p++) {
    const m = next(`m of problem ${p + 1}`),
      n = next(`n of problem ${p + 1}`);
    if (!Number.isInteger(m) || m <= 0 || !Number.isInteger(n) || n <= 0)
      throw new RangeError(`GAP problem ${p + 1}: m = ${m}, n = ${n}`);
    const matrix = (what: string) =>
      Array.from({ length: m }, (_, i) =>
        Array.from({ length: n }, (_, j) => next(`${what} [${i + 1}][${j + 1}] of problem ${p + 1}`)),
      );
    const cost = matrix('cost');
    const resource = matrix('resource');
    const capacity = Array.from({ length: m }, (_, i) => next(`capacity ${i + 1} of problem ${p + 1}`));
    out.push({ m, n, cost, resource, capacity });
  }
  if (at !== xs.length) throw new RangeError(`GAP file: ${xs.length - at} numbers after the last of ${count} problems`);
  return out;
}

/**
 * A GAP problem as a placement problem: the n jobs are the agents, the m GAP agents the options;
 * every pair exists with value = cost and use = resource (dimension "resource"); one 'option'
 * constraint per GAP agent caps its resource; every job must be placed. OR-Library's gap1…gap12
 * are maximisation problems, gapa…gapd minimisation ones.
 */
export function gapToProblem(inst: GapInstance, sense: Sense): PlacementProblem {
  const { m, n } = inst;
  const np = m * n;
  const pairAgent = new Int32Array(np),
    pairOption = new Int32Array(np),
    pairValue = new Float64Array(np),
    use = new Float64Array(np);
  let k = 0;
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < m; i++) {
      pairAgent[k] = j;
      pairOption[k] = i;
      pairValue[k] = inst.cost[i]![j]!;
      use[k] = inst.resource[i]![j]!;
      k++;
    }
  }
  const problem: PlacementProblem = {
    sense,
    agents: n,
    options: m,
    pairAgent,
    pairOption,
    pairValue,
    dimensions: [{ name: 'resource', use }],
    constraints: inst.capacity.map((cap, i) => ({
      name: `agent ${i + 1}`,
      kind: 'option' as const,
      dimension: 0,
      options: Int32Array.of(i),
      cap,
    })),
    agentLabels: Array.from({ length: n }, (_, j) => `job ${j + 1}`),
    optionLabels: Array.from({ length: m }, (_, i) => `agent ${i + 1}`),
  };
  validateProblem(problem);
  return problem;
}

export interface OrLibraryOptima {
  assign: Record<string, number>;
  /** per GAP file, the optimum of each problem in file order (gap1–12, gapa–c) */
  gap: Record<string, number[]>;
  /** gapd: best known values, not proven optima */
  gapdBestKnown: number[];
}

/**
 * The known optima as shared/benchmarks/or-library/README.md lists them (its words are the
 * source; the tests and the benchmark compare against what this reads).
 */
export function readOrLibraryOptima(readme: string): OrLibraryOptima {
  const text = readme.replace(/\s+/g, ' ');
  const assign: Record<string, number> = {};
  for (const m of text.matchAll(/\b(assignp?\d+) (\d+)\b/g)) assign[m[1]!] = Number(m[2]);
  const gap: Record<string, number[]> = {};
  for (const m of text.matchAll(/\b(gap(?:\d+|[a-c])) ((?:\d+ ?)+)/g)) gap[m[1]!] = m[2]!.trim().split(' ').map(Number);
  const d = /best known values in the literature ((?:\d+ ?)+)/.exec(text);
  if (!d || Object.keys(assign).length === 0 || Object.keys(gap).length === 0)
    throw new RangeError('the OR-Library README does not list the optima in the expected form');
  return { assign, gap, gapdBestKnown: d[1]!.trim().split(' ').map(Number) };
}
