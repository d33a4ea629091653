// The outcome records on the person page in a real browser (Debian's Chromium through
// playwright-core), against `medborger serve` started as a real process on an empty embedded data
// directory with the demo (as test/browser.test.ts): a caseworker adds a labour-market period and
// sees it listed, is told in Danish what is wrong with an overlapping or reversed period, ends
// the period, and a second tab still showing the old version is refused with the conflict
// message instead of overwriting the end; the education, Danish education and test forms list
// what they save in Danish; axe-core (WCAG 2.0/2.1 A and AA) finds nothing on the page with the
// sections, with and without an error summary. Each test registers its own household through the
// API and signs in in a browser context of its own. Screenshots in test-results/screenshots/.
// Without a browser, on each engine (PostgreSQL too when TEST_DATABASE_URL is set): the sections
// and their forms by role, and a form posted by a role that does not write the case.
//
// Skipped, with the reason, when there is no Chromium at /usr/bin/chromium (MEDBORGER_CHROMIUM).
import assert from 'node:assert/strict';
import { after, before, describe, test, type TestContext } from 'node:test';
import type { Browser, Page, Response } from 'playwright-core';
import {
  addDaysIso,
  axeViolations,
  browserSkipReason,
  collectPageErrors,
  cprFor,
  formatViolations,
  launchBrowser,
  screenshot,
  SCREENSHOT_DIR,
  signInAsCaseworker,
  startDemoServer,
  todayCopenhagen,
  uniqueFamilyName,
  yearsBefore,
  type DemoServer,
} from './browser-helpers.js';
import { buildApp } from '../src/app.js';
import { SESSION_COOKIE } from '../src/web/session.js';
import { aFamily, auth, forEachEngine, openTestApp, TODAY, type TestApp } from './helpers.js';
import { killAllChildren } from './process-helpers.js';

const skip = browserSkipReason();
const NAV_TIMEOUT = 20_000;
const TEST_TIMEOUT = 90_000;

let demo: DemoServer | undefined;
let browser: Browser | undefined;

const today = todayCopenhagen();
const takeover = addDaysIso(today, -60);
const headBirth = addDaysIso(yearsBefore(today, 31), -12);

/** A date as the person page writes it: 01.09.2025. */
const da = (iso: string) => iso.split('-').reverse().join('.');

function server(): DemoServer {
  if (!demo) throw new Error('the server did not start (see the before hook)');
  return demo;
}

/** A browser context of this test's own, signed in as a caseworker of Aabenraa on the identity provider's page. */
async function signedIn(t: TestContext): Promise<{ page: Page; errors: string[]; newPage: () => Promise<Page> }> {
  if (!browser) throw new Error('the browser did not start (see the before hook)');
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'da-DK' });
  t.after(() => context.close());
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  const errors: string[] = [];
  collectPageErrors(page, errors);
  await signInAsCaseworker(page, server().base, 'Aabenraa');
  return { page, errors, newPage: () => context.newPage() };
}

/** A household of Aabenraa of one adult (31, with a CPR number), taken over 60 days ago, registered through the API. */
async function newPerson(): Promise<{ id: string; name: string }> {
  const familyName = uniqueFamilyName();
  const response = await server().api('POST', '/api/v1/municipalities/580/households', {
    takeoverDate: takeover,
    arrivalDate: takeover,
    members: [
      {
        givenName: 'Samira',
        familyName,
        birthDate: headBirth,
        sex: 'female',
        cpr: cprFor(headBirth, 'female'),
        relation: 'head',
        residenceBasis: 'quota_refugee',
        countryOfOrigin: 'AF',
        languages: ['prs'],
      },
    ],
  });
  assert.equal(
    response.status,
    201,
    `registering a household through the API answered ${response.status}: ${response.text}`,
  );
  const id = (response.body as { members: { personId: string }[] }).members[0]!.personId;
  return { id, name: `Samira ${familyName}` };
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

async function open(p: Page, path: string): Promise<Response> {
  const response = await p.goto(server().base + path, { waitUntil: 'load', timeout: NAV_TIMEOUT });
  if (!response) throw new Error(`no response for ${path}`);
  return response;
}

/** The rows of the first table with this caption: cell texts. */
async function tableRows(p: Page, caption: string): Promise<string[][]> {
  const table = p
    .locator('table')
    .filter({ has: p.locator('caption', { hasText: caption }) })
    .first();
  if ((await table.count()) === 0) return [];
  return table
    .locator('tbody tr')
    .evaluateAll((rows) =>
      rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent.replace(/\s+/g, ' ').trim())),
    );
}

