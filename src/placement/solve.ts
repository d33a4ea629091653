// One entry point for every placement problem: choose the engine by the problem's structure,
// then check the answer independently before returning it.
//
//   network (unit counts, laminar caps)  → min-cost flow: exact, bound from its potentials
//   side constraints, up to MIP_MAX_PAIRS → HiGHS branch-and-bound (WebAssembly)
//   side constraints, larger             → Lagrangian relaxation + repair, then the contested
//                                           agents re-solved by HiGHS with the rest fixed
//
// Every answer carries objective, a proven bound and the gap; the objective is recomputed and
// every capacity checked by `evaluate`, so an engine's error surfaces as an error, never as a
// worse answer returned silently.
import { networkStructure, solveFlow } from './flow.js';
import type { solveWithHighs as SolveWithHighs } from './highs.js';
import { solveLagrangian } from './lagrangian.js';

/** HiGHS (a WASM solver) is loaded when a problem needs it, not by every command that can solve. */
async function highs(): Promise<typeof SolveWithHighs> {
  return (await import('./highs.js')).solveWithHighs;
}
import {
  evaluate,
  indexByAgent,
  PlacementInputError,
  relativeGap,
  validateProblem,
  type PlacementProblem,
  type PlacementSolution,
} from './model.js';

export type EngineChoice = 'auto' | 'flow' | 'highs' | 'lagrangian';

export interface SolveOptions {
  /** wall-clock budget (default 60 s) */
  timeLimitSec?: number;
  /** relative gap at which the heuristic engines stop (default 1e-4); the exact ones prove 0 */
  gapTolerance?: number;
  engine?: EngineChoice;
}

/** Above this many eligible pairs a side-constrained problem is not handed whole to the MIP. */
export const MIP_MAX_PAIRS = 150_000;
/** How many contested agents the Lagrangian engine hands to the MIP for polishing. */
const POLISH_AGENTS = 1500;
const POLISH_PAIRS_PER_AGENT = 6;

export class EngineError extends Error {}

export async function solvePlacement(p: PlacementProblem, opts: SolveOptions = {}): Promise<PlacementSolution> {
  validateProblem(p);
  const t0 = performance.now();
  const timeLimitSec = opts.timeLimitSec ?? 60;
  const gapTolerance = opts.gapTolerance ?? 1e-4;
  const engine = opts.engine ?? 'auto';
  const notes: string[] = [];

  if (engine === 'auto' || engine === 'flow') {
    const net = networkStructure(p);
    if (!('reason' in net))
      return checkSolution(
        p,
        solveFlow(p, net, { notes, ...(p.pairAgent.length > COLUMNS_ABOVE_PAIRS ? { columns: COLUMNS } : {}) }),
        notes,
      );
    if (engine === 'flow') throw new PlacementInputError(`The flow engine needs a network structure: ${net.reason}.`);
    notes.push(`not a network: ${net.reason}`);
  }
  if (engine === 'highs' || (engine === 'auto' && p.pairAgent.length <= MIP_MAX_PAIRS)) {
    return checkSolution(p, await (await highs())(p, { mip: true, timeLimitSec }), notes);
  }

  const lag = solveLagrangian(p, { timeLimitSec: timeLimitSec * 0.5, gapTolerance });
  let sol = lag.solution;
  notes.push(...(sol.notes ?? []));
  const remaining = timeLimitSec - (performance.now() - t0) / 1000;
  if (sol.status === 'feasible' && sol.gap > gapTolerance && remaining > 2) {
    const polished = await polish(p, lag.pairOf, lag.regret, remaining * 0.9);
    if (polished) {
      const better =
        p.sense === 'min' ? polished.objective < sol.objective - 1e-9 : polished.objective > sol.objective + 1e-9;
      notes.push(
        `MIP polish of ${polished.agents} contested agents: ${polished.status}${better ? ', improved' : ', no improvement'}`,
      );
      if (better)
        sol = {
          ...sol,
          assignment: polished.assignment,
          objective: polished.objective,
          gap: relativeGap(polished.objective, sol.bound),
        };
    }
  }
  return checkSolution(p, { ...sol, engine: 'lagrangian+mip', timeMs: performance.now() - t0 }, notes);
}

/**
 * Network problems with more pairs than this are solved by column generation (see solveFlow):
 * first on each agent's best pairs, then priced pairs added until none improves (COLUMNS).
 */
const COLUMNS_ABOVE_PAIRS = 100_000;
/** Each agent's 8 cheapest pairs first; at most 8 more per agent and round. */
const COLUMNS = { initial: 8, perRound: 8 };

/** A large network by column generation; the bound is over ALL pairs (lagrangianBound with the flow's prices). */
export function solveFlowSparsified(p: PlacementProblem, notes: string[] = []): PlacementSolution {
  const net = networkStructure(p);
  if ('reason' in net) throw new PlacementInputError(`The flow engine needs a network structure: ${net.reason}.`);
  return solveFlow(p, net, { columns: COLUMNS, notes });
}

/**
 * Re-solves the most contested agents (smallest Lagrangian regret) by MIP, everyone else fixed:
 * the fixed agents' use is taken off the capacities, each free agent keeps its current option
 * and its next best ones. The current placement is feasible for the sub-problem, so the MIP can
 * only keep or improve it.
 */
