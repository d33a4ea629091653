// The HTTP layer's promises of issue 9 (points 5, 6 and 10), each tested on every route of the
// OpenAPI document where it applies: a URL naming another municipality is refused before any
// query with one body whatever the id; authentication comes before validation; responses of
// routes with a token are never cached; bad input (far-off dates, unknown what-if criteria, NUL
// in a search, oversized or malformed HTTP) gets a client error in the right form; If-Match
// compares strongly; error pages carry the same security headers as every page.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import type { CompiledQuery, Kysely, KyselyPlugin } from 'kysely';
import type { DB } from '../src/db/schema.js';
import { buildApp } from '../src/app.js';
import { createToken } from '../src/services/tokens.js';
import { SESSION_COOKIE } from '../src/web/session.js';
import { aFamily, auth, forEachEngine, openTestApp, TODAY, type TestApp } from './helpers.js';

const M = '/api/v1/municipalities';
const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
type Method = 'GET' | 'PUT' | 'POST' | 'DELETE' | 'PATCH';

interface Operation {
  security?: unknown[];
  parameters?: { name: string; in: string }[];
}
interface Doc {
  paths: Record<string, Partial<Record<(typeof HTTP_METHODS)[number], Operation>>>;
}

/** Every operation of the OpenAPI document: method, path template and whether it needs a token. */
function operationsOf(doc: Doc): { method: Method; path: string; secured: boolean }[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    HTTP_METHODS.filter((m) => item[m]).map((m) => ({
      method: m.toUpperCase() as Method,
      path,
      secured: (item[m]!.security ?? []).length > 0,
    })),
  );
}

/** Records every statement sent through the returned database handle, compiled (SQL and parameters). */
function statementRecorder(db: Kysely<DB>) {
  const seen: CompiledQuery[] = [];
  const plugin: KyselyPlugin = {
    transformQuery: (args) => {
      seen.push(db.getExecutor().compileQuery(args.node, args.queryId));
      return args.node;
    },
    transformResult: (args) => Promise.resolve(args.result),
  };
  return { db: db.withPlugin(plugin), seen };
}

/** A body the route would accept in the caller's own municipality (so that old code reaches the service). */
function validBody(method: Method, path: string, ids: { user: string }): unknown {
  const tail = path.replace(/^.*\{code\}/, '');
  if (method === 'POST' && tail === '/households') return aFamily();
  if (method === 'PATCH' && tail === '/persons/{id}') return { givenName: 'Omar' };
  if (tail.endsWith('/visitation')) return { heldOn: '2025-03-05' };
  if (tail.endsWith('/contract')) return { goal: 'Job', goalKind: 'employment' };
  if (tail.endsWith('/contact-person')) return { userId: ids.user, fromDate: '2025-03-01' };
  if (tail.endsWith('/activities')) return { kind: 'danish_education', startDate: '2025-03-20', hoursPerWeek: 15 };
  if (tail.endsWith('/conversations'))
    return { date: '2025-03-25', kind: 'contract_follow_up', repatriationGuidance: true };
  if (tail.endsWith('/enrolments')) return { kind: 'daycare', startDate: '2025-04-01' };
  if (tail.endsWith('/language-assessments')) return { assessedOn: '2025-04-01', result: 'focused' };
  if (tail.endsWith('/follow-ups')) return { date: '2025-04-01', kind: 'contract' };
  if (method === 'POST' && tail === '/placement-plans') return { kind: 'housing', date: TODAY };
  if (tail.endsWith('/decisions')) return { accept: 'all' };
  return method === 'GET' || method === 'DELETE' ? undefined : {};
}

