// The instances of the placement benchmark (bench/placement.ts), built deterministically from
// their names, so that the benchmark, its worker processes and the peers' input files all see
// the same problem:
//
//   assign100 … assign800, assignp800 … assignp5000   OR-Library linear assignment (min)
//   gap1-1 … gap12-5, gapa-1 … gapd-6                  OR-Library generalized assignment
//                                                       (gap1–12 max, gapa–d min; file-problem)
//   municipal-1000x2000   1,000 households × 2,000 housing units in 20 towns; eligibility by
//                         rooms, rent and accessibility; one household per unit; a cap on the
//                         households per town (laminar: unit ⊂ town, one count dimension, so a
//                         min-cost flow); households may stay unplaced (value 0) but a witness
//                         assignment that places every household is built in, so all fit.
//   municipal-5000x3000   5,000 households × 3,000 units in 30 towns, exactly 300 eligible
//                         units per household (its search list); town caps; at least 2,000
//                         households stay unplaced (value 0). Also a network.
//   national-40000x98     the national distribution (landstal → kommunekvoter): 40,000 persons
//                         × the 98 municipalities, every pair eligible (3.92 M pairs). Agents are
//                         PERSONS (as the issue says), not households: grouping the members of a
//                         household is not modelled here. Score = a GeoMatch-like predicted
//                         probability of employment × 100 (logistic model of person features ×
//                         municipality features + noise, 2 decimals). Capacities per
//                         municipality in three dimensions: "persons" (the quota; quotas sum to
//                         ≈ 1.02 × persons), "large_families" (persons from a household of 5 or
//                         more) and "single_parents" (persons in a single-parent household), plus
//                         a cap on persons per region. The two categories overlap (a single
//                         parent of a large family counts in both), so the constraints are not
//                         laminar: NOT a network, the side-constraint engine is needed. Every person must
//                         be placed; a witness assignment built in makes the instance feasible.
//
// Scores of the generated instances are 'max' values in [1, 100] with 2 decimals. Pure apart from
// reading the OR-Library files (shared/benchmarks/or-library, beside the checkout).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Random } from '../src/demo/random.js';
import { MUNICIPALITIES } from '../src/domain/municipalities.js';
import type { Constraint, PlacementProblem } from '../src/placement/model.js';
import { gapToProblem, parseAssign, parseGap } from '../src/placement/orlib.js';

export const ORLIB_DIR =
  process.env.ORLIB_DIR ?? path.resolve(process.cwd(), '..', 'shared', 'benchmarks', 'or-library');

export type Family = 'assign' | 'gap' | 'municipal' | 'national';

export interface BenchInstance {
  name: string;
  family: Family;
  /** the instances of one OR-Library GAP file share a group ("gap1"); otherwise the name */
  group: string;
  problem: PlacementProblem;
  /** known optimum (OR-Library), or best known value when `optimumProven` is false (gapd) */
  knownOptimum?: number;
  optimumProven?: boolean;
  /** the constraints are laminar counts: a min-cost flow problem */
  network: boolean;
  /** a feasible assignment built into a generated instance (feasible by construction) */
  witness?: Int32Array;
}

// ---------------------------------------------------------------------------------------------
// OR-Library

const ASSIGN_OPTIMA: Record<string, number> = {
  assign100: 305,
  assign200: 475,
  assign300: 626,
  assign400: 804,
  assign500: 991,
  assign600: 1176,
  assign700: 1362,
  assign800: 1552,
  assignp800: 2239,
  assignp1500: 5839,
  assignp3000: 18696,
  assignp5000: 48533,
};

