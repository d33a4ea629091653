import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { looksEnglish } from '../src/policy/language.js';
import { auth, forEachEngine, openTestApp, type TestApp } from './helpers.js';

type Obl = {
  ruleId: string;
  status: string;
  dueDate: string | null;
  source: { quote: string };
  evidence?: { summary: string };
  reason?: string;
};

forEachEngine('obligations from law and policy', (engine) => {
  let t: TestApp;
  before(async () => {
    t = await openTestApp(engine);
  });
  after(async () => {
    await t.close();
  });

  async function register(
    code: string,
    member: Record<string, unknown>,
    takeoverDate = '2025-03-01',
    extra: Record<string, unknown>[] = [],
  ) {
    const head = {
      givenName: 'Test',
      familyName: 'Person',
      sex: 'female',
      residenceBasis: 'spontaneous_refugee',
      relation: 'head',
      birthDate: '1990-01-01',
      ...member,
    };
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/municipalities/${code}/households`,
      headers: auth(await t.token(code, 'caseworker')),
      payload: { takeoverDate, members: [head, ...extra] },
    });
    assert.equal(res.statusCode, 201, res.body);
    return res.json<{ members: { personId: string }[] }>().members.map((m) => m.personId);
  }
  async function obligations(code: string, id: string, on: string): Promise<Obl[]> {
    const res = await t.app.inject({
      url: `/api/v1/municipalities/${code}/persons/${id}/obligations?on=${on}`,
      headers: auth(await t.token(code, 'caseworker')),
    });
    assert.equal(res.statusCode, 200, res.body);
    return res.json<{ obligations: Obl[] }>().obligations;
  }
  const find = (os: Obl[], id: string) => {
    const o = os.find((x) => x.ruleId === id);
    assert.ok(o, `no obligation ${id} in ${os.map((x) => x.ruleId).join(', ')}`);
    return o;
  };
  const post = async (code: string, id: string, path: string, payload: object) => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/municipalities/${code}/persons/${id}/${path}`,
      headers: auth(await t.token(code, 'caseworker')),
      payload,
    });
    assert.equal(res.statusCode, 201, res.body);
  };

  test('Aabenraa: with no Danish education and no company offer 4 weeks after takeover, the 4-week rule is overdue, quoting its sentence', async () => {
    const [id] = await register('580', {});
    const os = await obligations('580', id!, '2025-03-30');
    const rule = find(os, 'aabenraa.first-offers-4-weeks');
    assert.equal(rule.status, 'overdue');
    assert.equal(rule.dueDate, '2025-03-29');
    assert.equal(
      rule.source.quote,
      'Inden for maksimum 4 uger efter ankomst skal borgeren være i gang med sprogundervisning og virksomhedspraktik.',
    );
    assert.ok(
      !os.some((o) => o.ruleId === 'law.company-offer-1-month'),
      'the stricter municipal rule stands for the legal one',
    );

    await post('580', id!, 'activities', { kind: 'danish_education', startDate: '2025-03-20', hoursPerWeek: 15 });
    await post('580', id!, 'activities', { kind: 'company_internship', startDate: '2025-03-20', hoursPerWeek: 22 });
    const after = await obligations('580', id!, '2025-03-30');
    assert.equal(find(after, 'aabenraa.first-offers-4-weeks').status, 'met');
    assert.equal(find(after, 'aabenraa.37-hours').status, 'met');
  });

  test('Aabenraa: Danish education from day 5 and an IGU from day 9 meet the 4-week rule, and the law it tightens shows its own status', async () => {
    const [id] = await register('580', {});
    await post('580', id!, 'activities', { kind: 'danish_education', startDate: '2025-03-06', hoursPerWeek: 15 });
    await post('580', id!, 'activities', {
      kind: 'igu',
      startDate: '2025-03-10',
      endDate: '2027-03-09',
      hoursPerWeek: 25,
    });
    const os = await obligations('580', id!, '2025-04-15');
    const rule = find(os, 'aabenraa.first-offers-4-weeks') as Obl & {
      tightens?: { ruleId: string; status: string; dueDate: string | null }[];
    };
    assert.equal(rule.status, 'met', rule.reason);
    const law = rule.tightens?.find((t) => t.ruleId === 'law.company-offer-1-month');
    assert.equal(law?.status, 'met', 'the legal rule an IGU meets is shown as met beside the municipal rule');
    assert.equal(law.dueDate, '2025-04-01');
  });

  test('Aabenraa: while the 4-week rule is overdue, the legal rule it tightens shows its own (open) status', async () => {
    const [id] = await register('580', {});
    const rule = find(await obligations('580', id!, '2025-03-30'), 'aabenraa.first-offers-4-weeks') as Obl & {
      tightens?: { ruleId: string; status: string }[];
    };
    assert.equal(rule.status, 'overdue');
    assert.equal(rule.tightens?.find((t) => t.ruleId === 'law.company-offer-1-month')?.status, 'due_soon');
  });

  type Src = { act?: string; paragraph?: string };
  test('a quota refugee taken over on 2025-03-01 must be offered a health assessment by 2025-09-01, quoting § 15 d; the offer meets it', async () => {
    const [id] = await register('320', { residenceBasis: 'quota_refugee' });
    const before = find(await obligations('320', id!, '2025-04-01'), 'law.health-assessment-quota-refugees');
    assert.equal(before.dueDate, '2025-09-01');
    assert.equal(before.status, 'open');
    const source = before.source as Src & { quote: string };
    assert.equal(source.act, 'integrationsloven');
    assert.match(source.paragraph ?? '', /^§ 15 d/);
    assert.match(source.quote, /skal tilbydes en helbredsmæssig vurdering/);
    assert.equal(
      find(await obligations('320', id!, '2025-09-02'), 'law.health-assessment-quota-refugees').status,
      'overdue',
    );
    await post('320', id!, 'health-assessments', { date: '2025-05-01', kind: 'offered', accepted: false });
    const met = find(await obligations('320', id!, '2025-09-02'), 'law.health-assessment-quota-refugees');
    assert.equal(met.status, 'met', 'declining the offer still meets the duty to offer');
    assert.match(met.evidence?.summary ?? '', /takker nej/);
  });

  test('a spontaneous refugee has the health-assessment duty only once a concrete assessment found a need', async () => {
    const [id] = await register('320', { residenceBasis: 'spontaneous_refugee' });
    const os = await obligations('320', id!, '2025-04-01');
    assert.equal(find(os, 'law.health-assessment-where-needed').status, 'not_applicable');
    assert.equal(find(os, 'law.health-assessment-quota-refugees').status, 'not_applicable');
    await post('320', id!, 'health-assessments', { date: '2025-03-15', kind: 'need_assessed', needed: false });
    assert.equal(
      find(await obligations('320', id!, '2025-04-01'), 'law.health-assessment-where-needed').status,
      'not_applicable',
    );
    await post('320', id!, 'health-assessments', { date: '2025-03-20', kind: 'need_assessed', needed: true });
    const o = find(await obligations('320', id!, '2025-04-01'), 'law.health-assessment-where-needed');
    assert.equal(o.status, 'open');
    assert.equal(o.dueDate, '2025-09-01');
  });

  test('a health-assessment record that mixes the need and the offer is refused with a code', async () => {
    const [id] = await register('320', {});
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/municipalities/320/persons/${id!}/health-assessments`,
      headers: auth(await t.token('320', 'caseworker')),
      payload: { date: '2025-03-20', kind: 'need_assessed' },
    });
    assert.equal(res.statusCode, 422);
    assert.equal(res.json<{ code: string }>().code, 'health_assessment.needed_missing');
  });

  test('the referral to Danish education (§ 21) and a possible start (danskuddannelsesloven § 5) are separate duties, each within 1 month of takeover', async () => {
    const [id] = await register('320', {});
    const os = await obligations('320', id!, '2025-03-20');
    assert.equal(find(os, 'law.danish-education-referral').dueDate, '2025-04-01');
    assert.equal(find(os, 'law.danish-education-start').dueDate, '2025-04-01');
    await post('320', id!, 'outcomes/danish-educations', { track: 'du2', referredOn: '2025-03-10' });
    const referred = await obligations('320', id!, '2025-04-02');
    assert.equal(find(referred, 'law.danish-education-referral').status, 'met');
    assert.equal(find(referred, 'law.danish-education-start').status, 'overdue', 'a referral alone is not a start');
    await post('320', id!, 'outcomes/danish-educations', {
      track: 'du2',
      referredOn: '2025-03-10',
      startPossibleOn: '2025-03-28',
    });
    assert.equal(find(await obligations('320', id!, '2025-04-02'), 'law.danish-education-start').status, 'met');
  });

  test('a person in ordinary work without a benefit has a follow-up every 12 months instead of 4 in the first 6 months', async () => {
    const [id] = await register('320', {});
    const before = await obligations('320', id!, '2025-04-01');
    assert.notEqual(find(before, 'law.contract-follow-ups').status, 'not_applicable');
    assert.equal(find(before, 'law.contract-follow-ups-12-months').status, 'not_applicable');
    await post('320', id!, 'outcomes/labour-market-periods', {
      kind: 'ordinary_job',
      from: '2025-03-15',
      hoursPerWeek: 37,
    });
    const after = await obligations('320', id!, '2025-04-01');
    assert.equal(find(after, 'law.contract-follow-ups').status, 'not_applicable');
    const yearly = find(after, 'law.contract-follow-ups-12-months');
    assert.equal(yearly.status, 'open');
    assert.equal(yearly.dueDate, '2026-03-01');
  });

  test('a wish to return obliges the municipality to notify the advising organisation (repatrieringsloven § 5)', async () => {
    const [id] = await register('320', {});
    assert.equal(
      find(await obligations('320', id!, '2025-04-01'), 'law.repatriation-notification').status,
      'not_applicable',
    );
    await post('320', id!, 'repatriation-notices', { date: '2025-04-01', kind: 'wish' });
    const due = find(await obligations('320', id!, '2025-04-10'), 'law.repatriation-notification');
    assert.equal(due.status, 'overdue');
    assert.equal(due.dueDate, '2025-04-08');
    await post('320', id!, 'repatriation-notices', {
      date: '2025-04-10',
      kind: 'notification',
      organisation: 'Dansk Flygtningehjælp',
    });
    const met = find(await obligations('320', id!, '2025-04-10'), 'law.repatriation-notification');
    assert.equal(met.status, 'met');
  });

  test('an IGU is refused when it has fewer than 25 paid hours a week or lasts more than 2 years', async () => {
    const [id] = await register('320', {});
    const add = async (payload: object) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/municipalities/320/persons/${id!}/activities`,
        headers: auth(await t.token('320', 'caseworker')),
        payload,
      });
    const few = await add({ kind: 'igu', startDate: '2025-04-01', hoursPerWeek: 20 });
    assert.equal(few.statusCode, 422);
    assert.equal(few.json<{ code: string }>().code, 'activity.igu_hours_below_average');
    const long = await add({ kind: 'igu', startDate: '2025-04-01', endDate: '2027-04-01', hoursPerWeek: 30 });
    assert.equal(long.json<{ code: string }>().code, 'activity.igu_longer_than_allowed');
    assert.equal(
      (await add({ kind: 'igu', startDate: '2025-04-01', endDate: '2027-03-31', hoursPerWeek: 30 })).statusCode,
      201,
    );
  });

  test('a person taken over before the reform gets the programme and hour rules of the old law, one taken over after it those of LOV nr. 1654', async () => {
    const [before] = await register('320', {}, '2024-06-01');
    const old = await obligations('320', before!, '2024-08-01');
    assert.notEqual(find(old, 'law.program-37-hours').status, 'not_applicable');
    assert.notEqual(find(old, 'law.contract-1-month').status, 'not_applicable');
    assert.equal(find(old, 'law.work-obligation-37-hours').status, 'not_applicable');
    assert.equal(find(old, 'law.contract-introduction-program').status, 'not_applicable');

    const [after] = await register('320', {}, '2025-03-01');
    const now = await obligations('320', after!, '2025-05-01');
    assert.equal(find(now, 'law.program-37-hours').status, 'not_applicable');
    assert.equal(find(now, 'law.contract-1-month').status, 'not_applicable');
    const work = find(now, 'law.work-obligation-37-hours');
    assert.notEqual(work.status, 'not_applicable');
    assert.equal((work.source as Src).paragraph, '§ 20 d, stk. 1');
    assert.match(find(now, 'law.contract-introduction-program').source.quote, /introduktionsprogram/);
  });

  test('the policy lists both versions of a changed legal rule with their periods and what sets them', async () => {
    const res = await t.app.inject({ url: '/api/v1/municipalities/580/policy' });
    type R = { id: string; replaces?: string; effective: { from: string; to?: string; basis?: string } };
    const rules = res.json<{ rules: R[] }>().rules;
    const old = rules.find((r) => r.id === 'law.program-37-hours');
    const next = rules.find((r) => r.id === 'law.work-obligation-37-hours');
    assert.deepEqual([old?.effective.from, old?.effective.to], ['2019-01-01', '2024-12-31']);
    assert.equal(next?.effective.from, '2025-01-01');
    assert.equal(next.replaces, 'law.program-37-hours');
    assert.match(next.effective.basis ?? '', /LOV nr\. 1654 af 30\/12\/2024/);
  });

  test('Aabenraa: 15 hours of Danish education alone does not meet the 37-hour rule', async () => {
    const [id] = await register('580', {});
    await post('580', id!, 'activities', { kind: 'danish_education', startDate: '2025-03-10', hoursPerWeek: 15 });
    const os = await obligations('580', id!, '2025-04-15');
    assert.equal(find(os, 'aabenraa.37-hours').status, 'overdue');
    assert.equal(find(os, 'aabenraa.first-offers-4-weeks').status, 'overdue');
  });

  test('a conversation without repatriation guidance is a breach in Aabenraa whatever its kind, in Hjørring only at a contract follow-up', async () => {
    const [a] = await register('580', {});
    await post('580', a!, 'conversations', { date: '2025-03-10', kind: 'other', repatriationGuidance: false });
    assert.equal(
      find(await obligations('580', a!, '2025-03-30'), 'aabenraa.repatriation-all-conversations').status,
      'overdue',
    );

    const [h] = await register('860', {});
    await post('860', h!, 'conversations', { date: '2025-03-10', kind: 'other', repatriationGuidance: false });
    assert.notEqual(
      find(await obligations('860', h!, '2025-03-30'), 'hjorring.repatriation-at-contract-follow-up').status,
      'overdue',
    );
    await post('860', h!, 'conversations', {
      date: '2025-03-20',
      kind: 'contract_follow_up',
      repatriationGuidance: false,
    });
    assert.equal(
      find(await obligations('860', h!, '2025-03-30'), 'hjorring.repatriation-at-contract-follow-up').status,
      'overdue',
    );
  });

  test('a school-age child arriving in Aabenraa has a reception-class obligation, met by enrolment', async () => {
    const ids = await register('580', {}, '2025-03-01', [
      {
        givenName: 'Barn',
        familyName: 'Person',
        sex: 'male',
        residenceBasis: 'accompanying_child',
        relation: 'child',
        birthDate: '2015-05-05',
      },
    ]);
    const child = ids[1]!;
    const rule = find(await obligations('580', child, '2025-03-05'), 'aabenraa.reception-class');
    assert.equal(rule.dueDate, '2025-03-08');
    assert.equal(rule.status, 'due_soon');
    await post('580', child, 'enrolments', { kind: 'reception_class', startDate: '2025-03-04' });
    assert.equal(find(await obligations('580', child, '2025-03-05'), 'aabenraa.reception-class').status, 'met');
  });

  test('reception-class teaching lasts at most 2 years from the first day, across schools: overdue while still there, met once ended', async () => {
    const child = {
      givenName: 'Barn',
      familyName: 'Person',
      sex: 'male',
      residenceBasis: 'accompanying_child',
      relation: 'child',
      birthDate: '2015-05-05',
    };
    const [, still] = await register('813', {}, '2025-03-01', [child]);
    const [, ended] = await register('813', {}, '2025-03-01', [child]);
    const [, never] = await register('813', {}, '2025-03-01', [child]);
    const rule = 'law.reception-class-2-years';
    assert.equal(find(await obligations('813', never!, '2027-06-01'), rule).status, 'not_applicable');

    await post('813', still!, 'enrolments', {
      kind: 'reception_class',
      startDate: '2025-03-04',
      endDate: '2025-12-19',
    });
    await post('813', still!, 'enrolments', { kind: 'reception_class', startDate: '2026-01-05' });
    const before = find(await obligations('813', still!, '2026-06-01'), rule);
    assert.deepEqual([before.status, before.dueDate], ['open', '2027-03-04']);
    const late = find(await obligations('813', still!, '2027-03-05'), rule);
    assert.equal(late.status, 'overdue');
    assert.match(late.reason ?? '', /afslutning af modtageklasse/);
    assert.match(late.source.quote, /senest efter to års forløb/);

    await post('813', ended!, 'enrolments', {
      kind: 'reception_class',
      startDate: '2025-03-04',
      endDate: '2026-06-30',
    });
    const met = find(await obligations('813', ended!, '2027-03-05'), rule);
    assert.equal(met.status, 'met');
    assert.match(met.evidence?.summary ?? '', /modtageklasse afsluttet 30\.06\.2026/);
  });

  test('a 3-year-old in Frederikshavn has a language-assessment obligation', async () => {
    const ids = await register('813', {}, '2025-03-01', [
      {
        givenName: 'Lille',
        familyName: 'Person',
        sex: 'female',
        residenceBasis: 'accompanying_child',
        relation: 'child',
        birthDate: '2022-01-10',
        languages: ['ar'],
      },
    ]);
    const rule = find(await obligations('813', ids[1]!, '2025-03-30'), 'frederikshavn.language-screening-3');
    assert.equal(rule.dueDate, '2025-09-01');
    assert.equal(rule.status, 'open');
  });

  test('a person without a contact person in Aabenraa has a presence obligation due at takeover', async () => {
    const [id] = await register('580', {});
    const rule = find(await obligations('580', id!, '2025-03-02'), 'aabenraa.contact-person');
    assert.equal(rule.dueDate, '2025-03-01');
    assert.equal(rule.status, 'overdue');
  });

  test('the worklist puts overdue first, names the person, and logs each person shown', async () => {
    const [id] = await register('580', { givenName: 'Worklist', familyName: 'Aaberg' });
    const res = await t.app.inject({
      url: '/api/v1/municipalities/580/worklist?on=2025-03-30&limit=500',
      headers: auth(await t.token('580', 'caseworker')),
    });
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json<{ items: { status: string; personId: string }[] }>();
    const statuses = body.items.map((i) => i.status);
    assert.ok(statuses.every((s) => s === 'overdue' || s === 'due_soon'));
    assert.deepEqual(
      statuses,
      [...statuses].sort((a, b) => (a === b ? 0 : a === 'overdue' ? -1 : 1)),
      'overdue before due soon',
    );
    assert.ok(body.items.some((i) => i.personId === id));
    const logged = await t.database.db
      .selectFrom('access_log')
      .select('person_id')
      .where('resource', '=', 'worklist')
      .where('person_id', '=', id!)
      .execute();
    assert.equal(logged.length, 1);
  });

  test('the worklist starts with what fell due in the last days; items overdue for more than 90 days are grouped apart with their count', async () => {
    const [old] = await register('550', { givenName: 'Gammel', familyName: 'Aagaard' }, '2025-01-01');
    const [recent] = await register('550', { givenName: 'Ny', familyName: 'Zacho' }, '2025-08-20');
    const get = async (query: string) => {
      const res = await t.app.inject({
        url: `/api/v1/municipalities/550/worklist?on=2025-09-30&limit=500${query}`,
        headers: auth(await t.token('550', 'caseworker')),
      });
      assert.equal(res.statusCode, 200, res.body);
      return res.json<{
        total: number;
        groups: { current: number; longOverdue: number };
        items: {
          personId: string;
          status: string;
          group: string;
          daysOverdue: number;
          dueDate: string;
          sourceShort: string;
        }[];
      }>();
    };
    const all = await get('');
    assert.equal(all.items[0]!.personId, recent, 'the family whose deadlines passed days ago comes first');
    assert.equal(all.items[0]!.group, 'current');
    const firstLong = all.items.findIndex((i) => i.group === 'long_overdue');
    assert.ok(
      firstLong > 0 && all.items.slice(firstLong).every((i) => i.group === 'long_overdue'),
      'long overdue last',
    );
    assert.ok(all.items.filter((i) => i.personId === old).every((i) => i.daysOverdue > 90 || i.group === 'current'));
    assert.equal(all.groups.current + all.groups.longOverdue, all.total);
    const overdueCurrent = all.items.filter((i) => i.group === 'current' && i.status === 'overdue');
    assert.deepEqual(
      overdueCurrent.map((i) => i.daysOverdue),
      [...overdueCurrent.map((i) => i.daysOverdue)].sort((a, b) => a - b),
      'the most recently overdue first',
    );
    assert.ok(
      all.items.some((i) => i.sourceShort === 'integrationsloven § 23, stk. 1'),
      'the short source of a legal rule',
    );

    const current = await get('&group=current');
    assert.ok(current.items.every((i) => i.group === 'current' && i.daysOverdue <= 90));
    assert.equal(current.total, all.groups.current);
    const long = await get('&group=long_overdue');
    assert.equal(long.total, all.groups.longOverdue);
    assert.ok(long.items.length > 0 && long.items.every((i) => i.personId === old && i.daysOverdue > 90));
  });

  test('the worklist as CSV has every row with its short source and is logged as an export of each person', async () => {
    const [id] = await register('550', { givenName: 'Csv', familyName: 'Eksport' }, '2025-08-20');
    const res = await t.app.inject({
      url: '/api/v1/municipalities/550/worklist?on=2025-09-30&format=csv',
      headers: auth(await t.token('550', 'caseworker')),
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.match(res.headers['content-type'] as string, /^text\/csv/);
    assert.match(res.headers['content-disposition'] as string, /arbejdsliste-550-2025-09-30\.csv/);
    const lines = res.body.trim().split('\r\n');
    assert.equal(
      lines[0],
      'on,group,personId,givenName,familyName,ruleId,title,sourceShort,dueDate,status,daysOverdue,contactPerson,bookedAt',
    );
    assert.ok(lines.some((l) => l.includes(id!) && l.includes('Eksport') && l.includes('integrationsloven')));
    const logged = await t.database.db
      .selectFrom('access_log')
      .select(['action', 'resource'])
      .where('person_id', '=', id!)
      .where('action', '=', 'export')
      .execute();
    assert.deepEqual(logged, [{ action: 'export', resource: 'worklist' }]);
  });

  test('the policy endpoint lists every interpretation in force, where it is made and who made it', async () => {
    const res = await t.app.inject({ url: '/api/v1/municipalities/580/policy' });
    assert.equal(res.statusCode, 200);
    type I = { layer: string; where: string; title: string; text: string; by: string };
    const { rules, interpretations } = res.json<{
      rules: { id: string; interpretation?: { text: string; by: string } }[];
      interpretations: I[];
    }>();
    const at = (where: string, layer?: string) =>
      interpretations.find((i) => i.where === where && (layer === undefined || i.layer === layer));
    for (const r of rules.filter((x) => x.interpretation))
      assert.deepEqual(
        [at(r.id)?.text, at(r.id)?.by],
        [r.interpretation?.text, r.interpretation?.by],
        `${r.id}: its interpretation is listed`,
      );
    assert.match(at('law.language-assessment-age-3.countsFrom')?.text ?? '', /3 måneder før 3-årsdagen/);
    assert.equal(at('law.language-assessment-age-3.countsFrom')?.layer, 'law');
    assert.equal(at('aabenraa.reception-class')?.by, 'municipality');
    assert.match(at('placement.housing.weights.permanent', 'municipality')?.text ?? '', /Lægger vægt på/);
    assert.equal(at('placement.school.eligibility.ageMin')?.layer, 'law');
    assert.ok(at('checks.iguMaxDuration'), "the law's registration checks are listed");
  });

  test('the policy endpoint lists each rule with its source, and the diff shows what Aabenraa tightens that Hjørring does not', async () => {
    const policy = await t.app.inject({ url: '/api/v1/municipalities/580/policy' });
    assert.equal(policy.statusCode, 200);
    assert.ok(policy.json<{ rules: { source: { quote: string } }[] }>().rules.every((r) => r.source.quote.length > 0));
    type LegalSource = { quote: string; act?: string; paragraph?: string; version?: string; quoteKind?: string };
    const law = policy
      .json<{ rules: { id: string; layer: string; source: LegalSource }[] }>()
      .rules.filter((r) => r.layer === 'national');
    assert.ok(law.length >= 8);
    for (const r of law) {
      assert.ok(
        r.source.act && r.source.paragraph && r.source.version && r.source.quoteKind,
        `${r.id}: ${JSON.stringify(r.source)}`,
      );
      assert.ok(!looksEnglish(r.source.quote), `${r.id} quotes English: ${r.source.quote}`);
    }
    const diff = await t.app.inject({ url: '/api/v1/policies/diff?a=580&b=860' });
    assert.equal(diff.statusCode, 200);
    const { tightenedLaw } = diff.json<{ tightenedLaw: { lawRuleId: string; a: { id: string }[]; b: unknown[] }[] }>();
    const row = tightenedLaw.find((r) => r.lawRuleId === 'law.company-offer-1-month')!;
    assert.equal(row.a[0]!.id, 'aabenraa.first-offers-4-weeks');
    assert.deepEqual(row.b, []);
  });
});
