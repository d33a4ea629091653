// Exact min-cost flow for placement problems with network structure: every capacity constraint
// counts placements (use 1 on each pair it covers) and the constraints' pair sets form a
// laminar family (any two are disjoint or nested: a unit inside a town, a seat inside an
// institution inside a district). Then the problem is a flow problem
//
//   agent ──pair (cost)──▶ deepest constraint ──▶ … ──▶ widest constraint ──▶ sink
//   agent ──unplaced (cost)───────────────────────────────────────────────────▶ sink
//
// and successive shortest paths (Dijkstra on reduced costs, one unit per agent, stopped at the
// sink, as in Jonker–Volgenant) give an integral optimum. The node potentials yield the prices
// of the capacities, and the bound is recomputed from them by `lagrangianBound` in model.ts, so
// optimality is proven by a separate calculation, not asserted. Pure; no I/O.
import { Heap } from './heap.js';
import { indexByAgent, lagrangianBound, relativeGap, type PlacementProblem, type PlacementSolution } from './model.js';

export interface NetworkStructure {
  /** per pair: its deepest constraint (−1 = none, straight to the sink) */
  pairNode: Int32Array;
  /** per constraint: its parent constraint (−1 = the sink) */
  parent: Int32Array;
  /** per constraint: integral capacity */
  cap: Int32Array;
}

/**
 * Whether the problem is a network: returns the laminar tree of its constraints, or a reason
 * why not (then the side-constraint engines are needed).
 */
export function networkStructure(p: PlacementProblem): NetworkStructure | { reason: string } {
  const np = p.pairAgent.length;
  const nc = p.constraints.length;
  // Pairs covered by each constraint, via the options.
  const byOption: number[][] = Array.from({ length: p.options }, () => []);
  for (let k = 0; k < np; k++) byOption[p.pairOption[k]!]!.push(k);
  const size = new Float64Array(nc);
  const covers: Int32Array[] = [];
  for (let c = 0; c < nc; c++) {
    const con = p.constraints[c]!;
    const use = p.dimensions[con.dimension]!.use;
    const pairs: number[] = [];
    for (const o of con.options) {
      for (const k of byOption[o]!) {
        const u = use[k]!;
        if (u === 0) continue;
        if (u !== 1) return { reason: `constraint ${con.name} counts ${p.dimensions[con.dimension]!.name} with weights other than 1` };
        pairs.push(k);
      }
    }
    covers.push(Int32Array.from(pairs));
    size[c] = pairs.length;
  }
  // Widest first; each constraint's pairs must all sit under the same previously placed one.
  const order = Array.from({ length: nc }, (_, c) => c).sort((a, b) => size[b]! - size[a]! || a - b);
  const pairNode = new Int32Array(np).fill(-1);
  const parent = new Int32Array(nc).fill(-1);
  const cap = new Int32Array(nc);
  for (const c of order) {
    const pairs = covers[c]!;
    const par = pairs.length > 0 ? pairNode[pairs[0]!]! : -1;
    for (const k of pairs) {
      if (pairNode[k] !== par) return { reason: `constraints ${p.constraints[c]!.name} and ${p.constraints[pairNode[k] === -1 ? par : pairNode[k]!]!.name} overlap without one containing the other` };
    }
    for (const k of pairs) pairNode[k] = c;
    parent[c] = par;
    cap[c] = Math.floor(p.constraints[c]!.cap + 1e-9);
  }
  return { pairNode, parent, cap };
}

/**
 * Solves a network-structured problem exactly. Nodes: agents 0..n−1, constraints n..n+m−1,
 * the sink n+m. An agent's placement is a pair; the flow from a constraint node up to its
 * parent is the number of placements under it.
 */
