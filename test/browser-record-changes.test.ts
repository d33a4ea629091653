// Records that change on the person page in a real browser (Debian's Chromium through
// playwright-core), against `medborger serve` on an empty embedded data directory with the demo
// (as test/browser-outcomes.test.ts): a caseworker ends an internship from its row ("Afslut"),
// sees it ended in the list and in its history, a second tab still showing the old version is
// refused with the Danish conflict message, a deletion without a reason is refused and one with a
// reason removes the record; axe-core finds nothing on the person page and on the record's page.
// And a case that closes: the form "Afslut sag" without JavaScript, the closed case said at the
// top of the page, "Fortryd afslutningen" with a required reason.
// Screenshots in test-results/screenshots/. Skipped, with the reason, without Chromium.
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
  signInAsCaseworker,
  startDemoServer,
  todayCopenhagen,
  uniqueFamilyName,
  yearsBefore,
  type DemoServer,
} from './browser-helpers.js';
import { killAllChildren } from './process-helpers.js';

const skip = browserSkipReason();
const NAV_TIMEOUT = 20_000;
const TEST_TIMEOUT = 120_000;

let demo: DemoServer | undefined;
let browser: Browser | undefined;

const today = todayCopenhagen();
const takeover = addDaysIso(today, -60);
const headBirth = addDaysIso(yearsBefore(today, 33), -5);
/** A date as the pages write it in tables: 1. september 2025 or 01.09.2025, whichever dateDa gives. */

function server(): DemoServer {
  if (!demo) throw new Error('the server did not start (see the before hook)');
  return demo;
}

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

