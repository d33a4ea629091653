// Date arithmetic of the obligations engine: deadlines computed without Date objects must be the
// calendar's, for every day from 1900 to 2199, every duration and both directions.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { addDays, addDuration, daysBetween, type Duration } from '../src/domain/dates.js';

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const utc = (date: string) => Date.parse(`${date}T00:00:00Z`);

/** The calendar's answer, through Date: months clamped to the month's last day, then weeks and days. */
function reference(date: string, d: Duration, sign: 1 | -1): string {
  const [y, m, day] = date.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + sign * (d.years * 12 + d.months);
  const ny = Math.floor(total / 12);
  const nm = total % 12;
  const last = new Date(Date.UTC(ny, nm + 1, 0)).getUTCDate();
  return iso(Date.UTC(ny, nm, Math.min(day, last)) + sign * (d.weeks * 7 + d.days) * DAY);
}

const dates = fc.integer({ min: utc('1900-01-01') / DAY, max: utc('2199-12-31') / DAY }).map((n) => iso(n * DAY));
const durations = fc.record({
  years: fc.integer({ min: 0, max: 30 }),
  months: fc.integer({ min: 0, max: 30 }),
  weeks: fc.integer({ min: 0, max: 60 }),
  days: fc.integer({ min: 0, max: 400 }),
});

test('a deadline (date + duration, or minus) is the calendar’s for any day and duration, 1 month after 31 January the last of February', () => {
  assert.equal(addDuration('2025-01-31', { years: 0, months: 1, weeks: 0, days: 0 }), '2025-02-28');
  assert.equal(addDuration('2024-01-31', { years: 0, months: 1, weeks: 0, days: 0 }), '2024-02-29');
  assert.equal(addDuration('2024-02-29', { years: 1, months: 0, weeks: 0, days: 0 }), '2025-02-28');
  assert.equal(addDuration('2000-03-01', { years: 0, months: 0, weeks: 0, days: 1 }, -1), '2000-02-29');
  assert.equal(addDuration('1900-03-01', { years: 0, months: 0, weeks: 0, days: 1 }, -1), '1900-02-28');
  fc.assert(
    fc.property(dates, durations, fc.constantFrom(1 as const, -1 as const), (date, d, sign) => {
      assert.equal(addDuration(date, d, sign), reference(date, d, sign));
    }),
    { numRuns: 20_000 },
  );
});

test('adding days and counting the days between two dates agree with the calendar', () => {
  fc.assert(
    fc.property(dates, fc.integer({ min: -20_000, max: 20_000 }), (date, n) => {
      const later = iso(utc(date) + n * DAY);
      assert.equal(addDays(date, n), later);
      assert.equal(daysBetween(date, later), n);
    }),
    { numRuns: 20_000 },
  );
});
