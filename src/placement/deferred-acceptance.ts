// Child-proposing deferred acceptance (Gale & Shapley 1962) with type-specific maximum quotas
// (Abdulkadiroğlu & Sönmez 2003) for preference-based daycare and school seat allocation: the
// families rank institutions, each institution ranks children by a priority score (sibling,
// distance, …) with ties broken by one lottery number per child, and an institution may cap
// the number of admitted children of a category (e.g. at most 3 from deprived housing areas,
// dagtilbudsloven § 26 a; a share of bilingual children, Aabenraa). Pure; no I/O.
//
// Each round every unplaced child proposes to the next institution on its list. An institution
// goes through the children it holds and its new proposers in priority order and accepts a
// child if a seat is left and, for every capped category of the child, fewer than the cap are
// accepted; the rest are rejected, each with the reason. Rejections are final, so every child
// proposes to each institution at most once.
//
// Guarantees. The acceptance rule is the greedy choice of a matroid when, among the children
// who list an institution, its capped categories form a laminar family (any two are disjoint or
// nested, e.g. every child has at most one capped category). Then the choice is substitutable
// and satisfies the law of aggregate demand, and the result is the child-optimal stable
// matching (no blocking pair, see findBlockingPairs) and reporting true preferences is a
// dominant strategy (Hatfield & Milgrom 2005). When two capped categories cross (a child is
// both bilingual and from a deprived area, and both are capped at one daycare), caps and seats
// still hold but those guarantees are lost; `crossingCaps` in the result names such pairs and
// findBlockingPairs checks any result.

export type ChildId = string;
export type InstitutionId = string;

export interface DaChild {
  id: ChildId;
  /** institution ids, most preferred first; an institution not listed is unacceptable to the child */
  preferences: readonly InstitutionId[];
  /** category names, e.g. "bilingual", "fromDeprivedArea" */
  categories?: readonly string[];
  /** breaks ties in every institution's priority: the lower number wins (then the lower id) */
  lottery: number;
}

/**
 * Priority score of a child at an institution: greater is better (e.g. 1000 for a sibling
 * minus the distance in metres). A function of the child, or a precomputed score per child id
 * (a child without an entry scores 0). Absent: every child scores 0 and the lottery decides.
 */
export type PriorityScore = ((child: DaChild) => number) | Readonly<Record<ChildId, number>>;

export interface DaInstitution {
  id: InstitutionId;
  /** free seats in this allocation round */
  capacity: number;
  score?: PriorityScore;
  /** category → the most children of that category admitted in this round (see capFromShare) */
  caps?: Readonly<Record<string, number>>;
}

export interface DaInput {
  children: readonly DaChild[];
  institutions: readonly DaInstitution[];
}

export type RejectionReason =
  /** every seat was taken by children with higher priority */
  | { kind: 'capacity' }
  /** a seat was free, but the cap of these categories of the child was reached by children with higher priority */
  | { kind: 'cap'; categories: string[] };

export interface DaRejection {
  childId: ChildId;
  institutionId: InstitutionId;
  round: number;
  reason: RejectionReason;
  /** the institution had held the child since an earlier round and let it go for a child with higher priority */
  displaced: boolean;
}

/** Two capped categories of one institution that cross among the children who list it. */
export interface CrossingCaps {
  institutionId: InstitutionId;
  categories: [string, string];
}

export type Matching = ReadonlyMap<ChildId, InstitutionId | null>;

export interface DaResult {
  /** institution per child (null = unplaced), in the children's input order */
  assignment: Map<ChildId, InstitutionId | null>;
  /** the round in which the child proposed to the institution it got (null = unplaced) */
  placedInRound: Map<ChildId, number | null>;
  /** admitted children per institution, highest priority first, in the institutions' input order */
  admitted: Map<InstitutionId, ChildId[]>;
  /** every rejection per child, in the order they happened; children never rejected have no entry */
  rejections: Map<ChildId, DaRejection[]>;
  /** rounds in which at least one child proposed */
  rounds: number;
  proposals: number;
  /** when not empty, stability and strategy-proofness are not guaranteed (see the file comment) */
  crossingCaps: CrossingCaps[];
}

