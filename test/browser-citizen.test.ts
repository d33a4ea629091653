// The citizen's own pages in Chromium (issue 14): sign in as a demo citizen of Aabenraa through the
// local demo identity provider; every page under /borger/ in Danish, Arabic, Ukrainian and Dari
// passes axe (WCAG 2.1 A/AA) with 0 violations on a 320 px phone, with dir="rtl" in Arabic and Dari;
// the pages work with JavaScript off; a citizen gets no staff page and no other person's data.
import assert from 'node:assert/strict';
import { after, before, describe, test, type TestContext } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  axeViolations,
  browserSkipReason,
  collectPageErrors,
  formatViolations,
  horizontalOverflow,
  launchBrowser,
  screenshot,
  startDemoServer,
  type DemoServer,
} from './browser-helpers.js';

const skip = browserSkipReason();
const PAGES = [
  '/borger/',
  '/borger/aftaler',
  '/borger/aktiviteter',
  '/borger/boern',
  '/borger/rettigheder',
  '/borger/tilbud',
  '/borger/hjemrejse',
  '/borger/indsigt',
  '/borger/politik',
];

let demo: DemoServer | undefined;
let browser: Browser | undefined;

function server(): DemoServer {
  if (!demo) throw new Error('the server did not start (see the before hook)');
  return demo;
}

/** Signs in as the first demo citizen (a parent) of Aabenraa, on a phone-sized window. */
async function citizenSignedIn(
  t: TestContext,
  options: { javaScript?: boolean } = {},
): Promise<{ context: BrowserContext; page: Page; errors: string[]; name: string }> {
  if (!browser) throw new Error('the browser did not start (see the before hook)');
  const context = await browser.newContext({
    viewport: { width: 320, height: 800 },
    locale: 'da-DK',
    javaScriptEnabled: options.javaScript ?? true,
  });
  t.after(() => context.close());
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  const errors: string[] = [];
  collectPageErrors(page, errors);
  const base = server().base;
  await page.goto(`${base}/borger/`, { waitUntil: 'domcontentloaded' });
  await page.getByRole('link', { name: 'Log ind med MitID' }).click();
  await page.getByRole('heading', { name: 'Log ind (demo)' }).waitFor();
  const section = page
    .locator('section')
    .filter({ has: page.getByRole('heading', { name: 'Aabenraa Kommune', exact: true }) });
  const button = section.getByRole('button', { name: /, borger \(forælder\)$/ }).first();
  const label = (await button.textContent())?.trim() ?? '';
  await Promise.all([page.waitForURL(`${base}/borger/`, { timeout: 20_000 }), button.click()]);
  return { context, page, errors, name: label.replace(/^Log ind som /, '').replace(/, borger.*$/, '') };
}

describe('the citizen pages in the browser', { skip: skip ?? false, timeout: 600_000 }, () => {
  before(async () => {
    demo = await startDemoServer();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await demo?.stop();
  });

  test('a demo citizen of Aabenraa signs in and lands on /borger/ with their next steps and contact person', async (t) => {
    const { page, errors, name } = await citizenSignedIn(t);
    assert.match(await page.locator('h1').innerText(), /Min plan/);
    assert.match(await page.locator('.c-hello').innerText(), new RegExp(`Hej ${name.split(' ')[0]}`));
    await page.getByRole('heading', { name: 'Det skal du gøre nu' }).waitFor();
    await page.getByRole('heading', { name: 'Din kontaktperson' }).waitFor();
    await page.getByRole('heading', { name: 'Dit næste møde' }).waitFor();
    assert.deepEqual(errors, []);
  });

  test('every page in da, ar, uk and fa-AF passes axe with 0 violations at 320 px; ar and fa-AF are right to left', async (t) => {
    const { page, errors } = await citizenSignedIn(t);
    const failures: string[] = [];
    for (const lang of ['da', 'ar', 'uk', 'fa-AF']) {
      for (const path of PAGES) {
        const res = await page.goto(`${server().base}${path}?lang=${lang}`, { waitUntil: 'load' });
        assert.equal(res?.status(), 200, `${path} ${lang}`);
        const html = page.locator('html');
        assert.equal(await html.getAttribute('lang'), lang);
        assert.equal(
          await html.getAttribute('dir'),
          lang === 'ar' || lang === 'fa-AF' ? 'rtl' : 'ltr',
          `${path} ${lang}`,
        );
        const violations = await axeViolations(page);
        if (violations.length > 0) failures.push(`${path}?lang=${lang}:\n${formatViolations(violations)}`);
        const overflow = await horizontalOverflow(page);
        if (overflow.scrollWidth > 321)
          failures.push(`${path}?lang=${lang}: wider than 320 px: ${overflow.wide.join(', ')}`);
        if (path === '/borger/') await screenshot(page, `citizen-plan-${lang}`);
      }
    }
    assert.deepEqual(failures, [], failures.join('\n'));
    assert.deepEqual(errors, []);
  });

  test('the language chosen is remembered on the next page', async (t) => {
    const { page } = await citizenSignedIn(t);
    await page.goto(`${server().base}/borger/?lang=ar`);
    await page.getByRole('link', { name: 'المواعيد' }).click();
    await page.waitForURL(/\/borger\/aftaler$/);
    assert.equal(await page.locator('html').getAttribute('dir'), 'rtl');
    assert.equal(await page.locator('h1').innerText(), 'المواعيد');
  });

  test('the pages work with JavaScript off: sign-in, the menu, a language and the calendar file', async (t) => {
    const { page } = await citizenSignedIn(t, { javaScript: false });
    await page.getByRole('link', { name: 'Aftaler' }).click();
    await page.waitForURL(/\/borger\/aftaler$/);
    const link = page.getByRole('link', { name: 'Gem i din kalender' }).first();
    const href = await link.getAttribute('href');
    assert.ok(href);
    const ics = await page.request.get(`${server().base}${href}`);
    assert.equal(ics.status(), 200);
    assert.match(await ics.text(), /BEGIN:VEVENT/);
    await page.getByRole('link', { name: 'Українська' }).click();
    assert.equal(await page.locator('html').getAttribute('lang'), 'uk');
  });

  test("a citizen's request for a staff page or another person's data is refused", async (t) => {
    const { page, context } = await citizenSignedIn(t);
    const staff = await page.goto(`${server().base}/`, { waitUntil: 'domcontentloaded' });
    // No staff session: the staff sign-in (the demo provider's page), never the worklist.
    assert.ok(staff);
    await page.getByRole('heading', { name: 'Log ind (demo)' }).waitFor();
    const cookies = await context.cookies();
    assert.ok(cookies.some((c) => c.name === '__Host-medborger-citizen'));
    assert.ok(!cookies.some((c) => c.name === '__Host-medborger-session'));
    const other = await page.goto(`${server().base}/borger/aftaler/00000000-0000-4000-8000-000000000000.ics`);
    assert.equal(other?.status(), 404);
  });
});
