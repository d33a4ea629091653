// Exact linear assignment (the network core of the placement engine, issue 5): n agents to n
// options at minimum total cost, with forbidden pairs (a sparse cost list). Successive shortest
// augmenting paths with node potentials (Dijkstra on reduced costs, stopped at the first free
// option), as in Jonker–Volgenant. Pure; no I/O. The potentials are the LP dual, so every
// answer carries a proven lower bound, and the gap is computed, not assumed.

/** Costs in compressed sparse rows: agent i's allowed options are cols[rowStart[i] .. rowStart[i+1]). */
import { Heap } from './heap.js';

export interface SparseCosts {
  n: number;
  rowStart: Int32Array;
  cols: Int32Array;
  costs: Float64Array;
}

export interface AssignmentResult {
  /** option per agent */
  assignment: Int32Array;
  objective: number;
  /** Σ dual values: a lower bound on every assignment's cost. */
  bound: number;
  /** (objective − bound) / max(1, |objective|) */
  gap: number;
  augmentations: number;
}

export class InfeasibleError extends Error {}

export function fromDense(matrix: number[][]): SparseCosts {
  const n = matrix.length;
  const rowStart = new Int32Array(n + 1);
  const cols = new Int32Array(n * n);
  const costs = new Float64Array(n * n);
  let k = 0;
  for (let i = 0; i < n; i++) {
    rowStart[i] = k;
    const row = matrix[i]!;
    if (row.length !== n) throw new RangeError(`row ${i} has ${row.length} costs, expected ${n}`);
    for (let j = 0; j < n; j++) {
      cols[k] = j;
      costs[k] = row[j]!;
      k++;
    }
  }
  rowStart[n] = k;
  return { n, rowStart, cols, costs };
}

export function fromTriples(n: number, triples: [number, number, number][]): SparseCosts {
  const counts = new Int32Array(n + 1);
  for (const [i] of triples) {
    if (i < 0 || i >= n) throw new RangeError(`agent ${i} out of range`);
    counts[i + 1]!++;
  }
  const rowStart = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) rowStart[i + 1] = rowStart[i]! + counts[i + 1]!;
  const fill = rowStart.slice(0, n);
  const cols = new Int32Array(triples.length);
  const costs = new Float64Array(triples.length);
  for (const [i, j, c] of triples) {
    if (j < 0 || j >= n) throw new RangeError(`option ${j} out of range`);
    const at = fill[i]!++;
    cols[at] = j;
    costs[at] = c;
  }
  return { n, rowStart, cols, costs };
}

/**
 * Minimum-cost perfect assignment. Throws InfeasibleError when some agent cannot be given an
 * option (no perfect matching exists among the allowed pairs).
 */
export function solveAssignment(p: SparseCosts): AssignmentResult {
  const { n, rowStart, cols, costs } = p;
  const pu = new Float64Array(n); // agent potentials
  const pv = new Float64Array(n).fill(Infinity); // option potentials: start at the column minimum
  for (let k = 0; k < cols.length; k++) if (costs[k]! < pv[cols[k]!]!) pv[cols[k]!] = costs[k]!;
  for (let j = 0; j < n; j++) if (pv[j] === Infinity) throw new InfeasibleError(`option ${j} is allowed for no agent`);
  const rowMatch = new Int32Array(n).fill(-1);
  const colMatch = new Int32Array(n).fill(-1);
  const matchCost = new Float64Array(n);
  const dist = new Float64Array(n).fill(Infinity); // per option
  const pred = new Int32Array(n); // agent before option on the path
  const predCost = new Float64Array(n);
  const done = new Uint8Array(n); // option finalised in this search
  const touched: number[] = [];
  const rowDist = new Float64Array(n).fill(Infinity);
  const touchedRows: number[] = [];
  const heap = new Heap(1024);
  let augmentations = 0;

  for (let r = 0; r < n; r++) {
    heap.clear();
    rowDist[r] = 0;
    touchedRows.push(r);
    const relax = (i: number, di: number) => {
      for (let k = rowStart[i]!; k < rowStart[i + 1]!; k++) {
        const j = cols[k]!;
        if (done[j] || j === rowMatch[i]) continue;
        const nd = di + costs[k]! + pu[i]! - pv[j]!;
        if (nd < dist[j]!) {
          if (dist[j] === Infinity) touched.push(j);
          dist[j] = nd;
          pred[j] = i;
          predCost[j] = costs[k]!;
          heap.push(nd, j);
        }
      }
    };
    relax(r, 0);
    let sink = -1;
    let sinkDist = 0;
    while (heap.size > 0) {
      const j = heap.pop();
      const d = heap.lastKey;
      if (done[j] || d > dist[j]!) continue;
      done[j] = 1;
      if (colMatch[j] === -1) {
        sink = j;
        sinkDist = d;
        break;
      }
      const i = colMatch[j]!; // the matched arc back to its agent has reduced cost 0
      rowDist[i] = d;
      touchedRows.push(i);
      relax(i, d);
    }
    if (sink === -1)
      throw new InfeasibleError(`agent ${r} cannot be assigned without leaving another agent without an option`);
    // Potentials: π += min(dist, dist_sink) − dist_sink, on the nodes the search reached.
    for (const j of touched) {
      if (done[j] && dist[j]! < sinkDist) pv[j] = pv[j]! + dist[j]! - sinkDist;
      dist[j] = Infinity;
      done[j] = 0;
    }
    for (const i of touchedRows) {
      if (rowDist[i]! < sinkDist) pu[i] = pu[i]! + rowDist[i]! - sinkDist;
      rowDist[i] = Infinity;
    }
    touched.length = 0;
    touchedRows.length = 0;
    // Augment along the path back to r.
    let j = sink;
    for (;;) {
      const i = pred[j]!;
      const next = rowMatch[i]!;
      rowMatch[i] = j;
      colMatch[j] = i;
      matchCost[i] = predCost[j]!;
      if (i === r) break;
      j = next;
    }
    augmentations++;
  }

  let objective = 0;
  for (let i = 0; i < n; i++) objective += matchCost[i]!;
  let bound = 0;
  for (let j = 0; j < n; j++) bound += pv[j]!;
  for (let i = 0; i < n; i++) bound -= pu[i]!;
  return {
    assignment: rowMatch,
    objective,
    bound,
    gap: (objective - bound) / Math.max(1, Math.abs(objective)),
    augmentations,
  };
}