/** Optima in file order (README of shared/benchmarks/or-library); gapd: best known values. */
const GAP_OPTIMA: Record<string, number[]> = {
  gap1: [336, 327, 339, 341, 326],
  gap2: [434, 436, 420, 419, 428],
  gap3: [580, 564, 573, 570, 564],
  gap4: [656, 644, 673, 647, 664],
  gap5: [563, 558, 564, 568, 559],
  gap6: [761, 759, 758, 752, 747],
  gap7: [942, 949, 968, 945, 951],
  gap8: [1133, 1134, 1141, 1117, 1127],
  gap9: [709, 717, 712, 723, 706],
  gap10: [958, 963, 960, 947, 947],
  gap11: [1139, 1178, 1195, 1171, 1171],
  gap12: [1451, 1449, 1433, 1447, 1446],
  gapa: [1698, 3235, 1360, 2623, 1158, 2339],
  gapb: [1843, 3552, 1407, 2827, 1166, 2339],
  gapc: [1931, 3456, 1402, 2806, 1243, 2391],
  gapd: [6353, 12742, 6347, 12430, 6185, 12235],
};

export const ASSIGN_NAMES = Object.keys(ASSIGN_OPTIMA);
export const GAP_FILES = Object.keys(GAP_OPTIMA);
export const GENERATED_NAMES = ['municipal-1000x2000', 'municipal-5000x3000', 'national-40000x98'] as const;

/** Every instance name of a set ('orlib', 'municipal', 'national'), grouped (one GAP file = one group). */
export function instanceGroups(set: string): { group: string; names: string[] }[] {
  switch (set) {
    case 'orlib':
      return [
        ...ASSIGN_NAMES.map((n) => ({ group: n, names: [n] })),
        ...GAP_FILES.map((f) => ({ group: f, names: GAP_OPTIMA[f]!.map((_, p) => `${f}-${p + 1}`) })),
      ];
    case 'municipal':
      return [
        { group: 'municipal-1000x2000', names: ['municipal-1000x2000'] },
        { group: 'municipal-5000x3000', names: ['municipal-5000x3000'] },
      ];
    case 'national':
      return [{ group: 'national-40000x98', names: ['national-40000x98'] }];
    default:
      throw new RangeError(`unknown instance set ${set} (orlib, municipal, national)`);
  }
}

/** An OR-Library assignment matrix as a placement problem: min, unit capacities, all placed. */
function assignProblem(name: string): PlacementProblem {
  const costs = parseAssign(readFileSync(path.join(ORLIB_DIR, 'assign', `${name}.txt`), 'utf8'));
  const n = costs.n;
  const np = costs.cols.length;
  const pairAgent = new Int32Array(np);
  for (let i = 0; i < n; i++) pairAgent.fill(i, costs.rowStart[i], costs.rowStart[i + 1]);
  return {
    sense: 'min',
    agents: n,
    options: n,
    pairAgent,
    pairOption: Int32Array.from(costs.cols),
    pairValue: Float64Array.from(costs.costs),
    dimensions: [{ name: 'count', use: new Float64Array(np).fill(1) }],
    constraints: Array.from({ length: n }, (_, j): Constraint => ({
      name: `option ${j + 1}`,
      kind: 'option',
      dimension: 0,
      options: Int32Array.of(j),
      cap: 1,
    })),
  };
}

const gapCache = new Map<string, ReturnType<typeof parseGap>>();

function gapInstance(file: string, index: number): PlacementProblem {
  let parsed = gapCache.get(file);
  if (!parsed) {
    parsed = parseGap(readFileSync(path.join(ORLIB_DIR, 'gap', `${file}.txt`), 'utf8'));
    gapCache.set(file, parsed);
  }
  const inst = parsed[index];
  if (!inst) throw new RangeError(`${file} has ${parsed.length} problems, not ${index + 1}`);
  return gapToProblem(inst, /^gap\d+$/.test(file) ? 'max' : 'min');
}

// ---------------------------------------------------------------------------------------------
// Helpers for the generated instances

const round2 = (x: number) => Math.round(x * 100) / 100;
const clamp = (x: number, lo: number, hi: number) => (x < lo ? lo : x > hi ? hi : x);

/** A standard normal draw (Box–Muller). */
function gauss(r: Random): number {
  const u = 1 - r.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r.next());
}

