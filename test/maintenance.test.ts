import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { vacuumPastThresholds } from '../src/db/autovacuum.js';
import { purgeAccessLogRows, purgeExpiredTokens } from '../src/db/database.js';
import { runRetention } from '../src/services/retention.js';
import { authenticate, createToken } from '../src/services/tokens.js';
import { forEachEngine, openTestDb, type TestDb } from './helpers.js';

forEachEngine('maintenance', (engine) => {
  let t: TestDb;
  before(async () => {
    t = await openTestDb(engine);
  });
  after(async () => {
    await t.cleanup();
  });

  // PGlite runs no autovacuum of its own: the server runs this one (src/server.ts).
  if (engine === 'pglite')
    test('on the embedded database, the marks that every write adds and removes are vacuumed away, not left for every worklist to scan', async () => {
      const db = t.database.db;
      for (let i = 0; i < 120; i++) {
        await sql`INSERT INTO obligations_dirty (municipality_code, person_id) VALUES ('580', gen_random_uuid())`.execute(
          db,
        );
        await sql`DELETE FROM obligations_dirty`.execute(db);
      }
      const dead = async () =>
        Number(
          (
            await sql<{
              n: string;
            }>`SELECT n_dead_tup AS n FROM pg_stat_user_tables WHERE relname = 'obligations_dirty'`.execute(db)
          ).rows[0]!.n,
        );
      // The counters reach the statistics within a second or so.
      for (let waited = 0; (await dead()) < 120 && waited < 5000; waited += 100)
        await new Promise((r) => setTimeout(r, 100));
      assert.equal(await dead(), 120);
      const done = await vacuumPastThresholds(db);
      assert.deepEqual(
        done.find((d) => d.table === 'obligations_dirty'),
        { table: 'obligations_dirty', vacuum: true, analyze: true },
      );
      assert.equal(await dead(), 0);
      const size = await sql<{ n: string }>`SELECT pg_relation_size('obligations_dirty') AS n`.execute(db);
      assert.equal(Number(size.rows[0]!.n), 0, 'the empty queue is truncated to no page');
      assert.deepEqual(
        (await vacuumPastThresholds(db)).map((d) => d.table),
        [],
        'nothing is past its threshold right after',
      );
    });

  test('tokens and sessions that expired long ago are deleted; live ones keep working', async () => {
    const live = await createToken(t.database.db, {
      municipalityCode: '580',
      role: 'caseworker',
      userName: 'Live',
      days: 1,
    });
    const old = await createToken(t.database.db, {
      municipalityCode: '580',
      role: 'caseworker',
      userName: 'Old',
      days: 1,
    });
    await t.database.db
      .updateTable('api_tokens')
      .set({ expires_at: new Date(Date.now() - 40 * 86_400_000) })
      .where('user_id', '=', old.userId)
      .execute();
    assert.equal(await purgeExpiredTokens(t.database.db), 1);
    assert.equal(await authenticate(t.database.db, old.token), null);
    assert.ok(await authenticate(t.database.db, live.token));
    const users = await t.database.db.selectFrom('users').select('name').where('id', '=', old.userId).execute();
    assert.equal(users.length, 1, 'the user stays; the access log refers to users, not tokens');
  });

  test("retention keeps the access-log rows of the persons it deletes; the access log's own retention purges them later", async () => {
    const db = t.database.db;
    const household = await db
      .insertInto('households')
      .values({ municipality_code: '580', takeover_date: '2019-06-01' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const person = await db
      .insertInto('persons')
      .values({
        municipality_code: '580',
        household_id: household.id,
        household_relation: 'head',
        given_name: 'Amal',
        family_name: 'Haddad',
        birth_date: '1990-01-01',
        sex: 'female',
        residence_basis: 'spontaneous_refugee',
        takeover_date: '2019-06-01',
        languages: ['ar'],
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('case_closures')
      .values({ municipality_code: '580', person_id: person.id, closed_on: '2020-01-10', reason: 'moved' })
      .execute();
    const report = await runRetention(db, { today: '2026-11-23', dryRun: false, municipalities: ['580'] });
    assert.equal(report.totalCases, 1);
    const rows = async () =>
      (await sql<{ n: number }>`SELECT count(*)::int AS n FROM access_log WHERE person_id = ${person.id}`.execute(db))
        .rows[0]!.n;
    assert.equal(await rows(), 1, 'the deletion is logged, and its row outlives the person');
    await sql`UPDATE access_log SET at = now() - interval '400 days' WHERE person_id = ${person.id}`.execute(db);
    await purgeAccessLogRows(db, 183);
    assert.equal(await rows(), 0, 'purged with the access log’s retention');
  });
});
