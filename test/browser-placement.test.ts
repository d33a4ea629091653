// Every role's start page and the placement pages in a real browser (Debian's Chromium through
// playwright-core), against `medborger serve` started as a real process on an empty embedded data
// directory with the demo population (issue 15): each demo role of Aabenraa lands on a page of its
// own, never an access-refused page; the housing coordinator runs a housing plan, reads the
// explanations, forbids a pair and runs again (the difference to the previous draft), and accepts
// two proposals (the plan is then partly accepted); the institution administrator, the company
// consultant and the volunteer coordinator each run and accept a plan of their kind. axe-core
// (WCAG 2.0/2.1 A and AA) on every page, full-page screenshots in test-results/screenshots/.
//
// Skipped, with the reason, when there is no Chromium at /usr/bin/chromium (MEDBORGER_CHROMIUM).
import assert from 'node:assert/strict';
import path from 'node:path';
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
  SCREENSHOT_DIR,
  signInAs,
  startDemoServer,
  type DemoServer,
} from './browser-helpers.js';
import { killAllChildren } from './process-helpers.js';

const skip = browserSkipReason();
const NAV_TIMEOUT = 60_000;
const TEST_TIMEOUT = 240_000;
const AABENRAA = 'Aabenraa';

let demo: DemoServer | undefined;
let browser: Browser | undefined;

function base(): string {
  if (!demo) throw new Error('the server did not start (see the before hook)');
  return demo.base;
}

/** A browser context of this test's own, signed in as the first "…, <role in Danish>" of Aabenraa. */
async function signedIn(t: TestContext, roleDa: string): Promise<{ page: Page; errors: string[]; user: string }> {
  if (!browser) throw new Error('the browser did not start (see the before hook)');
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'da-DK' });
  t.after(() => context.close());
  context.setDefaultTimeout(30_000);
  const page = await context.newPage();
  const errors: string[] = [];
  collectPageErrors(page, errors);
  const { user } = await signInAs(page, base(), AABENRAA, roleDa, '/');
  return { page, errors, user };
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

async function checkPage(p: Page, name: string): Promise<void> {
  const violations = await axeViolations(p);
  await screenshot(p, `placement-${name}`);
  // The first screen as the coordinator sees it (the full page is long).
  await p.screenshot({ path: path.join(SCREENSHOT_DIR, `placement-${name}-top.png`) }).catch(() => undefined);
  assert.equal(violations.length, 0, `axe found violations on ${p.url()}:\n${formatViolations(violations)}`);
  // At 320 px: no horizontal scrolling, and axe again.
  await p.setViewportSize({ width: 320, height: 800 });
  try {
    await screenshot(p, `placement-${name}-320px`);
    const { scrollWidth, wide } = await horizontalOverflow(p);
    assert.ok(scrollWidth <= 321, `${p.url()} scrolls horizontally at 320 px (${scrollWidth} px): ${wide.join(', ')}`);
    const narrow = await axeViolations(p);
    assert.equal(narrow.length, 0, `axe found violations at 320 px on ${p.url()}:\n${formatViolations(narrow)}`);
  } finally {
    await p.setViewportSize({ width: 1280, height: 900 });
  }
}

const clean = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim();
const h1 = async (p: Page) => clean(await p.locator('h1').first().textContent());

/** The demo roles of Aabenraa on the identity provider's page, as the role's Danish term. */
const ROLES_DA = [
  'sagsbehandler',
  'teamleder',
  'boligplacering',
  'dagtilbud/skole',
  'frivilligkoordinator',
  'virksomhedskonsulent',
  'administrator',
  'analytiker',
  'sekretariat',
];

/** The plan's status as the page says it ("Status: Udkast."). */
async function planStatus(p: Page): Promise<string> {
  const text = clean(
    await p
      .locator('main p', { hasText: /^Status:/ })
      .first()
      .textContent(),
  );
  return /^Status: ([^.]+)\./.exec(text)?.[1] ?? text;
}

