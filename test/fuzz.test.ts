// Generated bad input on every route. Whatever arrives (any JSON, mutations of a valid body,
// malformed JSON text, wrong content types, arbitrary path ids, query strings and headers, no or
// forged tokens), the API answers with success or with a client error as RFC 9457 problem
// details: never a 5xx, never Fastify's own error JSON, never a stack trace. Alongside, a few
// invariants that must hold for any input: no success without a valid token, and no success on
// another municipality's data. And requests racing to create the same record (PostgreSQL runs
// them in parallel) must lose with a 4xx problem, not a 5xx. FUZZ_RUNS=n multiplies the runs.
import assert from 'node:assert/strict';
import { REGISTRY_KINDS } from '../src/domain/registries.js';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import { sql } from 'kysely';
import { buildApp } from '../src/app.js';
import { PLACEMENT_CRITERIA } from '../src/policy/schema.js';
import { PLAN_KINDS } from '../src/services/placement.js';
import { createToken } from '../src/services/tokens.js';
import { SESSION_COOKIE } from '../src/web/session.js';
import { aFamily, auth, forEachEngine, openTestApp, TODAY, type TestApp } from './helpers.js';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
type AuthKind =
  | 'caseworker580'
  | 'admin580'
  | 'citizen580'
  | 'analyst580'
  | 'teamlead580'
  | 'caseworker813'
  | 'none'
  | 'forged'
  | 'garbage';
type TokenKind = 'caseworker580' | 'admin580' | 'citizen580' | 'analyst580' | 'teamlead580' | 'caseworker813';

interface Req {
  method: Method;
  url: string;
  headers: Record<string, string>;
  payload?: string;
  authKind: AuthKind;
  /** The municipality code and person id the path names (decoded), when it names them. */
  code?: string;
  id?: string;
}

