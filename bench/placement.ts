// Benchmark: the placement engine (solvePlacement, src/placement/solve.ts) side by side with the
// solvers a user would pick instead, in the same run, on the same problems:
//   - CBC 2.10 (Debian package coinor-cbc), reading the LP file written by writeLp
//     (src/placement/lp-format.ts): `cbc model.lp -timeMode elapsed -sec L -ratioGap G -solve
//     -solu out.txt -quit`;
//   - native HiGHS through Python's scipy.optimize.milp (bench/peers/scipy_solve.py), where
//     python3 with scipy is present.
// Instances (bench/placement-instances.ts): the OR-Library assignment and generalized assignment
// sets (shared/benchmarks/or-library), two generated municipal housing instances (network
// structure) and the national distribution of 40,000 persons over the 98 municipalities with
// multi-dimensional capacities (side constraints).
//
// Every engine runs in its own child process: Medborger's engine in bench/placement-worker.ts
// (the instance rebuilt there from its name), CBC per problem, scipy per instance group. Peak
// memory is that process's maximum resident set size as measured by GNU time
// (`/usr/bin/time -f …`, Debian package `time`; it includes Node's or Python's own runtime).
// Every answer is checked here with evaluate() against the benchmark's own copy of the instance:
// the objective shown is the recomputed one, an infeasible answer is shown as INVALID. The gap is
// recomputed from the engine's bound for all engines alike (rounded inwards when all values are
// whole numbers, as solvePlacement does).
//
// Columns: time s = the solve alone (ours: the solvePlacement call; CBC: its own wall clock
// after reading the LP file; scipy: the milp() call); total s = from input to answer (ours:
// instance generation + solve, without Node's start; CBC: the whole process, reading the LP file
// included, writing it not; scipy: reading the arrays, building the matrix and milp(), without
// Python's start); cpu s = user + system CPU time of the whole process (GNU time). For the
// OR-Library GAP files one row sums the file's 5 or 6 problems (times summed, gap = the largest).
//
// Run: npm run bench:placement
//   BENCH_PLACEMENT=orlib,municipal,national   instance sets (default all)
//   BENCH_PEERS=cbc,scipy | none               peers (default both)
//   BENCH_ONLY=assign800,gap1,municipal-5000x3000  only these groups (or instance names)
//   BENCH_TIME_LIMIT=60    seconds per run (OR-Library, municipal); BENCH_GAPD_LIMIT=10 (per gapd
//   problem); BENCH_NATIONAL_LIMIT=60; BENCH_NATIONAL_GAP=0.001 (gap tolerance, all engines)
//   BENCH_ENGINE=auto|flow|highs|lagrangian    Medborger's engine choice (default auto)
//   BENCH_PLACEMENT_DETAIL=1                   also print one row per GAP problem
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readCbcSolution, readCbcStatus, writeLp } from '../src/placement/lp-format.js';
import { evaluate, type PlacementProblem } from '../src/placement/model.js';
import { buildInstance, instanceGroups, type BenchInstance } from './placement-instances.js';

const SETS = (process.env.BENCH_PLACEMENT ?? 'orlib,municipal,national')
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean);
const PEERS = (process.env.BENCH_PEERS ?? 'cbc,scipy')
  .split(',')
  .map((s) => s.trim())
  .filter((s) => s && s !== 'none');
const ONLY = process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(',').map((s) => s.trim())) : null;
const LIMIT = Number(process.env.BENCH_TIME_LIMIT ?? 60);
const GAPD_LIMIT = Number(process.env.BENCH_GAPD_LIMIT ?? 10);
const NATIONAL_LIMIT = Number(process.env.BENCH_NATIONAL_LIMIT ?? 60);
const NATIONAL_GAP = Number(process.env.BENCH_NATIONAL_GAP ?? 0.001);
const ENGINE = process.env.BENCH_ENGINE ?? 'auto';
const DETAIL = !!process.env.BENCH_PLACEMENT_DETAIL;
const GNU_TIME = '/usr/bin/time';
const OURS = 'medborger';

const limitFor = (group: string) =>
  group.startsWith('national') ? NATIONAL_LIMIT : group === 'gapd' ? GAPD_LIMIT : LIMIT;
