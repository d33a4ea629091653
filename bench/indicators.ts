// Benchmark: the indicators (issue 11, item 8)
//   A. the full indicator set of one municipality with 5,000 persons (the catalogue's indicators and
//      the compliance with every rule, under disclosure control), through the service;
//   B. one indicator compared across all 98 municipalities with 100,000 persons: the employment
//      rate (outcome records only) and the compliance with a rule of the law (obligations of every
//      person evaluated); through the service;
//   C. the annual report of the municipality as a PDF (model and rendering);
// on embedded PGlite and on PostgreSQL (BENCH_DATABASE_URL, default the local server; "none"
// skips it). Baseline, run side by side and checked to give the same figures: the records read
// person by person (one round of queries per person), then the same computation, as a naive
// implementation would.
//
// Goals: A under 200 ms, B under 1 s on PostgreSQL, C under 5 s.
// Run: npm run bench:indicators   (sizes: BENCH_PERSONS=5000 BENCH_TOTAL=100000 BENCH_RUNS=7;
// BENCH_B_BASELINE=postgres skips the national person-by-person baseline on PGlite)
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { migrate, openDatabase, type Database } from '../src/db/database.js';
import { inTenant, type Tx } from '../src/db/tenant.js';
import {
  computeIndicators,
  obligationRecord,
  type IndicatorDefinition,
  type IndicatorInput,
} from '../src/domain/indicators.js';
import type { EnrolmentKind, ReceptionStepKind } from '../src/domain/model.js';
import { MUNICIPALITIES } from '../src/domain/municipalities.js';
import { obligationsFor } from '../src/domain/obligations.js';
import { complianceIndicators, indicatorsFor, shippedIndicatorCatalogue } from '../src/policy/indicators.js';
import { compileRules, shippedPolicies } from '../src/policy/load.js';
import { loadCaseFacts } from '../src/repositories/case-facts.js';
import { indicatorPersons } from '../src/repositories/indicators.js';
import { personOutcomes } from '../src/repositories/outcomes.js';
import { CprVault } from '../src/security/cpr-vault.js';
import type { Ctx } from '../src/services/context.js';
import { annualReportPdf } from '../src/reports/annual-report.js';
import { annualReport } from '../src/services/annual-report.js';
import { compareIndicators } from '../src/services/indicator-comparison.js';
import { indicatorPerson } from '../src/services/indicator-input.js';
import { municipalityIndicators } from '../src/services/indicators.js';
import { outcomeRecords } from '../src/services/outcomes.js';
import { createToken } from '../src/services/tokens.js';
import { generateOutcomes, generatePopulation } from './generate.js';

const PERSONS = Number(process.env.BENCH_PERSONS ?? 5000);
const TOTAL = Number(process.env.BENCH_TOTAL ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const TODAY = '2026-06-15';
const YEAR = 2025;
const PG_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const EMPLOYMENT = 'barometer-1.2-employment-25-64';

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
}

async function timed<T>(fn: () => Promise<T>): Promise<[number, Awaited<T>]> {
  const t0 = performance.now();
  const r = await fn();
  return [performance.now() - t0, r];
}

async function runs<T>(n: number, fn: () => Promise<T>): Promise<{ times: number[]; result: T }> {
  const times: number[] = [];
  let result = await fn(); // warms caches, not counted
  for (let i = 0; i < n; i++) {
    const [ms, r] = await timed(fn);
    times.push(ms);
    result = r;
  }
  return { times, result };
}

async function analystCtx(database: Database, code: string): Promise<Ctx> {
  const { userId } = await createToken(database.db, {
    municipalityCode: code,
    role: 'analyst',
    userName: `bench analyst ${code}`,
    days: 1,
  });
  return {
    db: database.db,
    vault: new CprVault(randomBytes(32)),
    actor: { municipalityCode: code, userId, userName: 'bench', role: 'analyst', personId: null },
    purpose: 'Benchmark',
    today: TODAY,
  };
}

