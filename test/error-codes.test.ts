// Typed error codes: every service error and field problem carries a code from one closed list;
// problem+json gives it to API clients, and the Danish pages map it through one catalogue. The
// English detail is for developers: rewording it must not change what a caseworker reads.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { buildApp } from '../src/app.js';
import { ERROR_CODES, UnprocessableError, type ErrorCode } from '../src/services/errors.js';
import { createToken } from '../src/services/tokens.js';
import { ERROR_MESSAGES } from '../src/web/error-messages.js';
import { queryMessage } from '../src/web/pages/search.js';
import { SESSION_COOKIE } from '../src/web/session.js';
import { aFamily, auth, forEachEngine, openTestDb, TODAY, type TestDb } from './helpers.js';

test('an error code without a Danish text, with an empty one or with English wording is caught before a caseworker sees it', () => {
  // Record<ErrorCode, string> makes a missing text a compile error; this checks the texts themselves.
  const listed: readonly ErrorCode[] = ERROR_CODES;
  assert.ok(listed.length > 40, `the list of codes is there (${listed.length})`);
  assert.deepEqual(
    Object.keys(ERROR_MESSAGES).sort(),
    [...ERROR_CODES].sort(),
    'the catalogue has exactly the codes of src/services/errors.ts',
  );
  assert.equal(new Set(ERROR_CODES).size, ERROR_CODES.length, 'no code is listed twice');
  const english = /\b(the|is|not|was|found|must|cannot|with|only|before|after|future|please|invalid|number)\b/i;
  const wrong = ERROR_CODES.filter((code) => {
    const text = ERROR_MESSAGES[code];
    return (
      typeof text !== 'string' ||
      text.trim().length < 5 ||
      text === code ||
      english.test(text) ||
      !/[a-zæøå]/.test(text)
    );
  });
  assert.deepEqual(
    wrong.map((c) => `${c}: ${JSON.stringify(ERROR_MESSAGES[c])}`),
    [],
    'each code has a Danish text',
  );
});

test('the search page shows the Danish text of the code even when the English detail is reworded (or says something else)', () => {
  // The English detail of another refusal ("Too short.") beside the code for two CPR numbers:
  // the page follows the code.
  const err = new UnprocessableError('search.several_cpr', 'Only one CPR number per search, please.', [
    { pointer: '/query', code: 'search.several_cpr', detail: 'Too short.' },
  ]);
  assert.equal(queryMessage(err), 'Søg på ét CPR-nummer ad gangen');
  const reworded = new UnprocessableError('search.cpr_not_for_role', 'Name search only for your role.', [
    { pointer: '/query', code: 'search.cpr_not_for_role', detail: 'Reworded for developers.' },
  ]);
  assert.equal(queryMessage(reworded), 'Din rolle søger kun på navn. Skriv fornavn, efternavn eller begge');
});