/** Picks an index by cumulative weights (binary search). */
function pickCumulative(r: Random, cumulative: Float64Array): number {
  const x = r.next() * cumulative[cumulative.length - 1]!;
  let lo = 0,
    hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cumulative[mid]! > x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function cumulative(weights: number[]): Float64Array {
  const c = new Float64Array(weights.length);
  let s = 0;
  weights.forEach((w, i) => {
    s += w;
    c[i] = s;
  });
  return c;
}

/** A random permutation of 0..n−1. */
function permutation(r: Random, n: number): Int32Array {
  const p = new Int32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(r.next() * (i + 1));
    const t = p[i]!;
    p[i] = p[j]!;
    p[j] = t;
  }
  return p;
}

/** Growable parallel pair arrays. */
class PairBuffer {
  agent: Int32Array;
  option: Int32Array;
  value: Float64Array;
  size = 0;
  constructor(capacity: number) {
    this.agent = new Int32Array(capacity);
    this.option = new Int32Array(capacity);
    this.value = new Float64Array(capacity);
  }
  push(a: number, o: number, v: number) {
    if (this.size === this.agent.length) {
      const grow = <T extends Int32Array | Float64Array>(xs: T): T => {
        const out = new (xs.constructor as new (n: number) => T)(xs.length * 2);
        out.set(xs);
        return out;
      };
      this.agent = grow(this.agent);
      this.option = grow(this.option);
      this.value = grow(this.value);
    }
    this.agent[this.size] = a;
    this.option[this.size] = o;
    this.value[this.size] = v;
    this.size++;
  }
}

// ---------------------------------------------------------------------------------------------
// Municipal housing instances

interface MunicipalSpec {
  seed: string;
  households: number;
  units: number;
  towns: number;
  /** 'fit': every unit that fits (rooms, rent, accessibility); a number: exactly that many units per household */
  eligible: 'fit' | number;
  /** town cap = round(share × units in town) (raised to the witness's load when there is one) */
  townCapShare: number;
  /** build a witness that places every household (and make its pairs eligible) */
  placeEveryone: boolean;
}

interface Town {
  x: number;
  y: number;
  services: number;
  schools: number;
  spread: number;
  rentLevel: number;
}

