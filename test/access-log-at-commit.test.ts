// On PostgreSQL the access-log rows of an operation go with its COMMIT (src/db/tenant.ts,
// writeAtCommit): the purpose and the names are stored exactly as given, whatever quotes or
// backslashes they hold, and a row that cannot be written fails the whole operation, so that no
// use of personal data commits without its row. The same on the embedded database, where the rows
// are written at once.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { inTenant } from '../src/db/tenant.js';
import { recordAccess } from '../src/repositories/access-log.js';
import { aFamily, auth, forEachEngine, openTestApp, type TestApp } from './helpers.js';

forEachEngine('access-log rows written with the commit', (engine) => {
  let t: TestApp;
  before(async () => {
    t = await openTestApp(engine);
  });
  after(async () => {
    await t.close();
  });

  test('a purpose with quotes, backslashes and a semicolon is stored exactly as sent', async () => {
    const token = await t.token('580', 'caseworker');
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/municipalities/580/households',
      headers: auth(token),
      payload: aFamily(),
    });
    assert.equal(created.statusCode, 201, created.body);
    const personId = created.json<{ members: { personId: string }[] }>().members[0]!.personId;
    const purpose = "O'Brien's sag \\ 'x'); DROP TABLE persons; -- \\' end";
    const read = await t.app.inject({
      url: `/api/v1/municipalities/580/persons/${personId}`,
      headers: auth(token, { 'x-purpose': purpose }),
    });
    assert.equal(read.statusCode, 200, read.body);
    const row = await t.database.db
      .selectFrom('access_log')
      .select(['purpose', 'action'])
      .where('person_id', '=', personId)
      .where('action', '=', 'read')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    assert.equal(row.purpose, purpose);
    assert.ok((await t.database.db.selectFrom('persons').select('id').execute()).length > 0);
  });

  test('an access-log row that cannot be written fails the operation, and nothing of it is committed', async () => {
    const staff = await t.database.db
      .selectFrom('users')
      .select(['id', 'name'])
      .where('municipality_code', '=', '580')
      .executeTakeFirstOrThrow();
    const actor = {
      municipalityCode: '580',
      userId: staff.id,
      userName: staff.name,
      role: 'caseworker' as const,
      personId: null,
    };
    const { actingAs } = await import('../src/db/tenant.js');
    const db = actingAs(t.appDb, staff.id);
    const before = await t.database.db.selectFrom('towns').select('id').where('name', '=', 'Rullet tilbage').execute();
    await assert.rejects(
      inTenant(db, '580', async (tx) => {
        await tx
          .insertInto('towns')
          .values({
            municipality_code: '580',
            name: 'Rullet tilbage',
            population: 1,
            public_transport: 'bus',
            services: [],
          })
          .execute();
        // An action outside the access log's vocabulary: the row is refused by its CHECK.
        await recordAccess(tx, { actor, purpose: 'test' }, [
          { personId: null, action: 'peek' as 'read', resource: 'person' },
        ]);
        return 'returned';
      }),
    );
    const afterRows = await t.database.db
      .selectFrom('towns')
      .select('id')
      .where('name', '=', 'Rullet tilbage')
      .execute();
    assert.equal(afterRows.length, before.length, 'the write beside the refused access-log row was rolled back');
  });
});
