// The annual report (årsrapport), as a user of it would notice: right after `medborger seed-demo`,
// `medborger report annual --municipality 580 --year 2025 --format pdf --out FILE` (a real process)
// writes a valid A4 PDF with a title page, contents, "Side 1 af N" and charts, in which every rule
// of Aabenraa's policy appears by its title and no person of the demo population appears by name
// or CPR number. The API answers PDF and HTML with the right types, refuses a caseworker (403), a
// year that is not one (400) and a year not begun (422); the HTML report has no axe violation in
// Chromium. The demo figures are not relied on: only what the report must show whatever the data.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { inTenant } from '../src/db/tenant.js';
import { todayIso } from '../src/domain/dates.js';
import { POLICY_MUNICIPALITIES } from '../src/domain/municipalities.js';
import { shippedPolicies } from '../src/policy/load.js';
import { policyView } from '../src/policy/present.js';
import { annualReportParts } from '../src/reports/annual-report.js';
import { REPORT_CSP } from '../src/reports/html.js';
import { migrateDatabase, openRuntime, type Runtime } from '../src/runtime.js';
import { annualReport } from '../src/services/annual-report.js';
import { ForbiddenError } from '../src/services/errors.js';
import { signIn } from '../src/services/tokens.js';
import type { Role } from '../src/domain/authorization.js';
import { axeViolations, browserSkipReason, formatViolations, launchBrowser, screenshot } from './browser-helpers.js';
import { auth, createPgDatabase, forEachEngine, TEST_STAFF_ISSUER } from './helpers.js';
import { childEnv, killAllChildren, runCli, tempDir, type ChildResult } from './process-helpers.js';

const YEAR = 2025;
const M = '/api/v1/municipalities/580';

/** Text as pdftotext gives it, every run of white space (no-break spaces too) one space. */
const flat = (text: string) => text.replace(/[\s\u00a0]+/g, ' ');

function pdfInfo(file: string): { pages: number; size: string } {
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  return {
    pages: Number(/^Pages:\s+(\d+)/m.exec(info)?.[1] ?? 0),
    size: /^Page size:\s+(.*)$/m.exec(info)?.[1]?.trim() ?? '',
  };
}

