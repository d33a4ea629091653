// Issue 9, point 3: identities that cannot be borrowed. A user is the identity provider's
// (issuer, subject); the display name is a label. A token made through the API or the CLI
// belongs to a new integration client, never to an existing person; its creation and
// revocation are in the audit trail; an admin lists and revokes tokens.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import type { z } from 'zod';
import { buildApp } from '../src/app.js';
import type { AuditEventSchema, TokenCreatedSchema, TokenViewSchema } from '../src/http/schemas.js';
import { hashToken } from '../src/security/tokens.js';
import { authenticate, createToken, signIn } from '../src/services/tokens.js';
import { aFamily, auth, forEachEngine, openTestDb, TODAY, type TestDb } from './helpers.js';
import { PUBLIC_URL, signInThroughWeb, stubProvider, TEST_ISSUER, type StubProvider } from './web-sign-in-helpers.js';

const M = '/api/v1/municipalities';

type TokenCreated = z.infer<typeof TokenCreatedSchema>;
type TokenView = z.infer<typeof TokenViewSchema>;
interface TokenList {
  tokens: TokenView[];
}

forEachEngine('identities and tokens', (engine) => {
  let t: TestDb;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let idp: StubProvider;
  let admin: string;
  let admin813: string;
  let headId: string;

  const db = () => t.database.db;
  const accessRows = (personId: string) =>
    db()
      .selectFrom('access_log')
      .select(['user_id', 'user_name'])
      .where('person_id', '=', personId)
      .orderBy('id')
      .execute();
  const audit = (tokenId: string) =>
    db().selectFrom('audit_events').selectAll().where('token_id', '=', tokenId).orderBy('id').execute();
  /** An API token made by the admin through the API. */
  const newToken = async (payload: object) =>
    (await app.inject({ method: 'POST', url: '/api/v1/tokens', headers: auth(admin), payload })).json<TokenCreated>();

  before(async () => {
    t = await openTestDb(engine);
    idp = stubProvider();
    app = await buildApp({
      db: db(),
      vault: t.vault,
      engine,
      today: () => TODAY,
      web: { db: db(), vault: t.vault, auth: { rp: idp.rp, publicUrl: PUBLIC_URL } },
    });
    admin = (
      await createToken(db(), { municipalityCode: '580', role: 'admin', userName: 'identity test admin', days: 1 })
    ).token;
    admin813 = (
      await createToken(db(), { municipalityCode: '813', role: 'admin', userName: 'identity test admin 813', days: 1 })
    ).token;
    const caseworker = (
      await createToken(db(), {
        municipalityCode: '580',
        role: 'caseworker',
        userName: 'identity test caseworker',
        days: 1,
      })
    ).token;
    const res = await app.inject({
      method: 'POST',
      url: `${M}/580/households`,
      headers: auth(caseworker),
      payload: aFamily(),
    });
    assert.equal(res.statusCode, 201, res.body);
    headId = res.json<{ members: { personId: string }[] }>().members[0]!.personId;
  });
  after(async () => {
    await app.close();
    await t.cleanup();
  });

  test("a token created for an existing caseworker's name does not act as that caseworker, and reads with it are not logged in their name", async () => {
    // An existing person's account, as sign-in (or an older Medborger) created it.
    const mette = await db()
      .insertInto('users')
      .values({ municipality_code: '580', name: 'Mette Borrowed', role: 'caseworker', person_id: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: auth(admin),
      payload: { role: 'caseworker', user: 'Mette Borrowed' },
    });
    assert.equal(res.statusCode, 201, res.body);
    const created = res.json<TokenCreated>();
    assert.notEqual(created.userId, mette.id, 'a new technical user, not Mette');
    assert.equal(created.userName, 'Integration: Mette Borrowed');
    const user = await db()
      .selectFrom('users')
      .select(['kind', 'issuer', 'subject', 'name'])
      .where('id', '=', created.userId)
      .executeTakeFirstOrThrow();
    assert.deepEqual(user, {
      kind: 'integration_client',
      issuer: null,
      subject: null,
      name: 'Integration: Mette Borrowed',
    });

    const read = await app.inject({ url: `${M}/580/persons/${headId}`, headers: auth(created.token) });
    assert.equal(read.statusCode, 200, read.body);
    const rows = await accessRows(headId);
    const last = rows[rows.length - 1]!;
    assert.equal(last.user_id, created.userId);
    assert.equal(last.user_name, 'Integration: Mette Borrowed');
    assert.ok(!rows.some((r) => r.user_id === mette.id), "nothing is logged in Mette's name");
  });

  test('every token created through the API is a new integration client, even with the same client name twice', async () => {
    const a = await newToken({ role: 'housing', user: 'Boligsystem' });
    const b = await newToken({ role: 'housing', user: 'Boligsystem' });
    assert.notEqual(a.userId, b.userId);
    assert.equal(a.userName, 'Integration: Boligsystem');
    assert.equal(b.userName, 'Integration: Boligsystem');
  });

  test('creating a token is written to the audit trail: who created it, for which client, which role, until when', async () => {
    const adminActor = (await authenticate(db(), admin))!;
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: auth(admin),
      payload: { role: 'team_lead', user: 'Ledelsesinformation', days: 3 },
    });
    const created = res.json<TokenCreated>();
    const rows = await audit(created.tokenId);
    assert.equal(rows.length, 1);
    const row = rows[0]!;
    assert.equal(row.event, 'token.created');
    assert.equal(row.actor_user_id, adminActor.userId);
    assert.equal(row.actor_name, adminActor.userName);
    assert.equal(row.actor_role, 'admin');
    assert.equal(row.subject_user_id, created.userId);
    assert.equal(row.subject_name, 'Integration: Ledelsesinformation');
    assert.equal(row.subject_kind, 'integration_client');
    assert.equal(row.role, 'team_lead');
    assert.equal(new Date(row.expires_at!).toISOString(), created.expiresAt);

    // The command line (no actor) is recorded as such.
    const cli = await createToken(db(), {
      municipalityCode: '580',
      role: 'caseworker',
      userName: 'Eksport',
      days: 1,
      createdVia: 'kommandolinje (token create)',
    });
    const [cliRow] = await audit(cli.tokenId);
    assert.equal(cliRow!.actor_user_id, null);
    assert.equal(cliRow!.actor_name, 'kommandolinje (token create)');
    assert.equal(cliRow!.subject_name, 'Integration: Eksport');
  });

  test('the audit trail is append-only for the application and isolated per municipality', async () => {
    await assert.rejects(
      db()
        .transaction()
        .execute(async (tx) => {
          await sql`SELECT set_config('role', 'medborger_app', true), set_config('medborger.municipality', '580', true)`.execute(
            tx,
          );
          await sql`UPDATE audit_events SET actor_name = 'someone else'`.execute(tx);
        }),
      /permission denied/,
    );
    const other = await app.inject({ url: '/api/v1/audit-events', headers: auth(admin813) });
    assert.equal(other.statusCode, 200, other.body);
    const { events } = other.json<{ events: z.infer<typeof AuditEventSchema>[] }>();
    assert.ok(
      events.every((e) => !e.user.name.includes('Mette') && !e.user.name.includes('Boligsystem')),
      "813 sees none of 580's events",
    );
  });

  test('two people with the same display name who sign in stay two users, each logged in their own name', async () => {
    idp.next = {
      issuer: TEST_ISSUER,
      subject: 'sub-anne-1',
      name: 'Anne Jensen',
      municipalityCode: '580',
      role: 'caseworker',
    };
    const first = await signInThroughWeb(app, null);
    idp.next = {
      issuer: TEST_ISSUER,
      subject: 'sub-anne-2',
      name: 'Anne Jensen',
      municipalityCode: '580',
      role: 'caseworker',
    };
    const second = await signInThroughWeb(app, null);
    assert.equal(first.callbackStatus, 302);
    assert.equal(second.callbackStatus, 302);
    const one = (await authenticate(db(), first.session!))!;
    const two = (await authenticate(db(), second.session!))!;
    assert.equal(one.userName, 'Anne Jensen');
    assert.equal(two.userName, 'Anne Jensen');
    assert.notEqual(one.userId, two.userId, 'different subjects are different users');

    const page = await app.inject({
      url: `/borgere/${headId}`,
      cookies: { '__Host-medborger-session': second.session! },
    });
    assert.equal(page.statusCode, 200);
    const rows = await accessRows(headId);
    assert.equal(rows[rows.length - 1]!.user_id, two.userId);
    assert.ok(!rows.some((r) => r.user_id === one.userId), 'the first Anne read nothing');
  });

  test('the same subject signing in again is the same user; the name and role follow the identity provider', async () => {
    idp.next = {
      issuer: TEST_ISSUER,
      subject: 'sub-lars',
      name: 'Lars Nielsen',
      municipalityCode: '580',
      role: 'caseworker',
    };
    const a = (await authenticate(db(), (await signInThroughWeb(app, null)).session!))!;
    idp.next = {
      issuer: TEST_ISSUER,
      subject: 'sub-lars',
      name: 'Lars Nielsen-Holm',
      municipalityCode: '580',
      role: 'team_lead',
    };
    const b = (await authenticate(db(), (await signInThroughWeb(app, null)).session!))!;
    assert.equal(a.userId, b.userId);
    assert.equal(b.userName, 'Lars Nielsen-Holm');
    assert.equal(b.role, 'team_lead');
    // The same subject from another identity provider is someone else.
    const other = await signIn(db(), {
      issuer: 'https://other-idp.example',
      subject: 'sub-lars',
      name: 'Lars Nielsen',
      municipalityCode: '580',
      role: 'caseworker',
      hours: 1,
    });
    assert.notEqual(other.userId, a.userId);
  });

  test('a session after sign-in belongs to that user, and sign-in and sign-out are in the audit trail', async () => {
    idp.next = {
      issuer: TEST_ISSUER,
      subject: 'sub-sofie',
      name: 'Sofie Berg',
      municipalityCode: '580',
      role: 'caseworker',
    };
    const { session } = await signInThroughWeb(app, null);
    const actor = (await authenticate(db(), session!))!;
    const token = await db()
      .selectFrom('api_tokens')
      .select(['id', 'kind', 'user_id'])
      .where('token_hash', '=', hashToken(session!))
      .executeTakeFirstOrThrow();
    assert.deepEqual({ kind: token.kind, user: token.user_id }, { kind: 'session', user: actor.userId });
    const home = await app.inject({ url: '/', cookies: { '__Host-medborger-session': session! } });
    const csrf = /name="_csrf" value="([^"]+)"/.exec(home.body)![1]!;
    const out = await app.inject({
      method: 'POST',
      url: '/logout',
      cookies: { '__Host-medborger-session': session! },
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `_csrf=${encodeURIComponent(csrf)}`,
    });
    assert.equal(out.statusCode, 302);
    assert.deepEqual(
      (await audit(token.id)).map((r) => [r.event, r.actor_user_id, r.subject_user_id]),
      [
        ['session.started', actor.userId, actor.userId],
        ['session.ended', actor.userId, actor.userId],
      ],
    );
  });

  test('an admin lists tokens and sessions without their secret, and a revoked token stops working; the revocation is audited', async () => {
    const created = await newToken({ role: 'caseworker', user: 'Fagsystem' });
    assert.equal(
      (await app.inject({ url: `${M}/580/persons/${headId}`, headers: auth(created.token) })).statusCode,
      200,
    );

    const list = await app.inject({ url: '/api/v1/tokens', headers: auth(admin) });
    assert.equal(list.statusCode, 200, list.body);
    assert.ok(!list.body.includes(created.token), 'never the token');
    assert.ok(
      !list.body.includes(hashToken(created.token).toString('hex')) &&
        !list.body.includes(hashToken(created.token).toString('base64')),
      'never its hash',
    );
    const adminActor = (await authenticate(db(), admin))!;
    const entry = list.json<TokenList>().tokens.find((x) => x.id === created.tokenId)!;
    assert.deepEqual(
      {
        kind: entry.kind,
        user: entry.user,
        role: entry.role,
        createdBy: entry.createdBy,
        status: entry.status,
        expiresAt: entry.expiresAt,
      },
      {
        kind: 'api',
        user: { id: created.userId, name: 'Integration: Fagsystem', kind: 'integration_client' },
        role: 'caseworker',
        createdBy: { id: adminActor.userId, name: adminActor.userName },
        status: 'active',
        expiresAt: created.expiresAt,
      },
    );
    assert.ok(
      list.json<TokenList>().tokens.some((x) => x.kind === 'session'),
      'browser sessions are listed too',
    );

    const revoke = await app.inject({
      method: 'POST',
      url: `/api/v1/tokens/${created.tokenId}/revoke`,
      headers: auth(admin),
    });
    assert.equal(revoke.statusCode, 200, revoke.body);
    assert.equal(revoke.json<TokenView>().status, 'revoked');
    assert.deepEqual(revoke.json<TokenView>().revokedBy, { id: adminActor.userId, name: adminActor.userName });
    const refused = await app.inject({ url: `${M}/580/persons/${headId}`, headers: auth(created.token) });
    assert.equal(refused.statusCode, 401);
    assert.equal(refused.headers['content-type'], 'application/problem+json');

    const again = await app.inject({
      method: 'POST',
      url: `/api/v1/tokens/${created.tokenId}/revoke`,
      headers: auth(admin),
    });
    assert.equal(again.statusCode, 200, 'revoking twice changes nothing');
    assert.deepEqual(
      (await audit(created.tokenId)).map((r) => [r.event, r.actor_user_id]),
      [
        ['token.created', adminActor.userId],
        ['token.revoked', adminActor.userId],
      ],
    );

    const active = (await app.inject({ url: '/api/v1/tokens', headers: auth(admin) })).json<TokenList>().tokens;
    assert.ok(!active.some((x) => x.id === created.tokenId), 'the default list shows active tokens only');
    const all = (await app.inject({ url: '/api/v1/tokens?all=true', headers: auth(admin) })).json<TokenList>().tokens;
    assert.ok(all.some((x) => x.id === created.tokenId && x.status === 'revoked'));
  });

  test("token administration is for the admin of the token's own municipality only", async () => {
    const caseworker = await createToken(db(), {
      municipalityCode: '580',
      role: 'caseworker',
      userName: 'no admin',
      days: 1,
    });
    for (const req of [
      { method: 'GET' as const, url: '/api/v1/tokens' },
      { method: 'GET' as const, url: '/api/v1/audit-events' },
      { method: 'POST' as const, url: `/api/v1/tokens/${caseworker.tokenId}/revoke` },
      { method: 'POST' as const, url: '/api/v1/tokens', payload: { role: 'admin', user: 'x' } },
    ]) {
      const res = await app.inject({ ...req, headers: auth(caseworker.token) });
      assert.equal(res.statusCode, 403, `${req.method} ${req.url}`);
      assert.equal(res.headers['content-type'], 'application/problem+json');
    }
    // Another municipality's admin: the token is not found there, and it keeps working.
    const res = await app.inject({
      method: 'POST',
      url: `/api/v1/tokens/${caseworker.tokenId}/revoke`,
      headers: auth(admin813),
    });
    assert.equal(res.statusCode, 404);
    assert.ok(await authenticate(db(), caseworker.token));
    const list813 = (await app.inject({ url: '/api/v1/tokens?all=true', headers: auth(admin813) })).json<TokenList>()
      .tokens;
    assert.ok(!list813.some((x) => x.id === caseworker.tokenId));
  });

  test('the token routes authenticate before they validate (401, problem+json)', async () => {
    for (const req of [
      { method: 'POST' as const, url: '/api/v1/tokens', payload: { role: 'nobody' } },
      { method: 'GET' as const, url: '/api/v1/tokens?kind=nonsense' },
      { method: 'POST' as const, url: '/api/v1/tokens/not-a-uuid/revoke' },
      { method: 'GET' as const, url: '/api/v1/audit-events' },
    ]) {
      const res = await app.inject(req);
      assert.equal(res.statusCode, 401, `${req.method} ${req.url}: ${res.body}`);
      assert.equal(res.headers['content-type'], 'application/problem+json');
    }
    const unknown = await app.inject({
      method: 'POST',
      url: '/api/v1/tokens/00000000-0000-4000-8000-000000000000/revoke',
      headers: auth(admin),
    });
    assert.equal(unknown.statusCode, 404);
    assert.equal(unknown.headers['content-type'], 'application/problem+json');
  });

  test('a citizen token is keyed to the person, not to a name: any name gives the same citizen user, and a staff token with that name is someone else', async () => {
    const a = await newToken({ role: 'citizen', user: 'Amal Haddad', personId: headId });
    const b = await newToken({ role: 'citizen', user: 'Borger', personId: headId });
    assert.equal(a.userId, b.userId);
    const actor = (await authenticate(db(), b.token))!;
    assert.deepEqual({ role: actor.role, personId: actor.personId }, { role: 'citizen', personId: headId });
    const staff = await newToken({ role: 'caseworker', user: 'Amal Haddad' });
    assert.notEqual(staff.userId, a.userId);
    const [created] = await audit(b.tokenId);
    assert.deepEqual([created!.event, created!.role, created!.subject_user_id], ['token.created', 'citizen', a.userId]);
  });

  test('no sign-in reaches an account by its name: an identity provider naming an existing caseworker gets a user of its own', async () => {
    const existing = await db()
      .insertInto('users')
      .values({ municipality_code: '580', name: 'Karen Navnesen', role: 'caseworker', person_id: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    idp.next = {
      issuer: TEST_ISSUER,
      subject: 'sub-karen-impostor',
      name: 'Karen Navnesen',
      municipalityCode: '580',
      role: 'caseworker',
    };
    const { session } = await signInThroughWeb(app, null);
    const actor = (await authenticate(db(), session!))!;
    assert.notEqual(actor.userId, existing.id);
  });
});