interface Fixtures {
  tokens: Record<TokenKind, string>;
  head580: string;
  spouse580: string;
  child580: string;
  head813: string;
  caseworker580UserId: string;
  caseworker813UserId: string;
  daycare580: string;
  school580: string;
  /** Placement plans (a housing draft) of each municipality. */
  plan580: string;
  plan813: string;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

// ---- Generators ------------------------------------------------------------------------------

/** Characters an HTTP header value can carry (what Node itself would send). */
const headerChar = fc
  .oneof(
    { weight: 8, arbitrary: fc.integer({ min: 0x20, max: 0x7e }) },
    { weight: 2, arbitrary: fc.integer({ min: 0x80, max: 0xff }) },
    { weight: 1, arbitrary: fc.constant(0x09) },
  )
  .map((c) => String.fromCharCode(c));
const headerText = fc.string({ unit: headerChar, maxLength: 40 });

const CONTROL_CHARS = [
  '\u0000',
  '\u0001',
  '\u0007',
  '\u0008',
  '\t',
  '\n',
  '\u000b',
  '\u000c',
  '\r',
  '\u001b',
  '\u001f',
  '\u007f',
  '\u0085',
  '\u2028',
  '\u2029',
  '\ufeff',
  '\ud800',
  '\udfff',
];
const controlText = fc.string({
  unit: fc.oneof(fc.constantFrom(...CONTROL_CHARS), fc.constantFrom('a', 'Ø', ' ', '😀')),
  minLength: 1,
  maxLength: 12,
});

const hugeString = fc
  .tuple(
    fc.constantFrom(201, 1_001, 5_001, 10_001, 100_000, 600_000),
    fc.constantFrom('x', 'é', '\u0000', '😀', ' ', '%'),
  )
  .map(([n, c]) => c.repeat(n));

const pad = (n: number, w: number) => String(n).padStart(w, '0');
const dateLike = fc.oneof(
  fc.constantFrom(
    '2025-02-30',
    '2025-02-29',
    '2024-02-29',
    '2023-02-29',
    '1900-02-29',
    '2000-02-29',
    '2025-04-31',
    '2025-13-01',
    '2025-00-10',
    '2025-01-00',
    '2025-01-32',
    '0000-01-01',
    '0001-01-01',
    '0099-12-31',
    '0100-01-01',
    '1000-01-01',
    '1895-01-01',
    '9999-12-31',
    '10000-01-01',
    '+2025-01-01',
    '-2025-01-01',
    '2025-1-1',
    '2025-01-01T00:00:00Z',
    '2025-01-01 ',
    ' 2025-01-01',
    '20250101',
    '01-01-2025',
    '2025/01/01',
    '2026-11-23',
    '2026-11-24',
    '1990-01-01',
    '2018-09-30',
    '2018-09-29',
    '1970-01-01',
    '2025-03-01',
  ),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
  fc
    .tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }))
    .map(([y, m, d]) => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`),
);

const enumish = fc.constantFrom(
  'head',
  'spouse',
  'child',
  'other',
  'female',
  'male',
  'daycare',
  'school',
  'sfo',
  'reception_class',
  'employment',
  'education',
  'general',
  'focused',
  'special',
  'contract',
  'yearly',
  'family',
  'danish_education',
  'igu',
  'company_internship',
  'contract_follow_up',
  'visitation',
  'citizen',
  'admin',
  'caseworker',
  'team_lead',
  'analyst',
  'institution',
  'introduction',
  'self_support_and_return',
  'quota_refugee',
  'spontaneous_refugee',
  'HEAD',
  'Female',
  'SY',
  'sy',
  'ar',
  'AR',
  'prs',
  'xxxx',
  '010190-1234',
  '010190-ABCD',
  '610190-1234',
  '310290-1234',
  '0101901234',
);

const numberish = fc.oneof(
  fc.constantFrom(
    0,
    -0,
    -1,
    -0.5,
    0.5,
    0.25,
    0.1,
    0.30000000000000004,
    1.5,
    29.999,
    59.5,
    60,
    60.5,
    61,
    365,
    366,
    1e21,
    -1e21,
    1e308,
    -1e308,
    Number.MAX_SAFE_INTEGER,
    Number.MAX_SAFE_INTEGER + 2,
    Number.MIN_VALUE,
    Number.EPSILON,
  ),
  fc.integer(),
  fc.double(), // NaN and ±Infinity become null in JSON
);

/** A value of the wrong type or shape, or a right-typed value at or beyond a limit. */
function badValue(f: Fixtures) {
  return fc.oneof(
    fc.constantFrom<Json>(
      null,
      true,
      false,
      '',
      ' ',
      'a\u0000b',
      '\u0000',
      'x\ny',
      'x\r\ny',
      '\t',
      '\u2028',
      '\ud800',
      '\ufeff',
      '"',
      '\\',
      '%',
      '_',
      '{}',
      '[]',
      'null',
    ),
    numberish,
    dateLike,
    enumish,
    controlText,
    hugeString,
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.constantFrom(
      f.head580,
      f.child580,
      f.head813,
      f.caseworker580UserId,
      f.caseworker813UserId,
      f.daycare580,
      f.school580,
      '00000000-0000-0000-0000-000000000000',
      'ffffffff-ffff-ffff-ffff-ffffffffffff',
      f.head580.toUpperCase(),
    ),
    fc.uuid(),
    fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 4 }),
    fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }),
  ) as fc.Arbitrary<Json>;
}

const extraKey = fc.oneof(
  fc.constantFrom(
    '__proto__',
    'constructor',
    'prototype',
    'toString',
    'id',
    'version',
    'municipalityCode',
    'municipality_code',
    'synthetic',
    'role',
    'stack',
    '',
  ),
  fc.string({ maxLength: 10 }),
);

function clone<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

/** Every path into a JSON value (objects and arrays), the root excluded. */
function pathsOf(v: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(v)) return v.flatMap((x, i) => [[...prefix, i], ...pathsOf(x, [...prefix, i])]);
  if (v !== null && typeof v === 'object')
    return Object.entries(v).flatMap(([k, x]) => [[...prefix, k], ...pathsOf(x, [...prefix, k])]);
  return [];
}

function defineOwn(target: object, key: string | number, value: unknown) {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function parentOf(root: unknown, path: (string | number)[]): Record<string | number, unknown> | null {
  let node: unknown = root;
  for (const key of path.slice(0, -1)) {
    if (node === null || typeof node !== 'object') return null;
    node = (node as Record<string | number, unknown>)[key];
  }
  return node !== null && typeof node === 'object' ? (node as Record<string | number, unknown>) : null;
}

type Mutation = (body: unknown) => unknown;

const validDate = fc
  .date({ min: new Date('1880-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

/** A value of the same type as the valid one, often valid on its own, to reach the services' own checks. */
function plausibleFor(v: unknown, f: Fixtures): fc.Arbitrary<unknown> {
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v))
    return fc.oneof({ weight: 3, arbitrary: validDate }, { weight: 1, arbitrary: dateLike });
  if (typeof v === 'string' && /^[0-9a-f]{8}-/.test(v))
    return fc.oneof(
      fc.constantFrom(
        f.head580,
        f.spouse580,
        f.child580,
        f.head813,
        f.caseworker580UserId,
        f.caseworker813UserId,
        f.daycare580,
        f.school580,
      ),
      fc.uuid(),
    );
  if (typeof v === 'string') return fc.oneof(enumish, fc.string({ unit: 'binary', maxLength: 30 }), controlText);
  if (typeof v === 'number')
    return fc.oneof(
      { weight: 3, arbitrary: fc.integer({ min: -2, max: 130 }).map((n) => n / 2) },
      { weight: 1, arbitrary: numberish },
    );
  if (typeof v === 'boolean') return fc.boolean();
  if (Array.isArray(v)) return fc.array(fc.oneof(enumish, fc.string({ maxLength: 4 })), { maxLength: 12 });
  if (v === null) return fc.oneof(validDate, fc.constant(null), fc.uuid());
  return badValue(f);
}

function valueAt(root: unknown, path: (string | number)[]): unknown {
  let node = root;
  for (const key of path)
    node = node !== null && typeof node === 'object' ? (node as Record<string | number, unknown>)[key] : undefined;
  return node;
}

/** One to three mutations of a valid body: wrong values, missing and extra fields, wrong shapes. */
function mutated(valid: Json, extraFields: string[], f: Fixtures): fc.Arbitrary<unknown> {
  const paths = [...pathsOf(valid), ...extraFields.map((k) => [k])];
  const pathArb = fc.constantFrom(...paths);
  const set =
    ([path, value]: [(string | number)[], unknown]): Mutation =>
    (body) => {
      const parent = parentOf(body, path);
      if (parent) defineOwn(parent, path[path.length - 1]!, value);
      return body;
    };
  const one: fc.Arbitrary<Mutation> = fc.oneof(
    {
      weight: 5,
      arbitrary: pathArb.chain((path) => plausibleFor(valueAt(valid, path), f).map((value) => set([path, value]))),
    },
    {
      weight: 5,
      arbitrary: fc.tuple(pathArb, badValue(f)).map(([path, value]): Mutation => (body) => {
        const parent = parentOf(body, path);
        if (parent) defineOwn(parent, path[path.length - 1]!, value);
        return body;
      }),
    },
    {
      weight: 2,
      arbitrary: pathArb.map((path): Mutation => (body) => {
        const parent = parentOf(body, path);
        if (parent && !Array.isArray(parent)) Reflect.deleteProperty(parent, path[path.length - 1]!);
        return body;
      }),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(
          fc.constantFrom<(string | number)[]>([], ...paths.filter((p) => p.length > 0)),
          extraKey,
          fc.jsonValue({ maxDepth: 2 }),
        )
        .map(([path, key, value]): Mutation => (body) => {
          const target = path.length === 0 ? body : (parentOf(body, [...path, '_']) as unknown);
          if (target !== null && typeof target === 'object' && !Array.isArray(target)) defineOwn(target, key, value);
          return body;
        }),
    },
    { weight: 1, arbitrary: fc.constant<Mutation>((body) => [body]) },
    {
      weight: 1,
      arbitrary: fc.constant<Mutation>((body) =>
        body !== null && typeof body === 'object' ? Object.values(body) : body,
      ),
    },
    { weight: 1, arbitrary: fc.constant<Mutation>((body) => JSON.stringify(body)) },
  );
  const some = fc.oneof(
    { weight: 3, arbitrary: fc.tuple(one) },
    { weight: 1, arbitrary: fc.array(one, { minLength: 2, maxLength: 3 }) },
  );
  return some.map((ms) => ms.reduce<unknown>((body, m) => m(body), clone(valid)));
}

const WRONG_CONTENT_TYPES = [
  'text/plain',
  'text/plain; charset=utf-8',
  'application/xml',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/json; charset=utf-16',
  'application/json; charset=latin1',
  'application/json;;',
  'application/problem+json',
  'APPLICATION/JSON',
  'application/json-seq',
  'application/octet-stream',
  '*/*',
  ';;;',
  'json',
  'application/',
  'application/json, text/plain',
];

interface Body {
  contentType?: string;
  payload?: string;
}

const malformedJson = (valid: Json) =>
  fc.oneof(
    fc.constantFrom(
      '{',
      '[',
      '{"a":}',
      "{'a':1}",
      'NaN',
      'undefined',
      '{"a":1,}',
      '\u0000',
      '\ufeff{}',
      '{}}',
      '[]]',
      '"',
      '{"a":"\u0000"}',
      '{"__proto__":{"isAdmin":true}}',
      '{"constructor":{"prototype":{"isAdmin":true}}}',
      '{"a":1,"a":2}',
      '1e999',
      '-',
      '0x10',
      '['.repeat(5_000) + ']'.repeat(5_000),
      '{"a":'.repeat(2_000) + '1' + '}'.repeat(2_000),
      ' \n\t ',
      '\u00a0{}',
    ),
    fc.integer({ min: 0, max: JSON.stringify(valid).length - 1 }).map((n) => JSON.stringify(valid).slice(0, n)),
    fc.string({ unit: 'binary', maxLength: 60 }),
  );

function bodyArb(valid: Json, extraFields: string[], f: Fixtures): fc.Arbitrary<Body> {
  // A mutation may leave no value at all, which JSON.stringify would turn into undefined (its declared type says string).
  const json = (v: unknown): Body => ({
    contentType: 'application/json',
    payload: v === undefined ? 'null' : JSON.stringify(v),
  });
  return fc.oneof(
    { weight: 10, arbitrary: mutated(valid, extraFields, f).map(json) },
    { weight: 2, arbitrary: fc.jsonValue().map(json) },
    { weight: 1, arbitrary: fc.anything().map(json) },
    { weight: 3, arbitrary: fc.constant(valid).map(json) },
    { weight: 2, arbitrary: malformedJson(valid).map((payload) => ({ contentType: 'application/json', payload })) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(
          fc.constantFrom(...WRONG_CONTENT_TYPES),
          fc.oneof(fc.constant(JSON.stringify(valid)), fc.string({ maxLength: 40 })),
        )
        .map(([contentType, payload]) => ({ contentType, payload })),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom<Body>(
        {},
        { payload: JSON.stringify(valid) },
        { contentType: 'application/json' },
        { contentType: 'application/json', payload: '' },
      ),
    },
  );
}

function wellFormed(s: string): string {
  return s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}
const enc = (s: string) => encodeURIComponent(wellFormed(s));

/** A path segment from arbitrary text, well-formed percent-encoded and within Fastify's 100-character parameter limit. */
const pathText = fc
  .string({ unit: 'binary', maxLength: 12 })
  .map(enc)
  .filter((s) => s.length <= 100);

const codeArb = fc.oneof(
  { weight: 24, arbitrary: fc.constant('580') },
  { weight: 2, arbitrary: fc.constant('813') },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '999',
      '000',
      '58',
      '5800',
      'abc',
      '%20580',
      '58%30',
      '%35%38%30',
      '580%00',
      '+580',
      '-58',
      '5.8',
      '',
    ),
  },
  { weight: 1, arbitrary: pathText },
);

function idArb(f: Fixtures) {
  return fc.oneof(
    { weight: 24, arbitrary: fc.constantFrom(f.head580, f.spouse580, f.child580) },
    { weight: 2, arbitrary: fc.constant(f.head813) },
    { weight: 2, arbitrary: fc.uuid() },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '00000000-0000-0000-0000-000000000000',
        f.head580.toUpperCase(),
        f.head580.slice(0, -1),
        `${f.head580}0`,
        `${f.head580}%20`,
        `%20${f.head580}`,
        `{${f.head580}}`,
        f.head580.replace(/-/g, ''),
        f.caseworker580UserId,
        'null',
        'undefined',
        '0',
        '-1',
        '1e3',
        'persons',
        '%00',
        '%2F',
        'access-log',
        "'%20OR%201=1--",
      ),
    },
    { weight: 2, arbitrary: pathText },
  );
}

const queryKey = fc.oneof(
  fc.constantFrom('query', 'reveal', 'id', 'code', '__proto__', 'constructor', 'a[b]', 'query[]', 'reveal[]', ''),
  fc.string({ maxLength: 8 }),
);
const queryValue = fc.oneof(
  fc.constantFrom(
    'cpr',
    'CPR',
    'cpr ',
    '',
    ' ',
    '%',
    '\\',
    '_',
    '%_\\',
    'a\\',
    "a'",
    'amal hadd',
    'Amal',
    'ha',
    'h',
    '010190-1234',
    '010190-ABCD',
    '310290-1234',
    '0101901234',
    '610190-1234',
    '01019O-1234',
    'true',
    '1',
  ),
  fc.string({ unit: 'binary', maxLength: 30 }),
  controlText,
  fc.constantFrom('a'.repeat(201), 'å'.repeat(200), 'x '.repeat(100), 'ab '.repeat(60)),
);

function queryString(pairs: [string, string][]): string {
  return pairs.length === 0 ? '' : `?${pairs.map(([k, v]) => `${enc(k)}=${enc(v)}`).join('&')}`;
}

const queryArb = fc.oneof(
  { weight: 8, arbitrary: fc.constant('') },
  { weight: 4, arbitrary: fc.array(fc.tuple(queryKey, queryValue), { maxLength: 4 }).map(queryString) },
  {
    weight: 1,
    arbitrary: fc.string({ unit: fc.constantFrom(...'ab=&%[]?+;,.0Z5'.split('')), maxLength: 20 }).map((s) => `?${s}`),
  },
);

const searchQueryArb = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .tuple(queryValue, fc.array(fc.tuple(queryKey, queryValue), { maxLength: 2 }))
      .map(([v, rest]) => queryString([['query', v], ...rest])),
  },
  { weight: 2, arbitrary: queryArb },
  {
    weight: 1,
    arbitrary: fc
      .array(queryValue, { minLength: 2, maxLength: 3 })
      .map((vs) => queryString(vs.map((v) => ['query', v]))),
  },
);

const personQueryArb = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('', '?reveal=cpr') },
  { weight: 2, arbitrary: queryValue.map((v) => queryString([['reveal', v]])) },
  { weight: 2, arbitrary: queryArb },
);

const onQueryArb = fc.oneof(
  { weight: 2, arbitrary: fc.constant('') },
  { weight: 5, arbitrary: fc.oneof(dateLike, validDate, queryValue).map((on) => queryString([['on', on]])) },
  { weight: 1, arbitrary: queryArb },
);

const codeValue = fc.oneof(
  fc.constantFrom('580', '813', '320', '550', '860', '101', '999', '000', '58', ''),
  fc.string({ maxLength: 4 }),
);

const worklistQueryArb = fc.oneof(
  { weight: 1, arbitrary: fc.constant('') },
  {
    weight: 6,
    arbitrary: fc
      .array(
        fc.oneof(
          fc.oneof(dateLike, validDate).map((v): [string, string] => ['on', v]),
          fc.constantFrom('me', 'you', '', 'ME').map((v): [string, string] => ['contactPerson', v]),
          fc.uuid().map((v): [string, string] => ['contactPerson', v]),
          fc
            .oneof(
              fc.constantFrom(
                'overdue',
                'due_soon,overdue',
                'met,open,due_soon,overdue,not_applicable',
                'open,',
                ',',
                'OVERDUE',
                'overdue,,met',
                'x',
              ),
              queryValue,
            )
            .map((v): [string, string] => ['status', v]),
          fc
            .oneof(
              fc.constantFrom('aabenraa.first-offers-4-weeks', 'law.contract-1-month', 'x'.repeat(101)),
              queryValue,
            )
            .map((v): [string, string] => ['rule', v]),
          fc
            .oneof(
              fc.constantFrom(
                '1',
                '500',
                '501',
                '0',
                '-1',
                '1.5',
                '1e2',
                '',
                ' ',
                'NaN',
                'Infinity',
                '0x10',
                '9'.repeat(30),
              ),
              queryValue,
            )
            .map((v): [string, string] => ['limit', v]),
          fc
            .oneof(fc.constantFrom('0', '1000000', '1000001', '-1', '2.5', '1e6', '', 'abc'), queryValue)
            .map((v): [string, string] => ['offset', v]),
          fc.tuple(queryKey, queryValue),
        ),
        { maxLength: 5 },
      )
      .map(queryString),
  },
  { weight: 1, arbitrary: queryArb },
);

const diffQueryArb = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.tuple(codeValue, codeValue).map(([a, b]) =>
      queryString([
        ['a', a],
        ['b', b],
      ]),
    ),
  },
  {
    weight: 2,
    arbitrary: fc.array(fc.tuple(fc.constantFrom('a', 'b', 'c'), codeValue), { maxLength: 4 }).map(queryString),
  },
  { weight: 1, arbitrary: queryArb },
);

const ifMatchArb = fc.oneof(
  { weight: 4, arbitrary: fc.constant(undefined) },
  { weight: 6, arbitrary: fc.constant('*') },
  { weight: 2, arbitrary: fc.constantFrom('"1"', '"2"', '"3"', '"4"', 'W/"2"', '"1", "2", "3"') },
  {
    weight: 3,
    arbitrary: fc.oneof(
      fc.constantFrom(
        '*',
        '"1"',
        '"2"',
        '"3"',
        'W/"1"',
        '"1", "2"',
        '""',
        '"',
        'W/',
        ' * ',
        '*, "1"',
        '"999999999999999999999"',
        '"-1"',
        '"1.5"',
        '1',
        'null',
      ),
      headerText,
      fc.constant('x'.repeat(300)),
    ),
  },
);

const purposeArb = fc.oneof(
  { weight: 12, arbitrary: fc.constant(undefined) },
  {
    weight: 3,
    arbitrary: fc.constantFrom('Opfølgning på kontrakt', 'Sagsbehandling', 'a'.repeat(200), 'Ã¦Ã¸', 'x\ty'),
  },
  { weight: 3, arbitrary: fc.oneof(fc.constantFrom('', ' ', '\t', 'a'.repeat(201)), headerText) },
);

function authArb(f: Fixtures, preferred: AuthKind = 'caseworker580') {
  const bearer = (token: string) => `Bearer ${token}`;
  return fc.oneof(
    {
      weight: 24,
      arbitrary: fc.constant<[AuthKind, string | undefined]>([
        preferred,
        bearer(f.tokens[preferred as keyof Fixtures['tokens']]),
      ]),
    },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom<AuthKind>('caseworker580', 'admin580', 'citizen580', 'analyst580', 'teamlead580', 'caseworker813')
        .map((k): [AuthKind, string | undefined] => [k, bearer(f.tokens[k as keyof Fixtures['tokens']])]),
    },
    { weight: 1, arbitrary: fc.constant<[AuthKind, string | undefined]>(['none', undefined]) },
    {
      weight: 1,
      arbitrary: fc
        .oneof(
          fc.stringMatching(/^[A-Za-z0-9_-]{43}$/).map((s) => `mb_580_${s}`),
          fc.constantFrom(
            'mb_999_' + 'A'.repeat(43),
            'mb_813_' + 'A'.repeat(43),
            `${f.tokens.caseworker580.slice(0, -1)}B`,
            `${f.tokens.caseworker580}x`,
            f.tokens.caseworker580.replace('mb_580_', 'mb_813_'),
          ),
        )
        .map((tok): [AuthKind, string | undefined] => ['forged', bearer(tok)]),
    },
    {
      weight: 1,
      arbitrary: fc
        .oneof(
          headerText,
          fc.constantFrom(
            'Bearer',
            'Bearer ',
            'Basic dXNlcjpwYXNz',
            'Bearer mb_580_short',
            `Token ${f.tokens.caseworker580}`,
            f.tokens.caseworker580,
            `Bearer ${f.tokens.caseworker580} ${f.tokens.caseworker580}`,
            `Bearer\t`,
            'Bearer %00',
          ),
        )
        .map((h): [AuthKind, string | undefined] => ['garbage', h]),
    },
  );
}

// ---- The routes --------------------------------------------------------------------------------

interface RouteSpec {
  name: string;
  method: Method;
  /** The path from the (still encoded) code and id segments. */
  path: (code: string, id: string) => string;
  usesCode: boolean;
  usesId: boolean;
  needsAuth: boolean;
  query: fc.Arbitrary<string>;
  ifMatch?: boolean;
  body?: (f: Fixtures) => { valid: Json; extra: string[] };
  preferredAuth?: AuthKind;
  /** Bodies of the right shape with values at and beyond the limits, beside the mutations of the valid one. */
  variants?: (f: Fixtures) => fc.Arbitrary<Json>;
  /** The ids the path's {id} takes (default: persons). */
  ids?: (f: Fixtures) => fc.Arbitrary<string>;
  numRuns: number;
}

const M = '/api/v1/municipalities';
const P = (sub: string) => (code: string, id: string) => `${M}/${code}/persons/${id}${sub}`;

const ROUTES: RouteSpec[] = [
  {
    name: 'POST households',
    method: 'POST',
    path: (code) => `${M}/${code}/households`,
    usesCode: true,
    usesId: false,
    needsAuth: true,
    query: queryArb,
    numRuns: 80,
    body: () => ({ valid: aFamily() as unknown as Json, extra: ['arrivalDate', 'household', 'municipalityCode'] }),
  },
  {
    name: 'GET persons search',
    method: 'GET',
    path: (code) => `${M}/${code}/persons`,
    usesCode: true,
    usesId: false,
    needsAuth: true,
    query: searchQueryArb,
    numRuns: 80,
  },
  {
    name: 'GET person',
    method: 'GET',
    path: P(''),
    usesCode: true,
    usesId: true,
    needsAuth: true,
    query: personQueryArb,
    numRuns: 60,
  },
  {
    name: 'PATCH person',
    method: 'PATCH',
    path: P(''),
    usesCode: true,
    usesId: true,
    needsAuth: true,
    query: queryArb,
    ifMatch: true,
    numRuns: 80,
    body: () => ({
      valid: {
        givenName: 'Karim',
        familyName: 'Haddad',
        sex: 'male',
        languages: ['ar', 'ku'],
        countryOfOrigin: 'SY',
        arrivalDate: '2025-02-20',
        takeoverDate: '2025-03-01',
        residenceBasis: 'family_reunified',
        program: 'self_support_and_return',
      },
      extra: ['cpr', 'birthDate', 'version', 'id'],
    }),
  },
  {
    name: 'GET access-log',
    method: 'GET',
    path: P('/access-log'),
    usesCode: true,
    usesId: true,
    needsAuth: true,
    query: queryArb,
    numRuns: 50,
  },
  {
    name: 'PUT visitation',
    method: 'PUT',
    path: P('/visitation'),
    usesCode: true,
    usesId: true,
    needsAuth: true,
    query: queryArb,
    ifMatch: true,
    numRuns: 60,
    body: () => ({
      valid: {
        heldOn: '2025-03-05',
        resources: 'Taler engelsk',
        qualifications: 'Sygeplejerske',
        wishes: 'Sundhedssektoren',
        challenges: 'Børnepasning',
      },
      extra: ['version'],
    }),
  },
  {
    name: 'PUT contract',
    method: 'PUT',
    path: P('/contract'),
    usesCode: true,
    usesId: true,
    needsAuth: true,
    query: queryArb,
    ifMatch: true,
    numRuns: 60,
    body: () => ({
      valid: { goal: 'Ordinært job som SOSU-hjælper', goalKind: 'employment', signedOn: '2025-03-15' },
      extra: ['version'],
    }),
  },
  {
    name: 'PUT contact-person',
    method: 'PUT',
    path: P('/contact-person'),
    usesCode: true,
    usesId: true,
    needsAuth: true,
    query: queryArb,
    ifMatch: true,
    numRuns: 60,
    body: (f) => ({ valid: { userId: f.caseworker580UserId, fromDate: '2025-03-01' }, extra: ['name'] }),
  },
  {
    name: 'POST activities',
    method: 'POST',
    path: P('/activities'),
    usesCode: true,
    usesId: true,
    needsAuth: true,
    query: queryArb,
    numRuns: 60,
    body: () => ({
      valid: {
        kind: 'danish_education',
        startDate: '2025-03-20',
        endDate: '2025-12-19',
        hoursPerWeek: 15,
        provider: 'Sprogcenter Aabenraa',
      },
      extra: ['id'],
    }),
  },
  {
    name: 'POST conversations',
    method: 'POST',
    path: P('/conversations'),
    usesCode: true,
    usesId: true,
    needsAuth: true,
    query: queryArb,
    numRuns: 60,
    body: () => ({
      valid: {
        date: '2025-03-25',
        kind: 'contract_follow_up',
        repatriationGuidance: true,
        repatriationNote: 'Informeret om rådgivning',
        interpreterLanguage: 'ar',
        note: 'Første samtale.\nTolk deltog.',
      },
      extra: ['id'],
    }),
  },
  {
    name: 'POST enrolments',
    method: 'POST',
    path: P('/enrolments'),
    usesCode: true,
    usesId: true,
    needsAuth: true,
    query: queryArb,
    numRuns: 60,
    body: (f) => ({
      valid: { kind: 'daycare', institutionId: f.daycare580, startDate: '2025-04-01', endDate: null },
      extra: ['id'],
    }),
  },
  {
    name: 'POST language-assessments',
    method: 'POST',
    path: P('/language-assessments'),
    usesCode: true,
    usesId: true,
    needsAuth: true,
    query: queryArb,
    numRuns: 50,
    body: () => ({
      valid: { assessedOn: '2025-04-01', result: 'focused', note: 'Forstår enkle beskeder' },
      extra: ['id'],
    }),
  },
  {
    name: 'POST follow-ups',
    method: 'POST',
    path: P('/follow-ups'),
    usesCode: true,
    usesId: true,
    needsAuth: true,
    query: queryArb,
    numRuns: 50,
    body: () => ({ valid: { date: '2025-04-01', kind: 'contract', note: 'Kontrakten følges' }, extra: ['id'] }),
  },
  {
    name: 'POST closure',
    method: 'POST',
    path: P('/closure'),
    usesCode: true,
    usesId: true,
    needsAuth: true,
    query: queryArb,
    numRuns: 50,
    body: () => ({
      valid: { date: '2025-04-01', reason: 'moved', movedToMunicipality: '751' },
      extra: ['id', 'version', 'movedTo'],
    }),
  },
  {
    name: 'POST tokens',
    method: 'POST',
    path: () => '/api/v1/tokens',
    usesCode: false,
    usesId: false,
    needsAuth: true,
    query: queryArb,
    preferredAuth: 'admin580',
    numRuns: 60,
    body: () => ({
      valid: { role: 'caseworker', user: 'Fuzz caseworker', days: 30 },
      extra: ['personId', 'municipalityCode'],
    }),
  },
  {
    name: 'GET obligations',
    method: 'GET',
    path: P('/obligations'),
    usesCode: true,
    usesId: true,
    needsAuth: true,
    query: onQueryArb,
    numRuns: 60,
  },
  {
    name: 'GET worklist',
    method: 'GET',
    path: (code) => `${M}/${code}/worklist`,
    usesCode: true,
    usesId: false,
    needsAuth: true,
    query: worklistQueryArb,
    numRuns: 60,
  },
  {
    name: 'GET policy',
    method: 'GET',
    path: (code) => `${M}/${code}/policy`,
    usesCode: true,
    usesId: false,
    needsAuth: false,
    query: queryArb,
    numRuns: 40,
  },
  {
    name: 'GET policies diff',
    method: 'GET',
    path: () => '/api/v1/policies/diff',
    usesCode: false,
    usesId: false,
    needsAuth: false,
    query: diffQueryArb,
    numRuns: 40,
  },
  {
    name: 'GET municipalities',
    method: 'GET',
    path: () => M,
    usesCode: false,
    usesId: false,
    needsAuth: false,
    query: queryArb,
    numRuns: 40,
  },
  {
    name: 'GET health',
    method: 'GET',
    path: () => '/health',
    usesCode: false,
    usesId: false,
    needsAuth: false,
    query: queryArb,
    numRuns: 40,
  },
  {
    name: 'POST placement-plans',
    method: 'POST',
    path: (code) => `${M}/${code}/placement-plans`,
    usesCode: true,
    usesId: false,
    needsAuth: true,
    query: queryArb,
    preferredAuth: 'teamlead580',
    numRuns: 60,
    body: (f) => ({
      valid: {
        kind: 'daycare',
        date: '2026-01-01',
        weights: {},
        locks: [{ agentId: f.child580, optionId: f.daycare580 }],
        forbids: [],
        timeLimitSec: 5,
      },
      extra: ['mechanism', 'weights', 'id', 'status'],
    }),
    // Every kind, on any date (far-off ones too), with what-if weights of known and unknown criteria.
    variants: () =>
      fc.record(
        {
          kind: fc.constantFrom(...PLAN_KINDS),
          date: fc.oneof(
            validDate,
            fc.constantFrom('9999-12-31', '0001-01-01', '2100-12-31', '1990-01-01', '1989-12-31', '2101-01-01'),
            dateLike,
          ),
          weights: fc.dictionary(
            fc.oneof(
              fc.constantFrom(...new Set(Object.values(PLACEMENT_CRITERIA).flatMap((c) => Object.keys(c)))),
              fc.constantFrom('a', 'constructor', 'to_string', '__proto__'),
            ),
            fc.oneof(fc.integer({ min: 0, max: 1000 }), numberish),
            { maxKeys: 3 },
          ),
          mechanism: fc.constantFrom('optimise', 'deferred_acceptance'),
        },
        { requiredKeys: ['kind', 'date'] },
      ),
  },
  {
    name: 'GET placement-plans',
    method: 'GET',
    path: (code) => `${M}/${code}/placement-plans`,
    usesCode: true,
    usesId: false,
    needsAuth: true,
    preferredAuth: 'teamlead580',
    numRuns: 40,
    query: fc.oneof(
      queryArb,
      fc
        .oneof(enumish, fc.constantFrom('housing', 'daycare', 'school', 'internships', 'mentors'), queryValue)
        .map((k) => queryString([['kind', k]])),
    ),
  },
  {
    name: 'GET placement-plan',
    method: 'GET',
    path: (code, id) => `${M}/${code}/placement-plans/${id}`,
    usesCode: true,
    usesId: true,
    needsAuth: true,
    query: queryArb,
    preferredAuth: 'teamlead580',
    ids: planIdArb,
    numRuns: 40,
  },
  {
    name: 'POST placement-plan decisions',
    method: 'POST',
    path: (code, id) => `${M}/${code}/placement-plans/${id}/decisions`,
    usesCode: true,
    usesId: true,
    needsAuth: true,
    query: queryArb,
    ifMatch: true,
    preferredAuth: 'teamlead580',
    ids: planIdArb,
    numRuns: 50,
    body: (f) => ({ valid: { accept: 'all', reject: [f.child580] }, extra: ['accept', 'reject', 'status'] }),
  },
];

function planIdArb(f: Fixtures) {
  return fc.oneof(
    { weight: 20, arbitrary: fc.constant(f.plan580) },
    { weight: 2, arbitrary: fc.constant(f.plan813) },
    { weight: 4, arbitrary: idArb(f) },
  );
}

function requestArb(route: RouteSpec, f: Fixtures): fc.Arbitrary<Req> {
  const noBody = fc.constant<Body>({});
  const spec = route.body?.(f);
  return fc
    .record({
      code: codeArb,
      id: (route.ids ?? idArb)(f),
      query: route.query,
      auth: authArb(f, route.preferredAuth),
      ifMatch: route.ifMatch
        ? ifMatchArb
        : fc.oneof({ weight: 5, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: ifMatchArb }),
      purpose: purposeArb,
      body: spec
        ? route.variants
          ? fc.oneof(
              { weight: 1, arbitrary: bodyArb(spec.valid, spec.extra, f) },
              {
                weight: 1,
                arbitrary: route
                  .variants(f)
                  .map((v): Body => ({ contentType: 'application/json', payload: JSON.stringify(v) })),
              },
            )
          : bodyArb(spec.valid, spec.extra, f)
        : fc.oneof({ weight: 5, arbitrary: noBody }, { weight: 1, arbitrary: bodyArb({ a: 1 }, [], f) }),
    })
    .map(({ code, id, query, auth: [authKind, authorization], ifMatch, purpose, body }) => {
      const headers: Record<string, string> = {};
      if (authorization !== undefined) headers.authorization = authorization;
      if (ifMatch !== undefined) headers['if-match'] = ifMatch;
      if (purpose !== undefined) headers['x-purpose'] = purpose;
      if (body.contentType !== undefined) headers['content-type'] = body.contentType;
      const req: Req = { method: route.method, url: route.path(code, id) + query, headers, authKind };
      if (body.payload !== undefined) req.payload = body.payload;
      if (route.usesCode) req.code = safeDecode(code);
      if (route.usesId) req.id = safeDecode(id);
      return req;
    });
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function describeReq(req: Req): string {
  const clip = (s: string, n = 300) => (s.length > n ? `${s.slice(0, n)}… (${s.length} chars)` : s);
  return `${req.method} ${clip(req.url)} headers=${clip(JSON.stringify(req.headers))} body=${clip(JSON.stringify(req.payload ?? null))}`;
}

// ---- The checks --------------------------------------------------------------------------------

interface Res {
  statusCode: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: string;
}

/** A 4xx/5xx must be RFC 9457 problem details with the right status, a title and no stack trace. */
function assertProblem(res: Res, context: string, requestText = '') {
  const type = String(res.headers['content-type'] ?? '');
  assert.match(
    type,
    /^application\/problem\+json(;|$)/,
    `${res.statusCode} answered with content-type "${type}" instead of application/problem+json for ${context}: ${res.body.slice(0, 300)}`,
  );
  let body: unknown;
  try {
    body = JSON.parse(res.body);
  } catch {
    assert.fail(`the ${res.statusCode} body is not JSON for ${context}: ${res.body.slice(0, 300)}`);
  }
  assert.ok(
    body !== null && typeof body === 'object' && !Array.isArray(body),
    `the ${res.statusCode} body is not a JSON object for ${context}`,
  );
  const problem = body as Record<string, unknown>;
  assert.equal(
    typeof problem.status,
    'number',
    `the problem has no numeric status for ${context}: ${res.body.slice(0, 300)}`,
  );
  assert.equal(problem.status, res.statusCode, `the problem's status differs from the HTTP status for ${context}`);
  assert.equal(typeof problem.title, 'string', `the problem has no title for ${context}`);
  assert.ok(!('stack' in problem), `the problem carries a stack for ${context}`);
  if (!/stack/i.test(requestText))
    assert.ok(!/stack/i.test(res.body), `the problem text mentions a stack for ${context}: ${res.body.slice(0, 500)}`);
  assert.ok(
    !/\n\s+at .+[:(]\d+:\d+\)?/.test(res.body) && !/node_modules|\.ts:\d+/.test(res.body),
    `the problem text contains a stack trace for ${context}`,
  );
}