export interface BlockingPair {
  childId: ChildId;
  institutionId: InstitutionId;
  /** a free seat within the child's caps, or the lowest-priority held child whose seat the child could take */
  via: { kind: 'freeSeat' } | { kind: 'displace'; childId: ChildId };
}

export type Violation =
  | { kind: 'capacity'; institutionId: InstitutionId; admitted: number; capacity: number }
  | { kind: 'cap'; institutionId: InstitutionId; category: string; admitted: number; cap: number }
  | { kind: 'unacceptable'; childId: ChildId; institutionId: InstitutionId };

export class DaInputError extends RangeError {}

// ---------------------------------------------------------------------------------------------

interface Compiled {
  input: DaInput;
  n: number;
  m: number;
  /** number of distinct category names */
  k: number;
  categoryNames: string[];
  childIndex: Map<ChildId, number>;
  institutionIndex: Map<InstitutionId, number>;
  /** preferences in compressed rows: child i's list is prefs[prefStart[i] .. prefStart[i+1]) */
  prefStart: Int32Array;
  prefs: Int32Array;
  /** distinct categories in compressed rows */
  catStart: Int32Array;
  cats: Int32Array;
  capacity: Int32Array;
  /** cap[s * k + c], −1 = no cap */
  cap: Int32Array;
  /** position of each child in the common tie-break order (lottery, then id) */
  tieRank: Int32Array;
  score(child: number, institution: number): number;
}

function compile(input: DaInput): Compiled {
  const n = input.children.length;
  const m = input.institutions.length;
  const institutionIndex = new Map<InstitutionId, number>();
  input.institutions.forEach((inst, s) => {
    if (institutionIndex.has(inst.id)) throw new DaInputError(`institution ${inst.id} is listed twice`);
    institutionIndex.set(inst.id, s);
    if (!Number.isSafeInteger(inst.capacity) || inst.capacity < 0)
      throw new DaInputError(`institution ${inst.id}: capacity ${inst.capacity} is not a non-negative integer`);
  });
  const childIndex = new Map<ChildId, number>();
  const categoryIndex = new Map<string, number>();
  const categoryNames: string[] = [];
  const categoryOf = (name: string) => {
    let c = categoryIndex.get(name);
    if (c === undefined) {
      c = categoryNames.length;
      categoryIndex.set(name, c);
      categoryNames.push(name);
    }
    return c;
  };
  const prefStart = new Int32Array(n + 1);
  const catStart = new Int32Array(n + 1);
  const prefList: number[] = [];
  const catList: number[] = [];
  input.children.forEach((child, i) => {
    if (childIndex.has(child.id)) throw new DaInputError(`child ${child.id} is listed twice`);
    childIndex.set(child.id, i);
    if (!Number.isFinite(child.lottery))
      throw new DaInputError(`child ${child.id}: lottery number ${child.lottery} is not a finite number`);
    const seen = new Set<number>();
    for (const id of child.preferences) {
      const s = institutionIndex.get(id);
      if (s === undefined) throw new DaInputError(`child ${child.id} ranks unknown institution ${id}`);
      if (seen.has(s)) throw new DaInputError(`child ${child.id} ranks institution ${id} twice`);
      seen.add(s);
      prefList.push(s);
    }
    prefStart[i + 1] = prefList.length;
    const own = new Set<number>();
    for (const name of child.categories ?? []) own.add(categoryOf(name));
    catList.push(...own);
    catStart[i + 1] = catList.length;
  });
  for (const inst of input.institutions) {
    for (const [name, value] of Object.entries(inst.caps ?? {})) {
      if (!Number.isSafeInteger(value) || value < 0)
        throw new DaInputError(`institution ${inst.id}: cap ${value} on ${name} is not a non-negative integer`);
      categoryOf(name);
    }
  }
  const k = categoryNames.length;
  const capacity = new Int32Array(m);
  const cap = new Int32Array(m * k).fill(-1);
  input.institutions.forEach((inst, s) => {
    capacity[s] = inst.capacity;
    for (const [name, value] of Object.entries(inst.caps ?? {})) cap[s * k + categoryIndex.get(name)!] = value;
  });
  const order = Array.from({ length: n }, (_, i) => i);
  const children = input.children;
  order.sort((a, b) => {
    const ca = children[a]!,
      cb = children[b]!;
    if (ca.lottery !== cb.lottery) return ca.lottery < cb.lottery ? -1 : 1;
    return ca.id < cb.id ? -1 : ca.id > cb.id ? 1 : 0;
  });
  const tieRank = new Int32Array(n);
  order.forEach((i, r) => {
    tieRank[i] = r;
  });
  const score = (i: number, s: number): number => {
    const child = children[i]!;
    const inst = input.institutions[s]!;
    const sc = inst.score;
    const value =
      sc === undefined ? 0 : typeof sc === 'function' ? sc(child) : Object.hasOwn(sc, child.id) ? sc[child.id] : 0;
    if (typeof value !== 'number' || Number.isNaN(value))
      throw new DaInputError(`institution ${inst.id}: priority score of child ${child.id} is not a number`);
    return value;
  };
  return {
    input,
    n,
    m,
    k,
    categoryNames,
    childIndex,
    institutionIndex,
    prefStart,
    prefs: Int32Array.from(prefList),
    catStart,
    cats: Int32Array.from(catList),
    capacity,
    cap,
    tieRank,
    score,
  };
}

