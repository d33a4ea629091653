// Arrivals in a real browser (Debian's Chromium through playwright-core), against `medborger
// serve` started as a real process on an empty embedded data directory with the demo: a
// caseworker opens "Indlæs ankomster" from the menu, uploads a CSV file of a housing-placement
// notice, sees each household with its computed takeover date (in Danish, with why it moved from
// the 1st) and nothing created yet, commits, and finds the persons; a file with bad lines is
// refused with the Danish text of each problem at its line, member and field; uploading the same
// notice again creates nothing twice. On the person page the caseworker adds a spouse who arrives
// later; the spouse's own takeover date is shown in their obligations. axe-core (WCAG 2.0/2.1 A
// and AA) finds nothing on each page. Screenshots in test-results/screenshots/.
//
// Skipped, with the reason, when there is no Chromium at /usr/bin/chromium (MEDBORGER_CHROMIUM).
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test, type TestContext } from 'node:test';
import type { Browser, Page, Response } from 'playwright-core';
import {
  axeViolations,
  browserSkipReason,
  collectPageErrors,
  formatViolations,
  launchBrowser,
  screenshot,
  SCREENSHOT_DIR,
  signInAsCaseworker,
  startDemoServer,
  uniqueFamilyName,
  type DemoServer,
} from './browser-helpers.js';
import { killAllChildren } from './process-helpers.js';

const skip = browserSkipReason();
const NAV_TIMEOUT = 20_000;
const TEST_TIMEOUT = 90_000;

let demo: DemoServer | undefined;
let browser: Browser | undefined;

function server(): DemoServer {
  if (!demo) throw new Error('the server did not start (see the before hook)');
  return demo;
}

async function signedIn(t: TestContext): Promise<{ page: Page; errors: string[] }> {
  if (!browser) throw new Error('the browser did not start (see the before hook)');
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'da-DK' });
  t.after(() => context.close());
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  const errors: string[] = [];
  collectPageErrors(page, errors);
  await signInAsCaseworker(page, server().base, 'Aabenraa');
  return { page, errors };
}

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

async function noAxeViolations(p: Page, what: string): Promise<void> {
  const violations = await axeViolations(p);
  assert.equal(
    violations.length,
    0,
    `axe found ${violations.length} violation(s) on ${what}:\n${formatViolations(violations)}`,
  );
}

let fileCount = 0;
function csvFile(lines: string[]): string {
  const file = path.join(tmpdir(), `medborger-ankomster-${process.pid}-${fileCount++}.csv`);
  writeFileSync(file, lines.join('\n'));
  return file;
}

const HEADER =
  'reference,decision_date,given_name,family_name,birth_date,sex,relation,residence_basis,cpr,country_of_origin,languages';

