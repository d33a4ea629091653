// Benchmark: the worklist (obligations of every person, due soon and overdue first) for
//   A. one municipality with 5,000 persons, and
//   B. 100,000 persons across all 98 municipalities (one worklist per municipality),
// on embedded PGlite and on PostgreSQL (BENCH_DATABASE_URL, default the local server; set it to
// "none" to skip). The worklist of the service's day is read from the materialised obligations
// (src/services/obligation-store.ts); its first read of the day evaluates and stores every
// person's, timed apart. Side by side: the same worklist computed on the spot by the engine over
// the municipality's facts loaded set-at-a-time (a worklist of another day), and the baseline:
// computed person by person (one facts query round per person), as a naive implementation would.
// Goal (issue 16): the 100,000-person national benchmark at p95 < 50 ms per municipality.
//
// Run: npm run bench:obligations            (sizes: BENCH_PERSONS=5000 BENCH_TOTAL=100000 BENCH_RUNS=7)
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { migrate, openDatabase, type Database } from '../src/db/database.js';
import { inTenant } from '../src/db/tenant.js';
import { byUrgency, obligationsFor } from '../src/domain/obligations.js';
import { MUNICIPALITIES } from '../src/domain/municipalities.js';
import { compileRules, shippedPolicies } from '../src/policy/load.js';
import { loadCaseFacts } from '../src/repositories/case-facts.js';
import { CprVault } from '../src/security/cpr-vault.js';
import type { Ctx } from '../src/services/context.js';
import { worklist } from '../src/services/obligations.js';
import { createToken } from '../src/services/tokens.js';
import { generatePopulation } from './generate.js';

const PERSONS = Number(process.env.BENCH_PERSONS ?? 5000);
const TOTAL = Number(process.env.BENCH_TOTAL ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const ON = '2025-06-15';
const PG_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
}

async function timed<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t0 = performance.now();
  const r = await fn();
  return [performance.now() - t0, r];
}

async function ctxFor(database: Database, code: string, today = ON): Promise<Ctx> {
  const { userId } = await createToken(database.db, {
    municipalityCode: code,
    role: 'team_lead',
    userName: `bench lead ${code}`,
    days: 1,
  });
  return {
    db: database.db,
    vault: new CprVault(randomBytes(32)),
    actor: { municipalityCode: code, userId, userName: 'bench', role: 'team_lead', personId: null },
    purpose: 'Benchmark',
    today,
  };
}

/** The baseline: facts loaded one person at a time, then the same engine. */
async function perPersonWorklist(database: Database, code: string): Promise<number> {
  const { rules, dueSoonDays } = compileRules(shippedPolicies(), code);
  return inTenant(database.db, code, async (tx) => {
    const ids = await tx.selectFrom('persons').select('id').execute();
    let rows = 0;
    for (const { id } of ids) {
      const facts = (await loadCaseFacts(tx, { personIds: [id] })).get(id)!;
      rows += obligationsFor(rules, facts, ON, dueSoonDays, { includeNotApplicable: false })
        .filter((o) => o.status === 'overdue' || o.status === 'due_soon')
        .sort(byUrgency).length;
    }
    return rows;
  });
}

interface Row {
  engine: string;
  scenario: string;
  method: string;
  persons: number;
  p50: number;
  p95: number;
  worklistRows: number;
  personsPerSec: number;
}

