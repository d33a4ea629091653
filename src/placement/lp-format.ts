// The placement model as CPLEX LP text (issue 5): what HiGHS reads (src/placement/highs.ts) and
// what an external solver reads from a file (`cbc model.lp solve solu out.txt`), plus a reader
// for CBC's solution file. Pure; no I/O.
//
// Variables: x<k> per pair k (binary for a MIP; for an LP only x ≥ 0 is written, x ≤ 1 being
// implied by the agent row), u<i> per agent whose unplaced value is finite (the "unplaced"
// slack, continuous: the agent row makes it 0 or 1 when every x is), e<i> per agent that has
// neither a pair nor a finite unplaced value (fixed at 0, so its row e<i> = 1 is impossible and
// the solvers report the problem infeasible instead of failing to read it).
// Rows, in this order: a<i> (Σ_k x_k + u_i = 1) per agent, then c<k> (Σ use·x ≤ cap) per
// constraint that has at least one non-zero coefficient (a constraint without any is always
// satisfied, since cap ≥ 0, and is not written).
import { indexByAgent, indexByOption, PlacementInputError, type PlacementProblem } from './model.js';

/** Terms per line: CBC's and HiGHS's LP readers have line-length limits. */
const TERMS_PER_LINE = 10;

/**
 * The linear model behind the LP text, as arrays: what writeLp formats and what highs.ts passes
 * to HiGHS directly (reading 600,000 columns of LP text costs HiGHS about 6 s; the arrays, far
 * less). Columns: x<k> for every pair k first (so column k is pair k), then u<i>, then e<i>.
 */
export interface LinearModel {
  sense: 'min' | 'max';
  /** column names, in column order */
  columns: string[];
  colCost: Float64Array;
  /** upper bound per column for the LP relaxation (x: Infinity, u: Infinity, e: 0); lower bounds are 0 */
  colUpper: Float64Array;
  /** the first `pairs` columns are the x (binary in a MIP) */
  pairs: number;
  rowNames: string[];
  /** rows in compressed sparse rows: row r's entries are rowStart[r] .. rowStart[r+1] */
  rowStart: Int32Array;
  rowIndex: Int32Array;
  rowValue: Float64Array;
  rowLower: Float64Array;
  rowUpper: Float64Array;
  /** row of each problem constraint, −1 when not written (no non-zero coefficient) */
  constraintRow: Int32Array;
}

export interface LpLayout {
  /** The LP text. */
  text: string;
  /** Column names in the order the LP readers number them (order of first appearance). */
  columns: string[];
  /** Row index (0-based, in file order) of each problem constraint, −1 when not written. */
  constraintRow: Int32Array;
  /** Number of rows written (agents + written constraints). */
  rows: number;
}

/** A finite number with full precision, in a form strtod and the LP readers accept. */
function num(v: number): string {
  if (!Number.isFinite(v)) throw new PlacementInputError(`cannot write ${v} into an LP file`);
  return String(v); // shortest round-trip representation, e.g. 0.1, 1e-7, 1e+21
}

/** Writes `name: t1 + t2 …` wrapped every TERMS_PER_LINE terms; continuation lines start with a space. */
function writeRow(
  out: string[],
  head: string,
  coefs: ArrayLike<number>,
  names: (t: number) => string,
  count: number,
  tail: string,
): void {
  let line = head;
  for (let t = 0; t < count; t++) {
    if (t > 0 && t % TERMS_PER_LINE === 0) {
      out.push(line);
      line = ' ';
    }
    const c = coefs[t]!;
    const mag = Math.abs(c);
    const term = mag === 1 ? names(t) : `${num(mag)} ${names(t)}`;
    line += t === 0 && !(c < 0) ? ` ${term}` : ` ${c < 0 ? '-' : '+'} ${term}`;
  }
  out.push(line + tail);
}

