// The pages of the analyst and the secretariat over HTTP (no browser): Indikatorer, Styring and
// Sammenlign, the main menu each role gets, where "/" sends a role without a worklist, and who
// may open and post what. Signed in with a session per role (as the identity provider's sign-in
// makes one); the pages call the same services as the API.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { buildApp } from '../src/app.js';
import type { Role } from '../src/domain/authorization.js';
import { AGE_BAND_DA, indicatorGroupDa, INDICATOR_BREAKDOWN_DA } from '../src/domain/glossary.js';
import { AGE_BANDS, INDICATOR_BREAKDOWNS, NO_PROGRAM_GROUP, UNKNOWN_GROUP } from '../src/domain/indicators.js';
import { PROGRAMS, RESIDENCE_BASES, SEXES } from '../src/domain/model.js';
import { signIn } from '../src/services/tokens.js';
import { SESSION_COOKIE } from '../src/web/session.js';
import { aFamily, forEachEngine, openTestDb, TEST_STAFF_ISSUER, TODAY, type TestDb } from './helpers.js';

test('every breakdown and breakdown group the indicators use has a Danish term in the glossary', () => {
  assert.deepEqual(Object.keys(INDICATOR_BREAKDOWN_DA).sort(), [...INDICATOR_BREAKDOWNS].sort());
  assert.deepEqual(Object.keys(AGE_BAND_DA).sort(), AGE_BANDS.map((b) => b.id).sort());
  const groups: [keyof typeof INDICATOR_BREAKDOWN_DA, readonly string[]][] = [
    ['sex', [...SEXES, UNKNOWN_GROUP]],
    ['age_band', [...AGE_BANDS.map((b) => b.id), UNKNOWN_GROUP]],
    ['residence_basis', [...RESIDENCE_BASES, UNKNOWN_GROUP]],
    ['program', [...PROGRAMS, NO_PROGRAM_GROUP]],
  ];
  for (const [breakdown, values] of groups)
    for (const g of values) {
      const term = indicatorGroupDa(breakdown, g);
      assert.notEqual(term, g, `${breakdown} group "${g}" has no Danish term`);
    }
  assert.equal(indicatorGroupDa('cohort', '2024'), 'Overtaget 2024');
});

