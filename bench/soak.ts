// Soak: Medborger on PostgreSQL (a freshly created database with the demo population) under a
// steady mix at 64 connections — 70 % GET person, 20 % the worklist, 10 % writes (POST a
// conversation) — for 10 minutes by default. Prints the errors (goal 0: a non-2xx answer, a
// refused or broken connection), the p50/p99 per route, and then checks that every write the
// server acknowledged (201 with the conversation's id) is in the database, and that Aabenraa's
// materialised obligations (person_obligations) still equal what the engine finds for the day.
// The writes are follow-up conversations: facts the obligations count, so each one changes rows.
//
// Run: npm run bench:soak [-- --duration 600 --connections 64]
//   BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres; a database is created and dropped)
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import pg from 'pg';
import { ownerAutovacuum } from './owner-autovacuum.js';
import { migrate, openDatabase } from '../src/db/database.js';
import { SERVER_ROLE } from '../src/db/names.js';
import { inTenant } from '../src/db/tenant.js';
import { seedDemo } from '../src/demo/seed.js';
import { CprVault } from '../src/security/cpr-vault.js';
import { checkStore, type StoreCheck } from '../src/services/obligation-store.js';
import { createToken } from '../src/services/tokens.js';

const { values: opts } = parseArgs({
  options: {
    duration: { type: 'string', default: process.env.BENCH_DURATION ?? '600' },
    connections: { type: 'string', default: '64' },
  },
});
const DURATION_MS = Number(opts.duration) * 1000;
const CONNECTIONS = Number(opts.connections);
const PG_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const ROOT = path.resolve(import.meta.dirname, '..');
const TODAY = new Date().toISOString().slice(0, 10);
const PORT = 3921;

