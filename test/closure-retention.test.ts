// Cases that close (issue 13, items 3 and 4): in the obligations engine, after the closure day an
// obligation is no longer owed (shown as not applicable with the closure as the reason), one due
// before it stays as it was, and a rule that follows the whole family continues while another
// member of the household has an open case. Through the API (both engines): closing, reading and
// undoing a closure (If-Match, history, left_on), the worklist without closed persons; and the
// retention job (service and CLI) deleting what has been closed for longer than its period.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { sql, type Kysely } from 'kysely';
import { migrate, openDatabase } from '../src/db/database.js';
import type { DB } from '../src/db/schema.js';
import { inTenant } from '../src/db/tenant.js';
import { obligationsFor, type CaseFacts } from '../src/domain/obligations.js';
import { retentionPassed } from '../src/domain/closure.js';
import { parseDuration } from '../src/domain/dates.js';
import { inCaseFile } from '../src/domain/indicators.js';
import { compileRules, shippedPolicies } from '../src/policy/load.js';
import { indicatorPersons } from '../src/repositories/indicators.js';
import { PERSON_RECORD_TABLES } from '../src/repositories/retention.js';
import { indicatorPerson } from '../src/services/indicator-input.js';
import { RETENTION_USER, retentionLines, runRetention } from '../src/services/retention.js';
import { aFamily, auth, forEachEngine, openTestApp, TODAY, type TestApp } from './helpers.js';
import { childEnv, runCli } from './process-helpers.js';

const { rules, dueSoonDays } = compileRules(shippedPolicies(), '580');

const head = (closure: CaseFacts['closure']): CaseFacts => ({
  personId: 'p1',
  birthDate: '1990-01-01',
  takeoverDate: '2025-01-01',
  arrivalDate: '2025-01-01',
  residenceBasis: 'spontaneous_refugee',
  program: 'self_support_and_return',
  relation: 'head',
  languages: ['ar'],
  activities: [],
  conversations: [],
  contractSignedOn: null,
  visitationHeldOn: null,
  contactPersons: [],
  enrolments: [],
  languageAssessments: [],
  followUps: [],
  closure,
});

const byRule = (facts: CaseFacts, on: string) =>
  new Map(obligationsFor(rules, facts, on, dueSoonDays).map((o) => [o.ruleId, o]));

test('a case closed on a day keeps the obligations due before it overdue and owes none due after it', () => {
  const open = byRule(head(null), '2026-06-01');
  const closed = byRule(head({ closedOn: '2025-03-15', reason: 'moved', householdOpen: false }), '2026-06-01');
  let before = 0;
  let after = 0;
  for (const [id, o] of open) {
    const c = closed.get(id);
    assert.ok(c, id);
    if (o.status === 'not_applicable' || o.status === 'met') {
      assert.equal(c.status, o.status, `${id}: unchanged`);
    } else if (o.dueDate !== null && o.dueDate <= '2025-03-15') {
      before++;
      assert.equal(c.status, o.status, `${id}: due ${o.dueDate}, before the closure, stays ${o.status}`);
    } else {
      after++;
      assert.equal(
        c.status,
        'not_applicable',
        `${id}: due ${o.dueDate ?? 'with every conversation'}, after the closure`,
      );
      assert.match(c.reason ?? '', /^Sagen er afsluttet 2025-03-15 \(flyttet til en anden kommune\)\.$/);
    }
  }
  assert.ok(before > 0 && after > 0, `obligations on both sides of the closure (${before} before, ${after} after)`);
});

test("the family follow-up of a closed head continues while another member's case is open", () => {
  const on = '2026-06-01';
  const alone = byRule(head({ closedOn: '2025-06-01', reason: 'self_supporting', householdOpen: false }), on);
  const family = byRule(head({ closedOn: '2025-06-01', reason: 'self_supporting', householdOpen: true }), on);
  assert.equal(alone.get('aabenraa.family-follow-up')?.status, 'not_applicable');
  assert.notEqual(family.get('aabenraa.family-follow-up')?.status, 'not_applicable');
});

