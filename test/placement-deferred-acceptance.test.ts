import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import {
  capFromShare,
  DaInputError,
  deferredAcceptance,
  findBlockingPairs,
  findCrossingCaps,
  findViolations,
  type DaChild,
  type DaInput,
  type DaInstitution,
  type DaRejection,
  type Matching,
} from '../src/placement/deferred-acceptance.js';

// ---- small random instances --------------------------------------------------------------------

/** Category sets whose capped categories never cross: b ⊂ a, c disjoint from both. */
const LAMINAR: string[][] = [[], ['a'], ['a', 'b'], ['c']];
/** Any combination, so caps may cross. */
const ANY: string[][] = [[], ['a'], ['b'], ['c'], ['a', 'b'], ['a', 'c'], ['b', 'c'], ['a', 'b', 'c']];

interface Shape {
  children: number;
  institutions: number;
  categorySets: string[][];
  maxCapacity: number;
  maxCap: number;
  minChildren?: number;
  minInstitutions?: number;
  minCapacity?: number;
  maxScore?: number;
  fullLists?: boolean;
}

/**
 * Institutions s0.. with random seats, caps on a, b, c and small integer scores (ties on
 * purpose), half of them given as a function and half as a table; children k0.. with a random
 * ordered subset of the institutions, a category set and a lottery number (ties on purpose, so
 * the id decides).
 */
function instances(shape: Shape): fc.Arbitrary<DaInput> {
  return fc
    .tuple(
      fc.integer({ min: shape.minInstitutions ?? 1, max: shape.institutions }),
      fc.integer({ min: shape.minChildren ?? 1, max: shape.children }),
    )
    .chain(([m, n]) => {
      const institution = fc.record({
        capacity: fc.integer({ min: shape.minCapacity ?? 0, max: shape.maxCapacity }),
        caps: fc.tuple(...['a', 'b', 'c'].map(() => fc.option(fc.integer({ min: 0, max: shape.maxCap }), { freq: 2 }))),
        scores: fc.array(fc.integer({ min: 0, max: shape.maxScore ?? 3 }), { minLength: n, maxLength: n }),
        asFunction: fc.boolean(),
      });
      const child = fc.record({
        preferences: fc.shuffledSubarray(
          Array.from({ length: m }, (_, s) => s),
          { minLength: shape.fullLists ? m : 0 },
        ),
        categories: fc.constantFrom(...shape.categorySets),
        lottery: fc.integer({ min: 0, max: 4 }),
      });
      return fc
        .tuple(fc.array(institution, { minLength: m, maxLength: m }), fc.array(child, { minLength: n, maxLength: n }))
        .map(([insts, kids]): DaInput => ({
          institutions: insts.map((inst, s): DaInstitution => {
            const caps: Record<string, number> = {};
            inst.caps.forEach((cap, q) => {
              if (cap !== null) caps['abc'[q]!] = cap;
            });
            const table: Record<string, number> = {};
            inst.scores.forEach((score, i) => {
              table[`k${i}`] = score;
            });
            return {
              id: `s${s}`,
              capacity: inst.capacity,
              caps,
              score: inst.asFunction ? (child: DaChild) => inst.scores[Number(child.id.slice(1))]! : table,
            };
          }),
          children: kids.map((kid, i): DaChild => ({
            id: `k${i}`,
            preferences: kid.preferences.map((s) => `s${s}`),
            categories: kid.categories,
            lottery: kid.lottery,
          })),
        }));
    });
}

/** Tiny markets with caps that never cross. */
const SMALL = instances({
  children: 5,
  institutions: 3,
  categorySets: LAMINAR,
  maxCapacity: 2,
  maxCap: 1,
  minChildren: 2,
  minInstitutions: 2,
});
/** Tight markets (one seat each, full lists, nearly strict priorities), which often have several stable matchings. */
const TIGHT = instances({
  children: 4,
  institutions: 4,
  categorySets: LAMINAR,
  maxCapacity: 1,
  maxCap: 1,
  minChildren: 3,
  minInstitutions: 3,
  minCapacity: 1,
  maxScore: 20,
  fullLists: true,
});

