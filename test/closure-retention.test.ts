// Cases that close (issue 13, item 3), in the obligations engine: after the closure day an
// obligation is no longer owed (shown as not applicable with the closure as the reason), one due
// before it stays as it was, and a rule that follows the whole family continues while another
// member of the household has an open case.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { obligationsFor, type CaseFacts } from '../src/domain/obligations.js';
import { retentionPassed } from '../src/domain/closure.js';
import { parseDuration } from '../src/domain/dates.js';
import { compileRules, shippedPolicies } from '../src/policy/load.js';

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