/** The rows and columns of the placement problem's linear model (see the header comment). */
export function linearModel(problem: PlacementProblem): LinearModel {
  const p = problem;
  const np = p.pairAgent.length;
  const byAgent = indexByAgent(p);
  const hasUnplaced = (i: number) => p.unplacedValue !== undefined && Number.isFinite(p.unplacedValue[i]!);

  const columns: string[] = [];
  const cost: number[] = [];
  const upper: number[] = [];
  for (let k = 0; k < np; k++) {
    columns.push(`x${k}`);
    cost.push(p.pairValue[k]!);
    upper.push(Infinity);
  }
  const uColumn = new Int32Array(p.agents).fill(-1);
  for (let i = 0; i < p.agents; i++)
    if (hasUnplaced(i)) {
      uColumn[i] = columns.length;
      columns.push(`u${i}`);
      cost.push(p.unplacedValue![i]!);
      upper.push(Infinity);
    }
  // An agent with no pair and no unplaced value: e<i> fixed at 0 makes its row e<i> = 1 impossible.
  const eColumn = new Int32Array(p.agents).fill(-1);
  for (let i = 0; i < p.agents; i++)
    if (byAgent.start[i + 1] === byAgent.start[i] && uColumn[i] === -1) {
      eColumn[i] = columns.length;
      columns.push(`e${i}`);
      cost.push(0);
      upper.push(0);
    }

  const rowNames: string[] = [];
  const rowStart: number[] = [0];
  const rowIndex: number[] = [];
  const rowValue: number[] = [];
  const rowLower: number[] = [];
  const rowUpper: number[] = [];
  for (let i = 0; i < p.agents; i++) {
    for (let q = byAgent.start[i]!; q < byAgent.start[i + 1]!; q++) {
      rowIndex.push(byAgent.pairs[q]!);
      rowValue.push(1);
    }
    if (uColumn[i] !== -1) {
      rowIndex.push(uColumn[i]!);
      rowValue.push(1);
    }
    if (eColumn[i] !== -1) {
      rowIndex.push(eColumn[i]!);
      rowValue.push(1);
    }
    rowNames.push(`a${i}`);
    rowStart.push(rowIndex.length);
    rowLower.push(1);
    rowUpper.push(1);
  }
  // Pairs per option, to collect each constraint's row without scanning every pair.
  const { start: optStart, pairs: byOption } = indexByOption(p);
  const constraintRow = new Int32Array(p.constraints.length).fill(-1);
  p.constraints.forEach((c, ci) => {
    const use = p.dimensions[c.dimension]!.use;
    const before = rowIndex.length;
    for (const j of c.options) {
      for (let q = optStart[j]!; q < optStart[j + 1]!; q++) {
        const k = byOption[q]!;
        if (use[k] !== 0) {
          rowIndex.push(k);
          rowValue.push(use[k]!);
        }
      }
    }
    if (rowIndex.length === before) return; // no non-zero coefficient: always satisfied (cap ≥ 0)
    constraintRow[ci] = rowNames.length;
    rowNames.push(`c${ci}`);
    rowStart.push(rowIndex.length);
    rowLower.push(-Infinity);
    rowUpper.push(c.cap);
  });
  return {
    sense: p.sense,
    columns,
    colCost: Float64Array.from(cost),
    colUpper: Float64Array.from(upper),
    pairs: np,
    rowNames,
    rowStart: Int32Array.from(rowStart),
    rowIndex: Int32Array.from(rowIndex),
    rowValue: Float64Array.from(rowValue),
    rowLower: Float64Array.from(rowLower),
    rowUpper: Float64Array.from(rowUpper),
    constraintRow,
  };
}