describe(
  'arrivals imported and households that grow, in a browser',
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
      'a caseworker uploads a notice, sees each household with its takeover date, imports it, and a second upload creates nothing twice',
      { timeout: TEST_TIMEOUT },
      async (t) => {
        const { page: p, errors } = await signedIn(t);
        const a = uniqueFamilyName();
        const b = uniqueFamilyName();
        const ref = `US-2025-${String(Date.now()).slice(-6)}`;
        const file = csvFile([
          HEADER,
          `${ref}-1,2025-09-20,Hala,${a},1990-03-04,female,head,spontaneous_refugee,,SY,ar`,
          `${ref}-1,2025-09-20,Sami,${a},2019-02-03,male,child,accompanying_child,,SY,ar`,
          `${ref}-2,2025-11-10,Nour,${b},1985-07-08,female,head,quota_refugee,,AF,prs`,
        ]);
        await p.goto(server().base + '/', { waitUntil: 'load' });
        await navigation(p, () => p.getByRole('link', { name: 'Indlæs ankomster' }).click());
        assert.equal(new URL(p.url()).pathname, '/ankomster');
        await noAxeViolations(p, 'the upload page');
        await screenshot(p, 'arrivals-01-upload');

        await p.getByLabel('Fil med boligplaceringsmeddelelsen (CSV eller JSON)').setInputFiles(file);
        const preview = await navigation(p, () => p.getByRole('button', { name: 'Se forhåndsvisning' }).click());
        assert.equal(preview.status(), 200);
        assert.equal(await p.locator('h1').textContent(), 'Forhåndsvisning af ankomster');
        const rows = await tableRows(p, 'Husstande i filen');
        assert.deepEqual(
          rows.map((r) => [r[0], r[2], r[3]]),
          [
            [
              `${ref}-1`,
              '3. november 2025Flyttet til næste hverdag: 1. november 2025 er en lørdag, 2. november 2025 er en søndag',
              'Oprettes',
            ],
            [`${ref}-2`, '2. januar 2026Flyttet til næste hverdag: 1. januar 2026 er nytårsdag', 'Oprettes'],
          ],
        );
        assert.match(rows[0]![1]!, new RegExp(`Hala ${a} – hovedperson`));
        await noAxeViolations(p, 'the preview');
        await screenshot(p, 'arrivals-02-preview');
        // Nothing created yet: a search finds nobody.
        const none = await server().api('GET', `/api/v1/municipalities/580/persons?query=${a}`);
        assert.deepEqual((none.body as { results: unknown[] }).results, []);

        const done = await navigation(p, () => p.getByRole('button', { name: 'Indlæs husstandene' }).click());
        assert.equal(done.status(), 200);
        assert.equal(await p.locator('h1').textContent(), 'Ankomster indlæst');
        assert.match((await p.getByRole('status').textContent()) ?? '', /2 husstande er oprettet/);
        await noAxeViolations(p, 'the result page');
        await screenshot(p, 'arrivals-03-imported');
        const found = await server().api('GET', `/api/v1/municipalities/580/persons?query=${a}`);
        assert.equal((found.body as { results: unknown[] }).results.length, 2);

        // The same notice again: nothing is created twice.
        await p.goto(server().base + '/ankomster', { waitUntil: 'load' });
        await p.getByLabel('Fil med boligplaceringsmeddelelsen (CSV eller JSON)').setInputFiles(file);
        await navigation(p, () => p.getByRole('button', { name: 'Se forhåndsvisning' }).click());
        assert.deepEqual(
          (await tableRows(p, 'Husstande i filen')).map((r) => r[3]),
          ['Allerede indlæst', 'Allerede indlæst'],
        );
        await navigation(p, () => p.getByRole('button', { name: 'Indlæs husstandene' }).click());
        assert.match(
          (await p.getByRole('status').textContent()) ?? '',
          /0 husstande er oprettet; 2 var allerede indlæst/,
        );
        const still = await server().api('GET', `/api/v1/municipalities/580/persons?query=${a}`);
        assert.equal((still.body as { results: unknown[] }).results.length, 2);
        assert.deepEqual(errors, []);
      },
    );

    test(
      'a file with bad lines is refused with each problem in Danish at its line, member and field',
      { timeout: TEST_TIMEOUT },
      async (t) => {
        const { page: p, errors } = await signedIn(t);
        const name = uniqueFamilyName();
        const file = csvFile([
          HEADER,
          `US-FEJL-1,2025-03-10,Hala,${name},1990-03-04,female,head,spontaneous_refugee,010190-12,SY,ar`,
          `US-FEJL-1,2025-03-10,Sami,${name},2019-02-31,male,cousin,accompanying_child,,SY,ar`,
        ]);
        await p.goto(server().base + '/ankomster', { waitUntil: 'load' });
        await p.getByLabel('Fil med boligplaceringsmeddelelsen (CSV eller JSON)').setInputFiles(file);
        const refused = await navigation(p, () => p.getByRole('button', { name: 'Se forhåndsvisning' }).click());
        assert.equal(refused.status(), 422);
        assert.match((await p.locator('#fejl-titel').textContent()) ?? '', /Der er 3 fejl i filen/);
        assert.deepEqual(await tableRows(p, 'Fejl i filen'), [
          ['US-FEJL-1', '2', 'Medlem 1', 'CPR-nummer', 'CPR-nummeret skal have formen ddmmåå-xxxx, fx 010190-1234'],
          ['US-FEJL-1', '3', 'Medlem 2', 'Fødselsdato', 'Skriv en gyldig dato som åååå-mm-dd'],
          ['US-FEJL-1', '3', 'Medlem 2', 'Relation', 'Værdien er ikke en af de tilladte værdier for feltet'],
        ]);
        await noAxeViolations(p, 'the upload page with the problems of the file');
        await screenshot(p, 'arrivals-04-refused');
        // Without a file: the error summary links to the file field.
        await p.goto(server().base + '/ankomster', { waitUntil: 'load' });
        const empty = await navigation(p, () => p.getByRole('button', { name: 'Se forhåndsvisning' }).click());
        assert.equal(empty.status(), 400);
        assert.equal(await p.locator('#fejl a').getAttribute('href'), '#fil');
        await noAxeViolations(p, 'the upload page without a file');
        assert.deepEqual(errors, []);
      },
    );

    test(
      'a caseworker adds a spouse who arrives later; the spouse gets their own takeover date from the decision',
      { timeout: TEST_TIMEOUT },
      async (t) => {
        const { page: p, errors } = await signedIn(t);
        const familyName = uniqueFamilyName();
        const imported = await server().api('POST', '/api/v1/municipalities/580/arrivals', {
          households: [
            {
              reference: `US-VOKS-${String(Date.now()).slice(-6)}`,
              decisionDate: '2025-03-10',
              members: [
                {
                  givenName: 'Rania',
                  familyName,
                  birthDate: '1990-03-04',
                  sex: 'female',
                  relation: 'head',
                  residenceBasis: 'quota_refugee',
                },
              ],
            },
          ],
        });
        assert.equal(imported.status, 200, imported.text);
        const head = (imported.body as { households: { memberIds: string[] }[] }).households[0]!.memberIds[0]!;
        await p.goto(`${server().base}/borgere/${head}#husstand`, { waitUntil: 'load' });
        const form = p.getByRole('form', { name: 'Tilføj familiemedlem' });
        // A date earlier than the law's without consent is refused with the Danish text.
        await form.getByLabel('Fornavn').fill('Yusuf');
        await form.getByLabel('Efternavn').fill(familyName);
        await form.getByLabel('Fødselsdato').fill('1988-03-03');
        await form.getByLabel('Køn').selectOption({ label: 'Mand' });
        await form.getByLabel('Dato for visitationsafgørelsen').fill('2026-02-05');
        await form.getByLabel('Overtagelsesdato').fill('2026-03-01');
        const refused = await navigation(p, () => form.getByRole('button', { name: 'Tilføj familiemedlem' }).click());
        assert.equal(refused.status(), 422);
        const summary = await p
          .locator('#familiemedlem-fejl [data-module="error-summary"] li')
          .evaluateAll((items) => items.map((li) => li.textContent.trim()));
        assert.deepEqual(summary, [
          'En overtagelse før den dato, loven giver, kræver borgerens samtykke. Markér samtykket, eller ret datoen',
        ]);
        await noAxeViolations(p, 'the person page with the add-member error');
        await screenshot(p, 'arrivals-05-member-refused');
        await p
          .locator('#husstand')
          .locator('xpath=following-sibling::form[1]')
          .screenshot({ path: `${SCREENSHOT_DIR}/arrivals-05-member-form.png`, timeout: 10_000 })
          .catch(() => undefined);

        // Without the early date: the takeover follows from the decision (5 February 2026 → 1 April 2026).
        await form.getByLabel('Overtagelsesdato').fill('');
        const added = await navigation(p, () => form.getByRole('button', { name: 'Tilføj familiemedlem' }).click());
        assert.equal(added.status(), 200);
        const link = p.locator('#husstand ~ ul a', { hasText: `Yusuf ${familyName}` });
        assert.equal(await link.count(), 1, 'the spouse is listed in the household');
        await screenshot(p, 'arrivals-06-member-added');
        await navigation(p, () => link.click());
        assert.match((await p.locator('main').textContent()) ?? '', /01\.04\.2026/);
        await noAxeViolations(p, "the spouse's person page");
        await screenshot(p, 'arrivals-07-spouse');
        assert.deepEqual(errors, []);
      },
    );
  },
);