/** The error summary's items, or [] when the page has none. */
async function errorSummary(p: Page): Promise<string[]> {
  const summary = p.locator('[data-module="error-summary"]');
  if ((await summary.count()) === 0) return [];
  return summary.locator('li').evaluateAll((items) => items.map((li) => li.textContent.replace(/\s+/g, ' ').trim()));
}

/**
 * A screenshot of the outcome sections only (from "Beskæftigelse og uddannelse" to the next
 * section after "Prøver"), beside the full page, to look at; never fails the test.
 */
async function sectionsShot(p: Page, name: string): Promise<void> {
  await screenshot(p, name);
  const box = await p.evaluate(() => {
    const first = document.getElementById('beskaeftigelse');
    const next = document.getElementById('adgangslog') ?? document.querySelector('footer');
    if (!first) return null;
    const top = first.getBoundingClientRect().top + window.scrollY - 8;
    const bottom = next ? next.getBoundingClientRect().top + window.scrollY : document.documentElement.scrollHeight;
    return { x: 0, y: Math.max(0, top), width: document.documentElement.clientWidth, height: bottom - top };
  });
  if (box)
    await p
      .screenshot({ path: `${SCREENSHOT_DIR}/${name}-sections.png`, fullPage: true, clip: box, timeout: 10_000 })
      .catch(() => undefined);
}

async function noAxeViolations(p: Page, what: string): Promise<void> {
  const violations = await axeViolations(p);
  assert.equal(
    violations.length,
    0,
    `axe found ${violations.length} violation(s) on ${what}:\n${formatViolations(violations)}`,
  );
}

