import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { describe, test } from 'node:test';
import { buildInstance, instanceGroups, ORLIB_DIR } from '../bench/placement-instances.js';
import { networkStructure } from '../src/placement/flow.js';
import { evaluate, validateProblem, type PlacementProblem } from '../src/placement/model.js';

/** A digest of every array and number of a problem. */
function digest(p: PlacementProblem): string {
  const h = createHash('sha256');
  const add = (a: Int32Array | Float64Array) => h.update(Buffer.from(a.buffer, a.byteOffset, a.byteLength));
  h.update(
    JSON.stringify({
      sense: p.sense,
      agents: p.agents,
      options: p.options,
      dims: p.dimensions.map((d) => d.name),
      cons: p.constraints.map((c) => [c.name, c.kind, c.dimension, c.cap]),
    }),
  );
  add(p.pairAgent);
  add(p.pairOption);
  add(p.pairValue);
  for (const d of p.dimensions) add(d.use);
  for (const c of p.constraints) add(c.options);
  if (p.unplacedValue) add(p.unplacedValue);
  return h.digest('hex');
}

function pairsPerAgent(p: PlacementProblem): Int32Array {
  const n = new Int32Array(p.agents);
  for (const a of p.pairAgent) n[a]!++;
  return n;
}

/** Each agent's options are distinct. */
function distinctPairs(p: PlacementProblem): boolean {
  const seen = new Set<number>();
  for (let k = 0; k < p.pairAgent.length; k++) {
    const key = p.pairAgent[k]! * p.options + p.pairOption[k]!;
    if (seen.has(key)) return false;
    seen.add(key);
  }
  return true;
}

function scoresLookRight(p: PlacementProblem): void {
  assert.equal(p.sense, 'max');
  for (const v of p.pairValue) {
    assert.ok(v >= 1 && v <= 100, `score ${v} in [1, 100]`);
    assert.ok(Math.abs(v * 100 - Math.round(v * 100)) < 1e-6, `score ${v} has at most 2 decimals`);
  }
}

describe('placement benchmark instances', () => {
  test('municipal-1000x2000: deterministic, 1,000 × 2,000, 30–60 % eligible, a network, everybody can be placed', () => {
    const a = buildInstance('municipal-1000x2000');
    const b = buildInstance('municipal-1000x2000');
    assert.equal(digest(a.problem), digest(b.problem));
    const p = a.problem;
    validateProblem(p);
    assert.equal(p.agents, 1000);
    assert.equal(p.options, 2000);
    const share = p.pairAgent.length / (p.agents * p.options);
    assert.ok(share >= 0.3 && share <= 0.6, `eligible share ${share}`);
    assert.ok(distinctPairs(p));
    scoresLookRight(p);
    assert.equal(
      p.constraints.filter((c) => c.kind === 'option' && c.cap === 1).length,
      2000,
      'one household per unit',
    );
    assert.equal(p.constraints.filter((c) => c.kind === 'group').length, 20, 'a cap per town');
    assert.ok(
      p.unplacedValue?.every((v) => v === 0),
      'unplaced scores 0',
    );
    assert.ok(!('reason' in networkStructure(p)), 'laminar counts: a min-cost flow');
    const ev = evaluate(p, a.witness!);
    assert.ok(ev.feasible, 'the built-in witness is feasible');
    assert.equal(ev.unplaced, 0, 'and places every household');
  });

  test('municipal-5000x3000: deterministic, 5,000 × 3,000, exactly 300 eligible units each, a network', () => {
    const a = buildInstance('municipal-5000x3000');
    assert.equal(digest(a.problem), digest(buildInstance('municipal-5000x3000').problem));
    const p = a.problem;
    validateProblem(p);
    assert.equal(p.agents, 5000);
    assert.equal(p.options, 3000);
    assert.ok(pairsPerAgent(p).every((n) => n === 300));
    assert.ok(distinctPairs(p));
    scoresLookRight(p);
    assert.equal(p.constraints.filter((c) => c.kind === 'group').length, 30);
    assert.ok(p.unplacedValue?.every((v) => v === 0));
    assert.ok(!('reason' in networkStructure(p)));
    assert.ok(evaluate(p, a.witness!).feasible);
    assert.ok(evaluate(p, new Int32Array(5000).fill(-1)).feasible, 'nobody placed is feasible');
  });

  test('national-40000x98: deterministic, 40,000 persons × 98 municipalities, three dimensions, not a network, feasible', () => {
    const a = buildInstance('national-40000x98');
    assert.equal(digest(a.problem), digest(buildInstance('national-40000x98').problem));
    const p = a.problem;
    validateProblem(p);
    assert.equal(p.agents, 40_000);
    assert.equal(p.options, 98);
    assert.equal(p.pairAgent.length, 3_920_000);
    assert.ok(pairsPerAgent(p).every((n) => n === 98));
    assert.deepEqual(
      p.dimensions.map((d) => d.name),
      ['persons', 'large_families', 'single_parents'],
    );
    assert.equal(p.unplacedValue, undefined, 'every person must be placed');
    scoresLookRight(p);
    const quotas = p.constraints.filter((c) => c.dimension === 0 && c.kind === 'option').reduce((s, c) => s + c.cap, 0);
    assert.ok(quotas >= 40_000 && quotas <= 1.03 * 40_000, `quotas sum to ${quotas}`);
    assert.ok('reason' in networkStructure(p), 'several dimensions on one option: not a network');
    const ev = evaluate(p, a.witness!);
    assert.ok(ev.feasible, 'the built-in witness is feasible');
    assert.equal(ev.unplaced, 0);
  });

  test(
    'OR-Library instances are read with their known optima',
    { skip: !existsSync(ORLIB_DIR) && 'shared/benchmarks is not beside the checkout' },
    () => {
      const groups = instanceGroups('orlib');
      assert.equal(groups.filter((g) => g.group.startsWith('assign')).length, 12);
      assert.equal(
        groups.filter((g) => g.group.startsWith('gap')).reduce((s, g) => s + g.names.length, 0),
        12 * 5 + 4 * 6,
      );
      const gap = buildInstance('gap1-1');
      assert.equal(gap.problem.sense, 'max');
      assert.equal(gap.problem.agents, 15);
      assert.equal(gap.problem.options, 5);
      assert.equal(gap.knownOptimum, 336);
      assert.equal(buildInstance('gapd-6').problem.sense, 'min');
      assert.equal(buildInstance('gapd-6').optimumProven, false);
      const assign = buildInstance('assignp800');
      assert.equal(assign.problem.agents, 800);
      assert.equal(assign.knownOptimum, 2239);
      assert.ok(assign.network);
    },
  );
});
