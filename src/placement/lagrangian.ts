// The side-constraint engine for large problems that are not networks (multi-dimensional
// capacities: persons, large families, single parents per municipality, as in Annie MOORE).
// Lagrangian relaxation of the capacity constraints (the assignment constraints kept, so each
// relaxed problem is one cheapest option per agent), prices updated by a deflected subgradient
// with Polyak steps toward the best feasible objective, and a primal side: the relaxed choice
// repaired to feasibility (moves that relieve the most violated constraint at the least loss),
// then improved by single moves. Every bound is L(λ) for some λ ≥ 0, a proven
// bound (model.ts); the gap is computed from it, never assumed. Pure; no I/O.
import {
  constraintsByOption,
  indexByAgent,
  relativeGap,
  type PlacementProblem,
  type PlacementSolution,
} from './model.js';

export interface LagrangianOptions {
  timeLimitSec: number;
  /** stop when the relative gap is at most this */
  gapTolerance: number;
  maxIterations?: number;
  /** a known feasible assignment to start from (what-if re-solve) */
  start?: Int32Array;
}

export interface LagrangianState {
  solution: PlacementSolution;
  /** the prices of the best bound */
  prices: Float64Array;
  /** per agent: Lagrangian cost of its best option minus its second best (small = contested) */
  regret: Float64Array;
  /** best feasible assignment as pair index per agent (−1 unplaced), for polishing */
  pairOf: Int32Array;
}

/** Mutable feasible-assignment bookkeeping shared by repair and improvement. */
class Placement {
  readonly load: Float64Array;
  readonly pairOf: Int32Array;
  constructor(
    private p: PlacementProblem,
    private oc: ReturnType<typeof constraintsByOption>,
    private cost: Float64Array,
    private unplacedCost: Float64Array,
  ) {
    this.load = new Float64Array(p.constraints.length);
    this.pairOf = new Int32Array(p.agents).fill(-1);
  }
  use(con: number, k: number): number {
    return this.p.dimensions[this.p.constraints[con]!.dimension]!.use[k]!;
  }
  costOf(i: number, k: number): number {
    return k === -1 ? this.unplacedCost[i]! : this.cost[k]!;
  }
  set(i: number, k: number): void {
    const old = this.pairOf[i]!;
    if (old >= 0) this.apply(old, -1);
    this.pairOf[i] = k;
    if (k >= 0) this.apply(k, 1);
  }
  private apply(k: number, sign: number): void {
    const j = this.p.pairOption[k]!;
    for (let r = this.oc.start[j]!; r < this.oc.start[j + 1]!; r++) {
      const con = this.oc.cons[r]!;
      this.load[con]! += sign * this.use(con, k);
    }
  }
  /** Whether agent i may move from its pair to pair k (or unplaced, −1) within every capacity. */
  fits(i: number, k: number): boolean {
    if (k === -1) return this.unplacedCost[i]! < Infinity;
    const j = this.p.pairOption[k]!;
    const old = this.pairOf[i]!;
    const oldJ = old >= 0 ? this.p.pairOption[old]! : -1;
    for (let r = this.oc.start[j]!; r < this.oc.start[j + 1]!; r++) {
      const con = this.oc.cons[r]!;
      let after = this.load[con]! + this.use(con, k);
      if (oldJ >= 0 && this.covers(con, oldJ)) after -= this.use(con, old);
      if (after > this.p.constraints[con]!.cap + 1e-9) return false;
    }
    return true;
  }
  covers(con: number, option: number): boolean {
    for (let r = this.oc.start[option]!; r < this.oc.start[option + 1]!; r++) if (this.oc.cons[r] === con) return true;
    return false;
  }
  objective(): number {
    let z = 0;
    for (let i = 0; i < this.pairOf.length; i++) z += this.costOf(i, this.pairOf[i]!);
    return z;
  }
}