interface Raw {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Sends raw bytes to the server and reads the answer until the server closes the connection. */
function rawRequest(port: number, text: string): Promise<Raw> {
  return new Promise((resolve, reject) => {
    let data = '';
    const socket = net.connect(port, '127.0.0.1', () => socket.write(text));
    socket.setEncoding('utf8');
    socket.on('data', (d: string) => {
      data += d;
    });
    const done = () => {
      const [head = '', ...rest] = data.split('\r\n\r\n');
      const [statusLine = '', ...lines] = head.split('\r\n');
      const headers = Object.fromEntries(
        lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]),
      );
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(statusLine)?.[1] ?? 0);
      if (status === 0) reject(new Error(`no HTTP answer: ${JSON.stringify(data.slice(0, 200))}`));
      else resolve({ status, headers, body: rest.join('\r\n\r\n') });
    };
    socket.on('close', done);
    socket.on('error', () => {
      /* the server may reset after answering; the answer read so far counts */
    });
  });
}

function assertProblem(res: { statusCode: number; headers: Record<string, unknown>; body: string }, context: string) {
  assert.match(
    String(res.headers['content-type']),
    /^application\/problem\+json/,
    `${context}: ${res.statusCode} ${String(res.headers['content-type'])} ${res.body.slice(0, 200)}`,
  );
  assert.equal((JSON.parse(res.body) as { status: number }).status, res.statusCode, context);
}

