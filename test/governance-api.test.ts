// The governance cycle through the API (issue 11, point 5): Hjørring's worklist, recording an
// event, a registered general case making a hearing due; who may read and record; no person.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { auth, forEachEngine, openTestApp, TODAY, type TestApp } from './helpers.js';

interface Obligation {
  ruleId: string;
  dueDate: string | null;
  status: string;
  period: { from: string };
  case: { id: string } | null;
  evidence: { eventIds: string[] };
}

forEachEngine('the governance cycle', (engine) => {
  let t: TestApp;
  before(async () => {
    t = await openTestApp(engine);
  });
  after(async () => {
    await t.close();
  });

  const worklist = async (token: string, on = TODAY) => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/municipalities/860/governance?on=${on}`,
      headers: auth(token),
    });
    assert.equal(res.statusCode, 200, res.body);
    return res.json<{ obligations: Obligation[] }>().obligations;
  };
  const current = (obs: Obligation[], ruleId: string) =>
    obs.find((o) => o.ruleId === ruleId && o.period.from === `${TODAY.slice(0, 4)}-01-01`);

  test("Hjørring's yearly dialogue meeting is due until one is recorded, and recording one makes it met", async () => {
    const lead = await t.token('860', 'secretariat');
    const before = current(await worklist(lead), 'hjorring.dialogue-meeting');
    assert.ok(before, 'the dialogue meeting of this year is on the worklist');
    assert.equal(before.dueDate, `${TODAY.slice(0, 4)}-12-31`);
    assert.notEqual(before.status, 'met');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/municipalities/860/governance-events',
      headers: auth(lead),
      payload: {
        kind: 'meeting',
        date: '2026-10-02',
        title: 'Dialogmøde med fagudvalgene',
        body: 'Integrationsrådet',
        published: true,
      },
    });
    assert.equal(res.statusCode, 201, res.body);
    const event = res.json<{ id: string }>();
    const afterwards = current(await worklist(lead), 'hjorring.dialogue-meeting');
    assert.equal(afterwards?.status, 'met');
    assert.deepEqual(afterwards.evidence.eventIds, [event.id]);
  });

  test('a registered general case makes a council hearing due before its decision date; a hearing on the case meets it', async () => {
    const lead = await t.token('860', 'secretariat');
    const reg = await t.app.inject({
      method: 'POST',
      url: '/api/v1/municipalities/860/governance-cases',
      headers: auth(lead),
      payload: { title: 'Ny boligsocial helhedsplan', body: 'Byrådet', decisionDate: '2026-12-10' },
    });
    assert.equal(reg.statusCode, 201, reg.body);
    const theCase = reg.json<{ id: string }>();
    const due = (await worklist(lead)).find((o) => o.case?.id === theCase.id);
    assert.equal(due?.ruleId, 'hjorring.council-hearings');
    assert.equal(due.dueDate, '2026-12-09');
    assert.ok(['open', 'due_soon'].includes(due.status));
    const heard = await t.app.inject({
      method: 'POST',
      url: '/api/v1/municipalities/860/governance-events',
      headers: auth(lead),
      payload: { kind: 'hearing', date: '2026-11-20', title: 'Høring af Integrationsrådet', caseId: theCase.id },
    });
    assert.equal(heard.statusCode, 201, heard.body);
    assert.equal((await worklist(lead)).find((o) => o.case?.id === theCase.id)?.status, 'met');
  });

  test('a record naming a rule it cannot carry out, or an unknown rule or case, is refused with a field problem', async () => {
    const lead = await t.token('860', 'secretariat');
    const post = (payload: object) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/municipalities/860/governance-events',
        headers: auth(lead),
        payload,
      });
    const wrongKind = await post({
      kind: 'report',
      date: '2026-10-02',
      title: 'Beretning',
      ruleId: 'hjorring.dialogue-meeting',
    });
    assert.equal(wrongKind.statusCode, 422);
    assert.equal(wrongKind.json<{ code: string }>().code, 'governance.kind_not_for_rule');
    const unknown = await post({ kind: 'meeting', date: '2026-10-02', title: 'Møde', ruleId: 'aabenraa.evaluation' });
    assert.equal(unknown.json<{ code: string }>().code, 'governance.unknown_rule');
    const noCase = await post({
      kind: 'hearing',
      date: '2026-10-02',
      title: 'Høring',
      caseId: '00000000-0000-4000-8000-000000000000',
    });
    assert.equal(noCase.json<{ code: string }>().code, 'governance_case.not_found');
    const bad = await post({ kind: 'party', date: '2026-13-02', title: '' });
    assert.equal(bad.statusCode, 400);
  });

  test('the analyst reads the governance cycle but cannot record; a caseworker neither; another municipality is not found', async () => {
    const analyst = await t.token('860', 'analyst');
    assert.ok((await worklist(analyst)).length > 0);
    const record = await t.app.inject({
      method: 'POST',
      url: '/api/v1/municipalities/860/governance-events',
      headers: auth(analyst),
      payload: { kind: 'meeting', date: '2026-10-02', title: 'Møde' },
    });
    assert.equal(record.statusCode, 403);
    const caseworker = await t.token('860', 'caseworker');
    const read = await t.app.inject({
      method: 'GET',
      url: '/api/v1/municipalities/860/governance',
      headers: auth(caseworker),
    });
    assert.equal(read.statusCode, 403);
    const other = await t.app.inject({
      method: 'GET',
      url: '/api/v1/municipalities/580/governance',
      headers: auth(analyst),
    });
    assert.equal(other.statusCode, 404);
  });

  test('recording and reading the governance cycle writes no access-log row: no person is shown', async () => {
    const lead = await t.token('860', 'secretariat');
    const count = async () => (await t.database.db.selectFrom('access_log').select('id').execute()).length;
    const before = await count();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/municipalities/860/governance-events',
      headers: auth(lead),
      payload: { kind: 'campaign', date: '2026-09-01', title: 'Informationsmøde om repatriering' },
    });
    assert.equal(res.statusCode, 201, res.body);
    await worklist(lead);
    const list = await t.app.inject({
      method: 'GET',
      url: '/api/v1/municipalities/860/governance-events',
      headers: auth(lead),
    });
    assert.equal(list.statusCode, 200);
    assert.ok(list.json<{ events: unknown[] }>().events.length >= 1);
    assert.equal(await count(), before);
  });
});
