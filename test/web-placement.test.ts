// The placement pages over HTTP (no browser): who may open which kind, a run from the form, a
// decision refused per proposal on a stale page (409, in Danish), a re-run with a forbidden pair
// and the difference to the previous draft, and the drawing of the towns. Signed in with a session
// per role (as the identity provider's sign-in makes one) on the demo population of Aabenraa.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { buildApp } from '../src/app.js';
import type { Role } from '../src/domain/authorization.js';
import { seedDemo } from '../src/demo/seed.js';
import { signIn } from '../src/services/tokens.js';
import { SESSION_COOKIE } from '../src/web/session.js';
import { forEachEngine, openTestDb, TEST_STAFF_ISSUER, TODAY, type TestDb } from './helpers.js';

forEachEngine('the placement pages', (engine) => {
  let t: TestDb;
  let app: Awaited<ReturnType<typeof buildApp>>;
  const sessions = new Map<string, string>();
  before(async () => {
    t = await openTestDb(engine);
    await seedDemo(t.database.db, t.vault, { today: TODAY });
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

  const session = async (role: Role) => {
    if (!sessions.has(role)) {
      const created = await signIn(t.database.db, {
        issuer: TEST_STAFF_ISSUER,
        subject: `web-placement-${role}`,
        name: `Test ${role}`,
        municipalityCode: '580',
        role,
        hours: 1,
      });
      sessions.set(role, created.token);
    }
    return sessions.get(role) ?? '';
  };
  const get = async (role: Role, url: string) =>
    app.inject({ url, cookies: { [SESSION_COOKIE]: await session(role) } });
  const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
  const post = async (role: Role, url: string, fields: [string, string][]) => {
    const csrf = csrfOf((await get(role, '/politik')).body);
    return app.inject({
      method: 'POST',
      url,
      cookies: { [SESSION_COOKIE]: await session(role) },
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams([['_csrf', csrf], ...fields]).toString(),
    });
  };
  const run = async (role: Role, path: string) => {
    const res = await post(role, path, [['date', TODAY]]);
    assert.equal(res.statusCode, 303, res.body.slice(0, 500));
    return String(res.headers.location);
  };
  const proposalIds = (html: string) =>
    [...html.matchAll(/name="accept" value="([0-9a-f-]{36})"/g)].map((m) => m[1] ?? '');

  test('each placing role opens its own kinds and is refused the others', async () => {
    const allowed: [Role, string[], string[]][] = [
      ['housing', ['/placering/bolig'], ['/placering/dagtilbud', '/placering/praktik', '/placering/mentorer']],
      ['institution', ['/placering/dagtilbud', '/placering/skole'], ['/placering/bolig', '/placering/mentorer']],
      ['company_consultant', ['/placering/praktik'], ['/placering/bolig', '/placering/skole']],
      ['volunteer_coordinator', ['/placering/mentorer'], ['/placering/bolig', '/placering/praktik']],
      ['analyst', [], ['/placering/bolig', '/placering/praktik']],
      ['admin', [], ['/placering/bolig', '/placering/mentorer']],
    ];
    for (const [role, yes, no] of allowed) {
      for (const url of yes) assert.equal((await get(role, url)).statusCode, 200, `${role} ${url}`);
      for (const url of no) {
        const res = await get(role, url);
        assert.equal(res.statusCode, 403, `${role} ${url}`);
        assert.match(res.body, /<html lang="da">/);
      }
    }
  });

  test('a round dated outside the plausible window (year 100, year 9999) is refused at the date field, never a 500', async () => {
    for (const date of ['0100-01-01', '9999-12-31']) {
      const res = await post('institution', '/placering/dagtilbud', [['date', date]]);
      assert.equal(res.statusCode, 422, `${date}: ${res.body.slice(0, 300)}`);
      assert.match(res.body, /Skriv en gyldig dato fra 1990 til 2100/);
    }
  });

  test('the start page shows the weights with the policy defaults and their sources', async () => {
    const res = await get('housing', '/placering/bolig');
    assert.match(res.body, /Politikkens vægt/);
    assert.match(res.body, /aabenraa-2020\.md/);
    assert.match(res.body, /Husstande i runden/);
    assert.match(res.body, /name="weight-transport" value="3"/);
  });

  test('a changed weight is run as a what-if and shown beside the policy weight', async () => {
    const res = await post('housing', '/placering/bolig', [
      ['date', TODAY],
      ['weight-transport', '10'],
    ]);
    assert.equal(res.statusCode, 303, res.body.slice(0, 500));
    const plan = await get('housing', String(res.headers.location));
    assert.match(plan.body, /Offentlig transport: 10 \(politikkens vægt: 3\)/);
    const bad = await post('housing', '/placering/bolig', [
      ['date', TODAY],
      ['weight-transport', 'meget'],
    ]);
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /Vægten for Offentlig transport skal være et tal fra 0 til 1000/);
  });

  const etagOf = (html: string) => (/name="etag" value="([^"]*)"/.exec(html)?.[1] ?? '').replace(/&quot;/g, '"');

  test('a stale page: a decision on a draft superseded since is refused, and nothing is changed', async () => {
    const first = await run('housing', '/placering/bolig');
    const page = await get('housing', first);
    const ids = proposalIds(page.body);
    assert.ok(ids.length >= 2);
    await run('housing', '/placering/bolig'); // supersedes the first draft
    const res = await post('housing', `${first}/beslutning`, [
      ['etag', etagOf(page.body)],
      ['decision', 'selected'],
      ['accept', ids[0] ?? ''],
    ]);
    assert.equal(res.statusCode, 412, res.body.slice(0, 300));
    assert.match(res.body, /Oplysningerne er ændret, siden du åbnede siden/);
  });

  test('forbidding a pair and running again shows who got a different option', async () => {
    const first = await run('housing', '/placering/bolig');
    const page = await get('housing', first);
    const ids = proposalIds(page.body);
    const res = await post('housing', `${first}/koer-igen`, [[`pair-${ids[0] ?? ''}`, 'forbid']]);
    assert.equal(res.statusCode, 303, res.body.slice(0, 500));
    const next = String(res.headers.location);
    assert.match(next, new RegExp(`\\?forrige=${first.split('/').pop() ?? ''}$`));
    const diff = await get('housing', next);
    assert.match(diff.body, /Forskel fra det forrige udkast/);
    const section = /<section aria-labelledby="forskelle">([^]*?)<\/section>/.exec(diff.body)?.[1] ?? '';
    assert.match(section, /<li>[^<]+: [^<]+ → <strong>/, `an agent with its old and new option: ${section}`);
    assert.match(diff.body, /Planen har allerede 1 udelukkede par/);
  });

  test('the plan is drawn on the towns without map tiles, and an accepted pair is partly accepted', async () => {
    const planUrl = await run('housing', '/placering/bolig');
    const page = await get('housing', planUrl);
    assert.match(page.body, /<svg[^>]+role="img"/);
    assert.match(page.body, /<circle /);
    assert.doesNotMatch(page.body, /tile|openstreetmap/i);
    const etag = etagOf(page.body);
    const ids = proposalIds(page.body);
    const res = await post('housing', `${planUrl}/beslutning`, [
      ['etag', etag],
      ['decision', 'selected'],
      ['accept', ids[0] ?? ''],
    ]);
    assert.equal(res.statusCode, 303, res.body.slice(0, 500));
    const after = await get('housing', planUrl);
    assert.match(after.body, /Status: <strong>Delvist godkendt<\/strong>/);
    const none = await post('housing', `${planUrl}/beslutning`, [
      ['etag', etag],
      ['decision', 'selected'],
    ]);
    assert.equal(none.statusCode, 422);
    assert.match(none.body, /Vælg de forslag, der skal godkendes eller afvises/);
  });

  test('a plan of a kind the role may not run is refused', async () => {
    const planUrl = await run('housing', '/placering/bolig');
    assert.equal((await get('company_consultant', planUrl)).statusCode, 403);
    assert.equal((await get('analyst', planUrl)).statusCode, 403);
    assert.equal((await get('housing', '/placering/planer/not-a-uuid')).statusCode, 404);
  });
  test('proposals whose units another plan has let since are refused each with its conflict, in Danish (409)', async () => {
    // Plan 1, partly accepted (so that a newer run does not supersede it), then plan 2 accepted whole:
    // the households and units plan 1 still proposes are taken.
    const one = await run('housing', '/placering/bolig');
    const page1 = await get('housing', one);
    const ids1 = proposalIds(page1.body);
    assert.ok(ids1.length >= 3);
    const partly = await post('housing', `${one}/beslutning`, [
      ['etag', etagOf(page1.body)],
      ['decision', 'selected'],
      ['accept', ids1[0] ?? ''],
    ]);
    assert.equal(partly.statusCode, 303, partly.body.slice(0, 300));
    const two = await run('housing', '/placering/bolig');
    const page2 = await get('housing', two);
    const whole = await post('housing', `${two}/beslutning`, [
      ['etag', etagOf(page2.body)],
      ['decision', 'all'],
    ]);
    assert.equal(whole.statusCode, 303, whole.body.slice(0, 300));
    const again = await get('housing', one);
    const rest = proposalIds(again.body);
    assert.ok(rest.length >= 1, 'plan 1 still has open proposals');
    const res = await post('housing', `${one}/beslutning`, [
      ['etag', etagOf(again.body)],
      ['decision', 'all'],
    ]);
    assert.equal(res.statusCode, 409, res.body.slice(0, 300));
    assert.match(res.body, /Nogle forslag kan ikke længere godkendes eller afvises/);
    assert.match(
      res.body,
      /Kan ikke godkendes[^]*(Husstanden har allerede en permanent bolig|Boligen er reserveret eller udlejet)/,
    );
    assert.ok((res.body.match(/Kan ikke godkendes/g) ?? []).length >= 1, 'a conflict is shown at its proposal');
    assert.match((await get('housing', one)).body, /Status: <strong>Delvist godkendt<\/strong>/, 'nothing changed');
  });
});