forEachEngine('error codes over HTTP and on the pages', (engine) => {
  let t: TestDb;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let token: string;
  let personId: string;
  const saved = new Map<ErrorCode, string>();
  before(async () => {
    t = await openTestDb(engine);
    app = await buildApp({
      db: t.database.db,
      vault: t.vault,
      engine,
      today: () => TODAY,
      web: { db: t.database.db, vault: t.vault, auth: { rp: null, publicUrl: 'http://localhost:3000' } },
    });
    token = (
      await createToken(t.database.db, {
        municipalityCode: '580',
        role: 'caseworker',
        userName: 'Error Code Tester',
        days: 1,
        hours: 1,
      })
    ).token;
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/municipalities/580/households',
      headers: auth(token),
      payload: aFamily(),
    });
    assert.equal(res.statusCode, 201, res.body);
    personId = res.json<{ members: { personId: string }[] }>().members[0]!.personId;
  });
  after(async () => {
    for (const [code, text] of saved) ERROR_MESSAGES[code] = text;
    await app.close();
    await t.cleanup();
  });

  /** Replaces a catalogue text for one test: the page must show whatever the catalogue says for the code. */
  const marked = (code: ErrorCode) => {
    if (!saved.has(code)) saved.set(code, ERROR_MESSAGES[code]);
    ERROR_MESSAGES[code] = `Katalogtekst for ${code}`;
    return ERROR_MESSAGES[code];
  };
  const restore = (code: ErrorCode) => {
    ERROR_MESSAGES[code] = saved.get(code)!;
  };
  interface Problem {
    code: string;
    errors: { code: string }[];
  }
  const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1];

  test('a follow-up dated in the future is refused with problem+json code date.in_future at /date, not only an English detail', async () => {
    const res = await app.inject({
      method: 'POST',
      url: `/api/v1/municipalities/580/persons/${personId}/follow-ups`,
      headers: auth(token),
      payload: { date: '2030-01-01', kind: 'yearly' },
    });
    assert.equal(res.statusCode, 422, res.body);
    assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
    const problem = res.json<{ code?: string; errors?: { pointer: string; code?: string; detail: string }[] }>();
    assert.equal(problem.code, 'date.in_future');
    assert.deepEqual(
      problem.errors?.map((e) => [e.pointer, e.code]),
      [['/date', 'date.in_future']],
    );
  });

  test('problem+json names the code of a search with two CPR numbers, of a request the schema refuses and of an unknown route', async () => {
    const search = await app.inject({
      url: `/api/v1/municipalities/580/persons?query=${encodeURIComponent('010190-1234 020290-1234')}`,
      headers: auth(token),
    });
    assert.equal(search.statusCode, 422, search.body);
    assert.equal(search.json<Problem>().code, 'search.several_cpr');
    assert.equal(search.json<Problem>().errors[0]!.code, 'search.several_cpr');
    const invalid = await app.inject({
      method: 'POST',
      url: `/api/v1/municipalities/580/persons/${personId}/follow-ups`,
      headers: auth(token),
      payload: { date: 'soon', kind: 'yearly' },
    });
    assert.equal(invalid.statusCode, 400, invalid.body);
    assert.equal(invalid.json<Problem>().code, 'request.invalid');
    assert.ok(
      invalid.json<Problem>().errors.every((e) => e.code === 'request.invalid'),
      invalid.body,
    );
    const missing = await app.inject({ url: '/api/v1/nowhere', headers: auth(token) });
    assert.equal(missing.statusCode, 404);
    assert.equal(missing.json<Problem>().code, 'route.not_found');
  });

  test('the search page shows the catalogue text for two CPR numbers, whatever the English detail says', async () => {
    const res = await app.inject({
      url: `/borgere?q=${encodeURIComponent('010190-1234 020290-1234')}`,
      cookies: { [SESSION_COOKIE]: token },
    });
    assert.equal(res.statusCode, 422, res.body.slice(0, 300));
    assert.ok(res.body.includes('Søg på ét CPR-nummer ad gangen'), 'the Danish text is shown');
    const text = marked('search.several_cpr');
    try {
      const again = await app.inject({
        url: `/borgere?q=${encodeURIComponent('010190-1234 020290-1234')}`,
        cookies: { [SESSION_COOKIE]: token },
      });
      assert.ok(again.body.includes(text), 'the page takes its text from the catalogue by code');
    } finally {
      restore('search.several_cpr');
    }
  });

  test('the person page records a reception step in its Modtagelse section, and one before the arrival is refused at the date field in Danish', async () => {
    const page = await app.inject({ url: `/borgere/${personId}`, cookies: { [SESSION_COOKIE]: token } });
    assert.match(page.body, /<h2 id="modtagelse">Modtagelse<\/h2>/);
    const csrf = csrfOf(page.body);
    assert.ok(csrf, 'the page has a CSRF token');
    const post = (date: string) =>
      app.inject({
        method: 'POST',
        url: `/borgere/${personId}/modtagelse`,
        cookies: { [SESSION_COOKIE]: token },
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({
          _csrf: csrf,
          'modtagelse-trin': 'local_area_introduction',
          'modtagelse-dato': date,
          'modtagelse-note': 'Byvandring med frivillig',
        }).toString(),
      });
    const early = await post('2025-01-02');
    assert.equal(early.statusCode, 422, early.body.slice(0, 300));
    assert.match(early.body, /id="modtagelse-dato-error"[^]*?Datoen ligger før borgerens ankomst til kommunen/);
    const saved = await post('2025-03-12');
    assert.equal(saved.statusCode, 303, saved.body.slice(0, 300));
    assert.equal(saved.headers.location, `/borgere/${personId}#modtagelse`);
    const after = await app.inject({ url: `/borgere/${personId}`, cookies: { [SESSION_COOKIE]: token } });
    const section = after.body.slice(after.body.indexOf('id="modtagelse"'), after.body.indexOf('id="aktiviteter"'));
    assert.match(section, /Introduktion til lokalområdet/);
    assert.match(section, /Byvandring med frivillig/);
  });

  test('a follow-up dated in the future on the person page shows the catalogue text for date.in_future at the date field', async () => {
    const page = await app.inject({ url: `/borgere/${personId}`, cookies: { [SESSION_COOKIE]: token } });
    assert.equal(page.statusCode, 200, page.body.slice(0, 300));
    const csrf = csrfOf(page.body);
    assert.ok(csrf, 'the page has a CSRF token');
    const post = () =>
      app.inject({
        method: 'POST',
        url: `/borgere/${personId}/opfoelgninger`,
        cookies: { [SESSION_COOKIE]: token },
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({
          _csrf: csrf,
          'opfoelgning-dato': '2030-01-01',
          'opfoelgning-art': 'yearly',
        }).toString(),
      });
    const res = await post();
    assert.equal(res.statusCode, 422, res.body.slice(0, 300));
    assert.match(
      res.body,
      /id="opfoelgning-dato-error"[^]*?Datoen ligger i fremtiden/,
      'the Danish text is shown at the date field',
    );
    const text = marked('date.in_future');
    try {
      const again = await post();
      assert.match(
        again.body,
        new RegExp(`id="opfoelgning-dato-error"[^]*?${text}`),
        'the page takes its text from the catalogue by code',
      );
    } finally {
      restore('date.in_future');
    }
  });

  test("a household with the same CPR number for two members shows the catalogue text at the second member's CPR field", async () => {
    const form = await app.inject({ url: '/husstande/ny', cookies: { [SESSION_COOKIE]: token } });
    const csrf = csrfOf(form.body);
    assert.ok(csrf);
    const text = marked('cpr.duplicate_in_household');
    try {
      const res = await app.inject({
        method: 'POST',
        url: '/husstande/ny',
        cookies: { [SESSION_COOKIE]: token },
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({
          _csrf: csrf,
          action: 'register',
          takeoverDate: '2025-03-01',
          memberCount: '2',
          m0_givenName: 'Nour',
          m0_familyName: 'Ali',
          m0_birthDate: '1991-05-05',
          m0_sex: 'female',
          m0_residenceBasis: 'quota_refugee',
          m0_relation: 'head',
          m0_cpr: '050591-1234',
          m1_givenName: 'Nour',
          m1_familyName: 'Ali',
          m1_birthDate: '1991-05-05',
          m1_sex: 'female',
          m1_residenceBasis: 'quota_refugee',
          m1_relation: 'child',
          m1_cpr: '050591-1234',
        }).toString(),
      });
      assert.ok(res.statusCode === 400 || res.statusCode === 422, `refused: ${res.statusCode}`);
      assert.ok(
        res.body.includes(`Medlem 2: ${text}`),
        `the page shows the catalogue text for the code: ${res.body.match(/<li>.*?<\/li>/g)?.join(' ')}`,
      );
    } finally {
      restore('cpr.duplicate_in_household');
    }
  });
});