export function solveLagrangian(p: PlacementProblem, opts: LagrangianOptions): LagrangianState {
  const t0 = performance.now();
  const deadline = t0 + opts.timeLimitSec * 1000;
  const n = p.agents;
  const nc = p.constraints.length;
  const s = p.sense === 'min' ? 1 : -1;
  const byAgent = indexByAgent(p);
  const oc = constraintsByOption(p);
  const cost = new Float64Array(p.pairValue.length);
  for (let k = 0; k < cost.length; k++) cost[k] = s * p.pairValue[k]!;
  const unplacedCost = new Float64Array(n).fill(Infinity);
  if (p.unplacedValue) for (let i = 0; i < n; i++) unplacedCost[i] = s * p.unplacedValue[i]!;
  const caps = Float64Array.from(p.constraints, (c) => c.cap);
  const useOf = p.constraints.map((c) => p.dimensions[c.dimension]!.use);
  const notes: string[] = [];

  // Per option, its constraints as flat arrays for the hot loop.
  const optStart = oc.start,
    optCons = oc.cons;

  const lambda = new Float64Array(nc);
  let bestBound = -Infinity;
  let bestLambda = new Float64Array(nc);
  const choice = new Int32Array(n);
  const regret = new Float64Array(n);
  const load = new Float64Array(nc);

  /** Relaxed problem at prices λ: fills choice, regret and load; returns L(λ). */
  const relax = (lam: Float64Array): number => {
    load.fill(0);
    let L = 0;
    for (let c = 0; c < nc; c++) L -= lam[c]! * caps[c]!;
    for (let i = 0; i < n; i++) {
      let best = unplacedCost[i]!,
        second = Infinity,
        bestK = -1;
      for (let q = byAgent.start[i]!; q < byAgent.start[i + 1]!; q++) {
        const k = byAgent.pairs[q]!;
        const j = p.pairOption[k]!;
        let c = cost[k]!;
        for (let r = optStart[j]!; r < optStart[j + 1]!; r++) {
          const con = optCons[r]!;
          c += lam[con]! * useOf[con]![k]!;
        }
        if (c < best) {
          second = best;
          best = c;
          bestK = k;
        } else if (c < second) second = c;
      }
      if (best === Infinity) return -Infinity; // an agent with no option at all
      choice[i] = bestK;
      regret[i] = second - best;
      L += best;
      if (bestK >= 0) {
        const j = p.pairOption[bestK]!;
        for (let r = optStart[j]!; r < optStart[j + 1]!; r++) {
          const con = optCons[r]!;
          load[con]! += useOf[con]![bestK]!;
        }
      }
    }
    return L;
  };

  let best: Placement | null = null;
  let bestObjective = Infinity;

  for (let i = 0; i < n; i++) {
    if (byAgent.start[i] === byAgent.start[i + 1] && unplacedCost[i] === Infinity) {
      const who = p.agentLabels?.[i] ?? String(i);
      return {
        solution: {
          status: 'infeasible',
          assignment: new Int32Array(n).fill(-1),
          objective: NaN,
          bound: NaN,
          gap: Infinity,
          engine: 'lagrangian',
          timeMs: performance.now() - t0,
          notes: [`${who} has no eligible option and must be placed`],
        },
        prices: lambda,
        regret,
        pairOf: new Int32Array(n).fill(-1),
      };
    }
  }

  const considerPrimal = (from: Int32Array, lam: Float64Array) => {
    // One primal attempt may take a small share of the budget, so that the prices keep improving.
    const attemptDeadline = Math.min(deadline, performance.now() + Math.max(200, 0.05 * opts.timeLimitSec * 1000));
    const pl =
      greedy(p, oc, cost, unplacedCost, lam, regret, byAgent, attemptDeadline) ??
      repair(p, oc, cost, unplacedCost, from, byAgent, attemptDeadline);
    if (!pl) return;
    improve(p, pl, byAgent, deadline);
    const z = pl.objective();
    if (z < bestObjective - 1e-12) {
      bestObjective = z;
      best = pl;
    }
  };

  if (opts.start) {
    const startPairs = new Int32Array(n).fill(-1);
    for (let i = 0; i < n; i++) {
      const j = opts.start[i]!;
      if (j < 0) continue;
      for (let q = byAgent.start[i]!; q < byAgent.start[i + 1]!; q++)
        if (p.pairOption[byAgent.pairs[q]!] === j) {
          startPairs[i] = byAgent.pairs[q]!;
          break;
        }
    }
    const pl = repair(p, oc, cost, unplacedCost, startPairs, byAgent, deadline);
    if (pl) {
      improve(p, pl, byAgent, deadline);
      bestObjective = pl.objective();
      best = pl;
    }
  }

  // Deflected subgradient (Camerini–Fratta–Maffioli) with Polyak steps.
  const dir = new Float64Array(nc);
  let theta = 1.0;
  let sinceImprovement = 0;
  let iterations = 0;
  const maxIter = opts.maxIterations ?? 100000;
  let nextPrimal = 5;
  while (iterations < maxIter && performance.now() < deadline) {
    iterations++;
    const L = relax(lambda);
    if (L === -Infinity) break;
    // A bound above a known feasible objective is impossible: it can only be rounding error from
    // prices grown too large, so it is refused and the prices go back to the best ones.
    const sound = L <= bestObjective + 1e-9 * Math.max(1, Math.abs(bestObjective));
    if (!sound) {
      theta /= 2;
      lambda.set(bestLambda);
      dir.fill(0);
      continue;
    }
    if (bestBound === -Infinity || L > bestBound + 1e-9 * Math.max(1, Math.abs(bestBound))) {
      bestBound = L;
      bestLambda = lambda.slice();
      sinceImprovement = 0;
    } else if (++sinceImprovement >= 25) {
      theta /= 2;
      sinceImprovement = 0;
      lambda.set(bestLambda);
    }
    // Subgradient: load − cap; a price at zero with slack cannot go lower.
    let norm = 0,
      violated = false;
    for (let c = 0; c < nc; c++) {
      let g = load[c]! - caps[c]!;
      if (g > 1e-9) violated = true;
      if (lambda[c] === 0 && g < 0) g = 0;
      const dot = dir[c]! * g;
      dir[c] = g + (dot < 0 ? 0.5 * dir[c]! : 0.25 * dir[c]!);
      norm += dir[c]! * dir[c]!;
    }
    if (!violated || iterations >= nextPrimal) {
      considerPrimal(choice, lambda);
      nextPrimal = iterations + Math.max(10, Math.min(50, iterations));
    }
    if (relativeGap(bestObjective, bestBound) <= opts.gapTolerance) break;
    if (norm < 1e-12 || theta < 1e-6) break; // the relaxed choice is feasible and prices are stationary
    const target = Number.isFinite(bestObjective) ? bestObjective : L + 0.05 * Math.abs(L) + 1;
    const step = (theta * Math.max(target - L, 1e-9 * Math.max(1, Math.abs(L)))) / norm;
    for (let c = 0; c < nc; c++) lambda[c] = Math.max(0, lambda[c]! + step * dir[c]!);
  }
  // A last primal from the best prices.
  if (relax(bestLambda) > -Infinity) considerPrimal(choice, bestLambda);
  notes.push(`${iterations} subgradient iterations`);

  const assignment = new Int32Array(n).fill(-1);
  const finalPlacement = best;
  const timeMs = performance.now() - t0;
  if (!finalPlacement) {
    return {
      solution: {
        status: performance.now() >= deadline ? 'time_limit_no_solution' : 'infeasible',
        assignment,
        objective: NaN,
        bound: s * bestBound,
        gap: Infinity,
        engine: 'lagrangian',
        timeMs,
        notes: [...notes, 'no feasible placement was found by repair'],
      },
      prices: bestLambda,
      regret,
      pairOf: new Int32Array(n).fill(-1),
    };
  }
  for (let i = 0; i < n; i++) {
    const k = finalPlacement.pairOf[i]!;
    assignment[i] = k >= 0 ? p.pairOption[k]! : -1;
  }
  const objective = s * bestObjective;
  const bound = s * bestBound;
  const gap = relativeGap(objective, bound);
  return {
    solution: {
      status: gap <= 1e-9 ? 'optimal' : 'feasible',
      assignment,
      objective,
      bound,
      gap,
      prices: bestLambda,
      engine: 'lagrangian',
      timeMs,
      notes,
    },
    prices: bestLambda,
    regret,
    pairOf: finalPlacement.pairOf,
  };
}

