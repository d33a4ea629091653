// A database role the application cannot escape (issue 9, point 8). On PostgreSQL the server
// connects as the login role medborger_server: it owns nothing, is a member of medborger_app only,
// so RESET ROLE and SET ROLE <owner> lead nowhere, and a server started with the owner's URL is
// refused. The owner-only maintenance the server does (access-log purge, expired tokens, the CPR
// key fingerprint) runs through the owner's bounded functions, on both engines; and an access-log
// row in another user's name is refused by the database when the transaction names its user.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { loadConfig } from '../src/config.js';
import {
  migrate,
  openDatabase,
  purgeAccessLog,
  purgeAccessLogRows,
  purgeExpiredTokens,
  recordCprKeyFingerprint,
} from '../src/db/database.js';
import { APP_ROLE, SERVER_ROLE } from '../src/db/names.js';
import { checkApplicationRole } from '../src/db/roles.js';
import type { DB } from '../src/db/schema.js';
import { actingAs, inTenant } from '../src/db/tenant.js';
import { migrateDatabase, openRuntime, type Runtime } from '../src/runtime.js';
import { createToken } from '../src/services/tokens.js';
import { aFamily, auth, createPgDatabase, forEachEngine, openTestApp, type TestApp } from './helpers.js';
import {
  api,
  childEnv,
  freePort,
  killAllChildren,
  runCli,
  ServerProcess,
  startServer,
  withTimeout,
} from './process-helpers.js';

const M = '/api/v1/municipalities';
const count = (rows: { n: string | number }[]) => Number(rows[0]!.n);
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000);

after(() => {
  killAllChildren();
});