/** The PDF's text; `raw`: in the order it is drawn (a chart's labels together), else in reading order. */
function pdfText(file: string, raw = false): string {
  return execFileSync('pdftotext', [...(raw ? ['-raw'] : []), '-enc', 'UTF-8', file, '-'], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
}

function describeRun(r: ChildResult): string {
  return `exit ${r.code ?? r.signal}\n--- stdout ---\n${r.stdout}\n--- stderr ---\n${r.stderr}`;
}

forEachEngine('the annual report (årsrapport)', (engine) => {
  const tmp = tempDir('medborger-report-');
  const pdfFile = path.join(tmp.dir, 'r.pdf');
  const emptyFile = path.join(tmp.dir, 'koebenhavn.html');
  const cleanups: (() => Promise<void> | void)[] = [
    () => {
      tmp.remove();
    },
  ];
  let env: NodeJS.ProcessEnv;
  let report: ChildResult;
  /** The same command for a municipality nobody has been taken over in (København). */
  let empty: ChildResult;
  let runtime: Runtime;
  let app: FastifyInstance;
  /** Every person of the demo population, in every municipality: full name and id. */
  let persons: { id: string; name: string }[];
  const tokens = new Map<Role, string>();

  before(
    async () => {
      if (engine === 'postgres') {
        const pg = await createPgDatabase();
        cleanups.push(() => pg.drop());
        await migrateDatabase(loadConfig({ MEDBORGER_OWNER_DATABASE_URL: pg.url, DATABASE_URL: pg.appUrl }));
        env = childEnv({ DATABASE_URL: pg.appUrl, MEDBORGER_CPR_KEY: randomBytes(32).toString('base64') });
      } else {
        env = childEnv({ MEDBORGER_DATA_DIR: path.join(tmp.dir, 'data') });
      }
      const seeded = await runCli(['seed-demo'], env, 240_000);
      assert.equal(seeded.code, 0, `seed-demo failed: ${describeRun(seeded)}`);
      report = await runCli(
        ['report', 'annual', '--municipality', '580', '--year', String(YEAR), '--format', 'pdf', '--out', pdfFile],
        env,
        180_000,
      );
      empty = await runCli(
        ['report', 'annual', '--municipality', '101', '--year', String(YEAR), '--out', emptyFile],
        env,
        180_000,
      );
      // The database in this process, once the commands have let go of it.
      runtime = await openRuntime(loadConfig(env), 'test');
      cleanups.unshift(() => runtime.close());
      const db = runtime.database.db;
      app = await buildApp({ db, vault: runtime.vault, engine, today: todayIso });
      cleanups.unshift(() => app.close());
      persons = [];
      for (const code of POLICY_MUNICIPALITIES) {
        const rows = await inTenant(db, code, (tx) =>
          tx.selectFrom('persons').select(['id', 'given_name', 'family_name']).execute(),
        );
        persons.push(...rows.map((r) => ({ id: r.id, name: `${r.given_name} ${r.family_name}` })));
      }
      for (const role of ['analyst', 'secretariat', 'caseworker', 'team_lead'] as const) {
        const created = await signIn(db, {
          issuer: TEST_STAFF_ISSUER,
          subject: `580-${role}`,
          name: `${role} test`,
          municipalityCode: '580',
          role,
          hours: 1,
        });
        tokens.set(role, created.token);
      }
    },
    { timeout: 600_000 },
  );
  after(async () => {
    killAllChildren();
    for (const c of cleanups) await c();
  });

  const token = (role: Role) => {
    const t = tokens.get(role);
    if (!t) throw new Error(`no token for ${role} (see the before hook)`);
    return t;
  };
  const aabenraaTitles = () => policyView(shippedPolicies(), '580').rules.filter((r) => r.layer === '580');

  test('medborger report annual right after seed-demo writes an A4 PDF with a title page, contents and "Side 1 af N"', () => {
    assert.equal(report.code, 0, `report annual failed: ${describeRun(report)}`);
    assert.match(report.stdout, /Årsrapport 2025 for Aabenraa Kommune skrevet til .*r\.pdf \(PDF/);
    assert.equal(readFileSync(pdfFile).subarray(0, 5).toString('latin1'), '%PDF-', 'the file is not a PDF');
    const info = pdfInfo(pdfFile);
    assert.ok(
      info.pages >= 3,
      `the PDF has ${info.pages} pages; a title page, the contents and the sections need 3 or more`,
    );
    assert.match(info.size, /^595(\.\d+)? x 841(\.\d+)? pts \(A4\)$/, `page size ${info.size} is not A4`);
    const text = flat(pdfText(pdfFile));
    assert.match(text, /Årsrapport 2025/);
    assert.match(text, /Indhold/, 'the PDF has no contents');
    for (const section of ['Politikkens vision', 'Reglerne og deres overholdelse', 'Indikatorer', 'Styring i året'])
      assert.match(text, new RegExp(`${section} \\d+`), `the contents list no page number for "${section}"`);
    assert.ok(text.includes(`Side 1 af ${info.pages}`), `no "Side 1 af ${info.pages}" in the PDF's footer`);
    assert.ok(text.includes(`Side ${info.pages} af ${info.pages}`), 'the last page is not numbered');
    // Danish characters survive the fonts (not replaced by boxes or dropped).
    assert.match(text, /Årsrapport 2025 – Aabenraa Kommune/);
    assert.match(text, /Det, der ikke kunne måles/);
  });

  test("the PDF names every rule of Aabenraa's policy by its title, with the policy's vision", () => {
    const text = flat(pdfText(pdfFile));
    const titles = aabenraaTitles();
    assert.ok(titles.length >= 5, 'Aabenraa has its own rules');
    const missing = titles.filter((r) => !text.includes(flat(r.title))).map((r) => r.title);
    assert.deepEqual(missing, [], "rules of Aabenraa's policy missing from the annual report's PDF");
    const vision = policyView(shippedPolicies(), '580').policy?.vision;
    assert.ok(vision && text.includes(flat(vision)), "the PDF does not quote the policy's vision");
  });

  test('the PDF has charts: the axes of trend charts are drawn in it', () => {
    const text = flat(pdfText(pdfFile, true));
    // A trend chart of a share: the years, then its y axis 0 % … 100 % in steps of 20 (drawn together, as text).
    const axes = text.match(/(?:\d{4} )+År 0 % 20 % 40 % 60 % 80 % 100 % Andel/g) ?? [];
    assert.ok(axes.length >= 1, 'no trend chart found in the PDF');
  });

  test('the PDF shows no person of the demo population: no full name, no CPR number', () => {
    const text = flat(pdfText(pdfFile));
    assert.ok(persons.length > 1000, `the demo population is seeded (${persons.length} persons)`);
    const named = persons.filter((p) => text.includes(p.name)).map((p) => p.name);
    assert.deepEqual(named, [], 'full names of persons in the annual report');
    assert.doesNotMatch(text, /\b\d{6}[-\s]?\d{4}\b/, 'a CPR-like number in the annual report');
    assert.ok(!persons.some((p) => text.includes(p.id)), 'a person id in the annual report');
  });

  test('the report model carries no person: no id of anyone in the demo population, a chart for a shown trend', async () => {
    const ctx = {
      db: runtime.database.db,
      vault: runtime.vault,
      actor: {
        municipalityCode: '580',
        userId: 'report-test',
        userName: 'report test',
        role: 'analyst' as const,
        personId: null,
      },
      purpose: 'statistik',
      today: todayIso(),
    };
    const model = await annualReport(ctx, '580', YEAR);
    const json = JSON.stringify(model);
    assert.ok(!persons.some((p) => json.includes(p.id)), 'a person id in the report model');
    assert.ok(!persons.some((p) => json.includes(p.name)), 'a full name in the report model');
    const { svgs } = await annualReportParts(model);
    const shownTrend = model.rules.some(
      (r) => r.compliance.kind === 'obligations' && r.compliance.onTime.trend.some((p) => !p.suppressed),
    );
    assert.ok(shownTrend, 'the demo has a rule whose compliance can be shown');
    assert.ok(svgs.size >= 1, 'a trend with a figure shown has no chart');
    for (const svg of svgs.values()) {
      assert.match(
        svg,
        /^<svg[^>]* role="img" aria-label="[^"]{20,}"/,
        'a chart is not an image with a text alternative',
      );
      assert.match(svg, /<title>[^<]{20,}<\/title>/, 'a chart has no title');
    }
    // A caseworker reads indicators but not the governance cycle: no partial report.
    await assert.rejects(
      annualReport({ ...ctx, actor: { ...ctx.actor, role: 'caseworker' } }, '580', YEAR),
      ForbiddenError,
    );
  });

  test('GET …/reports/annual?format=pdf answers a PDF download for the analyst', async () => {
    const res = await app.inject({
      url: `${M}/reports/annual?year=${YEAR}&format=pdf`,
      headers: auth(token('analyst')),
    });
    assert.equal(res.statusCode, 200, res.body.slice(0, 300));
    assert.equal(res.headers['content-type'], 'application/pdf');
    assert.equal(res.headers['content-disposition'], `attachment; filename="aarsrapport-580-${YEAR}.pdf"`);
    assert.equal(res.rawPayload.subarray(0, 5).toString('latin1'), '%PDF-');
  });

  test('GET …/reports/annual answers a standalone Danish HTML document for the secretariat, under its own CSP', async () => {
    const res = await app.inject({ url: `${M}/reports/annual?year=${YEAR}`, headers: auth(token('secretariat')) });
    assert.equal(res.statusCode, 200, res.body.slice(0, 300));
    assert.equal(res.headers['content-type'], 'text/html; charset=utf-8');
    assert.equal(res.headers['content-disposition'], `inline; filename="aarsrapport-580-${YEAR}.html"`);
    assert.equal(res.headers['content-security-policy'], REPORT_CSP);
    assert.match(res.body, /^<!DOCTYPE html><html lang="da">/);
    assert.match(res.body, /<nav class="ar-toc" aria-labelledby="ar-indhold">/);
    const missing = aabenraaTitles().filter((r) => !res.body.includes(r.title.replace(/"/g, '&quot;')));
    assert.deepEqual(missing, [], 'rules missing from the HTML report');
    const named = persons.filter((p) => res.body.includes(p.name)).map((p) => p.name);
    assert.deepEqual(named, [], 'full names of persons in the HTML report');
  });

  test('the comparison takes the municipalities asked for with ?compare=, beside the nation', async () => {
    const res = await app.inject({
      url: `${M}/reports/annual?year=${YEAR}&compare=813`,
      headers: auth(token('analyst')),
    });
    assert.equal(res.statusCode, 200, res.body.slice(0, 300));
    const comparison = res.body.slice(
      res.body.indexOf('id="ar-sammenligning"'),
      res.body.indexOf('id="ar-ikke-maalt"'),
    );
    assert.match(comparison, /Aabenraa Kommune sammenlignet med Frederikshavn Kommune og hele landet/);
    assert.match(comparison, /<th scope="row"[^>]*>Hele landet<\/th>/);
    assert.doesNotMatch(comparison, /Hjørring|Tønder|Faxe/, 'a municipality not asked for is compared');
    const unknown = await app.inject({
      url: `${M}/reports/annual?year=${YEAR}&compare=999`,
      headers: auth(token('analyst')),
    });
    assert.equal(unknown.statusCode, 422, unknown.body);
    assert.equal(unknown.json<{ code: string }>().code, 'comparison.municipality_unknown');
  });

  test('the API refuses a caseworker (403), a year that is not one (400), a year not begun (422) and another municipality (404)', async () => {
    const caseworker = await app.inject({
      url: `${M}/reports/annual?year=${YEAR}`,
      headers: auth(token('caseworker')),
    });
    assert.equal(caseworker.statusCode, 403, caseworker.body);
    assert.match(String(caseworker.headers['content-type']), /^application\/problem\+json/);
    assert.equal(caseworker.json<{ code: string }>().code, 'role.forbidden');
    for (const query of ['year=abc', 'format=docx', 'compare=Aabenraa']) {
      const bad = await app.inject({ url: `${M}/reports/annual?${query}`, headers: auth(token('analyst')) });
      assert.equal(bad.statusCode, 400, `${query}: ${bad.body}`);
      assert.match(String(bad.headers['content-type']), /^application\/problem\+json/);
    }
    const future = await app.inject({
      url: `${M}/reports/annual?year=${Number(todayIso().slice(0, 4)) + 1}`,
      headers: auth(token('analyst')),
    });
    assert.equal(future.statusCode, 422, future.body);
    const other = await app.inject({
      url: `/api/v1/municipalities/860/reports/annual?year=${YEAR}`,
      headers: auth(token('analyst')),
    });
    assert.equal(other.statusCode, 404, other.body);
  });

  test('medborger report annual says so when the municipality has no records, and writes the report all the same', () => {
    assert.equal(empty.code, 0, describeRun(empty));
    assert.match(empty.stderr, /København Kommune \(101\) har ingen registreringer i Medborger/);
    assert.match(
      readFileSync(emptyFile, 'utf8'),
      /^<!DOCTYPE html><html lang="da">[\s\S]*København Kommune har ingen registreringer i Medborger/,
    );
  });

  test('the HTML report has no axe violation (WCAG 2.1 A and AA) in Chromium', async (t) => {
    const skip = browserSkipReason();
    if (skip) {
      t.skip(skip);
      return;
    }
    const res = await app.inject({ url: `${M}/reports/annual?year=${YEAR}`, headers: auth(token('analyst')) });
    assert.equal(res.statusCode, 200);
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      await page.setContent(res.body, { waitUntil: 'load' });
      const violations = await axeViolations(page);
      await screenshot(page, `annual-report-html-${engine}`);
      assert.equal(violations.length, 0, `axe found violations in the HTML report:\n${formatViolations(violations)}`);
      assert.ok((await page.locator('svg[role="img"]').count()) >= 1, 'the HTML report has no chart');
      assert.equal(
        await page.locator('table:not(:has(caption))').count(),
        0,
        'a table of the HTML report has no caption',
      );
      // On a phone (320 px) the report reflows: no horizontal scrolling, and still nothing for axe.
      await page.setViewportSize({ width: 320, height: 800 });
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= 321, `the HTML report scrolls horizontally at 320 px (document width ${width} px)`);
      const narrow = await axeViolations(page);
      assert.equal(narrow.length, 0, `axe found violations at 320 px:\n${formatViolations(narrow)}`);
    } finally {
      await browser.close();
    }
  });
});