async function newPersonWithInternship(): Promise<{ id: string; activityId: string }> {
  const familyName = uniqueFamilyName();
  const response = await server().api('POST', '/api/v1/municipalities/580/households', {
    takeoverDate: takeover,
    arrivalDate: takeover,
    members: [
      {
        givenName: 'Yonas',
        familyName,
        birthDate: headBirth,
        sex: 'male',
        cpr: cprFor(headBirth, 'male'),
        relation: 'head',
        residenceBasis: 'quota_refugee',
        countryOfOrigin: 'ER',
        languages: ['ti'],
      },
    ],
  });
  assert.equal(response.status, 201, response.text);
  const id = (response.body as { members: { personId: string }[] }).members[0]!.personId;
  const activity = await server().api('POST', `/api/v1/municipalities/580/persons/${id}/activities`, {
    kind: 'company_internship',
    startDate: addDaysIso(takeover, 10),
    hoursPerWeek: 22,
    provider: 'Grønt Værksted',
  });
  assert.equal(activity.status, 201, activity.text);
  return { id, activityId: (activity.body as { id: string }).id };
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

async function open(p: Page, path: string): Promise<Response> {
  const response = await p.goto(server().base + path, { waitUntil: 'load', timeout: NAV_TIMEOUT });
  if (!response) throw new Error(`no response for ${path}`);
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

async function errorSummary(p: Page): Promise<string[]> {
  const summary = p.locator('[data-module="error-summary"]');
  if ((await summary.count()) === 0) return [];
  return summary.locator('li').evaluateAll((items) => items.map((li) => li.textContent.replace(/\s+/g, ' ').trim()));
}

async function noAxeViolations(p: Page, what: string): Promise<void> {
  const violations = await axeViolations(p);
  assert.equal(
    violations.length,
    0,
    `axe found ${violations.length} violation(s) on ${what}:\n${formatViolations(violations)}`,
  );
}

describe('records that change, in a browser', { skip: skip ?? false, concurrency: 1, timeout: 600_000 }, () => {
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
    'a caseworker ends an internship from its row, a stale tab is refused with the conflict, and a deletion needs a reason',
    { timeout: TEST_TIMEOUT },
    async (t) => {
      const { page: p, errors, newPage } = await signedIn(t);
      const person = await newPersonWithInternship();
      const end = addDaysIso(today, -1);
      await open(p, `/borgere/${person.id}`);
      await noAxeViolations(p, 'the person page with the record actions');
      const row = (await tableRows(p, 'Aktiviteter'))[0]!;
      assert.equal(row[0], 'Virksomhedspraktik');
      assert.equal(row[2], 'Løbende');
      assert.match(row.at(-1)!, /Afslut aktivitet.*Ret aktivitet.*Slet aktivitet.*Historik for aktivitet/);

      // A second tab opens the record page before the end is saved.
      const stale = await newPage();
      await open(stale, `/borgere/${person.id}/aktiviteter/${person.activityId}`);

      await navigation(p, () => p.getByRole('link', { name: 'Afslut aktivitet' }).click());
      assert.equal(new URL(p.url()).pathname, `/borgere/${person.id}/aktiviteter/${person.activityId}`);
      await noAxeViolations(p, "the record's page");
      await screenshot(p, 'record-changes-01-record-page');
      const endForm = p.getByRole('form', { name: 'Afslut aktivitet' });
      await endForm.getByLabel('Sidste dag').fill(end);
      const ended = await navigation(p, () => endForm.getByRole('button', { name: 'Afslut' }).click());
      assert.equal(ended.status(), 200, (await errorSummary(p)).join(' | '));
      assert.equal(new URL(p.url()).hash, '#aktiviteter', 'back at the section after ending');
      const after = (await tableRows(p, 'Aktiviteter'))[0]!;
      assert.notEqual(after[2], 'Løbende', 'the end date is shown');
      assert.equal(after[5], 'Afsluttet');
      await screenshot(p, 'record-changes-02-ended');

      // The stale tab corrects the hours on the old version: refused, nothing overwritten.
      const fix = stale.getByRole('form', { name: 'Ret aktivitet' });
      await fix.getByLabel('Timer pr. uge').fill('30');
      const conflict = await navigation(stale, () => fix.getByRole('button', { name: 'Gem rettelsen' }).click());
      assert.equal(conflict.status(), 412);
      assert.match((await errorSummary(stale)).join(' '), /Oplysningerne er ændret, siden du åbnede siden/);
      await noAxeViolations(stale, 'the record page with the conflict');
      await screenshot(stale, 'record-changes-03-conflict');

      // The history lists the end in Danish.
      await open(p, `/borgere/${person.id}/aktiviteter/${person.activityId}#historik`);
      const history = await tableRows(p, 'Ændringer af registreringen');
      assert.equal(history.length, 1);
      assert.equal(history[0]![1], 'Afsluttet');
      assert.match(history[0]![4]!, /Slutdato\s*–/, 'before the end, it had no end date');

      // Deleting needs a reason.
      const del = p.getByRole('form', { name: 'Slet aktivitet' });
      const refused = await navigation(p, () => del.getByRole('button', { name: 'Slet' }).click());
      assert.equal(refused.status(), 400);
      assert.deepEqual(await errorSummary(p), ['Skriv, hvorfor registreringen slettes']);
      await noAxeViolations(p, 'the record page with the error summary');
      await p
        .getByRole('form', { name: 'Slet aktivitet' })
        .getByLabel('Begrundelse for sletningen')
        .fill('Forkert borger');
      const deleted = await navigation(p, () =>
        p.getByRole('form', { name: 'Slet aktivitet' }).getByRole('button', { name: 'Slet' }).click(),
      );
      assert.equal(deleted.status(), 200);
      assert.deepEqual(await tableRows(p, 'Aktiviteter'), []);
      await open(p, `/borgere/${person.id}/aktiviteter/${person.activityId}`);
      assert.deepEqual(
        (await tableRows(p, 'Ændringer af registreringen')).map((r) => [r[1], r[3]]),
        [
          ['Afsluttet', '–'],
          ['Slettet', 'Forkert borger'],
        ],
      );
      await noAxeViolations(p, 'the page of a deleted record');
      assert.deepEqual(errors, []);
    },
  );

  test(
    'a caseworker closes a case from the person page without JavaScript (moved to Aarhus), sees it closed at the top, and undoes it with a reason',
    { timeout: TEST_TIMEOUT },
    async (t) => {
      if (!browser) throw new Error('the browser did not start (see the before hook)');
      const { page: p, errors } = await signedIn(t);
      // The same session without JavaScript (axe needs it, so it runs on the page with it): plain POST forms.
      const noScript = await browser.newContext({
        viewport: { width: 1280, height: 900 },
        locale: 'da-DK',
        javaScriptEnabled: false,
        storageState: await p.context().storageState(),
      });
      t.after(() => noScript.close());
      noScript.setDefaultTimeout(15_000);
      const q = await noScript.newPage();
      const person = await newPersonWithInternship();
      const lastDay = addDaysIso(today, -3);
      const [y, m, d] = lastDay.split('-');
      const lastDayDa = `${d}.${m}.${y}`;

      await open(p, `/borgere/${person.id}#afslutning`);
      const form = p.getByRole('form', { name: 'Afslut sag' });
      await form.getByLabel('Sagens sidste dag').fill(addDaysIso(today, 2));
      await form.getByLabel('Årsag').selectOption('moved');
      await form.getByLabel('Flyttet til').selectOption('751');
      const refused = await navigation(p, () => form.getByRole('button', { name: 'Afslut sagen' }).click());
      assert.equal(refused.status(), 422);
      assert.match((await errorSummary(p)).join(' '), /Datoen ligger i fremtiden/);
      await noAxeViolations(p, 'the closure form with the error summary');
      await screenshot(p, 'closure-00-form-error');

      await p.getByRole('form', { name: 'Afslut sag' }).getByLabel('Sagens sidste dag').fill(lastDay);
      const closed = await navigation(p, () =>
        p.getByRole('form', { name: 'Afslut sag' }).getByRole('button', { name: 'Afslut sagen' }).click(),
      );
      assert.equal(closed.status(), 200, (await errorSummary(p)).join(' | '));
      assert.equal(new URL(p.url()).hash, '#afslutning');
      const alert = p.locator('.alert').filter({ hasText: 'Sagen er afsluttet' }).first();
      assert.equal(
        (await alert.locator('.alert-heading').textContent())?.trim(),
        `Sagen er afsluttet ${lastDayDa}: flyttet til Aarhus Kommune.`,
      );
      assert.equal(await p.getByRole('form', { name: 'Afslut sag' }).count(), 0, 'no second closure is offered');
      await noAxeViolations(p, 'the person page of a closed case');
      await screenshot(p, 'closure-01-closed');
      await p.locator('#afslutning').scrollIntoViewIfNeeded();
      await screenshot(p, 'closure-02-undo-form');

      // Undoing needs a reason; with one, the case is open again.
      const undo = p.getByRole('form', { name: 'Fortryd afslutningen' });
      const noReason = await navigation(p, () => undo.getByRole('button', { name: 'Fortryd afslutningen' }).click());
      assert.equal(noReason.status(), 400);
      assert.deepEqual(await errorSummary(p), ['Udfyld begrundelse']);
      await noAxeViolations(p, 'the undo form with the error summary');
      await p.getByRole('form', { name: 'Fortryd afslutningen' }).getByLabel('Begrundelse').fill('Forkert borger');
      const reopened = await navigation(p, () =>
        p
          .getByRole('form', { name: 'Fortryd afslutningen' })
          .getByRole('button', { name: 'Fortryd afslutningen' })
          .click(),
      );
      assert.equal(reopened.status(), 200, (await errorSummary(p)).join(' | '));
      assert.equal(await p.locator('.alert').filter({ hasText: 'Sagen er afsluttet' }).count(), 0);
      assert.equal(await p.getByRole('form', { name: 'Afslut sag' }).count(), 1, 'the case can be closed again');

      // Without JavaScript: closed for self-support, then shown closed.
      await open(q, `/borgere/${person.id}#afslutning`);
      const plain = q.getByRole('form', { name: 'Afslut sag' });
      await plain.getByLabel('Sagens sidste dag').fill(lastDay);
      await plain.getByLabel('Årsag').selectOption('self_supporting');
      const plainClosed = await navigation(q, () => plain.getByRole('button', { name: 'Afslut sagen' }).click());
      assert.equal(plainClosed.status(), 200, (await errorSummary(q)).join(' | '));
      assert.equal(
        (await q.locator('.alert .alert-heading').filter({ hasText: 'Sagen er afsluttet' }).textContent())?.trim(),
        `Sagen er afsluttet ${lastDayDa}: selvforsørgende.`,
      );
      assert.deepEqual(errors, []);
    },
  );
});