const admin = new URL(PG_URL);
const name = `medborger_soak_${randomBytes(4).toString('hex')}`;
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
const owner = await openDatabase({ dataDir: tmpdir(), databaseUrl: ownerUrl.toString(), command: 'soak' });
let server: ReturnType<typeof spawn> | null = null;
let vacuum: Awaited<ReturnType<typeof ownerAutovacuum>> | null = null;
try {
  await migrate(owner.db);
  await seedDemo(owner.db, new CprVault(key));
  await sql`ANALYZE`.execute(owner.db);
  const { token } = await createToken(owner.db, {
    municipalityCode: '580',
    role: 'caseworker',
    userName: 'soak',
    days: 1,
  });
  const ids = (
    await sql<{ id: string }>`SELECT id FROM persons WHERE municipality_code = '580' ORDER BY id`.execute(owner.db)
  ).rows.map((r) => r.id);

  server = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: appUrl.toString(),
      MEDBORGER_CPR_KEY: key.toString('base64'),
      PORT: String(PORT),
      HOST: '127.0.0.1',
      MEDBORGER_DEMO_IDP_PORT: '0',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const base = `http://127.0.0.1:${PORT}`;
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${base}/health`)).ok) break;
    } catch {
      if (i > 1200) throw new Error('no /health within 120 s');
    }
    await new Promise((r) => setTimeout(r, 100));
  }

  const headers = { authorization: `Bearer ${token}` };
  const m = `${base}/api/v1/municipalities/580`;
  const routes = ['GET person', 'GET worklist', 'POST conversation'] as const;
  const times = new Map<string, number[]>(routes.map((r) => [r, []]));
  const errors = new Map<string, number>();
  const acknowledged: string[] = [];
  /** The first answer of each kind of error, for the report. */
  const examples = new Map<string, string>();
  const error = (what: string) => errors.set(what, (errors.get(what) ?? 0) + 1);
  const pick = () => ids[Math.floor(Math.random() * ids.length)]!;

  const one = async () => {
    const x = Math.random();
    const route = x < 0.7 ? routes[0] : x < 0.9 ? routes[1] : routes[2];
    const t = performance.now();
    try {
      const res =
        route === 'GET person'
          ? await fetch(`${m}/persons/${pick()}`, { headers })
          : route === 'GET worklist'
            ? await fetch(`${m}/worklist`, { headers })
            : await fetch(`${m}/persons/${pick()}/conversations`, {
                method: 'POST',
                headers: { ...headers, 'content-type': 'application/json' },
                body: JSON.stringify({
                  date: TODAY,
                  kind: 'contract_follow_up',
                  repatriationGuidance: false,
                  note: 'Soak',
                }),
              });
      const body = await res.text();
      times.get(route)!.push(performance.now() - t);
      if (!res.ok) {
        error(`${route} ${res.status}`);
        if (!examples.has(`${route} ${res.status}`)) examples.set(`${route} ${res.status}`, body.slice(0, 400));
      } else if (route === 'POST conversation') acknowledged.push((JSON.parse(body) as { id: string }).id);
    } catch (err) {
      error(`${route} ${err instanceof Error ? err.message : String(err)}`);
    }
  };

  console.log(
    `soak: ${CONNECTIONS} connections for ${DURATION_MS / 1000} s, 70 % GET person / 20 % worklist / 10 % POST conversation; load average ${loadavg()
      .map((v) => v.toFixed(2))
      .join(' ')}`,
  );
  vacuum = await ownerAutovacuum(owner.db);
  const until = performance.now() + DURATION_MS;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (performance.now() < until) await one();
    }),
  );

  const q = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.floor(p * (xs.length - 1))] ?? NaN;
  for (const r of routes) {
    const xs = times.get(r)!;
    console.log(
      `${r.padEnd(18)} ${String(xs.length).padStart(7)} requests  ${(xs.length / (DURATION_MS / 1000)).toFixed(1).padStart(7)} req/s  p50 ${q(xs, 0.5).toFixed(0).padStart(5)} ms  p99 ${q(xs, 0.99).toFixed(0).padStart(5)} ms`,
    );
  }
  const errorCount = [...errors.values()].reduce((a, b) => a + b, 0);
  console.log(`errors: ${errorCount} (goal 0)${errorCount ? ` — ${JSON.stringify(Object.fromEntries(errors))}` : ''}`);
  for (const [what, body] of examples) console.log(`  e.g. ${what}: ${body}`);

  // Every acknowledged write is in the database (read as the owner, after the server has stopped).
  await new Promise<void>((resolve) => {
    server!.once('exit', () => {
      resolve();
    });
    server!.kill('SIGTERM');
  });
  server = null;
  await vacuum.stop();
  const found = new Set<string>();
  for (let i = 0; i < acknowledged.length; i += 5000) {
    const chunk = acknowledged.slice(i, i + 5000);
    const rows = await owner.db.selectFrom('conversations').select('id').where('id', 'in', chunk).execute();
    for (const r of rows) found.add(r.id);
  }
  const lost = acknowledged.filter((id) => !found.has(id));
  console.log(
    `acknowledged writes: ${acknowledged.length}, in the database afterwards: ${found.size}, lost: ${lost.length} (goal 0)${lost.length ? ` e.g. ${lost.slice(0, 3).join(', ')}` : ''}`,
  );
  // The materialised obligations after every write: equal to the engine's, read as the server reads them.
  const app = await openDatabase({ dataDir: tmpdir(), databaseUrl: appUrl.toString(), command: 'soak' });
  let check: StoreCheck;
  try {
    check = await inTenant(app.db, '580', (tx) => checkStore(tx, '580', TODAY));
  } finally {
    await app.close();
  }
  console.log(
    `materialised obligations of 580: ${check.stored} rows stored, ${check.engine} found by the engine, ${check.differences.length ? `DIFFERENT: ${check.differences.join('; ')}` : 'equal'}`,
  );
  if (errorCount > 0 || lost.length > 0 || check.differences.length > 0) process.exitCode = 1;
} finally {
  server?.kill('SIGTERM');
  await vacuum?.stop();
  await owner.close();
  const d = new pg.Client({ connectionString: admin.toString() });
  await d.connect();
  await d.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await d.end();
}