/**
 * Constructive primal from prices: agents with the most to lose first (largest regret), each to
 * its cheapest option at price-adjusted cost among those it still fits. Returns null when an
 * agent that must be placed fits nowhere.
 */
function greedy(
  p: PlacementProblem,
  oc: ReturnType<typeof constraintsByOption>,
  cost: Float64Array,
  unplacedCost: Float64Array,
  lam: Float64Array,
  regret: Float64Array,
  byAgent: ReturnType<typeof indexByAgent>,
  deadline: number,
): Placement | null {
  const pl = new Placement(p, oc, cost, unplacedCost);
  // Agents that need scarce resources first (a large family where large-family room is short),
  // then the most to lose (largest regret).
  const scarcity = agentScarcity(p, byAgent);
  const order = Array.from({ length: p.agents }, (_, i) => i).sort(
    (a, b) => scarcity[b]! - scarcity[a]! || regret[b]! - regret[a]!,
  );
  const stuck: number[] = [];
  for (const i of order) {
    let bestK = -1,
      best = unplacedCost[i]!,
      anyK = -1,
      anyBest = Infinity;
    for (let q = byAgent.start[i]!; q < byAgent.start[i + 1]!; q++) {
      const k = byAgent.pairs[q]!;
      const j = p.pairOption[k]!;
      let c = cost[k]!;
      for (let r = oc.start[j]!; r < oc.start[j + 1]!; r++) {
        const con = oc.cons[r]!;
        c += lam[con]! * pl.use(con, k);
      }
      if (c < anyBest) {
        anyBest = c;
        anyK = k;
      }
      if (c < best && pl.fits(i, k)) {
        best = c;
        bestK = k;
      }
    }
    if (bestK === -1 && unplacedCost[i] === Infinity) {
      // Fits nowhere now: take its best option anyway; the repair below makes room.
      if (anyK === -1) return null;
      stuck.push(i);
      bestK = anyK;
    }
    pl.set(i, bestK);
  }
  return stuck.length === 0 ? pl : repairPlacement(p, pl, byAgent, deadline);
}

