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
import { indexByAgent, PlacementInputError, type PlacementProblem } from './model.js';

/** Terms per line: CBC's and HiGHS's LP readers have line-length limits. */
const TERMS_PER_LINE = 10;

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
function writeRow(out: string[], head: string, coefs: number[], names: string[], tail: string): void {
  let line = head;
  for (let t = 0; t < names.length; t++) {
    if (t > 0 && t % TERMS_PER_LINE === 0) { out.push(line); line = ' '; }
    const c = coefs[t]!;
    const sign = c < 0 ? '-' : '+';
    const mag = Math.abs(c);
    const term = mag === 1 ? names[t]! : `${num(mag)} ${names[t]}`;
    line += t === 0 && sign === '+' ? ` ${term}` : ` ${sign} ${term}`;
  }
  out.push(line + tail);
}

/** The LP text and how its rows and columns are numbered. */
export function buildLp(problem: PlacementProblem, opts: { integer: boolean }): LpLayout {
  const p = problem;
  const np = p.pairAgent.length;
  const byAgent = indexByAgent(p);
  const hasUnplaced = (i: number) => p.unplacedValue !== undefined && Number.isFinite(p.unplacedValue[i]!);
  const stuck: number[] = []; // agents with no pair and no unplaced value: infeasible
  for (let i = 0; i < p.agents; i++) if (byAgent.start[i + 1] === byAgent.start[i] && !hasUnplaced(i)) stuck.push(i);

  const out: string[] = [];
  const columns: string[] = [];
  out.push('\\ Medborger placement problem', p.sense === 'min' ? 'Minimize' : 'Maximize');
  // The objective lists every column (zero coefficients included) so that column numbers
  // follow pairs, then unplaced slacks, then the infeasibility markers.
  const objCoefs: number[] = [];
  for (let k = 0; k < np; k++) { columns.push(`x${k}`); objCoefs.push(p.pairValue[k]!); }
  for (let i = 0; i < p.agents; i++) if (hasUnplaced(i)) { columns.push(`u${i}`); objCoefs.push(p.unplacedValue![i]!); }
  for (const i of stuck) { columns.push(`e${i}`); objCoefs.push(0); }
  if (columns.length === 0) { columns.push('empty'); objCoefs.push(0); } // an LP file needs a column
  // A zero coefficient is written "0 name", so the column still appears here.
  writeRow(out, ' obj:', objCoefs, columns, '');

  out.push('Subject To');
  for (let i = 0; i < p.agents; i++) {
    const names: string[] = [];
    for (let q = byAgent.start[i]!; q < byAgent.start[i + 1]!; q++) names.push(`x${byAgent.pairs[q]!}`);
    if (hasUnplaced(i)) names.push(`u${i}`);
    if (names.length === 0) names.push(`e${i}`);
    writeRow(out, ` a${i}:`, names.map(() => 1), names, ' = 1');
  }
  const constraintRow = new Int32Array(p.constraints.length).fill(-1);
  let rows = p.agents;
  // Pairs per option, to write each constraint's row without scanning every pair.
  const optStart = new Int32Array(p.options + 1);
  for (let k = 0; k < np; k++) optStart[p.pairOption[k]! + 1]!++;
  for (let j = 0; j < p.options; j++) optStart[j + 1]! += optStart[j]!;
  const fill = optStart.slice(0, p.options);
  const byOption = new Int32Array(np);
  for (let k = 0; k < np; k++) byOption[fill[p.pairOption[k]!]!++] = k;
  p.constraints.forEach((c, ci) => {
    const use = p.dimensions[c.dimension]!.use;
    const coefs: number[] = [], names: string[] = [];
    for (const j of c.options) {
      for (let q = optStart[j]!; q < optStart[j + 1]!; q++) {
        const k = byOption[q]!;
        if (use[k] !== 0) { coefs.push(use[k]!); names.push(`x${k}`); }
      }
    }
    if (names.length === 0) return;
    constraintRow[ci] = rows++;
    writeRow(out, ` c${ci}:`, coefs, names, ` <= ${num(c.cap)}`);
  });

  out.push('Bounds');
  for (const i of stuck) out.push(` e${i} = 0`);
  if (columns[0] === 'empty') out.push(' empty = 0');
  if (opts.integer && np > 0) {
    out.push('Binaries');
    for (let k = 0; k < np; k += TERMS_PER_LINE) {
      const names: string[] = [];
      for (let t = k; t < Math.min(np, k + TERMS_PER_LINE); t++) names.push(`x${t}`);
      out.push(` ${names.join(' ')}`);
    }
  }
  out.push('End', '');
  return { text: out.join('\n'), columns, constraintRow, rows };
}

/** CPLEX LP text of the problem (see the header comment for names and rows). */
export function writeLp(problem: PlacementProblem, opts: { integer: boolean }): string {
  return buildLp(problem, opts).text;
}

/** The variable names in column order: x<k> per pair, u<i> per finite unplaced value, e<i> per stuck agent. */
export function lpVariableNames(problem: PlacementProblem): string[] {
  return buildLp(problem, { integer: false }).columns;
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
    const fields = lines[l]!.replace(/^\s*\*\*/, '').trim().split(/\s+/);
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
