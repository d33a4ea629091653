// Issue 9, point 4: the open redirect after sign-in. `returnTo` must be a path of this
// application after every decoding; anything else returns to the start page, and the callback
// never answers 500 (a CR or LF in a Location header used to throw).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { buildApp } from '../src/app.js';
import { safeReturnTo } from '../src/web/return-to.js';
import { forEachEngine, openTestDb, TODAY, type TestDb } from './helpers.js';
import { PUBLIC_URL, signInThroughWeb, stubProvider, type StubProvider } from './web-sign-in-helpers.js';

const ORIGIN = 'https://medborger.example';

/** Every way a browser or proxy may read the value: as written and after each decoding. */
function readings(value: string): string[] {
  const out = [value];
  for (let i = 0; i < 8; i++) {
    let next: string;
    try {
      next = decodeURIComponent(out[out.length - 1]!);
    } catch {
      break;
    }
    if (next === out[out.length - 1]) break;
    out.push(next);
  }
  return out;
}

function assertSafe(input: unknown, output: string): void {
  const why = `${JSON.stringify(input)} → ${JSON.stringify(output)}`;
  assert.match(output, /^\/[\x21-\x7e]*$/, `printable ASCII starting with "/": ${why}`);
  assert.equal(new URL(output, `${ORIGIN}/some/page`).origin, ORIGIN, `stays on this site: ${why}`);
  for (const r of readings(output)) {
    assert.ok(r.startsWith('/') && !r.includes('//'), `no "//" in any reading: ${why}`);
    assert.doesNotMatch(r, /[\p{C}\p{Z}\s\\]/u, `no control, space or backslash in any reading: ${why}`);
  }
  assert.equal(safeReturnTo(output), output, `a safe value is kept as it is: ${why}`);
}

// Pieces attackers combine: slashes and backslashes (raw and encoded), tabs and line breaks,
// Unicode spaces and invisible characters, schemes, hosts, @ and dots.
const PIECES = [
  '/',
  '//',
  '\\',
  '%2F',
  '%2f',
  '%5C',
  '%252F',
  '%25',
  '%',
  '%E3%80%80',
  '%09',
  '%0A',
  '%0D',
  '%00',
  '%C0%AF',
  '\t',
  '\n',
  '\r',
  ' ',
  '\u3000',
  '\u00a0',
  '\u200b',
  '\u2028',
  '\u202e',
  '\ufeff',
  '\u0085',
  'evil.example',
  'http:',
  'https://evil.example',
  'javascript:alert(1)',
  '@',
  '.',
  '..',
  ':',
  '?',
  '#',
  '&',
  '=',
  'borgere',
  'q=al',
  'ø',
  'Set-Cookie: a=b',
];

describe('returnTo after sign-in (safeReturnTo)', () => {
  test("the issue's redirects lead to the start page: tab, line feed, CR LF with a header, ideographic space", () => {
    for (const evil of [
      '/\t/evil.example',
      '/\n/x',
      '/\r\nSet-Cookie: medborger=1',
      '/\u3000/x',
      '//evil.example',
      '/\\evil.example',
      '/%2F/evil.example',
      '/%5Cevil.example',
      'https://evil.example/',
      '/%09/evil.example',
    ]) {
      assert.equal(safeReturnTo(evil), '/', JSON.stringify(evil));
    }
  });

  test('a path of this application is kept, with its query', () => {
    for (const ok of [
      '/',
      '/borgere?q=al',
      '/borgere/3f8c2a1e-0000-4000-8000-000000000000',
      '/?contactPerson=all&status=overdue',
      '/borgere?q=S%C3%B8ren',
    ]) {
      assert.equal(safeReturnTo(ok), ok);
    }
    assert.equal(
      safeReturnTo('/borgere?q=Søren'),
      '/borgere?q=S%C3%B8ren',
      'a raw letter outside ASCII is percent-encoded, so the Location header is valid',
    );
  });

  test('anything that is not a string of a sensible length leads to the start page', () => {
    for (const v of [undefined, null, 42, ['/a', '/b'], { a: 1 }, '', `/${'a'.repeat(3000)}`, '/%E0%A4%A', '/%'])
      assert.equal(safeReturnTo(v), '/');
  });

  test('property: whatever it is given, the result is a local path in every reading (no open redirect, no header injection)', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 60 }),
          fc.array(fc.constantFrom(...PIECES), { maxLength: 8 }).map((parts) => parts.join('')),
          fc
            .array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ unit: 'grapheme', maxLength: 4 })), {
              maxLength: 8,
            })
            .map((parts) => `/${parts.join('')}`),
        ),
        (input) => {
          assertSafe(input, safeReturnTo(input));
        },
      ),
      { numRuns: 20_000 },
    );
  });
});

forEachEngine('returnTo through sign-in', (engine) => {
  let t: TestDb;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let idp: StubProvider;
  before(async () => {
    t = await openTestDb(engine);
    idp = stubProvider();
    app = await buildApp({
      db: t.database.db,
      vault: t.vault,
      engine,
      today: () => TODAY,
      web: { db: t.database.db, vault: t.vault, auth: { rp: idp.rp, publicUrl: PUBLIC_URL } },
    });
    idp.next = {
      issuer: 'https://idp.test.example',
      subject: 'return-to-tester',
      name: 'Rikke Returnerer',
      municipalityCode: '580',
      role: 'caseworker',
    };
  });
  after(async () => {
    await app.close();
    await t.cleanup();
  });

  test('sign-in with returnTo=/%09/evil.example (and the other redirects of the issue) ends on the start page, never on another site and never with a 500', async () => {
    const attacks = [
      '/%09/evil.example',
      '/%0A/x',
      '/%0D%0ASet-Cookie:%20medborger=1',
      '/%E3%80%80/x',
      '//evil.example',
      '/%5Cevil.example',
      '/%252F/evil.example',
      'https:%2F%2Fevil.example',
    ];
    for (const attack of attacks) {
      const r = await signInThroughWeb(app, attack);
      assert.equal(r.loginStatus, 302, `${attack}: /login`);
      assert.equal(r.callbackStatus, 302, `${attack}: the callback redirects (never 500)`);
      assert.equal(r.location, '/', `${attack}: back to the start page`);
      assert.ok(r.session, `${attack}: signed in`);
    }
    // …while a path of this application still survives sign-in.
    const local = await signInThroughWeb(app, encodeURIComponent('/borgere?q=al'));
    assert.equal(local.callbackStatus, 302);
    assert.equal(local.location, '/borgere?q=al');
  });

  test('the callback checks returnTo again: a pending login that carries /\\t/evil.example still lands on the start page', async () => {
    idp.storeReturnTo = '/\t/evil.example';
    try {
      const r = await signInThroughWeb(app, null);
      assert.equal(r.callbackStatus, 302);
      assert.equal(r.location, '/');
    } finally {
      delete idp.storeReturnTo;
    }
  });
});