// ---- the definitions, written out the slow and obvious way -------------------------------------

function institution(input: DaInput, id: string): DaInstitution {
  const found = input.institutions.find((s) => s.id === id);
  assert.ok(found, `institution ${id} exists`);
  return found;
}

function scoreOf(inst: DaInstitution, child: DaChild): number {
  const sc = inst.score;
  if (sc === undefined) return 0;
  return typeof sc === 'function' ? sc(child) : (sc[child.id] ?? 0);
}

/** Higher score first, then the lower lottery number, then the lower id. */
function byPriority(inst: DaInstitution) {
  return (x: DaChild, y: DaChild) =>
    scoreOf(inst, y) - scoreOf(inst, x) || x.lottery - y.lottery || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0);
}

/** The institution's choice from a set of applicants: best first, take whoever fits the seats and caps. */
function choose(inst: DaInstitution, applicants: DaChild[]): Set<string> {
  const chosen = new Set<string>();
  const counts = new Map<string, number>();
  for (const child of [...applicants].sort(byPriority(inst))) {
    if (chosen.size >= inst.capacity) continue;
    const cats = child.categories ?? [];
    if (cats.some((q) => inst.caps?.[q] !== undefined && (counts.get(q) ?? 0) >= inst.caps[q])) continue;
    chosen.add(child.id);
    for (const q of cats) counts.set(q, (counts.get(q) ?? 0) + 1);
  }
  return chosen;
}

function members(input: DaInput, matching: Matching, id: string): DaChild[] {
  return input.children.filter((c) => matching.get(c.id) === id);
}

function feasible(input: DaInput, matching: Matching): boolean {
  for (const child of input.children) {
    const id = matching.get(child.id) ?? null;
    if (id !== null && !child.preferences.includes(id)) return false;
  }
  return input.institutions.every((inst) => {
    const group = members(input, matching, inst.id);
    if (group.length > inst.capacity) return false;
    return Object.entries(inst.caps ?? {}).every(
      ([q, cap]) => group.filter((c) => c.categories?.includes(q)).length <= cap,
    );
  });
}

/** Position in the child's true list; unplaced after every listed institution; an unlisted one is worse still. */
function rank(child: DaChild, id: string | null): number {
  if (id === null) return child.preferences.length;
  const at = child.preferences.indexOf(id);
  return at < 0 ? Infinity : at;
}

/** Stable = feasible, and no child is chosen by an institution it prefers from that institution's children plus itself. */
function stable(input: DaInput, matching: Matching): boolean {
  if (!feasible(input, matching)) return false;
  return input.children.every((child) => {
    const mine = rank(child, matching.get(child.id) ?? null);
    return child.preferences.slice(0, mine).every((id) => {
      const inst = institution(input, id);
      return !choose(inst, [...members(input, matching, id), child]).has(child.id);
    });
  });
}

/** Every way to give each child nothing or one institution it ranked. */
function* allMatchings(input: DaInput): Generator<Map<string, string | null>> {
  const current = new Map<string, string | null>();
  function* go(i: number): Generator<Map<string, string | null>> {
    if (i === input.children.length) {
      yield new Map(current);
      return;
    }
    const child = input.children[i]!;
    for (const option of [null, ...child.preferences]) {
      current.set(child.id, option);
      yield* go(i + 1);
    }
  }
  yield* go(0);
}

/** Every ordered list of distinct ids, the empty one included. */
function orderedSubsets(ids: string[]): string[][] {
  const out: string[][] = [[]];
  for (const id of ids) {
    for (const rest of orderedSubsets(ids.filter((x) => x !== id))) out.push([id, ...rest]);
  }
  return out;
}

