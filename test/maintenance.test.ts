import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { purgeExpiredTokens } from '../src/db/database.js';
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
});
