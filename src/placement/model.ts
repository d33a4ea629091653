// The placement model, independent of any solver (issue 5). Agents (households, children,
// adults) × options (housing units, seats, positions, mentors): only eligible pairs exist, each
// with a value (a score to maximise or a cost to minimise) and a use per resource dimension.
// Capacity constraints cap the use of one dimension over a set of options: one option's own
// capacity, a town, an institution, a category. Pure; no I/O.
//
// The same problem feeds every engine (min-cost flow, HiGHS, the LP file for CBC), and every
// engine's answer is checked and bounded by the functions here: `evaluate` recomputes the
// objective and the violations of an assignment, `lagrangianBound` turns any non-negative
// constraint prices into a proven bound.

export type Sense = 'min' | 'max';

export interface Dimension {
  /** e.g. "count", "persons", "large_families", "resource" */
  name: string;
  /** use of this dimension by each pair (length = number of pairs) */
  use: Float64Array;
}

export interface Constraint {
  /** e.g. "unit:Storegade 4", "town:Rødekro households", "daycare:Solsikken bilingual" */
  name: string;
  /** 'option' = one option's own capacity; 'group' = a cap over a set of options */
  kind: 'option' | 'group';
  dimension: number;
  /** the options it covers (sorted, distinct) */
  options: Int32Array;
  cap: number;
}

export interface PlacementProblem {
  sense: Sense;
  agents: number;
  options: number;
  /** eligible pairs: agent, option, value (parallel arrays) */
  pairAgent: Int32Array;
  pairOption: Int32Array;
  pairValue: Float64Array;
  dimensions: Dimension[];
  constraints: Constraint[];
  /**
   * Value of leaving agent i unplaced. Absent: every agent must be placed. For a 'max' problem
   * 0 means "unplaced scores nothing"; a very low value makes placing people come first.
   */
  unplacedValue?: Float64Array;
  /** optional labels for messages and explanations */
  agentLabels?: string[];
  optionLabels?: string[];
}

export type Status = 'optimal' | 'feasible' | 'infeasible' | 'time_limit_no_solution';

export interface PlacementSolution {
  status: Status;
  /** option per agent, −1 = unplaced */
  assignment: Int32Array;
  objective: number;
  /** proven bound: ≤ objective for 'min', ≥ objective for 'max' */
  bound: number;
  /** |objective − bound| / max(1, |objective|) */
  gap: number;
  /** shadow price per constraint, ≥ 0, in objective units per unit of capacity (when known) */
  prices?: Float64Array;
  engine: string;
  timeMs: number;
  /** free text: what the engine did (iterations, repair, time limit) */
  notes?: string[];
}

export class PlacementInputError extends RangeError {}

/** Builder: collects pairs and constraints by label, produces a checked PlacementProblem. */
export class ProblemBuilder {
  private agentIndex = new Map<string, number>();
  private optionIndex = new Map<string, number>();
  private agentList: string[] = [];
  private optionList: string[] = [];
  private pairs: { a: number; o: number; v: number; use: Record<string, number> }[] = [];
  private dimNames: string[] = [];
  private cons: { name: string; kind: 'option' | 'group'; dimension: string; options: string[]; cap: number }[] = [];
  private unplaced = new Map<number, number>();

  constructor(readonly sense: Sense) {}

  agent(label: string): number {
    let i = this.agentIndex.get(label);
    if (i === undefined) {
      i = this.agentList.length;
      this.agentIndex.set(label, i);
      this.agentList.push(label);
    }
    return i;
  }

  option(label: string): number {
    let j = this.optionIndex.get(label);
    if (j === undefined) {
      j = this.optionList.length;
      this.optionIndex.set(label, j);
      this.optionList.push(label);
    }
    return j;
  }

  /** An eligible pair with its value and its use per dimension (missing dimensions: 0). */
  pair(agent: string, option: string, value: number, use: Record<string, number> = {}): this {
    if (!Number.isFinite(value)) throw new PlacementInputError(`pair ${agent} → ${option}: value must be finite`);
    for (const d of Object.keys(use)) if (!this.dimNames.includes(d)) this.dimNames.push(d);
    this.pairs.push({ a: this.agent(agent), o: this.option(option), v: value, use });
    return this;
  }

