// Records that change (issue 13, item 3): activities, enrolments, conversations, follow-ups and
// language assessments can be corrected, ended and deleted with If-Match; every change keeps a
// history row with the fields before, is access-logged, and the obligations follow.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { aFamily, auth, forEachEngine, openTestApp, type TestApp } from './helpers.js';

interface History {
  current: { id: string; version: number; endDate?: string | null } | null;
  changes: { operation: string; reason: string | null; before: Record<string, unknown>; changedBy: { name: string } }[];
}
interface Obligation {
  ruleId: string;
  status: string;
  evidence?: { summary: string };
  reason?: string;
}

forEachEngine('records that change', (engine) => {
  let t: TestApp;
  let token: string;
  let base: string;
  let childBase: string;
  let headId: string;
  before(async () => {
    t = await openTestApp(engine);
    token = await t.token('580', 'caseworker');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/municipalities/580/households',
      headers: auth(token),
      payload: aFamily({ takeoverDate: '2026-01-01', arrivalDate: '2026-01-01' }),
    });
    const { members } = res.json<{ members: { personId: string }[] }>();
    headId = members[0]!.personId;
    base = `/api/v1/municipalities/580/persons/${headId}`;
    childBase = `/api/v1/municipalities/580/persons/${members[2]!.personId}`;
  });
  after(async () => {
    await t.close();
  });

  const post = async (url: string, payload: object) => {
    const res = await t.app.inject({ method: 'POST', url, headers: auth(token), payload });
    assert.equal(res.statusCode, 201, res.body);
    return res.json<{ id: string; version: number }>();
  };
  const patch = (url: string, payload: object, ifMatch?: string) =>
    t.app.inject({
      method: 'PATCH',
      url,
      headers: auth(token, ifMatch === undefined ? {} : { 'if-match': ifMatch }),
      payload,
    });
  const history = async (url: string) => {
    const res = await t.app.inject({ url: `${url}/history`, headers: auth(token) });
    assert.equal(res.statusCode, 200, res.body);
    return res.json<History>();
  };
  const weekly = async (on: string): Promise<Obligation> => {
    const res = await t.app.inject({ url: `${base}/obligations?on=${on}`, headers: auth(token) });
    assert.equal(res.statusCode, 200, res.body);
    const o = res.json<{ obligations: Obligation[] }>().obligations.find((x) => x.ruleId === 'aabenraa.37-hours');
    assert.ok(o, 'the 37-hour rule applies to the head');
    return o;
  };
  /** The hours a week the 37-hour obligation counts on a day (its evidence when met, its reason when not). */
  const hoursOn = async (on: string): Promise<number> => {
    const o = await weekly(on);
    const text = o.evidence?.summary ?? o.reason ?? '';
    const m = /(\d+(?:,\d+)?)\s*(?:af 37 )?timer\/uge/.exec(text);
    assert.ok(m, `hours in "${text}"`);
    return Number(m[1]!.replace(',', '.'));
  };

  test('ending an internship lowers the weekly hours of the 37-hour rule after its end, and not before', async () => {
    await post(`${base}/activities`, { kind: 'danish_education', startDate: '2026-01-05', hoursPerWeek: 15 });
    const internship = await post(`${base}/activities`, {
      kind: 'company_internship',
      startDate: '2026-01-05',
      hoursPerWeek: 22,
      provider: 'Grønt Værksted',
    });
    assert.equal(await hoursOn('2026-06-01'), 37);
    assert.equal(await hoursOn('2026-08-01'), 37);
    assert.equal((await weekly('2026-08-01')).status, 'met');

    const url = `${base}/activities/${internship.id}`;
    const ended = await patch(url, { endDate: '2026-06-30' }, `"${internship.version}"`);
    assert.equal(ended.statusCode, 200, ended.body);
    assert.equal(ended.json<{ endDate: string }>().endDate, '2026-06-30');
    assert.equal(ended.headers.etag, `"${internship.version + 1}"`);

    assert.equal(await hoursOn('2026-06-01'), 37, 'unchanged before the end');
    assert.equal(await hoursOn('2026-08-01'), 15, 'only the Danish education counts after the end');
    assert.equal((await weekly('2026-08-01')).status, 'overdue');

    const h = await history(url);
    assert.equal(h.changes.length, 1);
    assert.equal(h.changes[0]!.operation, 'end');
    assert.equal(h.changes[0]!.before.endDate, null, 'the history keeps the record as it was');
    assert.equal(h.changes[0]!.before.hoursPerWeek, 22);
    assert.equal(h.current?.endDate, '2026-06-30');
  });

  test('a change without If-Match is refused 428 and one with a stale ETag 412, and neither changes anything', async () => {
    const a = await post(`${base}/activities`, { kind: 'other', startDate: '2026-02-01', hoursPerWeek: 2 });
    const url = `${base}/activities/${a.id}`;
    const without = await patch(url, { hoursPerWeek: 3 });
    assert.equal(without.statusCode, 428, without.body);
    assert.equal(without.json<{ code: string }>().code, 'precondition.required');
    assert.equal((await patch(url, { hoursPerWeek: 3 }, `"${a.version}"`)).statusCode, 200);
    const stale = await patch(url, { hoursPerWeek: 4 }, `"${a.version}"`);
    assert.equal(stale.statusCode, 412, stale.body);
    assert.equal(stale.headers.etag, `"${a.version + 1}"`);
    const del = await t.app.inject({ method: 'DELETE', url: `${url}?reason=Fejl`, headers: auth(token) });
    assert.equal(del.statusCode, 428);
    const h = await history(url);
    assert.equal(h.changes.length, 1, 'only the accepted change is in the history');
    assert.equal(h.current?.version, a.version + 1);
  });

  test('a correction is checked like a new record: an end before the start is refused with the field', async () => {
    const a = await post(`${base}/activities`, { kind: 'igu', startDate: '2026-02-01', hoursPerWeek: 30 });
    const url = `${base}/activities/${a.id}`;
    const res = await patch(url, { endDate: '2026-01-01' }, `"${a.version}"`);
    assert.equal(res.statusCode, 422, res.body);
    assert.deepEqual(
      res.json<{ errors: { pointer: string; code: string }[] }>().errors.map((e) => [e.pointer, e.code]),
      [['/endDate', 'date.end_before_start']],
    );
    const igu = await patch(url, { hoursPerWeek: 10 }, `"${a.version}"`);
    assert.equal(igu.json<{ code: string }>().code, 'activity.igu_hours_below_average');
    const empty = await patch(url, { reason: 'ingenting' }, `"${a.version}"`);
    assert.equal(empty.statusCode, 400, 'a patch that changes no field is refused');
  });

  test('each kind can be corrected and deleted, the deletion needs a reason and the history keeps the record', async () => {
    const cases = [
      [base, 'conversations', { date: '2026-03-01', kind: 'other', repatriationGuidance: false }, { note: 'Rettet' }],
      [base, 'follow-ups', { date: '2026-03-02', kind: 'contract' }, { kind: 'yearly' }],
      [childBase, 'enrolments', { kind: 'school', startDate: '2026-01-10' }, { endDate: '2026-06-20' }],
      [childBase, 'language-assessments', { assessedOn: '2026-03-03', result: 'general' }, { result: 'focused' }],
      [base, 'activities', { kind: 'health', startDate: '2026-03-04', hoursPerWeek: 1 }, { provider: 'Lægehuset' }],
    ] as const;
    for (const [person, path, created, change] of cases) {
      const r = await post(`${person}/${path}`, created);
      const url = `${person}/${path}/${r.id}`;
      const changed = await patch(url, { ...change, reason: 'Tastefejl' }, `"${r.version}"`);
      assert.equal(changed.statusCode, 200, `${path}: ${changed.body}`);
      const version = changed.json<{ version: number }>().version;
      const noReason = await t.app.inject({
        method: 'DELETE',
        url,
        headers: auth(token, { 'if-match': `"${version}"` }),
      });
      assert.equal(noReason.statusCode, 400, `${path}: a deletion without a reason is refused`);
      const del = await t.app.inject({
        method: 'DELETE',
        url: `${url}?reason=${encodeURIComponent('Registreret på den forkerte borger')}`,
        headers: auth(token, { 'if-match': `"${version}"` }),
      });
      assert.equal(del.statusCode, 204, `${path}: ${del.body}`);
      const h = await history(url);
      assert.equal(h.current, null, `${path}: deleted`);
      assert.deepEqual(
        h.changes.map((c) => [c.operation, c.reason]),
        [
          [path === 'enrolments' ? 'end' : 'change', 'Tastefejl'],
          ['delete', 'Registreret på den forkerte borger'],
        ],
        path,
      );
      for (const [k, v] of Object.entries(created)) assert.deepEqual(h.changes[0]!.before[k], v, `${path}.${k} before`);
      for (const [k, v] of Object.entries(change)) assert.deepEqual(h.changes[1]!.before[k], v, `${path}.${k} deleted`);
      assert.equal(h.changes[1]!.changedBy.name, 'caseworker test');
      const again = await patch(url, change, `"${version}"`);
      assert.equal(again.statusCode, 404, `${path}: a deleted record cannot be changed`);
    }
    // Deleted records have left the case file.
    const file = (await t.app.inject({ url: childBase, headers: auth(token) })).json<{ enrolments: unknown[] }>();
    assert.deepEqual(file.enrolments, []);
  });

  test('a deleted Danish education no longer counts for the obligations, and every change is access-logged', async () => {
    const logRows = async () =>
      (
        await sql<{
          action: string;
          resource: string;
        }>`select action, resource from access_log where person_id = ${headId} order by id`.execute(t.database.db)
      ).rows;
    const before = (await logRows()).length;
    const withoutIt = await hoursOn('2026-09-20');
    const du = await post(`${base}/activities`, {
      kind: 'danish_education',
      startDate: '2026-09-01',
      hoursPerWeek: 37,
    });
    assert.ok((await hoursOn('2026-09-20')) > withoutIt);
    const del = await t.app.inject({
      method: 'DELETE',
      url: `${base}/activities/${du.id}?reason=Dobbeltregistreret`,
      headers: auth(token, { 'if-match': `"${du.version}"` }),
    });
    assert.equal(del.statusCode, 204);
    assert.equal(await hoursOn('2026-09-20'), withoutIt, 'the deleted activity no longer counts');
    const rows = (await logRows()).slice(before);
    assert.ok(rows.some((r) => r.action === 'create' || r.action === 'change'));
    assert.ok(
      rows.some((r) => r.action === 'delete' && r.resource === 'activity'),
      JSON.stringify(rows),
    );
  });

  test('another municipality and a role that does not write the record cannot change it', async () => {
    const a = await post(`${base}/activities`, { kind: 'other', startDate: '2026-04-01', hoursPerWeek: 1 });
    const other = await t.token('550', 'caseworker');
    const foreign = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/municipalities/550/persons/${headId}/activities/${a.id}`,
      headers: auth(other, { 'if-match': `"${a.version}"` }),
      payload: { hoursPerWeek: 2 },
    });
    assert.equal(foreign.statusCode, 404);
    const housing = await t.token('580', 'housing');
    const refused = await t.app.inject({
      method: 'PATCH',
      url: `${base}/activities/${a.id}`,
      headers: auth(housing, { 'if-match': `"${a.version}"` }),
      payload: { hoursPerWeek: 2 },
    });
    assert.equal(refused.statusCode, 403);
  });
});
