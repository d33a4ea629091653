// The analyst's and the secretariat's pages in a real browser (Debian's Chromium through
// playwright-core), against `medborger serve` started as a real process on an empty embedded data
// directory with the demo population: Indikatorer, Sammenlign and Styring, signed in on the demo
// identity provider's page as the analyst, the secretariat or a caseworker, with axe-core (WCAG
// 2.0/2.1 A and AA) on every page, a 320 px wide viewport, and full-page screenshots of every page
// in test-results/screenshots/. One server and one browser for the file; each test signs in in a
// browser context of its own, so that any test runs alone (--test-name-pattern) and in any order.
// The demo figures are not relied on: only what the pages must show whatever the data.
//
// Skipped, with the reason, when there is no Chromium at /usr/bin/chromium (MEDBORGER_CHROMIUM).
import assert from 'node:assert/strict';
import { after, before, describe, test, type TestContext } from 'node:test';
import type { Browser, Page, Response } from 'playwright-core';
import {
  axeViolations,
  browserSkipReason,
  collectPageErrors,
  formatViolations,
  horizontalOverflow,
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
const NAV_TIMEOUT = 30_000;
const TEST_TIMEOUT = 120_000;

let demo: DemoServer | undefined;
let browser: Browser | undefined;

const today = todayCopenhagen();
const year = today.slice(0, 4);

function base(): string {
  if (!demo) throw new Error('the server did not start (see the before hook)');
  return demo.base;
}

interface Session {
  page: Page;
  errors: string[];
}

/** A browser context of this test's own, signed in as `role` of the municipality on the provider's page. */
async function signedIn(
  t: TestContext,
  municipality: string,
  role: 'analytiker' | 'sekretariat' | 'sagsbehandler',
  returnTo = '/',
): Promise<Session> {
  if (!browser) throw new Error('the browser did not start (see the before hook)');
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'da-DK' });
  t.after(() => context.close());
  context.setDefaultTimeout(20_000);
  const page = await context.newPage();
  const errors: string[] = [];
  collectPageErrors(page, errors);
  if (role === 'sagsbehandler') await signInAsCaseworker(page, base(), municipality, returnTo);
  else await signInAs(page, base(), municipality, role, returnTo);
  return { page, errors };
}

async function open(p: Page, path: string): Promise<Response> {
  const response = await p.goto(base() + path, { waitUntil: 'load', timeout: NAV_TIMEOUT });
  if (!response) throw new Error(`no response for ${path}`);
  return response;
}

/** Runs `action` and waits for the main frame's next navigation to finish; its final (non-redirect) response. */
async function navigation(p: Page, action: () => Promise<unknown>): Promise<Response> {
  const [response] = await Promise.all([
    p.waitForResponse(
      (r) =>
        r.request().isNavigationRequest() && r.frame() === p.mainFrame() && !(r.status() >= 300 && r.status() < 400),
      { timeout: NAV_TIMEOUT },
    ),
    action(),
  ]);
  await p.waitForLoadState('load', { timeout: NAV_TIMEOUT });
  return response;
}

/** axe on the page as it is now: no violation; a screenshot at 1280 px, then at 320 px (no horizontal scrolling), then back. */
async function checkPage(p: Page, name: string): Promise<void> {
  const violations = await axeViolations(p);
  await screenshot(p, `governance-${name}`);
  assert.equal(violations.length, 0, `axe found violations on ${p.url()}:\n${formatViolations(violations)}`);
  await p.setViewportSize({ width: 320, height: 800 });
  try {
    await screenshot(p, `governance-${name}-320px`);
    const { scrollWidth, wide } = await horizontalOverflow(p);
    assert.ok(
      scrollWidth <= 321,
      `${p.url()} scrolls horizontally at 320 px: document width ${scrollWidth} px. Elements past the viewport: ${wide.join(', ')}`,
    );
    const narrow = await axeViolations(p);
    assert.equal(narrow.length, 0, `axe found violations at 320 px on ${p.url()}:\n${formatViolations(narrow)}`);
  } finally {
    await p.setViewportSize({ width: 1280, height: 900 });
  }
}

