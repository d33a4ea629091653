// `medborger solve` reproduces every known optimum of the OR-Library README (assign*, gap1–12,
// gapa–c), proves it with its bound, and reports gapd with a bound and a gap; and it reads the
// generic JSON problem and refuses a bad one with the place named.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, test } from 'node:test';

const run = promisify(execFile);
const DIR = path.resolve(process.cwd(), '..', 'shared', 'benchmarks', 'or-library');
const skip = !existsSync(DIR) && 'shared/benchmarks is not beside the checkout';

interface Line { problem?: number; status: string; objective: number; bound: number; gap: number; engine: string }

async function solve(...args: string[]): Promise<Line[]> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'solve', ...args], { maxBuffer: 1 << 24 });
  return stdout.trim().split('\n').map((l) => JSON.parse(l) as Line);
}

const ASSIGN: Record<string, number> = {
  assign100: 305, assign200: 475, assign300: 626, assign400: 804, assign500: 991, assign600: 1176, assign700: 1362, assign800: 1552,
  assignp800: 2239, assignp1500: 5839, assignp3000: 18696, assignp5000: 48533,
};
// In file order, from shared/benchmarks/or-library/README.md.
const GAP: Record<string, number[]> = {
  gap1: [336, 327, 339, 341, 326], gap2: [434, 436, 420, 419, 428], gap3: [580, 564, 573, 570, 564],
  gap4: [656, 644, 673, 647, 664], gap5: [563, 558, 564, 568, 559], gap6: [761, 759, 758, 752, 747],
  gap7: [942, 949, 968, 945, 951], gap8: [1133, 1134, 1141, 1117, 1127], gap9: [709, 717, 712, 723, 706],
  gap10: [958, 963, 960, 947, 947], gap11: [1139, 1178, 1195, 1171, 1171], gap12: [1451, 1449, 1433, 1447, 1446],
  gapa: [1698, 3235, 1360, 2623, 1158, 2339], gapb: [1843, 3552, 1407, 2827, 1166, 2339], gapc: [1931, 3456, 1402, 2806, 1243, 2391],
};

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
    test(`${name}: every problem reaches its known optimum (${optima.join(', ')}), proven by its bound`, { skip }, async () => {
      const lines = await solve(path.join(DIR, 'gap', `${name}.txt`), '--format', 'orlib-gap');
      assert.deepEqual(lines.map((l) => Math.round(l.objective)), optima);
      assert.deepEqual(lines.map((l) => Math.round(l.bound)), optima, 'the bound proves each optimum');
      assert.ok(lines.every((l) => l.status === 'optimal'));
    });
  }
  test('gapd problem 1 is reported with a bound below the best known 6353 and a consistent gap', { skip }, async () => {
    const lines = await solve(path.join(DIR, 'gap', 'gapd.txt'), '--format', 'orlib-gap', '--time-limit', '5');
    assert.equal(lines.length, 6);
    const first = lines[0]!;
    assert.ok(first.bound <= 6353 && 6353 <= first.objective, `bound ${first.bound} ≤ 6353 ≤ objective ${first.objective}`);
    assert.ok(Math.abs(first.gap - (first.objective - first.bound) / first.objective) < 1e-9);
  });
});

describe('medborger solve on a JSON problem', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'medborger-solve-'));
  const file = (name: string, body: unknown) => { const f = path.join(dir, name); writeFileSync(f, JSON.stringify(body)); return f; };

  test('a housing problem with a town cap on persons is solved with objective, bound and gap', async () => {
    const f = file('housing.json', {
      sense: 'max', agents: ['Familien Ali', 'Familien Noor', 'Familien Haddad'], options: ['Rødekro 1', 'Rødekro 2', 'Aabenraa 7'],
      pairs: [[0, 0, 10, { persons: 5 }], [0, 2, 6, { persons: 5 }], [1, 1, 9, { persons: 4 }], [2, 0, 7, { persons: 2 }], [2, 2, 7, { persons: 2 }]],
      capacities: [{ options: [0], cap: 1 }, { options: [1], cap: 1 }, { options: [2], cap: 1 }, { name: 'Rødekro personer', options: [0, 1], cap: 6, dimension: 'persons' }],
      unplaced: 0,
    });
    const [r] = await solve(f);
    assert.equal(r!.status, 'optimal');
    assert.equal(r!.objective, 22); // Noor in Rødekro 2 (9) + Haddad in Rødekro 1 (7) + Ali in Aabenraa 7 (6)
    assert.equal(r!.bound, 22);
  });

  test('a problem naming an option that does not exist is refused with the place in the file', async () => {
    const f = file('bad.json', { agents: 1, options: 1, sense: 'min', pairs: [[0, 3, 1]] });
    await assert.rejects(solve(f), (err: { stderr: string; code: number }) => err.code === 1 && /pairs\/0: option 3 does not exist/.test(err.stderr));
  });
});