forEachEngine('HTTP hardening', (engine) => {
  let t: TestApp;
  let doc: Doc;
  let ops: ReturnType<typeof operationsOf>;
  let ids: { person580: string; person860: string; plan860: string; user580: string; user860: string };

  before(async () => {
    t = await openTestApp(engine);
    doc = (await t.app.inject({ url: '/api/v1/openapi.json' })).json<Doc>();
    ops = operationsOf(doc);
    const register = async (code: string) => {
      const res = await t.app.inject({
        method: 'POST',
        url: `${M}/${code}/households`,
        headers: auth(await t.token(code, 'caseworker')),
        payload: aFamily(),
      });
      assert.equal(res.statusCode, 201, res.body);
      return res.json<{ members: { personId: string }[] }>().members[0]!.personId;
    };
    const plan = await t.app.inject({
      method: 'POST',
      url: `${M}/860/placement-plans`,
      headers: auth(await t.token('860', 'team_lead')),
      payload: { kind: 'housing', date: TODAY },
    });
    assert.equal(plan.statusCode, 201, plan.body);
    const userOf = async (code: string) =>
      (
        await t.database.db
          .selectFrom('users')
          .select('id')
          .where('municipality_code', '=', code)
          .where('role', '=', 'caseworker')
          .executeTakeFirstOrThrow()
      ).id;
    ids = {
      person580: await register('580'),
      person860: await register('860'),
      plan860: plan.json<{ id: string }>().id,
      user580: await userOf('580'),
      user860: await userOf('860'),
    };
  });
  after(async () => {
    await t.close();
  });

  test('a URL naming another municipality answers the same 404 whatever the id, before any query', async () => {
    const recorder = statementRecorder(t.database.db);
    const app = await buildApp({ db: recorder.db, vault: t.vault, engine, today: () => TODAY });
    try {
      const token = await t.token('580', 'team_lead');
      const caseworker = await t.token('580', 'caseworker');
      const planVersion = async () =>
        (
          await t.database.db
            .selectFrom('placement_plans')
            .select('version')
            .where('id', '=', ids.plan860)
            .executeTakeFirstOrThrow()
        ).version;
      const versionBefore = await planVersion();
      const withCode = ops.filter((o) => o.secured && o.path.includes('{code}'));
      assert.ok(withCode.length >= 18, `the document's routes with a municipality were found (${withCode.length})`);
      const bodies = new Set<string>();
      let requests = 0;
      for (const op of withCode) {
        const existing = op.path.includes('/placement-plans/{id}') ? ids.plan860 : ids.person860;
        const variants = op.path.includes('{id}') ? [existing, randomUUID(), ids.person580] : [''];
        for (const id of variants) {
          for (const bearer of [token, caseworker]) {
            const url = op.path.replace('{code}', '860').replace('{id}', id);
            const body = validBody(op.method, op.path, { user: ids.user860 });
            recorder.seen.length = 0;
            const res = await app.inject({
              method: op.method,
              url,
              headers: auth(bearer, { 'if-match': '*' }),
              ...(body === undefined ? {} : { payload: body as object }),
            });
            requests++;
            const context = `${op.method} ${url}`;
            assert.equal(res.statusCode, 404, `${context}: ${res.body}`);
            assertProblem(res, context);
            bodies.add(res.body);
            const touched = recorder.seen.filter(
              (q) =>
                q.sql.includes('860') ||
                q.parameters.some((p) => String(p).includes('860') || (id !== '' && String(p) === id)),
            );
            assert.deepEqual(
              touched.map((q) => `${q.sql} ${JSON.stringify(q.parameters)}`),
              [],
              `${context} sent no statement naming municipality 860 or the id`,
            );
            assert.ok(
              recorder.seen.every((q) => !/for update/i.test(q.sql)),
              `${context} locked nothing: ${recorder.seen.map((q) => q.sql).join(' | ')}`,
            );
          }
        }
      }
      assert.deepEqual(
        [...bodies],
        [bodies.values().next().value],
        `one body for every route and id (${requests} requests): ${[...bodies].join('\n')}`,
      );
      const problem = JSON.parse([...bodies][0]!) as Record<string, unknown>;
      assert.equal(problem.instance, undefined, 'the body does not carry the path (which holds the id)');
      assert.equal(await planVersion(), versionBefore, "the other municipality's plan was not decided");
    } finally {
      await app.close();
    }
  });

  test('authentication comes before validation: without a valid token every route answers 401 whatever the input', async () => {
    const secured = ops.filter((o) => o.secured);
    assert.ok(secured.length >= 20, `routes with a token were found (${secured.length})`);
    const forged = 'mb_580_' + 'A'.repeat(43);
    for (const op of secured) {
      for (const code of ['580', '860', 'abc']) {
        for (const authorization of [undefined, 'Bearer', `Bearer ${forged}`, 'Basic dXNlcjpwYXNz']) {
          const url = op.path.replace('{code}', code).replace('{id}', 'not-an-id') + '?limit=x&on=9999-99-99';
          const headers: Record<string, string> = { 'content-type': 'application/json', 'x-purpose': '' };
          if (authorization) headers.authorization = authorization;
          const res = await t.app.inject({
            method: op.method,
            url,
            headers,
            ...(op.method === 'GET' ? {} : { payload: '{"broken":' }),
          });
          const context = `${op.method} ${url} with ${authorization ?? 'no token'}`;
          assert.equal(res.statusCode, 401, `${context}: ${res.body}`);
          assertProblem(res, context);
        }
      }
    }
    // The case from the issue: a search without a token and without its query.
    const res = await t.app.inject({ url: `${M}/580/persons` });
    assert.equal(res.statusCode, 401, res.body);
  });

  test('every response of a route that needs a token is sent with Cache-Control: no-store', async () => {
    const token = await t.token('580', 'team_lead');
    const caseworker = await t.token('580', 'caseworker');
    const secured = ops.filter((o) => o.secured);
    const statuses = new Set<number>();
    for (const op of secured) {
      const url = op.path.replace('{code}', '580').replace('{id}', ids.person580);
      const body = validBody(op.method, op.path, { user: ids.user580 });
      for (const headers of [auth(caseworker), auth(token), {}]) {
        const res = await t.app.inject({
          method: op.method,
          url,
          headers,
          ...(body === undefined ? {} : { payload: body as object }),
        });
        statuses.add(res.statusCode);
        assert.equal(res.headers['cache-control'], 'no-store', `${op.method} ${url} → ${res.statusCode}`);
      }
    }
    assert.ok(
      [...statuses].some((s) => s >= 200 && s < 300),
      `successful answers were among them (${[...statuses].join(', ')})`,
    );
  });

  test('If-Match compares strongly: a weak ETag W/"n" does not match', async () => {
    const h = auth(await t.token('580', 'caseworker'));
    const created0 = await t.app.inject({ method: 'POST', url: `${M}/580/households`, headers: h, payload: aFamily() });
    assert.equal(created0.statusCode, 201, created0.body);
    const person = created0.json<{ members: { personId: string }[] }>().members[0]!.personId;
    const read = await t.app.inject({ url: `${M}/580/persons/${person}`, headers: h });
    const etag = String(read.headers.etag);
    assert.match(etag, /^"\d+"$/);
    for (const weak of [`W/${etag}`, `W/${etag}, "0"`]) {
      const res = await t.app.inject({
        method: 'PATCH',
        url: `${M}/580/persons/${person}`,
        headers: { ...h, 'if-match': weak },
        payload: { givenName: 'Weak' },
      });
      assert.equal(res.statusCode, 412, `If-Match: ${weak} → ${res.statusCode} ${res.body}`);
    }
    const visitation = `${M}/580/persons/${person}/visitation`;
    const created = await t.app.inject({
      method: 'PUT',
      url: visitation,
      headers: h,
      payload: { heldOn: '2025-03-05' },
    });
    assert.equal(created.statusCode, 201, created.body);
    const weakPut = await t.app.inject({
      method: 'PUT',
      url: visitation,
      headers: { ...h, 'if-match': `W/${String(created.headers.etag)}` },
      payload: { heldOn: '2025-03-06' },
    });
    assert.equal(weakPut.statusCode, 412, weakPut.body);
    const strong = await t.app.inject({
      method: 'PATCH',
      url: `${M}/580/persons/${person}`,
      headers: { ...h, 'if-match': etag },
      payload: { givenName: 'Strong' },
    });
    assert.equal(strong.statusCode, 200, strong.body);
  });

  test('PATCH {} changes nothing and logs no change', async () => {
    const h = auth(await t.token('580', 'caseworker'));
    const url = `${M}/580/persons/${ids.person580}`;
    const read = await t.app.inject({ url, headers: h });
    const changes = async () =>
      Number(
        (
          await t.database.db
            .selectFrom('access_log')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('person_id', '=', ids.person580)
            .where('action', '=', 'change')
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await changes();
    const res = await t.app.inject({
      method: 'PATCH',
      url,
      headers: { ...h, 'if-match': String(read.headers.etag) },
      payload: {},
    });
    assert.ok(res.statusCode < 300, `${res.statusCode} ${res.body}`);
    assert.equal(res.headers.etag, read.headers.etag, 'the version did not change');
    assert.equal(await changes(), before, 'no change was logged');
  });

  test('a date far outside the plausible range answers 400 on every kind of placement and every case date, never 500', async () => {
    const lead = auth(await t.token('580', 'team_lead'));
    for (const kind of ['housing', 'daycare', 'school', 'internships', 'mentors']) {
      for (const date of ['9999-12-31', '0001-01-01', '1899-12-31', '2101-01-01']) {
        const res = await t.app.inject({
          method: 'POST',
          url: `${M}/580/placement-plans`,
          headers: lead,
          payload: { kind, date },
        });
        assert.equal(res.statusCode, 400, `${kind} on ${date}: ${res.body}`);
        assertProblem(res, `${kind} on ${date}`);
        assert.match(res.body, /"pointer":"\/date"/);
      }
    }
    const h = auth(await t.token('580', 'caseworker'));
    const cases: [string, string, object, string][] = [
      ['POST', `${M}/580/households`, aFamily({ takeoverDate: '9999-12-31' }), '/takeoverDate'],
      ['POST', `${M}/580/households`, aFamily({ arrivalDate: '0001-01-01' }), '/arrivalDate'],
      [
        'POST',
        `${M}/580/households`,
        { ...aFamily(), members: [{ ...aFamily().members[0]!, cpr: undefined, birthDate: '9999-12-31' }] },
        '/members/0/birthDate',
      ],
      [
        'POST',
        `${M}/580/persons/${ids.person580}/activities`,
        { kind: 'danish_education', startDate: '9999-12-31', hoursPerWeek: 15 },
        '/startDate',
      ],
      [
        'POST',
        `${M}/580/persons/${ids.person580}/enrolments`,
        { kind: 'daycare', startDate: '2025-04-01', endDate: '9999-12-31' },
        '/endDate',
      ],
      ['PATCH', `${M}/580/persons/${ids.person580}`, { takeoverDate: '9999-12-31' }, '/takeoverDate'],
    ];
    for (const [method, url, payload, pointer] of cases) {
      const res = await t.app.inject({ method: method as Method, url, headers: { ...h, 'if-match': '*' }, payload });
      assert.equal(res.statusCode, 400, `${method} ${url} ${JSON.stringify(payload)}: ${res.body}`);
      assert.ok(
        res.json<{ errors?: { pointer: string }[] }>().errors?.some((e) => e.pointer === pointer),
        `${pointer} is named: ${res.body}`,
      );
    }
    for (const on of ['9999-12-31', '0001-01-01']) {
      for (const url of [`${M}/580/worklist?on=${on}`, `${M}/580/persons/${ids.person580}/obligations?on=${on}`]) {
        const res = await t.app.inject({ url, headers: h });
        assert.equal(res.statusCode, 400, `${url}: ${res.body}`);
      }
    }
  });

  test('an unknown what-if weight criterion answers 422 naming the criterion, on every kind of placement', async () => {
    const lead = auth(await t.token('580', 'team_lead'));
    for (const kind of ['housing', 'daycare', 'school', 'internships', 'mentors']) {
      for (const criterion of ['a', 'constructor', 'to_string']) {
        const res = await t.app.inject({
          method: 'POST',
          url: `${M}/580/placement-plans`,
          headers: lead,
          payload: { kind, date: TODAY, weights: { [criterion]: 1 } },
        });
        assert.equal(res.statusCode, 422, `${kind} with ${criterion}: ${res.body}`);
        assertProblem(res, `${kind} with ${criterion}`);
        const problem = res.json<{ detail: string; errors: { pointer: string }[] }>();
        assert.match(problem.detail, new RegExp(`"${criterion}"`));
        assert.deepEqual(
          problem.errors.map((e) => e.pointer),
          [`/weights/${criterion}`],
        );
      }
    }
  });

  test("oversized headers (431) and the HTTP parser's 400s answer problem+json", async () => {
    const app = await buildApp({ db: t.database.db, vault: t.vault, engine, today: () => TODAY });
    try {
      await app.listen({ port: 0, host: '127.0.0.1' });
      const port = (app.server.address() as AddressInfo).port;
      const cases: [string, number][] = [
        [`GET ${M}/580/persons?query=ab HTTP/1.1\r\nHost: localhost\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`, 431],
        ['GET /health HTTP/1.1\r\nHost: localhost\r\nBad Header Line\r\n\r\n', 400],
        ['NOT HTTP AT ALL\r\n\r\n', 400],
        ['GET /health HTTP/1.1\r\nHost: localhost\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab', 400],
        ['GET /health HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n', 400],
      ];
      for (const [text, status] of cases) {
        const res = await rawRequest(port, text);
        const context = JSON.stringify(text.slice(0, 60));
        assert.equal(res.status, status, `${context}: ${res.status} ${res.body}`);
        assert.match(
          res.headers['content-type'] ?? '',
          /^application\/problem\+json/,
          `${context}: ${JSON.stringify(res.headers)}`,
        );
        const problem = JSON.parse(res.body) as { status: number; title: string };
        assert.equal(problem.status, status);
        assert.equal(typeof problem.title, 'string');
      }
      const ok = await rawRequest(port, 'GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n');
      assert.equal(ok.status, 200, 'the server still answers');
    } finally {
      await app.close();
    }
  });

  test('a NUL in a search answers 400 (a Danish page on the web, problem+json in the API), never 500', async () => {
    const h = auth(await t.token('580', 'caseworker'));
    for (const query of ['a\u0000b', '\u0000', 'Amal\u0000Haddad']) {
      const res = await t.app.inject({ url: `${M}/580/persons?query=${encodeURIComponent(query)}`, headers: h });
      assert.equal(res.statusCode, 400, `${JSON.stringify(query)}: ${res.statusCode} ${res.body}`);
      assertProblem(res, JSON.stringify(query));
    }
    const web = await buildApp({
      db: t.database.db,
      vault: t.vault,
      engine,
      today: () => TODAY,
      web: { db: t.database.db, vault: t.vault, auth: { rp: null, publicUrl: 'http://localhost:3000' } },
    });
    try {
      const session = (
        await createToken(t.database.db, {
          municipalityCode: '580',
          role: 'caseworker',
          userName: 'Web search test',
          days: 1,
          hours: 1,
        })
      ).token;
      for (const q of ['a%00b', '%00', 'Amal%00', 'a%01b', 'a%0Ab']) {
        const res = await web.inject({ url: `/borgere?q=${q}`, cookies: { [SESSION_COOKIE]: session } });
        assert.equal(res.statusCode, 400, `q=${q}: ${res.statusCode} ${res.body.slice(0, 300)}`);
        assert.match(String(res.headers['content-type']), /^text\/html/);
        assert.match(res.body, /<html lang="da">/);
        assert.match(res.body, /Søgningen indeholder tegn, der ikke kan søges på/);
      }
    } finally {
      await web.close();
    }
  });

  test('404 and other HTML error pages carry the same security headers as every page', async () => {
    const web = await buildApp({
      db: t.database.db,
      vault: t.vault,
      engine,
      today: () => TODAY,
      web: { db: t.database.db, vault: t.vault, auth: { rp: null, publicUrl: 'http://localhost:3000' } },
    });
    try {
      const session = (
        await createToken(t.database.db, {
          municipalityCode: '580',
          role: 'caseworker',
          userName: 'Web header test',
          days: 1,
          hours: 1,
        })
      ).token;
      const cookies = { [SESSION_COOKIE]: session };
      const normal = await web.inject({ url: '/', cookies });
      assert.equal(normal.statusCode, 200, normal.body.slice(0, 300));
      const SECURITY = [
        'content-security-policy',
        'x-content-type-options',
        'x-frame-options',
        'referrer-policy',
        'cross-origin-opener-policy',
        'cross-origin-resource-policy',
        'x-permitted-cross-domain-policies',
      ];
      for (const name of SECURITY) assert.ok(normal.headers[name], `a page has ${name}`);
      assert.match(String(normal.headers['content-security-policy']), /frame-ancestors 'none'/);
      assert.equal(normal.headers['x-content-type-options'], 'nosniff');
      const errorPages: [string, number, object][] = [
        ['/findes-ikke', 404, {}],
        ['/findes-ikke', 404, cookies],
        ['/borgere/ikke-et-id', 404, cookies],
        [`/borgere/${randomUUID()}`, 404, cookies],
        ['/borgere/%zz', 400, cookies],
        [`/borgere/${'a'.repeat(120)}`, 414, cookies],
      ];
      for (const [url, status, c] of errorPages) {
        const res = await web.inject({ url, cookies: c as Record<string, string> });
        assert.equal(res.statusCode, status, `${url}: ${res.body.slice(0, 200)}`);
        assert.match(res.body, /<html lang="da">/, url);
        for (const name of SECURITY)
          assert.equal(res.headers[name], normal.headers[name], `${url} (${status}) has the page's ${name}`);
      }
      const post = await web.inject({
        method: 'POST',
        url: '/husstande/ny',
        cookies,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'takeoverDate=x',
      });
      assert.equal(post.statusCode, 403, 'a form without its CSRF token');
      for (const name of SECURITY)
        assert.equal(post.headers[name], normal.headers[name], `the 403 page has the page's ${name}`);
    } finally {
      await web.close();
    }
  });
});
