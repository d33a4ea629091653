// Calendar dates as ISO strings (yyyy-mm-dd). Pure; all arithmetic in UTC so that a date never
// shifts with the server's time zone.

import { isValidIsoDate } from './cpr.js';

export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  return !!m && isValidIsoDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

function parts(date: IsoDate): [number, number, number] {
  // Hot path of the obligations engine: sliced, not matched (the format is checked once, at input).
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const d = Number(date.slice(8, 10));
  if (date.length !== 10 || date[4] !== '-' || date[7] !== '-' || !(y > 0 && m > 0 && d > 0))
    throw new RangeError(`not an ISO date: ${date}`);
  return [y, m, d];
}

/** Age in whole years on a given date (a person born 29 Feb turns a year older on 1 Mar). */
export function ageOn(birthDate: IsoDate, on: IsoDate): number {
  const [by, bm, bd] = parts(birthDate);
  const [y, m, d] = parts(on);
  let age = y - by;
  if (m < bm || (m === bm && d < bd)) age -= 1;
  return age;
}

// Made at first use: building a formatter with a time zone loads ICU's zone data (about 25 ms),
// which a command that never asks for today's date (`medborger solve`, `--help`) should not pay.
let copenhagen: Intl.DateTimeFormat | undefined;

/** Today's date in Denmark (a caseworker's "today", whatever the server's time zone). */
export function todayIso(now: Date = new Date()): IsoDate {
  copenhagen ??= new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Europe/Copenhagen',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  });
  return copenhagen.format(now);
}

/** Compares two ISO dates: negative, zero or positive. */
export function compareDates(a: IsoDate, b: IsoDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Danish display form, e.g. 1. marts 2025 → "01.03.2025". */
export function formatDanishDate(date: IsoDate): string {
  const [y, m, d] = parts(date);
  return `${String(d).padStart(2, '0')}.${String(m).padStart(2, '0')}.${y}`;
}

/** An ISO 8601 duration of whole days, weeks, months or years, e.g. P4W, P1M, P7D, P1Y6M. */
export interface Duration {
  years: number;
  months: number;
  weeks: number;
  days: number;
}

const DURATION = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$/;

export function parseDuration(text: string): Duration | null {
  const m = DURATION.exec(text);
  if (!m || text === 'P') return null;
  return { years: Number(m[1] ?? 0), months: Number(m[2] ?? 0), weeks: Number(m[3] ?? 0), days: Number(m[4] ?? 0) };
}

/** Shortest and longest length in days (months count 28–31 days, years 365–366). */
export function durationDayRange(d: Duration): [number, number] {
  const fixed = d.weeks * 7 + d.days;
  return [fixed + d.months * 28 + d.years * 365, fixed + d.months * 31 + d.years * 366];
}

/**
 * Adds a duration the way Danish deadlines are read: "1 month after 31 January" is the last day
 * of February (the day of month is clamped), then weeks and days are added.
 */
export function addDuration(date: IsoDate, d: Duration, sign: 1 | -1 = 1): IsoDate {
  const [y, m, day] = parts(date);
  const totalMonths = y * 12 + (m - 1) + sign * (d.years * 12 + d.months);
  const ny = Math.floor(totalMonths / 12);
  const nm = (totalMonths % 12) + 1;
  const clamped = Math.min(day, daysInMonth(ny, nm));
  return isoOfDay(dayNumber(ny, nm, clamped) + sign * (d.weeks * 7 + d.days));
}

export function addDays(date: IsoDate, days: number): IsoDate {
  const [y, m, d] = parts(date);
  return isoOfDay(dayNumber(y, m, d) + days);
}

// Day arithmetic without Date objects (the obligations engine adds durations millions of times):
// days since 1970-01-01 in the proleptic Gregorian calendar, and back (H. Hinnant's algorithms).
function dayNumber(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
}

function isoOfDay(n: number): IsoDate {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  if (y < 1000 || y > 9999) throw new RangeError(`a date outside the years 1000–9999: day ${n}`);
  return `${y}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** Whole days from a to b (positive when b is later). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  const [ay, am, ad] = parts(a);
  const [by, bm, bd] = parts(b);
  return dayNumber(by, bm, bd) - dayNumber(ay, am, ad);
}

/**
 * The age a child is counted by in the Danish school year: the age they reach in the calendar
 * year in which the school year holding `on` began (school years begin on 1 August). A child
 * starts the reception year (børnehaveklasse) in the August of the year they turn 6, so on
 * 2026-08-01 a child born 2020-12-31 counts 6, while on 2026-07-31 a child born 2020-01-01
 * counts 5. A child born after that calendar year counts 0.
 */
export function schoolYearAge(birthDate: IsoDate, on: IsoDate): number {
  const [by] = parts(birthDate);
  const [y, m] = parts(on);
  return Math.max(0, (m >= 8 ? y : y - 1) - by);
}

/** The day of the week, ISO numbering: 1 Monday … 6 Saturday, 7 Sunday. */
export function isoWeekday(date: IsoDate): number {
  const [y, m, d] = parts(date);
  // 1970-01-01 (day 0) was a Thursday (4).
  return ((((dayNumber(y, m, d) + 3) % 7) + 7) % 7) + 1;
}

/** The first day of the month `months` after the month of `date` (0: its own month's first). */
export function firstOfMonthAfter(date: IsoDate, months: number): IsoDate {
  const [y, m] = parts(date);
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  return `${ny}-${nm < 10 ? '0' : ''}${nm}-01`;
}

const MONTHS_DA = [
  'januar',
  'februar',
  'marts',
  'april',
  'maj',
  'juni',
  'juli',
  'august',
  'september',
  'oktober',
  'november',
  'december',
] as const;
const WEEKDAYS_DA = ['mandag', 'tirsdag', 'onsdag', 'torsdag', 'fredag', 'lørdag', 'søndag'] as const;

/** A date in Danish words: "12. januar 2026". */
export function longDateDa(date: IsoDate): string {
  const [y, m, d] = parts(date);
  return `${String(d)}. ${MONTHS_DA[m - 1] ?? ''} ${String(y)}`;
}

/** The weekday of a date in Danish (lower case, as in a sentence): "mandag". */
export function weekdayDa(date: IsoDate): string {
  const [y, m, d] = parts(date);
  const sunday0 = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return WEEKDAYS_DA[(sunday0 + 6) % 7] ?? '';
}
