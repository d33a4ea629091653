// `medborger solve` reproduces every known optimum of the OR-Library README (assign*, gap1–12,
// gapa–c), proves it with its bound, and reports gapd with a bound and a gap; and it reads the
// generic JSON problem and refuses a bad one with the place named.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { readOrLibraryOptima } from '../src/placement/orlib.js';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, test } from 'node:test';

const run = promisify(execFile);
const DIR = path.resolve(process.cwd(), '..', 'shared', 'benchmarks', 'or-library');
const skip = !existsSync(DIR) && 'shared/benchmarks is not beside the checkout';

interface Line {
  problem?: number;
  status: string;
  objective: number;
  bound: number;
  gap: number;
  engine: string;
}

async function solve(...args: string[]): Promise<Line[]> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'solve', ...args], {
    maxBuffer: 1 << 24,
  });
  return stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Line);
}

const optima = existsSync(DIR)
  ? readOrLibraryOptima(readFileSync(path.join(DIR, 'README.md'), 'utf8'))
  : { assign: {}, gap: {}, gapdBestKnown: [] };
const ASSIGN = optima.assign;
const GAP = optima.gap;

test('the README lists the optimum of every OR-Library instance this test solves', { skip }, () => {
  assert.equal(Object.keys(ASSIGN).length, 12);
  assert.deepEqual(
    Object.keys(GAP).sort(),
    [...Array.from({ length: 12 }, (_, i) => `gap${i + 1}`), 'gapa', 'gapb', 'gapc'].sort(),
  );
  for (const [name, values] of Object.entries(GAP)) assert.equal(values.length, /^gap\d/.test(name) ? 5 : 6, name);
  assert.equal(optima.gapdBestKnown.length, 6);
});

describe('medborger solve on the OR-Library', { concurrency: 1 }, () => {
  for (const [name, optimum] of Object.entries(ASSIGN)) {
    test(`${name} is solved to its known optimum ${optimum}, proven by its bound`, { skip }, async () => {
      const [r] = await solve(path.join(DIR, 'assign', `${name}.txt`), '--format', 'orlib-assign');
      assert.equal(r!.status, 'optimal');
      assert.equal(Math.round(r!.objective), optimum);
      assert.equal(Math.round(r!.bound), optimum);
    });
  }
  for (const [name, optima] of Object.entries(GAP)) {
    test(
      `${name}: every problem reaches its known optimum (${optima.join(', ')}), proven by its bound`,
      { skip },
      async () => {
        // The optimum is asserted, not the speed: a time limit far above the quiet machine's time, so that a
        // loaded CI machine (two cores) cannot stop the search early and make the test fail.
        const lines = await solve(path.join(DIR, 'gap', `${name}.txt`), '--format', 'orlib-gap', '--time-limit', '900');
        assert.deepEqual(
          lines.map((l) => Math.round(l.objective)),
          optima,
        );
        assert.deepEqual(
          lines.map((l) => Math.round(l.bound)),
          optima,
          'the bound proves each optimum',
        );
        assert.ok(lines.every((l) => l.status === 'optimal'));
      },
    );
  }
  test(
    'gapd problem 1 is reported with a bound below its best known value and a consistent gap',
    { skip },
    async () => {
      const lines = await solve(path.join(DIR, 'gap', 'gapd.txt'), '--format', 'orlib-gap', '--time-limit', '5');
      assert.equal(lines.length, 6);
      const first = lines[0]!;
      const best = optima.gapdBestKnown[0]!;
      assert.ok(
        first.bound <= best && best <= first.objective,
        `bound ${first.bound} ≤ ${best} ≤ objective ${first.objective}`,
      );
      assert.ok(Math.abs(first.gap - (first.objective - first.bound) / first.objective) < 1e-9);
    },
  );
});

describe('medborger solve on a JSON problem', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'medborger-solve-'));
  const file = (name: string, body: unknown) => {
    const f = path.join(dir, name);
    writeFileSync(f, JSON.stringify(body));
    return f;
  };

  test('a housing problem with a town cap on persons is solved with objective, bound and gap', async () => {
    const f = file('housing.json', {
      sense: 'max',
      agents: ['Familien Ali', 'Familien Noor', 'Familien Haddad'],
      options: ['Rødekro 1', 'Rødekro 2', 'Aabenraa 7'],
      pairs: [
        [0, 0, 10, { persons: 5 }],
        [0, 2, 6, { persons: 5 }],
        [1, 1, 9, { persons: 4 }],
        [2, 0, 7, { persons: 2 }],
        [2, 2, 7, { persons: 2 }],
      ],
      capacities: [
        { options: [0], cap: 1 },
        { options: [1], cap: 1 },
        { options: [2], cap: 1 },
        { name: 'Rødekro personer', options: [0, 1], cap: 6, dimension: 'persons' },
      ],
      unplaced: 0,
    });
    const [r] = await solve(f);
    assert.equal(r!.status, 'optimal');
    assert.equal(r!.objective, 22); // Noor in Rødekro 2 (9) + Haddad in Rødekro 1 (7) + Ali in Aabenraa 7 (6)
    assert.equal(r!.bound, 22);
  });

  test('a problem naming an option that does not exist is refused with the place in the file', async () => {
    const f = file('bad.json', { agents: 1, options: 1, sense: 'min', pairs: [[0, 3, 1]] });
    await assert.rejects(
      solve(f),
      (err: { stderr: string; code: number }) => err.code === 1 && /pairs\/0: option 3 does not exist/.test(err.stderr),
    );
  });
});