/**
 * How much of the scarce dimensions each agent needs: Σ_d use_d × (demand_d / supply_d), with
 * an agent's use read off its first pair and a dimension's supply the sum of its option caps.
 * Rounded to two decimals so that agents alike in needs fall back to regret order.
 */
function agentScarcity(p: PlacementProblem, byAgent: ReturnType<typeof indexByAgent>): Float64Array {
  const nd = p.dimensions.length;
  const supply = new Float64Array(nd),
    demand = new Float64Array(nd);
  for (const c of p.constraints) if (c.kind === 'option') supply[c.dimension]! += c.cap;
  const first = (i: number) => (byAgent.start[i] === byAgent.start[i + 1] ? -1 : byAgent.pairs[byAgent.start[i]!]!);
  for (let i = 0; i < p.agents; i++) {
    const k = first(i);
    if (k >= 0) for (let d = 0; d < nd; d++) demand[d]! += p.dimensions[d]!.use[k]!;
  }
  const out = new Float64Array(p.agents);
  for (let i = 0; i < p.agents; i++) {
    const k = first(i);
    if (k < 0) continue;
    let x = 0;
    for (let d = 0; d < nd; d++) if (supply[d]! > 0) x += p.dimensions[d]!.use[k]! * (demand[d]! / supply[d]!);
    out[i] = Math.round(x * 100) / 100;
  }
  return out;
}

/**
 * From an infeasible choice (pair per agent, −1 unplaced) to a feasible placement: while some
 * capacity is exceeded, move the agent whose move relieves it at the least loss per unit.
 * Returns null when no move helps (the choice cannot be repaired this way).
 */