/** The baseline: every record read one person at a time (three rounds of queries each), then the same computation. */
async function perPersonInput(tx: Tx, code: string, ruleIds: ReadonlySet<string>): Promise<IndicatorInput> {
  const { rules, dueSoonDays } = compileRules(shippedPolicies(), code);
  const own = rules.filter((r) => ruleIds.has(r.rule.id) || (r.rule.tightens ?? []).some((id) => ruleIds.has(id)));
  const ids = await tx.selectFrom('persons').select('id').orderBy('id').execute();
  const input: { [K in keyof IndicatorInput]-?: NonNullable<IndicatorInput[K]>[number][] } = {
    persons: [],
    labourMarket: [],
    educationCompleted: [],
    danishEducation: [],
    danishTests: [],
    enrolments: [],
    languageAssessments: [],
    receptionSteps: [],
    obligations: [],
  };
  for (const { id } of ids) {
    const [person] = await indicatorPersons(tx, [id]);
    if (!person) continue;
    input.persons.push(indicatorPerson(person));
    const outcomes = outcomeRecords(await personOutcomes(tx, id));
    input.labourMarket.push(...outcomes.labourMarket);
    input.educationCompleted.push(...outcomes.educationCompleted);
    input.danishEducation.push(...outcomes.danishEducation);
    input.danishTests.push(...outcomes.danishTests);
    const facts = (await loadCaseFacts(tx, { personIds: [id] })).get(id);
    if (!facts) continue;
    input.enrolments.push(
      ...facts.enrolments.map((e) => ({
        personId: id,
        kind: e.kind as EnrolmentKind,
        startDate: e.startDate,
        endDate: e.endDate,
      })),
    );
    input.languageAssessments.push(...facts.languageAssessments.map((a) => ({ personId: id, date: a.date })));
    input.receptionSteps.push(
      ...(facts.receptionSteps ?? []).map((r) => ({ personId: id, kind: r.kind as ReceptionStepKind, date: r.date })),
    );
    if (own.length)
      input.obligations.push(
        ...obligationsFor(own, facts, TODAY, dueSoonDays)
          .filter((o) => ruleIds.has(o.ruleId))
          .map((o) => obligationRecord(id, o)),
      );
  }
  return input;
}

type Counts = Map<string, string>;
const countsOf = (figures: { id: string; numerator?: number | undefined; denominator: number }[]): Counts =>
  new Map(figures.map((f) => [f.id, `${f.numerator ?? '-'}/${f.denominator}`]));

/** Keeps a row for the table and prints it at once, so that a run cut short still shows its figures. */
function record(rows: Row[], row: Row): void {
  rows.push(row);
  console.error(
    `[${row.engine}] ${row.scenario} | ${row.method}: p50 ${row.p50.toFixed(0)} ms, p95 ${row.p95.toFixed(0)} ms (${row.note})`,
  );
}

interface Row {
  engine: string;
  scenario: string;
  method: string;
  persons: number;
  p50: number;
  p95: number;
  note: string;
}