const gapFor = (group: string) => (group.startsWith('national') ? NATIONAL_GAP : 0);

interface Result {
  instance: string;
  group: string;
  engine: string;
  solveSec: number | null;
  totalSec: number | null;
  cpuSec: number | null;
  /** cpu and peak belong to a process shared by the group (ours, scipy) rather than this problem alone */
  sharedProcess: boolean;
  objective: number | null;
  bound: number | null;
  gap: number | null;
  peakMb: number | null;
  status: string;
  /** known optimum or best known value (OR-Library) */
  known: number | null;
  /** objective (rounded) equals the known optimum / best known value */
  atKnown: boolean | null;
  /** optimality proven by the engine's own bound (gap ≈ 0) */
  proven: boolean;
  problems: string[];
}

// ---------------------------------------------------------------------------------------------
// Child processes, measured by GNU time

interface ProcResult {
  stdout: string;
  stderr: string;
  code: number | null;
  wallSec: number;
  peakKb: number | null;
  cpuSec: number | null;
  killed: boolean;
}

/** Direct children of a process (Linux). */
function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/**
 * Runs a command under GNU time. After `hardWallSec` the command (not GNU time, so that it still
 * reports) gets SIGINT (CBC then stops and reports its incumbent), and SIGKILL 15 s later.
 */
function run(cmd: string, args: string[], hardWallSec: number): Promise<ProcResult> {
  const timeFile = path.join(workDir, `time-${process.hrtime.bigint()}.txt`);
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(GNU_TIME, ['-f', '%e %M %U %S', '-o', timeFile, cmd, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [],
      err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    let killed = false;
    const signal = (sig: NodeJS.Signals) => {
      for (const pid of childrenOf(child.pid!)) {
        try {
          process.kill(pid, sig);
        } catch {
          /* gone */
        }
      }
    };
    const soft = setTimeout(() => {
      killed = true;
      signal('SIGINT');
    }, hardWallSec * 1000);
    const hard = setTimeout(
      () => {
        signal('SIGKILL');
      },
      (hardWallSec + 15) * 1000,
    );
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(soft);
      clearTimeout(hard);
      let peakKb: number | null = null,
        cpuSec: number | null = null;
      if (existsSync(timeFile)) {
        const last = readFileSync(timeFile, 'utf8').trim().split('\n').pop()!.split(/\s+/).map(Number);
        if (last.length === 4 && last.every(Number.isFinite)) {
          peakKb = last[1]!;
          cpuSec = last[2]! + last[3]!;
        }
        rmSync(timeFile, { force: true });
      }
      resolve({
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        code,
        wallSec: (performance.now() - t0) / 1000,
        peakKb,
        cpuSec,
        killed,
      });
    });
  });
}