/** Negative when child a (score sa) has higher priority than child b (score sb) at the same institution. */
function comparePriority(c: Compiled, a: number, sa: number, b: number, sb: number): number {
  if (sa !== sb) return sa > sb ? -1 : 1;
  return c.tieRank[a]! - c.tieRank[b]!;
}

/** Pairs of capped categories at an institution that cross (neither disjoint nor nested) among the children who list it. */
function crossing(c: Compiled): CrossingCaps[] {
  const { k } = c;
  const capped: number[][] = Array.from({ length: c.m }, () => []);
  for (let s = 0; s < c.m; s++) for (let q = 0; q < k; q++) if (c.cap[s * k + q]! >= 0) capped[s]!.push(q);
  // seen[s][a * k + b]: bit 1 = a child who lists s is in a but not in b, bit 2 = in both
  const seen: (Uint8Array | null)[] = capped.map((list) => (list.length >= 2 ? new Uint8Array(k * k) : null));
  const mine = new Uint8Array(k);
  for (let i = 0; i < c.n; i++) {
    if (c.catStart[i + 1] === c.catStart[i]) continue;
    for (let p = c.catStart[i]!; p < c.catStart[i + 1]!; p++) mine[c.cats[p]!] = 1;
    for (let r = c.prefStart[i]!; r < c.prefStart[i + 1]!; r++) {
      const s = c.prefs[r]!;
      const bits = seen[s];
      if (!bits) continue;
      for (const a of capped[s]!) {
        if (!mine[a]) continue;
        for (const b of capped[s]!) if (a !== b) bits[a * k + b]! |= mine[b] ? 2 : 1;
      }
    }
    for (let p = c.catStart[i]!; p < c.catStart[i + 1]!; p++) mine[c.cats[p]!] = 0;
  }
  const out: CrossingCaps[] = [];
  for (let s = 0; s < c.m; s++) {
    const bits = seen[s];
    if (!bits) continue;
    const list = capped[s]!;
    for (let x = 0; x < list.length; x++) {
      for (let y = x + 1; y < list.length; y++) {
        const a = list[x]!,
          b = list[y]!;
        if (bits[a * k + b]! & 1 && bits[b * k + a]! & 1 && bits[a * k + b]! & 2) {
          out.push({
            institutionId: c.input.institutions[s]!.id,
            categories: [c.categoryNames[a]!, c.categoryNames[b]!],
          });
        }
      }
    }
  }
  return out;
}

/** Pairs of capped categories that cross at an institution among the children who list it; see the file comment. */
export function findCrossingCaps(input: DaInput): CrossingCaps[] {
  return crossing(compile(input));
}