/** The LP text and how its rows and columns are numbered. */
export function buildLp(problem: PlacementProblem, opts: { integer: boolean }): LpLayout {
  const m = linearModel(problem);
  const out: string[] = [];
  out.push('\\ Medborger placement problem', m.sense === 'min' ? 'Minimize' : 'Maximize');
  // The objective lists every column, a zero coefficient as "0 name", so that the readers number
  // the columns in this order.
  const columns = m.columns.length > 0 ? m.columns : ['empty']; // an LP file needs a column
  const colCost = m.columns.length > 0 ? m.colCost : Float64Array.of(0);
  writeRow(out, ' obj:', colCost, (t) => columns[t]!, columns.length, '');
  out.push('Subject To');
  const name = (t: number) => m.columns[m.rowIndex[t]!]!;
  for (let r = 0; r < m.rowNames.length; r++) {
    const from = m.rowStart[r]!,
      to = m.rowStart[r + 1]!;
    const tail = m.rowLower[r] === m.rowUpper[r] ? ` = ${num(m.rowUpper[r]!)}` : ` <= ${num(m.rowUpper[r]!)}`;
    writeRow(out, ` ${m.rowNames[r]}:`, m.rowValue.subarray(from, to), (t) => name(from + t), to - from, tail);
  }
  out.push('Bounds');
  for (let c = 0; c < m.columns.length; c++) if (m.colUpper[c] !== Infinity) out.push(` ${m.columns[c]} = 0`);
  if (columns !== m.columns) out.push(' empty = 0');
  if (opts.integer && m.pairs > 0) {
    out.push('Binaries');
    for (let k = 0; k < m.pairs; k += TERMS_PER_LINE) {
      const names: string[] = [];
      for (let t = k; t < Math.min(m.pairs, k + TERMS_PER_LINE); t++) names.push(m.columns[t]!);
      out.push(` ${names.join(' ')}`);
    }
  }
  out.push('End', '');
  return { text: out.join('\n'), columns, constraintRow: m.constraintRow, rows: m.rowNames.length };
}

/** CPLEX LP text of the problem (see the header comment for names and rows). */
export function writeLp(problem: PlacementProblem, opts: { integer: boolean }): string {
  return buildLp(problem, opts).text;
}

/** The variable names in column order: x<k> per pair, u<i> per finite unplaced value, e<i> per stuck agent. */
export function lpVariableNames(problem: PlacementProblem): string[] {
  return linearModel(problem).columns;
}

export interface CbcStatus {
  /** CBC's first word(s): "Optimal", "Infeasible", "Stopped on time", … */
  status: string;
  /** The objective value CBC states (not trusted: evaluate() recomputes it). */
  objective: number;
  optimal: boolean;
  infeasible: boolean;
}

/** The status line of a CBC solution file ("Optimal - objective value 336.00000000"). */
export function readCbcStatus(text: string): CbcStatus {
  const first = text.split('\n', 1)[0]!.trim();
  const m = /^(.*?)\s*-\s*objective value\s+(\S+)/i.exec(first);
  const status = (m ? m[1]! : first).trim();
  return {
    status,
    objective: m ? Number(m[2]) : NaN,
    optimal: /^optimal/i.test(status),
    infeasible: /infeasible/i.test(status),
  };
}

/**
 * The assignment (option per agent, −1 unplaced) in a CBC solution file written by
 * `cbc model.lp solve solu out.txt`: a status line, then `index name value reduced-cost` per
 * printed column (CBC prints the non-zero ones; a line may start with `**` when CBC flags it).
 * A pair x<k> with value > 0.5 places its agent; nothing else is assumed.
 */
export function readCbcSolution(text: string, problem: PlacementProblem): Int32Array {
  const assignment = new Int32Array(problem.agents).fill(-1);
  const np = problem.pairAgent.length;
  const lines = text.split('\n');
  for (let l = 1; l < lines.length; l++) {
    const fields = lines[l]!.replace(/^\s*\*\*/, '')
      .trim()
      .split(/\s+/);
    if (fields.length < 3) continue;
    const m = /^x(\d+)$/.exec(fields[1]!);
    if (!m) continue;
    const k = Number(m[1]);
    const value = Number(fields[2]);
    if (!(k < np)) throw new RangeError(`CBC solution names ${fields[1]}, but the problem has ${np} pairs`);
    if (value > 0.5) {
      const i = problem.pairAgent[k]!;
      if (assignment[i] !== -1) throw new RangeError(`CBC solution places agent ${i} twice`);
      assignment[i] = problem.pairOption[k]!;
    }
  }
  return assignment;
}