forEachEngine('the server connection and the owner-only maintenance', (engine) => {
  let t: TestApp;
  let userA: { id: string; name: string };
  let userB: { id: string; name: string };
  let head580: string;

  before(async () => {
    t = await openTestApp(engine);
    const family = await t.app.inject({
      method: 'POST',
      url: `${M}/580/households`,
      headers: auth(await t.token('580', 'caseworker')),
      payload: aFamily(),
    });
    assert.equal(family.statusCode, 201, family.body);
    head580 = family.json<{ members: { personId: string }[] }>().members[0]!.personId;
    const a = await createToken(t.database.db, {
      municipalityCode: '580',
      role: 'caseworker',
      userName: 'Rolle A',
      days: 1,
    });
    const b = await createToken(t.database.db, {
      municipalityCode: '580',
      role: 'caseworker',
      userName: 'Rolle B',
      days: 1,
    });
    userA = { id: a.userId, name: 'Rolle A' };
    userB = { id: b.userId, name: 'Rolle B' };
  });
  after(async () => {
    await t.close();
  });

  const logRow = (user: { id: string; name: string }, extra: Record<string, unknown> = {}) => ({
    municipality_code: '580',
    user_id: user.id,
    user_name: user.name,
    role: 'caseworker',
    person_id: head580,
    action: 'read',
    purpose: 'db-role test',
    resource: 'person',
    ...extra,
  });

  test('the access-log purge works on the server connection, which cannot delete access-log rows itself', async () => {
    const purpose = `purge ${randomBytes(4).toString('hex')}`;
    for (const age of [400, 366, 364, 0])
      await t.database.db
        .insertInto('access_log')
        .values(logRow(userA, { at: daysAgo(age), purpose, criterion: String(age) }))
        .execute();
    await assert.rejects(
      inTenant(t.appDb, '580', (tx) => sql`DELETE FROM access_log WHERE purpose = ${purpose}`.execute(tx)),
      /permission denied/,
    );
    if (engine === 'postgres')
      await assert.rejects(
        sql`DELETE FROM access_log WHERE purpose = ${purpose}`.execute(t.appDb),
        /permission denied/,
        'not even outside a tenant transaction',
      );
    assert.equal(await purgeAccessLog(t.appDb, 365), 2);
    const left = await t.database.db
      .selectFrom('access_log')
      .select('criterion')
      .where('purpose', '=', purpose)
      .orderBy('criterion')
      .execute();
    assert.deepEqual(
      left.map((r) => r.criterion),
      ['0', '364'],
    );
  });

  test('through the purge function the server connection cannot delete access-log rows younger than the retention the owner recorded', async () => {
    const purpose = `floor ${randomBytes(4).toString('hex')}`;
    for (const age of [200, 30])
      await t.database.db
        .insertInto('access_log')
        .values(logRow(userA, { at: daysAgo(age), purpose }))
        .execute();
    await migrate(t.database.db, { accessLogRetentionDays: 183 });
    try {
      const asked = await purgeAccessLogRows(t.appDb, 1);
      assert.equal(asked.retentionDays, 183, "a retention of 1 day asked by the application becomes the owner's 183");
      const left = await t.database.db
        .selectFrom('access_log')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('purpose', '=', purpose)
        .executeTakeFirstOrThrow();
      assert.equal(Number(left.n), 1, 'the 200-day-old row is purged, the 30-day-old row is kept');
      await assert.rejects(purgeAccessLogRows(t.appDb, 0), /at least 1/);
    } finally {
      await t.database.db.deleteFrom('settings').where('key', '=', 'access_log_retention_days').execute();
    }
  });

  test('expired tokens are purged through the server connection, which sees tokens only inside a tenant', async () => {
    const old = await createToken(t.database.db, {
      municipalityCode: '580',
      role: 'caseworker',
      userName: 'Udløbet',
      days: 1,
    });
    await t.database.db
      .updateTable('api_tokens')
      .set({ expires_at: daysAgo(40) })
      .where('user_id', '=', old.userId)
      .execute();
    assert.equal(await purgeExpiredTokens(t.appDb), 1);
    assert.equal(
      (await t.database.db.selectFrom('api_tokens').select('id').where('user_id', '=', old.userId).execute()).length,
      0,
    );
  });

  test('a recorded CPR key fingerprint cannot be replaced through the server connection', async () => {
    const first = await recordCprKeyFingerprint(t.appDb, 'fingerprint-a');
    assert.equal(
      await recordCprKeyFingerprint(t.appDb, 'fingerprint-b'),
      first,
      'the recorded fingerprint is returned, never replaced',
    );
    await assert.rejects(
      inTenant(t.appDb, '580', (tx) => sql`UPDATE settings SET value = 'x'`.execute(tx)),
      /permission denied/,
    );
    if (engine === 'postgres')
      await assert.rejects(sql`UPDATE settings SET value = 'x'`.execute(t.appDb), /permission denied/);
  });

  test("an access-log row in another user's name is refused by the database in a transaction acting as a user", async () => {
    const asA = actingAs(t.appDb, userA.id);
    await inTenant(asA, '580', (tx) =>
      tx
        .insertInto('access_log')
        .values(logRow(userA) as never)
        .execute(),
    );
    await assert.rejects(
      inTenant(asA, '580', (tx) =>
        tx
          .insertInto('access_log')
          .values(logRow(userB) as never)
          .execute(),
      ),
      /row-level security/,
    );
    const inB = await t.database.db
      .selectFrom('access_log')
      .select('id')
      .where('user_id', '=', userB.id)
      .where('purpose', '=', 'db-role test')
      .execute();
    assert.equal(inB.length, 0);
    const who = await inTenant(asA, '580', (tx) =>
      sql<{ u: string }>`SELECT current_setting('medborger.user_id') AS u`.execute(tx),
    );
    assert.equal(who.rows[0]!.u, userA.id);
  });
});