/** On a kind's start page: runs a plan with the policy's weights and lands on the plan. */
async function runPlan(p: Page, name: string): Promise<string> {
  await checkPage(p, `${name}-start`);
  assert.ok((await p.getByRole('table').first().textContent())?.includes('Politikkens vægt'), 'weights are shown');
  const response = await navigation(p, () => p.getByRole('button', { name: 'Kør placering' }).click());
  assert.equal(
    response.status(),
    200,
    `running the plan answered ${response.status()}: ${clean(await p.locator('main').textContent()).slice(0, 400)}`,
  );
  assert.match(new URL(p.url()).pathname, /^\/placering\/planer\/[0-9a-f-]{36}$/);
  assert.equal(await planStatus(p), 'Udkast');
  await checkPage(p, `${name}-plan`);
  return new URL(p.url()).pathname.split('/').pop() ?? '';
}

describe(
  'every role’s start page and the placement pages in a browser',
  { skip: skip ?? false, concurrency: 1, timeout: 1_500_000 },
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
      'every demo role of Aabenraa lands on a start page of its own, not an access-refused page',
      { timeout: 600_000 },
      async (t) => {
        const homes: Record<string, RegExp> = {
          sagsbehandler: /^\/$/,
          teamleder: /^\/$/,
          boligplacering: /^\/placering\/bolig$/,
          'dagtilbud/skole': /^\/placering\/dagtilbud$/,
          frivilligkoordinator: /^\/placering\/mentorer$/,
          virksomhedskonsulent: /^\/placering\/praktik$/,
          administrator: /^\/administration$/,
          analytiker: /^\/indikatorer$/,
          sekretariat: /^\/styring$/,
        };
        for (const role of ROLES_DA) {
          await t.test(role, async (tt) => {
            const { page, errors } = await signedIn(tt, role);
            const path = new URL(page.url()).pathname;
            assert.match(path, homes[role] ?? /^$/, `${role} landed on ${path}`);
            const heading = await h1(page);
            assert.notEqual(heading, 'Ingen adgang', `${role}'s start page ${path} is an access-refused page`);
            assert.doesNotMatch(heading, /adgang|findes ikke|Fejl/i, `${role}'s start page ${path}: ${heading}`);
            // Every link of the menu opens (no menu item leads to a refusal).
            const links = await page
              .getByRole('navigation', { name: 'Hovedmenu' })
              .getByRole('link')
              .evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
            for (const href of links) {
              const r = await page.request.get(base() + href, { maxRedirects: 5 });
              assert.equal(r.status(), 200, `${role}: the menu's ${href} answered ${r.status()}`);
            }
            if (role !== 'sagsbehandler' && role !== 'teamleder')
              assert.ok(!links.includes('/husstande/ny'), `${role} is offered the household form`);
            await checkPage(page, `home-${role.replace('/', '-')}`);
            assert.deepEqual(errors, []);
          });
        }
      },
    );

    test(
      'a role without household.create is refused /husstande/ny before filling it in',
      { timeout: TEST_TIMEOUT },
      async (t) => {
        const { page } = await signedIn(t, 'boligplacering');
        const r = await page.goto(base() + '/husstande/ny', { waitUntil: 'load' });
        assert.equal(r?.status(), 403);
        assert.equal(await page.locator('form[action="/husstande/ny"]').count(), 0, 'no form is offered');
      },
    );

    test(
      'the housing coordinator runs a plan, forbids a pair and runs again, and accepts two proposals',
      { timeout: TEST_TIMEOUT },
      async (t) => {
        const { page, errors } = await signedIn(t, 'boligplacering');
        assert.equal(new URL(page.url()).pathname, '/placering/bolig');
        const firstId = await runPlan(page, 'housing');
        const proposals = page.locator('section.mb-proposal');
        assert.ok((await proposals.count()) >= 2, 'at least two households are proposed a unit');
        const first = clean(await proposals.first().textContent());
        assert.match(first, /Placeret i /, 'each proposal says why');
        assert.match(first, /Bedste alternativ:/, 'and names the best alternative');
        assert.ok((await page.getByRole('img', { name: /Kommunens byer/ }).count()) === 1, 'the towns are drawn');
        const headline = clean(
          await page
            .getByRole('definition')
            .allTextContents()
            .then((x) => x.join(' | ')),
        );
        assert.match(headline, /point/, `the headline has the criteria sum: ${headline}`);

        // Forbid the first proposal's pair and run again: that household gets another option.
        const firstAgent = clean(await proposals.first().locator('h3').textContent());
        await proposals.first().getByLabel('Ved næste kørsel').selectOption('forbid');
        const again = await navigation(page, () =>
          page.getByRole('button', { name: 'Kør igen med fastlåste og udelukkede par' }).click(),
        );
        assert.equal(again.status(), 200, clean(await page.locator('main').textContent()).slice(0, 400));
        assert.match(page.url(), new RegExp(`forrige=${firstId}$`));
        const diff = clean(await page.locator('section[aria-labelledby="forskelle"]').textContent());
        const agentName = firstAgent.split(' → ')[0] ?? '';
        assert.ok(diff.includes(agentName), `the difference names ${agentName}: ${diff}`);
        await checkPage(page, 'housing-rerun');

        // Accept two proposals.
        const boxes = page.getByRole('checkbox', { name: /^Godkend forslaget for / });
        assert.ok((await boxes.count()) >= 3, 'more than two proposals to choose from');
        await boxes.nth(0).check();
        await boxes.nth(1).check();
        const decided = await navigation(page, () =>
          page.getByRole('button', { name: 'Godkend de valgte forslag' }).click(),
        );
        assert.equal(decided.status(), 200, clean(await page.locator('main').textContent()).slice(0, 400));
        assert.equal(await planStatus(page), 'Delvist godkendt');
        const statuses = await page.locator('section.mb-proposal p', { hasText: /^Status:/ }).allTextContents();
        assert.equal(statuses.filter((s) => s.includes('Godkendt')).length, 2, statuses.join(' | '));
        await checkPage(page, 'housing-accepted');
        assert.deepEqual(errors, []);
      },
    );

    for (const [role, slug, name] of [
      ['dagtilbud/skole', 'dagtilbud', 'daycare'],
      ['virksomhedskonsulent', 'praktik', 'internships'],
      ['frivilligkoordinator', 'mentorer', 'mentors'],
    ] as const) {
      test(`the ${role} runs and accepts a plan of its kind (${slug})`, { timeout: TEST_TIMEOUT }, async (t) => {
        const { page, errors } = await signedIn(t, role);
        assert.equal(new URL(page.url()).pathname, `/placering/${slug}`);
        await runPlan(page, name);
        const proposals = page.locator('section.mb-proposal');
        assert.ok((await proposals.count()) >= 1, 'the plan proposes something');
        assert.match(clean(await proposals.first().textContent()), /Placeret i |Plads i /);
        const decided = await navigation(page, () =>
          page.getByRole('button', { name: /^Godkend alle \d+ forslag$/ }).click(),
        );
        assert.equal(decided.status(), 200, clean(await page.locator('main').textContent()).slice(0, 400));
        assert.equal(await planStatus(page), 'Godkendt');
        await checkPage(page, `${name}-accepted`);
        if (slug === 'dagtilbud') {
          // The institution administrator's school seats are one link away; a school plan by the
          // families' wishes (deferred acceptance), accepted whole.
          const school = await navigation(page, () =>
            page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Pladser i skole' }).click(),
          );
          assert.equal(school.status(), 200);
          await page.getByLabel(/Efter familiernes ønsker/).check();
          await runPlan(page, 'school-deferred-acceptance');
          assert.match(clean(await page.locator('main').textContent()), /Ikke beregnet/);
          assert.equal(await page.getByRole('button', { name: /^Kør igen/ }).count(), 0, 'no re-run with locks');
          const accepted = await navigation(page, () =>
            page.getByRole('button', { name: /^Godkend alle \d+ forslag$/ }).click(),
          );
          assert.equal(accepted.status(), 200, clean(await page.locator('main').textContent()).slice(0, 400));
          assert.equal(await planStatus(page), 'Godkendt');
        }
        assert.deepEqual(errors, []);
      });
    }
  },
);
