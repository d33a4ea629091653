import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { fromTriples, InfeasibleError, solveAssignment } from '../src/placement/assignment.js';
import { parseAssign, readOrLibraryOptima } from '../src/placement/orlib.js';

const DIR = path.resolve(process.cwd(), '..', 'shared', 'benchmarks', 'or-library', 'assign');
const OPTIMA = existsSync(DIR)
  ? readOrLibraryOptima(readFileSync(path.join(DIR, '..', 'README.md'), 'utf8')).assign
  : {};

/** Every permutation's cost, the slow and obviously right way. */
function bruteForce(n: number, cost: (i: number, j: number) => number | undefined): number | null {
  let best: number | null = null;
  const used = new Array<boolean>(n).fill(false);
  const go = (i: number, sum: number) => {
    if (i === n) {
      if (best === null || sum < best) best = sum;
      return;
    }
    for (let j = 0; j < n; j++) {
      const c = cost(i, j);
      if (used[j] || c === undefined) continue;
      used[j] = true;
      go(i + 1, sum + c);
      used[j] = false;
    }
  };
  go(0, 0);
  return best;
}

describe('exact assignment', () => {
  for (const [name, optimum] of Object.entries(OPTIMA)) {
    test(
      `OR-Library ${name} is solved to its known optimum ${optimum}, with a matching dual bound`,
      { skip: !existsSync(DIR) && 'shared/benchmarks is not beside the checkout' },
      () => {
        const result = solveAssignment(parseAssign(readFileSync(path.join(DIR, `${name}.txt`), 'utf8')));
        assert.equal(Math.round(result.objective), optimum);
        assert.equal(Math.round(result.bound), optimum, 'the dual proves optimality');
        assert.ok(result.gap < 1e-9);
        assert.equal(new Set(result.assignment).size, result.assignment.length, 'each option used once');
      },
    );
  }

  test('on random small instances with forbidden pairs it finds the same optimum as trying every permutation', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 6 })
          .chain((n) =>
            fc.array(
              fc.array(fc.option(fc.integer({ min: -20, max: 50 }), { freq: 4 }), { minLength: n, maxLength: n }),
              { minLength: n, maxLength: n },
            ),
          ),
        (matrix) => {
          const n = matrix.length;
          const triples: [number, number, number][] = [];
          matrix.forEach((row, i) => {
            row.forEach((c, j) => {
              if (c !== null) triples.push([i, j, c]);
            });
          });
          const expected = bruteForce(n, (i, j) => matrix[i]![j] ?? undefined);
          if (expected === null) {
            assert.throws(() => solveAssignment(fromTriples(n, triples)), InfeasibleError);
            return;
          }
          const result = solveAssignment(fromTriples(n, triples));
          assert.equal(result.objective, expected);
          assert.ok(Math.abs(result.bound - expected) < 1e-9);
          result.assignment.forEach((j, i) => {
            assert.notEqual(matrix[i]![j], null, 'never a forbidden pair');
          });
        },
      ),
      { numRuns: 300 },
    );
  });
});