/** FUZZ_RUNS=10 multiplies the number of runs for a deeper search (the default keeps the file fast). */
const RUNS_FACTOR = Math.max(0.1, Number(process.env.FUZZ_RUNS ?? 1) || 1);

const VALID_AUTH: AuthKind[] = [
  'caseworker580',
  'admin580',
  'citizen580',
  'analyst580',
  'teamlead580',
  'caseworker813',
];

interface OpenApiDoc {
  paths: Record<string, Record<string, { security?: unknown[] }>>;
}

/** "METHOD /path/:param" for every route in Fastify's route tree (app.printRoutes()). */
function routesFromTree(tree: string): string[] {
  const routes: string[] = [];
  const stack: string[] = [];
  for (const line of tree.split('\n')) {
    const m = /^(.*?)[├└]── (.*?)(?: \(([^)]*)\))?$/.exec(line);
    if (!m) continue;
    stack.length = m[1]!.length / 4;
    stack.push(m[2]!);
    for (const method of (m[3] ?? '')
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean))
      routes.push(`${method} ${stack.join('')}`);
  }
  return routes;
}

// ---- Web forms -----------------------------------------------------------------------------------

interface WebField {
  name: string;
  value: string;
  options: string[];
}
interface WebForm {
  method: 'GET' | 'POST';
  action: string;
  fields: WebField[];
}