describe(
  'outcome records on the person page in a browser',
  { skip: skip ?? false, concurrency: 1, timeout: 600_000 },
  () => {
    before(
      async () => {
        demo = await startDemoServer(120_000);
        browser = await launchBrowser();
      },
      { timeout: 150_000 },
    );

    after(async () => {
      await browser?.close().catch(() => undefined);
      await demo?.stop().catch((err: unknown) => {
        console.error('stopping the server failed:', err);
      });
      killAllChildren();
    });

    test(
      'a caseworker adds a labour-market period and sees it listed, ends it, and a second tab with the old version is refused with the conflict',
      { timeout: TEST_TIMEOUT },
      async (t) => {
        const { page: p, errors, newPage } = await signedIn(t);
        const person = await newPerson();
        const start = addDaysIso(takeover, 14);
        const end = addDaysIso(today, -1);
        await open(p, `/borgere/${person.id}`);
        assert.equal(
          await p.locator('#beskaeftigelse ~ p').first().textContent(),
          'Der er ikke registreret perioder med beskæftigelsesstatus.',
        );
        const add = p.getByRole('form', { name: 'Tilføj periode med beskæftigelsesstatus' });
        await add.getByLabel('Beskæftigelsesstatus').selectOption({ label: 'Ordinært job' });
        await add.getByLabel('Fra dato').fill(start);
        await add.getByLabel('Timer pr. uge').fill('22,5');
        const saved = await navigation(p, () => add.getByRole('button', { name: 'Tilføj periode' }).click());
        assert.equal(
          saved.status(),
          200,
          `adding the period answered ${saved.status()}: ${(await errorSummary(p)).join(' | ')}`,
        );
        assert.equal(new URL(p.url()).hash, '#beskaeftigelse', 'back at the section after saving');
        await sectionsShot(p, 'outcomes-01-period-added');
        assert.deepEqual(await tableRows(p, 'Perioder med beskæftigelsesstatus'), [
          ['Ordinært job', '22,5 timer pr. uge', da(start), 'Igangværende'],
        ]);

        // A second ordinary job over the same days is refused with the Danish reason at "Fra dato".
        await add.getByLabel('Beskæftigelsesstatus').selectOption({ label: 'Ordinært job' });
        await add.getByLabel('Fra dato').fill(addDaysIso(start, 7));
        await add.getByLabel('Timer pr. uge').fill('10');
        const overlap = await navigation(p, () => add.getByRole('button', { name: 'Tilføj periode' }).click());
        assert.equal(overlap.status(), 422);
        await sectionsShot(p, 'outcomes-02-overlap-refused');
        assert.deepEqual(await errorSummary(p), [
          'Perioden overlapper en anden periode af samme slags for borgeren. Afslut eller ret den anden periode først',
        ]);
        assert.equal(
          await p.locator('[data-module="error-summary"] a').first().getAttribute('href'),
          '#beskaeftigelse-fra',
          'the summary links to the field',
        );
        assert.equal(await add.getByLabel('Timer pr. uge').inputValue(), '10', 'what was typed is kept');
        await noAxeViolations(p, 'the person page with the error summary of the period form');

        // A benefit ending before it starts, without the benefit named: two errors, in the form's order.
        await add.getByLabel('Beskæftigelsesstatus').selectOption({ label: 'På offentlig ydelse' });
        await add.getByLabel('Fra dato').fill(start);
        await add.getByLabel('Til dato').fill(addDaysIso(start, -1));
        await add.getByLabel('Timer pr. uge').fill('');
        const reversed = await navigation(p, () => add.getByRole('button', { name: 'Tilføj periode' }).click());
        assert.equal(reversed.status(), 422);
        assert.deepEqual(await errorSummary(p), [
          'Slutdatoen ligger før startdatoen',
          'Angiv hvilken ydelse borgeren modtager i perioden',
        ]);
        assert.equal((await tableRows(p, 'Perioder med beskæftigelsesstatus')).length, 1, 'nothing more was saved');

        // Two tabs show the end form with the period as it is now.
        await open(p, `/borgere/${person.id}`);
        const other = await newPage();
        collectPageErrors(other, errors);
        await open(other, `/borgere/${person.id}`);
        const endIn = (page: Page) => page.getByRole('form', { name: 'Afslut igangværende periode' });
        await endIn(p)
          .getByLabel('Periode', { exact: true })
          .selectOption({ label: `Ordinært job fra ${da(start)}` });
        await endIn(p).getByLabel('Sidste dag i perioden').fill(end);
        const ended = await navigation(p, () => endIn(p).getByRole('button', { name: 'Afslut periode' }).click());
        assert.equal(
          ended.status(),
          200,
          `ending the period answered ${ended.status()}: ${(await errorSummary(p)).join(' | ')}`,
        );
        await sectionsShot(p, 'outcomes-03-period-ended');
        assert.deepEqual(await tableRows(p, 'Perioder med beskæftigelsesstatus'), [
          ['Ordinært job', '22,5 timer pr. uge', da(start), da(end)],
        ]);
        assert.equal(await endIn(p).count(), 0, 'no ongoing period is left to end');

        // The other tab still offers the period as it was: ending it there is refused, the saved end kept.
        await endIn(other)
          .getByLabel('Periode', { exact: true })
          .selectOption({ label: `Ordinært job fra ${da(start)}` });
        await endIn(other).getByLabel('Sidste dag i perioden').fill(today);
        const stale = await navigation(other, () =>
          endIn(other).getByRole('button', { name: 'Afslut periode' }).click(),
        );
        await sectionsShot(other, 'outcomes-04-stale-end-conflict');
        assert.equal(stale.status(), 412, 'the stale form is refused as a precondition failure');
        assert.deepEqual(await errorSummary(other), [
          'Oplysningerne er ændret, siden du åbnede siden. Din ændring er ikke gemt. Se de gemte oplysninger, ret formularen og gem igen.',
        ]);
        assert.match(
          (await other.locator('.mb-saved').textContent()) ?? '',
          new RegExp(`Ordinært job fra ${da(start).replace(/\./g, '\\.')}: afsluttet ${da(end).replace(/\./g, '\\.')}`),
          'the saved state is shown above the form',
        );
        assert.deepEqual(
          (await tableRows(other, 'Perioder med beskæftigelsesstatus')).map((r) => r[3]),
          [da(end)],
          'the end saved in the first tab is kept',
        );
        await noAxeViolations(other, 'the person page after a conflict');
        const read = await server().api('GET', `/api/v1/municipalities/580/persons/${person.id}/outcomes`);
        assert.equal(read.status, 200, read.text);
        assert.deepEqual(
          (read.body as { labourMarketPeriods: { to: string | null; version: number }[] }).labourMarketPeriods.map(
            (x) => [x.to, x.version],
          ),
          [[end, 2]],
          'the API reads the end of the first tab, changed once',
        );
        assert.deepEqual(errors, [], 'no script errors or CSP violations');
      },
    );

    test(
      'a completed education, a Danish education and a passed Danish test are saved from their forms and listed in Danish',
      { timeout: TEST_TIMEOUT },
      async (t) => {
        const { page: p } = await signedIn(t);
        const person = await newPerson();
        await open(p, `/borgere/${person.id}`);
        const education = p.getByRole('form', { name: 'Tilføj gennemført uddannelse' });
        await education.getByLabel('Uddannelse', { exact: true }).selectOption({ label: 'Erhvervsuddannelse' });
        await education.getByLabel('Gennemført dato').fill('2019-06-21');
        await education
          .getByLabel('Hvor er uddannelsen taget?')
          .selectOption({ label: 'I udlandet, anerkendt i Danmark' });
        let r = await navigation(p, () => education.getByRole('button', { name: 'Tilføj uddannelse' }).click());
        assert.equal(r.status(), 200, (await errorSummary(p)).join(' | '));
        assert.deepEqual(await tableRows(p, 'Gennemførte uddannelser'), [
          ['Erhvervsuddannelse', '21.06.2019', 'I udlandet, anerkendt i Danmark'],
        ]);

        const danish = p.getByRole('form', { name: 'Tilføj danskuddannelse' });
        const referred = addDaysIso(takeover, 20);
        const possible = addDaysIso(takeover, 25);
        const started = addDaysIso(takeover, 40);
        // A module before the start is refused with the reason at the module.
        await danish.getByLabel('Danskuddannelse', { exact: true }).selectOption({ label: 'Danskuddannelse 2 (DU2)' });
        await danish.getByLabel('Henvist dato').fill(referred);
        await danish.getByLabel('Modul').selectOption({ label: 'Modul 1' });
        r = await navigation(p, () => danish.getByRole('button', { name: 'Tilføj danskuddannelse' }).click());
        assert.equal(r.status(), 422);
        assert.deepEqual(await errorSummary(p), ['Et modul kan først angives, når danskuddannelsen er begyndt']);
        await sectionsShot(p, 'outcomes-05-danish-education-refused');
        await danish.getByLabel('Første mulige startdato', { exact: false }).fill(possible);
        await danish.getByLabel('Startdato (valgfri)', { exact: true }).fill(started);
        r = await navigation(p, () => danish.getByRole('button', { name: 'Tilføj danskuddannelse' }).click());
        assert.equal(r.status(), 200, (await errorSummary(p)).join(' | '));
        assert.deepEqual(await tableRows(p, 'Henvisninger til danskuddannelse og forløbet'), [
          ['Danskuddannelse 2 (DU2)', da(referred), da(possible), da(started), 'Modul 1', 'Igangværende'],
        ]);

        const tests = p.getByRole('form', { name: 'Tilføj prøve' });
        await tests.getByLabel('Prøve', { exact: true }).selectOption({ label: 'Prøve i Dansk 2' });
        await tests.getByLabel('Dato for prøven').fill(today);
        // No result chosen: the summary asks for it.
        r = await navigation(p, () => tests.getByRole('button', { name: 'Tilføj prøve' }).click());
        assert.equal(r.status(), 400);
        assert.deepEqual(await errorSummary(p), ['Vælg resultat']);
        await tests.getByLabel('Resultat').selectOption({ label: 'Bestået' });
        r = await navigation(p, () => tests.getByRole('button', { name: 'Tilføj prøve' }).click());
        assert.equal(r.status(), 200, (await errorSummary(p)).join(' | '));
        await sectionsShot(p, 'outcomes-06-all-kinds');
        assert.deepEqual(await tableRows(p, 'Prøver i dansk'), [['Prøve i Dansk 2', da(today), 'Bestået']]);
        const toc = await p.locator('nav.mb-toc a').evaluateAll((as) => as.map((a) => a.textContent.trim()));
        for (const heading of ['Beskæftigelse og uddannelse', 'Danskuddannelse', 'Prøver'])
          assert.ok(toc.includes(heading), `the table of contents lists "${heading}": ${JSON.stringify(toc)}`);
      },
    );

    test(
      'axe reports no WCAG 2.0/2.1 A or AA violations on the person page with the outcome sections, at 1280 and 320 px',
      { timeout: TEST_TIMEOUT },
      async (t) => {
        const { page: p } = await signedIn(t);
        const person = await newPerson();
        const start = addDaysIso(takeover, 7);
        const period = await server().api(
          'POST',
          `/api/v1/municipalities/580/persons/${person.id}/outcomes/labour-market-periods`,
          {
            kind: 'benefit',
            benefit: 'self_support_and_return_benefit',
            from: start,
          },
        );
        assert.equal(period.status, 201, period.text);
        const response = await open(p, `/borgere/${person.id}`);
        assert.equal(response.status(), 200);
        await sectionsShot(p, 'outcomes-07-axe-person-page');
        assert.deepEqual(await tableRows(p, 'Perioder med beskæftigelsesstatus'), [
          ['På offentlig ydelse', 'Selvforsørgelses- og hjemrejseydelse', da(start), 'Igangværende'],
        ]);
        await noAxeViolations(p, 'the person page with the outcome sections');
        await p.setViewportSize({ width: 320, height: 900 });
        await open(p, `/borgere/${person.id}`);
        await sectionsShot(p, 'outcomes-08-person-page-320px');
        const overflow = await p.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        assert.ok(overflow <= 1, `at 320 px the page scrolls sideways by ${overflow} px`);
        await noAxeViolations(p, 'the person page with the outcome sections at 320 px');
      },
    );
  },
);