/**
 * Child-proposing deferred acceptance with seat capacities and per-category caps. Throws
 * DaInputError on inconsistent input (duplicate ids, a ranked institution that does not exist,
 * an institution ranked twice, a negative or fractional capacity or cap, a score that is NaN).
 */
export function deferredAcceptance(input: DaInput): DaResult {
  const c = compile(input);
  const { n, m, k, prefStart, prefs, catStart, cats, capacity, cap } = c;
  const next = Int32Array.from(prefStart.subarray(0, n)); // next list position per child
  const heldBy = new Int32Array(n).fill(-1);
  const placed = new Int32Array(n); // round of the proposal that placed the child, 0 = none
  const score = new Float64Array(n); // the child's score at the institution it proposes to or is held by
  const held: number[][] = Array.from({ length: m }, () => []);
  const incoming: number[][] = Array.from({ length: m }, () => []);
  const counts = new Int32Array(k);
  const rejections: DaRejection[][] = Array.from({ length: n }, () => []);
  const byPriority = (a: number, b: number) => comparePriority(c, a, score[a]!, b, score[b]!);
  const capacityFull: RejectionReason = { kind: 'capacity' };

  let proposers: number[] = Array.from({ length: n }, (_, i) => i);
  let round = 0;
  let proposals = 0;
  for (;;) {
    const touched: number[] = [];
    for (const i of proposers) {
      if (next[i]! >= prefStart[i + 1]!) continue; // list exhausted: the child stays unplaced
      const s = prefs[next[i]!++]!;
      score[i] = c.score(i, s);
      if (incoming[s]!.length === 0) touched.push(s);
      incoming[s]!.push(i);
      proposals++;
    }
    if (touched.length === 0) break;
    round++;
    const rejected: number[] = [];
    for (const s of touched) {
      const fresh = incoming[s]!.sort(byPriority);
      const old = held[s]!;
      const keep: number[] = [];
      const base = s * k;
      let x = 0,
        y = 0;
      while (x < old.length || y < fresh.length) {
        const i = y >= fresh.length || (x < old.length && byPriority(old[x]!, fresh[y]!) < 0) ? old[x++]! : fresh[y++]!;
        let reason: RejectionReason | null = null;
        if (keep.length >= capacity[s]!) reason = capacityFull;
        else {
          let binding: string[] | null = null;
          for (let p = catStart[i]!; p < catStart[i + 1]!; p++) {
            const q = cats[p]!;
            const limit = cap[base + q]!;
            if (limit >= 0 && counts[q]! >= limit) (binding ??= []).push(c.categoryNames[q]!);
          }
          if (binding !== null) reason = { kind: 'cap', categories: binding };
        }
        if (reason === null) {
          keep.push(i);
          for (let p = catStart[i]!; p < catStart[i + 1]!; p++) counts[cats[p]!]!++;
          if (heldBy[i] !== s) {
            heldBy[i] = s;
            placed[i] = round;
          }
        } else {
          rejections[i]!.push({
            childId: input.children[i]!.id,
            institutionId: input.institutions[s]!.id,
            round,
            reason,
            displaced: heldBy[i] === s,
          });
          heldBy[i] = -1;
          placed[i] = 0;
          rejected.push(i);
        }
      }
      for (const i of keep) for (let p = catStart[i]!; p < catStart[i + 1]!; p++) counts[cats[p]!] = 0;
      held[s] = keep;
      fresh.length = 0;
    }
    proposers = rejected;
  }

  const assignment = new Map<ChildId, InstitutionId | null>();
  const placedInRound = new Map<ChildId, number | null>();
  const rejectionMap = new Map<ChildId, DaRejection[]>();
  input.children.forEach((child, i) => {
    const s = heldBy[i]!;
    assignment.set(child.id, s >= 0 ? input.institutions[s]!.id : null);
    placedInRound.set(child.id, s >= 0 ? placed[i]! : null);
    if (rejections[i]!.length > 0) rejectionMap.set(child.id, rejections[i]!);
  });
  const admitted = new Map<InstitutionId, ChildId[]>();
  input.institutions.forEach((inst, s) =>
    admitted.set(
      inst.id,
      held[s]!.map((i) => input.children[i]!.id),
    ),
  );
  return {
    assignment,
    placedInRound,
    admitted,
    rejections: rejectionMap,
    rounds: round,
    proposals,
    crossingCaps: crossing(c),
  };
}

