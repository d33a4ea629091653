// Benchmark: start and size of the `medborger` command as whole processes (the compiled
// bin/medborger.js, as a user runs it): `medborger --help`, `medborger solve` on OR-Library's
// assign100, the first start with the demo on an empty embedded database (to GET /health), the
// restart on the same data, and the resident memory (RSS) after each start. Goals (issue 16):
// restart < 2 s, first start < 8 s, RSS < 300 MB, solve < 300 ms, --help < 200 ms.
//
// Run: npm run bench:start [-- --runs 5 --no-build]   (builds dist/ first unless --no-build)
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

const { values: opts } = parseArgs({
  options: { runs: { type: 'string', default: '5' }, 'no-build': { type: 'boolean', default: false } },
});
const RUNS = Number(opts.runs);
const ROOT = path.resolve(import.meta.dirname, '..');
const BIN = path.join(ROOT, 'bin/medborger.js');
const ASSIGN100 = process.env.BENCH_ASSIGN100 ?? '/work/shared/benchmarks/or-library/assign/assign100.txt';

if (!opts['no-build']) execFileSync('npm', ['run', '-s', 'build'], { cwd: ROOT, stdio: 'inherit' });

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function timeProcess(args: string[]): number {
  const t = performance.now();
  execFileSync(process.execPath, [BIN, ...args], { cwd: ROOT, stdio: 'ignore' });
  return performance.now() - t;
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN) / 1024;
}

/** Starts `medborger serve` on the data directory; resolves when GET /health answers 200. */
async function serve(dataDir: string, port: number) {
  const t0 = performance.now();
  const proc = spawn(process.execPath, [BIN, 'serve'], {
    cwd: ROOT,
    env: {
      ...process.env,
      MEDBORGER_DATA_DIR: dataDir,
      PORT: String(port),
      DATABASE_URL: '',
      MEDBORGER_DEMO_IDP_PORT: '0',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr.on('data', (d: Buffer) => (out += d.toString()));
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`serve exited ${proc.exitCode}:\n${out}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/health`)).ok) break;
    } catch {
      // not yet listening
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  const ms = performance.now() - t0;
  await new Promise((r) => setTimeout(r, 500));
  const rss = rssMb(proc.pid!);
  const stop = () =>
    new Promise<void>((resolve) => {
      proc.once('exit', () => {
        resolve();
      });
      proc.kill('SIGTERM');
    });
  return { ms, rss, stop };
}

const goal = (ok: boolean) => (ok ? 'ok' : 'MISS');
console.log(
  `bench:start on ${new Date().toISOString()}, load average ${loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')}`,
);

const help = median(Array.from({ length: RUNS }, () => timeProcess(['--help'])));
console.log(
  `medborger --help                     ${help.toFixed(0).padStart(6)} ms   (goal < 200 ms: ${goal(help < 200)})`,
);
const solve = median(Array.from({ length: RUNS }, () => timeProcess(['solve', ASSIGN100, '--format', 'orlib-assign'])));
console.log(
  `medborger solve assign100            ${solve.toFixed(0).padStart(6)} ms   (goal < 300 ms: ${goal(solve < 300)})`,
);

const dataDir = mkdtempSync(path.join(tmpdir(), 'medborger-bench-start-'));
try {
  const first = await serve(dataDir, 3911);
  await first.stop();
  console.log(
    `first start with the demo to /health  ${first.ms.toFixed(0).padStart(6)} ms   (goal < 8 s: ${goal(first.ms < 8000)}); RSS ${first.rss.toFixed(0)} MB (goal < 300 MB: ${goal(first.rss < 300)})`,
  );
  const restarts: { ms: number; rss: number }[] = [];
  for (let i = 0; i < Math.min(RUNS, 3); i++) {
    const r = await serve(dataDir, 3911);
    await r.stop();
    restarts.push(r);
  }
  const restart = median(restarts.map((r) => r.ms));
  const rss = median(restarts.map((r) => r.rss));
  console.log(
    `restart to /health                   ${restart.toFixed(0).padStart(6)} ms   (goal < 2 s: ${goal(restart < 2000)}); RSS ${rss.toFixed(0)} MB (goal < 300 MB: ${goal(rss < 300)})`,
  );
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