  capacity(name: string, kind: 'option' | 'group', dimension: string, options: string[], cap: number): this {
    if (!(cap >= 0) || !Number.isFinite(cap))
      throw new PlacementInputError(`constraint ${name}: capacity must be a finite number ≥ 0`);
    if (!this.dimNames.includes(dimension)) this.dimNames.push(dimension);
    for (const o of options) this.option(o);
    this.cons.push({ name, kind, dimension, options, cap });
    return this;
  }

  mayStayUnplaced(agent: string, value: number): this {
    this.unplaced.set(this.agent(agent), value);
    return this;
  }

  build(): PlacementProblem {
    const np = this.pairs.length;
    const pairAgent = new Int32Array(np),
      pairOption = new Int32Array(np),
      pairValue = new Float64Array(np);
    const dimensions: Dimension[] = this.dimNames.map((name) => ({ name, use: new Float64Array(np) }));
    this.pairs.forEach((p, k) => {
      pairAgent[k] = p.a;
      pairOption[k] = p.o;
      pairValue[k] = p.v;
      for (const [d, u] of Object.entries(p.use)) dimensions[this.dimNames.indexOf(d)]!.use[k] = u;
    });
    const constraints: Constraint[] = this.cons.map((c) => ({
      name: c.name,
      kind: c.kind,
      dimension: this.dimNames.indexOf(c.dimension),
      cap: c.cap,
      options: Int32Array.from(new Set(c.options.map((o) => this.optionIndex.get(o)!))).sort(),
    }));
    let unplacedValue: Float64Array | undefined;
    if (this.unplaced.size > 0) {
      unplacedValue = new Float64Array(this.agentList.length).fill(this.sense === 'max' ? -Infinity : Infinity);
      for (const [i, v] of this.unplaced) unplacedValue[i] = v;
    }
    const problem: PlacementProblem = {
      sense: this.sense,
      agents: this.agentList.length,
      options: this.optionList.length,
      pairAgent,
      pairOption,
      pairValue,
      dimensions,
      constraints,
      agentLabels: this.agentList,
      optionLabels: this.optionList,
      ...(unplacedValue ? { unplacedValue } : {}),
    };
    validateProblem(problem);
    return problem;
  }
}

/** Throws PlacementInputError when the arrays disagree or indices are out of range. */
export function validateProblem(p: PlacementProblem): void {
  const np = p.pairAgent.length;
  if (!Number.isInteger(p.agents) || p.agents < 0 || !Number.isInteger(p.options) || p.options < 0)
    throw new PlacementInputError('agents and options must be whole numbers ≥ 0');
  if (p.pairOption.length !== np || p.pairValue.length !== np)
    throw new PlacementInputError('pair arrays differ in length');
  for (let k = 0; k < np; k++) {
    if (p.pairAgent[k]! < 0 || p.pairAgent[k]! >= p.agents)
      throw new PlacementInputError(`pair ${k}: agent ${p.pairAgent[k]} out of range`);
    if (p.pairOption[k]! < 0 || p.pairOption[k]! >= p.options)
      throw new PlacementInputError(`pair ${k}: option ${p.pairOption[k]} out of range`);
    if (!Number.isFinite(p.pairValue[k]!)) throw new PlacementInputError(`pair ${k}: value must be finite`);
  }
  for (const d of p.dimensions)
    if (d.use.length !== np)
      throw new PlacementInputError(`dimension ${d.name}: use has ${d.use.length} entries, expected ${np}`);
  for (const c of p.constraints) {
    if (c.dimension < 0 || c.dimension >= p.dimensions.length)
      throw new PlacementInputError(`constraint ${c.name}: no dimension ${c.dimension}`);
    if (!(c.cap >= 0)) throw new PlacementInputError(`constraint ${c.name}: capacity must be ≥ 0`);
    for (const o of c.options)
      if (o < 0 || o >= p.options) throw new PlacementInputError(`constraint ${c.name}: option ${o} out of range`);
  }
  if (p.unplacedValue && p.unplacedValue.length !== p.agents)
    throw new PlacementInputError('unplacedValue must have one entry per agent');
}