function municipal(name: string, spec: MunicipalSpec): BenchInstance {
  const root = new Random(0x5eed ^ spec.households ^ (spec.units << 8));
  const rt = root.fork(spec.seed, 'towns'),
    ru = root.fork(spec.seed, 'units'),
    rh = root.fork(spec.seed, 'households');
  const rp = root.fork(spec.seed, 'pairs'),
    rw = root.fork(spec.seed, 'witness');

  // Towns in a 120 × 80 km area; sizes skewed (a few larger towns).
  const towns: Town[] = Array.from({ length: spec.towns }, () => ({
    x: rt.next() * 120,
    y: rt.next() * 80,
    services: 30 + rt.next() * 70,
    schools: 20 + rt.next() * 80,
    spread: rt.next() * 100,
    rentLevel: 0.85 + rt.next() * 0.35,
  }));
  const townWeight = cumulative(towns.map(() => Math.exp(gauss(rt) * 0.7)));

  // Units: town, rooms 1–5, monthly rent in DKK, accessible (step-free) or not. Every town gets a few.
  const U = spec.units;
  const unitTown = new Int32Array(U),
    unitRooms = new Int32Array(U),
    unitRent = new Float64Array(U);
  const unitAccessible = new Uint8Array(U);
  const roomsDist = cumulative([10, 30, 35, 18, 7]);
  for (let j = 0; j < U; j++) {
    unitTown[j] = j < spec.towns * 5 ? j % spec.towns : pickCumulative(ru, townWeight);
    const rooms = 1 + pickCumulative(ru, roomsDist);
    unitRooms[j] = rooms;
    unitRent[j] = Math.round((2800 + 1500 * rooms + ru.next() * 2500) * towns[unitTown[j]!]!.rentLevel);
    unitAccessible[j] = ru.chance(0.3) ? 1 : 0;
  }

  // Households: persons 1–8, income incl. benefits, accessibility need, work town, children.
  const H = spec.households;
  const hhPersons = new Int32Array(H),
    hhMaxRent = new Float64Array(H),
    hhWorkTown = new Int32Array(H);
  const hhAccessible = new Uint8Array(H),
    hhChildren = new Uint8Array(H);
  const personsDist = cumulative([30, 16, 15, 15, 12, 7, 3, 2]);
  for (let i = 0; i < H; i++) {
    const persons = 1 + pickCumulative(rh, personsDist);
    hhPersons[i] = persons;
    const income = 9_000 + 3_000 * persons + rh.next() * 8_000;
    hhMaxRent[i] = 0.4 * income;
    hhWorkTown[i] = rh.chance(0.3) ? rh.int(0, spec.towns - 1) : -1;
    hhAccessible[i] = rh.chance(0.08) ? 1 : 0;
    hhChildren[i] = persons >= 3 || (persons === 2 && rh.chance(0.4)) ? 1 : 0;
  }
  const idealRooms = (p: number) => clamp(Math.ceil((p + 1) / 2), 1, 5);
  const minRooms = (p: number) => Math.max(1, idealRooms(p) - 1);
  const maxRooms = (p: number) => Math.min(5, idealRooms(p) + 1);
  const fits = (i: number, j: number) => {
    const p = hhPersons[i]!,
      r = unitRooms[j]!;
    return (
      r >= minRooms(p) &&
      r <= maxRooms(p) &&
      unitRent[j]! <= hhMaxRent[i]! &&
      (hhAccessible[i] === 0 || unitAccessible[j] === 1)
    );
  };

  // The score: a weighted sum of criteria in [0, 100] (rooms, rent burden, commute to work,
  // services/schools of the town, spread over towns, the caseworker's judgement).
  const score = (i: number, j: number, judgement: number) => {
    const p = hhPersons[i]!,
      t = towns[unitTown[j]!]!;
    const roomFit = clamp(100 - 30 * Math.abs(unitRooms[j]! - idealRooms(p)), 0, 100);
    const rentFit = clamp((100 * (hhMaxRent[i]! - unitRent[j]!)) / (0.5 * hhMaxRent[i]!), 0, 100);
    const w = hhWorkTown[i]!;
    const work = w < 0 ? 60 : clamp(100 - 1.5 * Math.hypot(towns[w]!.x - t.x, towns[w]!.y - t.y), 0, 100);
    const services = hhChildren[i] ? t.schools : t.services;
    const v = 0.25 * roomFit + 0.25 * rentFit + 0.2 * work + 0.15 * services + 0.1 * t.spread + 0.05 * judgement;
    return Math.max(1, round2(v));
  };

  // Eligible options per household (sorted by unit).
  const eligible: Int32Array[] = [];
  const scratch = new Int32Array(U);
  for (let i = 0; i < H; i++) {
    let n = 0;
    for (let j = 0; j < U; j++) if (fits(i, j)) scratch[n++] = j;
    if (spec.eligible === 'fit') {
      eligible.push(scratch.slice(0, n).sort());
      continue;
    }
    const want = spec.eligible;
    // The household's search list: `want` of its fitting units, topped up with units of the
    // right size (rent or accessibility relaxed) and then any units when too few fit.
    let list: Int32Array;
    if (n >= want) {
      for (let q = 0; q < want; q++) {
        const s = q + Math.floor(rp.next() * (n - q));
        const t = scratch[q]!;
        scratch[q] = scratch[s]!;
        scratch[s] = t;
      }
      list = scratch.slice(0, want);
    } else {
      const chosen = new Uint8Array(U);
      for (let q = 0; q < n; q++) chosen[scratch[q]!] = 1;
      const rest: number[] = [],
        any: number[] = [];
      for (let j = 0; j < U; j++) {
        if (chosen[j]) continue;
        if (unitRooms[j]! >= minRooms(hhPersons[i]!) && unitRooms[j]! <= maxRooms(hhPersons[i]!)) rest.push(j);
        else any.push(j);
      }
      const extra = [...rp.sample(rest, want - n), ...rp.sample(any, Math.max(0, want - n - rest.length))];
      list = Int32Array.from([...scratch.subarray(0, n), ...extra]);
    }
    eligible.push(list.sort());
  }

  // The witness: every household on a distinct eligible unit (fewest options first); a
  // household without a free eligible unit gets a free unit that is made eligible.
  const witness = new Int32Array(H).fill(-1);
  let forced = 0;
  if (spec.placeEveryone) {
    if (U < H) throw new RangeError(`${name}: fewer units than households, cannot place everyone`);
    const taken = new Uint8Array(U);
    const order = Array.from(permutation(rw, H)).sort((a, b) => eligible[a]!.length - eligible[b]!.length);
    for (const i of order) {
      const list = eligible[i]!;
      const start = Math.floor(rw.next() * Math.max(1, list.length));
      let j = -1;
      for (let q = 0; q < list.length; q++) {
        const c = list[(start + q) % list.length]!;
        if (!taken[c]) {
          j = c;
          break;
        }
      }
      if (j === -1) {
        let c = Math.floor(rw.next() * U);
        while (taken[c]) c = (c + 1) % U;
        j = c;
        forced++;
        const l = Int32Array.from([...list, j]).sort();
        eligible[i] = l;
      }
      taken[j] = 1;
      witness[i] = j;
    }
  }

  // Pairs, agent by agent.
  let total = 0;
  for (const l of eligible) total += l.length;
  const buf = new PairBuffer(total);
  for (let i = 0; i < H; i++) for (const j of eligible[i]!) buf.push(i, j, score(i, j, rp.next() * 100));

  // Capacities: one household per unit; households per town.
  const constraints: Constraint[] = [];
  for (let j = 0; j < U; j++)
    constraints.push({ name: `unit ${j}`, kind: 'option', dimension: 0, options: Int32Array.of(j), cap: 1 });
  const townUnits: number[][] = towns.map(() => []);
  for (let j = 0; j < U; j++) townUnits[unitTown[j]!]!.push(j);
  const witnessLoad = new Int32Array(spec.towns);
  for (let i = 0; i < H; i++) if (witness[i]! >= 0) witnessLoad[unitTown[witness[i]!]!]!++;
  townUnits.forEach((units, t) => {
    const cap = Math.max(witnessLoad[t]!, Math.round(spec.townCapShare * units.length));
    constraints.push({
      name: `town ${t} households`,
      kind: 'group',
      dimension: 0,
      options: Int32Array.from(units),
      cap,
    });
  });

  const problem: PlacementProblem = {
    sense: 'max',
    agents: H,
    options: U,
    pairAgent: buf.agent.slice(0, buf.size),
    pairOption: buf.option.slice(0, buf.size),
    pairValue: buf.value.slice(0, buf.size),
    dimensions: [{ name: 'households', use: new Float64Array(buf.size).fill(1) }],
    constraints,
    unplacedValue: new Float64Array(H), // unplaced scores 0
  };
  if (forced > 0 && process.env.BENCH_VERBOSE) console.error(`${name}: ${forced} witness pairs made eligible`);
  return { name, family: 'municipal', group: name, problem, network: true, witness };
}

