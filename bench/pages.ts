// Benchmark: server response time of the caseworker web pages, in-process (Fastify's inject, no
// network and no browser: the server only), on embedded PGlite seeded with the synthetic demo
// population, signed in as a demo caseworker of Aabenraa (580) with a session cookie. Each page
// is requested BENCH_PAGE_RUNS times (default 30) after BENCH_PAGE_WARMUP warm-up requests
// (default 5); printed as p50/p95 ms per page next to the baseline GET /health (the cheapest
// route: one `select 1`), measured the same way in the same run. Goal: every page under 100 ms.
//
// Run: npm run bench:pages
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { migrate, openDatabase } from '../src/db/database.js';
import { seedDemo } from '../src/demo/seed.js';
import { buildApp } from '../src/app.js';
import { CprVault } from '../src/security/cpr-vault.js';
import { createToken } from '../src/services/tokens.js';
import { SESSION_COOKIE } from '../src/web/session.js';

const RUNS = Number(process.env.BENCH_PAGE_RUNS ?? 30);
const WARMUP = Number(process.env.BENCH_PAGE_WARMUP ?? 5);
const GOAL_MS = 100;

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]!;
}

const dataDir = mkdtempSync(path.join(tmpdir(), 'medborger-bench-pages-'));
const database = await openDatabase({ dataDir, databaseUrl: undefined, command: 'bench' });
try {
  await migrate(database.db);
  const vault = new CprVault(randomBytes(32));
  const t0 = performance.now();
  const summary = await seedDemo(database.db, vault);
  await sql`ANALYZE`.execute(database.db);
  console.error(
    `seeded ${summary.households} households, ${summary.persons} persons in ${summary.municipalities.join(', ')} in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );

  const app = await buildApp({
    db: database.db,
    vault,
    engine: database.engine,
    logger: false,
    web: { db: database.db, vault, auth: { rp: null, publicUrl: 'http://localhost' } },
  });
  try {
    // A seeded caseworker of Aabenraa, so that "my citizens" in the worklist is the real thing.
    const caseworker = await database.db
      .selectFrom('users')
      .select('name')
      .where('municipality_code', '=', '580')
      .where('role', '=', 'caseworker')
      .where('synthetic', '=', true)
      .orderBy('name')
      .executeTakeFirst();
    const userName = caseworker?.name ?? 'Bench-sagsbehandler';
    const { token } = await createToken(database.db, {
      municipalityCode: '580',
      role: 'caseworker',
      userName,
      days: 1,
      hours: 8,
    });
    const cookie = `${SESSION_COOKIE}=${token}`;

    const get = async (url: string, withCookie = true) => {
      const t = performance.now();
      const res = await app.inject({ method: 'GET', url, headers: withCookie ? { cookie } : {} });
      return { ms: performance.now() - t, status: res.statusCode, body: res.body };
    };

    // A person page: the first citizen linked from the worklist of all contact persons.
    const list = await get('/?contactPerson=all');
    if (list.status !== 200) throw new Error(`GET / answered ${list.status}: ${list.body.slice(0, 500)}`);
    const personId = /href="\/borgere\/([0-9a-f-]{36})"/.exec(list.body)?.[1];
    if (!personId) throw new Error('the worklist links to no citizen; cannot pick a person page');
    // A search with results: the family name of a person in the worklist.
    const familyName = (
      await database.db.selectFrom('persons').select('family_name').where('id', '=', personId).executeTakeFirstOrThrow()
    ).family_name;

    const pages: [string, string, boolean][] = [
      ['GET /health (baseline)', '/health', false],
      ['Arbejdsliste  /', '/', true],
      ['Arbejdsliste, alle  /?contactPerson=all', '/?contactPerson=all', true],
      ['Registrér husstand  /husstande/ny', '/husstande/ny', true],
      ['Borger  /borgere/:id', `/borgere/${personId}`, true],
      ['Søg  /borgere?q=…', `/borgere?q=${encodeURIComponent(familyName)}`, true],
      ['Politik  /politik', '/politik', true],
      ['Forskelle  /politik/forskelle?a=580&b=860', '/politik/forskelle?a=580&b=860', true],
    ];

    const rows: { page: string; status: number; bytes: number; p50: number; p95: number; max: number }[] = [];
    for (const [name, url, auth] of pages) {
      let last = await get(url, auth);
      for (let i = 1; i < WARMUP; i++) last = await get(url, auth);
      if (last.status !== 200) {
        rows.push({ page: name, status: last.status, bytes: last.body.length, p50: NaN, p95: NaN, max: NaN });
        continue;
      }
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const r = await get(url, auth);
        times.push(r.ms);
        last = r;
      }
      rows.push({
        page: name,
        status: last.status,
        bytes: last.body.length,
        p50: quantile(times, 0.5),
        p95: quantile(times, 0.95),
        max: Math.max(...times),
      });
    }

    const baseline = rows[0]!;
    console.log(
      `\nPage response times, server only (Fastify inject, embedded PGlite, demo population of ${summary.persons} persons; signed in as "${userName}", caseworker in Aabenraa)`,
    );
    console.log(
      `${RUNS} requests per page after ${WARMUP} warm-up requests. Goal: every page answers in under ${GOAL_MS} ms (p95).\n`,
    );
    console.log(
      ['page', 'status', 'KiB', 'p50 ms', 'p95 ms', 'max ms', 'p50 − /health', `p95 < ${GOAL_MS} ms`].join(' | '),
    );
    console.log('--- | ---: | ---: | ---: | ---: | ---: | ---: | ---');
    for (const r of rows) {
      const ok = r.status !== 200 ? `no (status ${r.status})` : r.p95 < GOAL_MS ? 'yes' : 'NO';
      const over = r === baseline || Number.isNaN(r.p50) ? '' : (r.p50 - baseline.p50).toFixed(1);
      console.log(
        [
          r.page,
          String(r.status),
          (r.bytes / 1024).toFixed(1),
          r.p50.toFixed(1),
          r.p95.toFixed(1),
          r.max.toFixed(1),
          over,
          ok,
        ].join(' | '),
      );
    }
    const failing = rows.filter((r) => r !== baseline && (r.status !== 200 || !(r.p95 < GOAL_MS)));
    console.log(
      failing.length === 0
        ? `\nAll pages meet the ${GOAL_MS} ms goal.`
        : `\n${failing.length} page(s) miss the ${GOAL_MS} ms goal: ${failing.map((r) => r.page.split('  ')[0]).join(', ')}.`,
    );
  } finally {
    await app.close();
  }
} finally {
  await database.close();
  rmSync(dataDir, { recursive: true, force: true });
}