/** Admitted children per institution index; a child whose institution is unknown or absent counts as unplaced there. */
function groupByInstitution(c: Compiled, matching: Matching): { members: number[][]; at: Int32Array } {
  const members: number[][] = Array.from({ length: c.m }, () => []);
  const at = new Int32Array(c.n).fill(-1);
  c.input.children.forEach((child, i) => {
    const id = matching.get(child.id);
    if (id === null || id === undefined) return;
    const s = c.institutionIndex.get(id);
    if (s === undefined) return;
    at[i] = s;
    members[s]!.push(i);
  });
  return { members, at };
}

/**
 * Seats and caps exceeded, and children placed at an institution they did not rank (or that
 * does not exist). Empty for every result of deferredAcceptance.
 */
export function findViolations(input: DaInput, result: { assignment: Matching }): Violation[] {
  const c = compile(input);
  const out: Violation[] = [];
  for (const child of input.children) {
    const id = result.assignment.get(child.id);
    if (id !== null && id !== undefined && !child.preferences.includes(id))
      out.push({ kind: 'unacceptable', childId: child.id, institutionId: id });
  }
  const { members } = groupByInstitution(c, result.assignment);
  const counts = new Int32Array(c.k);
  input.institutions.forEach((inst, s) => {
    const group = members[s]!;
    if (group.length > c.capacity[s]!)
      out.push({ kind: 'capacity', institutionId: inst.id, admitted: group.length, capacity: c.capacity[s]! });
    counts.fill(0);
    for (const i of group) for (let p = c.catStart[i]!; p < c.catStart[i + 1]!; p++) counts[c.cats[p]!]!++;
    for (let q = 0; q < c.k; q++) {
      const limit = c.cap[s * c.k + q]!;
      if (limit >= 0 && counts[q]! > limit)
        out.push({
          kind: 'cap',
          institutionId: inst.id,
          category: c.categoryNames[q]!,
          admitted: counts[q]!,
          cap: limit,
        });
    }
  });
  return out;
}

/**
 * Pairs (child, institution) where the child ranks the institution above what it got (being
 * unplaced, or placed somewhere it did not rank, is worse than anything it ranked) and the
 * institution would admit it: it has a free seat and none of the child's capped categories is
 * at its cap, or it holds a child of lower priority whose removal makes room for this child
 * within the seats and the child's caps. A matching of a cap-respecting allocation without
 * blocking pairs is fair (no justified envy) and wastes no seat. Seats or caps that are already
 * exceeded are reported by findViolations, not here: such an institution admits nobody.
 */