/** Pairs grouped by agent: pair indices of agent i are byAgent[start[i] .. start[i+1]). */
export interface AgentIndex {
  start: Int32Array;
  pairs: Int32Array;
}

export function indexByAgent(p: PlacementProblem): AgentIndex {
  const start = new Int32Array(p.agents + 1);
  for (let k = 0; k < p.pairAgent.length; k++) start[p.pairAgent[k]! + 1]!++;
  for (let i = 0; i < p.agents; i++) start[i + 1]! += start[i]!;
  const fill = start.slice(0, p.agents);
  const pairs = new Int32Array(p.pairAgent.length);
  for (let k = 0; k < p.pairAgent.length; k++) pairs[fill[p.pairAgent[k]!]!++] = k;
  return { start, pairs };
}

/** Pairs of each option: the pairs of option j are pairs[start[j] .. start[j+1]), in pair order. */
export function indexByOption(p: PlacementProblem): { start: Int32Array; pairs: Int32Array } {
  const np = p.pairAgent.length;
  const start = new Int32Array(p.options + 1);
  for (let k = 0; k < np; k++) start[p.pairOption[k]! + 1]!++;
  for (let j = 0; j < p.options; j++) start[j + 1]! += start[j]!;
  const fill = start.slice(0, p.options);
  const pairs = new Int32Array(np);
  for (let k = 0; k < np; k++) pairs[fill[p.pairOption[k]!]!++] = k;
  return { start, pairs };
}

/** Constraints covering each option: constraint indices of option j are cons[start[j] .. start[j+1]). */
export interface OptionConstraintIndex {
  start: Int32Array;
  cons: Int32Array;
}

export function constraintsByOption(p: PlacementProblem): OptionConstraintIndex {
  const start = new Int32Array(p.options + 1);
  for (const c of p.constraints) for (const o of c.options) start[o + 1]!++;
  for (let j = 0; j < p.options; j++) start[j + 1]! += start[j]!;
  const fill = start.slice(0, p.options);
  const cons = new Int32Array(start[p.options]!);
  p.constraints.forEach((c, k) => {
    for (const o of c.options) cons[fill[o]!++] = k;
  });
  return { start, cons };
}

export interface Evaluation {
  objective: number;
  feasible: boolean;
  /** use per constraint */
  load: Float64Array;
  violations: { constraint: string; load: number; cap: number }[];
  unplaced: number;
  /** agents placed on a pair that does not exist, or unplaced while they must be placed */
  invalidAgents: number[];
}

/**
 * Recomputes the objective of an assignment (option per agent, −1 unplaced) and checks every
 * constraint. The engines' answers are judged by this, never by their own claims.
 */
export function evaluate(
  p: PlacementProblem,
  assignment: Int32Array,
  byAgent = indexByAgent(p),
  tolerance = 1e-6,
): Evaluation {
  const load = new Float64Array(p.constraints.length);
  const optCons = constraintsByOption(p);
  let objective = 0;
  let unplaced = 0;
  const invalidAgents: number[] = [];
  for (let i = 0; i < p.agents; i++) {
    const j = assignment[i]!;
    if (j === -1) {
      const v = p.unplacedValue?.[i];
      if (v === undefined || !Number.isFinite(v)) invalidAgents.push(i);
      else objective += v;
      unplaced++;
      continue;
    }
    let pair = -1;
    for (let q = byAgent.start[i]!; q < byAgent.start[i + 1]!; q++)
      if (p.pairOption[byAgent.pairs[q]!] === j) {
        pair = byAgent.pairs[q]!;
        break;
      }
    if (pair === -1) {
      invalidAgents.push(i);
      continue;
    }
    objective += p.pairValue[pair]!;
    for (let q = optCons.start[j]!; q < optCons.start[j + 1]!; q++) {
      const c = optCons.cons[q]!;
      load[c]! += p.dimensions[p.constraints[c]!.dimension]!.use[pair]!;
    }
  }
  const violations = p.constraints.flatMap((c, k) =>
    load[k]! > c.cap + tolerance ? [{ constraint: c.name, load: load[k]!, cap: c.cap }] : [],
  );
  return {
    objective,
    feasible: violations.length === 0 && invalidAgents.length === 0,
    load,
    violations,
    unplaced,
    invalidAgents,
  };
}