const clean = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim();

/** The main menu's links: [text, href]. */
async function menu(p: Page): Promise<[string, string][]> {
  return p
    .getByRole('navigation', { name: 'Hovedmenu' })
    .getByRole('link')
    .evaluateAll((links) =>
      links.map((a) => [a.textContent.replace(/\s+/g, ' ').trim(), a.getAttribute('href') ?? ''] as [string, string]),
    );
}

describe(
  'the analyst and secretariat pages in a browser',
  { skip: skip ?? false, concurrency: 1, timeout: 900_000 },
  () => {
    before(
      async () => {
        demo = await startDemoServer(180_000);
        browser = await launchBrowser();
        console.log(`demo server listening after ${demo.startMs} ms (${demo.base})`);
      },
      { timeout: 240_000 },
    );

    after(async () => {
      await browser?.close().catch(() => undefined);
      await demo?.stop().catch((err: unknown) => {
        console.error('stopping the server failed:', err);
      });
      killAllChildren();
    });

    test(
      "the analyst of Frederikshavn lands on Indikatorer, sees the youth-education target of 90 % and no caseworker's link",
      { timeout: TEST_TIMEOUT },
      async (t) => {
        const { page: p, errors } = await signedIn(t, 'Frederikshavn', 'analytiker');
        assert.equal(new URL(p.url()).pathname, '/indikatorer', 'the analyst starts on Indikatorer');
        assert.match(clean(await p.locator('h1').textContent()), new RegExp(`^Indikatorer ${year}$`));
        const links = await menu(p);
        assert.deepEqual(
          links.map(([, href]) => href),
          ['/indikatorer', '/sammenlign', '/styring', '/arsrapport', '/politik'],
        );
        assert.equal(await p.locator('a[href="/borgere"], a[href="/husstande/ny"]').count(), 0);
        const youth = p.locator('tr[data-indicator="frederikshavn-youth-education-under-25"]');
        const target = clean(await youth.locator('td[data-label="Mål"]').textContent());
        assert.match(target, /^90 %/);
        const figure = clean(await youth.locator('td[data-label="Værdi"]').textContent());
        assert.match(figure, /^(\d{1,3} % \(n = [\d.]+\)|Vises ikke: færre end 5 personer)$/, figure);
        // Every figure on the page is a share or days with its n, the suppression marking, or not measurable.
        const cells = await p.locator('td.mb-figure').allTextContents();
        assert.ok(cells.length > 20, `only ${cells.length} figures on the page`);
        for (const c of cells.map(clean))
          assert.match(
            c,
            /^(\d{1,3} % \(n = [\d.]+\)|[\d,]+ dage? \(n = [\d.]+\)|Intet tal \(n = [\d.]+\)|Vises ikke: færre end 5 personer)$/,
          );
        for (const c of cells.map(clean)) {
          const n = /n = ([\d.]+)/.exec(c)?.[1];
          if (n) assert.ok(Number(n.replace(/\./g, '')) >= 5, `a figure about ${n} persons is shown: ${c}`);
        }
        await checkPage(p, 'indikatorer-813');
        assert.deepEqual(errors, []);
      },
    );

    test(
      'the analyst breaks the indicators down by age with the form, and the groups are in Danish',
      { timeout: TEST_TIMEOUT },
      async (t) => {
        const { page: p, errors } = await signedIn(t, 'Frederikshavn', 'analytiker', '/indikatorer');
        await p.getByLabel('Opdeling', { exact: true }).selectOption({ label: 'Alder' });
        const response = await navigation(p, () => p.getByRole('button', { name: 'Vis' }).click());
        assert.equal(response.status(), 200);
        assert.match(new URL(p.url()).search, /opdeling=age/);
        const heads = (await p.locator('#tabel-nationale thead th').allTextContents()).map(clean);
        assert.ok(heads.includes('I alt'), heads.join(' | '));
        assert.ok(
          heads.some((h) => /^\d+–\d+ år$/.test(h)),
          `no age band column: ${heads.join(' | ')}`,
        );
        assert.ok(!heads.some((h) => /^\d+-\d+$/.test(h)), `a raw age band id: ${heads.join(' | ')}`);
        for (const table of await p.locator('table').all()) {
          const bands = (await table.locator('thead th').allTextContents())
            .map(clean)
            .flatMap((h) => (/^(\d+)(–\d+ år| år og derover)$/.exec(h) ? [Number(/^\d+/.exec(h)?.[0])] : []));
          assert.deepEqual(
            bands,
            [...bands].sort((a, b) => a - b),
            `age bands out of order: ${bands.join(', ')}`,
          );
        }
        await checkPage(p, 'indikatorer-813-alder');
        await open(p, '/indikatorer?year=abc');
        assert.match(clean(await p.getByRole('alert').textContent()), /Vælg et år fra/);
        await checkPage(p, 'indikatorer-fejl');
        assert.deepEqual(errors, []);
      },
    );

    test('Sammenlign shows Aabenraa and Frederikshavn beside Hele landet', { timeout: TEST_TIMEOUT }, async (t) => {
      const { page: p, errors } = await signedIn(t, 'Frederikshavn', 'analytiker', '/sammenlign');
      assert.ok(await p.getByLabel('Frederikshavn').isChecked(), "the user's own municipality is chosen");
      await p.getByLabel('Indikator', { exact: true }).selectOption('barometer-1.2-employment-25-64');
      await p.locator('summary', { hasText: 'Region Syddanmark' }).click();
      await p.getByLabel('Aabenraa').check();
      await checkPage(p, 'sammenlign-form');
      const response = await navigation(p, () => p.getByRole('button', { name: 'Sammenlign' }).click());
      assert.equal(response.status(), 200);
      const rows = await p
        .locator('#tabel-sammenligning tbody tr')
        .evaluateAll((trs) => trs.map((tr) => tr.querySelector('th')?.innerText.replace(/\s+/g, ' ').trim() ?? ''));
      assert.equal(rows.length, 3, rows.join(' | '));
      assert.equal(rows[0], 'Aabenraa');
      assert.equal(rows[1], 'Frederikshavn');
      assert.match(rows[2] ?? '', /^Hele landet \d+ kommuner med borgere i Medborger$/);
      for (const v of (await p.locator('#tabel-sammenligning td[data-label="Værdi"]').allTextContents()).map(clean))
        assert.match(v, /^(\d{1,3} %|Vises ikke: færre end 5 personer|Intet tal)$/);
      await checkPage(p, 'sammenlign-580-813');
      assert.deepEqual(errors, []);
    });

    test(
      'the secretariat of Hjørring records the yearly dialogue meeting on Styring and sees the obligation become met',
      { timeout: TEST_TIMEOUT },
      async (t) => {
        const { page: p, errors } = await signedIn(t, 'Hjørring', 'sekretariat');
        assert.equal(new URL(p.url()).pathname, '/styring', 'the secretariat starts on Styring');
        assert.equal(await p.locator('a[href="/borgere"], a[href="/husstande/ny"]').count(), 0);
        const meeting = p.locator(`tr[data-rule="hjorring.dialogue-meeting"][data-period="${year}-01-01"]`);
        assert.notEqual(clean(await meeting.locator('td[data-label="Status"]').textContent()), 'Opfyldt');
        await checkPage(p, 'styring-860');

        // A form sent without the required fields: the Danish error summary, focusable, linking to the fields.
        await p.getByLabel('Titel', { exact: true }).fill('Dialogmøde med fagudvalgene');
        await p.getByLabel('Dato', { exact: true }).fill('');
        const rejected = await navigation(p, () => p.getByRole('button', { name: 'Gem hændelse' }).click());
        assert.equal(rejected.status(), 400);
        const summary = clean(await p.getByRole('alert').textContent());
        assert.match(summary, /Vælg art/);
        assert.match(summary, /Udfyld dato/);
        assert.equal(await p.getByLabel('Titel', { exact: true }).inputValue(), 'Dialogmøde med fagudvalgene');
        await checkPage(p, 'styring-860-fejl');

        await p.getByLabel('Art', { exact: true }).selectOption({ label: 'Møde' });
        await p.getByLabel('Dato', { exact: true }).fill(today);
        await p.getByLabel('Organ (valgfri)', { exact: true }).fill('Integrationsrådet');
        await p.getByLabel('Offentliggjort').check();
        await p.getByLabel('Dokument 1: titel').fill('Referat');
        await p.getByLabel('Dokument 1: adresse (URL)').fill('https://hjoerring.dk/referat');
        const saved = await navigation(p, () => p.getByRole('button', { name: 'Gem hændelse' }).click());
        assert.equal(saved.status(), 200);
        assert.match(clean(await p.getByRole('status').first().textContent()), /Hændelsen er registreret/);
        assert.equal(clean(await meeting.locator('td[data-label="Status"]').textContent()), 'Opfyldt');
        assert.match(
          clean(await meeting.locator('td[data-label="Opfyldt af"]').textContent()),
          new RegExp(`Dialogmøde med fagudvalgene, ${today.split('-').reverse().join('\\.')}`),
        );
        await checkPage(p, 'styring-860-registreret');
        assert.deepEqual(errors, []);
      },
    );

    test(
      'the secretariat of Hjørring registers a case, and a council hearing falls due before its decision date',
      { timeout: TEST_TIMEOUT },
      async (t) => {
        const { page: p, errors } = await signedIn(t, 'Hjørring', 'sekretariat', '/styring');
        await p.getByLabel('Sagens titel').fill('Ny boligsocial helhedsplan');
        await p.getByLabel('Besluttende organ').fill('Byrådet');
        await p.getByLabel('Beslutningsdato').fill(`${Number(year) + 1}-03-10`);
        const saved = await navigation(p, () => p.getByRole('button', { name: 'Gem sag' }).click());
        assert.equal(saved.status(), 200);
        const hearing = p.locator('tr[data-rule="hjorring.council-hearings"]', {
          hasText: 'Ny boligsocial helhedsplan',
        });
        assert.equal(await hearing.count(), 1);
        assert.equal(clean(await hearing.locator('td[data-label="Frist"]').textContent()), `09.03.${Number(year) + 1}`);
        await checkPage(p, 'styring-860-sag');
        assert.deepEqual(errors, []);
      },
    );

    test('the analyst sees Styring read-only', { timeout: TEST_TIMEOUT }, async (t) => {
      const { page: p, errors } = await signedIn(t, 'Hjørring', 'analytiker', '/styring');
      assert.equal(await p.locator('form[method="post"][action^="/styring"]').count(), 0);
      assert.match(clean(await p.locator('main').textContent()), /Din rolle kan se styringen, men ikke registrere/);
      await checkPage(p, 'styring-860-analytiker');
      assert.deepEqual(errors, []);
    });

    test('a caseworker has no Styring link and is refused the page', { timeout: TEST_TIMEOUT }, async (t) => {
      const { page: p } = await signedIn(t, 'Aabenraa', 'sagsbehandler');
      const hrefs = (await menu(p)).map(([, href]) => href);
      assert.ok(!hrefs.includes('/styring') && !hrefs.includes('/arsrapport'), hrefs.join(' '));
      assert.ok(hrefs.includes('/indikatorer'));
      const refused = await open(p, '/styring');
      assert.equal(refused.status(), 403);
      assert.equal(clean(await p.locator('h1').textContent()), 'Ingen adgang');
      const violations = await axeViolations(p);
      assert.equal(violations.length, 0, formatViolations(violations));
    });
  },
);