async function openBenchDatabase(engine: 'pglite' | 'postgres') {
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
  return {
    database,
    close: async () => {
      await database.close();
      await dropPg?.();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function benchEngine(engine: 'pglite' | 'postgres', rows: Row[]): Promise<void> {
  const { database, close } = await openBenchDatabase(engine);
  try {
    await migrate(database.db);
    const policies = shippedPolicies();
    // A: one municipality of PERSONS persons, the full indicator set.
    let [genMs] = await timed(async () => {
      await generatePopulation(database.db, '580', PERSONS);
      await generateOutcomes(database.db, '580');
    });
    await sql`ANALYZE`.execute(database.db);
    console.error(`[${engine}] generated ${PERSONS} persons in 580 in ${(genMs / 1000).toFixed(1)} s`);
    const ctx = await analystCtx(database, '580');
    const a = await runs(RUNS, () => municipalityIndicators(ctx, '580', YEAR, null));
    const shown = a.result.indicators.filter((i) => !i.suppressed).length;
    record(rows, {
      engine,
      scenario: `A. 1 municipality × ${PERSONS}`,
      method: 'set-at-a-time (service, disclosure control)',
      persons: PERSONS,
      p50: quantile(a.times, 0.5),
      p95: quantile(a.times, 0.95),
      note: `${a.result.indicators.length} indicators, ${shown} shown`,
    });
    const defs: IndicatorDefinition[] = indicatorsFor(shippedIndicatorCatalogue(), policies, '580').flatMap((c) =>
      c.definition ? [c.definition] : [],
    );
    const ruleIds = new Set(defs.flatMap((d) => (d.kind === 'compliance' ? [d.ruleId] : [])));
    const base = await runs(Math.max(1, Math.floor(RUNS / 3)), () =>
      inTenant(database.db, '580', async (tx) =>
        computeIndicators(defs, await perPersonInput(tx, '580', ruleIds), YEAR, TODAY),
      ),
    );
    record(rows, {
      engine,
      scenario: `A. 1 municipality × ${PERSONS}`,
      method: 'baseline: person by person',
      persons: PERSONS,
      p50: quantile(base.times, 0.5),
      p95: quantile(base.times, 0.95),
      note: `${base.result.length} indicators`,
    });
    // The service's shown figures are the baseline's (before disclosure control, which only hides).
    const baseCounts = countsOf(base.result);
    for (const i of a.result.indicators) {
      if (i.suppressed || i.denominator === undefined) continue;
      const mine = `${i.numerator ?? '-'}/${i.denominator}`;
      if (baseCounts.get(i.id) !== mine) throw new Error(`${i.id}: service ${mine}, baseline ${baseCounts.get(i.id)}`);
    }

    // C: the annual report PDF of 580 (model and rendering), on the same data.
    const c = await runs(Math.max(1, Math.floor(RUNS / 3)), async () =>
      annualReportPdf(await annualReport(ctx, '580', YEAR)),
    );
    record(rows, {
      engine,
      scenario: `C. annual report 580 ${YEAR}, ${PERSONS} persons`,
      method: 'model + charts + PDF (service, renderer)',
      persons: PERSONS,
      p50: quantile(c.times, 0.5),
      p95: quantile(c.times, 0.95),
      note: `${(c.result.byteLength / 1024).toFixed(0)} KiB`,
    });

    // B: TOTAL persons across all 98 municipalities (580 keeps its population; the others share the rest).
    const others = MUNICIPALITIES.filter((m) => m.code !== '580');
    const each = Math.ceil((TOTAL - PERSONS) / others.length);
    [genMs] = await timed(async () => {
      for (const m of others) {
        await generatePopulation(database.db, m.code, each);
        await generateOutcomes(database.db, m.code);
      }
    });
    await sql`ANALYZE`.execute(database.db);
    const persons = PERSONS + each * others.length;
    console.error(`[${engine}] generated ${persons} persons in 98 municipalities in ${(genMs / 1000).toFixed(1)} s`);
    const law = complianceIndicators(policies, '101').find((c) => c.id.endsWith('.on-time'));
    if (!law?.definition || law.definition.kind !== 'compliance') throw new Error('no compliance indicator of the law');
    const lawDef = law.definition;
    for (const [label, id] of [
      ['employment rate 25–64', EMPLOYMENT],
      [`compliance: ${lawDef.ruleId}`, law.id],
    ] as const) {
      const b = await runs(RUNS, () => compareIndicators(ctx, [id], ['580', '813', '860'], YEAR));
      const nation = b.result[0]!.rows.at(-1)!;
      record(rows, {
        engine,
        scenario: `B. 98 municipalities, ${persons} persons: ${label}`,
        method: 'set-at-a-time (service, disclosure control over all 98)',
        persons,
        p50: quantile(b.times, 0.5),
        p95: quantile(b.times, 0.95),
        note: `nation ${nation.numerator ?? '-'}/${nation.denominator ?? '-'}`,
      });
      // The baseline once: every person of the nation read one by one (minutes on PGlite:
      // BENCH_B_BASELINE=postgres runs it on PostgreSQL only).
      if (process.env.BENCH_B_BASELINE === 'postgres' && engine !== 'postgres') continue;
      const def = id === EMPLOYMENT ? defs.find((d) => d.id === EMPLOYMENT)! : lawDef;
      const rules = new Set(def.kind === 'compliance' ? [def.ruleId] : []);
      const [ms, sums] = await timed(async () => {
        let numerator = 0;
        let denominator = 0;
        for (const m of MUNICIPALITIES) {
          const [f] = await inTenant(database.db, m.code, async (tx) =>
            computeIndicators([def], await perPersonInput(tx, m.code, rules), YEAR, TODAY),
          );
          numerator += f?.numerator ?? 0;
          denominator += f?.denominator ?? 0;
        }
        return { numerator, denominator };
      });
      if (!nation.suppressed && (nation.numerator !== sums.numerator || nation.denominator !== sums.denominator))
        throw new Error(
          `${id}: nation ${nation.numerator}/${nation.denominator}, baseline ${sums.numerator}/${sums.denominator}`,
        );
      record(rows, {
        engine,
        scenario: `B. 98 municipalities, ${persons} persons: ${label}`,
        method: 'baseline: person by person (1 run)',
        persons,
        p50: ms,
        p95: ms,
        note: `nation ${sums.numerator}/${sums.denominator}`,
      });
    }
  } finally {
    await close();
  }
}

const rows: Row[] = [];
await benchEngine('pglite', rows);
if (PG_URL !== 'none') await benchEngine('postgres', rows);

console.log(`\nIndicator benchmark (figures for ${YEAR}, as on ${TODAY}; p50/p95 in ms)\n`);
console.log(['engine', 'scenario', 'method', 'p50 ms', 'p95 ms', 'speed-up', 'note'].join(' | '));
console.log('--- | --- | --- | ---: | ---: | ---: | ---');
for (const r of rows) {
  const baseline = rows.find(
    (b) => b.engine === r.engine && b.scenario === r.scenario && b.method.startsWith('baseline'),
  );
  const speedUp = baseline && baseline !== r ? `${(baseline.p50 / r.p50).toFixed(1)}×` : '';
  console.log([r.engine, r.scenario, r.method, r.p50.toFixed(0), r.p95.toFixed(0), speedUp, r.note].join(' | '));
}
console.log('\nGoals: A < 200 ms; B < 1000 ms on PostgreSQL; C < 5000 ms.');