const UUID_IN_PATH = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
const unescapeHtml = (v: string) =>
  v
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
const attr = (tag: string, name: string) => {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m ? unescapeHtml(m[1]!) : undefined;
};

/** The forms of a page, with their fields (inputs, selects with their options, text areas, named buttons). */
function formsIn(html: string): WebForm[] {
  return [...html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)].map(([, tag = '', inner = '']) => {
    const fields = new Map<string, WebField>();
    const add = (name: string | undefined, value: string, options: string[] = []) => {
      if (!name) return;
      const known = fields.get(name);
      if (known) known.options.push(value, ...options);
      else fields.set(name, { name, value, options: [value, ...options] });
    };
    for (const [input = ''] of inner.matchAll(/<(?:input|button)\b[^>]*>/g))
      add(attr(input, 'name'), attr(input, 'value') ?? '');
    for (const [, selectTag = '', body = ''] of inner.matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/g)) {
      add(
        attr(selectTag, 'name') ?? attr(selectTag, 'id'),
        '',
        [...body.matchAll(/<option\b[^>]*>/g)].map(([o = '']) => attr(o, 'value') ?? ''),
      );
    }
    for (const [, areaTag = '', body = ''] of inner.matchAll(/<textarea\b([^>]*)>([\s\S]*?)<\/textarea>/g))
      add(attr(areaTag, 'name') ?? attr(areaTag, 'id'), unescapeHtml(body));
    return {
      method: (attr(tag, 'method') ?? 'get').toUpperCase() === 'POST' ? 'POST' : 'GET',
      action: (attr(tag, 'action') ?? '').split('#')[0]!,
      fields: [...fields.values()],
    };
  });
}

