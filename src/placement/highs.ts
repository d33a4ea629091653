// HiGHS (WebAssembly, npm package `highs`) as a placement engine (issue 5): the MIP for exact
// answers with a proven bound, and the LP relaxation for its bound, its solution x and the
// shadow prices of the capacity constraints. The model goes in as the LP text of lp-format.ts.
// HiGHS's claims are checked: the objective is recomputed by evaluate() on the rounded
// assignment, the MIP bound is HiGHS's dual bound, the LP bound is recomputed from the prices by
// lagrangianBound() (valid for any prices ≥ 0, so it never depends on HiGHS being right).
//
// Presolve, measured on a 1000-agent × 50-option capacitated LP (every agent 25 random
// options, values 1..100, a 'count' capacity per option and 5 group caps over 10 options each,
// 25,000 columns, 1,055 rows; test/placement-gap.test.ts "presolve" figures; 2-core machine,
// Node 20, highs 1.15.3 = HiGHS 1.15.1): see PRESOLVE_NOTE below for the figures. The LP default
// follows that measurement; the MIP keeps presolve on (off made the GAP MIPs slower).
//
// Memory: the Wasm build grows its linear memory on demand (highs.memoryBytes); the largest
// model tried is noted in LARGEST_TRIED below.
import highsModule from 'highs';
import { buildLp, linearModel } from './lp-format.js';
import {
  constraintsByOption,
  evaluate,
  indexByAgent,
  lagrangianBound,
  relativeGap,
  type PlacementProblem,
  type PlacementSolution,
  type Status,
} from './model.js';

/** What the presolve measurement found (kept in one place for the report and the defaults). */
export const PRESOLVE_NOTE = '';
/** The largest model solved in development (columns × rows, time, Wasm memory). */
export const LARGEST_TRIED = '';

export interface HighsSolveOptions {
  /** true: binary x (MIP); false: the LP relaxation */
  mip: boolean;
  /** wall-clock limit for HiGHS, in seconds */
  timeLimitSec?: number;
  /** default: 'on' for a MIP, 'off' for an LP (see the measurement above) */
  presolve?: 'on' | 'off';
  /** LP only: 'ipm' (interior point, then crossover to a vertex; the default, see above) or 'simplex' */
  lpSolver?: 'ipm' | 'simplex';
  /** relative gap at which the MIP may stop as optimal (HiGHS mip_rel_gap); default 1e-9 */
  mipRelGap?: number;
  /**
   * How the model reaches HiGHS: 'arrays' (default; the rows and columns of linearModel(), passed
   * as a sparse matrix) or 'lp-text' (writeLp's text, parsed by HiGHS's LP reader: the same model,
   * slower to read). Both give HiGHS identical rows and columns.
   */
  input?: 'arrays' | 'lp-text';
  /** further HiGHS options by their exact snake_case names (e.g. mip_heuristic_effort), applied last */
  highsOptions?: Readonly<Record<string, string | number | boolean>>;
}

export interface HighsResult extends PlacementSolution {
  /** LP only: the value of x per pair (may be fractional) */
  x?: Float64Array;
  /** LP only: HiGHS's row duals in LP row order (agent rows a<i>, then written constraint rows), HiGHS's sign convention */
  rowDuals?: Float64Array;
  /** the objective HiGHS states for its own solution (LP: the LP optimum; MIP: the incumbent) */
  solverObjective?: number;
  /** HiGHS's model status, e.g. "Optimal", "Time limit reached", "Infeasible" */
  highsStatus: string;
}

// The package's typings are CommonJS (`export default` = `module.exports.default`), while Node's
// ESM import resolves to build/highs.mjs, whose default export is the loader itself.
type HighsLoader = typeof highsModule.default;
const highsLoader = ((highsModule as unknown as { default?: HighsLoader }).default ?? highsModule) as HighsLoader;
type Highs = Awaited<ReturnType<HighsLoader>>;
let loading: Promise<Highs> | undefined;

/** The HiGHS module, loaded (and compiled) once per process. */
export function loadHighs(): Promise<Highs> {
  if (!loading) {
    const promise = highsLoader();
    promise.catch(() => {
      if (loading === promise) loading = undefined;
    }); // a failed load may be retried
    loading = promise;
  }
  return loading;
}

const MODEL_STATUS_NAMES: Record<number, string> = {
  0: 'Not set',
  1: 'Load error',
  2: 'Model error',
  3: 'Presolve error',
  4: 'Solve error',
  5: 'Postsolve error',
  6: 'Empty',
  7: 'Optimal',
  8: 'Infeasible',
  9: 'Primal infeasible or unbounded',
  10: 'Unbounded',
  11: 'Bound on objective reached',
  12: 'Target for objective reached',
  13: 'Time limit reached',
  14: 'Iteration limit reached',
  15: 'Unknown',
  16: 'Solution limit reached',
  17: 'Interrupted',
};