forEachEngine('the analyst and secretariat pages', (engine) => {
  let t: TestDb;
  let app: Awaited<ReturnType<typeof buildApp>>;
  const sessions = new Map<string, string>();
  before(async () => {
    t = await openTestDb(engine);
    app = await buildApp({
      db: t.database.db,
      vault: t.vault,
      engine,
      today: () => TODAY,
      web: { db: t.database.db, vault: t.vault, auth: { rp: null, publicUrl: 'http://localhost:3000' } },
    });
  });
  after(async () => {
    await app.close();
    await t.cleanup();
  });

  /** A session of the role in the municipality, as signing in through the identity provider makes one. */
  const session = async (code: string, role: Role) => {
    const key = `${code}/${role}`;
    if (!sessions.has(key)) {
      const created = await signIn(t.database.db, {
        issuer: TEST_STAFF_ISSUER,
        subject: `web-${code}-${role}`,
        name: `Test ${role} ${code}`,
        municipalityCode: code,
        role,
        hours: 1,
      });
      sessions.set(key, created.token);
    }
    return sessions.get(key)!;
  };
  const get = async (code: string, role: Role, url: string) =>
    app.inject({ url, cookies: { [SESSION_COOKIE]: await session(code, role) } });
  const post = async (code: string, role: Role, url: string, fields: Record<string, string>, csrf?: string) => {
    const token = csrf ?? csrfOf((await get(code, role, '/styring')).body);
    return app.inject({
      method: 'POST',
      url,
      cookies: { [SESSION_COOKIE]: await session(code, role) },
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: token, ...fields }).toString(),
    });
  };
  const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
  /** The hrefs of the main menu. */
  const menu = (html: string) => {
    const nav = /<nav[^>]*aria-label="Hovedmenu"[^>]*>([^]*?)<\/nav>/.exec(html)?.[1] ?? '';
    return [...nav.matchAll(/href="([^"]+)"/g)].map((m) => m[1]);
  };
  /** The text of a table row (tags stripped, whitespace collapsed) with this data attribute. */
  /** The text of the first table row (tags stripped, whitespace collapsed) whose data attributes hold all of these. */
  const row = (html: string, data: Record<string, string>) => {
    for (const m of html.matchAll(/<tr([^>]*)>([^]*?)<\/tr>/g)) {
      const attrs = m[1]!;
      if (Object.entries(data).every(([k, v]) => attrs.includes(` data-${k}="${v}"`))) return text(m[2]!);
    }
    return null;
  };
  const text = (html: string) =>
    html
      .replace(/<[^>]+>/g, ' ')
      .replace(/&amp;/g, '&')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/\s+/g, ' ')
      .replace(/ ([,.)])/g, '$1')
      .trim();
  const year = TODAY.slice(0, 4);

  // ---- The main menu and the start ---------------------------------------------------------

  test("the analyst's menu has Indikatorer, Sammenlign, Styring, Årsrapport and Politik, and no caseworker page", async () => {
    const res = await get('813', 'analyst', '/indikatorer');
    assert.equal(res.statusCode, 200, res.body.slice(0, 500));
    assert.deepEqual(menu(res.body), ['/indikatorer', '/sammenlign', '/styring', '/arsrapport', '/politik']);
  });

  test("the secretariat's menu starts on Styring and has no worklist, household or search link", async () => {
    const res = await get('860', 'secretariat', '/styring');
    assert.equal(res.statusCode, 200, res.body.slice(0, 500));
    assert.deepEqual(menu(res.body), ['/styring', '/indikatorer', '/sammenlign', '/arsrapport', '/politik']);
  });

  test("a caseworker's menu has the worklist, household, search and indicators, but no Styring or Årsrapport", async () => {
    const res = await get('580', 'caseworker', '/');
    assert.equal(res.statusCode, 200);
    assert.deepEqual(menu(res.body), [
      '/',
      '/placering/praktik',
      '/registre',
      '/husstande/ny',
      '/ankomster',
      '/borgere',
      '/kalender',
      '/indikatorer',
      '/sammenlign',
      '/politik',
    ]);
  });

  test('a housing coordinator starts on Boligplacering, sees neither indicators nor Styring in the menu, and is refused both pages', async () => {
    const start = await get('580', 'housing', '/');
    assert.equal(start.statusCode, 302);
    assert.equal(start.headers.location, '/placering/bolig');
    const res = await get('580', 'housing', '/placering/bolig');
    assert.equal(res.statusCode, 200);
    assert.deepEqual(menu(res.body), ['/placering/bolig', '/registre', '/borgere', '/politik']);
    assert.equal((await get('580', 'housing', '/indikatorer')).statusCode, 403);
    assert.equal((await get('580', 'housing', '/styring')).statusCode, 403);
  });

  test('"/" sends the analyst to Indikatorer and the secretariat to Styring instead of an empty start page', async () => {
    const analyst = await get('813', 'analyst', '/');
    assert.equal(analyst.statusCode, 302);
    assert.equal(analyst.headers.location, '/indikatorer');
    const secretariat = await get('860', 'secretariat', '/');
    assert.equal(secretariat.statusCode, 302);
    assert.equal(secretariat.headers.location, '/styring');
  });

  test('the administrator starts on Administration, which links to Styring and Indikatorer', async () => {
    const start = await get('580', 'admin', '/');
    assert.equal(start.statusCode, 302);
    assert.equal(start.headers.location, '/administration');
    const res = await get('580', 'admin', '/administration');
    assert.equal(res.statusCode, 200);
    assert.doesNotMatch(res.body, /\d{6}-\d{4}/, 'no CPR number on the page');
    assert.match(res.body, /href="\/styring"/);
    assert.match(res.body, /href="\/indikatorer"/);
  });

  // ---- Indikatorer ---------------------------------------------------------------------------

  test("the analyst of 813 sees Frederikshavn's youth-education target of 90 % with the policy's sentence", async () => {
    const res = await get('813', 'analyst', `/indikatorer?year=${year}`);
    assert.equal(res.statusCode, 200);
    const youth = row(res.body, { indicator: 'frederikshavn-youth-education-under-25' });
    assert.ok(youth, 'the youth-education indicator has a row');
    assert.match(youth, /90 %/);
    assert.match(youth, /mindst 90 % af unge under 25 år skal gennemføre en ungdomsuddannelse/);
    assert.match(res.body, /<h2 id="egne-maal">Kommunens egne mål<\/h2>/);
    assert.match(res.body, /<h2 id="overholdelse">Overholdelse af reglerne<\/h2>/);
  });

  test('with a family of three every figure is marked "Vises ikke: færre end 5 personer" and no small n is shown', async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/municipalities/813/households',
      headers: {
        authorization: `Bearer ${await session('813', 'caseworker')}`,
      },
      payload: aFamily({ takeoverDate: `${year}-02-01`, arrivalDate: `${year}-02-01` }),
    });
    assert.equal(created.statusCode, 201, created.body);
    for (const q of ['', '&opdeling=sex', '&opdeling=age', '&opdeling=cohort']) {
      const res = await get('813', 'analyst', `/indikatorer?year=${year}${q}`);
      assert.equal(res.statusCode, 200, q);
      assert.match(res.body, /Vises ikke: færre end 5 personer/, q);
      assert.doesNotMatch(text(res.body), /n = [0-4]\b/, `a figure about fewer than 5 is shown (${q})`);
    }
  });

  test('a programme begun before LOV 1654/2024 is called introduktionsprogram today, with its old name beside it; /politik lists both names with their periods', async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/municipalities/580/households',
      headers: { authorization: `Bearer ${await session('580', 'caseworker')}` },
      payload: aFamily({ takeoverDate: '2024-06-01', arrivalDate: '2024-05-20' }),
    });
    assert.equal(created.statusCode, 201, created.body);
    const head = created
      .json<{ members: { personId: string; relation: string }[] }>()
      .members.find((m) => m.relation === 'head')!;
    const page = text((await get('580', 'caseworker', `/borgere/${head.personId}`)).body);
    assert.match(
      page,
      /Program Introduktionsprogram \(ved overtagelsen 01\.06\.2024: selvforsørgelses- og hjemrejseprogram\)/,
    );

    const policy = text((await get('580', 'caseworker', '/politik')).body);
    assert.match(policy, /Programmets navn i loven/);
    assert.match(
      policy,
      /01\.01\.2019 – 31\.12\.2024 .*Selvforsørgelses- og hjemrejseprogram: Selvforsørgelses- og hjemrejseprogram/,
    );
    assert.match(
      policy,
      /Fra 01\.01\.2025 .*Selvforsørgelses- og hjemrejseprogram: Introduktionsprogram .*LOV nr\. 1654 af 30\/12\/2024/,
    );
  });

  test('a not-measurable indicator says so, with its reason', async () => {
    const res = await get('860', 'analyst', `/indikatorer?year=${year}`);
    const gap = row(res.body, { indicator: 'hjorring-equal-labour-market-attachment' });
    assert.ok(gap);
    assert.match(gap, /Kan ikke måles\. Kræver beskæftigelsesfrekvensen/);
  });

  test('a breakdown by sex adds a column per group in Danish', async () => {
    const res = await get('813', 'analyst', `/indikatorer?year=${year}&opdeling=sex`);
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<th scope="col">I alt<\/th>/);
    assert.match(res.body, /<th scope="col">Kvinde<\/th>/);
    assert.match(res.body, /<th scope="col">Mand<\/th>/);
    assert.match(res.body, /<option value="sex" selected>Køn<\/option>/);
    assert.doesNotMatch(res.body, /<th scope="col">(female|male)<\/th>/);
  });

  test('a year or a breakdown the form does not offer is shown as a Danish error summary, not an error page', async () => {
    for (const q of ['year=abc', 'year=1800', `year=${Number(year) + 1}`, 'opdeling=religion']) {
      const res = await get('813', 'analyst', `/indikatorer?${q}`);
      assert.equal(res.statusCode, 400, q);
      assert.match(res.body, /Der er en fejl i formularen/, q);
      assert.match(res.body, /Vælg (et år fra|en opdeling fra listen)/, q);
    }
  });

  test('a caseworker may read the indicators (aggregates); the menu marks the page', async () => {
    const res = await get('580', 'caseworker', '/indikatorer');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<a href="\/indikatorer" class="nav-link current" aria-current="page">/);
  });

  // ---- Sammenlign ----------------------------------------------------------------------------

  test("Sammenlign opens with the user's own municipality chosen and no table until an indicator is chosen", async () => {
    const res = await get('813', 'analyst', '/sammenlign');
    assert.equal(res.statusCode, 200, res.body.slice(0, 500));
    assert.match(res.body, /id="kommune-813" name="kommuner" value="813" checked/);
    assert.doesNotMatch(res.body, /id="kommune-580" name="kommuner" value="580" checked/);
    assert.doesNotMatch(res.body, /id="tabel-sammenligning"/);
    assert.match(res.body, /<optgroup label="Kommunens egne mål">/);
    assert.doesNotMatch(res.body, /value="compliance\.frederikshavn\./, "one municipality's own rule is not offered");
  });

  test('Sammenlign shows 580 and 813 beside Hele landet, with how many municipalities the nation counts', async () => {
    const res = await get(
      '813',
      'analyst',
      `/sammenlign?indikator=barometer-1.2-employment-25-64&kommuner=580,813&year=${year}`,
    );
    assert.equal(res.statusCode, 200, res.body.slice(0, 500));
    const codes = [...res.body.matchAll(/<tr data-code="([^"]+)"/g)].map((m) => m[1]);
    assert.deepEqual(codes, ['580', '813', 'nation']);
    assert.match(row(res.body, { code: '580' }) ?? '', /^Aabenraa/);
    assert.match(row(res.body, { code: '813' }) ?? '', /^Frederikshavn/);
    assert.match(row(res.body, { code: 'nation' }) ?? '', /^Hele landet \d+ kommuner med borgere i Medborger/);
    assert.match(row(res.body, { code: '580' }) ?? '', /Vises ikke: færre end 5 personer/, 'no persons in 580 here');
    // Both boxes stay ticked, the one list sent as "580,813" as well as one box each.
    assert.match(res.body, /value="580" checked/);
    const boxes = await get(
      '813',
      'analyst',
      `/sammenlign?indikator=barometer-1.2-employment-25-64&kommuner=580&kommuner=813`,
    );
    assert.deepEqual(
      [...boxes.body.matchAll(/<tr data-code="([^"]+)"/g)].map((m) => m[1]),
      ['580', '813', 'nation'],
    );
  });

  test("a municipality's own target is shown in its own row only; a national target in every row", async () => {
    const own = await get(
      '813',
      'analyst',
      `/sammenlign?indikator=frederikshavn-youth-education-under-25&kommuner=580,813`,
    );
    assert.equal(own.statusCode, 200);
    assert.match(row(own.body, { code: '813' }) ?? '', /90 %$/);
    assert.match(row(own.body, { code: '580' }) ?? '', /–$/);
    const national = await get(
      '813',
      'analyst',
      `/sammenlign?indikator=refugees-employed-after-3-years&kommuner=580,813`,
    );
    for (const code of ['580', '813', 'nation']) assert.match(row(national.body, { code }) ?? '', /50 %$/, code);
  });

  test('Sammenlign refuses an unknown municipality, none at all, an unknown indicator and a municipal rule, in Danish', async () => {
    const cases: [string, number, RegExp][] = [
      ['indikator=barometer-1.2-employment-25-64&kommuner=999', 400, /Vælg kommuner blandt landets 98 kommuner/],
      ['indikator=barometer-1.2-employment-25-64&kommuner=', 400, /Vælg mindst én kommune/],
      ['indikator=&kommuner=813', 400, /Vælg en indikator/],
      ['indikator=no-such-indicator&kommuner=813', 404, /Indikatoren findes ikke/],
      ['indikator=barometer-1.2-employment-25-64&kommuner=813&year=20x6', 400, /Vælg et år fra/],
    ];
    for (const [q, status, message] of cases) {
      const res = await get('813', 'analyst', `/sammenlign?${q}`);
      assert.equal(res.statusCode, status, q);
      assert.match(res.body, /Der er (en|\d) fejl i formularen/, q);
      assert.match(res.body, message, q);
    }
    const form = await get('580', 'analyst', '/sammenlign');
    assert.doesNotMatch(form.body, /value="compliance\.aabenraa\./, "Aabenraa's own rules are not offered");
    const typed = await get('580', 'analyst', '/sammenlign?indikator=compliance.aabenraa.first-offers-4-weeks.on-time');
    assert.equal(typed.statusCode, 422);
    assert.match(typed.body, /kan ikke sammenlignes på tværs af kommuner/);
  });

  test('a housing coordinator is refused Sammenlign', async () => {
    assert.equal((await get('580', 'housing', '/sammenlign')).statusCode, 403);
  });

  // ---- Styring -------------------------------------------------------------------------------

  test('the secretariat of 860 records the yearly dialogue meeting and sees the obligation become met', async () => {
    const before = await get('860', 'secretariat', '/styring');
    assert.equal(before.statusCode, 200);
    // This year's meeting (last year's, missed, is listed too while it is overdue).
    const thisYear = { rule: 'hjorring.dialogue-meeting', period: `${year}-01-01` };
    const rowBefore = row(before.body, thisYear);
    assert.ok(rowBefore, 'the dialogue meeting is on the worklist');
    assert.match(rowBefore, new RegExp(`31\\.12\\.${year}`));
    assert.doesNotMatch(rowBefore, /Opfyldt/);
    const res = await post(
      '860',
      'secretariat',
      '/styring/haendelser',
      {
        kind: 'meeting',
        date: `${year}-10-02`,
        title: 'Dialogmøde med fagudvalgene',
        body: 'Integrationsrådet',
        published: 'on',
        doc0_title: '',
        doc0_url: '',
        doc1_title: 'Referat',
        doc1_url: 'https://hjoerring.dk/referat-dialogmoede',
      },
      csrfOf(before.body),
    );
    assert.equal(res.statusCode, 303, res.body.slice(0, 1000));
    assert.equal(res.headers.location, '/styring?registreret=haendelse#haendelser');
    const after = await get('860', 'secretariat', '/styring?registreret=haendelse');
    assert.match(after.body, /Hændelsen er registreret\./);
    const rowAfter = row(after.body, thisYear);
    assert.ok(rowAfter);
    assert.match(rowAfter, /Opfyldt/);
    assert.match(rowAfter, new RegExp(`Dialogmøde med fagudvalgene, 02\\.10\\.${year}`));
    assert.match(after.body, /<a href="https:\/\/hjoerring\.dk\/referat-dialogmoede"[^>]*>Referat<\/a>/);
  });

  test('a rejected event is shown again with the Danish error summary and the values typed, and nothing is recorded', async () => {
    const count = async () => (await t.database.db.selectFrom('governance_events').select('id').execute()).length;
    const n = await count();
    const res = await post('860', 'secretariat', '/styring/haendelser', {
      kind: '',
      date: '31.02.2026',
      title: 'Beretning for året',
      doc0_title: 'Beretning',
      doc0_url: 'ftp://example.org/x',
    });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /Der er 3 fejl i formularen/);
    assert.match(res.body, /Vælg art/);
    assert.match(res.body, /Skriv en gyldig dato/);
    assert.match(res.body, /Dokument 1: Skriv en hel adresse, der begynder med https:\/\/ eller http:\/\//);
    assert.match(res.body, /value="Beretning for året"/);
    assert.doesNotMatch(res.body, /[A-Z][a-z]+ (is|must|expected)\b/, 'no English message');
    assert.equal(await count(), n);
  });

  test('an event naming a rule its kind cannot carry out is refused at the kind field, in Danish', async () => {
    const res = await post('860', 'secretariat', '/styring/haendelser', {
      kind: 'report',
      date: `${year}-03-01`,
      title: 'Beretning',
      ruleId: 'hjorring.dialogue-meeting',
    });
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /Denne slags hændelse opfylder ikke den valgte regel/);
  });

  test('in Hjørring a registered case makes a council hearing due the day before its decision date', async () => {
    const page = await get('860', 'secretariat', '/styring');
    assert.match(page.body, /Registrér sag/);
    const res = await post(
      '860',
      'secretariat',
      '/styring/sager',
      { title: 'Ny boligsocial helhedsplan', body: 'Byrådet', decisionDate: `${year}-12-10` },
      csrfOf(page.body),
    );
    assert.equal(res.statusCode, 303, res.body.slice(0, 500));
    const after = await get('860', 'secretariat', '/styring');
    const caseId = /<option value="([0-9a-f-]{36})"[^>]*>Ny boligsocial helhedsplan \(10\.12\.\d{4}\)<\/option>/.exec(
      after.body,
    )?.[1];
    assert.ok(caseId, 'the event form offers the case for a hearing');
    const hearing = row(after.body, { rule: 'hjorring.council-hearings', case: caseId });
    assert.ok(hearing, 'the hearing for the case is on the worklist');
    assert.match(hearing, new RegExp(`Sag: Ny boligsocial helhedsplan, besluttes 10\\.12\\.${year}`));
    assert.match(hearing, new RegExp(`09\\.12\\.${year}`), 'due the day before the decision');
    assert.doesNotMatch(hearing, /Opfyldt/);
    const heard = await post('860', 'secretariat', '/styring/haendelser', {
      kind: 'hearing',
      date: `${year}-11-20`,
      title: 'Høring af Integrationsrådet',
      caseId,
    });
    assert.equal(heard.statusCode, 303, heard.body.slice(0, 500));
    const met = row((await get('860', 'secretariat', '/styring')).body, {
      rule: 'hjorring.council-hearings',
      case: caseId,
    });
    assert.match(met ?? '', /Opfyldt Integrationsrådet høres/);
  });

  test('a case without a decision date is refused with the error summary', async () => {
    const res = await post('860', 'secretariat', '/styring/sager', { title: 'Sag uden dato', decisionDate: '' });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /Udfyld beslutningsdato/);
  });

  test('Aabenraa has no council hearings in its policy: no case form', async () => {
    const res = await get('580', 'secretariat', '/styring');
    assert.equal(res.statusCode, 200);
    assert.doesNotMatch(res.body, /Registrér sag/);
    assert.match(res.body, /Registrér hændelse/);
  });

  test('the analyst sees Styring read-only: no forms, and a posted event is refused', async () => {
    const res = await get('860', 'analyst', '/styring');
    assert.equal(res.statusCode, 200);
    assert.doesNotMatch(res.body, /Registrér hændelse|Registrér sag|method="post" action="\/styring/);
    assert.match(res.body, /Din rolle kan se styringen, men ikke registrere/);
    const refused = await post(
      '860',
      'analyst',
      '/styring/haendelser',
      { kind: 'meeting', date: `${year}-10-02`, title: 'Møde' },
      csrfOf(res.body),
    );
    assert.equal(refused.statusCode, 403);
    assert.match(refused.body, /Ingen adgang/);
  });

  test('a caseworker gets no Styring: no link and a Danish 403 page', async () => {
    const res = await get('860', 'caseworker', '/styring');
    assert.equal(res.statusCode, 403);
    assert.match(res.body, /Din rolle giver ikke adgang/);
    assert.ok(!menu(res.body).includes('/styring'));
  });

  test('a day that is not a date is a Danish error summary on Styring', async () => {
    const res = await get('860', 'secretariat', '/styring?on=2026-02-30');
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /Skriv en gyldig dato/);
  });

  test('an event posted without the CSRF token is refused and not recorded', async () => {
    const count = async () => (await t.database.db.selectFrom('governance_events').select('id').execute()).length;
    const n = await count();
    const res = await post(
      '860',
      'secretariat',
      '/styring/haendelser',
      { kind: 'meeting', date: `${year}-10-02`, title: 'Møde' },
      'forged',
    );
    assert.equal(res.statusCode, 403);
    assert.equal(await count(), n);
  });
});