// Without a browser, on each engine: who sees the sections and the forms, and a form posted by a
// role that does not write the case.
forEachEngine('the outcome sections of the person page, by role', (engine) => {
  let t: TestApp;
  let web: Awaited<ReturnType<typeof buildApp>>;
  let head: string;
  let child: string;

  before(async () => {
    t = await openTestApp(engine);
    web = await buildApp({
      db: t.database.db,
      vault: t.vault,
      engine,
      today: () => TODAY,
      web: { db: t.database.db, vault: t.vault, auth: { rp: null, publicUrl: 'http://localhost:3000' } },
    });
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/municipalities/580/households',
      headers: auth(await t.token('580', 'caseworker')),
      payload: aFamily(),
    });
    assert.equal(res.statusCode, 201, res.body);
    const members = res.json<{ members: { personId: string; relation: string }[] }>().members;
    head = members.find((m) => m.relation === 'head')!.personId;
    child = members.find((m) => m.relation === 'child')!.personId;
    const job = await t.app.inject({
      method: 'POST',
      url: `/api/v1/municipalities/580/persons/${head}/outcomes/labour-market-periods`,
      headers: auth(await t.token('580', 'caseworker')),
      payload: { kind: 'igu', from: '2025-09-01', hoursPerWeek: 25 },
    });
    assert.equal(job.statusCode, 201, job.body);
  });
  after(async () => {
    await web.close();
    await t.close();
  });

  const pageAs = async (role: 'caseworker' | 'team_lead' | 'institution' | 'housing', person: string) => {
    const res = await web.inject({
      url: `/borgere/${person}`,
      cookies: { [SESSION_COOKIE]: await t.token('580', role) },
    });
    assert.equal(res.statusCode, 200, `${role}: ${res.body.slice(0, 300)}`);
    return res.body;
  };
  const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

  test('the case workers see the records and the forms; housing and the institution see neither', async () => {
    for (const role of ['caseworker', 'team_lead'] as const) {
      const html = await pageAs(role, head);
      assert.match(html, /<h2 id="beskaeftigelse">Beskæftigelse og uddannelse<\/h2>/, role);
      assert.match(html, /<td data-label="Status">IGU \(integrationsgrunduddannelse\)<\/td>/, role);
      assert.match(html, /<td data-label="Timer, ydelse eller uddannelse">25 timer pr. uge<\/td>/, role);
      for (const action of ['beskaeftigelse', 'beskaeftigelse/afslut', 'uddannelser', 'danskuddannelser', 'proever'])
        assert.ok(html.includes(`action="/borgere/${head}/${action}#`), `${role} has the form ${action}`);
    }
    for (const [role, person] of [
      ['housing', head],
      ['institution', child],
    ] as const) {
      const html = await pageAs(role, person);
      for (const shown of [
        '<h2 id="beskaeftigelse">',
        '<h2 id="danskuddannelse">',
        '<h2 id="proever">',
        'IGU (integrationsgrunduddannelse)',
      ])
        assert.ok(!html.includes(shown), `${role} sees "${shown}" on the person page`);
      assert.doesNotMatch(
        html,
        /\/(beskaeftigelse|uddannelser|danskuddannelser|proever)#/,
        `${role} has an outcome form`,
      );
    }
  });

  test('a form posted by a role that does not write the case is refused, and a tampered period choice is asked for again', async () => {
    const institution = await t.token('580', 'institution');
    const page = await web.inject({ url: `/borgere/${child}`, cookies: { [SESSION_COOKIE]: institution } });
    const refused = await web.inject({
      method: 'POST',
      url: `/borgere/${child}/proever`,
      cookies: { [SESSION_COOKIE]: institution },
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        _csrf: csrfOf(page.body),
        'proeve-art': 'pd1',
        'proeve-dato': '2026-01-15',
        'proeve-resultat': 'passed',
      }).toString(),
    });
    assert.equal(refused.statusCode, 403, refused.body.slice(0, 300));
    const tests = await t.app.inject({
      url: `/api/v1/municipalities/580/persons/${child}/outcomes`,
      headers: auth(await t.token('580', 'caseworker')),
    });
    assert.deepEqual(tests.json<{ danishTests: unknown[] }>().danishTests, [], 'nothing was written');

    const caseworker = await t.token('580', 'caseworker');
    const own = await web.inject({ url: `/borgere/${head}`, cookies: { [SESSION_COOKIE]: caseworker } });
    const tampered = await web.inject({
      method: 'POST',
      url: `/borgere/${head}/beskaeftigelse/afslut`,
      cookies: { [SESSION_COOKIE]: caseworker },
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        _csrf: csrfOf(own.body),
        'afslut-periode-periode': head,
        'afslut-periode-til': '2026-01-31',
      }).toString(),
    });
    assert.equal(tampered.statusCode, 400, tampered.body.slice(0, 300));
    assert.match(tampered.body, /<a class="function-link" href="#afslut-periode-periode">Vælg periode<\/a>/);
  });
});