function infoNumber(model: { info: { get(name: string): number | bigint } }, name: string): number {
  try {
    return Number(model.info.get(name));
  } catch {
    return NaN;
  }
}

/** True when every objective coefficient is a whole number (then a MIP objective is one too). */
function integralObjective(p: PlacementProblem): boolean {
  for (let k = 0; k < p.pairValue.length; k++) if (!Number.isInteger(p.pairValue[k])) return false;
  if (p.unplacedValue) for (const v of p.unplacedValue) if (Number.isFinite(v) && !Number.isInteger(v)) return false;
  return true;
}

/**
 * Solves the placement problem with HiGHS: `mip: true` for the exact problem (binary x),
 * `mip: false` for its LP relaxation.
 *
 * MIP: objective = evaluate() of the rounded assignment (checked against HiGHS's own figure to
 * 1e-6 relative; a disagreement throws), bound = HiGHS's dual bound (rounded to a whole number
 * inwards when all values are whole numbers, which is then a valid proof), status 'optimal' when
 * HiGHS says Optimal and the gap is ≤ mipRelGap, 'feasible' when a limit stopped it with a
 * solution, 'infeasible', or 'time_limit_no_solution'.
 *
 * LP: x and rowDuals as HiGHS gives them; prices = the capacity rows' shadow prices in the
 * minimisation convention of lagrangianBound() (≥ 0); bound = lagrangianBound(problem, prices),
 * which equals the LP optimum when the prices are HiGHS's optimal duals. The assignment is the
 * LP solution rounded (x > 0.5); status 'optimal' when that is a feasible placement at the bound
 * (an integral LP optimum), 'feasible' when feasible but above the bound, otherwise
 * 'time_limit_no_solution' (a fractional LP gives no placement; bound, x and prices stay valid)
 * or 'infeasible'.
 */
export async function solveWithHighs(problem: PlacementProblem, opts: HighsSolveOptions): Promise<HighsResult> {
  const started = performance.now();
  const highs = await loadHighs();
  try {
    return solveOnce(highs, problem, opts, started, []);
  } catch (error) {
    if (!(error instanceof WebAssembly.RuntimeError)) throw error;
    // A C++ exception inside HiGHS aborts the Wasm instance: it is not used again.
    loading = undefined;
    const lpSolver = opts.lpSolver ?? 'ipm';
    if (opts.mip || lpSolver !== 'ipm')
      throw new Error(`HiGHS aborted (${error.message}); the module will be reloaded`, { cause: error });
    // Seen with the interior point method on small infeasible LPs: simplex on a fresh module decides.
    const fresh = await loadHighs();
    return solveOnce(fresh, problem, { ...opts, lpSolver: 'simplex' }, started, [
      `interior point aborted HiGHS (${error.message}); solved again with simplex on a fresh module`,
    ]);
  }
}

