// Appointments (issue 13) through the API: booking, the calendar with conflicts, If-Match on a
// move, held → the conversation that counts for the contract follow-up rule, no-show that does
// not, and the proposals from the cadence rules.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { buildApp } from '../src/app.js';
import { aFamily, auth, forEachEngine, openTestApp, TODAY, type TestApp } from './helpers.js';

const M = '/api/v1/municipalities/580';

interface Appointment {
  id: string;
  startsAt: string;
  status: string;
  version: number;
  conflicts: string[];
  conversationId: string | null;
}
interface Proposal {
  startsAt: string;
  date: string;
  purpose: string;
  ruleId: string;
  durationMinutes: number;
  source: string;
}

forEachEngine('appointments', (engine) => {
  let t: TestApp;
  let cw: Record<string, string>;
  const apps: Awaited<ReturnType<typeof buildApp>>[] = [];

  before(async () => {
    t = await openTestApp(engine);
    cw = auth(await t.token('580', 'caseworker'));
  });
  after(async () => {
    for (const a of apps) await a.close();
    await t.close();
  });

  /** The same database on a later day (the clock moved on). */
  async function onDay(today: string) {
    const app = await buildApp({ db: t.appDb, vault: t.vault, engine, today: () => today });
    apps.push(app);
    return app;
  }

  async function newPerson(takeoverDate: string, familyName: string): Promise<string> {
    const family = aFamily({ takeoverDate, arrivalDate: takeoverDate });
    for (const m of family.members) m.familyName = familyName;
    const res = await t.app.inject({ method: 'POST', url: `${M}/households`, headers: cw, payload: family });
    assert.equal(res.statusCode, 201, res.body);
    return res.json<{ members: { personId: string }[] }>().members[0]!.personId;
  }

  const book = (personId: string, payload: Record<string, unknown>, app = t.app) =>
    app.inject({
      method: 'POST',
      url: `${M}/persons/${personId}/appointments`,
      headers: cw,
      payload: { durationMinutes: 45, purpose: 'contract_follow_up', place: 'Jobcentret, Skelbækvej 2', ...payload },
    });

  test('an appointment booked for next month is accepted and shows on the caseworker’s calendar', async () => {
    const person = await newPerson('2026-10-01', 'Kalenderprøve');
    const res = await book(person, { startsAt: '2026-12-14T10:00:00+01:00', interpreterLanguage: 'ar' });
    assert.equal(res.statusCode, 201, res.body);
    const a = res.json<Appointment>();
    assert.equal(a.status, 'planned');
    assert.equal(a.startsAt, '2026-12-14T10:00:00+01:00');
    assert.equal(res.headers.etag, `"${a.version}"`);
    const cal = await t.app.inject({ url: `${M}/calendar?from=2026-12-01&to=2026-12-31&caseworker=me`, headers: cw });
    assert.equal(cal.statusCode, 200, cal.body);
    const entries = cal.json<{ appointments: (Appointment & { person: { familyName: string } })[] }>().appointments;
    const entry = entries.find((e) => e.id === a.id);
    assert.ok(entry, 'the appointment is on the calendar');
    assert.equal(entry.person.familyName, 'Kalenderprøve');
    const elsewhere = await t.app.inject({ url: `${M}/calendar?from=2027-01-01&to=2027-01-31`, headers: cw });
    assert.ok(!elsewhere.json<{ appointments: Appointment[] }>().appointments.some((e) => e.id === a.id));
  });

  test('a contract follow-up booked for next month shows on the worklist beside the follow-up obligation it serves', async () => {
    const person = await newPerson('2026-09-01', 'Arbejdslisteprøve');
    const worklistRow = async () => {
      const res = await t.app.inject({ url: `${M}/worklist?limit=500&status=due_soon,overdue,open`, headers: cw });
      assert.equal(res.statusCode, 200, res.body);
      return res
        .json<{
          items: { personId: string; ruleId: string; booked: { appointmentId: string; startsAt: string } | null }[];
        }>()
        .items.find((i) => i.personId === person && i.ruleId === 'law.contract-follow-ups');
    };
    const before = await worklistRow();
    assert.ok(before, 'the follow-up obligation is on the worklist');
    assert.equal(before.booked, null);
    const res = await book(person, { startsAt: '2027-01-12T10:00:00+01:00' });
    assert.equal(res.statusCode, 201, res.body);
    const after = await worklistRow();
    assert.deepEqual(after?.booked, {
      appointmentId: res.json<Appointment>().id,
      startsAt: '2027-01-12T10:00:00+01:00',
    });
  });

  test('an appointment in the past is refused with a field problem, and a year-long calendar too', async () => {
    const person = await newPerson('2026-10-01', 'Fortidsprøve');
    const res = await book(person, { startsAt: '2026-11-20T10:00:00+01:00' });
    assert.equal(res.statusCode, 422, res.body);
    assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
    assert.equal(res.json<{ code: string }>().code, 'appointment.in_past');
    const cal = await t.app.inject({ url: `${M}/calendar?from=2026-01-01&to=2026-12-31`, headers: cw });
    assert.equal(cal.statusCode, 422);
    assert.equal(cal.json<{ code: string }>().code, 'calendar.range');
  });

  test('two overlapping appointments of the same caseworker are both flagged as conflicts on the calendar', async () => {
    const p1 = await newPerson('2026-10-01', 'Konfliktet');
    const p2 = await newPerson('2026-10-01', 'Konfliktto');
    const first = (await book(p1, { startsAt: '2027-01-05T10:00:00+01:00', durationMinutes: 60 })).json<Appointment>();
    const second = await book(p2, { startsAt: '2027-01-05T10:30:00+01:00' });
    assert.equal(second.statusCode, 201, second.body);
    assert.deepEqual(second.json<Appointment>().conflicts, [first.id]);
    const after = (await book(p2, { startsAt: '2027-01-05T11:15:00+01:00' })).json<Appointment>();
    assert.deepEqual(after.conflicts, [], 'a meeting starting when the others end is no conflict');
    const cal = (await t.app.inject({ url: `${M}/calendar?from=2027-01-05&to=2027-01-05`, headers: cw })).json<{
      appointments: Appointment[];
      conflictCount: number;
    }>();
    const byId = new Map(cal.appointments.map((e) => [e.id, e]));
    assert.deepEqual(byId.get(first.id)?.conflicts, [second.json<Appointment>().id]);
    assert.deepEqual(byId.get(after.id)?.conflicts, []);
    assert.equal(cal.conflictCount, 2);
  });

  test('moving an appointment needs its current ETag: 428 without, 412 when stale, 200 with it', async () => {
    const person = await newPerson('2026-10-01', 'Flytteprøve');
    const booked = await book(person, { startsAt: '2027-01-12T09:00:00+01:00' });
    const a = booked.json<Appointment>();
    const url = `${M}/persons/${person}/appointments/${a.id}`;
    const move = (headers: Record<string, string>, startsAt: string) =>
      t.app.inject({ method: 'PATCH', url, headers: { ...cw, ...headers }, payload: { startsAt } });
    assert.equal((await move({}, '2027-01-13T09:00:00+01:00')).statusCode, 428);
    const moved = await move({ 'if-match': String(booked.headers.etag) }, '2027-01-13T09:00:00+01:00');
    assert.equal(moved.statusCode, 200, moved.body);
    assert.equal(moved.json<Appointment>().startsAt, '2027-01-13T09:00:00+01:00');
    const stale = await move({ 'if-match': String(booked.headers.etag) }, '2027-01-14T09:00:00+01:00');
    assert.equal(stale.statusCode, 412);
    assert.equal(stale.json<{ code: string }>().code, 'precondition.failed');
    // Cancelling keeps the appointment, cancelled with its reason.
    const cancel = await t.app.inject({
      method: 'DELETE',
      url,
      headers: { ...cw, 'if-match': String(moved.headers.etag) },
      payload: { reason: 'Borgeren er syg' },
    });
    assert.equal(cancel.statusCode, 200, cancel.body);
    const list = (await t.app.inject({ url: `${M}/persons/${person}/appointments`, headers: cw })).json<{
      appointments: (Appointment & { statusReason: string })[];
    }>();
    const [cancelled] = list.appointments;
    assert.ok(cancelled);
    assert.equal(cancelled.status, 'cancelled');
    assert.equal(cancelled.statusReason, 'Borgeren er syg');
  });

  test('held appointments become contract follow-up conversations that meet the follow-up rule; a no-show does not count', async () => {
    const held = await newPerson('2026-11-16', 'Afholdtprøve');
    const missed = await newPerson('2026-11-16', 'Udeblevetprøve');
    const days = ['2026-12-10', '2027-01-20', '2027-03-03', '2027-04-14'];
    const booked: Record<string, Appointment[]> = { [held]: [], [missed]: [] };
    for (const person of [held, missed])
      for (const [i, day] of days.entries()) {
        const res = await book(person, {
          startsAt: `${day}T${person === held ? '09' : '13'}:00:00+01:00`,
          ruleId: 'law.contract-follow-ups',
          ...(i === 0 ? { interpreterLanguage: 'ar' } : {}),
        });
        assert.equal(res.statusCode, 201, res.body);
        booked[person]!.push(res.json<Appointment>());
      }
    // Before the meeting, it cannot be recorded as held.
    const early = await t.app.inject({
      method: 'POST',
      url: `${M}/persons/${held}/appointments/${booked[held]![0]!.id}/held`,
      headers: cw,
      payload: { repatriationGuidance: true },
    });
    assert.equal(early.statusCode, 422, early.body);
    assert.equal(early.json<{ code: string }>().code, 'appointment.not_yet_started');
    // Half a year later, every meeting has taken place.
    const later = await onDay('2027-05-20');
    for (const [i, a] of booked[held]!.entries()) {
      const res = await later.inject({
        method: 'POST',
        url: `${M}/persons/${held}/appointments/${a.id}/held`,
        headers: cw,
        payload: { repatriationGuidance: true },
      });
      assert.equal(res.statusCode, 200, res.body);
      const body = res.json<{
        appointment: Appointment;
        conversation: { id: string; date: string; kind: string; interpreterLanguage: string | null };
      }>();
      assert.equal(body.appointment.status, 'held');
      assert.equal(body.conversation.date, days[i]);
      assert.equal(body.conversation.kind, 'contract_follow_up');
      assert.equal(body.appointment.conversationId, body.conversation.id);
      if (i === 0) assert.equal(body.conversation.interpreterLanguage, 'ar', 'the planned interpreter is the one used');
    }
    const again = await later.inject({
      method: 'POST',
      url: `${M}/persons/${held}/appointments/${booked[held]![0]!.id}/held`,
      headers: cw,
      payload: { repatriationGuidance: true },
    });
    assert.equal(again.statusCode, 409, 'held twice is refused');
    for (const [i, a] of booked[missed]!.entries()) {
      const path = i === 3 ? 'no-show' : 'held';
      const payload = i === 3 ? { reason: 'Mødte ikke op og meldte ikke afbud' } : { repatriationGuidance: true };
      const res = await later.inject({
        method: 'POST',
        url: `${M}/persons/${missed}/appointments/${a.id}/${path}`,
        headers: cw,
        payload,
      });
      assert.equal(res.statusCode, 200, res.body);
    }
    const rule = async (person: string) => {
      const res = await later.inject({ url: `${M}/persons/${person}/obligations?on=2027-05-20`, headers: cw });
      assert.equal(res.statusCode, 200, res.body);
      return res
        .json<{ obligations: { ruleId: string; status: string }[] }>()
        .obligations.find((o) => o.ruleId === 'law.contract-follow-ups');
    };
    assert.equal((await rule(held))?.status, 'met', 'four held follow-ups meet the rule');
    assert.equal((await rule(missed))?.status, 'overdue', 'three held and one no-show do not');
    const conversations = await sql<{
      n: number;
    }>`select count(*)::int as n from conversations where person_id = ${missed}`.execute(t.database.db);
    assert.equal(conversations.rows[0]!.n, 3, 'a no-show writes no conversation');
  });

  test('proposals are the four contract follow-ups within six months of the takeover, and disappear once booked', async () => {
    const person = await newPerson('2026-11-16', 'Forslagsprøve');
    const read = async () => {
      const res = await t.app.inject({ url: `${M}/persons/${person}/appointments/proposals`, headers: cw });
      assert.equal(res.statusCode, 200, res.body);
      return res.json<{ proposals: Proposal[] }>().proposals.filter((p) => p.ruleId === 'law.contract-follow-ups');
    };
    const proposals = await read();
    assert.equal(proposals.length, 4, JSON.stringify(proposals));
    for (const p of proposals) {
      assert.equal(p.purpose, 'contract_follow_up');
      assert.ok(p.date > TODAY && p.date < '2027-05-16', `${p.date} within six months of the takeover`);
      const at = new Date(p.startsAt);
      const weekday = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Copenhagen', weekday: 'short' }).format(at);
      assert.ok(!['Sat', 'Sun'].includes(weekday), `${p.startsAt} on a weekday`);
      const hour = Number(p.startsAt.slice(11, 13));
      assert.ok(hour >= 9 && hour < 15, `${p.startsAt} in office hours`);
      assert.match(p.source, /integrationsloven § 20/);
    }
    const months = proposals.map((p) => p.date.slice(0, 7));
    assert.equal(new Set(months).size, 4, `spread over the half year: ${months.join(', ')}`);
    // Accepting the first one: booked as proposed, referencing the rule; three are left.
    const first = proposals[0]!;
    const res = await book(person, {
      startsAt: first.startsAt,
      durationMinutes: first.durationMinutes,
      ruleId: first.ruleId,
    });
    assert.equal(res.statusCode, 201, res.body);
    const left = await read();
    assert.equal(left.length, 3);
    assert.ok(!left.some((p) => p.startsAt === first.startsAt));
    for (const p of left) await book(person, { startsAt: p.startsAt, ruleId: p.ruleId });
    assert.deepEqual(await read(), [], 'all four booked: nothing left to propose');
  });

  test('a proposal avoids the caseworker’s booked time', async () => {
    const person = await newPerson('2026-11-16', 'Optagetprøve');
    const proposals = (await t.app.inject({ url: `${M}/persons/${person}/appointments/proposals`, headers: cw })).json<{
      proposals: Proposal[];
    }>().proposals;
    const first = proposals[0]!;
    // Someone else takes exactly that time with the same caseworker.
    const other = await newPerson('2026-10-01', 'Optagetandenprøve');
    assert.equal((await book(other, { startsAt: first.startsAt, durationMinutes: 60 })).statusCode, 201);
    const again = (await t.app.inject({ url: `${M}/persons/${person}/appointments/proposals`, headers: cw })).json<{
      proposals: Proposal[];
    }>().proposals;
    assert.ok(!again.some((p) => p.startsAt === first.startsAt), 'the taken time is not proposed again');
    assert.equal(again.length, proposals.length);
  });

  test('another municipality cannot see or book the appointments', async () => {
    const person = await newPerson('2026-10-01', 'Tenantprøve');
    const other = auth(await t.token('550', 'caseworker'));
    const res = await t.app.inject({ url: `${M}/persons/${person}/appointments`, headers: other });
    assert.equal(res.statusCode, 404);
    const own = await t.app.inject({
      url: `/api/v1/municipalities/550/persons/${person}/appointments`,
      headers: other,
    });
    assert.equal(own.statusCode, 404);
  });
});