// ---------------------------------------------------------------------------------------------
// The national instance

const SECTORS = 6; // e.g. manufacturing, care, cleaning/service, construction, transport, agriculture

function national(name: string, persons: number): BenchInstance {
  const root = new Random(0x6e61746e ^ persons);
  const rm = root.fork('municipalities'),
    rpers = root.fork('persons'),
    rn = root.fork('noise'),
    rw = root.fork('witness');
  const M = MUNICIPALITIES.length;
  const big: Record<string, number> = { København: 8, Aarhus: 4.5, Odense: 2.7, Aalborg: 2.6 };
  // Municipality features: size (quota weight), unemployment %, sector mix, urbanity, language school quality.
  const weight = new Float64Array(M),
    unemployment = new Float64Array(M),
    urban = new Float64Array(M),
    school = new Float64Array(M);
  const sectorShare = new Float64Array(M * SECTORS);
  MUNICIPALITIES.forEach((m, j) => {
    weight[j] = (big[m.name] ?? 1) * Math.exp(0.5 * gauss(rm));
    unemployment[j] = 2.5 + rm.next() * 4;
    urban[j] = big[m.name] ? 1 : m.region === 'Hovedstaden' ? 0.5 + 0.5 * rm.next() : rm.next() * 0.7;
    school[j] = rm.next();
    let s = 0;
    for (let q = 0; q < SECTORS; q++) {
      const v = -Math.log(1 - rm.next());
      sectorShare[j * SECTORS + q] = v;
      s += v;
    }
    for (let q = 0; q < SECTORS; q++) sectorShare[j * SECTORS + q]! /= s;
  });
  const regions = [...new Set(MUNICIPALITIES.map((m) => m.region))];
  const regionOf = Int32Array.from(MUNICIPALITIES, (m) => regions.indexOf(m.region));

  // Quotas (kommunekvoter): ≈ 1.02 × persons in total, by weight.
  const wsum = weight.reduce((a, b) => a + b, 0);
  const quota = Int32Array.from(weight, (w) => Math.max(1, Math.round((1.02 * persons * w) / wsum)));

  // Persons: age, education 0–2, language (English or some Danish), prior sector (−1 none),
  // preference for urban life; category flags.
  const N = persons;
  const base = new Float64Array(N),
    sector = new Int8Array(N),
    urbanTaste = new Float64Array(N),
    schoolNeed = new Float64Array(N);
  const largeFamily = new Uint8Array(N),
    singleParent = new Uint8Array(N);
  const eduDist = cumulative([35, 45, 20]);
  for (let i = 0; i < N; i++) {
    const age = 18 + Math.floor(46 * Math.pow(rpers.next(), 1.6)); // skewed young
    const edu = pickCumulative(rpers, eduDist);
    const lang = rpers.chance(0.4) ? 1 : 0;
    base[i] = -1.1 + 0.45 * edu + 0.5 * lang - 0.025 * (age - 30) + 0.4 * gauss(rpers);
    sector[i] = rpers.chance(0.7) ? rpers.int(0, SECTORS - 1) : -1;
    urbanTaste[i] = edu === 2 ? 0.35 : -0.1 + 0.2 * rpers.next();
    schoolNeed[i] = lang ? 0.05 : 0.3;
    largeFamily[i] = rpers.chance(0.22) ? 1 : 0;
    singleParent[i] = rpers.chance(0.11) ? 1 : 0; // independent: a single parent of a large family counts in both
  }

  // Pairs: every person × every municipality, agent-major.
  const NP = N * M;
  const pairAgent = new Int32Array(NP),
    pairOption = new Int32Array(NP),
    pairValue = new Float64Array(NP);
  const usePersons = new Float64Array(NP).fill(1),
    useLarge = new Float64Array(NP),
    useSingle = new Float64Array(NP);
  let k = 0;
  for (let i = 0; i < N; i++) {
    const s = sector[i]!;
    for (let j = 0; j < M; j++, k++) {
      const z =
        base[i]! -
        0.25 * (unemployment[j]! - 4) +
        (s >= 0 ? 1.5 * (sectorShare[j * SECTORS + s]! - 1 / SECTORS) * SECTORS * 0.25 : 0) +
        urbanTaste[i]! * urban[j]! +
        schoolNeed[i]! * school[j]! +
        0.3 * gauss(rn);
      pairAgent[k] = i;
      pairOption[k] = j;
      pairValue[k] = Math.max(1, round2(100 / (1 + Math.exp(-z))));
      useLarge[k] = largeFamily[i]!;
      useSingle[k] = singleParent[i]!;
    }
  }

  // The witness: persons in random order, municipality j takes a block of ≈ quota/1.02.
  const take = Int32Array.from(quota, (q) => Math.floor(q / 1.02));
  let deficit = N - take.reduce((a, b) => a + b, 0);
  for (let j = 0; deficit > 0; j = (j + 1) % M)
    if (take[j]! < quota[j]!) {
      take[j]!++;
      deficit--;
    }
  if (deficit < 0)
    for (let j = 0; deficit < 0; j = (j + 1) % M)
      if (take[j]! > 0) {
        take[j]!--;
        deficit++;
      }
  const order = permutation(rw, N);
  const witness = new Int32Array(N);
  let at = 0;
  for (let j = 0; j < M; j++) for (let q = 0; q < take[j]!; q++) witness[order[at++]!] = j;
  const loadLarge = new Int32Array(M),
    loadSingle = new Int32Array(M),
    loadRegion = new Int32Array(regions.length);
  for (let i = 0; i < N; i++) {
    const j = witness[i]!;
    loadLarge[j]! += largeFamily[i]!;
    loadSingle[j]! += singleParent[i]!;
    loadRegion[regionOf[j]!]!++;
  }
  let totalLarge = 0,
    totalSingle = 0;
  for (let i = 0; i < N; i++) {
    totalLarge += largeFamily[i]!;
    totalSingle += singleParent[i]!;
  }

  // Capacities: quota per municipality; large families and single parents at 95 % of the
  // municipality's proportional share (raised to the witness's load: tight but feasible);
  // persons per region at 99 % of the region's quotas (raised likewise).
  const constraints: Constraint[] = [];
  MUNICIPALITIES.forEach((m, j) => {
    const one = Int32Array.of(j);
    constraints.push({ name: `${m.name} persons`, kind: 'option', dimension: 0, options: one, cap: quota[j]! });
    constraints.push({
      name: `${m.name} large_families`,
      kind: 'option',
      dimension: 1,
      options: one,
      cap: Math.max(loadLarge[j]!, Math.round((0.95 * quota[j]! * totalLarge) / N)),
    });
    constraints.push({
      name: `${m.name} single_parents`,
      kind: 'option',
      dimension: 2,
      options: one,
      cap: Math.max(loadSingle[j]!, Math.round((0.95 * quota[j]! * totalSingle) / N)),
    });
  });
  regions.forEach((r, q) => {
    const members: number[] = [];
    let sum = 0;
    MUNICIPALITIES.forEach((m, j) => {
      if (m.region === r) {
        members.push(j);
        sum += quota[j]!;
      }
    });
    constraints.push({
      name: `region ${r} persons`,
      kind: 'group',
      dimension: 0,
      options: Int32Array.from(members),
      cap: Math.max(loadRegion[q]!, Math.round(0.99 * sum)),
    });
  });

  const problem: PlacementProblem = {
    sense: 'max',
    agents: N,
    options: M,
    pairAgent,
    pairOption,
    pairValue,
    dimensions: [
      { name: 'persons', use: usePersons },
      { name: 'large_families', use: useLarge },
      { name: 'single_parents', use: useSingle },
    ],
    constraints,
    optionLabels: MUNICIPALITIES.map((m) => `${m.code} ${m.name}`),
  };
  return { name, family: 'national', group: name, problem, network: false, witness };
}