const formText = fc.oneof(
  { weight: 2, arbitrary: dateLike },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '',
      ' ',
      '\u0000',
      'a\u0000b',
      '01.01.9999',
      '31.02.2025',
      '1.1.1900',
      '1,5',
      '60,5',
      '0,25',
      '-1',
      'on',
      'off',
      'register',
      'add-member',
      'remove-0',
      'remove-99',
      'remove-x',
      '30',
      '31',
      '010190-1234',
      '0101901234',
    ),
  },
  { weight: 1, arbitrary: controlText },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom('x'.repeat(201), 'é'.repeat(1_001), 'x'.repeat(20_001), 'ø\r\n'.repeat(3_000)),
  },
);

/** A request a browser (or someone imitating one) could send to a form: its fields mutated, the CSRF token kept, missing or wrong. */
function webFormRequest(form: WebForm, f: Fixtures, csrf: string) {
  const fieldValue = (field: WebField) =>
    field.name === '_csrf'
      ? fc.oneof(
          { weight: 12, arbitrary: fc.constant(csrf) },
          { weight: 1, arbitrary: fc.constantFrom('', 'x', `${csrf}x`, csrf.slice(1)) },
        )
      : fc.oneof(
          { weight: 4, arbitrary: fc.constant(field.value) },
          { weight: 4, arbitrary: fc.constantFrom(...field.options) },
          { weight: 3, arbitrary: formText },
        );
  const fields = fc.tuple(
    ...form.fields.map((field) =>
      fc.tuple(
        fc.constant(field.name),
        fieldValue(field),
        fc.oneof(
          { weight: 9, arbitrary: fc.constant('keep') },
          { weight: 1, arbitrary: fc.constantFrom('drop', 'twice') },
        ),
      ),
    ),
  );
  const extra = fc.array(
    fc.tuple(
      fc.oneof(
        fc.constantFrom(
          'm30_givenName',
          'memberCount',
          'version',
          '__proto__',
          'constructor',
          'action',
          'm0_birthDate',
          'q',
        ),
        fc.string({ maxLength: 8 }),
      ),
      formText,
    ),
    { maxLength: 2 },
  );
  const action = fc.oneof(
    { weight: 12, arbitrary: fc.constant(form.action) },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom(
          f.head813,
          f.child580,
          '00000000-0000-0000-0000-000000000000',
          'x',
          '%zz',
          f.head580.toUpperCase(),
        )
        .map((id) => form.action.replace(UUID_IN_PATH, id)),
    },
  );
  const contentType = fc.oneof(
    { weight: 10, arbitrary: fc.constant('application/x-www-form-urlencoded') },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        'application/json',
        'text/plain',
        'multipart/form-data; boundary=x',
        'application/x-www-form-urlencoded; charset=latin1',
        '',
      ),
    },
  );
  return fc
    .record({ fields, extra, action, contentType })
    .map(({ fields: chosen, extra: more, action: url, contentType: type }) => {
      const params = new URLSearchParams();
      for (const [name, value, how] of chosen) {
        if (how === 'drop') continue;
        params.append(name, wellFormed(value));
        if (how === 'twice') params.append(name, wellFormed(value));
      }
      for (const [name, value] of more) params.append(wellFormed(name), wellFormed(value));
      return form.method === 'GET'
        ? {
            method: 'GET' as const,
            url: `${url}?${params.toString()}`,
            headers: {},
            payload: undefined as string | undefined,
          }
        : {
            method: 'POST' as const,
            url,
            headers: type ? { 'content-type': type } : {},
            payload: type === 'application/json' ? JSON.stringify(Object.fromEntries(params)) : params.toString(),
          };
    });
}

