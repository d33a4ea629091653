// The page Årsrapport in a real browser (Debian's Chromium through playwright-core), against
// `medborger serve` started as a real process on an empty embedded data directory with the demo
// population: signed in on the demo identity provider's page as the analyst or the secretariat,
// the page shows last year's annual report in the site's layout with axe-core (WCAG 2.0/2.1 A and
// AA) finding nothing, another year is chosen with the form, a year that is not one gets a Danish
// error summary, the PDF downloads for the signed-in user, the standalone HTML document keeps its
// own Content-Security-Policy without a violation, and a caseworker is refused. Screenshots of
// every page in test-results/screenshots/. The demo figures are not relied on.
//
// Skipped, with the reason, when there is no Chromium at /usr/bin/chromium (MEDBORGER_CHROMIUM).
import assert from 'node:assert/strict';
import { after, before, describe, test, type TestContext } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import {
  axeViolations,
  browserSkipReason,
  collectPageErrors,
  formatViolations,
  launchBrowser,
  screenshot,
  signInAs,
  signInAsCaseworker,
  startDemoServer,
  todayCopenhagen,
  type DemoServer,
} from './browser-helpers.js';
import { killAllChildren } from './process-helpers.js';

const skip = browserSkipReason();
const NAV_TIMEOUT = 60_000;
const TEST_TIMEOUT = 180_000;

let demo: DemoServer | undefined;
let browser: Browser | undefined;

const lastYear = Number(todayCopenhagen().slice(0, 4)) - 1;

function base(): string {
  if (!demo) throw new Error('the server did not start (see the before hook)');
  return demo.base;
}

interface Session {
  page: Page;
  errors: string[];
}

async function signedIn(
  t: TestContext,
  role: 'analytiker' | 'sekretariat' | 'sagsbehandler',
  returnTo = '/arsrapport',
): Promise<Session> {
  if (!browser) throw new Error('the browser did not start (see the before hook)');
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'da-DK' });
  t.after(() => context.close());
  context.setDefaultTimeout(NAV_TIMEOUT);
  const page = await context.newPage();
  const errors: string[] = [];
  collectPageErrors(page, errors);
  if (role === 'sagsbehandler') await signInAsCaseworker(page, base(), 'Aabenraa', returnTo);
  else await signInAs(page, base(), 'Aabenraa', role, returnTo);
  return { page, errors };
}

async function noViolations(page: Page, name: string): Promise<void> {
  const violations = await axeViolations(page);
  await screenshot(page, `annual-report-${name}`);
  assert.equal(violations.length, 0, `axe found violations on ${page.url()}:\n${formatViolations(violations)}`);
}