describe(
  "the server's PostgreSQL role [postgres]",
  { skip: !process.env.TEST_DATABASE_URL && 'TEST_DATABASE_URL is not set' },
  () => {
    let t: TestApp;
    let runtime: Runtime | undefined;
    let owner: string;
    const cprKey = randomBytes(32).toString('base64');

    before(async () => {
      t = await openTestApp('postgres');
      for (const code of ['580', '860']) {
        for (let i = 0; i < 2; i++) {
          const res = await t.app.inject({
            method: 'POST',
            url: `${M}/${code}/households`,
            headers: auth(await t.token(code, 'caseworker')),
            payload: aFamily(),
          });
          assert.equal(res.statusCode, 201, res.body);
        }
      }
      // The connection exactly as `medborger serve` opens it.
      runtime = await openRuntime(loadConfig({ DATABASE_URL: t.appUrl, MEDBORGER_CPR_KEY: cprKey }), 'serve');
      owner = (
        await sql<{
          o: string;
        }>`SELECT tableowner AS o FROM pg_tables WHERE schemaname = 'public' AND tablename = 'persons'`.execute(
          t.database.db,
        )
      ).rows[0]!.o;
    });
    after(async () => {
      await runtime?.close();
      await t.close();
    });

    const db = () => runtime!.database.db;

    test("the server's connection belongs to a login role that owns no table and is a member of medborger_app only", async () => {
      const who = await sql<{ s: string; c: string }>`SELECT session_user AS s, current_user AS c`.execute(db());
      assert.deepEqual(who.rows[0], { s: SERVER_ROLE, c: SERVER_ROLE });
      const tables = await sql<{
        tablename: string;
      }>`SELECT tablename FROM pg_tables WHERE tableowner = session_user`.execute(db());
      assert.deepEqual(tables.rows, []);
      const owned = await sql<{
        n: string;
      }>`SELECT count(*) AS n FROM pg_class WHERE relowner = (SELECT oid FROM pg_roles WHERE rolname = session_user)`.execute(
        db(),
      );
      assert.equal(count(owned.rows), 0, 'no relation of any kind');
      const memberOf = await sql<{
        rolname: string;
      }>`SELECT rolname FROM pg_roles r WHERE r.rolname <> session_user AND pg_has_role(session_user, r.oid, 'MEMBER') ORDER BY 1`.execute(
        db(),
      );
      assert.deepEqual(
        memberOf.rows.map((r) => r.rolname),
        [APP_ROLE],
      );
      assert.notEqual(owner, SERVER_ROLE);
    });

    test("RESET ROLE inside a tenant transaction on the server's connection shows no person of another municipality", async (ctx) => {
      const total = count((await sql<{ n: string }>`SELECT count(*) AS n FROM persons`.execute(t.database.db)).rows);
      const own = count(
        (
          await sql<{ n: string }>`SELECT count(*) AS n FROM persons WHERE municipality_code = '580'`.execute(
            t.database.db,
          )
        ).rows,
      );
      assert.ok(total > own && own > 0, `persons in 580 (${own}) and 860 (${total - own})`);
      const escape = (on: Kysely<DB>) =>
        inTenant(on, '580', async (tx) => {
          await sql`RESET ROLE`.execute(tx);
          const r = await sql<{
            u: string;
            all: string;
            other: string;
          }>`SELECT current_user AS u, count(*) AS all, count(*) FILTER (WHERE municipality_code = '860') AS other FROM persons`.execute(
            tx,
          );
          return { user: r.rows[0]!.u, visible: Number(r.rows[0]!.all), other: Number(r.rows[0]!.other) };
        });
      const viaOwner = await escape(t.database.db); // how the server connected before: as the owner
      const viaServer = await escape(db());
      assert.deepEqual(
        viaServer,
        { user: SERVER_ROLE, visible: own, other: 0 },
        `after RESET ROLE the server's connection sees only 580's ${own} persons`,
      );
      ctx.diagnostic(
        `RESET ROLE in a 580 transaction: on the owner's connection ${viaOwner.visible} of ${total} persons visible (${viaOwner.other} of 860); on the server's connection ${viaServer.visible} (${viaServer.other} of 860)`,
      );
    });

    test("SET ROLE to the owner fails with permission denied on the server's connection, in and outside a transaction", async () => {
      await assert.rejects(sql`SET ROLE ${sql.id(owner)}`.execute(db()), /permission denied to set role/);
      await assert.rejects(
        inTenant(db(), '580', (tx) => sql`SET LOCAL ROLE ${sql.id(owner)}`.execute(tx)),
        /permission denied to set role/,
      );
      await assert.rejects(
        inTenant(db(), '580', (tx) => sql`SELECT set_config('role', ${owner}, true)`.execute(tx)),
        /permission denied to set role/,
      );
      await assert.rejects(
        sql`SET SESSION AUTHORIZATION ${sql.id(owner)}`.execute(db()),
        /permission denied to set session authorization/,
      );
      await assert.rejects(
        sql`SELECT * FROM settings`.execute(db()),
        /permission denied/,
        'owner-only tables stay closed',
      );
    });

    test('a connection that is the owner, has BYPASSRLS or can SET ROLE to the owner is refused with a clear message', async () => {
      await assert.rejects(
        openRuntime(loadConfig({ DATABASE_URL: t.url, MEDBORGER_CPR_KEY: cprKey }), 'serve'),
        /must belong to a login role that owns nothing and cannot become the owner, but "postgres" is a superuser.*owns \d+ database objects/,
      );
      const suffix = randomBytes(4).toString('hex');
      const bypass = `medborger_t_bypass_${suffix}`;
      const climber = `medborger_t_climber_${suffix}`;
      const admin = await openDatabase({ dataDir: '', databaseUrl: t.url, poolSize: 1 });
      try {
        await sql.raw(`CREATE ROLE ${bypass} NOLOGIN BYPASSRLS IN ROLE ${APP_ROLE}`).execute(admin.db);
        await sql.raw(`CREATE ROLE ${climber} NOLOGIN IN ROLE ${APP_ROLE}, ${owner}`).execute(admin.db);
        // One connection: SET SESSION AUTHORIZATION makes each role the session user in turn.
        await sql.raw(`SET SESSION AUTHORIZATION ${bypass}`).execute(admin.db);
        await assert.rejects(checkApplicationRole(admin.db), /"medborger_t_bypass_\w+" has BYPASSRLS/);
        await sql.raw(`SET SESSION AUTHORIZATION ${climber}`).execute(admin.db);
        await assert.rejects(
          checkApplicationRole(admin.db),
          new RegExp(`can SET ROLE to .*"${owner}" \\(the owner of the tables\\)`),
        );
        await sql.raw(`SET SESSION AUTHORIZATION ${SERVER_ROLE}`).execute(admin.db);
        await checkApplicationRole(admin.db);
        await sql.raw('RESET SESSION AUTHORIZATION').execute(admin.db);
      } finally {
        await sql
          .raw('RESET SESSION AUTHORIZATION')
          .execute(admin.db)
          .catch(() => undefined);
        await sql.raw(`DROP ROLE IF EXISTS ${bypass}`).execute(admin.db);
        await sql.raw(`DROP ROLE IF EXISTS ${climber}`).execute(admin.db);
        await admin.close();
      }
    });

    test("starting the server with the owner's URL is refused with a clear message", async () => {
      const server = new ServerProcess(childEnv({ DATABASE_URL: t.url, MEDBORGER_CPR_KEY: cprKey }), await freePort());
      const r = await withTimeout(server.exited, 30_000, 'the server with the owner URL to give up');
      assert.notEqual(r.code, 0);
      assert.doesNotMatch(r.stdout, /listening on/);
      assert.match(
        r.stderr,
        /must belong to a login role that owns nothing and cannot become the owner, but "postgres" is a superuser/,
      );
      assert.match(r.stderr, /MEDBORGER_OWNER_DATABASE_URL=.* npx medborger migrate/, 'it says how to run it instead');
    });

    test("migrate with the owner's URL sets up the login role DATABASE_URL names; the running server's connections all belong to it and it owns no table", async (ctx) => {
      const pgdb = await createPgDatabase();
      const role = `medborger_t_server_${randomBytes(4).toString('hex')}`;
      const appUrl = new URL(pgdb.appUrl);
      appUrl.username = role;
      appUrl.password = 'not-used-with-trust';
      const env = childEnv({
        MEDBORGER_OWNER_DATABASE_URL: pgdb.url,
        DATABASE_URL: appUrl.toString(),
        MEDBORGER_CPR_KEY: cprKey,
      });
      let server: ServerProcess | undefined;
      const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
      await admin.connect();
      try {
        const migrated = await runCli(['migrate'], env);
        assert.equal(migrated.code, 0, migrated.stderr);
        assert.match(
          migrated.stdout,
          new RegExp(`the server connects as the login role ${role}: DATABASE_URL=postgres://${role}@`),
        );
        const attrs = await admin.query(
          `SELECT rolcanlogin, rolsuper, rolbypassrls, rolcreaterole, rolpassword IS NOT NULL AS has_password, pg_has_role(oid, '${APP_ROLE}', 'USAGE') AS app FROM pg_authid WHERE rolname = $1`,
          [role],
        );
        assert.deepEqual(attrs.rows[0], {
          rolcanlogin: true,
          rolsuper: false,
          rolbypassrls: false,
          rolcreaterole: false,
          has_password: true,
          app: true,
        });

        const { MEDBORGER_OWNER_DATABASE_URL: _owner, ...serverEnv } = env;
        server = await startServer(serverEnv);
        const health = await api(server.url, null, 'GET', '/health');
        assert.equal(health.status, 200, health.text);
        const name = new URL(pgdb.url).pathname.slice(1);
        const sessions = await admin.query<{ usename: string; n: string }>(
          `SELECT usename, count(*)::text AS n FROM pg_stat_activity WHERE datname = $1 AND application_name = 'medborger serve' GROUP BY 1`,
          [name],
        );
        assert.deepEqual(
          sessions.rows.map((r) => r.usename),
          [role],
          `the server's connections: ${JSON.stringify(sessions.rows)}`,
        );
        const c = new pg.Client({ connectionString: pgdb.url });
        await c.connect();
        try {
          const owned = await c.query<{ n: string }>(
            'SELECT count(*)::text AS n FROM pg_class WHERE relowner = (SELECT oid FROM pg_roles WHERE rolname = $1)',
            [role],
          );
          assert.equal(Number(owned.rows[0]!.n), 0);
        } finally {
          await c.end();
        }
        ctx.diagnostic(
          `the running server's connections: ${sessions.rows.map((r) => `${r.n} as ${r.usename}`).join(', ')}; tables it owns: 0`,
        );
        const stopped = await server.stop('SIGTERM');
        assert.equal(stopped.code, 0, stopped.stderr);
      } finally {
        if (server?.running) await server.kill();
        await pgdb.drop();
        await admin.query(`DROP ROLE IF EXISTS ${role}`);
        await admin.end();
      }
    });

    test('the server refuses a schema that the owner has not migrated', async () => {
      const pgdb = await createPgDatabase();
      try {
        // The login role exists (cluster-wide) but this database has never been migrated.
        await assert.rejects(
          openRuntime(loadConfig({ DATABASE_URL: pgdb.appUrl, MEDBORGER_CPR_KEY: cprKey }), 'serve'),
          /finds no role|not up to date|does not inherit|npx medborger migrate/,
        );
        const migrated = await migrateDatabase(
          loadConfig({ MEDBORGER_OWNER_DATABASE_URL: pgdb.url, DATABASE_URL: pgdb.appUrl }),
        );
        assert.ok(migrated.applied.includes('0004_login_role'));
        assert.equal(migrated.server?.role, SERVER_ROLE);
        const opened = await openRuntime(loadConfig({ DATABASE_URL: pgdb.appUrl, MEDBORGER_CPR_KEY: cprKey }), 'serve');
        await opened.close();
      } finally {
        await pgdb.drop();
      }
    });
  },
);