forEachEngine('generated bad input on every route', (engine) => {
  let t: TestApp;
  let f: Fixtures;
  let doc: OpenApiDoc;
  /** Every request sent by this file and the answers ≥ 500 among them (printed at the end; must be 0). */
  const counts = { requests: 0, serverErrors: 0, webRequests: 0, webServerErrors: 0 };

  before(async () => {
    t = await openTestApp(engine);
    const register = async (code: string) => {
      const res = await t.app.inject({
        method: 'POST',
        url: `${M}/${code}/households`,
        headers: auth(await t.token(code, 'caseworker')),
        payload: aFamily(),
      });
      assert.equal(res.statusCode, 201, res.body);
      return res.json<{ members: { personId: string }[] }>().members.map((m) => m.personId);
    };
    const [head580, spouse580, child580] = (await register('580')) as [string, string, string];
    const [head813] = (await register('813')) as [string];
    const tokens = {
      teamlead580: await t.token('580', 'team_lead'),
      caseworker580: await t.token('580', 'caseworker'),
      admin580: await t.token('580', 'admin'),
      citizen580: await t.token('580', 'citizen', head580),
      analyst580: await t.token('580', 'analyst'),
      caseworker813: await t.token('813', 'caseworker'),
    };
    const userId = async (code: string) =>
      (
        await t.database.db
          .selectFrom('users')
          .select('id')
          .where('municipality_code', '=', code)
          .where('role', '=', 'caseworker')
          .executeTakeFirstOrThrow()
      ).id;
    // Institutions come with the demo data only; insert a town, a daycare and a school as the owner.
    const town = await t.database.db
      .insertInto('towns')
      .values({ municipality_code: '580', name: 'Aabenraa', population: 16_000, public_transport: 'bus', services: [] })
      .returning('id')
      .executeTakeFirstOrThrow();
    const institution = (kind: string, name: string) =>
      t.database.db
        .insertInto('institutions')
        .values({ municipality_code: '580', kind, name, town_id: town.id, capacity: 40 })
        .returning('id')
        .executeTakeFirstOrThrow();
    const daycare = await institution('daycare', 'Børnehuset Fuzz');
    const school = await institution('school', 'Fuzz Skole');
    const plan = async (code: string) => {
      const res = await t.app.inject({
        method: 'POST',
        url: `${M}/${code}/placement-plans`,
        headers: auth(await t.token(code, 'team_lead')),
        payload: { kind: 'housing', date: '2026-01-01' },
      });
      assert.equal(res.statusCode, 201, res.body);
      return res.json<{ id: string }>().id;
    };
    f = {
      tokens,
      head580,
      spouse580,
      child580,
      head813,
      caseworker580UserId: await userId('580'),
      caseworker813UserId: await userId('813'),
      daycare580: daycare.id,
      school580: school.id,
      plan580: await plan('580'),
      plan813: await plan('813'),
    };
    doc = (await t.app.inject({ url: '/api/v1/openapi.json' })).json<OpenApiDoc>();
    // The singular records exist for the head, so PUTs meet the If-Match rules as well as creation.
    const h = auth(tokens.caseworker580);
    for (const [sub, payload] of [
      ['visitation', { heldOn: '2025-03-05' }],
      ['contract', { goal: 'Job', goalKind: 'employment' }],
      ['contact-person', { userId: f.caseworker580UserId, fromDate: '2025-03-01' }],
    ] as const) {
      const res = await t.app.inject({ method: 'PUT', url: `${M}/580/persons/${head580}/${sub}`, headers: h, payload });
      assert.equal(res.statusCode, 201, res.body);
    }
  });
  after(async () => {
    await t.close();
  });

  async function send(route: RouteSpec, req: Req) {
    const res = await t.app.inject({
      method: req.method,
      url: req.url,
      headers: req.headers,
      ...(req.payload !== undefined ? { payload: req.payload } : {}),
    });
    counts.requests++;
    if (res.statusCode >= 500) counts.serverErrors++;
    const context = describeReq(req);
    assert.ok(res.statusCode < 500, `${res.statusCode} for ${context}: ${res.body.slice(0, 500)}`);
    if (res.statusCode >= 400)
      assertProblem(res, context, `${req.url} ${JSON.stringify(req.headers)} ${req.payload ?? ''}`);
    const ok = res.statusCode >= 200 && res.statusCode < 300;
    if (ok && route.needsAuth) {
      assert.ok(
        VALID_AUTH.includes(req.authKind),
        `${res.statusCode} without a valid token (${req.authKind}) for ${context}`,
      );
      const home = req.authKind.endsWith('813') ? '813' : '580';
      if (req.code !== undefined)
        assert.equal(req.code, home, `${res.statusCode} on another municipality's path for ${context}`);
      const ids813 = [f.head813, f.plan813];
      if (req.id !== undefined)
        assert.ok(
          home === '813' ? ids813.includes(req.id) : !ids813.includes(req.id),
          `${res.statusCode} on another municipality's record for ${context}`,
        );
    }
  }

  for (const route of ROUTES) {
    test(`${route.name} answers any generated input with success or a problem+json client error, never a 5xx`, async () => {
      await fc.assert(
        fc.asyncProperty(requestArb(route, f), (req) => send(route, req)),
        { numRuns: Math.round(route.numRuns * RUNS_FACTOR), includeErrorInReport: true },
      );
    });
  }

  test('arbitrary paths and methods are answered with success or a problem, never a 5xx', async () => {
    const method = fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS');
    const segment = fc.oneof(
      fc.constantFrom(
        'api',
        'v1',
        'v2',
        'municipalities',
        '580',
        'persons',
        f.head580,
        'households',
        'tokens',
        'openapi.yaml',
        'health',
        '..',
        '.',
      ),
      pathText,
    );
    await fc.assert(
      fc.asyncProperty(method, fc.array(segment, { minLength: 1, maxLength: 6 }), async (m, segments) => {
        const url = `/${segments.join('/')}`;
        const res = await t.app.inject({ method: m as Method, url, headers: auth(f.tokens.caseworker580) });
        counts.requests++;
        if (res.statusCode >= 500) counts.serverErrors++;
        assert.ok(res.statusCode < 500, `${res.statusCode} for ${m} ${url}`);
        if (res.statusCode >= 400) assertProblem(res, `${m} ${url}`);
      }),
      { numRuns: Math.round(60 * RUNS_FACTOR), includeErrorInReport: true },
    );
  });

  test('every route of the OpenAPI document gets generated bad input, the routes without their own generator too', async () => {
    const operations = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.entries(item).map(([m, op]) => ({
        method: m.toUpperCase() as Method,
        path,
        secured: (op.security ?? []).length > 0,
      })),
    );
    const documented = new Set(operations.map((o) => `${o.method} ${o.path}`));
    const own = new Set(ROUTES.map((r) => `${r.method} ${r.path('{code}', '{id}')}`));
    for (const key of own)
      assert.ok(documented.has(key), `${key} has a generator here but is not in the OpenAPI document`);
    const others = operations.filter((o) => !own.has(`${o.method} ${o.path}`));
    for (const op of others) {
      const admin = /^\/api\/v1\/(tokens|audit-events)/.test(op.path);
      const route: RouteSpec = {
        name: `${op.method} ${op.path}`,
        method: op.method,
        numRuns: 30,
        query: queryArb,
        path: (code, id) => op.path.replace('{code}', code).replace(/\{[^}]+\}/g, id),
        usesCode: op.path.includes('{code}'),
        usesId: false,
        needsAuth: op.secured,
        preferredAuth: admin ? 'admin580' : 'caseworker580',
        ...(op.method === 'GET' ? {} : { body: () => ({ valid: {}, extra: ['role', 'user', 'reason', 'id', 'all'] }) }),
      };
      await fc.assert(
        fc.asyncProperty(requestArb(route, f), (req) => send(route, req)),
        { numRuns: Math.round(route.numRuns * RUNS_FACTOR), includeErrorInReport: true },
      );
    }
    assert.equal(own.size + others.length, documented.size);
    console.log(
      `# generated bad input [${engine}]: ${documented.size} routes of the OpenAPI document (${own.size} with their own generator, ${others.length} generic: ${others.map((o) => `${o.method} ${o.path}`).join(', ') || 'none'})`,
    );
  });

  test('every web form answers generated input with a page in Danish, never a 5xx', async () => {
    const web = await buildApp({
      db: t.database.db,
      vault: t.vault,
      engine,
      today: () => TODAY,
      web: { db: t.database.db, vault: t.vault, auth: { rp: null, publicUrl: 'http://localhost:3000' } },
    });
    try {
      const newSession = async (
        role: 'caseworker' | 'secretariat' | 'team_lead' = 'caseworker',
        municipalityCode = '580',
      ) => {
        const token = (
          await createToken(t.database.db, {
            municipalityCode,
            role,
            userName: `Fuzz web ${role}`,
            days: 1,
            hours: 1,
          })
        ).token;
        const home = await web.inject({
          url: role === 'secretariat' ? '/styring' : '/',
          cookies: { [SESSION_COOKIE]: token },
        });
        const csrf = /name="_csrf" value="([^"]+)"/.exec(home.body)?.[1];
        assert.ok(csrf, 'a page carries the CSRF token');
        return { token, csrf };
      };
      const session = await newSession();
      // The secretariat's forms (governance events; a governance case where the policy has council hearings: Hjørring).
      const secretariat = await newSession('secretariat', '860');
      // An ongoing labour-market period, so that the form that ends one is on the person page.
      const period = await web.inject({
        method: 'POST',
        url: `/api/v1/municipalities/580/persons/${f.head580}/outcomes/labour-market-periods`,
        headers: auth(f.tokens.caseworker580),
        payload: { kind: 'benefit', benefit: 'self_support_and_return_benefit', from: '2025-01-01' },
      });
      assert.equal(period.statusCode, 201, period.body);
      // One record of each changeable kind, so that the forms that end, correct and delete one are on its page.
      const recordPages: string[] = [];
      for (const [person, path, section, payload] of [
        [f.head580, 'activities', 'aktiviteter', { kind: 'other', startDate: '2025-02-01', hoursPerWeek: 1 }],
        [f.child580, 'enrolments', 'indskrivninger', { kind: 'sfo', startDate: '2025-02-01' }],
        [f.head580, 'conversations', 'samtaler', { date: '2025-02-01', kind: 'other', repatriationGuidance: false }],
        [f.head580, 'follow-ups', 'opfoelgninger', { date: '2025-02-01', kind: 'contract' }],
        [f.child580, 'language-assessments', 'sprogvurderinger', { assessedOn: '2025-02-01', result: 'general' }],
      ] as const) {
        const created = await web.inject({
          method: 'POST',
          url: `/api/v1/municipalities/580/persons/${person}/${path}`,
          headers: auth(f.tokens.caseworker580),
          payload,
        });
        assert.equal(created.statusCode, 201, created.body);
        recordPages.push(`/borgere/${person}/${section}/${created.json<{ id: string }>().id}`);
      }
      // An appointment (its page has the forms to move, cancel, hold or miss it) and an attachment (its delete form).
      const appointment = await web.inject({
        method: 'POST',
        url: `/api/v1/municipalities/580/persons/${f.head580}/appointments`,
        headers: auth(f.tokens.caseworker580),
        payload: { startsAt: '2027-01-12T10:00:00+01:00', durationMinutes: 45, purpose: 'other', place: 'Rådhuset' },
      });
      assert.equal(appointment.statusCode, 201, appointment.body);
      const attachment = await web.inject({
        method: 'POST',
        url: `/api/v1/municipalities/580/persons/${f.head580}/attachments?fileName=notat.txt`,
        headers: { ...auth(f.tokens.caseworker580), 'content-type': 'text/plain' },
        payload: 'Et notat.',
      });
      assert.equal(attachment.statusCode, 201, attachment.body);
      // The head's case open (the form that closes it on the page), the child's closed (the form that undoes it).
      const reopened = await web.inject({
        method: 'DELETE',
        url: `/api/v1/municipalities/580/persons/${f.head580}/closure?reason=Fuzz`,
        headers: auth(f.tokens.caseworker580, { 'if-match': '*' }),
      });
      assert.ok([204, 404].includes(reopened.statusCode), reopened.body);
      // The generated requests before may have moved the child's takeover date past the day it is closed on.
      await t.database.db
        .updateTable('persons')
        .set({ takeover_date: sql<string>`least(takeover_date, ${TODAY}::date)` })
        .where('id', '=', f.child580)
        .execute();
      const closed = await web.inject({
        method: 'POST',
        url: `/api/v1/municipalities/580/persons/${f.child580}/closure`,
        headers: auth(f.tokens.caseworker580),
        payload: { date: TODAY, reason: 'self_supporting' },
      });
      assert.ok([201, 409].includes(closed.statusCode), closed.body);
      // The team lead runs every kind of placement: the start pages' forms, and a plan's forms
      // (accept proposals, lock or forbid and run again) on the page of a plan it ran.
      const lead = await newSession('team_lead');
      const ran = await web.inject({
        method: 'POST',
        url: '/placering/praktik',
        cookies: { [SESSION_COOKIE]: lead.token },
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ _csrf: lead.csrf, date: TODAY }).toString(),
      });
      assert.equal(ran.statusCode, 303, ran.body.slice(0, 300));
      const planPage = String(ran.headers.location);
      // The registries' pages (a list with the create and import forms, a record's change and delete
      // forms) for the team lead, and a household's facts for the caseworker.
      const registryPages: string[] = [];
      for (const kind of REGISTRY_KINDS) {
        const list = await web.inject({ url: `${M}/580/${kind}`, headers: auth(f.tokens.caseworker580) });
        assert.equal(list.statusCode, 200, list.body);
        const first = list.json<{ id: string }[]>()[0];
        registryPages.push(`/registre/${kind}`, ...(first ? [`/registre/${kind}/${first.id}`] : []));
      }
      const headRead = await web.inject({
        url: `${M}/580/persons/${f.head580}`,
        headers: auth(f.tokens.caseworker580),
      });
      const householdId = headRead.json<{ household: { id: string } }>().household.id;
      const forms = new Map<string, { form: WebForm; session: typeof session }>();
      for (const [url, owner] of [
        ...recordPages.map((u) => [u, session] as const),
        ['/', session],
        ['/borgere', session],
        ['/husstande/ny', session],
        ['/ankomster', session],
        [`/borgere/${f.head580}`, session],
        [`/borgere/${f.child580}`, session],
        [`/borgere/${f.head580}/aftaler/${appointment.json<{ id: string }>().id}`, session],
        ['/kalender', session],
        ['/politik', session],
        ['/indikatorer', session],
        ['/sammenlign', session],
        ['/styring', secretariat],
        ['/arsrapport', secretariat],
        ['/placering/bolig', lead],
        ['/placering/dagtilbud', lead],
        ['/placering/skole', lead],
        ['/placering/praktik', lead],
        ['/placering/mentorer', lead],
        [planPage, lead],
        ...registryPages.map((u) => [u, lead] as const),
        [`/husstande/${householdId}/oplysninger`, session],
      ] as const) {
        const res = await web.inject({ url, cookies: { [SESSION_COOKIE]: owner.token } });
        assert.equal(res.statusCode, 200, `${url}: ${res.body.slice(0, 300)}`);
        for (const form of formsIn(res.body))
          // A registry's kind is a path parameter too (/registre/:kind/:id).
          forms.set(
            `${form.method} ${form.action.replace(UUID_IN_PATH, ':id').replace(/^\/registre\/[a-z-]+/, '/registre/:id')}`,
            { form, session: owner },
          );
      }
      // Every id in a path is :id, as in the forms' actions (/borgere/:id/aftaler/:id/flyt).
      const posts = routesFromTree(web.printRoutes({ commonPrefix: false }))
        // The citizen pages (/borger/, their own session) are not staff pages; their one form (Log ud) is the citizen's.
        .filter(
          (r) =>
            r.startsWith('POST ') &&
            !r.includes('/api/') &&
            !r.startsWith('POST /auth/') &&
            !r.startsWith('POST /borger/'),
        )
        .map((r) => r.replace(/\{\w+\}/g, ':id').replace(/:\w+/g, ':id'));
      assert.ok(posts.length >= 10, `the web app's POST routes were read: ${posts.join(', ')}`);
      for (const route of posts)
        assert.ok(
          forms.has(route.replace(/:\w+/g, ':id')),
          `${route} has a form on a page (forms found: ${[...forms.keys()].join(', ')})`,
        );
      for (const [key, { form, session: owner }] of forms) {
        await fc.assert(
          fc.asyncProperty(webFormRequest(form, f, owner.csrf), async (req) => {
            // Signing out ends the session: each sign-out gets a session of its own.
            const own = form.action === '/logout' ? await newSession() : owner;
            if (form.action === '/logout')
              req.payload = req.payload?.replace(encodeURIComponent(owner.csrf), encodeURIComponent(own.csrf));
            const res = await web.inject({
              method: req.method,
              url: req.url,
              headers: req.headers,
              cookies: { [SESSION_COOKIE]: own.token },
              ...(req.payload !== undefined ? { payload: req.payload } : {}),
            });
            counts.webRequests++;
            if (res.statusCode >= 500) counts.webServerErrors++;
            const context = `${key}: ${req.method} ${req.url.slice(0, 200)} ${(req.payload ?? '').slice(0, 300)}`;
            assert.ok(res.statusCode < 500, `${res.statusCode} for ${context}: ${res.body.slice(0, 300)}`);
            if (res.statusCode >= 400 || res.statusCode < 300) {
              assert.match(
                String(res.headers['content-type']),
                /^text\/html/,
                `${res.statusCode} is a page for ${context}`,
              );
              assert.match(res.body, /<html lang="da">/, `${res.statusCode} is a Danish page for ${context}`);
            }
          }),
          { numRuns: Math.round(30 * RUNS_FACTOR), includeErrorInReport: true },
        );
      }
    } finally {
      await web.close();
    }
  });

  test('the counts: every request answered, none with a 5xx', () => {
    console.log(
      `# generated bad input [${engine}]: ${counts.requests} API requests, ${counts.serverErrors} responses ≥ 500; ${counts.webRequests} web form requests, ${counts.webServerErrors} responses ≥ 500`,
    );
    assert.ok(
      counts.requests >= 1_000 && counts.webRequests >= 200,
      `enough requests were sent (${counts.requests} API, ${counts.webRequests} web)`,
    );
    assert.equal(counts.serverErrors + counts.webServerErrors, 0);
  });

  const RACES = [
    'a household with the same CPR number',
    'the first visitation',
    'the first contract',
    'the first contact person',
    'a token for the same new user',
    'the same CPR number on two persons',
  ] as const;
  let raceSerial = 0;

  /** n requests that all try to create the same thing (each run on fresh data). */
  async function racingRequests(
    kind: (typeof RACES)[number],
    n: number,
  ): Promise<{ method: Method; url: string; headers: Record<string, string>; payload: object }[]> {
    const h = auth(f.tokens.caseworker580);
    const times = <T>(make: (i: number) => T) => Array.from({ length: n }, (_, i) => make(i));
    const newPerson = async (member: Record<string, unknown> = {}) => {
      const head = {
        givenName: 'Race',
        familyName: 'Test',
        birthDate: '1988-05-15',
        sex: 'male',
        residenceBasis: 'other',
        relation: 'head',
        ...member,
      };
      const res = await t.app.inject({
        method: 'POST',
        url: `${M}/580/households`,
        headers: h,
        payload: { takeoverDate: '2025-03-01', members: [head] },
      });
      assert.equal(res.statusCode, 201, res.body);
      return res.json<{ members: { personId: string }[] }>().members[0]!.personId;
    };
    const serial = String(1000 + (raceSerial++ % 9000));
    switch (kind) {
      case 'a household with the same CPR number': {
        const family = aFamily();
        family.members[0]!.birthDate = '1990-02-02';
        family.members[0]!.cpr = `020290-${serial}`; // a birth date no other test uses, so the number is new
        return times(() => ({ method: 'POST', url: `${M}/580/households`, headers: h, payload: family }));
      }
      case 'the first visitation': {
        const id = await newPerson();
        return times(() => ({
          method: 'PUT',
          url: `${M}/580/persons/${id}/visitation`,
          headers: h,
          payload: { heldOn: '2025-03-05' },
        }));
      }
      case 'the first contract': {
        const id = await newPerson();
        return times(() => ({
          method: 'PUT',
          url: `${M}/580/persons/${id}/contract`,
          headers: h,
          payload: { goal: 'Job', goalKind: 'employment' },
        }));
      }
      case 'the first contact person': {
        const id = await newPerson();
        return times(() => ({
          method: 'PUT',
          url: `${M}/580/persons/${id}/contact-person`,
          headers: h,
          payload: { userId: f.caseworker580UserId, fromDate: '2025-03-01' },
        }));
      }
      case 'a token for the same new user':
        return times(() => ({
          method: 'POST',
          url: '/api/v1/tokens',
          headers: auth(f.tokens.admin580),
          payload: { role: 'caseworker', user: `Race user ${serial} ${engine}` },
        }));
      case 'the same CPR number on two persons': {
        const ids = await Promise.all(times(() => newPerson({ birthDate: '1988-05-15' })));
        return ids.map((id) => ({
          method: 'PATCH',
          url: `${M}/580/persons/${id}`,
          headers: { ...h, 'if-match': '*' },
          payload: { cpr: `150588-${serial}` },
        }));
      }
    }
  }

  for (const kind of RACES) {
    test(`concurrent requests racing for ${kind} never get a 5xx: the losers get a 4xx problem`, async () => {
      for (const n of [2, 4, 5]) {
        const requests = await racingRequests(kind, n);
        const responses = await Promise.all(requests.map((r) => t.app.inject(r)));
        const statuses = responses.map((r) => r.statusCode);
        for (const res of responses) {
          assert.ok(
            res.statusCode < 500,
            `${n} concurrent requests for ${kind} were answered ${statuses.join(', ')}: ${res.body.slice(0, 200)}`,
          );
          if (res.statusCode >= 400) assertProblem(res, `${n} concurrent requests for ${kind}`);
        }
        assert.ok(
          statuses.some((s) => s < 300),
          `one of ${n} concurrent requests for ${kind} succeeds (${statuses.join(', ')})`,
        );
      }
    });
  }

  test('a path with malformed percent-encoding or an over-long id is answered with problem+json', async () => {
    const token = auth(f.tokens.caseworker580);
    const urls = [
      `${M}/580/persons/%E0%A4%A`,
      `${M}/580/persons/%zz`,
      `${M}/58%/persons`,
      `${M}/580/persons/${f.head580}%/contract`,
      `${M}/580/persons/${'a'.repeat(101)}`,
      `${M}/580/persons/${f.head580}${'0'.repeat(80)}/activities`,
    ];
    for (const url of urls) {
      const res = await t.app.inject({ url, headers: token });
      assert.ok(res.statusCode >= 400 && res.statusCode < 500, `${res.statusCode} for ${url}`);
      assertProblem(res, `GET ${url}`);
    }
  });
});
