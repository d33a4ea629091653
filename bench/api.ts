// Benchmark: Medborger's API under concurrent load, beside a raw Fastify + pg server doing the
// same durable work (bench/api-baseline.ts: read the person, append the access-log row, commit,
// in one transaction; the same pool size), both started by this script as processes of their own
// on a freshly created PostgreSQL database seeded with the demo population. Interleaved A/B with
// autocannon at 16 and 64 connections: GET person, a name search, a write (POST a conversation),
// and the worklist (beside Medborger's own GET person). Printed: req/s, p50, p99, errors, and the
// ratios against the goals (throughput >= 50 % of the baseline's, p99 <= 2x the baseline's).
//
// Then the embedded database (PGlite, the same demo): GET person and the worklist at 16 and 64
// connections, and the stall: a person read of Tønder (550), one request at a time, idle and
// while Aabenraa's (580) worklist is loaded at 16 connections (goal: p99 <= 100 ms).
//
// Aabenraa (580), whose worklist is loaded, is topped up to --persons (default 5,000) persons.
//
// Run: npm run bench:api [-- --duration 10 --rounds 2 --engine both|postgres|pglite --persons 5000]
//   BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres; a database is created
//   and dropped), BENCH_NODE_FLAGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" for the servers).
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import pg from 'pg';
import { loadConfig } from '../src/config.js';
import { migrate, openDatabase, type Database } from '../src/db/database.js';
import { SERVER_ROLE } from '../src/db/names.js';
import { seedDemo } from '../src/demo/seed.js';
import { openRuntime } from '../src/runtime.js';
import { CprVault } from '../src/security/cpr-vault.js';
import { createToken } from '../src/services/tokens.js';
import { generatePopulation } from './generate.js';
import { ownerAutovacuum } from './owner-autovacuum.js';

const { values: opts } = parseArgs({
  options: {
    duration: { type: 'string', default: process.env.BENCH_DURATION ?? '10' },
    rounds: { type: 'string', default: process.env.BENCH_ROUNDS ?? '2' },
    engine: { type: 'string', default: process.env.BENCH_ENGINE ?? 'both' },
    only: { type: 'string', default: '' },
    persons: { type: 'string', default: process.env.BENCH_PERSONS ?? '5000' },
  },
});
const DURATION = Number(opts.duration);
const ROUNDS = Number(opts.rounds);
const CONNECTIONS = [16, 64];
const PG_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const NODE_FLAGS = (process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean);
const ROOT = path.resolve(import.meta.dirname, '..');
const TODAY = new Date().toISOString().slice(0, 10);
/** Aabenraa (580), whose worklist is loaded, has this many persons: the demo's and generated ones. */
const PERSONS = Number(opts.persons);

/** The first worklist of the day evaluates every person of the municipality (src/services/obligation-store.ts): timed apart. */
async function firstWorklist(url: string, l: ReturnType<typeof loads>): Promise<void> {
  const t0 = performance.now();
  const res = await fetch(url + l.worklist.path(), { headers: l.worklist.headers });
  const body = await res.text();
  if (!res.ok) throw new Error(`the first worklist answered ${res.status}: ${body.slice(0, 500)}`);
  console.log(
    `first worklist of the day (evaluates and stores the obligations of ${PERSONS} persons): ${(performance.now() - t0).toFixed(0)} ms, ${res.status}`,
  );
}

/** Tops Aabenraa up from the demo's persons to PERSONS with generated ones (bench/generate.ts). */
async function topUp(db: Database['db']): Promise<void> {
  const { rows } = await sql<{
    n: number;
  }>`SELECT count(*)::int AS n FROM persons WHERE municipality_code = '580'`.execute(db);
  const missing = PERSONS - rows[0]!.n;
  if (missing > 0) await generatePopulation(db, '580', missing);
}

interface Server {
  url: string;
  proc: ChildProcess;
  stop(): Promise<void>;
}