/**
 * The Lagrangian bound for prices λ ≥ 0 on the capacity constraints (the assignment constraints
 * kept): for 'min', Σ_i min(unplaced_i, min_pairs(value + Σ_k λ_k·use_k)) − Σ_k λ_k·cap_k ≤ every
 * feasible objective; for 'max' the mirror image (an upper bound). Valid for ANY λ ≥ 0, so a
 * bound computed here is proven whatever engine produced the prices; with the LP's optimal
 * prices it equals the LP bound. Returns −Infinity ('min') when some agent has no option at all.
 */
export function lagrangianBound(
  p: PlacementProblem,
  prices: Float64Array,
  byAgent = indexByAgent(p),
  optCons = constraintsByOption(p),
): number {
  const s = p.sense === 'min' ? 1 : -1; // work in minimisation
  let bound = 0;
  for (let k = 0; k < p.constraints.length; k++) bound -= prices[k]! * p.constraints[k]!.cap;
  for (let i = 0; i < p.agents; i++) {
    let best = p.unplacedValue ? s * p.unplacedValue[i]! : Infinity;
    for (let q = byAgent.start[i]!; q < byAgent.start[i + 1]!; q++) {
      const k = byAgent.pairs[q]!;
      const j = p.pairOption[k]!;
      let c = s * p.pairValue[k]!;
      for (let r = optCons.start[j]!; r < optCons.start[j + 1]!; r++) {
        const con = optCons.cons[r]!;
        const lam = prices[con]!;
        if (lam !== 0) c += lam * p.dimensions[p.constraints[con]!.dimension]!.use[k]!;
      }
      if (c < best) best = c;
    }
    if (best === Infinity) return s * -Infinity;
    bound += best;
  }
  return s * bound;
}

export function relativeGap(objective: number, bound: number): number {
  if (!Number.isFinite(objective) || !Number.isFinite(bound)) return Infinity;
  return Math.abs(objective - bound) / Math.max(1, Math.abs(objective));
}

/** A copy of the problem with pairs forbidden and agents locked to one option (what-if). */
export function withLocksAndForbids(
  p: PlacementProblem,
  locks: [agent: number, option: number][],
  forbids: [agent: number, option: number][],
): PlacementProblem {
  const locked = new Map(locks);
  const forbidden = new Set(forbids.map(([a, o]) => `${a}:${o}`));
  const keep: number[] = [];
  for (let k = 0; k < p.pairAgent.length; k++) {
    const a = p.pairAgent[k]!,
      o = p.pairOption[k]!;
    if (forbidden.has(`${a}:${o}`)) continue;
    const l = locked.get(a);
    if (l !== undefined && l !== o) continue;
    keep.push(k);
  }
  for (const [a, o] of locks) {
    if (forbidden.has(`${a}:${o}`))
      throw new PlacementInputError(
        `agent ${p.agentLabels?.[a] ?? a} is both locked to and forbidden from ${p.optionLabels?.[o] ?? o}`,
      );
    if (!keep.some((k) => p.pairAgent[k] === a))
      throw new PlacementInputError(
        `agent ${p.agentLabels?.[a] ?? a} cannot be locked to ${p.optionLabels?.[o] ?? o}: not an eligible pair`,
      );
  }
  const pick = <T extends Int32Array | Float64Array>(xs: T): T => {
    const out = new (xs.constructor as new (n: number) => T)(keep.length);
    keep.forEach((k, q) => {
      out[q] = xs[k]!;
    });
    return out;
  };
  let unplacedValue = p.unplacedValue;
  if (unplacedValue && locks.length > 0) {
    unplacedValue = unplacedValue.slice();
    for (const [a] of locks) unplacedValue[a] = p.sense === 'max' ? -Infinity : Infinity; // a locked agent is placed
  }
  return {
    ...p,
    pairAgent: pick(p.pairAgent),
    pairOption: pick(p.pairOption),
    pairValue: pick(p.pairValue),
    dimensions: p.dimensions.map((d) => ({ name: d.name, use: pick(d.use) })),
    ...(unplacedValue ? { unplacedValue } : {}),
  };
}