export function findBlockingPairs(input: DaInput, result: { assignment: Matching }): BlockingPair[] {
  const c = compile(input);
  const { members, at } = groupByInstitution(c, result.assignment);
  const counts = new Int32Array(c.m * c.k);
  for (let s = 0; s < c.m; s++)
    for (const i of members[s]!)
      for (let p = c.catStart[i]!; p < c.catStart[i + 1]!; p++) counts[s * c.k + c.cats[p]!]!++;
  const memberScores = new Array<Float64Array | undefined>(c.m);
  const out: BlockingPair[] = [];
  const tight: number[] = [];
  for (let i = 0; i < c.n; i++) {
    const child = input.children[i]!;
    for (let p = c.prefStart[i]!; p < c.prefStart[i + 1]!; p++) {
      const s = c.prefs[p]!;
      if (s === at[i]) break; // the rest of the list ranks below what the child got
      const group = members[s]!;
      if (group.length > c.capacity[s]!) continue;
      tight.length = 0;
      let impossible = false;
      for (let r = c.catStart[i]!; r < c.catStart[i + 1]!; r++) {
        const q = c.cats[r]!;
        const limit = c.cap[s * c.k + q]!;
        if (limit < 0) continue;
        const count = counts[s * c.k + q]!;
        if (count > limit) impossible = true;
        else if (count === limit) tight.push(q);
      }
      if (impossible) continue;
      const institutionId = input.institutions[s]!.id;
      if (group.length < c.capacity[s]! && tight.length === 0) {
        out.push({ childId: child.id, institutionId, via: { kind: 'freeSeat' } });
        continue;
      }
      // A held child d of lower priority can make room if it is in every category of this child that is at its cap.
      const scores = (memberScores[s] ??= Float64Array.from(group, (d) => c.score(d, s)));
      const mine = c.score(i, s);
      let lowest = -1;
      group.forEach((d, x) => {
        if (comparePriority(c, d, scores[x]!, i, mine) < 0) return; // d has higher priority
        for (const q of tight) {
          let inQ = false;
          for (let r = c.catStart[d]!; r < c.catStart[d + 1]!; r++)
            if (c.cats[r] === q) {
              inQ = true;
              break;
            }
          if (!inQ) return;
        }
        if (lowest < 0 || comparePriority(c, d, scores[x]!, group[lowest]!, scores[lowest]!) > 0) lowest = x;
      });
      if (lowest >= 0)
        out.push({
          childId: child.id,
          institutionId,
          via: { kind: 'displace', childId: input.children[group[lowest]!]!.id },
        });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------

export interface CapFromShareOptions {
  /** the largest share of the category among the children admitted, e.g. 0.3 */
  share: number;
  /** children admitted earlier in the period (e.g. this calendar year), of every category */
  alreadyAdmitted: number;
  /** of those, the children of the category */
  alreadyAdmittedOfCategory: number;
  /** seats offered in this round */
  newSeats: number;
  /**
   * 'seatsFilled' (default): the round is assumed to fill all newSeats, so the cap is the
   * largest k ≤ newSeats with alreadyOfCategory + k ≤ share × (alreadyAdmitted + newSeats).
   * The share then holds if the round does fill its seats; if fewer are admitted it can be
   * exceeded, so check the outcome (or rerun with a lower cap).
   * 'worstCase': holds however many seats the round fills. The worst case is that only the k
   * children of the category are admitted: alreadyOfCategory + k ≤ share × (alreadyAdmitted + k),
   * i.e. k ≤ (share × alreadyAdmitted − alreadyOfCategory) / (1 − share). Every other outcome
   * admits more children besides the k and only lowers the share. Strict: 0 at the start of a
   * period.
   */
  assume?: 'seatsFilled' | 'worstCase';
}

/**
 * A category cap from a largest share over a period, such as dagtilbudsloven § 26 a's "at most
 * 30% of the children admitted per daycare per calendar year may live in a deprived housing
 * area": the most children of the category this round may admit, between 0 and newSeats.
 */
export function capFromShare(o: CapFromShareOptions): number {
  const { share, alreadyAdmitted: a, alreadyAdmittedOfCategory: b, newSeats: seats } = o;
  if (!(share >= 0 && share <= 1)) throw new RangeError(`share ${share} is not between 0 and 1`);
  for (const [name, v] of [
    ['alreadyAdmitted', a],
    ['alreadyAdmittedOfCategory', b],
    ['newSeats', seats],
  ] as const) {
    if (!Number.isSafeInteger(v) || v < 0) throw new RangeError(`${name} ${v} is not a non-negative integer`);
  }
  if (b > a) throw new RangeError(`alreadyAdmittedOfCategory ${b} exceeds alreadyAdmitted ${a}`);
  // The shares are decimal fractions, so products such as 0.7 × 10 land a hair off the integer.
  const floor = (x: number) => Math.floor(x + 1e-9);
  let k: number;
  if ((o.assume ?? 'seatsFilled') === 'seatsFilled') k = floor(share * (a + seats)) - b;
  else k = share === 1 ? seats : floor((share * a - b) / (1 - share));
  return Math.max(0, Math.min(seats, k));
}