function repair(
  p: PlacementProblem,
  oc: ReturnType<typeof constraintsByOption>,
  cost: Float64Array,
  unplacedCost: Float64Array,
  choice: Int32Array,
  byAgent: ReturnType<typeof indexByAgent>,
  deadline: number,
): Placement | null {
  const pl = new Placement(p, oc, cost, unplacedCost);
  for (let i = 0; i < p.agents; i++)
    if (choice[i]! >= 0) pl.set(i, choice[i]!);
    else if (unplacedCost[i] === Infinity) return null;
  return repairPlacement(p, pl, byAgent, deadline);
}

/** Moves agents until no capacity is exceeded (the least loss per unit of relief first), or null. */
function repairPlacement(
  p: PlacementProblem,
  pl: Placement,
  byAgent: ReturnType<typeof indexByAgent>,
  deadline: number,
): Placement | null {
  // Agents by option, for finding who contributes to a constraint.
  const atOption: number[][] = Array.from({ length: p.options }, () => []);
  for (let i = 0; i < p.agents; i++) {
    const k = pl.pairOf[i]!;
    if (k >= 0) atOption[p.pairOption[k]!]!.push(i);
  }
  for (let guard = 0; guard < 10 * p.agents + 100 && performance.now() < deadline; guard++) {
    let worst = -1,
      worstExcess = 1e-9;
    for (let c = 0; c < p.constraints.length; c++) {
      const excess = (pl.load[c]! - p.constraints[c]!.cap) / Math.max(1, p.constraints[c]!.cap);
      if (excess > worstExcess) {
        worstExcess = excess;
        worst = c;
      }
    }
    if (worst === -1) return pl;
    const con = p.constraints[worst]!;
    let bestAgent = -1,
      bestPair = -2,
      bestRate = Infinity;
    for (const o of con.options) {
      for (const i of atOption[o]!) {
        const cur = pl.pairOf[i]!;
        const relief = pl.use(worst, cur);
        if (relief <= 0) continue;
        const curCost = pl.costOf(i, cur);
        const consider = (k: number) => {
          if (k >= 0 && pl.covers(worst, p.pairOption[k]!) && pl.use(worst, k) >= relief) return;
          if (!pl.fits(i, k)) return;
          const rate = (pl.costOf(i, k) - curCost) / relief;
          if (rate < bestRate) {
            bestRate = rate;
            bestAgent = i;
            bestPair = k;
          }
        };
        for (let q = byAgent.start[i]!; q < byAgent.start[i + 1]!; q++) {
          const k = byAgent.pairs[q]!;
          if (k !== cur) consider(k);
        }
        consider(-1);
      }
    }
    if (bestAgent === -1) return null;
    const oldOption = p.pairOption[pl.pairOf[bestAgent]!]!;
    const list = atOption[oldOption]!;
    list.splice(list.indexOf(bestAgent), 1);
    pl.set(bestAgent, bestPair);
    if (bestPair >= 0) atOption[p.pairOption[bestPair]!]!.push(bestAgent);
  }
  return null;
}

/** Improving single moves until none is left or the deadline. */
function improve(p: PlacementProblem, pl: Placement, byAgent: ReturnType<typeof indexByAgent>, deadline: number): void {
  let improved = true;
  for (let round = 0; improved && round < 20 && performance.now() < deadline; round++) {
    improved = false;
    for (let i = 0; i < p.agents; i++) {
      const cur = pl.pairOf[i]!;
      const curCost = pl.costOf(i, cur);
      let bestK = cur,
        bestCost = curCost - 1e-9;
      for (let q = byAgent.start[i]!; q < byAgent.start[i + 1]!; q++) {
        const k = byAgent.pairs[q]!;
        if (k !== cur && pl.costOf(i, k) < bestCost && pl.fits(i, k)) {
          bestCost = pl.costOf(i, k);
          bestK = k;
        }
      }
      if (cur !== -1 && pl.costOf(i, -1) < bestCost && pl.fits(i, -1)) bestK = -1;
      if (bestK !== cur) {
        pl.set(i, bestK);
        improved = true;
      }
    }
  }
}
