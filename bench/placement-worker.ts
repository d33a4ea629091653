// One child process of the placement benchmark (bench/placement.ts) running Medborger's engine
// (solvePlacement) on instances rebuilt here from their names, so that the process's peak
// memory is this engine's alone and the runs do not disturb each other.
//
//   node --import tsx bench/placement-worker.ts OUT_DIR TIME_LIMIT_SEC GAP_TOLERANCE ENGINE NAME...
//
// Prints one JSON line per instance (what the engine claims, plus the generation and solve
// times) and writes the assignment to OUT_DIR/NAME.assignment.i32; the benchmark checks it with
// evaluate() against its own copy of the instance.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { solvePlacement, type EngineChoice } from '../src/placement/solve.js';
import { buildInstance } from './placement-instances.js';

const [outDir, limitArg, gapArg, engineArg, ...names] = process.argv.slice(2);
if (!outDir || !limitArg || !gapArg || !engineArg || names.length === 0) {
  console.error('usage: placement-worker.ts OUT_DIR TIME_LIMIT_SEC GAP_TOLERANCE ENGINE NAME...');
  process.exit(2);
}

for (const name of names) {
  const t0 = performance.now();
  try {
    const { problem } = buildInstance(name);
    const t1 = performance.now();
    const sol = await solvePlacement(problem, {
      timeLimitSec: Number(limitArg),
      gapTolerance: Number(gapArg),
      engine: engineArg as EngineChoice,
    });
    const t2 = performance.now();
    const a = sol.assignment;
    writeFileSync(path.join(outDir, `${name}.assignment.i32`), Buffer.from(a.buffer, a.byteOffset, a.byteLength));
    console.log(
      JSON.stringify({
        name,
        status: sol.status,
        engine: sol.engine,
        objective: sol.objective,
        bound: sol.bound,
        gap: sol.gap,
        genSec: (t1 - t0) / 1000,
        solveSec: (t2 - t1) / 1000,
        engineMs: sol.timeMs,
        notes: sol.notes ?? [],
        maxRssKb: process.resourceUsage().maxRSS,
      }),
    );
  } catch (e) {
    console.log(
      JSON.stringify({
        name,
        error: e instanceof Error ? `${e.name}: ${e.message}` : String(e),
        genSec: null,
        solveSec: (performance.now() - t0) / 1000,
      }),
    );
  }
}