// ---------------------------------------------------------------------------------------------

/** The instance with this name (deterministic: the same name always gives the same problem). */
export function buildInstance(name: string): BenchInstance {
  if (ASSIGN_OPTIMA[name] !== undefined) {
    return {
      name,
      family: 'assign',
      group: name,
      problem: assignProblem(name),
      knownOptimum: ASSIGN_OPTIMA[name],
      optimumProven: true,
      network: true,
    };
  }
  const g = /^(gap(?:\d+|[a-d]))-(\d+)$/.exec(name);
  if (g && GAP_OPTIMA[g[1]!]) {
    const file = g[1]!,
      index = Number(g[2]) - 1;
    return {
      name,
      family: 'gap',
      group: file,
      problem: gapInstance(file, index),
      knownOptimum: GAP_OPTIMA[file]![index],
      optimumProven: file !== 'gapd',
      network: false,
    };
  }
  switch (name) {
    case 'municipal-1000x2000':
      return municipal(name, {
        seed: name,
        households: 1000,
        units: 2000,
        towns: 20,
        eligible: 'fit',
        townCapShare: 0.55,
        placeEveryone: true,
      });
    case 'municipal-5000x3000':
      return municipal(name, {
        seed: name,
        households: 5000,
        units: 3000,
        towns: 30,
        eligible: 300,
        townCapShare: 0.8,
        placeEveryone: false,
      });
    case 'national-40000x98':
      return national(name, 40_000);
    default:
      throw new RangeError(`unknown placement benchmark instance ${name}`);
  }
}
