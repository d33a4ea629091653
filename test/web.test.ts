import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { buildApp } from '../src/app.js';
import { createToken } from '../src/services/tokens.js';
import { SESSION_COOKIE } from '../src/web/session.js';
import { forEachEngine, openTestDb, TODAY, type TestDb } from './helpers.js';

forEachEngine('web application security', (engine) => {
  let t: TestDb;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let session: string;
  before(async () => {
    t = await openTestDb(engine);
    app = await buildApp({
      db: t.database.db,
      vault: t.vault,
      engine,
      today: () => TODAY,
      web: { db: t.database.db, vault: t.vault, auth: { rp: null, publicUrl: 'http://localhost:3000' } },
    });
    session = (
      await createToken(t.database.db, {
        municipalityCode: '580',
        role: 'caseworker',
        userName: 'Web Tester',
        days: 1,
        hours: 1,
      })
    ).token;
  });
  after(async () => {
    await app.close();
    await t.cleanup();
  });

  const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1];

  test('a page without a session redirects to sign-in, keeping where the user was going', async () => {
    const res = await app.inject({ url: '/borgere?q=al' });
    assert.equal(res.statusCode, 302);
    assert.equal(res.headers.location, '/login?returnTo=%2Fborgere%3Fq%3Dal');
  });

  test('pages are sent with a Content-Security-Policy that allows no inline script, and are not cached', async () => {
    const res = await app.inject({ url: '/', cookies: { [SESSION_COOKIE]: session } });
    assert.equal(res.statusCode, 200, res.body);
    const csp = String(res.headers['content-security-policy']);
    assert.match(csp, /script-src 'self'/);
    assert.doesNotMatch(csp, /unsafe-inline/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.equal(res.headers['cache-control'], 'no-store');
    assert.match(res.body, /<html lang="da">/);
  });

  test('a form posted without its CSRF token is refused and changes nothing', async () => {
    const before = await t.database.db
      .selectFrom('households')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    const res = await app.inject({
      method: 'POST',
      url: '/husstande/ny',
      cookies: { [SESSION_COOKIE]: session },
      payload:
        'takeoverDate=2025-03-01&memberCount=1&m0_givenName=A&m0_familyName=B&m0_birthDate=1990-01-01&m0_sex=female&m0_residenceBasis=quota_refugee&m0_relation=head',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(res.statusCode, 403);
    assert.match(res.body, /Formularen er udløbet/);
    const after = await t.database.db
      .selectFrom('households')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    assert.equal(Number(after.n), Number(before.n));
  });

  test('registering a household through the form works with the CSRF token and leads to the person page', async () => {
    const form = await app.inject({ url: '/husstande/ny', cookies: { [SESSION_COOKIE]: session } });
    const csrf = csrfOf(form.body);
    assert.ok(csrf);
    const res = await app.inject({
      method: 'POST',
      url: '/husstande/ny',
      cookies: { [SESSION_COOKIE]: session },
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        _csrf: csrf,
        action: 'register',
        takeoverDate: '2025-03-01',
        memberCount: '1',
        m0_givenName: 'Rania',
        m0_familyName: 'Saleh',
        m0_birthDate: '1992-04-04',
        m0_sex: 'female',
        m0_residenceBasis: 'quota_refugee',
        m0_relation: 'head',
        m0_cpr: '040492-1236',
      }).toString(),
    });
    assert.equal(res.statusCode, 303, res.body.slice(0, 500));
    assert.match(String(res.headers.location), /^\/borgere\/[0-9a-f-]{36}\?registreret=1$/);
  });

  test('the registering caseworker can become the contact person, and the family then shows in "my" worklist', async () => {
    const form = await app.inject({ url: '/husstande/ny', cookies: { [SESSION_COOKIE]: session } });
    assert.match(form.body, /id="becomeContactPerson"[^>]*checked/, 'checked by default for a caseworker');
    const res = await app.inject({
      method: 'POST',
      url: '/husstande/ny',
      cookies: { [SESSION_COOKIE]: session },
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        _csrf: csrfOf(form.body)!,
        action: 'register',
        becomeContactPerson: 'on',
        takeoverDate: '2026-11-01',
        memberCount: '1',
        m0_givenName: 'Yonas',
        m0_familyName: 'Tesfay',
        m0_birthDate: '1995-07-07',
        m0_sex: 'male',
        m0_residenceBasis: 'spontaneous_refugee',
        m0_relation: 'head',
      }).toString(),
    });
    assert.equal(res.statusCode, 303, res.body.slice(0, 300));
    const worklist = await app.inject({ url: '/', cookies: { [SESSION_COOKIE]: session } });
    assert.match(worklist.body, /Yonas Tesfay/);
  });

  test("after registering a household, the head's page confirms it and says what to do next, with deadlines and the other members", async () => {
    const form = await app.inject({ url: '/husstande/ny', cookies: { [SESSION_COOKIE]: session } });
    const res = await app.inject({
      method: 'POST',
      url: '/husstande/ny',
      cookies: { [SESSION_COOKIE]: session },
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        _csrf: csrfOf(form.body)!,
        action: 'register',
        takeoverDate: '2026-11-01',
        memberCount: '2',
        m0_givenName: 'Selam',
        m0_familyName: 'Bekele',
        m0_birthDate: '1992-03-03',
        m0_sex: 'female',
        m0_residenceBasis: 'spontaneous_refugee',
        m0_relation: 'head',
        m1_givenName: 'Dawit',
        m1_familyName: 'Bekele',
        m1_birthDate: '2019-05-05',
        m1_sex: 'male',
        m1_residenceBasis: 'accompanying_child',
        m1_relation: 'child',
      }).toString(),
    });
    assert.equal(res.statusCode, 303, res.body.slice(0, 300));
    assert.match(res.headers.location as string, /\?registreret=1$/);
    const page = await app.inject({ url: res.headers.location as string, cookies: { [SESSION_COOKIE]: session } });
    const text = page.body.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    assert.match(
      text,
      /Husstanden er registreret 2 personer, overtaget 01\.11\.2026\. Det næste at gøre for denne borger:/,
    );
    assert.match(
      text,
      /Kontrakt om introduktionsprogrammet underskrevet senest 1 måned efter overtagelsen – frist 01\.12\.2026/,
    );
    assert.match(text, /øvrige medlemmer .* Dawit Bekele \(barn\)/);
    const again = await app.inject({
      url: (res.headers.location as string).replace('?registreret=1', ''),
      cookies: { [SESSION_COOKIE]: session },
    });
    assert.doesNotMatch(again.body, /Husstanden er registreret/, 'only right after registering');

    // The child's page shows what concerns a child: the family, enrolments, the language assessment.
    const childId = /href="\/borgere\/([0-9a-f-]{36})">Dawit Bekele/.exec(page.body)?.[1];
    assert.ok(childId, 'the notice links to the child');
    const child = await app.inject({ url: `/borgere/${childId}`, cookies: { [SESSION_COOKIE]: session } });
    const headings = (html: string) => [...html.matchAll(/<h2[^>]*>([^<]+)<\/h2>/g)].map((m) => m[1]!.trim());
    const childSections = headings(child.body);
    for (const shown of ['Overblik', 'Husstand', 'Indskrivninger', 'Sprogvurderinger'])
      assert.ok(childSections.includes(shown), `the child's page lacks ${shown}: ${childSections.join(', ')}`);
    for (const hidden of ['Visitationssamtale', 'Integrationskontrakt', 'Aktiviteter', 'Opfølgninger'])
      assert.ok(!childSections.includes(hidden), `the child's page offers ${hidden}`);
    assert.doesNotMatch(child.body, /af 37 timer/);
    const headSections = headings(again.body);
    for (const shown of ['Visitationssamtale', 'Integrationskontrakt', 'Aktiviteter'])
      assert.ok(headSections.includes(shown), `the adult's page lacks ${shown}`);
    assert.ok(!headSections.includes('Indskrivninger'), "the adult's page offers enrolments");
  });

  test('an impossible CPR date and a missing name are shown in the error summary and at the fields', async () => {
    const form = await app.inject({ url: '/husstande/ny', cookies: { [SESSION_COOKIE]: session } });
    const res = await app.inject({
      method: 'POST',
      url: '/husstande/ny',
      cookies: { [SESSION_COOKIE]: session },
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        _csrf: csrfOf(form.body)!,
        action: 'register',
        takeoverDate: '2025-03-01',
        memberCount: '1',
        m0_givenName: 'Rania',
        m0_familyName: '',
        m0_birthDate: '1990-02-28',
        m0_sex: 'female',
        m0_residenceBasis: 'quota_refugee',
        m0_relation: 'head',
        m0_cpr: '310290-1234',
      }).toString(),
    });
    assert.ok(res.statusCode === 400 || res.statusCode === 422, String(res.statusCode));
    assert.match(res.body, /data-module="error-summary"/);
    assert.match(res.body, /href="#m0-familyName"/);
    assert.match(res.body, /class="form-error-message" id="m0-familyName-error"/);
    assert.match(res.body, /value="Rania"/, 'the entered values are kept');
  });

  test('an unknown page is a Danish 404 page, and the API keeps answering problem+json', async () => {
    const page = await app.inject({ url: '/findes-ikke' });
    assert.equal(page.statusCode, 404);
    assert.match(page.body, /Siden findes ikke/);
    const api = await app.inject({ url: '/api/v1/findes-ikke' });
    assert.equal(api.headers['content-type'], 'application/problem+json');
  });

  test('sign-in never redirects to another site after login', async () => {
    const res = await app.inject({ url: '/login?returnTo=//evil.example', headers: { host: 'localhost:3000' } });
    // No identity provider in this test: the page says login is not ready rather than redirecting anywhere.
    assert.equal(res.statusCode, 503);
    assert.doesNotMatch(res.headers.location ?? '', /evil/);
  });

  test('sign-out revokes the session in the database', async () => {
    const token = (
      await createToken(t.database.db, {
        municipalityCode: '580',
        role: 'caseworker',
        userName: 'Web Tester',
        days: 1,
        hours: 1,
      })
    ).token;
    const home = await app.inject({ url: '/', cookies: { [SESSION_COOKIE]: token } });
    const res = await app.inject({
      method: 'POST',
      url: '/logout',
      cookies: { [SESSION_COOKIE]: token },
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `_csrf=${encodeURIComponent(csrfOf(home.body)!)}`,
    });
    assert.equal(res.statusCode, 302);
    assert.match(String(res.headers['set-cookie']), /__Host-medborger-session=;/);
    const again = await app.inject({ url: '/', cookies: { [SESSION_COOKIE]: token } });
    assert.equal(again.statusCode, 302, 'the old cookie no longer signs in');
  });
});