async function polish(p: PlacementProblem, pairOf: Int32Array, regret: Float64Array, timeLimitSec: number) {
  const byAgent = indexByAgent(p);
  const order = Array.from({ length: p.agents }, (_, i) => i).sort((a, b) => regret[a]! - regret[b]!);
  const free = new Set(order.slice(0, Math.min(POLISH_AGENTS, p.agents)));
  const s = p.sense === 'min' ? 1 : -1;
  // Capacities left after the fixed agents.
  const residual = Float64Array.from(p.constraints, (c) => c.cap);
  const consOfOption: number[][] = Array.from({ length: p.options }, () => []);
  p.constraints.forEach((c, k) => {
    for (const o of c.options) consOfOption[o]!.push(k);
  });
  let fixedValue = 0;
  for (let i = 0; i < p.agents; i++) {
    const k = pairOf[i]!;
    if (free.has(i)) continue;
    if (k < 0) {
      fixedValue += p.unplacedValue![i]!;
      continue;
    }
    fixedValue += p.pairValue[k]!;
    for (const c of consOfOption[p.pairOption[k]!]!) residual[c]! -= p.dimensions[p.constraints[c]!.dimension]!.use[k]!;
  }
  const freeAgents = [...free];
  const keep: number[] = [];
  const agentOf = new Int32Array(p.agents).fill(-1);
  freeAgents.forEach((i, a) => {
    agentOf[i] = a;
  });
  for (const i of freeAgents) {
    const pairs = Array.from(byAgent.pairs.subarray(byAgent.start[i], byAgent.start[i + 1]));
    pairs.sort((x, y) => s * p.pairValue[x]! - s * p.pairValue[y]!);
    const chosen = new Set(pairs.slice(0, POLISH_PAIRS_PER_AGENT));
    if (pairOf[i]! >= 0) chosen.add(pairOf[i]!);
    keep.push(...chosen);
  }
  const sub: PlacementProblem = {
    sense: p.sense,
    agents: freeAgents.length,
    options: p.options,
    pairAgent: Int32Array.from(keep, (k) => agentOf[p.pairAgent[k]!]!),
    pairOption: Int32Array.from(keep, (k) => p.pairOption[k]!),
    pairValue: Float64Array.from(keep, (k) => p.pairValue[k]!),
    dimensions: p.dimensions.map((d) => ({ name: d.name, use: Float64Array.from(keep, (k) => d.use[k]!) })),
    constraints: p.constraints.map((c, k) => ({ ...c, cap: Math.max(0, residual[k]!) })),
    ...(p.unplacedValue ? { unplacedValue: Float64Array.from(freeAgents, (i) => p.unplacedValue![i]!) } : {}),
  };
  const r = await (await highs())(sub, { mip: true, timeLimitSec });
  if (r.status !== 'optimal' && r.status !== 'feasible') return null;
  const assignment = Int32Array.from(pairOf, (k) => (k >= 0 ? p.pairOption[k]! : -1));
  freeAgents.forEach((i, a) => {
    assignment[i] = r.assignment[a]!;
  });
  return { assignment, objective: fixedValue + r.objective, status: r.status, agents: freeAgents.length };
}

/** Recomputes the objective, checks every capacity and the bound's direction. */
export function checkSolution(p: PlacementProblem, sol: PlacementSolution, notes: string[]): PlacementSolution {
  const allNotes = [...notes, ...(sol.notes ?? []).filter((n) => !notes.includes(n))];
  if (sol.status === 'infeasible' || sol.status === 'time_limit_no_solution') return { ...sol, notes: allNotes };
  const ev = evaluate(p, sol.assignment);
  if (!ev.feasible) {
    const what =
      ev.violations
        .slice(0, 3)
        .map((v) => `${v.constraint} ${v.load} > ${v.cap}`)
        .join('; ') || `agents ${ev.invalidAgents.slice(0, 5).join(', ')} placed on no eligible pair`;
    throw new EngineError(`The ${sol.engine} engine returned a placement that breaks the problem (${what}).`);
  }
  const scale = Math.max(1, Math.abs(ev.objective));
  if (Math.abs(ev.objective - sol.objective) > 1e-6 * scale)
    throw new EngineError(
      `The ${sol.engine} engine reported objective ${sol.objective}, but the placement is worth ${ev.objective}.`,
    );
  const boundOk =
    p.sense === 'min' ? sol.bound <= ev.objective + 1e-6 * scale : sol.bound >= ev.objective - 1e-6 * scale;
  if (!boundOk)
    throw new EngineError(
      `The ${sol.engine} engine reported bound ${sol.bound}, on the wrong side of its own objective ${ev.objective}.`,
    );
  // With whole-number values the optimum is a whole number: a bound of 336.4 on a maximum
  // proves that 336 is optimal.
  const bound = integralData(p)
    ? p.sense === 'min'
      ? Math.ceil(sol.bound - 1e-6)
      : Math.floor(sol.bound + 1e-6)
    : sol.bound;
  const gap = relativeGap(ev.objective, bound);
  return { ...sol, objective: ev.objective, bound, gap, status: gap <= 1e-9 ? 'optimal' : 'feasible', notes: allNotes };
}

function integralData(p: PlacementProblem): boolean {
  for (let k = 0; k < p.pairValue.length; k++) if (!Number.isInteger(p.pairValue[k]!)) return false;
  if (p.unplacedValue) for (const v of p.unplacedValue) if (Number.isFinite(v) && !Number.isInteger(v)) return false;
  return true;
}
