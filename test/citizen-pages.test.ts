// The citizen's own pages and API (issue 14): sign-in by the CPR claim, the pages in the
// citizen's language with <html lang dir>, the language remembered, the children on Børn for a
// parent, an .ics per appointment, every page logged, no staff page and no other person's data.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { buildApp } from '../src/app.js';
import type { OidcRelyingParty, SignedInCitizen } from '../src/web/oidc.js';
import { aFamily, auth, forEachEngine, openTestDb, TODAY, type TestDb } from './helpers.js';
import { createToken, signIn } from '../src/services/tokens.js';
import { PUBLIC_URL, TEST_ISSUER } from './web-sign-in-helpers.js';

const M = '/api/v1/municipalities/580';

forEachEngine('citizen pages', (engine) => {
  let t: TestDb;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let cw: Record<string, string>;
  let next: SignedInCitizen = { issuer: TEST_ISSUER, subject: 's', cpr: '', municipalityCode: '580' };
  let head = '';
  let child = '';
  let headCpr = '';
  let appointmentId = '';

  const citizenRp = {
    begin: (returnTo: string) =>
      Promise.resolve({
        url: `${TEST_ISSUER}/authorize?state=s`,
        pending: { verifier: 'v', state: 's', nonce: 'n', returnTo },
      }),
    finishCitizen: () => Promise.resolve(next),
  } as unknown as OidcRelyingParty;

  /** Signs in through /borger/login and the callback; the citizen cookie, or the callback's answer. */
  async function signInAsCitizen(cpr: string, returnTo = '/borger/') {
    next = { ...next, subject: `mitid-${cpr}`, cpr };
    const login = await app.inject({
      url: `/borger/login?start=1&returnTo=${encodeURIComponent(returnTo)}`,
      headers: { host: new URL(PUBLIC_URL).host },
    });
    assert.equal(login.statusCode, 302, login.body);
    const pending = login.cookies.find((c) => c.name === '__Host-medborger-citizen-login');
    assert.ok(pending, 'the pending login cookie');
    const callback = await app.inject({
      url: '/borger/auth/callback?code=c&state=s',
      cookies: { [pending.name]: pending.value },
    });
    const session = callback.cookies.find((c) => c.name === '__Host-medborger-citizen')?.value;
    return { callback, session };
  }

  before(async () => {
    t = await openTestDb(engine);
    app = await buildApp({
      db: t.appDb,
      vault: t.vault,
      engine,
      today: () => TODAY,
      web: {
        db: t.appDb,
        vault: t.vault,
        today: () => TODAY,
        auth: { rp: null, citizenRp, publicUrl: PUBLIC_URL },
      },
    });
    const staff = await signIn(t.database.db, {
      issuer: 'https://idp.test.example/staff',
      subject: 'cw-580',
      name: 'Mette Sagsbehandler',
      municipalityCode: '580',
      role: 'caseworker',
      hours: 24,
    });
    cw = auth(staff.token);
    const family = aFamily({ takeoverDate: '2026-10-01', arrivalDate: '2026-09-25' });
    family.members[2]!.birthDate = '2021-05-01';
    headCpr = family.members[0]!.cpr!;
    const res = await app.inject({ method: 'POST', url: `${M}/households`, headers: cw, payload: family });
    assert.equal(res.statusCode, 201, res.body);
    const members = res.json<{ members: { personId: string }[] }>().members;
    head = members[0]!.personId;
    child = members[2]!.personId;
    const contact = await app.inject({
      method: 'PUT',
      url: `${M}/persons/${head}/contact-person`,
      headers: cw,
      payload: { userId: staff.userId },
    });
    assert.ok(contact.statusCode < 300, contact.body);
    const booked = await app.inject({
      method: 'POST',
      url: `${M}/persons/${head}/appointments`,
      headers: cw,
      payload: {
        startsAt: '2026-12-14T10:00:00+01:00',
        durationMinutes: 45,
        purpose: 'contract_follow_up',
        place: 'Jobcentret, Skelbækvej 2',
        interpreterLanguage: 'ar',
      },
    });
    assert.equal(booked.statusCode, 201, booked.body);
    appointmentId = booked.json<{ id: string }>().id;
  });
  after(async () => {
    await app.close();
    await t.cleanup();
  });

  test('a citizen who signs in lands on /borger/ with their next steps in plain Danish and their contact person', async () => {
    const { callback, session } = await signInAsCitizen(headCpr);
    assert.equal(callback.statusCode, 302, callback.body);
    assert.equal(callback.headers.location, '/borger/');
    assert.ok(session);
    const res = await app.inject({ url: '/borger/', cookies: { '__Host-medborger-citizen': session } });
    assert.equal(res.statusCode, 200, res.body);
    assert.match(res.body, /<html lang="da" dir="ltr">/);
    assert.match(res.body, /Det skal du gøre nu/);
    assert.match(res.body, /Du skal [^<]* senest \d+\. [a-z]+\./, 'a plain step with its date');
    assert.match(res.body, /Din kontaktperson/);
    assert.match(res.body, /Mette Sagsbehandler/);
    assert.match(res.body, /Hej Amal/);
    assert.doesNotMatch(res.body, /\d{6}-\d{4}/, 'no CPR number on the page');
  });

  test('a CPR number nobody of the municipality has gets a clear page in the chosen language, and no session', async () => {
    const login = await app.inject({ url: '/borger/login?lang=ar', headers: { host: new URL(PUBLIC_URL).host } });
    assert.match(login.body, /<html lang="ar" dir="rtl">/);
    const { callback, session } = await signInAsCitizen('010203-9999');
    assert.equal(callback.statusCode, 403);
    assert.equal(session, undefined);
    assert.match(callback.body, /Vi kan ikke finde dig/);
  });

  test('?lang=ar answers Arabic right to left and the choice is remembered on the next page; fa-AF too; uk is left to right', async () => {
    const { session } = await signInAsCitizen(headCpr);
    const cookies = { '__Host-medborger-citizen': session! };
    const ar = await app.inject({ url: '/borger/?lang=ar', cookies });
    assert.match(ar.body, /<html lang="ar" dir="rtl">/);
    assert.match(ar.body, /خطتي/);
    const lang = ar.cookies.find((c) => c.name === '__Host-medborger-lang');
    assert.equal(lang?.value, 'ar');
    const nextPage = await app.inject({ url: '/borger/aftaler', cookies: { ...cookies, [lang.name]: lang.value } });
    assert.match(nextPage.body, /<html lang="ar" dir="rtl">/);
    assert.match(nextPage.body, /المواعيد/);
    const fa = await app.inject({ url: '/borger/?lang=fa-AF', cookies });
    assert.match(fa.body, /<html lang="fa-AF" dir="rtl">/);
    const uk = await app.inject({ url: '/borger/?lang=uk', cookies });
    assert.match(uk.body, /<html lang="uk" dir="ltr">/);
    assert.match(uk.body, /Мій план/);
    const accepted = await app.inject({ url: '/borger/', cookies, headers: { 'accept-language': 'so;q=0.9, xx' } });
    assert.match(accepted.body, /<html lang="so" dir="ltr">/);
  });

  test('Aftaler shows the time, the place and the interpreter, and the .ics file holds the meeting', async () => {
    const { session } = await signInAsCitizen(headCpr);
    const cookies = { '__Host-medborger-citizen': session! };
    const page = await app.inject({ url: '/borger/aftaler', cookies });
    assert.match(page.body, /mandag 14\. december kl\. 10\.00/);
    assert.match(page.body, /Jobcentret, Skelbækvej 2/);
    assert.match(page.body, /tolk på arabisk/);
    const ics = await app.inject({ url: `/borger/aftaler/${appointmentId}.ics`, cookies });
    assert.equal(ics.statusCode, 200, ics.body);
    assert.match(String(ics.headers['content-type']), /^text\/calendar/);
    assert.match(ics.body, /BEGIN:VEVENT/);
    assert.match(ics.body, /DTSTART:20261214T090000Z/);
    assert.match(ics.body, /LOCATION:Jobcentret\\, Skelbækvej 2/);
    const other = await app.inject({ url: `/borger/aftaler/00000000-0000-4000-8000-000000000000.ics`, cookies });
    assert.equal(other.statusCode, 404);
  });

  test('a parent sees their child on Børn, and both are written to the access log with the purpose', async () => {
    const { session } = await signInAsCitizen(headCpr);
    const res = await app.inject({ url: '/borger/boern', cookies: { '__Host-medborger-citizen': session! } });
    assert.equal(res.statusCode, 200, res.body);
    assert.match(res.body, /Lina/);
    const childLog = await app.inject({ url: `${M}/persons/${child}/access-log`, headers: cw });
    const entries = childLog.json<{ entries: { resource: string; purpose: string; role: string }[] }>().entries;
    assert.ok(
      entries.some((e) => e.resource === 'children' && e.role === 'citizen' && e.purpose === 'Borgerens egen indsigt'),
      JSON.stringify(entries),
    );
    const own = await app.inject({ url: `${M}/persons/${head}/access-log`, headers: cw });
    assert.ok(own.json<{ entries: { resource: string }[] }>().entries.some((e) => e.resource === 'citizen-children'));
  });

  test('Hvem har brugt mine oplysninger shows dates, actions and purposes but never a staff name', async () => {
    const { session } = await signInAsCitizen(headCpr);
    const res = await app.inject({ url: '/borger/indsigt', cookies: { '__Host-medborger-citizen': session! } });
    assert.equal(res.statusCode, 200, res.body);
    assert.match(res.body, /Sagsbehandling efter integrationsloven/);
    assert.doesNotMatch(res.body, /Mette Sagsbehandler/);
  });

  test('every citizen page answers 200 in Danish and Arabic', async () => {
    const { session } = await signInAsCitizen(headCpr);
    for (const path of [
      '/borger/',
      '/borger/aftaler',
      '/borger/aktiviteter',
      '/borger/boern',
      '/borger/rettigheder',
      '/borger/tilbud',
      '/borger/hjemrejse',
      '/borger/indsigt',
      '/borger/politik',
    ])
      for (const lang of ['da', 'ar']) {
        const res = await app.inject({
          url: `${path}?lang=${lang}`,
          cookies: { '__Host-medborger-citizen': session! },
        });
        assert.equal(res.statusCode, 200, `${path} ${lang}: ${res.body.slice(0, 300)}`);
      }
  });

  test('a citizen session reaches no staff page, and without a session /borger/ asks for sign-in', async () => {
    const { session } = await signInAsCitizen(headCpr);
    const staff = await app.inject({ url: '/', cookies: { '__Host-medborger-citizen': session! } });
    assert.equal(staff.statusCode, 302);
    assert.match(String(staff.headers.location), /^\/login/);
    const person = await app.inject({ url: `/borgere/${head}`, cookies: { '__Host-medborger-citizen': session! } });
    assert.equal(person.statusCode, 302);
    const none = await app.inject({ url: '/borger/aftaler' });
    assert.equal(none.statusCode, 302);
    assert.equal(none.headers.location, '/borger/login?returnTo=%2Fborger%2Faftaler');
  });

  test('GET /api/v1/me gives a citizen token their plan in the language of Accept-Language; staff get 403', async () => {
    const token = (
      await createToken(t.database.db, {
        municipalityCode: '580',
        role: 'citizen',
        userName: 'Amal',
        days: 1,
        personId: head,
      })
    ).token;
    const da = await app.inject({ url: '/api/v1/me', headers: auth(token) });
    assert.equal(da.statusCode, 200, da.body);
    const plan = da.json<{
      language: string;
      next: { text: string }[];
      appointments: { id: string }[];
      children: { personId: string }[];
      contactPerson: { name: string };
    }>();
    assert.equal(plan.language, 'da');
    assert.ok(
      plan.next.some((s) => /^Du skal/.test(s.text)),
      JSON.stringify(plan.next),
    );
    assert.deepEqual(
      plan.appointments.map((a) => a.id),
      [appointmentId],
    );
    assert.deepEqual(
      plan.children.map((c) => c.personId),
      [child],
    );
    assert.equal(plan.contactPerson.name, 'Mette Sagsbehandler');
    const ar = await app.inject({
      url: '/api/v1/me',
      headers: { ...auth(token), 'accept-language': 'ar-SY,ar;q=0.9' },
    });
    assert.equal(ar.json<{ language: string }>().language, 'ar');
    assert.match(ar.json<{ next: { text: string }[] }>().next[0]!.text, /[\u0600-\u06FF]/);
    const staff = await app.inject({ url: '/api/v1/me', headers: cw });
    assert.equal(staff.statusCode, 403);
  });

  test('a citizen token gets 403 on the worklist and the same 404 for another person whether they exist or not', async () => {
    const token = (
      await createToken(t.database.db, {
        municipalityCode: '580',
        role: 'citizen',
        userName: 'Amal',
        days: 1,
        personId: head,
      })
    ).token;
    const worklist = await app.inject({ url: `${M}/worklist`, headers: auth(token) });
    assert.equal(worklist.statusCode, 403);
    const existing = await app.inject({ url: `${M}/persons/${child}`, headers: auth(token) });
    const missing = await app.inject({
      url: `${M}/persons/00000000-0000-4000-8000-000000000000`,
      headers: auth(token),
    });
    assert.equal(existing.statusCode, 404);
    assert.equal(missing.statusCode, 404);
    assert.equal(existing.json<{ code: string }>().code, missing.json<{ code: string }>().code);
  });
});