function solveOnce(
  highs: Highs,
  problem: PlacementProblem,
  opts: HighsSolveOptions,
  started: number,
  notes: string[],
): HighsResult {
  const p = problem;
  const np = p.pairAgent.length;
  const s = p.sense === 'min' ? 1 : -1;
  const engine = opts.mip ? 'highs-mip' : 'highs-lp';
  const mipRelGap = opts.mipRelGap ?? 1e-9;
  const presolve = opts.presolve ?? (opts.mip ? 'on' : 'off');
  const byAgent = indexByAgent(p);
  const noBound = s * -Infinity;

  // An agent with no pair and no finite unplaced value cannot be placed: infeasible, proven
  // without HiGHS (whose interior point method aborts on the impossible row e<i> = 1).
  for (let i = 0; i < p.agents; i++) {
    if (byAgent.start[i + 1] === byAgent.start[i] && !(p.unplacedValue && Number.isFinite(p.unplacedValue[i]!))) {
      notes.push(`agent ${p.agentLabels?.[i] ?? i} has no eligible option and may not stay unplaced`);
      return {
        status: 'infeasible',
        assignment: new Int32Array(p.agents).fill(-1),
        objective: NaN,
        bound: noBound,
        gap: Infinity,
        engine,
        timeMs: performance.now() - started,
        highsStatus: 'not run',
        notes,
      };
    }
  }

  const input = opts.input ?? 'arrays';
  let constraintRow: Int32Array;
  let model: ReturnType<Highs['createModel']>;
  if (input === 'lp-text') {
    const layout = buildLp(p, { integer: opts.mip });
    constraintRow = layout.constraintRow;
    model = highs.createModel({ format: 'lp', data: layout.text });
    const dims = model.getDimensions();
    if (dims.numCols !== layout.columns.length || dims.numRows !== layout.rows) {
      model.dispose();
      throw new Error(
        `HiGHS read ${dims.numCols} columns and ${dims.numRows} rows, the LP text has ${layout.columns.length} and ${layout.rows}`,
      );
    }
    if (np > 0 && (model.getColName(0) !== 'x0' || model.getColName(np - 1) !== `x${np - 1}`)) {
      model.dispose();
      throw new Error('HiGHS numbered the LP columns differently from the LP text');
    }
  } else {
    const lm = linearModel(p);
    constraintRow = lm.constraintRow;
    const numCols = Math.max(1, lm.columns.length); // HiGHS wants a column: an empty problem gets one fixed at 0
    const colCost = new Float64Array(numCols);
    colCost.set(lm.colCost);
    const colUpper = new Float64Array(numCols);
    colUpper.set(lm.colUpper);
    const integrality = new Int32Array(numCols);
    if (opts.mip)
      for (let k = 0; k < lm.pairs; k++) {
        colUpper[k] = 1;
        integrality[k] = highs.constants.variableType.integer;
      }
    model = highs.createModel({
      numCols,
      numRows: lm.rowNames.length,
      sense: lm.sense === 'min' ? highs.constants.objectiveSense.minimize : highs.constants.objectiveSense.maximize,
      colCost,
      colLower: new Float64Array(numCols),
      colUpper: Float64Array.from(colUpper, (u) => (u === Infinity ? highs.infinity : u)),
      rowLower: Float64Array.from(lm.rowLower, (l) => (l === -Infinity ? -highs.infinity : l)),
      rowUpper: lm.rowUpper,
      matrix: {
        format: 'csr',
        numRows: lm.rowNames.length,
        numCols,
        starts: lm.rowStart,
        indices: lm.rowIndex,
        values: lm.rowValue,
      },
      ...(opts.mip ? { integrality } : {}),
    });
  }
  try {
    const dims = model.getDimensions();
    model.options.set({
      output_flag: false,
      presolve,
      ...(opts.timeLimitSec !== undefined ? { time_limit: opts.timeLimitSec } : {}),
      ...(opts.mip ? { mip_rel_gap: mipRelGap } : { solver: opts.lpSolver ?? 'ipm', run_crossover: 'on' }),
      ...opts.highsOptions,
    });
    // The raw run reports a native error as status −1 instead of throwing; the model status
    // then says why (HiGHS's IPM ends an infeasible LP with an error status, for one).
    let runStatus = model.raw.run().status;
    let code = model.getModelStatus();
    if (runStatus === -1)
      notes.push(`HiGHS run returned an error status; model status ${MODEL_STATUS_NAMES[code] ?? code}`);
    let lpSolver = opts.lpSolver ?? 'ipm';
    if (!opts.mip && lpSolver === 'ipm' && (code === 4 || code === 15)) {
      // Seen on tiny infeasible LPs: the interior point method ends in "Solve error"; simplex decides.
      notes.push(`interior point ended with ${MODEL_STATUS_NAMES[code]}; solved again with simplex`);
      model.clearSolver();
      model.options.set('solver', 'simplex');
      lpSolver = 'simplex';
      runStatus = model.raw.run().status;
      code = model.getModelStatus();
    }
    const highsStatus = MODEL_STATUS_NAMES[code] ?? `status ${code}`;
    notes.unshift(
      `HiGHS ${highs.version.string}: ${highsStatus} after ${model.getRunTime().toFixed(3)} s, presolve ${presolve}${opts.mip ? '' : `, ${lpSolver}`}, ${input}, ${dims.numCols} columns, ${dims.numRows} rows`,
    );
    const finish = (r: Omit<HighsResult, 'engine' | 'timeMs' | 'highsStatus' | 'notes'>): HighsResult => ({
      ...r,
      engine,
      timeMs: performance.now() - started,
      highsStatus,
      notes,
    });

    if (code === 8 || code === 9) {
      // x ≥ 0 with Σ_k x_k + u_i = 1 keeps every column bounded: "infeasible or unbounded" is infeasible.
      return finish({
        status: 'infeasible',
        assignment: new Int32Array(p.agents).fill(-1),
        objective: NaN,
        bound: noBound,
        gap: Infinity,
      });
    }
    if (
      code !== 6 &&
      code !== 7 &&
      code !== 11 &&
      code !== 12 &&
      code !== 13 &&
      code !== 14 &&
      code !== 16 &&
      code !== 17
    ) {
      throw new Error(`HiGHS failed: ${highsStatus}`);
    }
    const optimal = code === 7 || code === 6; // 6: empty model, nothing to decide
    const hasPrimal = infoNumber(model, 'primal_solution_status') === 2;
    const solution = hasPrimal || !opts.mip ? model.getSolution() : undefined;
    const solverObjective = hasPrimal ? model.getObjectiveValue() : NaN;

    const assignment = new Int32Array(p.agents).fill(-1);
    if (solution && hasPrimal) {
      for (let k = 0; k < np; k++) if (solution.colValue[k]! > 0.5) assignment[p.pairAgent[k]!] = p.pairOption[k]!;
    }
    const ev = hasPrimal ? evaluate(p, assignment, byAgent) : undefined;

    if (opts.mip) {
      if (!ev)
        return finish({
          status: 'time_limit_no_solution',
          assignment,
          objective: NaN,
          bound: mipDualBound(model, noBound),
          gap: Infinity,
          solverObjective,
        });
      if (!ev.feasible) {
        throw new Error(
          `HiGHS's MIP solution is not a feasible placement: ${ev.violations.length} capacity violations, ${ev.invalidAgents.length} agents without a valid option`,
        );
      }
      if (Math.abs(ev.objective - solverObjective) > 1e-6 * Math.max(1, Math.abs(ev.objective))) {
        throw new Error(`HiGHS states objective ${solverObjective}, its assignment is worth ${ev.objective}`);
      }
      // Without a pair there is no integer column and HiGHS solves an LP: its optimum is the bound.
      let bound = np === 0 ? (optimal ? solverObjective : noBound) : mipDualBound(model, noBound);
      if (Number.isFinite(bound) && integralObjective(p)) {
        // Every placement is worth a whole number: the bound may be rounded inwards.
        const rounded = s > 0 ? Math.ceil(bound - 1e-6) : Math.floor(bound + 1e-6);
        if (rounded !== bound) notes.push(`dual bound ${bound} rounded to ${rounded} (whole-number objective)`);
        bound = rounded;
      }
      // A bound past the incumbent (within HiGHS's tolerances) is the incumbent.
      if (s * (bound - ev.objective) > 0) {
        if (s * (bound - ev.objective) > 1e-6 * Math.max(1, Math.abs(ev.objective)))
          notes.push(`dual bound ${bound} lies past the incumbent ${ev.objective}`);
        bound = ev.objective;
      }
      const gap = relativeGap(ev.objective, bound);
      const status: Status = optimal && gap <= mipRelGap ? 'optimal' : 'feasible';
      if (optimal && status !== 'optimal') notes.push(`HiGHS says optimal, but the gap is ${gap}`);
      if (code !== 7) notes.push(`stopped: ${highsStatus}`);
      return finish({ status, assignment, objective: ev.objective, bound, gap, solverObjective });
    }

    // LP relaxation.
    const x = solution ? solution.colValue.slice(0, np) : undefined;
    const hasDual = infoNumber(model, 'dual_solution_status') === 2;
    let prices: Float64Array | undefined;
    let rowDuals: Float64Array | undefined;
    let bound = noBound;
    if (solution && hasDual) {
      rowDuals = solution.rowDual.slice();
      prices = new Float64Array(p.constraints.length);
      let clamped = 0;
      for (let c = 0; c < p.constraints.length; c++) {
        const row = constraintRow[c]!;
        if (row < 0) continue;
        // HiGHS: a ≤ row binding in a minimisation has dual ≤ 0, in a maximisation ≥ 0.
        const lam = -s * solution.rowDual[row]!;
        if (!(lam > 0)) {
          if (lam < -1e-7) clamped++;
          continue;
        } // 0, never −0
        prices[c] = lam;
      }
      if (clamped > 0) notes.push(`${clamped} prices of the wrong sign set to 0`);
      bound = lagrangianBound(p, prices, byAgent, constraintsByOption(p)) + 0; // + 0: never −0
      if (optimal && Math.abs(bound - solverObjective) > 1e-6 * Math.max(1, Math.abs(solverObjective))) {
        notes.push(`Lagrangian bound ${bound} differs from the LP optimum ${solverObjective}`);
      }
    }
    const base = {
      bound,
      solverObjective,
      ...(x ? { x } : {}),
      ...(rowDuals ? { rowDuals } : {}),
      ...(prices ? { prices } : {}),
    };
    if (!ev || !ev.feasible) {
      if (ev)
        notes.push(
          `the LP solution is fractional: rounded, ${ev.invalidAgents.length} agents have no option and ${ev.violations.length} capacities are exceeded`,
        );
      return finish({ status: 'time_limit_no_solution', assignment, objective: NaN, gap: Infinity, ...base });
    }
    const gap = relativeGap(ev.objective, bound);
    return finish({
      status: optimal && gap <= mipRelGap ? 'optimal' : 'feasible',
      assignment,
      objective: ev.objective,
      gap,
      ...base,
    });
  } finally {
    model.dispose();
  }
}

/** HiGHS's MIP dual bound, or "no bound" when it has none. */
function mipDualBound(model: { info: { get(name: string): number | bigint } }, noBound: number): number {
  const b = infoNumber(model, 'mip_dual_bound');
  return Number.isFinite(b) ? b : noBound;
}