test('a closed case is due for deletion only once its retention period after the closure has run out', () => {
  const fiveYears = parseDuration('P5Y')!;
  assert.equal(retentionPassed('2020-03-01', fiveYears, '2025-03-01'), false, 'on the last day it is kept');
  assert.equal(retentionPassed('2020-03-01', fiveYears, '2025-03-02'), true);
  assert.equal(retentionPassed('2021-03-01', fiveYears, '2025-12-31'), false);
});

// ---- The closure API and the retention job, on both engines ------------------------------------

interface ObligationView {
  ruleId: string;
  status: string;
  dueDate: string | null;
  reason?: string | null;
}
interface ClosureView {
  id: string;
  personId: string;
  date: string;
  reason: string;
  movedToMunicipality: { code: string; name: string } | null;
  version: number;
}
interface Problem {
  code: string;
  errors?: { pointer: string; code: string }[];
}

forEachEngine('cases that close, and retention', (engine) => {
  let t: TestApp;
  let cw: Record<string, string>;
  before(async () => {
    t = await openTestApp(engine);
    cw = auth(await t.token('580', 'caseworker'));
  });
  after(async () => {
    await t.close();
  });

  const M = '/api/v1/municipalities/580';
  /** A family of three; the members' ids and the head's CPR number. */
  async function family(takeoverDate = '2025-03-01') {
    const payload = aFamily({ takeoverDate, arrivalDate: takeoverDate });
    const res = await t.app.inject({ method: 'POST', url: `${M}/households`, headers: cw, payload });
    assert.equal(res.statusCode, 201, res.body);
    const body = res.json<{ householdId?: string; id?: string; members: { personId: string }[] }>();
    return { ids: body.members.map((m) => m.personId), cpr: payload.members[0]!.cpr! };
  }
  const close = (personId: string, payload: object, headers = cw) =>
    t.app.inject({ method: 'POST', url: `${M}/persons/${personId}/closure`, headers, payload });
  const obligations = async (personId: string) => {
    const res = await t.app.inject({ url: `${M}/persons/${personId}/obligations?on=${TODAY}`, headers: cw });
    assert.equal(res.statusCode, 200, res.body);
    return res.json<{ obligations: ObligationView[] }>().obligations;
  };
  const worklistIds = async () => {
    const res = await t.app.inject({ url: `${M}/worklist?on=${TODAY}&limit=500`, headers: cw });
    assert.equal(res.statusCode, 200, res.body);
    return new Set(res.json<{ items: { personId: string }[] }>().items.map((i) => i.personId));
  };
  const leftOn = async (personId: string) =>
    (
      await sql<{ left_on: string | null }>`SELECT left_on::text FROM persons WHERE id = ${personId}`.execute(
        t.database.db,
      )
    ).rows[0]?.left_on;

  test('a closed case owes nothing due after the closure day (not applicable, the closure named in Danish) and keeps what fell due before', async () => {
    const { ids } = await family();
    const head = ids[0]!;
    const open = await obligations(head);
    const res = await close(head, { date: '2025-04-15', reason: 'moved', movedToMunicipality: '751' });
    assert.equal(res.statusCode, 201, res.body);
    const view = res.json<ClosureView>();
    assert.equal(view.date, '2025-04-15');
    assert.deepEqual(view.movedToMunicipality, { code: '751', name: 'Aarhus' });
    assert.equal(res.headers.etag, `"${view.version}"`);
    const closed = new Map((await obligations(head)).map((o) => [o.ruleId, o]));
    let before = 0;
    let after = 0;
    for (const o of open) {
      const c = closed.get(o.ruleId);
      assert.ok(c, o.ruleId);
      if (o.status === 'met' || o.status === 'not_applicable') continue;
      if (o.ruleId === 'aabenraa.family-follow-up') {
        assert.equal(c.status, o.status, "the family follow-up continues: the spouse's and the child's cases are open");
        continue;
      }
      if (o.dueDate !== null && o.dueDate <= '2025-04-15') {
        before++;
        assert.equal(c.status, o.status, `${o.ruleId} due ${o.dueDate} stays ${o.status}`);
      } else if (c.status === 'not_applicable') {
        after++;
        assert.equal(c.reason, 'Sagen er afsluttet 2025-04-15 (flyttet til en anden kommune).');
      } else {
        assert.fail(`${o.ruleId} due ${o.dueDate ?? '–'} is still ${c.status} after the closure`);
      }
    }
    assert.ok(before > 0 && after > 0, `both sides of the closure (${before} before, ${after} after)`);
    const read = await t.app.inject({ url: `${M}/persons/${head}/closure`, headers: cw });
    assert.equal(read.statusCode, 200, read.body);
    assert.equal(read.json<ClosureView>().reason, 'moved');
  });

  test('the worklist no longer lists a closed person; their household members stay on it', async () => {
    const { ids } = await family('2026-01-01');
    const [head, spouse] = ids as [string, string];
    const beforeClosure = await worklistIds();
    assert.ok(beforeClosure.has(head) && beforeClosure.has(spouse), 'both are on the worklist while open');
    assert.equal((await close(head, { date: '2026-02-01', reason: 'self_supporting' })).statusCode, 201);
    const afterClosure = await worklistIds();
    assert.ok(!afterClosure.has(head), 'the closed head has left the worklist');
    assert.ok(afterClosure.has(spouse), "the spouse's case is open");
  });

  test('a second closure of the same case is refused 409 closure.already_closed, and a closure outside the case or to a wrong municipality 422', async () => {
    const { ids } = await family();
    const head = ids[0]!;
    const problem = async (payload: object, status: number, code: string, pointer?: string) => {
      const res = await close(head, payload);
      assert.equal(res.statusCode, status, res.body);
      assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
      const p = res.json<Problem>();
      assert.equal(p.code, code);
      if (pointer) assert.equal(p.errors?.[0]?.pointer, pointer);
    };
    await problem({ date: '2025-02-28', reason: 'died' }, 422, 'closure.before_takeover', '/date');
    await problem({ date: '2026-11-24', reason: 'died' }, 422, 'date.in_future', '/date');
    await problem(
      { date: '2025-06-01', reason: 'moved', movedToMunicipality: '580' },
      422,
      'closure.moved_to_own_municipality',
    );
    await problem({ date: '2025-06-01', reason: 'moved', movedToMunicipality: '999' }, 422, 'closure.moved_to_unknown');
    await problem(
      { date: '2025-06-01', reason: 'repatriated', movedToMunicipality: '751' },
      422,
      'closure.moved_to_without_move',
      '/movedToMunicipality',
    );
    await problem({ date: '2025-06-01', reason: 'emigrated' }, 400, 'request.invalid');
    assert.equal((await close(head, { date: '2025-06-01', reason: 'repatriated' })).statusCode, 201);
    await problem({ date: '2025-07-01', reason: 'died' }, 409, 'closure.already_closed');
    const none = await t.app.inject({ url: `${M}/persons/${ids[1]!}/closure`, headers: cw });
    assert.equal(none.statusCode, 404);
    assert.equal(none.json<Problem>().code, 'closure.not_found');
  });

  test('only case workers close a case: other staff are refused and nothing is written', async () => {
    const { ids } = await family();
    for (const role of ['housing', 'institution', 'volunteer_coordinator', 'analyst', 'admin'] as const) {
      const res = await close(ids[0]!, { date: '2025-06-01', reason: 'died' }, auth(await t.token('580', role)));
      assert.ok([403, 404].includes(res.statusCode), `${role}: ${res.statusCode}`);
    }
    const citizen = auth(await t.token('580', 'citizen', ids[0]));
    assert.ok([403, 404].includes((await close(ids[0]!, { date: '2025-06-01', reason: 'died' }, citizen)).statusCode));
    const rows = await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM case_closures WHERE person_id = ${ids[0]!}`.execute(t.database.db);
    assert.equal(rows.rows[0]!.n, 0);
  });

  test('undoing a closure needs If-Match: 428 without, 412 when stale; then the case is open again, left_on cleared, and the history keeps the closure', async () => {
    const { ids } = await family();
    const head = ids[0]!;
    assert.equal(await leftOn(head), null);
    const created = (await close(head, { date: '2025-05-31', reason: 'died' })).json<ClosureView>();
    assert.equal(await leftOn(head), '2025-06-01', 'left_on is the first day outside the case file');
    const del = (ifMatch?: string, reason = 'Registreret på den forkerte borger') =>
      t.app.inject({
        method: 'DELETE',
        url: `${M}/persons/${head}/closure?reason=${encodeURIComponent(reason)}`,
        headers: ifMatch === undefined ? cw : { ...cw, 'if-match': ifMatch },
      });
    assert.equal((await del()).statusCode, 428);
    const stale = await del(`"${created.version + 1}"`);
    assert.equal(stale.statusCode, 412, stale.body);
    assert.equal(stale.headers.etag, `"${created.version}"`);
    const noReason = await t.app.inject({
      method: 'DELETE',
      url: `${M}/persons/${head}/closure`,
      headers: { ...cw, 'if-match': '*' },
    });
    assert.equal(noReason.statusCode, 400);
    assert.equal((await del(`"${created.version}"`)).statusCode, 204);
    assert.equal(await leftOn(head), null, 'left_on cleared with the closure');
    assert.equal((await t.app.inject({ url: `${M}/persons/${head}/closure`, headers: cw })).statusCode, 404);
    assert.ok(
      (await obligations(head)).every((o) => !(o.reason ?? '').startsWith('Sagen er afsluttet')),
      'no obligation names the closure any more',
    );
    const history = await sql<{ operation: string; reason: string; before: Record<string, unknown> }>`
      SELECT operation, reason, before FROM case_record_changes WHERE person_id = ${head} AND record_kind = 'closure'`.execute(
      t.database.db,
    );
    assert.equal(history.rows.length, 1);
    assert.equal(history.rows[0]!.operation, 'delete');
    assert.equal(history.rows[0]!.reason, 'Registreret på den forkerte borger');
    assert.equal(history.rows[0]!.before.date, '2025-05-31');
    assert.equal(history.rows[0]!.before.reason, 'died');
    const logged = await sql<{ action: string; resource: string }>`
      SELECT action, resource FROM access_log WHERE person_id = ${head} AND resource = 'closure' ORDER BY id`.execute(
      t.database.db,
    );
    assert.deepEqual(
      logged.rows.map((r) => r.action),
      ['create', 'delete'],
    );
    // Closed again after the undo: a new closure is accepted.
    assert.equal((await close(head, { date: '2025-06-30', reason: 'died' })).statusCode, 201);
  });

  test('the indicators count a closed person until the closure day and not after it', async () => {
    const { ids } = await family('2025-01-01');
    const head = ids[0]!;
    await close(head, { date: '2025-06-30', reason: 'self_supporting' });
    const rows = await inTenant(t.database.db, '580', (tx) => indicatorPersons(tx, [head]));
    const person = indicatorPerson(rows[0]!);
    assert.equal(inCaseFile(person, '2025-06-30'), true, 'the closure day is the last day in the case file');
    assert.equal(inCaseFile(person, '2025-07-01'), false);
  });

  // ---- Retention ----

  test('retention deletes only cases closed more than 5 years before the run day, with every case record, the CPR number and an emptied household; a dry run deletes nothing', async () => {
    const old = await family('2019-06-01'); // all three closed 2020-01-10: deleted with the household
    const recent = await family('2019-06-01'); // closed 2021-12-01: 5 years run out on 2026-12-01
    const partly = await family('2019-06-01'); // only the head closed 2020-01-10: the household stays
    const activity = await t.app.inject({
      method: 'POST',
      url: `${M}/persons/${old.ids[0]!}/activities`,
      headers: cw,
      payload: { kind: 'other', startDate: '2019-07-01', endDate: '2019-12-31', hoursPerWeek: 10 },
    });
    assert.equal(activity.statusCode, 201, activity.body);
    for (const id of old.ids) assert.equal((await close(id, { date: '2020-01-10', reason: 'moved' })).statusCode, 201);
    for (const id of recent.ids)
      assert.equal((await close(id, { date: '2021-12-01', reason: 'died' })).statusCode, 201);
    assert.equal((await close(partly.ids[0]!, { date: '2020-01-10', reason: 'repatriated' })).statusCode, 201);
    const exists = async (id: string) =>
      (await sql<{ n: number }>`SELECT count(*)::int AS n FROM persons WHERE id = ${id}`.execute(t.database.db))
        .rows[0]!.n === 1;
    const householdOf = async (id: string) =>
      (await sql<{ h: string }>`SELECT household_id::text AS h FROM persons WHERE id = ${id}`.execute(t.database.db))
        .rows[0]!.h;
    const oldHousehold = await householdOf(old.ids[0]!);
    const partlyHousehold = await householdOf(partly.ids[0]!);
    const due = [...old.ids, partly.ids[0]!].sort();

    const dry = await runRetention(t.appDb, { today: TODAY, dryRun: true });
    const m580 = dry.municipalities.find((m) => m.municipalityCode === '580');
    assert.ok(m580, JSON.stringify(dry));
    assert.deepEqual(m580.cases.map((c) => c.personId).sort(), due);
    assert.deepEqual(m580.householdIds, [oldHousehold], 'the dry run names the household that would be emptied');
    assert.equal(m580.retention, 'P5Y');
    assert.ok(m580.cases.every((c) => c.closedOn === '2020-01-10' && c.keptUntil === '2025-01-10'));
    for (const id of [...old.ids, ...recent.ids, ...partly.ids])
      assert.ok(await exists(id), 'a dry run deletes nothing');
    const lines = retentionLines(dry).join('\n');
    assert.match(lines, /580: would delete 4 closed cases/);
    assert.doesNotMatch(lines, /Haddad|Amal/, 'never a name');
    for (const cpr of [old.cpr, partly.cpr])
      assert.ok(!lines.includes(cpr) && !lines.includes(cpr.replace('-', '')), 'never a CPR number');

    const run = await runRetention(t.appDb, { today: TODAY, dryRun: false, municipalities: ['580'] });
    assert.equal(run.totalCases, 4);
    for (const id of due) assert.ok(!(await exists(id)), `${id} is deleted`);
    for (const id of [...recent.ids, ...partly.ids.slice(1)]) assert.ok(await exists(id), `${id} stays`);
    const households = await sql<{
      id: string;
    }>`SELECT id::text FROM households WHERE id IN (${oldHousehold}, ${partlyHousehold})`.execute(t.database.db);
    assert.deepEqual(
      households.rows.map((r) => r.id),
      [partlyHousehold],
      'the emptied household is deleted, the one with members left stays',
    );
    for (const table of PERSON_RECORD_TABLES) {
      const left = await sql<{
        n: number;
      }>`SELECT count(*)::int AS n FROM ${sql.table(table)} WHERE person_id IN (${sql.join(due)})`.execute(
        t.database.db,
      );
      assert.equal(left.rows[0]!.n, 0, `${table} keeps no row of a deleted person`);
    }
    const marks = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM obligations_dirty WHERE person_id IN (${sql.join(due)})`.execute(t.database.db);
    assert.equal(marks.rows[0]!.n, 0, 'no mark of a deleted person is left after the deletion commits');
    assert.ok((run.municipalities[0]?.rowsDeleted.activities ?? 0) >= 1, 'the activity went with its person');
    const search = await t.app.inject({ url: `${M}/persons?query=${old.cpr.replace('-', '')}`, headers: cw });
    assert.equal(search.statusCode, 200, search.body);
    assert.deepEqual(
      search.json<{ items?: unknown[]; results?: unknown[] }>().items ?? [],
      [],
      'the CPR number is gone',
    );
    const log = await sql<{ action: string; user_name: string }>`
      SELECT action, user_name FROM access_log WHERE person_id IN (${sql.join(due)}) AND resource = 'retention'`.execute(
      t.database.db,
    );
    assert.equal(log.rows.length, 4, 'one access-log row per person deleted, kept after the deletion');
    assert.ok(log.rows.every((r) => r.action === 'delete' && r.user_name === RETENTION_USER));
    const again = await runRetention(t.appDb, { today: TODAY, dryRun: false, municipalities: ['580'] });
    assert.equal(again.totalCases, 0, 'a second run finds nothing more');
    const later = await runRetention(t.appDb, { today: '2026-12-02', dryRun: true, municipalities: ['580'] });
    assert.deepEqual(later.municipalities[0]?.cases.map((c) => c.personId).sort(), [...recent.ids].sort());
  });

  test("a municipality's own retention period in its policy file replaces the national default", async () => {
    const set = shippedPolicies();
    const own = set.byMunicipality.get('580')!;
    const longer = {
      ...set,
      byMunicipality: new Map([
        ...set.byMunicipality,
        [
          '580',
          {
            ...own,
            policy: {
              ...own.policy,
              retention: {
                integration: { afterClosure: 'P10Y', interpretation: { by: 'municipality' as const, text: 'Ti år.' } },
              },
            },
          },
        ],
      ]),
    };
    const { ids } = await family('2019-06-01');
    await close(ids[0]!, { date: '2020-02-01', reason: 'moved' });
    const national = await runRetention(t.appDb, { today: TODAY, dryRun: true, municipalities: ['580'] });
    assert.ok(national.municipalities[0]?.cases.some((c) => c.personId === ids[0]));
    const own10 = await runRetention(t.appDb, {
      today: TODAY,
      dryRun: true,
      municipalities: ['580'],
      policies: longer,
    });
    assert.equal(own10.totalCases, 0, 'kept 10 years under the municipality’s own period');
  });

  test('every table with a person_id is deleted by retention (a new table must be added to PERSON_RECORD_TABLES)', async () => {
    const tables = await sql<{ table_name: string }>`
      SELECT DISTINCT table_name::text FROM information_schema.columns
       WHERE table_schema = 'public' AND column_name = 'person_id' ORDER BY 1`.execute(t.database.db);
    // The access log's own retention; users: a citizen's user, deleted apart; obligations_dirty: the
    // deletion's own marks, removed by its transaction before it commits (src/services/obligation-store.ts).
    const kept = new Set(['access_log', 'users', 'obligations_dirty']);
    const missing = tables.rows
      .map((r) => r.table_name)
      .filter((n) => !kept.has(n) && !(PERSON_RECORD_TABLES as readonly string[]).includes(n));
    assert.deepEqual(missing, []);
  });

  test('`medborger retention --dry-run` lists the cases due by id and closure day and deletes nothing', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'medborger-retention-'));
    try {
      // A database of its own: PGlite in a data directory the command opens; PostgreSQL: this test's, as the server's role.
      const env =
        engine === 'postgres'
          ? childEnv({
              DATABASE_URL: t.appUrl!,
              MEDBORGER_DATA_DIR: dir,
              // The command reads no CPR number; a key of its own (the test database has no fingerprint recorded).
              MEDBORGER_CPR_KEY: randomBytes(32).toString('base64'),
            })
          : childEnv({ MEDBORGER_DATA_DIR: dir });
      let personId: string;
      if (engine === 'postgres') {
        const { ids } = await family('2019-06-01');
        await close(ids[0]!, { date: '2020-03-01', reason: 'died' });
        personId = ids[0]!;
      } else {
        const db = await openDatabase({ dataDir: dir, command: 'test' });
        try {
          await migrate(db.db);
          personId = await closedPersonBySql(db.db, '2020-03-01');
        } finally {
          await db.close();
        }
      }
      const r = await runCli(['retention', '--dry-run', '--municipality', '580'], env);
      assert.equal(r.code, 0, r.stderr);
      assert.match(
        r.stdout,
        new RegExp(
          `person ${personId} \\(household [0-9a-f-]{36}\\): closed 2020-03-01 \\(died\\), kept until 2025-03-01`,
        ),
      );
      assert.match(r.stdout, /Dry run: nothing deleted\./);
      assert.doesNotMatch(r.stdout, /Haddad|Amal/);
      if (engine === 'postgres') {
        const n = await sql<{ n: number }>`SELECT count(*)::int AS n FROM persons WHERE id = ${personId}`.execute(
          t.database.db,
        );
        assert.equal(n.rows[0]!.n, 1, 'the dry run deleted nothing');
      } else {
        const db = await openDatabase({ dataDir: dir, command: 'test' });
        try {
          const n = await sql<{ n: number }>`SELECT count(*)::int AS n FROM persons WHERE id = ${personId}`.execute(
            db.db,
          );
          assert.equal(n.rows[0]!.n, 1, 'the dry run deleted nothing');
        } finally {
          await db.close();
        }
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** A household of one person, taken over 2019-06-01 and closed on `closedOn`, written directly (a data directory without a server). */
async function closedPersonBySql(db: Kysely<DB>, closedOn: string): Promise<string> {
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
    .values({ municipality_code: '580', person_id: person.id, closed_on: closedOn, reason: 'died', moved_to: null })
    .execute();
  return person.id;
}