function jsonLines(text: string): Record<string, unknown>[] {
  return text
    .split('\n')
    .filter((l) => l.startsWith('{"name"'))
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

// ---------------------------------------------------------------------------------------------
// Checking an answer

function integralData(p: PlacementProblem): boolean {
  for (let k = 0; k < p.pairValue.length; k++) if (!Number.isInteger(p.pairValue[k]!)) return false;
  if (p.unplacedValue) for (const v of p.unplacedValue) if (Number.isFinite(v) && !Number.isInteger(v)) return false;
  return true;
}

const integral = new Map<string, boolean>();

/** Builds a result row from an engine's answer: recomputes the objective and the gap, checks the bound. */
function judge(
  inst: BenchInstance,
  engine: string,
  claim: {
    assignment: Int32Array | null;
    bound: number | null;
    status: string;
    solveSec: number | null;
    totalSec: number | null;
    cpuSec: number | null;
    peakKb: number | null;
    sharedProcess: boolean;
    claimedObjective?: number | null;
  },
): Result {
  const p = inst.problem;
  const problems: string[] = [];
  let objective: number | null = null;
  let status = claim.status;
  if (claim.assignment) {
    const ev = evaluate(p, claim.assignment);
    if (ev.feasible) objective = ev.objective;
    else {
      status = `INVALID (${ev.violations.length} violated, ${ev.invalidAgents.length} agents misplaced)`;
      problems.push(`${engine} returned an infeasible answer on ${inst.name}`);
    }
    if (
      objective !== null &&
      claim.claimedObjective != null &&
      Math.abs(claim.claimedObjective - objective) > 1e-6 * Math.max(1, Math.abs(objective))
    ) {
      problems.push(
        `${engine} claims objective ${claim.claimedObjective} on ${inst.name}, the answer is worth ${objective}`,
      );
    }
  }
  let bound = claim.bound;
  if (bound !== null && !Number.isFinite(bound)) bound = null;
  if (bound !== null) {
    let isInt = integral.get(inst.name);
    if (isInt === undefined) {
      isInt = integralData(p);
      integral.set(inst.name, isInt);
    }
    if (isInt) bound = p.sense === 'min' ? Math.ceil(bound - 1e-6) : Math.floor(bound + 1e-6);
    const tol = 1e-6 * Math.max(1, Math.abs(objective ?? bound));
    if (objective !== null && (p.sense === 'min' ? bound > objective + tol : bound < objective - tol)) {
      problems.push(`${engine}: bound ${bound} is on the wrong side of the objective ${objective} on ${inst.name}`);
      status += ' BOUND WRONG';
    }
    if (
      inst.knownOptimum !== undefined &&
      inst.optimumProven &&
      (p.sense === 'min' ? bound > inst.knownOptimum + tol : bound < inst.knownOptimum - tol)
    ) {
      problems.push(`${engine}: bound ${bound} excludes the known optimum ${inst.knownOptimum} of ${inst.name}`);
      status += ' BOUND WRONG';
    }
  }
  const gap =
    objective !== null && bound !== null ? Math.abs(objective - bound) / Math.max(1, Math.abs(objective)) : null;
  const atKnown =
    inst.knownOptimum === undefined || objective === null
      ? inst.knownOptimum === undefined
        ? null
        : false
      : Math.round(objective) === inst.knownOptimum;
  return {
    instance: inst.name,
    group: inst.group,
    engine,
    solveSec: claim.solveSec,
    totalSec: claim.totalSec,
    cpuSec: claim.cpuSec,
    sharedProcess: claim.sharedProcess,
    objective,
    bound,
    gap,
    peakMb: claim.peakKb === null ? null : claim.peakKb / 1024,
    status,
    known: inst.knownOptimum ?? null,
    atKnown,
    proven: gap !== null && gap <= 1e-9,
    problems,
  };
}

// ---------------------------------------------------------------------------------------------
// The engines

async function runOurs(insts: BenchInstance[], group: string): Promise<Result[]> {
  const dir = mkdtempSync(path.join(workDir, 'ours-'));
  const limit = limitFor(group);
  const hard = insts.length * limit * 1.5 + 120;
  const proc = await run(
    process.execPath,
    [
      '--import',
      'tsx',
      'bench/placement-worker.ts',
      dir,
      String(limit),
      String(gapFor(group)),
      ENGINE,
      ...insts.map((i) => i.name),
    ],
    hard,
  );
  const lines = new Map(jsonLines(proc.stdout).map((l) => [l.name as string, l]));
  const results = insts.map((inst) => {
    const l = lines.get(inst.name);
    if (!l || l.error) {
      const error = l?.error;
      const why =
        typeof error === 'string' && error
          ? error
          : proc.killed
            ? `killed after ${hard} s`
            : `no answer (exit ${proc.code}): ${proc.stderr.trim().split('\n').slice(-3).join(' / ')}`;
      return {
        ...judge(inst, OURS, {
          assignment: null,
          bound: null,
          status: `error: ${why}`,
          solveSec: null,
          totalSec: null,
          cpuSec: proc.cpuSec,
          peakKb: proc.peakKb,
          sharedProcess: true,
        }),
        problems: [`${OURS} on ${inst.name}: ${why}`],
      };
    }
    const file = path.join(dir, `${inst.name}.assignment.i32`);
    const buf = readFileSync(file);
    const assignment = new Int32Array(buf.buffer, buf.byteOffset, buf.byteLength / 4).slice();
    const solveSec = l.solveSec as number,
      genSec = l.genSec as number;
    const r = judge(inst, `${OURS} (${String(l.engine)})`, {
      assignment,
      bound: l.bound as number,
      status: String(l.status),
      solveSec,
      totalSec: solveSec + genSec,
      cpuSec: proc.cpuSec,
      peakKb: proc.peakKb,
      sharedProcess: true,
      claimedObjective: l.objective as number,
    });
    if (process.env.BENCH_VERBOSE) console.error(`  ${inst.name} ${OURS}: ${(l.notes as string[]).join('; ')}`);
    return r;
  });
  rmSync(dir, { recursive: true, force: true });
  return results;
}

/** The last number after `label` in CBC's log. */
function lastNumber(log: string, re: RegExp): number | null {
  let m: RegExpExecArray | null,
    v: number | null = null;
  const g = new RegExp(re.source, 'g');
  while ((m = g.exec(log))) v = Number(m[1]);
  return v !== null && Number.isFinite(v) ? v : null;
}

/**
 * CBC on the LP file. `relax`: the LP relaxation instead of the MIP (Clp through CBC's command
 * line), what a user who knows that a network problem's LP has an integral optimum would run;
 * its optimum is then a valid bound for the placement problem and evaluate() checks that the
 * vertex it returns is a placement.
 */
async function runCbc(inst: BenchInstance, group: string, relax = false): Promise<Result> {
  const dir = mkdtempSync(path.join(workDir, 'cbc-'));
  const lpFile = path.join(dir, 'model.lp'),
    solFile = path.join(dir, 'out.txt');
  const limit = limitFor(group),
    gapTol = gapFor(group);
  const engine = relax ? 'CBC (LP relaxation)' : 'CBC';
  const tw = performance.now();
  writeFileSync(lpFile, writeLp(inst.problem, { integer: !relax }));
  const writeSec = (performance.now() - tw) / 1000;
  // CBC checks its time limit only between phases: the hard wall stops it some time after.
  const hard = limit + Math.max(30, limit / 2);
  const proc = await run(
    'cbc',
    [
      lpFile,
      '-timeMode',
      'elapsed',
      '-sec',
      String(limit),
      '-ratioGap',
      String(gapTol),
      '-solve',
      '-solu',
      solFile,
      '-quit',
    ],
    hard,
  );
  const log = proc.stdout;
  // The solve time: for the MIP, CBC's own wall clock after reading the file ("Time (Wallclock
  // seconds)" of the result); for the LP, which prints no such line, CBC's total wall clock
  // minus the wall time of reading the same file alone (`cbc model.lp -quit`).
  let solveSec = relax ? null : lastNumber(log, /\nTime \(Wallclock seconds\):\s+([\d.]+)/);
  if (relax) {
    const total = lastNumber(log, /\(Wallclock seconds\):\s+([\d.]+)/);
    const readOnly = await run('cbc', [lpFile, '-quit'], hard);
    if (total !== null) solveSec = Math.max(0, total - readOnly.wallSec);
  }
  let result: Result;
  const stats = { solveSec, totalSec: proc.wallSec, cpuSec: proc.cpuSec, peakKb: proc.peakKb, sharedProcess: false };
  if (!existsSync(solFile) || readFileSync(solFile, 'utf8').trim() === '') {
    const why = proc.killed
      ? `no answer: stopped at ${hard} s wall (limit ${limit} s)`
      : `no solution file (exit ${proc.code})`;
    result = judge(inst, engine, { assignment: null, bound: null, status: why, ...stats });
  } else {
    const text = readFileSync(solFile, 'utf8');
    const st = readCbcStatus(text);
    const assignment = st.infeasible ? null : readCbcSolution(text, inst.problem);
    // The bound: the LP optimum; the MIP proven optimal (ratioGap 0): the objective itself;
    // otherwise CBC's "best possible", which its log states in minimisation form (negated for a
    // maximisation), or its "Lower bound" line.
    let bound: number | null = null;
    const partial = /best objective (\S+) \(best possible (\S+)\)/g;
    let m: RegExpExecArray | null,
      last: [number, number] | null = null;
    while ((m = partial.exec(log))) last = [Number(m[1]), Number(m[2])];
    if (st.optimal && (relax || gapTol === 0)) bound = st.objective;
    else if (last) bound = Math.sign(last[0]) !== Math.sign(st.objective) && st.objective !== 0 ? -last[1] : last[1];
    else {
      const lb = lastNumber(log, /Lower bound:\s+(-?[\d.e+-]+)/);
      if (lb !== null) bound = inst.problem.sense === 'min' ? lb : -lb;
    }
    const status = `${st.status.toLowerCase()}${proc.killed ? ' (interrupted)' : ''}`;
    result = judge(inst, engine, { assignment, bound, status, ...stats, claimedObjective: st.objective });
  }
  if (process.env.BENCH_VERBOSE)
    console.error(`  ${inst.name} ${engine}: LP file ${readFileSizeMb(lpFile)} MB written in ${writeSec.toFixed(1)} s`);
  rmSync(dir, { recursive: true, force: true });
  return result;
}

function readFileSizeMb(f: string): string {
  try {
    return (readFileSync(f).byteLength / 1e6).toFixed(0);
  } catch {
    return '?';
  }
}

function writeScipyInput(dir: string, inst: BenchInstance, group: string, relax: boolean): void {
  const p = inst.problem;
  mkdirSync(dir, { recursive: true });
  const raw = (name: string, a: Int32Array | Float64Array) => {
    writeFileSync(path.join(dir, name), Buffer.from(a.buffer, a.byteOffset, a.byteLength));
  };
  raw('pairAgent.i32', p.pairAgent);
  raw('pairOption.i32', p.pairOption);
  raw('pairValue.f64', p.pairValue);
  p.dimensions.forEach((d, q) => {
    raw(`use${q}.f64`, d.use);
  });
  const total = p.constraints.reduce((s, c) => s + c.options.length, 0);
  const consOptions = new Int32Array(total);
  let at = 0;
  for (const c of p.constraints) {
    consOptions.set(c.options, at);
    at += c.options.length;
  }
  raw('consOptions.i32', consOptions);
  if (p.unplacedValue) raw('unplaced.f64', p.unplacedValue);
  writeFileSync(
    path.join(dir, 'header.json'),
    JSON.stringify({
      name: inst.name,
      sense: p.sense,
      agents: p.agents,
      options: p.options,
      dimensions: p.dimensions.map((d) => d.name),
      constraints: p.constraints.map((c) => ({ dimension: c.dimension, cap: c.cap, options: c.options.length })),
      hasUnplaced: !!p.unplacedValue,
      timeLimitSec: limitFor(group),
      gapTolerance: gapFor(group),
      relax,
    }),
  );
}

const SCIPY_STATUS: Record<number, string> = {
  0: 'optimal',
  1: 'time limit',
  2: 'infeasible',
  3: 'unbounded',
  4: 'error',
};

/** scipy.optimize.milp (native HiGHS), one process for the group; `relax`: the LP relaxation. */
async function runScipy(insts: BenchInstance[], group: string, relax = false): Promise<Result[]> {
  const engine = relax ? 'scipy/HiGHS (LP relaxation)' : 'scipy/HiGHS';
  const dir = mkdtempSync(path.join(workDir, 'scipy-'));
  const dirs = insts.map((inst) => {
    const d = path.join(dir, inst.name);
    writeScipyInput(d, inst, group, relax);
    return d;
  });
  const hard = insts.length * limitFor(group) * 1.5 + 120;
  const proc = await run('python3', ['bench/peers/scipy_solve.py', ...dirs], hard);
  const lines = new Map(jsonLines(proc.stdout).map((l) => [l.name as string, l]));
  const results = insts.map((inst, q) => {
    const l = lines.get(inst.name);
    if (!l) {
      const why = proc.killed
        ? `killed after ${hard} s`
        : `no answer (exit ${proc.code}): ${proc.stderr.trim().split('\n').slice(-2).join(' / ')}`;
      return {
        ...judge(inst, engine, {
          assignment: null,
          bound: null,
          status: why,
          solveSec: null,
          totalSec: null,
          cpuSec: proc.cpuSec,
          peakKb: proc.peakKb,
          sharedProcess: true,
        }),
        problems: [`scipy on ${inst.name}: ${why}`],
      };
    }
    const file = path.join(dirs[q]!, 'assignment.i32');
    const buf = readFileSync(file);
    const assignment =
      l.objective === null ? null : new Int32Array(buf.buffer, buf.byteOffset, buf.byteLength / 4).slice();
    const status = SCIPY_STATUS[l.status as number] ?? `status ${String(l.status)}`;
    return judge(inst, engine, {
      assignment,
      bound: relax && l.status === 0 ? (l.objective as number) : (l.bound as number | null),
      status,
      solveSec: l.solveSec as number,
      totalSec: (l.solveSec as number) + (l.loadSec as number),
      cpuSec: proc.cpuSec,
      peakKb: Math.max(proc.peakKb ?? 0, l.maxRssKb as number),
      sharedProcess: true,
      claimedObjective: l.objective as number | null,
    });
  });
  rmSync(dir, { recursive: true, force: true });
  return results;
}

// ---------------------------------------------------------------------------------------------
// Printing

function fmtNum(x: number | null, digits = 2): string {
  if (x === null) return '—';
  return Number.isInteger(x)
    ? x.toLocaleString('en')
    : x.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}
const fmtSec = (x: number | null) => (x === null ? '—' : x < 10 ? x.toFixed(2) : x.toFixed(1));
const fmtGap = (x: number | null) => (x === null ? '—' : `${(100 * x).toFixed(3)}%`);

/** One row for a group of problems (a GAP file) or the instance itself. */
function aggregate(rs: Result[]): Result & { count: number } {
  if (rs.length === 1) return { ...rs[0]!, count: 1 };
  const sum = (f: (r: Result) => number | null) =>
    rs.some((r) => f(r) === null) ? null : rs.reduce((s, r) => s + f(r)!, 0);
  const shared = rs[0]!.sharedProcess;
  const known = rs.filter((r) => r.atKnown).length;
  const statuses = [...new Set(rs.map((r) => r.status))];
  return {
    instance: `${rs[0]!.group} (${rs.length})`,
    group: rs[0]!.group,
    engine: rs[0]!.engine,
    solveSec: sum((r) => r.solveSec),
    totalSec: sum((r) => r.totalSec),
    cpuSec: shared ? rs[0]!.cpuSec : sum((r) => r.cpuSec),
    sharedProcess: shared,
    objective: sum((r) => r.objective),
    bound: sum((r) => r.bound),
    gap: rs.some((r) => r.gap === null) ? null : Math.max(...rs.map((r) => r.gap!)),
    peakMb: rs.some((r) => r.peakMb === null) ? null : Math.max(...rs.map((r) => r.peakMb!)),
    known: null,
    status: `${statuses.join(', ')}; ${known}/${rs.length} at ${rs[0]!.group === 'gapd' ? 'best known' : 'optimum'}`,
    atKnown: known === rs.length,
    proven: rs.every((r) => r.proven),
    problems: rs.flatMap((r) => r.problems),
    count: rs.length,
  };
}

function printTable(rows: Result[]): void {
  console.log(
    ['instance', 'engine', 'time s', 'total s', 'cpu s', 'objective', 'bound', 'gap', 'peak MB', 'status'].join(' | '),
  );
  console.log('--- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---');
  for (const r of rows) {
    const status =
      r.atKnown === true && !r.status.includes(' at ')
        ? `${r.status}, = known ${r.group === 'gapd' ? 'best' : 'optimum'}`
        : r.atKnown === false && !r.status.includes(' at ')
          ? `${r.status}, ≠ known optimum`
          : r.status;
    console.log(
      [
        r.instance,
        r.engine,
        fmtSec(r.solveSec),
        fmtSec(r.totalSec),
        fmtSec(r.cpuSec),
        fmtNum(r.objective),
        fmtNum(r.bound),
        fmtGap(r.gap),
        r.peakMb === null ? '—' : r.peakMb.toFixed(0),
        status,
      ].join(' | '),
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Main

const workDir = mkdtempSync(path.join(tmpdir(), 'medborger-bench-placement-'));
const results: Result[] = [];
const hasScipy =
  PEERS.includes('scipy') &&
  (await run('python3', ['-c', 'import scipy.optimize; assert hasattr(scipy.optimize, "milp")'], 60)).code === 0;
const hasCbc = PEERS.includes('cbc') && (await run('cbc', ['-quit'], 60)).code === 0;
if (PEERS.includes('scipy') && !hasScipy)
  console.error('scipy with optimize.milp not found: the scipy peer is skipped');
if (PEERS.includes('cbc') && !hasCbc)
  console.error('cbc not found (Debian: apt-get install coinor-cbc): the CBC peer is skipped');
const t00 = performance.now();

try {
  for (const set of SETS) {
    for (const { group, names } of instanceGroups(set)) {
      const selected = ONLY ? (ONLY.has(group) ? names : names.filter((n) => ONLY.has(n))) : names;
      if (selected.length === 0) continue;
      const insts = selected.map(buildInstance);
      const np = insts.reduce((s, i) => s + i.problem.pairAgent.length, 0);
      console.error(
        `[${((performance.now() - t00) / 1000).toFixed(0)} s] ${group}: ${insts.length} problem(s), ${np.toLocaleString('en')} pairs, limit ${limitFor(group)} s`,
      );
      const groupResults: Result[] = [];
      groupResults.push(...(await runOurs(insts, group)));
      if (hasCbc) for (const inst of insts) groupResults.push(await runCbc(inst, group));
      // On the generated network instances the MIP peers may run out of time where the LP
      // relaxation (integral for a network) answers: run that too, as a knowing user would.
      const relaxToo = insts.every((i) => i.network && i.family === 'municipal');
      if (hasCbc && relaxToo) for (const inst of insts) groupResults.push(await runCbc(inst, group, true));
      if (hasScipy) groupResults.push(...(await runScipy(insts, group)));
      if (hasScipy && relaxToo) groupResults.push(...(await runScipy(insts, group, true)));
      for (const r of groupResults)
        console.error(
          `    ${r.instance} ${r.engine}: ${fmtSec(r.solveSec)} s, objective ${fmtNum(r.objective)}, bound ${fmtNum(r.bound)}, ${r.status}`,
        );
      results.push(...groupResults);
    }
  }
} finally {
  rmSync(workDir, { recursive: true, force: true });
}

// The table: one row per instance (per GAP file) and engine.
const engineKey = (e: string) => (e.startsWith(OURS) ? OURS : e);
const groups = [...new Set(results.map((r) => r.group))];
const rows: Result[] = [];
for (const g of groups) {
  const inGroup = results.filter((r) => r.group === g);
  for (const e of [...new Set(inGroup.map((r) => engineKey(r.engine)))]) {
    const rs = inGroup.filter((r) => engineKey(r.engine) === e);
    const agg = aggregate(rs);
    if (rs.length > 1) agg.engine = [...new Set(rs.map((r) => r.engine))].join(', ');
    rows.push(agg);
  }
}
console.log(
  `\nPlacement benchmark (${new Date().toISOString().slice(0, 10)}; ${SETS.join(', ')}; peers: ${[hasCbc ? 'CBC' : '', hasScipy ? 'scipy/HiGHS' : ''].filter(Boolean).join(', ') || 'none'}; limits ${LIMIT} s, gapd ${GAPD_LIMIT} s per problem, national ${NATIONAL_LIMIT} s at gap ${NATIONAL_GAP})\n`,
);
printTable(rows);
if (DETAIL) {
  console.log('\nPer problem:\n');
  printTable(results.filter((r) => r.group.startsWith('gap')));
}

// Goals.
console.log('\nGoals:');
const byEngine = (e: string) => results.filter((r) => engineKey(r.engine) === e);
const engines = [...new Set(results.map((r) => engineKey(r.engine)))];
const orlibGoal = (r: Result) => r.group.startsWith('assign') || /^gap(\d+|[abc])$/.test(r.group);
if (results.some(orlibGoal)) {
  for (const e of engines) {
    const rs = byEngine(e).filter(orlibGoal);
    if (rs.length === 0) continue; // an engine run only on other instances (an LP relaxation)
    const count = (f: (r: Result) => boolean) =>
      `${rs.filter((r) => f(r) && r.atKnown && r.proven).length}/${rs.filter(f).length}`;
    console.log(
      `- OR-Library, ${e}: assign ${count((r) => r.group.startsWith('assign'))}, gap1–12 ${count((r) => /^gap\d+$/.test(r.group))}, gapa–c ${count((r) => /^gap[abc]$/.test(r.group))} at the known optimum and proven optimal by the engine's bound`,
    );
  }
  const gapd = results.filter((r) => r.group === 'gapd');
  for (const e of engines) {
    const rs = gapd.filter((r) => engineKey(r.engine) === e);
    if (rs.length > 0)
      console.log(
        `- gapd (${GAPD_LIMIT} s each), ${e}: largest gap ${fmtGap(rs.some((r) => r.gap === null) ? null : Math.max(...rs.map((r) => r.gap!)))}, ${rs.filter((r) => r.atKnown).length}/${rs.length} at the best known value, excess over best known ${rs.map((r) => (r.objective === null ? '—' : fmtNum(r.objective - (r.known ?? NaN), 0))).join(' ')}`,
      );
  }
}
if (hasCbc) {
  // Per network instance: ours against the fastest CBC run (MIP or LP relaxation) that reached
  // the same objective.
  const ratios: string[] = [];
  const values: number[] = [];
  const same = (a: number, b: number) => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a));
  for (const r of byEngine(OURS)) {
    if (!(r.group.startsWith('assign') || r.group.startsWith('municipal'))) continue;
    const cbcRuns = results.filter((x) => x.engine.startsWith('CBC') && x.instance === r.instance);
    if (r.objective === null || r.solveSec === null) {
      ratios.push(`${r.instance}: ${OURS} has no answer`);
      continue;
    }
    const at = cbcRuns.filter((c) => c.objective !== null && c.solveSec !== null && same(r.objective!, c.objective));
    if (at.length === 0) {
      ratios.push(
        `${r.instance}: CBC did not reach ${fmtNum(r.objective)} (${cbcRuns.map((c) => `${c.engine}: ${c.status}, ${fmtNum(c.objective)}`).join('; ') || 'no CBC run'})`,
      );
      continue;
    }
    const c = at.reduce((a, b) => (b.solveSec! < a.solveSec! ? b : a));
    const ratio = c.solveSec! / Math.max(r.solveSec, 1e-3);
    const ratioTotal = c.totalSec !== null && r.totalSec !== null ? c.totalSec / Math.max(r.totalSec, 1e-3) : NaN;
    values.push(ratio);
    ratios.push(`${r.instance} ${ratio.toFixed(1)}× vs ${c.engine} (totals ${ratioTotal.toFixed(1)}×)`);
  }
  if (ratios.length > 0) {
    const geo = values.length ? Math.exp(values.reduce((s, v) => s + Math.log(v), 0) / values.length) : NaN;
    console.log(
      `- Network instances, speed-up of ${OURS} over CBC at the same optimum (solve times; goal ≥ 10×): ${values.length ? `min ${Math.min(...values).toFixed(1)}×, geometric mean ${geo.toFixed(1)}×, ${values.filter((v) => v >= 10).length}/${values.length} at ≥ 10×` : 'no comparable runs'}; ${ratios.join('; ')}`,
    );
  }
}
const nat = byEngine(OURS).find((r) => r.group.startsWith('national'));
if (nat) {
  const ok =
    nat.gap !== null &&
    nat.gap <= 0.001 &&
    nat.solveSec !== null &&
    nat.solveSec <= 60 &&
    nat.peakMb !== null &&
    nat.peakMb < 2048;
  console.log(
    `- National (goal: gap ≤ 0.1 % within 60 s, < 2 GB): ${OURS} gap ${fmtGap(nat.gap)}, solve ${fmtSec(nat.solveSec)} s (with generation ${fmtSec(nat.totalSec)} s), peak ${nat.peakMb === null ? '—' : nat.peakMb.toFixed(0)} MB → ${ok ? 'met' : 'NOT met'}`,
  );
  for (const r of results.filter((x) => x.group.startsWith('national') && engineKey(x.engine) !== OURS)) {
    console.log(
      `  ${r.engine}: ${r.status}, gap ${fmtGap(r.gap)}, ${fmtSec(r.solveSec)} s solve, ${fmtSec(r.totalSec)} s total, ${r.peakMb === null ? '—' : r.peakMb.toFixed(0)} MB`,
    );
  }
}
const problems = results.flatMap((r) => r.problems);
if (problems.length > 0) {
  console.log('\nProblems found:');
  for (const p of problems) console.log(`- ${p}`);
}
console.log(`\nWall time of the benchmark: ${((performance.now() - t00) / 1000).toFixed(0)} s`);