export function solveFlow(p: PlacementProblem, net: NetworkStructure): PlacementSolution {
  const t0 = performance.now();
  const n = p.agents;
  const nc = p.constraints.length;
  const sink = n + nc;
  const s = p.sense === 'min' ? 1 : -1;
  const byAgent = indexByAgent(p);
  const cost = new Float64Array(p.pairValue.length);
  for (let k = 0; k < cost.length; k++) cost[k] = s * p.pairValue[k]!;
  const unplacedCost = new Float64Array(n).fill(Infinity);
  if (p.unplacedValue) for (let i = 0; i < n; i++) unplacedCost[i] = s * p.unplacedValue[i]!;
  const { pairNode, parent, cap } = net;
  const upNode = (c: number) => (parent[c] === -1 ? sink : n + parent[c]!);
  const pairHead = (k: number) => (pairNode[k] === -1 ? sink : n + pairNode[k]!);

  // Children of each constraint node (for backward arcs), and the pairs entering it.
  const childCons: number[][] = Array.from({ length: nc }, () => []);
  for (let c = 0; c < nc; c++) if (parent[c] !== -1) childCons[parent[c]!]!.push(c);
  // Agents placed directly under each constraint node (or straight to the sink: index nc).
  const placedUnder: number[][] = Array.from({ length: nc + 1 }, () => []);
  const placedPos = new Int32Array(n).fill(-1);
  const flowUp = new Int32Array(nc); // flow from constraint node to its parent
  const agentPair = new Int32Array(n).fill(-1); // current pair, −1 unplaced or not yet routed
  const agentUnplaced = new Uint8Array(n);

  // Initial potentials (reduced cost c + π(u) − π(v) ≥ 0 on every arc of the empty flow).
  const pot = new Float64Array(n + nc + 1).fill(Infinity);
  for (let i = 0; i < n; i++) pot[i] = 0;
  for (let k = 0; k < cost.length; k++) {
    const h = pairHead(k);
    if (h !== sink && cost[k]! < pot[h]!) pot[h] = cost[k]!;
  }
  // Parents after children: constraints in order of increasing depth reversed (deepest first).
  const depth = new Int32Array(nc);
  for (let c = 0; c < nc; c++) { let d = 0; for (let q = parent[c]!; q !== -1; q = parent[q]!) d++; depth[c] = d; }
  const deepestFirst = Array.from({ length: nc }, (_, c) => c).sort((a, b) => depth[b]! - depth[a]!);
  for (const c of deepestFirst) {
    const u = upNode(c);
    if (u !== sink && pot[n + c]! < pot[u]!) pot[u] = pot[n + c]!;
  }
  let sinkPot = Infinity;
  for (let c = 0; c < nc; c++) if (parent[c] === -1 && pot[n + c]! < sinkPot) sinkPot = pot[n + c]!;
  for (let k = 0; k < cost.length; k++) if (pairNode[k] === -1 && cost[k]! < sinkPot) sinkPot = cost[k]!;
  for (let i = 0; i < n; i++) if (unplacedCost[i]! < sinkPot) sinkPot = unplacedCost[i]!;
  pot[sink] = sinkPot === Infinity ? 0 : sinkPot;
  // Nodes no flow can reach keep π = +∞ in spirit; give them a finite value that keeps every
  // arc out of them non-negative (they are never entered).
  for (let v = 0; v < pot.length; v++) if (pot[v] === Infinity) pot[v] = 1e300;

  const dist = new Float64Array(n + nc + 1).fill(Infinity);
  const done = new Uint8Array(n + nc + 1);
  const predNode = new Int32Array(n + nc + 1);
  const predPair = new Int32Array(n + nc + 1); // the pair used to enter a constraint/sink from an agent, else −1
  const touched: number[] = [];
  const heap = new Heap(1024);

  const visit = (v: number, d: number, from: number, pair: number) => {
    if (done[v] || d >= dist[v]!) return;
    if (dist[v] === Infinity) touched.push(v);
    dist[v] = d; predNode[v] = from; predPair[v] = pair;
    heap.push(d, v);
  };

  const infeasible: number[] = [];
  for (let r = 0; r < n; r++) {
    heap.clear();
    dist[r] = 0; touched.push(r); predNode[r] = -1;
    heap.push(0, r);
    let reached = false;
    let dSink = 0;
    while (heap.size > 0) {
      const v = heap.pop();
      const d = heap.lastKey;
      if (done[v] || d > dist[v]!) continue;
      done[v] = 1;
      if (v === sink) { reached = true; dSink = d; break; }
      if (v < n) {
        // An agent: forward along its other pairs, and to the sink as unplaced.
        const pv = pot[v]!;
        for (let q = byAgent.start[v]!; q < byAgent.start[v + 1]!; q++) {
          const k = byAgent.pairs[q]!;
          if (k === agentPair[v]) continue;
          const h = pairHead(k);
          visit(h, d + cost[k]! + pv - pot[h]!, v, k);
        }
        if (!agentUnplaced[v] && unplacedCost[v]! < Infinity) visit(sink, d + unplacedCost[v]! + pv - pot[sink]!, v, -2);
      } else {
        const c = v - n;
        const pv = pot[v]!;
        // Up, while capacity remains.
        if (flowUp[c]! < cap[c]!) { const u = upNode(c); visit(u, d + pv - pot[u]!, v, -1); }
        // Down to children carrying flow (cancel their flow).
        for (const ch of childCons[c]!) if (flowUp[ch]! > 0) visit(n + ch, d + pv - pot[n + ch]!, v, -1);
        // Back to the agents placed directly under it (take their place).
        for (const a of placedUnder[c]!) visit(a, d - cost[agentPair[a]!]! + pv - pot[a]!, v, -1);
      }
    }
    if (!reached) {
      infeasible.push(r);
    } else {
      // Potentials: π(v) += min(d(v), d_sink) − d_sink on the nodes the search finalised.
      for (const v of touched) {
        if (done[v] && dist[v]! < dSink) pot[v] = pot[v]! + dist[v]! - dSink;
      }
      // Augment: walk back from the sink to r.
      let v = sink;
      while (v !== r) {
        const u = predNode[v]!;
        const k = predPair[v]!;
        if (u < n) {
          // u leaves its old place (if any) and takes pair k (or becomes unplaced, k = −2).
          const old = agentPair[u]!;
          if (old >= 0) removePlaced(u, pairNode[old]! === -1 ? nc : pairNode[old]!);
          if (k === -2) { agentPair[u] = -1; agentUnplaced[u] = 1; }
          else { agentPair[u] = k; agentUnplaced[u] = 0; addPlaced(u, pairNode[k]! === -1 ? nc : pairNode[k]!); }
        } else if (u < sink) {
          // A constraint node: up to its parent adds flow; down to a child cancels the child's.
          // (Back to an agent: that agent's own next arc moves it.)
          const c = u - n;
          if (v === upNode(c)) flowUp[c]!++;
          else if (v >= n) flowUp[v - n]!--;
        }
        v = u;
      }
    }
    for (const v of touched) { dist[v] = Infinity; done[v] = 0; }
    touched.length = 0;
  }

  function addPlaced(a: number, under: number): void { placedPos[a] = placedUnder[under]!.length; placedUnder[under]!.push(a); }
  function removePlaced(a: number, under: number): void {
    const list = placedUnder[under]!;
    const at = placedPos[a]!;
    const last = list.pop()!;
    if (last !== a) { list[at] = last; placedPos[last] = at; }
    placedPos[a] = -1;
  }

  const assignment = new Int32Array(n).fill(-1);
  let objective = 0;
  for (let i = 0; i < n; i++) {
    const k = agentPair[i]!;
    if (k >= 0) { assignment[i] = p.pairOption[k]!; objective += p.pairValue[k]!; }
    else if (agentUnplaced[i]) objective += p.unplacedValue![i]!;
  }
  const timeMs = performance.now() - t0;
  if (infeasible.length > 0) {
    const who = infeasible.slice(0, 5).map((i) => p.agentLabels?.[i] ?? String(i)).join(', ');
    return { status: 'infeasible', assignment, objective: NaN, bound: NaN, gap: Infinity, engine: 'min-cost-flow', timeMs, notes: [`${infeasible.length} agent(s) cannot be placed within the capacities: ${who}${infeasible.length > 5 ? ', …' : ''}`] };
  }
  // Prices: a saturated arc up from c is worth π(up) − π(c) per unit (in minimisation units).
  const prices = new Float64Array(nc);
  for (let c = 0; c < nc; c++) prices[c] = Math.max(0, pot[upNode(c)]! - pot[n + c]!);
  const bound = lagrangianBound(p, prices, byAgent);
  const gap = relativeGap(objective, bound);
  return { status: gap <= 1e-9 ? 'optimal' : 'feasible', assignment, objective, bound, gap, prices, engine: 'min-cost-flow', timeMs: performance.now() - t0 };
}