describe('the annual report page in a browser', { skip: skip ?? false, concurrency: 1, timeout: 900_000 }, () => {
  before(
    async () => {
      demo = await startDemoServer(240_000);
      browser = await launchBrowser();
      console.log(`demo server listening after ${demo.startMs} ms (${demo.base})`);
    },
    { timeout: 300_000 },
  );
  after(async () => {
    await browser?.close();
    await demo?.stop();
    killAllChildren();
  });

  test(
    "the analyst sees last year's annual report in the layout, with contents and charts, and no axe violation",
    { timeout: TEST_TIMEOUT },
    async (t) => {
      const { page, errors } = await signedIn(t, 'analytiker');
      assert.equal(new URL(page.url()).pathname, '/arsrapport');
      await page
        .getByRole('heading', { level: 1, name: `Årsrapport ${lastYear} – Aabenraa Kommune` })
        .waitFor({ timeout: NAV_TIMEOUT });
      await page.getByRole('navigation', { name: 'Indhold' }).waitFor();
      for (const section of ['Politikkens vision', 'Reglerne og deres overholdelse', 'Indikatorer', 'Styring i året'])
        assert.equal(await page.getByRole('heading', { level: 2, name: section }).count(), 1, `no section ${section}`);
      assert.ok((await page.locator('.ar svg[role="img"]').count()) >= 1, 'the report on the page has no chart');
      // The report's stylesheet is applied (the site's CSP allows it: it is the site's own).
      const border = await page
        .getByRole('heading', { level: 2, name: 'Politikkens vision' })
        .evaluate((h) => getComputedStyle(h).borderTopStyle);
      assert.equal(border, 'solid', "the report's stylesheet is not applied on the page");
      await noViolations(page, 'page-analyst');
      assert.deepEqual(errors, [], 'script or CSP errors on the page');
    },
  );

  test(
    'another year is chosen with the form; a year that is not one gets a Danish error summary',
    { timeout: TEST_TIMEOUT },
    async (t) => {
      const { page } = await signedIn(t, 'sekretariat');
      const other = String(lastYear - 1);
      await page.getByLabel('År', { exact: true }).selectOption(other);
      await Promise.all([
        page.waitForURL((url) => url.searchParams.get('year') === other, { timeout: NAV_TIMEOUT }),
        page.getByRole('button', { name: 'Vis årsrapporten' }).click(),
      ]);
      await page.getByRole('heading', { level: 1, name: `Årsrapport ${other} – Aabenraa Kommune` }).waitFor();
      await noViolations(page, `page-secretariat-${other}`);

      const bad = await page.goto(`${base()}/arsrapport?year=abc`, { waitUntil: 'load' });
      assert.equal(bad?.status(), 400);
      const summary = page.getByRole('alert');
      await summary.waitFor();
      assert.match((await summary.textContent()) ?? '', /Vælg et år fra \d{4} til \d{4}/);
      await noViolations(page, 'page-bad-year');
    },
  );

  test(
    'the PDF downloads for the signed-in user; the standalone HTML keeps its own CSP without a violation',
    { timeout: TEST_TIMEOUT },
    async (t) => {
      const { page, errors } = await signedIn(t, 'analytiker');
      const link = page.getByRole('link', { name: 'Hent årsrapporten som PDF' });
      const href = await link.getAttribute('href');
      assert.equal(href, `/arsrapport/pdf?year=${lastYear}`);
      const pdf = await page.request.get(base() + href, { timeout: NAV_TIMEOUT });
      assert.equal(pdf.status(), 200);
      assert.equal(pdf.headers()['content-type'], 'application/pdf');
      assert.equal(pdf.headers()['content-disposition'], `attachment; filename="aarsrapport-580-${lastYear}.pdf"`);
      assert.equal((await pdf.body()).subarray(0, 5).toString('latin1'), '%PDF-');

      const [response] = await Promise.all([
        page.waitForResponse((r) => r.url().includes('/arsrapport/html'), { timeout: NAV_TIMEOUT }),
        page.getByRole('link', { name: 'Åbn årsrapporten som selvstændigt dokument (HTML)' }).click(),
      ]);
      assert.equal(response.status(), 200);
      assert.match(response.headers()['content-security-policy'] ?? '', /^default-src 'none'; style-src 'sha256-/);
      await page.waitForLoadState('load');
      await page.getByRole('heading', { level: 1, name: 'Integrationspolitikken i Aabenraa Kommune' }).waitFor();
      const color = await page.locator('.ar-kicker').evaluate((p) => getComputedStyle(p).color);
      assert.equal(color, 'rgb(0, 89, 179)', 'the inline stylesheet was refused by the CSP');
      await noViolations(page, 'standalone-html');
      assert.deepEqual(errors, [], 'script or CSP errors (a refused inline stylesheet shows here)');
    },
  );

  test(
    'a caseworker, who does not read the governance cycle, is refused the annual report',
    { timeout: TEST_TIMEOUT },
    async (t) => {
      const { page } = await signedIn(t, 'sagsbehandler', '/');
      for (const path of ['/arsrapport', `/arsrapport/pdf?year=${lastYear}`]) {
        const res = await page.request.get(base() + path, { timeout: NAV_TIMEOUT });
        assert.equal(res.status(), 403, `${path} answered ${res.status()}`);
      }
      const res = await page.goto(`${base()}/arsrapport`, { waitUntil: 'load' });
      assert.equal(res?.status(), 403);
      await noViolations(page, 'page-caseworker-refused');
    },
  );
});
