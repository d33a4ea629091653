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
import {
  indexByAgent,
  indexByOption,
  lagrangianBound,
  relativeGap,
  type PlacementProblem,
  type PlacementSolution,
} from './model.js';

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
  // Pairs covered by each constraint, via the options (pairs by option in compressed rows).
  const { start: optStart, pairs: byOption } = indexByOption(p);
  const size = new Float64Array(nc);
  const covers: Int32Array[] = [];
  for (let c = 0; c < nc; c++) {
    const con = p.constraints[c]!;
    const use = p.dimensions[con.dimension]!.use;
    let count = 0;
    for (const o of con.options) {
      for (let q = optStart[o]!; q < optStart[o + 1]!; q++) {
        const u = use[byOption[q]!]!;
        if (u === 0) continue;
        if (u !== 1)
          return {
            reason: `constraint ${con.name} counts ${p.dimensions[con.dimension]!.name} with weights other than 1`,
          };
        count++;
      }
    }
    const pairs = new Int32Array(count);
    let at = 0;
    for (const o of con.options)
      for (let q = optStart[o]!; q < optStart[o + 1]!; q++) {
        const k = byOption[q]!;
        if (use[k] !== 0) pairs[at++] = k;
      }
    covers.push(pairs);
    size[c] = count;
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
      if (pairNode[k] !== par)
        return {
          reason: `constraints ${p.constraints[c]!.name} and ${p.constraints[pairNode[k] === -1 ? par : pairNode[k]!]!.name} overlap without one containing the other`,
        };
    }
    for (const k of pairs) pairNode[k] = c;
    parent[c] = par;
    cap[c] = Math.floor(p.constraints[c]!.cap + 1e-9);
  }
  return { pairNode, parent, cap };
}

/** Column generation starts afresh when more than this share of the agents gains a pair. */
const RESTART_SHARE = 0.9;

export interface FlowOptions {
  /**
   * Column generation: each agent starts with its `initial` cheapest pairs; after every optimum
   * on the active pairs each agent gains up to `perRound` of its other pairs with a negative
   * reduced cost (most negative first), and the flow is repaired from where it stands, until no
   * pair has one. Without it every pair is active from the start.
   */
  columns?: { initial: number; perRound: number };
  /** receives a line on how the optimum was reached */
  notes?: string[];
}

/**
 * Solves a network-structured problem exactly by successive shortest paths. Nodes: agents
 * 0..n−1, constraints n..n+m−1, the sink n+m. An agent's placement is a pair; the flow from a
 * constraint node up to its parent is the number of placements under it.
 *
 * Invariant between searches: every residual arc has a reduced cost ≥ 0 (the potentials π are
 * dual prices of the flow so far), so the flow is optimal for the agents routed so far. Column
 * generation keeps it when pairs are added: an agent that gains a pair with a negative reduced
 * cost is taken off its place and routed again; where it leaves a saturated arc with a negative
 * reduced cost (a unit or cap with a positive price), that arc keeps its flow and the node below
 * it becomes a "deficit" that a later search fills (a target like the sink), so no arc breaks
 * the invariant.
 */
