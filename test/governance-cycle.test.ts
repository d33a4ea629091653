// The governance cycle as obligations of the municipality (src/domain/governance.ts), pure.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  governanceDueIn,
  governanceObligations,
  type GovernanceEvent,
  type GovernanceRule,
} from '../src/domain/governance.js';

const source = { document: 'hjorring-2019.md', quote: 'x' };
const rule = (over: Partial<GovernanceRule> & Pick<GovernanceRule, 'id' | 'event' | 'every'>): GovernanceRule => ({
  kind: 'governance',
  title: over.id,
  appliesTo: { ageAt: 'on' },
  source,
  effective: { from: '2019-01-01' },
  responsible: 'Byrådet',
  ...over,
});
const dialogue = rule({ id: 'hjorring.dialogue-meeting', event: 'dialogue_meeting', every: 'P1Y' });
const hearing = rule({ id: 'hjorring.council-hearing', event: 'council_hearing', every: 'once' });
const evaluation = rule({
  id: 'aabenraa.evaluation',
  event: 'evaluation',
  every: 'election_period',
  effective: { from: '2020-11-25' },
});
const feedback = rule({
  id: 'aabenraa.committee-feedback',
  event: 'committee_feedback',
  every: 'once',
  within: 'P1Y',
  effective: { from: '2020-11-25' },
});
let n = 0;
const event = (over: Partial<GovernanceEvent> & Pick<GovernanceEvent, 'kind' | 'date'>): GovernanceEvent => ({
  id: `e${++n}`,
  title: 'Møde',
  body: null,
  published: false,
  ruleId: null,
  caseId: null,
  ...over,
});
const at = (
  on: string,
  events: GovernanceEvent[] = [],
  cases = [] as { id: string; title: string; decisionDate: string; body: null }[],
  rules = [dialogue],
) => governanceObligations({ rules, events, cases, on, dueSoonDays: 30 });

describe('the governance cycle', () => {
  test('the yearly dialogue meeting is due by 31 December of the year, and recording one makes it met', () => {
    const current = (obs: ReturnType<typeof at>) => obs.find((o) => o.period.from === '2026-01-01');
    const before = current(at('2026-06-01'));
    assert.equal(before?.status, 'open');
    assert.equal(before.dueDate, '2026-12-31');
    assert.deepEqual(before.period, { from: '2026-01-01', to: '2026-12-31' });
    const held = event({ kind: 'meeting', date: '2026-05-20' });
    const after = current(at('2026-06-01', [held]));
    assert.equal(after?.status, 'met');
    assert.deepEqual(after.evidence.eventIds, [held.id]);
  });

  test('the dialogue meeting is due soon in December and a meeting of last year does not count for this year', () => {
    const obs = at('2026-12-10', [event({ kind: 'meeting', date: '2025-11-03' })]);
    assert.deepEqual(
      obs.map((o) => [o.period.from, o.status]),
      [['2026-01-01', 'due_soon']],
      'last year met: only this year is listed',
    );
  });

  test('a missed meeting of last year stays on the worklist as overdue after new year', () => {
    const obs = at('2026-01-15');
    assert.deepEqual(
      obs.map((o) => [o.dueDate, o.status]),
      [
        ['2025-12-31', 'overdue'],
        ['2026-12-31', 'open'],
      ],
    );
  });

  test('a report does not meet the dialogue meeting, and a meeting recorded for another rule does not either', () => {
    const obs = at('2026-06-01', [
      event({ kind: 'report', date: '2026-03-01' }),
      event({ kind: 'meeting', date: '2026-03-02', ruleId: 'other.rule' }),
    ]);
    assert.equal(obs.find((o) => o.period.from === '2026-01-01')?.status, 'open');
  });

  test('a registered general case makes a council hearing due before its decision date, met by a hearing on that case', () => {
    const theCase = { id: 'c1', title: 'Boligsocial helhedsplan', decisionDate: '2026-09-15', body: null };
    const [due] = at('2026-09-01', [], [theCase], [hearing]);
    assert.equal(due?.dueDate, '2026-09-14');
    assert.equal(due.status, 'due_soon');
    assert.equal(due.case?.id, 'c1');
    const other = event({ kind: 'hearing', date: '2026-09-02', caseId: 'c2' });
    assert.equal(
      at('2026-09-03', [other], [theCase], [hearing])[0]?.status,
      'due_soon',
      'a hearing on another case does not count',
    );
    const heard = event({ kind: 'hearing', date: '2026-09-02', caseId: 'c1' });
    assert.equal(at('2026-09-03', [heard], [theCase], [hearing])[0]?.status, 'met');
    const onTheDay = event({ kind: 'hearing', date: '2026-09-15', caseId: 'c1' });
    const late = at('2026-09-20', [onTheDay], [theCase], [hearing])[0];
    assert.equal(late?.status, 'met');
    assert.equal(late.evidence.late, true, 'a hearing on the decision day is not before it');
  });

  test('the evaluation once per election period is due at the end of the period and the missed period before shows', () => {
    const obs = at('2026-12-01', [], [], [evaluation]);
    assert.deepEqual(
      obs.map((o) => [o.period.from, o.dueDate, o.status]),
      [
        ['2022-01-01', '2025-12-31', 'overdue'],
        ['2026-01-01', '2029-12-31', 'open'],
      ],
    );
    const done = at('2026-12-01', [event({ kind: 'report', date: '2024-10-01' })], [], [evaluation]);
    assert.deepEqual(
      done.map((o) => o.period.from),
      ['2026-01-01'],
    );
  });

  test('a once-rule with a time limit is overdue after it, and met by a committee statement', () => {
    assert.equal(at('2022-01-01', [], [], [feedback])[0]?.status, 'overdue');
    assert.equal(
      at('2022-01-01', [event({ kind: 'statement', date: '2021-03-01' })], [], [feedback])[0]?.status,
      'met',
    );
  });

  test('a rule not yet in force has no obligation', () => {
    assert.deepEqual(at('2018-06-01'), []);
  });

  test('the annual compliance lists the periods that fell due in the year, met on time or not', () => {
    const input = {
      rules: [dialogue, evaluation],
      events: [event({ kind: 'meeting', date: '2025-04-01', ruleId: dialogue.id })],
      cases: [],
    };
    const due = governanceDueIn(input, 2025);
    assert.deepEqual(
      due.map((o) => [o.ruleId, o.dueDate, o.status]).sort(),
      [
        ['aabenraa.evaluation', '2025-12-31', 'overdue'],
        ['hjorring.dialogue-meeting', '2025-12-31', 'met'],
      ],
      'the meeting names the dialogue rule, so it does not count for the evaluation',
    );
    const unnamed = governanceDueIn({ ...input, events: [event({ kind: 'meeting', date: '2025-04-01' })] }, 2025);
    assert.deepEqual(
      unnamed.map((o) => o.status),
      ['met', 'met'],
      'a meeting naming no rule counts for each rule a meeting carries out',
    );
    const none = governanceDueIn({ ...input, events: [] }, 2025);
    assert.deepEqual(
      none.map((o) => o.status),
      ['overdue', 'overdue'],
    );
  });
});
