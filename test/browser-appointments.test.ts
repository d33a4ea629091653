// Appointments in a real browser (Debian's Chromium through playwright-core) against `medborger
// serve` started as a real process with the demo (as test/browser-outcomes.test.ts): a caseworker
// books a contract follow-up from a proposal on the person page and sees it listed (and one
// proposal fewer); records a meeting that has begun as held, with repatriation guidance, and finds
// it among the conversations; the calendar shows the day and the week, each appointment linking to
// the person, and two overlapping appointments marked "Konflikt" in words. axe-core (WCAG 2.0/2.1
// A and AA) finds nothing on each page. Screenshots in test-results/screenshots/.
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
import { killAllChildren } from './process-helpers.js';

const skip = browserSkipReason();
const NAV_TIMEOUT = 20_000;
const TEST_TIMEOUT = 120_000;

let demo: DemoServer | undefined;
let browser: Browser | undefined;

const today = todayCopenhagen();
const takeover = addDaysIso(today, -3);
const headBirth = addDaysIso(yearsBefore(today, 29), -40);

function server(): DemoServer {
  if (!demo) throw new Error('the server did not start (see the before hook)');
  return demo;
}

async function signedIn(t: TestContext): Promise<{ page: Page; errors: string[]; user: string }> {
  if (!browser) throw new Error('the browser did not start (see the before hook)');
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'da-DK' });
  t.after(() => context.close());
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  const errors: string[] = [];
  collectPageErrors(page, errors);
  const { user } = await signInAsCaseworker(page, server().base, 'Aabenraa');
  return { page, errors, user };
}

