// A CPR number in a search criterion is searched as one and never stored, logged or echoed in
// clear: any run of ten digits, with or without space, dot, dash or slash; a name beside it
// narrows the search. Server log lines mask CPR-like runs too.
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import { sql } from 'kysely';
import { findCprInText, maskCprInText } from '../src/domain/cpr.js';
import { buildApp } from '../src/app.js';
import { cprSafeLogger } from '../src/http/log-options.js';
import { aFamily, auth, forEachEngine, openTestApp, TODAY, type TestApp } from './helpers.js';

const M = '/api/v1/municipalities/580';

test('any ten digits with or without separators are found as a CPR number and masked', () => {
  fc.assert(
    fc.property(
      fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 10, maxLength: 10 }),
      fc.array(fc.constantFrom('', ' ', '.', '-', '/'), { minLength: 9, maxLength: 9 }),
      fc.constantFrom('', 'Senay ', 'Amal Haddad '),
      (digits, seps, name) => {
        const raw = digits.map((d, i) => `${d}${i < 9 ? seps[i] : ''}`).join('');
        const found = findCprInText(`${name}${raw}`);
        assert.equal(found.found.length, 1, raw);
        assert.equal(found.found[0]!.normalized, digits.join(''));
        assert.equal(found.rest, name.trim());
        const masked = maskCprInText(`${name}${raw}`);
        assert.ok(
          !masked.replace(/[^0-9]/g, '').includes(digits.slice(6).join('')) ||
            digits.slice(0, 6).join('').includes(digits.slice(6).join('')),
          masked,
        );
        assert.ok(masked.includes(`${digits.slice(0, 6).join('')}-xxxx`), masked);
      },
    ),
    { numRuns: 500 },
  );
});

forEachEngine('CPR numbers in search criteria', (engine) => {
  let t: TestApp;
  let caseworker: string;
  let head: string;
  const CPR = '050162-2809';

  before(async () => {
    t = await openTestApp(engine);
    caseworker = await t.token('580', 'caseworker');
    const family = aFamily();
    family.members[0] = {
      ...family.members[0]!,
      givenName: 'Senay',
      familyName: 'Tesfay',
      birthDate: '1962-01-05',
      cpr: CPR,
    };
    for (const m of family.members.slice(1)) m.familyName = 'Tesfay';
    const res = await t.app.inject({
      method: 'POST',
      url: `${M}/households`,
      headers: auth(caseworker),
      payload: family,
    });
    assert.equal(res.statusCode, 201, res.body);
    head = res.json<{ members: { personId: string }[] }>().members[0]!.personId;
  });
  after(async () => {
    await t.close();
  });

  const lastId = async () =>
    (await sql<{ max: string }>`select coalesce(max(id), 0)::text as max from access_log`.execute(t.database.db))
      .rows[0]!.max;

  for (const query of [
    '050162 2809',
    'Senay 050162-2809',
    '050162.2809',
    '0501622809',
    '050162/2809',
    '05 01 62 28 09',
  ]) {
    test(`"${query}" is searched as the CPR number and stored masked in the access log`, async () => {
      const before = await lastId();
      const res = await t.app.inject({
        url: `${M}/persons?query=${encodeURIComponent(query)}`,
        headers: auth(caseworker),
      });
      assert.equal(res.statusCode, 200, res.body);
      const results = res.json<{ results: { id: string }[] }>().results;
      assert.deepEqual(
        results.map((r) => r.id),
        [head],
      );
      assert.doesNotMatch(res.body, /2809/, 'the answer does not echo the serial');
      const rows = (
        await sql<{ criterion: string }>`select criterion from access_log where id > ${before}::bigint`.execute(
          t.database.db,
        )
      ).rows;
      assert.ok(rows.length > 0);
      for (const r of rows) {
        assert.doesNotMatch(r.criterion, /2809/, r.criterion);
        assert.match(r.criterion, /^CPR 050162-xxxx/);
      }
    });
  }

  test('a name beside the CPR number narrows the search: another name finds nobody', async () => {
    const res = await t.app.inject({
      url: `${M}/persons?query=${encodeURIComponent('Amal 050162-2809')}`,
      headers: auth(caseworker),
    });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json<{ results: unknown[] }>().results, []);
  });

  test('a CPR number with an impossible date is refused without echoing it', async () => {
    const res = await t.app.inject({
      url: `${M}/persons?query=${encodeURIComponent('310290 1234')}`,
      headers: auth(caseworker),
    });
    assert.equal(res.statusCode, 422);
    assert.doesNotMatch(res.body, /1234/);
  });

  test('more digits than a CPR number are refused, and neither stored nor echoed', async () => {
    const before = await lastId();
    const res = await t.app.inject({
      url: `${M}/persons?query=${encodeURIComponent('0501622809123')}`,
      headers: auth(caseworker),
    });
    assert.equal(res.statusCode, 422);
    assert.doesNotMatch(res.body, /2809/);
    assert.equal(await lastId(), before);
  });

  test('server log lines mask a CPR number wherever it appears (URL path, error message)', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const app = await buildApp({
      db: t.database.db,
      vault: t.vault,
      engine,
      today: () => TODAY,
      logger: cprSafeLogger('debug', stream),
    });
    try {
      await app.inject({ url: `${M}/persons/0501622809`, headers: auth(caseworker) });
      app.log.error(new Error('lookup failed for 050162-2809'), 'person 050162 2809 not found');
      app.log.info({ query: 'Senay 050162.2809' }, 'search');
    } finally {
      await app.close();
    }
    const text = lines.join('');
    assert.ok(text.length > 0, 'something was logged');
    assert.doesNotMatch(text, /2809/, text.slice(0, 500));
    assert.match(text, /050162-xxxx/);
  });
});
