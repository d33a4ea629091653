// The takeover date of integrationsloven § 4, stk. 2, and the Danish public holidays it skips:
// the 1st of the month after the first whole calendar month following the visitation decision, or
// the next weekday; earlier only with the person's consent.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isoWeekday } from '../src/domain/dates.js';
import { easterSunday, holidayOn, publicHolidays } from '../src/domain/holidays.js';
import { resolveTakeover, statutoryTakeoverDate } from '../src/domain/takeover.js';

test('a decision on 10 March 2025 gives the takeover on 1 May 2025 (April is the first whole month)', () => {
  assert.deepEqual(statutoryTakeoverDate('2025-03-10'), { date: '2025-05-01', shift: null });
});

test('a decision on 20 September 2025 gives Monday 3 November 2025, since 1 November 2025 is a Saturday', () => {
  const { date, shift } = statutoryTakeoverDate('2025-09-20');
  assert.equal(date, '2025-11-03');
  assert.deepEqual(shift, {
    first: '2025-11-01',
    skipped: [
      { date: '2025-11-01', reason: 'saturday' },
      { date: '2025-11-02', reason: 'sunday' },
    ],
  });
});

test('a decision on 10 November 2025 gives 2 January 2026, since 1 January is nytårsdag', () => {
  const { date, shift } = statutoryTakeoverDate('2025-11-10');
  assert.equal(date, '2026-01-02');
  assert.deepEqual(shift?.skipped, [{ date: '2026-01-01', reason: 'new_years_day' }]);
});

test('a decision on 1 April 2025 does not count April as a whole month after it: takeover Monday 2 June 2025', () => {
  // Interpretation (src/domain/takeover.ts): the decision is made during 1 April, so the first
  // whole month after it is May; 1 June 2025 is a Sunday.
  assert.equal(statutoryTakeoverDate('2025-04-01').date, '2025-06-02');
  // The last day of a month likewise: the next month is the first whole one.
  assert.equal(statutoryTakeoverDate('2025-03-31').date, '2025-05-01');
});

test('a takeover 1st on 2. påskedag or påskedag moves to the next weekday after the Easter holidays', () => {
  // 2024: Easter Sunday 31 March, so 1 April 2024 (a Monday) is 2. påskedag.
  const monday = statutoryTakeoverDate('2024-02-10');
  assert.equal(monday.date, '2024-04-02');
  assert.deepEqual(monday.shift?.skipped, [{ date: '2024-04-01', reason: 'easter_monday' }]);
  // 2029: Easter Sunday is 1 April: påskedag (named as the holiday, not as a Sunday), then 2. påskedag.
  const sunday = statutoryTakeoverDate('2029-02-15');
  assert.equal(sunday.date, '2029-04-03');
  assert.deepEqual(
    sunday.shift?.skipped.map((s) => s.reason),
    ['easter_sunday', 'easter_monday'],
  );
});

test('Easter Sunday is computed for known years', () => {
  assert.equal(easterSunday(2024), '2024-03-31');
  assert.equal(easterSunday(2025), '2025-04-20');
  assert.equal(easterSunday(2026), '2026-04-05');
  assert.equal(easterSunday(2000), '2000-04-23');
  assert.equal(easterSunday(2038), '2038-04-25');
});

test('the public holidays of 2025 are the ten of the law, without store bededag (abolished from 2024)', () => {
  assert.deepEqual(publicHolidays(2025), [
    { id: 'new_years_day', date: '2025-01-01' },
    { id: 'maundy_thursday', date: '2025-04-17' },
    { id: 'good_friday', date: '2025-04-18' },
    { id: 'easter_sunday', date: '2025-04-20' },
    { id: 'easter_monday', date: '2025-04-21' },
    { id: 'ascension_day', date: '2025-05-29' },
    { id: 'whit_sunday', date: '2025-06-08' },
    { id: 'whit_monday', date: '2025-06-09' },
    { id: 'christmas_day', date: '2025-12-25' },
    { id: 'boxing_day', date: '2025-12-26' },
  ]);
});

test('store bededag was a public holiday in 2023 (5 May) and is none in 2024 (26 April is a working Friday)', () => {
  assert.equal(holidayOn('2023-05-05'), 'great_prayer_day');
  assert.equal(holidayOn('2024-04-26'), null);
  assert.equal(isoWeekday('2024-04-26'), 5);
});

test('grundlovsdag and juleaftensdag are not public holidays', () => {
  assert.equal(holidayOn('2025-06-05'), null);
  assert.equal(holidayOn('2025-12-24'), null);
});

test('a takeover on 1 May 1998 with store bededag that year counts the old holiday', () => {
  // 1998: Easter 12 April, store bededag 8 May; a decision on 10 March 1998 gives 1 May 1998 (a Friday, no holiday).
  assert.equal(statutoryTakeoverDate('1998-03-10').date, '1998-05-01');
  // 2015: store bededag 1 May (Easter 5 April + 26 days): the 1st is a holiday, then the weekend → Monday 4 May.
  assert.equal(statutoryTakeoverDate('2015-03-10').date, '2015-05-04');
});

test('an agreed takeover before the law’s date needs the person’s consent, which is recorded', () => {
  assert.deepEqual(resolveTakeover({ decisionDate: '2025-03-10', takeoverDate: '2025-04-01', consent: true }), {
    ok: true,
    takeoverDate: '2025-04-01',
    statutoryDate: '2025-05-01',
    shift: null,
    byConsent: true,
  });
  const refused = resolveTakeover({ decisionDate: '2025-03-10', takeoverDate: '2025-04-01' });
  assert.deepEqual(refused.ok ? [] : refused.problems.map((p) => [p.field, p.code]), [
    ['consent', 'takeover.consent_missing'],
  ]);
});

test('a takeover date later than the law’s, or before the decision, is refused', () => {
  const late = resolveTakeover({ decisionDate: '2025-03-10', takeoverDate: '2025-05-02', consent: true });
  assert.deepEqual(!late.ok && late.problems.map((p) => p.code), ['takeover.after_statutory']);
  const early = resolveTakeover({ decisionDate: '2025-03-10', takeoverDate: '2025-03-09', consent: true });
  assert.deepEqual(!early.ok && early.problems.map((p) => p.code), ['takeover.before_decision']);
});

test('the law’s own date given with the decision is no consent; a date without a decision stands; neither is refused', () => {
  const same = resolveTakeover({ decisionDate: '2025-03-10', takeoverDate: '2025-05-01', consent: true });
  assert.equal(same.ok && same.byConsent, false);
  assert.deepEqual(resolveTakeover({ takeoverDate: '2025-06-15' }), {
    ok: true,
    takeoverDate: '2025-06-15',
    statutoryDate: null,
    shift: null,
    byConsent: false,
  });
  const none = resolveTakeover({});
  assert.deepEqual(!none.ok && none.problems.map((p) => p.code), ['takeover.date_missing']);
});