async function waitForHealth(url: string, proc: ChildProcess, output: () => string): Promise<void> {
  const t0 = Date.now();
  while (Date.now() - t0 < 120_000) {
    if (proc.exitCode !== null) throw new Error(`server exited (${proc.exitCode}):\n${output()}`);
    try {
      const res = await fetch(`${url}/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no /health within 120 s:\n${output()}`);
}

async function start(script: string[], env: Record<string, string>, port: number): Promise<Server> {
  const proc = spawn(process.execPath, [...NODE_FLAGS, '--import', 'tsx', ...script], {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  await waitForHealth(url, proc, () => out);
  return {
    url,
    proc,
    stop: () =>
      new Promise<void>((resolve) => {
        if (proc.exitCode !== null) {
          resolve();
          return;
        }
        proc.once('exit', () => {
          resolve();
        });
        proc.kill('SIGTERM');
      }),
  };
}

interface Load {
  method?: 'GET' | 'POST';
  /** a path per request (rotates through the ids) */
  path: () => string;
  body?: string;
  headers?: Record<string, string>;
}

interface Figures {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

async function cannon(base: string, load: Load, connections: number, duration = DURATION): Promise<Figures> {
  // One request first: a benchmark of error answers measures nothing.
  const probe = await fetch(`${base}${load.path()}`, {
    method: load.method ?? 'GET',
    headers: { ...(load.body ? { 'content-type': 'application/json' } : {}), ...load.headers },
    ...(load.body ? { body: load.body } : {}),
  });
  if (!probe.ok)
    throw new Error(
      `${load.method ?? 'GET'} ${load.path()} answered ${probe.status}: ${(await probe.text()).slice(0, 300)}`,
    );
  const result = await autocannon({
    url: base,
    connections,
    duration,
    timeout: 30,
    requests: [
      {
        method: load.method ?? 'GET',
        ...(load.body ? { body: load.body } : {}),
        headers: { ...(load.body ? { 'content-type': 'application/json' } : {}), ...load.headers },
        setupRequest: (req) => ({ ...req, path: load.path() }),
      },
    ],
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

function combine(runs: Figures[]): Figures {
  return {
    rps: median(runs.map((r) => r.rps)),
    p50: median(runs.map((r) => r.p50)),
    p99: median(runs.map((r) => r.p99)),
    errors: runs.reduce((a, r) => a + r.errors, 0),
    non2xx: runs.reduce((a, r) => a + r.non2xx, 0),
  };
}

function rotate<T>(xs: T[]): () => T {
  let i = 0;
  return () => xs[i++ % xs.length]!;
}

const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');

interface Fixture {
  tokens: Record<string, string>;
  ids: Record<string, string[]>;
  names: string[];
  userId580: string;
}

async function fixture(db: Database['db']): Promise<Fixture> {
  const tokens: Record<string, string> = {};
  let userId580 = '';
  for (const code of ['580', '550']) {
    const t = await createToken(db, { municipalityCode: code, role: 'caseworker', userName: `bench ${code}`, days: 1 });
    tokens[code] = t.token;
    if (code === '580') userId580 = t.userId;
  }
  const ids: Record<string, string[]> = {};
  for (const code of ['580', '550']) {
    const rows = await sql<{
      id: string;
    }>`SELECT id FROM persons WHERE municipality_code = ${code} ORDER BY id LIMIT 400`.execute(db);
    ids[code] = rows.rows.map((r) => r.id);
  }
  const names = await sql<{ n: string }>`
    SELECT DISTINCT lower(split_part(family_name, ' ', 1)) AS n FROM persons WHERE municipality_code = '580' ORDER BY 1 LIMIT 40`.execute(
    db,
  );
  return { tokens, ids, names: names.rows.map((r) => r.n), userId580 };
}

function loads(f: Fixture) {
  const auth = { authorization: `Bearer ${f.tokens['580']}` };
  const id = rotate(f.ids['580']!);
  const name = rotate(f.names);
  const conversation = JSON.stringify({ date: TODAY, kind: 'other', repatriationGuidance: false, note: 'Benchmark' });
  const m = '/api/v1/municipalities/580';
  return {
    person: {
      medborger: { path: () => `${m}/persons/${id()}`, headers: auth },
      baseline: { path: () => `/persons/${id()}` },
    },
    search: {
      medborger: { path: () => `${m}/persons?query=${encodeURIComponent(name())}`, headers: auth },
      baseline: { path: () => `/persons?query=${encodeURIComponent(name())}` },
    },
    write: {
      medborger: {
        method: 'POST' as const,
        path: () => `${m}/persons/${id()}/conversations`,
        headers: auth,
        body: conversation,
      },
      baseline: { method: 'POST' as const, path: () => `/persons/${id()}/conversations`, body: conversation },
    },
    worklist: { path: () => `${m}/worklist`, headers: auth },
  };
}

function pct(x: number): string {
  return `${(100 * x).toFixed(0)} %`;
}

function row(cells: (string | number)[], widths: number[]): string {
  return cells.map((c, i) => String(c).padEnd(widths[i] ?? 10)).join(' ');
}

const W = [22, 6, 10, 9, 9, 8, 12, 12];
const header = () => {
  console.log(row(['what', 'conn', 'req/s', 'p50 ms', 'p99 ms', 'errors', 'throughput', 'p99 ratio'], W));
};
const line = (what: string, c: number, r: Figures, base?: Figures) => {
  const thr = base ? r.rps / base.rps : NaN;
  const p99 = base ? r.p99 / base.p99 : NaN;
  console.log(
    row(
      [
        what,
        c,
        r.rps.toFixed(0),
        r.p50.toFixed(1),
        r.p99.toFixed(1),
        r.errors + r.non2xx,
        base ? `${pct(thr)} ${thr >= 0.5 ? 'ok' : 'MISS'}` : '',
        base ? `${p99.toFixed(1)}x ${p99 <= 2 ? 'ok' : 'MISS'}` : '',
      ],
      W,
    ),
  );
};

/** Sequential person reads of another municipality (idle, then while `busy` runs). */
async function stall(server: Server, f: Fixture, seconds: number): Promise<void> {
  const other = rotate(f.ids['550']!);
  const headers = { authorization: `Bearer ${f.tokens['550']}` };
  const probe = async (ms: number) => {
    const times: number[] = [];
    const until = performance.now() + ms;
    while (performance.now() < until) {
      const t = performance.now();
      const res = await fetch(`${server.url}/api/v1/municipalities/550/persons/${other()}`, { headers });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`person read answered ${res.status}`);
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    return {
      n: times.length,
      p50: times[Math.floor(times.length / 2)]!,
      p99: times[Math.floor(times.length * 0.99)]!,
      max: times.at(-1)!,
    };
  };
  const idle = await probe(Math.min(3000, seconds * 1000));
  const l = loads(f);
  const busy = cannon(server.url, l.worklist, 16, seconds);
  await new Promise((r) => setTimeout(r, 500));
  const loaded = await probe(seconds * 1000 - 1000);
  const w = await busy;
  const fmt = (x: { n: number; p50: number; p99: number; max: number }) =>
    `n ${x.n}, p50 ${x.p50.toFixed(0)} ms, p99 ${x.p99.toFixed(0)} ms, max ${x.max.toFixed(0)} ms`;
  console.log(`  a person of 550, idle:                                ${fmt(idle)}`);
  console.log(
    `  a person of 550, while 580's worklist runs at 16 conn: ${fmt(loaded)}  (goal p99 <= 100 ms: ${loaded.p99 <= 100 ? 'ok' : 'MISS'}; worklist ${w.rps.toFixed(1)} req/s, p99 ${w.p99.toFixed(0)} ms, ${w.errors + w.non2xx} errors)`,
  );
}

async function benchPostgres(): Promise<Figures | null> {
  const admin = new URL(PG_URL);
  const name = `medborger_bench_${randomBytes(4).toString('hex')}`;
  const c = new pg.Client({ connectionString: admin.toString() });
  await c.connect();
  await c.query(`CREATE DATABASE ${name}`);
  await c.end();
  const ownerUrl = new URL(admin.toString());
  ownerUrl.pathname = `/${name}`;
  const appUrl = new URL(ownerUrl.toString());
  appUrl.username = SERVER_ROLE;
  appUrl.password = '';
  const key = randomBytes(32);
  const servers: Server[] = [];
  const owner = await openDatabase({ dataDir: tmpdir(), databaseUrl: ownerUrl.toString(), command: 'bench' });
  let vacuum: Awaited<ReturnType<typeof ownerAutovacuum>> | null = null;
  try {
    await migrate(owner.db);
    const t0 = performance.now();
    await seedDemo(owner.db, new CprVault(key));
    await topUp(owner.db);
    await sql`ANALYZE`.execute(owner.db);
    const f = await fixture(owner.db);
    console.error(`PostgreSQL ${name}: demo seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    const medborger = await start(
      ['src/cli/main.ts', 'serve'],
      { DATABASE_URL: appUrl.toString(), MEDBORGER_CPR_KEY: key.toString('base64'), MEDBORGER_DEMO_IDP_PORT: '0' },
      3901,
    );
    servers.push(medborger);
    const baseline = await start(
      ['bench/api-baseline.ts'],
      { BASELINE_DATABASE_URL: ownerUrl.toString(), BASELINE_USER_ID: f.userId580 },
      3902,
    );
    servers.push(baseline);
    const l = loads(f);

    await firstWorklist(medborger.url, l);
    vacuum = await ownerAutovacuum(owner.db);
    console.log(
      `\n## PostgreSQL: Medborger vs the same-work baseline (${DURATION} s per run, ${ROUNDS} rounds interleaved, median)`,
    );
    console.log(`load average before: ${load()}`);
    header();
    let person64: Figures | null = null;
    const person: Record<number, Figures> = {};
    for (const what of ['person', 'search', 'write'] as const) {
      if (opts.only && !opts.only.split(',').includes(what)) continue;
      for (const conn of CONNECTIONS) {
        const a: Figures[] = [];
        const b: Figures[] = [];
        // warm-up of both, then A/B, B/A …
        await cannon(medborger.url, l[what].medborger, conn, 1);
        await cannon(baseline.url, l[what].baseline, conn, 1);
        for (let r = 0; r < ROUNDS; r++) {
          if (r % 2 === 0) {
            b.push(await cannon(baseline.url, l[what].baseline, conn));
            a.push(await cannon(medborger.url, l[what].medborger, conn));
          } else {
            a.push(await cannon(medborger.url, l[what].medborger, conn));
            b.push(await cannon(baseline.url, l[what].baseline, conn));
          }
        }
        const A = combine(a);
        const B = combine(b);
        line(`${what} baseline`, conn, B);
        line(`${what} Medborger`, conn, A, B);
        if (what === 'person') person[conn] = A;
        if (what === 'person' && conn === 64) person64 = A;
      }
    }
    if (!opts.only || opts.only.split(',').includes('worklist')) {
      for (const conn of CONNECTIONS) {
        const w = combine([await cannon(medborger.url, l.worklist, conn)]);
        const p = person[conn];
        line('worklist Medborger', conn, w);
        if (p)
          console.log(`  worklist / GET person: ${pct(w.rps / p.rps)} (goal of item 2: >= 50 % at 64 connections)`);
      }
    }
    if (!opts.only || opts.only.split(',').includes('stall')) {
      console.log('\nstall (PostgreSQL):');
      await stall(medborger, f, DURATION);
    }
    console.log(`load average after: ${load()}`);
    return person64;
  } finally {
    for (const s of servers) await s.stop();
    await vacuum?.stop();
    await owner.close();
    const d = new pg.Client({ connectionString: admin.toString() });
    await d.connect();
    await d.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await d.end();
  }
}

async function benchPglite(pgPerson64: Figures | null): Promise<void> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'medborger-bench-api-'));
  const key = randomBytes(32).toString('base64');
  let server: Server | null = null;
  try {
    const config = { ...loadConfig({ MEDBORGER_DATA_DIR: dataDir, MEDBORGER_CPR_KEY: key }) };
    const runtime = await openRuntime(config, 'bench');
    const t0 = performance.now();
    await seedDemo(runtime.database.db, runtime.vault);
    await topUp(runtime.database.db);
    const f = await fixture(runtime.database.db);
    await runtime.close();
    console.error(`PGlite: demo seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    server = await start(
      ['src/cli/main.ts', 'serve'],
      { MEDBORGER_DATA_DIR: dataDir, MEDBORGER_CPR_KEY: key, MEDBORGER_DEMO_IDP_PORT: '0', DATABASE_URL: '' },
      3903,
    );
    const l = loads(f);
    console.log(`\n## PGlite (embedded): Medborger (${DURATION} s per run)`);
    await firstWorklist(server.url, l);
    console.log(`load average before: ${load()}`);
    // First, while nothing else is queued: the stall of one municipality's read behind another's worklist.
    if (!opts.only || opts.only.split(',').includes('stall')) {
      console.log('\nstall (PGlite):');
      await stall(server, f, DURATION);
    }
    console.log('');
    header();
    for (const conn of CONNECTIONS) {
      if (!opts.only || opts.only.split(',').includes('person')) {
        await cannon(server.url, l.person.medborger, conn, 1);
        const p = combine([await cannon(server.url, l.person.medborger, conn)]);
        line('person PGlite', conn, p);
        if (conn === 64 && pgPerson64)
          console.log(`  PGlite / PostgreSQL GET person at 64: ${pct(p.rps / pgPerson64.rps)} (goal >= 50 %)`);
      }
      if (!opts.only || opts.only.split(',').includes('worklist'))
        line('worklist PGlite', conn, combine([await cannon(server.url, l.worklist, conn)]));
    }
    console.log(`load average after: ${load()}`);
  } finally {
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

console.log(`bench:api on ${new Date().toISOString()}, load average ${load()}`);
let person64: Figures | null = null;
if (opts.engine !== 'pglite' && PG_URL !== 'none') person64 = await benchPostgres();
if (opts.engine !== 'postgres') await benchPglite(person64);