async function benchEngine(engine: 'pglite' | 'postgres', rows: Row[]): Promise<void> {
  let dropPg: (() => Promise<void>) | null = null;
  let url: string | undefined;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'medborger-bench-'));
  if (engine === 'postgres') {
    const name = `medborger_bench_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const u = new URL(PG_URL);
    u.pathname = `/${name}`;
    url = u.toString();
    dropPg = async () => {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    };
  }
  const database = await openDatabase({ dataDir, databaseUrl: url, command: 'bench' });
  try {
    await migrate(database.db);
    // A: one municipality of PERSONS persons.
    let [genMs] = await timed(() => generatePopulation(database.db, '580', PERSONS));
    await sql`ANALYZE`.execute(database.db);
    console.error(`[${engine}] generated ${PERSONS} persons in 580 in ${(genMs / 1000).toFixed(1)} s`);
    const ctx = await ctxFor(database, '580');
    const query = { on: ON, statuses: ['due_soon', 'overdue'] as ('due_soon' | 'overdue')[], limit: 100, offset: 0 };
    const [firstMs, first] = await timed(() => worklist(ctx, '580', query));
    rows.push({
      engine,
      scenario: `1 municipality × ${PERSONS}`,
      method: 'materialised: first of the day (evaluates and stores all)',
      persons: PERSONS,
      p50: firstMs,
      p95: firstMs,
      worklistRows: first.total,
      personsPerSec: PERSONS / (firstMs / 1000),
    });
    const measure = async (c: Ctx, method: string, runs: number) => {
      const times: number[] = [];
      let total = 0;
      for (let i = 0; i < runs + 1; i++) {
        const [ms, r] = await timed(() => worklist(c, '580', query));
        if (i > 0) times.push(ms); // the first run warms caches
        total = r.total;
      }
      rows.push({
        engine,
        scenario: `1 municipality × ${PERSONS}`,
        method,
        persons: PERSONS,
        p50: quantile(times, 0.5),
        p95: quantile(times, 0.95),
        worklistRows: total,
        personsPerSec: PERSONS / (quantile(times, 0.5) / 1000),
      });
      return total;
    };
    const total = await measure(ctx, 'materialised: indexed read (service)', RUNS * 3);
    // Another service day: the same worklist computed by the engine on the spot.
    const computed = await measure(await ctxFor(database, '580', '2000-01-01'), 'computed on the spot (engine)', RUNS);
    if (computed !== total)
      throw new Error(`materialised and computed disagree: ${total} vs ${computed} worklist rows`);
    const baseTimes: number[] = [];
    let baseTotal = 0;
    for (let i = 0; i < Math.max(1, Math.floor(RUNS / 3)); i++) {
      const [ms, n] = await timed(() => perPersonWorklist(database, '580'));
      baseTimes.push(ms);
      baseTotal = n;
    }
    rows.push({
      engine,
      scenario: `1 municipality × ${PERSONS}`,
      method: 'baseline: person by person',
      persons: PERSONS,
      p50: quantile(baseTimes, 0.5),
      p95: quantile(baseTimes, 0.95),
      worklistRows: baseTotal,
      personsPerSec: PERSONS / (quantile(baseTimes, 0.5) / 1000),
    });
    if (baseTotal !== total) throw new Error(`baseline and service disagree: ${baseTotal} vs ${total} worklist rows`);

    // B: TOTAL persons across all 98 municipalities (580 keeps its population; the others share the rest).
    const others = MUNICIPALITIES.filter((m) => m.code !== '580');
    const each = Math.ceil((TOTAL - PERSONS) / others.length);
    [genMs] = await timed(async () => {
      for (const m of others) await generatePopulation(database.db, m.code, each);
    });
    await sql`ANALYZE`.execute(database.db);
    const persons = PERSONS + each * others.length;
    console.error(`[${engine}] generated ${persons} persons in 98 municipalities in ${(genMs / 1000).toFixed(1)} s`);
    const ctxs = await Promise.all(MUNICIPALITIES.map((m) => ctxFor(database, m.code)));
    const nationalQuery = {
      on: ON,
      statuses: ['due_soon', 'overdue'] as ('due_soon' | 'overdue')[],
      limit: 100,
      offset: 0,
    };
    const national = async (method: string) => {
      const perMunicipality: number[] = [];
      let allRows = 0;
      const [allMs] = await timed(async () => {
        for (const [i, m] of MUNICIPALITIES.entries()) {
          const [ms, r] = await timed(() => worklist(ctxs[i]!, m.code, nationalQuery));
          perMunicipality.push(ms);
          allRows += r.total;
        }
      });
      rows.push({
        engine,
        scenario: `98 municipalities, ${persons} persons`,
        method,
        persons,
        p50: quantile(perMunicipality, 0.5),
        p95: quantile(perMunicipality, 0.95),
        worklistRows: allRows,
        personsPerSec: persons / (allMs / 1000),
      });
    };
    // 580 was evaluated in A; the others' first worklist of the day evaluates them.
    await national('materialised: first of the day (evaluates and stores all)');
    for (let i = 0; i < 3; i++) await national(`materialised: indexed read, round ${i + 1} (goal p95 < 50 ms)`);
  } finally {
    await database.close();
    await dropPg?.();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const rows: Row[] = [];
await benchEngine('pglite', rows);
if (PG_URL !== 'none') await benchEngine('postgres', rows);

console.log(`\nWorklist benchmark (on ${ON}; p50/p95 per worklist in ms; persons/s = persons evaluated per second)\n`);
console.log(
  ['engine', 'scenario', 'method', 'p50 ms', 'p95 ms', 'worklist rows', 'persons/s', 'worklist rows/s'].join(' | '),
);
console.log('--- | --- | --- | ---: | ---: | ---: | ---: | ---:');
for (const r of rows) {
  const rowsPerSec = r.worklistRows * (r.personsPerSec / r.persons);
  console.log(
    [
      r.engine,
      r.scenario,
      r.method,
      r.p50.toFixed(0),
      r.p95.toFixed(0),
      String(r.worklistRows),
      Math.round(r.personsPerSec).toLocaleString('en'),
      Math.round(rowsPerSec).toLocaleString('en'),
    ].join(' | '),
  );
}