/** A refugee of Aabenraa taken over three days ago (the contract follow-ups lie ahead), registered through the API. */
async function newPerson(): Promise<{ id: string; name: string }> {
  const familyName = uniqueFamilyName();
  const response = await server().api('POST', '/api/v1/municipalities/580/households', {
    takeoverDate: takeover,
    arrivalDate: takeover,
    members: [
      {
        givenName: 'Nour',
        familyName,
        birthDate: headBirth,
        sex: 'female',
        cpr: cprFor(headBirth, 'female'),
        relation: 'head',
        residenceBasis: 'spontaneous_refugee',
        countryOfOrigin: 'SY',
        languages: ['ar'],
      },
    ],
  });
  assert.equal(response.status, 201, `registering answered ${response.status}: ${response.text}`);
  return {
    id: (response.body as { members: { personId: string }[] }).members[0]!.personId,
    name: `Nour ${familyName}`,
  };
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

/** A screenshot of one section of the person page (from its heading to the next section's), beside the full page. */
async function sectionShot(p: Page, name: string, from: string, to: string): Promise<void> {
  await screenshot(p, name);
  const box = await p.evaluate(
    ([a, b]) => {
      const first = document.getElementById(a!);
      const next = document.getElementById(b!) ?? document.querySelector('footer');
      if (!first) return null;
      const top = first.getBoundingClientRect().top + window.scrollY - 8;
      const bottom = next ? next.getBoundingClientRect().top + window.scrollY : document.documentElement.scrollHeight;
      return { x: 0, y: Math.max(0, top), width: document.documentElement.clientWidth, height: bottom - top };
    },
    [from, to],
  );
  if (box)
    await p
      .screenshot({ path: `${SCREENSHOT_DIR}/${name}-section.png`, fullPage: true, clip: box, timeout: 10_000 })
      .catch(() => undefined);
}

/** The user id of the signed-in caseworker: the value of their option in the contact person form of a person page. */
async function caseworkerId(p: Page, personId: string, name: string): Promise<string> {
  await open(p, `/borgere/${personId}`);
  const id = await p
    .locator('#kontaktperson-bruger option')
    .evaluateAll((options, n) => options.find((o) => o.textContent.trim().startsWith(n))?.getAttribute('value'), name);
  assert.ok(id, `no contact person option for ${name}`);
  return id;
}

/** The Danish date of a timestamp with offset, ISO. */
const dayOf = (iso: string) =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Copenhagen' }).format(new Date(iso));

describe(
  'appointments on the person page and the calendar in a browser',
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
      'a caseworker books a contract follow-up from a proposal and sees it listed, with one proposal fewer',
      { timeout: TEST_TIMEOUT },
      async (t) => {
        const { page: p, errors } = await signedIn(t);
        const person = await newPerson();
        await open(p, `/borgere/${person.id}`);
        const proposals = await tableRows(p, 'Forslag fra reglerne om opfølgning');
        const followUps = proposals.filter((r) => r[1] === 'Opfølgning på integrationskontrakt');
        assert.equal(followUps.length, 4, `four contract follow-ups proposed: ${JSON.stringify(proposals)}`);
        assert.match(followUps[0]![2]!, /integrationsloven § 20/);
        await noAxeViolations(p, 'the person page with proposals');
        await sectionShot(p, 'appointments-01-proposals', 'aftaler', 'bilag');
        const first = followUps[0]![0]!;
        const booked = await navigation(p, () =>
          p
            .getByRole('button', { name: /^Book / })
            .first()
            .click(),
        );
        assert.equal(booked.status(), 200, (await errorSummary(p)).join(' | '));
        assert.equal(new URL(p.url()).hash, '#aftaler');
        const upcoming = await tableRows(p, 'Kommende aftaler');
        assert.equal(upcoming.length, 1, JSON.stringify(upcoming));
        assert.equal(upcoming[0]![0], first, 'booked at the proposed time');
        assert.equal(upcoming[0]![5], 'Planlagt');
        assert.match(upcoming[0]![4]!, /Arabisk/, 'the interpreter language of the person');
        const left = (await tableRows(p, 'Forslag fra reglerne om opfølgning')).filter(
          (r) => r[1] === 'Opfølgning på integrationskontrakt',
        );
        assert.equal(left.length, 3);
        await noAxeViolations(p, 'the person page after booking');
        await sectionShot(p, 'appointments-02-booked', 'aftaler', 'bilag');
        // The booking form refuses a time in the past, in Danish, at the field.
        const form = p.getByRole('form', { name: 'Book aftale' });
        await form.getByLabel('Dato').fill(addDaysIso(today, -1));
        await form.getByLabel('Klokkeslæt').fill('10.00');
        await form.getByLabel('Formål').selectOption({ label: 'Anden samtale' });
        const refused = await navigation(p, () => form.getByRole('button', { name: 'Book aftale' }).click());
        assert.equal(refused.status(), 422);
        assert.deepEqual(await errorSummary(p), ['Tidspunktet er passeret. Vælg et tidspunkt i fremtiden']);
        await noAxeViolations(p, 'the person page with the booking refused');
        await screenshot(p, 'appointments-03-refused');
        assert.deepEqual(errors, []);
      },
    );

    test(
      'a meeting that has begun is recorded as held and becomes a conversation with repatriation guidance',
      { timeout: TEST_TIMEOUT },
      async (t) => {
        const { page: p, errors, user } = await signedIn(t);
        const person = await newPerson();
        const caseworker = await caseworkerId(p, person.id, user);
        // A meeting starting in four seconds: by the time the form is sent, it has begun.
        const startsAt = new Date(Date.now() + 4000).toISOString();
        const res = await server().api('POST', `/api/v1/municipalities/580/persons/${person.id}/appointments`, {
          startsAt,
          durationMinutes: 30,
          purpose: 'contract_follow_up',
          place: 'Jobcentret, Skelbækvej 2',
          caseworkerId: caseworker,
          interpreterLanguage: 'ar',
        });
        assert.equal(res.status, 201, `${caseworker} ${user}: ${res.text}`);
        const id = (res.body as { id: string }).id;
        await new Promise((r) => setTimeout(r, 5000));
        await open(p, `/borgere/${person.id}/aftaler/${id}`);
        await noAxeViolations(p, 'the appointment page');
        await screenshot(p, 'appointments-04-appointment');
        const held = p.getByRole('form', { name: 'Registrér som afholdt' });
        await held.getByLabel('Der er givet vejledning om repatriering').check();
        await held.getByLabel('Note fra samtalen').fill('Status på praktik og danskuddannelse.');
        const saved = await navigation(p, () => held.getByRole('button', { name: 'Registrér samtalen' }).click());
        assert.equal(saved.status(), 200, (await errorSummary(p)).join(' | '));
        const past = await tableRows(p, 'Tidligere og aflyste aftaler');
        assert.equal(past[0]?.[5], 'Afholdt');
        const conversations = await tableRows(p, 'Samtaler');
        assert.deepEqual(conversations[0]?.slice(1, 4), ['Opfølgning på integrationskontrakt', 'Ja', 'Arabisk']);
        await noAxeViolations(p, 'the person page with the held appointment');
        await sectionShot(p, 'appointments-05-held', 'samtaler', 'bilag');
        assert.deepEqual(errors, []);
      },
    );

    test(
      'the calendar shows the day and the week, links each appointment to the person and marks a conflict in words',
      { timeout: TEST_TIMEOUT },
      async (t) => {
        const { page: p, errors, user } = await signedIn(t);
        const a = await newPerson();
        const b = await newPerson();
        const caseworker = await caseworkerId(p, a.id, user);
        const day = addDaysIso(today, 9);
        const book = async (personId: string, time: string) => {
          const startsAt = new Date(new Date(`${day}T${time}:00Z`).getTime() - 60 * 60_000).toISOString();
          const r = await server().api('POST', `/api/v1/municipalities/580/persons/${personId}/appointments`, {
            startsAt,
            durationMinutes: 60,
            purpose: 'contract_follow_up',
            place: 'Jobcentret, Skelbækvej 2',
            caseworkerId: caseworker,
          });
          assert.equal(r.status, 201, r.text);
          return (r.body as { startsAt: string }).startsAt;
        };
        const first = await book(a.id, '10:00');
        await book(b.id, '10:30');
        const date = dayOf(first);
        await open(p, `/kalender?dag=${date}`);
        await noAxeViolations(p, 'the calendar day');
        await screenshot(p, 'appointments-06-calendar-day');
        const link = p.getByRole('link', { name: a.name, exact: true });
        assert.equal(await link.getAttribute('href'), `/borgere/${a.id}#aftaler`);
        const conflicts = await p.locator('.mb-calendar-entry .mb-conflict').allTextContents();
        assert.ok(
          conflicts.some((c) => c.includes('Konflikt') && c.includes(b.name)),
          conflicts.join(' | '),
        );
        await p.getByRole('link', { name: 'Hele ugen' }).click();
        await p.waitForLoadState('load');
        assert.match(await p.locator('h1').innerText(), /^Kalender uge \d+, \d{4}$/);
        assert.equal(await p.getByRole('link', { name: b.name, exact: true }).count(), 1);
        await noAxeViolations(p, 'the calendar week');
        await screenshot(p, 'appointments-07-calendar-week');
        assert.equal(await p.getByRole('link', { name: 'Kalender', exact: true }).getAttribute('aria-current'), 'page');
        assert.deepEqual(errors, []);
      },
    );
    test(
      'a caseworker attaches a file on the person page, sees it listed and downloads the summons letter and the contract as PDFs',
      { timeout: TEST_TIMEOUT },
      async (t) => {
        const { page: p, errors } = await signedIn(t);
        const person = await newPerson();
        await open(p, `/borgere/${person.id}`);
        const form = p.getByRole('form', { name: 'Vedhæft fil' });
        await form
          .getByLabel('Fil')
          .setInputFiles({ name: 'notat.txt', mimeType: 'text/plain', buffer: Buffer.from('Borgeren ønsker tolk.\n') });
        await form.getByLabel('Note (valgfri)').fill('Fra første samtale');
        const saved = await navigation(p, () => form.getByRole('button', { name: 'Vedhæft fil' }).click());
        assert.equal(saved.status(), 200, (await errorSummary(p)).join(' | '));
        const rows = await tableRows(p, 'Bilag');
        assert.equal(rows.length, 1);
        assert.match(rows[0]![0]!, /^notat\.txt/);
        // A file that is not what it says it is: refused in Danish.
        await form
          .getByLabel('Fil')
          .setInputFiles({ name: 'billede.png', mimeType: 'image/png', buffer: Buffer.from('not a png') });
        const refused = await navigation(p, () => form.getByRole('button', { name: 'Vedhæft fil' }).click());
        assert.equal(refused.status(), 422);
        assert.deepEqual(await errorSummary(p), [
          'Filens indhold passer ikke til filtypen. Vælg en gyldig PDF-, PNG-, JPEG- eller tekstfil',
        ]);
        await noAxeViolations(p, 'the person page with an attachment refused');
        await sectionShot(p, 'appointments-08-attachments', 'bilag', 'husstand');
        const contract = await p.request.get(`${server().base}/borgere/${person.id}/kontrakt.pdf`);
        assert.equal(contract.status(), 200);
        assert.equal(contract.headers()['content-type'], 'application/pdf');
        assert.equal((await contract.body()).subarray(0, 5).toString(), '%PDF-');
        assert.deepEqual(errors, []);
      },
    );
  },
);