function rejectionsOf(result: ReturnType<typeof deferredAcceptance>, childId: string): Omit<DaRejection, 'childId'>[] {
  return (result.rejections.get(childId) ?? []).map(({ childId: _, ...rest }) => rest);
}

// ---- the tests ---------------------------------------------------------------------------------

describe('deferred acceptance for daycare and school seats', () => {
  test('a textbook instance (three children, one seat each) ends with i1→s1, i2→s2, i3→s3 after five rounds', () => {
    // i1: s2 > s1 > s3; i2 and i3: s1 > s2 > s3.  s1: i1 > i3 > i2;  s2: i2 > i1 > i3;  s3: i2 > i3 > i1.
    // Round 1: s1 holds i3 and rejects i2, s2 holds i1. Round 2: i2 displaces i1 at s2. Round 3: i1
    // displaces i3 at s1. Round 4: s2 rejects i3. Round 5: i3 takes s3. (i1 and i2 would both gain
    // by swapping, but i3 has priority over i2 at s1: the classic example of what stability costs in
    // efficiency, cf. Abdulkadiroğlu & Sönmez 2003.)
    const input: DaInput = {
      children: [
        { id: 'i1', preferences: ['s2', 's1', 's3'], lottery: 0 },
        { id: 'i2', preferences: ['s1', 's2', 's3'], lottery: 0 },
        { id: 'i3', preferences: ['s1', 's2', 's3'], lottery: 0 },
      ],
      institutions: [
        { id: 's1', capacity: 1, score: { i1: 3, i3: 2, i2: 1 } },
        { id: 's2', capacity: 1, score: { i2: 3, i1: 2, i3: 1 } },
        { id: 's3', capacity: 1, score: { i2: 3, i3: 2, i1: 1 } },
      ],
    };
    const result = deferredAcceptance(input);
    assert.deepEqual(
      [...result.assignment],
      [
        ['i1', 's1'],
        ['i2', 's2'],
        ['i3', 's3'],
      ],
    );
    assert.deepEqual(
      [...result.placedInRound],
      [
        ['i1', 3],
        ['i2', 2],
        ['i3', 5],
      ],
    );
    assert.deepEqual(
      [...result.admitted],
      [
        ['s1', ['i1']],
        ['s2', ['i2']],
        ['s3', ['i3']],
      ],
    );
    assert.equal(result.rounds, 5);
    assert.equal(result.proposals, 7);
    const full = { kind: 'capacity' } as const;
    assert.deepEqual(rejectionsOf(result, 'i1'), [{ institutionId: 's2', round: 2, reason: full, displaced: true }]);
    assert.deepEqual(rejectionsOf(result, 'i2'), [{ institutionId: 's1', round: 1, reason: full, displaced: false }]);
    assert.deepEqual(rejectionsOf(result, 'i3'), [
      { institutionId: 's1', round: 3, reason: full, displaced: true },
      { institutionId: 's2', round: 4, reason: full, displaced: false },
    ]);
    assert.deepEqual(findBlockingPairs(input, result), []);
    assert.ok(stable(input, result.assignment));
  });

  test('no institution admits more children than its seats or more of a category than its cap, and every rejection is accounted for', () => {
    fc.assert(
      fc.property(
        instances({ children: 8, institutions: 4, categorySets: ANY, maxCapacity: 4, maxCap: 2 }),
        (input) => {
          const result = deferredAcceptance(input);
          for (const inst of input.institutions) {
            const group = members(input, result.assignment, inst.id);
            assert.ok(
              group.length <= inst.capacity,
              `${inst.id} admits ${group.length} children on ${inst.capacity} seats`,
            );
            for (const [q, cap] of Object.entries(inst.caps ?? {})) {
              const of = group.filter((c) => c.categories?.includes(q)).length;
              assert.ok(of <= cap, `${inst.id} admits ${of} children of category ${q} with a cap of ${cap}`);
            }
            assert.deepEqual(
              result.admitted.get(inst.id),
              [...group].sort(byPriority(inst)).map((c) => c.id),
              `${inst.id}'s admitted list is its children, best first`,
            );
          }
          assert.deepEqual(findViolations(input, result), []);
          for (const child of input.children) {
            const got = result.assignment.get(child.id);
            assert.ok(got !== undefined, `${child.id} has an entry`);
            const mine = rank(child, got);
            assert.ok(mine <= child.preferences.length, `${child.id} is placed at ${got}, which it did not rank`);
            // It was turned down, exactly once, by each institution it ranked above what it got, and by no other.
            assert.deepEqual(
              rejectionsOf(result, child.id).map((r) => r.institutionId),
              child.preferences.slice(0, mine),
              `${child.id}'s rejections`,
            );
            const round = result.placedInRound.get(child.id);
            if (got === null) assert.equal(round, null);
            else
              assert.ok(
                round !== null && round !== undefined && round >= mine + 1 && round <= result.rounds,
                `${child.id} placed in round ${round}`,
              );
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  test('with caps that never cross, no child is refused a seat that a lower-priority child holds or that stands empty (no blocking pair)', () => {
    fc.assert(
      fc.property(
        instances({ children: 10, institutions: 4, categorySets: LAMINAR, maxCapacity: 4, maxCap: 2 }),
        (input) => {
          const result = deferredAcceptance(input);
          assert.deepEqual(result.crossingCaps, []);
          assert.deepEqual(findBlockingPairs(input, result), []);
          assert.ok(stable(input, result.assignment), 'stable by the choice-based definition too');
        },
      ),
      { numRuns: 500 },
    );
  });

  test('findBlockingPairs agrees with the choice-based definition of stability on every feasible matching of tiny instances', () => {
    let blocked = 0;
    let clean = 0;
    fc.assert(
      fc.property(
        instances({ children: 4, institutions: 3, categorySets: LAMINAR, maxCapacity: 2, maxCap: 1 }),
        (input) => {
          for (const matching of allMatchings(input)) {
            if (!feasible(input, matching)) continue;
            const pairs = findBlockingPairs(input, { assignment: matching });
            assert.equal(
              pairs.length === 0,
              stable(input, matching),
              `matching ${JSON.stringify([...matching])}: blocking pairs ${JSON.stringify(pairs)}`,
            );
            if (pairs.length === 0) clean++;
            else blocked++;
            for (const pair of pairs) {
              const child = input.children.find((c) => c.id === pair.childId)!;
              assert.ok(
                rank(child, pair.institutionId) < rank(child, matching.get(child.id) ?? null),
                'the child prefers the institution',
              );
              const inst = institution(input, pair.institutionId);
              const group = members(input, matching, inst.id);
              const via = pair.via;
              const after =
                via.kind === 'freeSeat' ? [...group, child] : [...group.filter((c) => c.id !== via.childId), child];
              if (via.kind === 'displace') {
                const displaced = group.find((c) => c.id === via.childId);
                assert.ok(
                  displaced && byPriority(inst)(child, displaced) < 0,
                  'the displaced child has lower priority',
                );
              } else {
                assert.ok(group.length < inst.capacity, 'a free seat is free');
              }
              assert.ok(
                after.length <= inst.capacity &&
                  Object.entries(inst.caps ?? {}).every(
                    ([q, cap]) => after.filter((c) => c.categories?.includes(q)).length <= cap,
                  ),
                'the change respects seats and caps',
              );
            }
          }
        },
      ),
      { numRuns: 200 },
    );
    assert.ok(blocked > 0 && clean > 0, `both kinds of matching were checked (${blocked} blocked, ${clean} stable)`);
  });

  test('no child gets an institution it likes better by ranking any other list (strategy-proofness)', () => {
    let worse = 0;
    let placedHonestly = 0;
    fc.assert(
      fc.property(fc.oneof(TIGHT, SMALL), (input) => {
        const truthful = deferredAcceptance(input);
        const lists = orderedSubsets(input.institutions.map((s) => s.id));
        input.children.forEach((child, i) => {
          placedHonestly += truthful.assignment.get(child.id) === null ? 0 : 1;
          const honest = rank(child, truthful.assignment.get(child.id) ?? null);
          for (const list of lists) {
            const children = input.children.map((c, j) => (j === i ? { ...c, preferences: list } : c));
            const got = deferredAcceptance({ ...input, children }).assignment.get(child.id) ?? null;
            const lied = `${child.id} ranking [${list.join(',')}] instead of [${child.preferences.join(',')}]`;
            assert.ok(
              rank(child, got) >= honest,
              `${lied} gets ${got} instead of ${truthful.assignment.get(child.id)}`,
            );
            if (rank(child, got) > honest) worse++;
          }
        });
      }),
      { numRuns: 200 },
    );
    assert.ok(worse > 0 && placedHonestly > 0, 'some lies cost the child, so the comparison has teeth');
  });

  test('every child likes its deferred-acceptance seat at least as much as its seat in any other stable matching (child-optimality)', () => {
    let several = 0; // instances with more than one stable matching, where the claim has teeth
    fc.assert(
      fc.property(fc.oneof({ arbitrary: TIGHT, weight: 3 }, { arbitrary: SMALL, weight: 1 }), (input) => {
        const result = deferredAcceptance(input);
        let found = false;
        let count = 0;
        for (const matching of allMatchings(input)) {
          if (!stable(input, matching)) continue;
          count++;
          if (input.children.every((c) => matching.get(c.id) === result.assignment.get(c.id))) found = true;
          for (const child of input.children) {
            assert.ok(
              rank(child, result.assignment.get(child.id) ?? null) <= rank(child, matching.get(child.id) ?? null),
              `${child.id} gets ${result.assignment.get(child.id)} but ${matching.get(child.id)} in the stable matching ${JSON.stringify([...matching])}`,
            );
          }
        }
        assert.ok(found, 'the result is itself one of the stable matchings');
        if (count > 1) several++;
      }),
      { numRuns: 600 },
    );
    assert.ok(several > 0, 'some instances had several stable matchings');
  });

  test('a rejected child learns whether the seats were taken by children with higher priority or a category cap was reached', () => {
    // X has 2 seats and takes at most 1 bilingual child; p5 tries Z (no seats) first and reaches X in round 2.
    const input: DaInput = {
      children: [
        { id: 'p1', preferences: ['X', 'Y'], categories: ['bilingual'], lottery: 1 },
        { id: 'p2', preferences: ['X', 'Y'], categories: ['bilingual'], lottery: 2 },
        { id: 'p3', preferences: ['X', 'Y'], lottery: 3 },
        { id: 'p4', preferences: ['X', 'Y'], lottery: 4 },
        { id: 'p5', preferences: ['Z', 'X', 'Y'], lottery: 5 },
        { id: 'p6', preferences: ['W'], categories: ['fromDeprivedArea', 'bilingual'], lottery: 6 },
        { id: 'p7', preferences: ['X'], categories: ['bilingual'], lottery: 7 },
      ],
      institutions: [
        {
          id: 'X',
          capacity: 2,
          caps: { bilingual: 1 },
          score: (c) => (({ p1: 3, p2: 2, p3: 1, p5: 10 }) as Record<string, number>)[c.id] ?? 0,
        },
        { id: 'Y', capacity: 10 },
        { id: 'Z', capacity: 0 },
        { id: 'W', capacity: 5, caps: { bilingual: 0, fromDeprivedArea: 0 } },
      ],
    };
    const result = deferredAcceptance(input);
    assert.deepEqual(rejectionsOf(result, 'p1'), []);
    assert.deepEqual(
      rejectionsOf(result, 'p2'),
      [{ institutionId: 'X', round: 1, reason: { kind: 'cap', categories: ['bilingual'] }, displaced: false }],
      'a seat was free, but the bilingual cap was reached by p1',
    );
    assert.deepEqual(
      rejectionsOf(result, 'p4'),
      [{ institutionId: 'X', round: 1, reason: { kind: 'capacity' }, displaced: false }],
      'both seats went to p1 and p3',
    );
    assert.deepEqual(rejectionsOf(result, 'p5'), [
      { institutionId: 'Z', round: 1, reason: { kind: 'capacity' }, displaced: false },
    ]);
    assert.deepEqual(
      rejectionsOf(result, 'p3'),
      [{ institutionId: 'X', round: 2, reason: { kind: 'capacity' }, displaced: true }],
      'p5 took the seat p3 held',
    );
    assert.deepEqual(
      rejectionsOf(result, 'p7'),
      [{ institutionId: 'X', round: 1, reason: { kind: 'capacity' }, displaced: false }],
      'when the seats are full, that is the reason, even if a cap is reached too',
    );
    assert.deepEqual(
      rejectionsOf(result, 'p6'),
      [
        {
          institutionId: 'W',
          round: 1,
          reason: { kind: 'cap', categories: ['fromDeprivedArea', 'bilingual'] },
          displaced: false,
        },
      ],
      'both binding caps are named',
    );
    assert.deepEqual(
      [...result.assignment],
      [
        ['p1', 'X'],
        ['p2', 'Y'],
        ['p3', 'Y'],
        ['p4', 'Y'],
        ['p5', 'X'],
        ['p6', null],
        ['p7', null],
      ],
    );
    assert.deepEqual(
      [...result.placedInRound],
      [
        ['p1', 1],
        ['p2', 2],
        ['p3', 3],
        ['p4', 2],
        ['p5', 2],
        ['p6', null],
        ['p7', null],
      ],
    );
    assert.deepEqual(result.admitted.get('X'), ['p5', 'p1']);
  });

  test('a daycare with 10 seats and the 30% deprived-area rule admits at most 3 children from deprived areas; the others get their next choice', () => {
    const cap = capFromShare({ share: 0.3, alreadyAdmitted: 0, alreadyAdmittedOfCategory: 0, newSeats: 10 });
    assert.equal(cap, 3);
    // Six children from deprived areas and eight others rank Solsikken first; the lottery favours the six.
    const children: DaChild[] = [
      ...Array.from({ length: 6 }, (_, i): DaChild => ({
        id: `d${i + 1}`,
        preferences: ['solsikken', 'maelkeboetten'],
        categories: ['fromDeprivedArea', 'bilingual'],
        lottery: i,
      })),
      ...Array.from({ length: 8 }, (_, i): DaChild => ({
        id: `n${i + 1}`,
        preferences: ['solsikken', 'maelkeboetten'],
        lottery: 10 + i,
      })),
    ];
    const institutions: DaInstitution[] = [
      { id: 'solsikken', capacity: 10, caps: { fromDeprivedArea: cap } },
      { id: 'maelkeboetten', capacity: 20 },
    ];
    const result = deferredAcceptance({ children, institutions });
    assert.deepEqual(result.admitted.get('solsikken'), ['d1', 'd2', 'd3', 'n1', 'n2', 'n3', 'n4', 'n5', 'n6', 'n7']);
    assert.deepEqual(result.admitted.get('maelkeboetten'), ['d4', 'd5', 'd6', 'n8']);
    for (const id of ['d4', 'd5', 'd6']) {
      assert.deepEqual(rejectionsOf(result, id), [
        {
          institutionId: 'solsikken',
          round: 1,
          reason: { kind: 'cap', categories: ['fromDeprivedArea'] },
          displaced: false,
        },
      ]);
    }
    assert.deepEqual(rejectionsOf(result, 'n8'), [
      { institutionId: 'solsikken', round: 1, reason: { kind: 'capacity' }, displaced: false },
    ]);
    assert.deepEqual(findBlockingPairs({ children, institutions }, result), []);
    // Without the cap the lottery alone would have let all six in.
    const uncapped = deferredAcceptance({
      children,
      institutions: [{ id: 'solsikken', capacity: 10 }, institutions[1]!],
    });
    assert.equal(uncapped.admitted.get('solsikken')!.filter((id) => id.startsWith('d')).length, 6);
  });

  test('capFromShare never lets the category exceed its share: when the round fills its seats (default), and however it fills them (worstCase)', () => {
    assert.equal(capFromShare({ share: 0.3, alreadyAdmitted: 20, alreadyAdmittedOfCategory: 8, newSeats: 10 }), 1);
    assert.equal(
      capFromShare({
        share: 0.3,
        alreadyAdmitted: 20,
        alreadyAdmittedOfCategory: 8,
        newSeats: 10,
        assume: 'worstCase',
      }),
      0,
    );
    assert.equal(
      capFromShare({
        share: 0.3,
        alreadyAdmitted: 20,
        alreadyAdmittedOfCategory: 2,
        newSeats: 10,
        assume: 'worstCase',
      }),
      5,
    );
    assert.equal(
      capFromShare({ share: 0.3, alreadyAdmitted: 0, alreadyAdmittedOfCategory: 0, newSeats: 10, assume: 'worstCase' }),
      0,
    );
    assert.equal(
      capFromShare({ share: 0.3, alreadyAdmitted: 30, alreadyAdmittedOfCategory: 12, newSeats: 10 }),
      0,
      'already over the share',
    );
    assert.throws(
      () => capFromShare({ share: 1.3, alreadyAdmitted: 0, alreadyAdmittedOfCategory: 0, newSeats: 10 }),
      RangeError,
    );
    assert.throws(
      () => capFromShare({ share: 0.3, alreadyAdmitted: 2, alreadyAdmittedOfCategory: 3, newSeats: 10 }),
      RangeError,
    );
    // Shares in whole percent so the check below is exact integer arithmetic: 100 × category ≤ percent × total.
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 0, max: 200 }),
        fc.integer({ min: 0, max: 200 }),
        fc.integer({ min: 0, max: 60 }),
        (percent, a, bRaw, n) => {
          const b = Math.min(a, bRaw);
          const base = { share: percent / 100, alreadyAdmitted: a, alreadyAdmittedOfCategory: b, newSeats: n };
          const within = (k: number, total: number) => 100 * (b + k) <= percent * (a + total);
          const filled = capFromShare(base);
          assert.ok(filled >= 0 && filled <= n);
          if (filled > 0)
            assert.ok(within(filled, n), `seatsFilled cap ${filled} breaks the share when all ${n} seats are filled`);
          if (filled < n) assert.ok(!within(filled + 1, n), `seatsFilled cap ${filled} is not the largest`);
          const safe = capFromShare({ ...base, assume: 'worstCase' });
          assert.ok(safe >= 0 && safe <= filled);
          for (let admitted = safe; admitted <= n && safe > 0; admitted++)
            assert.ok(within(safe, admitted), `worstCase cap ${safe} breaks the share when ${admitted} are admitted`);
          if (safe < n) assert.ok(!within(safe + 1, safe + 1), `worstCase cap ${safe} is not the largest`);
        },
      ),
      { numRuns: 2000 },
    );
  });

  test('when two caps cross (a child both bilingual and from a deprived area), the result says stability is not guaranteed, and findBlockingPairs finds the pair', () => {
    // S takes at most 1 of a and 1 of b. Round 1: e (a, b) and c (b) propose to S; e is taken, and c is
    // turned away by the b cap. Round 2: d (a), turned away by T, displaces e by the a cap. S now holds
    // only d, and c, whom the b cap turned away, would fit: the greedy choice is not substitutable here.
    const input: DaInput = {
      children: [
        { id: 'x', preferences: ['T'], lottery: 0 },
        { id: 'd', preferences: ['T', 'S'], categories: ['a'], lottery: 1 },
        { id: 'e', preferences: ['S'], categories: ['a', 'b'], lottery: 2 },
        { id: 'c', preferences: ['S'], categories: ['b'], lottery: 3 },
      ],
      institutions: [
        { id: 'T', capacity: 1 },
        { id: 'S', capacity: 10, caps: { a: 1, b: 1 } },
      ],
    };
    const result = deferredAcceptance(input);
    assert.deepEqual(result.crossingCaps, [{ institutionId: 'S', categories: ['a', 'b'] }]);
    assert.deepEqual(findCrossingCaps(input), result.crossingCaps);
    assert.deepEqual(
      [...result.assignment],
      [
        ['x', 'T'],
        ['d', 'S'],
        ['e', null],
        ['c', null],
      ],
    );
    assert.deepEqual(findBlockingPairs(input, result), [
      { childId: 'c', institutionId: 'S', via: { kind: 'freeSeat' } },
    ]);
    assert.deepEqual(findViolations(input, result), [], 'seats and caps still hold');
    // Caps that are nested or disjoint among the children who rank S do not cross.
    assert.deepEqual(findCrossingCaps({ ...input, children: input.children.filter((ch) => ch.id !== 'd') }), []);
    assert.deepEqual(findCrossingCaps({ ...input, children: input.children.filter((ch) => ch.id !== 'c') }), []);
  });

  test('the outcome does not depend on the order of the children or the institutions in the input (reproducible)', () => {
    fc.assert(
      fc.property(
        instances({ children: 8, institutions: 4, categorySets: ANY, maxCapacity: 3, maxCap: 2 }).chain((input) =>
          fc.tuple(
            fc.constant(input),
            fc.shuffledSubarray([...input.children], { minLength: input.children.length }),
            fc.shuffledSubarray([...input.institutions], { minLength: input.institutions.length }),
          ),
        ),
        ([input, children, institutions]) => {
          const a = deferredAcceptance(input);
          const b = deferredAcceptance({ children, institutions });
          for (const child of input.children) {
            assert.equal(b.assignment.get(child.id), a.assignment.get(child.id), child.id);
            assert.equal(b.placedInRound.get(child.id), a.placedInRound.get(child.id), child.id);
          }
          for (const inst of input.institutions)
            assert.deepEqual(b.admitted.get(inst.id), a.admitted.get(inst.id), inst.id);
        },
      ),
      { numRuns: 300 },
    );
  });

  test('inconsistent input is refused with the reason', () => {
    const ok: DaInput = {
      children: [{ id: 'k', preferences: ['s'], lottery: 0 }],
      institutions: [{ id: 's', capacity: 1 }],
    };
    const refused = (input: DaInput, pattern: RegExp) => {
      assert.throws(
        () => deferredAcceptance(input),
        (e: unknown) => e instanceof DaInputError && pattern.test(e.message),
      );
    };
    assert.doesNotThrow(() => deferredAcceptance(ok));
    refused({ ...ok, children: [{ id: 'k', preferences: ['nowhere'], lottery: 0 }] }, /unknown institution nowhere/);
    refused({ ...ok, children: [{ id: 'k', preferences: ['s', 's'], lottery: 0 }] }, /twice/);
    refused({ ...ok, children: [ok.children[0]!, ok.children[0]!] }, /child k is listed twice/);
    refused({ ...ok, institutions: [{ id: 's', capacity: -1 }] }, /capacity/);
    refused({ ...ok, institutions: [{ id: 's', capacity: 1.5 }] }, /capacity/);
    refused({ ...ok, institutions: [{ id: 's', capacity: 1, caps: { bilingual: -2 } }] }, /cap -2 on bilingual/);
    refused({ ...ok, children: [{ id: 'k', preferences: ['s'], lottery: Number.NaN }] }, /lottery/);
    refused({ ...ok, institutions: [{ id: 's', capacity: 1, score: () => Number.NaN }] }, /priority score of child k/);
  });
});