export function solveFlow(p: PlacementProblem, net: NetworkStructure, opts: FlowOptions = {}): PlacementSolution {
  const t0 = performance.now();
  const n = p.agents;
  const nc = p.constraints.length;
  const sink = n + nc;
  const s = p.sense === 'min' ? 1 : -1;
  const byAgent = indexByAgent(p);
  const unplacedCost = new Float64Array(n).fill(Infinity);
  if (p.unplacedValue) for (let i = 0; i < n; i++) unplacedCost[i] = s * p.unplacedValue[i]!;
  const { pairNode, parent, cap } = net;
  const upOf = Int32Array.from({ length: nc }, (_, c) => (parent[c] === -1 ? sink : n + parent[c]!));

  // The agents' arcs in one contiguous run per agent (CSR): head node, cost and pair side by
  // side, so the search's inner loop reads memory in order. The active arcs of agent v are
  // arcStart[v] .. activeEnd[v]; with column generation, its `initial` cheapest come first.
  const arcStart = byAgent.start;
  const np = byAgent.pairs.length;
  const arcPair = byAgent.pairs.slice();
  const arcHead = new Int32Array(np);
  const arcCost = new Float64Array(np);
  for (let q = 0; q < np; q++) {
    const k = arcPair[q]!;
    arcCost[q] = s * p.pairValue[k]!;
    arcHead[q] = pairNode[k] === -1 ? sink : n + pairNode[k]!;
  }
  const cg = opts.columns;
  const activeEnd = Int32Array.from({ length: n }, (_, v) =>
    cg ? Math.min(arcStart[v + 1]!, arcStart[v]! + cg.initial) : arcStart[v + 1]!,
  );
  const swapArcs = (x: number, y: number) => {
    if (x === y) return;
    const t1 = arcPair[x]!,
      t2 = arcHead[x]!,
      t3 = arcCost[x]!;
    arcPair[x] = arcPair[y]!;
    arcHead[x] = arcHead[y]!;
    arcCost[x] = arcCost[y]!;
    arcPair[y] = t1;
    arcHead[y] = t2;
    arcCost[y] = t3;
  };
  const best = new Smallest(cg ? Math.max(cg.initial, cg.perRound) : 1);
  if (cg) {
    // Each agent's `initial` cheapest arcs to the front of its run.
    for (let v = 0; v < n; v++) {
      const a = arcStart[v]!,
        b = arcStart[v + 1]!;
      if (b - a <= cg.initial) continue;
      best.clear(cg.initial);
      for (let q = a; q < b; q++) best.offer(arcCost[q]!, q);
      let e = a;
      for (const q of best.positions()) swapArcs(e++, q);
    }
  }

  // Children of each constraint node (for backward arcs); the top constraints (under the sink).
  const childCons: number[][] = Array.from({ length: nc }, () => []);
  const topCons: number[] = [];
  for (let c = 0; c < nc; c++)
    if (parent[c] !== -1) childCons[parent[c]!]!.push(c);
    else topCons.push(c);
  // Agents placed directly under each constraint node (or straight to the sink: index nc), and
  // the agents left unplaced (index nc + 1).
  const placedUnder: number[][] = Array.from({ length: nc + 2 }, () => []);
  const placedPos = new Int32Array(n).fill(-1);
  const UNPLACED = nc + 1;
  const flowUp = new Int32Array(nc); // flow from constraint node to its parent
  const deficit = new Int32Array(nc); // flow up that no placement feeds yet (see above)
  let deficits = 0;
  let sinkIn = 0; // units that reach the sink; n when done
  const arcOf = new Int32Array(n).fill(-1); // the CSR position of the agent's pair, −1 none
  const where = new Int32Array(n).fill(-1); // −1 not routed; else its placedUnder list
  const placedCount = new Int32Array(nc + 2); // placedUnder[c].length
  const add = (a: number, list: number) => {
    where[a] = list;
    placedPos[a] = placedUnder[list]!.length;
    placedUnder[list]!.push(a);
    placedCount[list]!++;
  };
  const remove = (a: number) => {
    const l = placedUnder[where[a]!]!;
    const at = placedPos[a]!;
    const last = l.pop()!;
    if (last !== a) {
      l[at] = last;
      placedPos[last] = at;
    }
    placedPos[a] = -1;
    placedCount[where[a]!]!--;
    where[a] = -1;
  };

  // Parents after children: constraints in order of increasing depth reversed (deepest first).
  const depth = new Int32Array(nc);
  for (let c = 0; c < nc; c++) {
    let d = 0;
    for (let q = parent[c]!; q !== -1; q = parent[q]!) d++;
    depth[c] = d;
  }
  const deepestFirst = Array.from({ length: nc }, (_, c) => c).sort((a, b) => depth[b]! - depth[a]!);
  const pot = new Float64Array(n + nc + 1);
  /** The empty flow and potentials for it; every agent is to be routed. */
  const start = () => {
    for (const l of placedUnder) l.length = 0;
    placedPos.fill(-1);
    placedCount.fill(0);
    flowUp.fill(0);
    deficit.fill(0);
    arcOf.fill(-1);
    where.fill(-1);
    deficits = 0;
    sinkIn = 0;
    pot.fill(Infinity);
    // Initial potentials (reduced cost c + π(u) − π(v) ≥ 0 on every arc of the empty flow).
    for (let i = 0; i < n; i++) pot[i] = 0;
    for (let q = 0; q < np; q++) {
      const h = arcHead[q]!;
      if (h !== sink && arcCost[q]! < pot[h]!) pot[h] = arcCost[q]!;
    }
    for (const c of deepestFirst) {
      const u = upOf[c]!;
      if (u !== sink && pot[n + c]! < pot[u]!) pot[u] = pot[n + c]!;
    }
    let sinkPot = Infinity;
    for (const c of topCons) if (pot[n + c]! < sinkPot) sinkPot = pot[n + c]!;
    for (let q = 0; q < np; q++) if (arcHead[q] === sink && arcCost[q]! < sinkPot) sinkPot = arcCost[q]!;
    for (let i = 0; i < n; i++) if (unplacedCost[i]! < sinkPot) sinkPot = unplacedCost[i]!;
    pot[sink] = sinkPot === Infinity ? 0 : sinkPot;
    // Nodes no flow can reach keep π = +∞ in spirit; give them a finite value that keeps every
    // arc out of them non-negative (they are never entered).
    for (let v = 0; v < pot.length; v++) if (pot[v] === Infinity) pot[v] = 1e300;
  };
  start();

  const dist = new Float64Array(n + nc + 1).fill(Infinity);
  const done = new Uint8Array(n + nc + 1);
  const predNode = new Int32Array(n + nc + 1);
  const predArc = new Int32Array(n + nc + 1); // the CSR arc used to enter a node from an agent; −2 unplaced; −1 other
  const touched: number[] = [];
  const heap = new Heap(1024);
  // A leaf constraint node (a unit, a seat) that is not a target and has at most one agent under
  // it has at most two arcs out (up while free, back to its occupant): it is followed at once
  // instead of through the heap, so most searches queue towns and agents, not every unit they
  // pass. Its distance is still exact below the target's (every improvement comes from a node
  // settled in order), so its potential is updated like a settled node's (`passed`).
  const leaf = Uint8Array.from({ length: nc }, (_, c) => (childCons[c]!.length === 0 ? 1 : 0));
  const passed = new Uint8Array(n + nc + 1);
  const followedAtOnce = (v: number) =>
    v >= n && v < sink && leaf[v - n] === 1 && deficit[v - n] === 0 && placedCount[v - n]! <= 1;
  const followLeaf = (h: number, d: number) => {
    passed[h] = 1;
    const c = h - n;
    const ph = pot[h]!;
    if (flowUp[c]! < cap[c]!) {
      const u = upOf[c]!;
      visit(u, d + ph - pot[u]!, h, -1, d);
    }
    if (placedCount[c] === 1) {
      const a = placedUnder[c]![0]!;
      visit(a, d - arcCost[arcOf[a]!]! + ph - pot[a]!, h, -1, d);
    }
  };

  let bestTarget = Infinity;
  /**
   * Relaxes an arc into v. Reduced costs are ≥ 0: a node at or beyond the best target found is
   * not queued. `floor`: the distance of the node the arc leaves; a reduced cost below 0 is
   * rounding noise, and clamping it keeps distances non-decreasing along every path, so a search
   * never revisits a settled node (nor closes a cycle through a node followed at once).
   */
  const visit = (v: number, dRaw: number, from: number, arc: number, floor: number) => {
    const d = dRaw < floor ? floor : dRaw;
    if (done[v] || d >= dist[v]! || d >= bestTarget) return;
    if (dist[v] === Infinity) touched.push(v);
    dist[v] = d;
    predNode[v] = from;
    predArc[v] = arc;
    if (followedAtOnce(v)) {
      followLeaf(v, d);
      return;
    }
    heap.push(d, v);
    if (isTarget(v)) bestTarget = d;
  };
  const isTarget = (v: number) => (v === sink ? sinkIn < n : v >= n && deficit[v - n]! > 0);

  /** One shortest path from agent r to the nearest target (the sink or a deficit), then augments. */
  const route = (r: number): boolean => {
    heap.clear();
    bestTarget = Infinity;
    dist[r] = 0;
    touched.push(r);
    predNode[r] = -1;
    heap.push(0, r);
    let target = -1;
    let dT = 0;
    while (heap.size > 0) {
      const v = heap.pop();
      const d = heap.lastKey;
      if (done[v] || d > dist[v]!) continue;
      done[v] = 1;
      if (isTarget(v)) {
        target = v;
        dT = d;
        break;
      }
      if (v < n) {
        // An agent: forward along its other active pairs, and to the sink as unplaced.
        const base = d + pot[v]!;
        const own = arcOf[v]!;
        const end = activeEnd[v]!;
        let bt = bestTarget;
        for (let q = arcStart[v]!; q < end; q++) {
          const h = arcHead[q]!;
          let nd = base + arcCost[q]! - pot[h]!;
          if (nd < d) nd = d;
          if (nd >= bt || nd >= dist[h]! || done[h] === 1 || q === own) continue;
          if (dist[h] === Infinity) touched.push(h);
          dist[h] = nd;
          predNode[h] = v;
          predArc[h] = q;
          if (followedAtOnce(h)) {
            followLeaf(h, nd);
            bt = bestTarget;
          } else {
            heap.push(nd, h);
            if (isTarget(h)) bestTarget = bt = nd;
          }
        }
        if (where[v] !== UNPLACED && unplacedCost[v]! < Infinity)
          visit(sink, base + unplacedCost[v]! - pot[sink]!, v, -2, d);
      } else if (v < sink) {
        const c = v - n;
        const pv = pot[v]!;
        // Up, while capacity remains.
        if (flowUp[c]! < cap[c]!) {
          const u = upOf[c]!;
          visit(u, d + pv - pot[u]!, v, -1, d);
        }
        // Down to children carrying flow (cancel their flow).
        for (const ch of childCons[c]!) if (flowUp[ch]! > 0) visit(n + ch, d + pv - pot[n + ch]!, v, -1, d);
        // Back to the agents placed directly under it (take their place).
        for (const a of placedUnder[c]!) visit(a, d - arcCost[arcOf[a]!]! + pv - pot[a]!, v, -1, d);
      } else {
        // The sink, when it takes no more: back down to the top constraints and to the agents
        // placed straight under it or left unplaced.
        const pv = pot[v]!;
        for (const c of topCons) if (flowUp[c]! > 0) visit(n + c, d + pv - pot[n + c]!, v, -1, d);
        for (const a of placedUnder[nc]!) visit(a, d - arcCost[arcOf[a]!]! + pv - pot[a]!, v, -1, d);
        for (const a of placedUnder[UNPLACED]!) visit(a, d - unplacedCost[a]! + pv - pot[a]!, v, -1, d);
      }
    }
    const reached = target >= 0;
    if (reached) {
      // Potentials: π(v) += min(d(v), d_target) − d_target on the nodes the search finalised.
      for (const v of touched) {
        if ((done[v] || passed[v]) && dist[v]! < dT) pot[v] = pot[v]! + dist[v]! - dT;
      }
      if (target === sink) sinkIn++;
      else {
        deficit[target - n]!--;
        deficits--;
      }
      // Augment: walk back from the target to r.
      let v = target;
      while (v !== r) {
        const u = predNode[v]!;
        const q = predArc[v]!;
        if (u < n) {
          // u leaves its old place (if any) and takes arc q (or becomes unplaced, q = −2).
          if (where[u] !== -1) remove(u);
          if (q === -2) {
            arcOf[u] = -1;
            add(u, UNPLACED);
          } else {
            arcOf[u] = q;
            const k = arcPair[q]!;
            add(u, pairNode[k] === -1 ? nc : pairNode[k]!);
          }
        } else if (u < sink) {
          // A constraint node: up to its parent adds flow; down to a child cancels the child's.
          // (Back to an agent: that agent's own next arc moves it.)
          const c = u - n;
          if (v === upOf[c]) flowUp[c]!++;
          else if (v >= n) flowUp[v - n]!--;
        } else if (v >= n) {
          flowUp[v - n]!--; // the sink back down to a top constraint
        }
        v = u;
      }
    }
    for (const v of touched) {
      dist[v] = Infinity;
      done[v] = 0;
      passed[v] = 0;
    }
    touched.length = 0;
    return reached;
  };

  /** Takes agent a off its place (see the invariant above); it is routed again later. */
  const unroute = (a: number) => {
    const list = where[a]!;
    remove(a);
    if (list === UNPLACED || list === nc) sinkIn--;
    else {
      for (let c = list; ; c = parent[c]!) {
        const up = upOf[c]!;
        if (pot[n + c]! - pot[up]! < 0) {
          deficit[c]!++;
          deficits++;
          break;
        }
        flowUp[c]!--;
        if (up === sink) {
          sinkIn--;
          break;
        }
      }
    }
    arcOf[a] = -1;
    // No residual arc enters an agent that is not placed: π(a) may rise until its cheapest
    // active arc has reduced cost 0.
    let top = unplacedCost[a]! < Infinity ? pot[sink]! - unplacedCost[a]! : -Infinity;
    for (let q = arcStart[a]!; q < activeEnd[a]!; q++) {
      const t = pot[arcHead[q]!]! - arcCost[q]!;
      if (t > top) top = t;
    }
    if (top > -Infinity) pot[a] = top;
  };

  const infeasible: number[] = [];
  let rounds = 1;
  for (let r = 0; r < n; r++) if (!route(r)) infeasible.push(r);
  while (cg) {
    if (infeasible.length > 0 || deficits > 0) {
      // The active pairs cannot place everyone (or fill what was left): all pairs, from scratch.
      return solveFlow(p, net, { ...(opts.notes ? { notes: opts.notes } : {}) });
    }
    // Price every inactive arc; activate the most negative ones per agent.
    const again: number[] = [];
    for (let v = 0; v < n; v++) {
      const pv = pot[v]!;
      const chosen = best.clear(cg.perRound);
      for (let q = activeEnd[v]!; q < arcStart[v + 1]!; q++) {
        const rc = arcCost[q]! + pv - pot[arcHead[q]!]!;
        if (rc < -1e-9) best.offer(rc, q);
      }
      if (chosen.size === 0) continue;
      // Swap the chosen arcs into the active prefix, lowest position first (a chosen arc never
      // sits where an earlier one was swapped from).
      for (const q of chosen.positions()) swapArcs(activeEnd[v]!++, q);
      again.push(v);
    }
    if (again.length === 0) break;
    rounds++;
    if (again.length > RESTART_SHARE * n) {
      // Most agents would move: routing everyone afresh on the larger set is cheaper.
      start();
      for (let r = 0; r < n; r++) if (!route(r)) infeasible.push(r);
      continue;
    }
    for (const v of again) unroute(v);
    for (const v of again) if (!route(v)) infeasible.push(v);
  }
  let active = 0;
  for (let v = 0; v < n; v++) active += activeEnd[v]! - arcStart[v]!;
  if (cg && opts.notes)
    opts.notes.push(
      `min-cost flow by column generation: ${active} of ${np} pairs active, ${rounds} round(s); no other pair has a negative reduced cost at the final prices`,
    );

  const assignment = new Int32Array(n).fill(-1);
  let objective = 0;
  for (let i = 0; i < n; i++) {
    const q = arcOf[i]!;
    if (q >= 0) {
      const k = arcPair[q]!;
      assignment[i] = p.pairOption[k]!;
      objective += p.pairValue[k]!;
    } else if (where[i] === UNPLACED) objective += p.unplacedValue![i]!;
  }
  const timeMs = performance.now() - t0;
  if (infeasible.length > 0) {
    const who = infeasible
      .slice(0, 5)
      .map((i) => p.agentLabels?.[i] ?? String(i))
      .join(', ');
    return {
      status: 'infeasible',
      assignment,
      objective: NaN,
      bound: NaN,
      gap: Infinity,
      engine: 'min-cost-flow',
      timeMs,
      notes: [
        `${infeasible.length} agent(s) cannot be placed within the capacities: ${who}${infeasible.length > 5 ? ', …' : ''}`,
      ],
    };
  }
  // Prices: a saturated arc up from c is worth π(up) − π(c) per unit (in minimisation units).
  const prices = new Float64Array(nc);
  for (let c = 0; c < nc; c++) prices[c] = Math.max(0, pot[upOf[c]!]! - pot[n + c]!);
  const bound = lagrangianBound(p, prices, byAgent);
  const gap = relativeGap(objective, bound);
  return {
    status: gap <= 1e-9 ? 'optimal' : 'feasible',
    assignment,
    objective,
    bound,
    gap,
    prices,
    engine: 'min-cost-flow',
    timeMs: performance.now() - t0,
  };
}

/**
 * The m smallest keys offered, with their positions: a sorted buffer of m, so that offering
 * many keys costs one comparison each once it is full.
 */
class Smallest {
  private keys: Float64Array;
  private pos: Int32Array;
  private m = 0;
  size = 0;
  constructor(capacity: number) {
    this.keys = new Float64Array(capacity);
    this.pos = new Int32Array(capacity);
  }
  clear(m: number): this {
    this.m = m;
    this.size = 0;
    return this;
  }
  offer(key: number, position: number): void {
    if (this.size === this.m) {
      if (!(key < this.keys[this.m - 1]!)) return;
      this.size--;
    }
    let i = this.size++;
    while (i > 0 && this.keys[i - 1]! > key) {
      this.keys[i] = this.keys[i - 1]!;
      this.pos[i] = this.pos[i - 1]!;
      i--;
    }
    this.keys[i] = key;
    this.pos[i] = position;
  }
  /** The positions kept, in increasing order. */
  positions(): Int32Array {
    return this.pos.slice(0, this.size).sort();
  }
}
