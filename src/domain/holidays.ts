// Danish public holidays (helligdage) as data: each holiday is a rule (a fixed day of the year, or
// a number of days from Easter Sunday) with the years it is a holiday. The days a weekday rule
// skips (integrationsloven § 4, stk. 2: "Falder den 1. i en måned i en weekend eller på en
// helligdag …") are derived from this table and nothing else. Pure.
//
// The list: nytårsdag, skærtorsdag, langfredag, påskedag, 2. påskedag, Kristi himmelfartsdag,
// pinsedag, 2. pinsedag, juledag and 2. juledag, the folkekirke's holidays that are public holidays
// in Danish law, and store bededag until 2023: it was abolished as a public holiday from 2024 (lov
// om afskaffelse af store bededag som helligdag, 2023). Neither act is in shared/law/excerpts.md;
// check against retsinformation.dk before relying on the details. Store bededag is kept with its
// period, so that a date in 2023 or earlier is computed as it was then.
//
// Not public holidays by law, and therefore weekdays here: grundlovsdag (5 June) and
// juleaftensdag (24 December) — many workplaces close (by agreement or custom), but neither is a
// helligdag in the law's sense; likewise nytårsaftensdag and 1. maj.
import type { IsoDate } from './dates.js';
import { addDays } from './dates.js';

export const HOLIDAY_IDS = [
  'new_years_day',
  'maundy_thursday',
  'good_friday',
  'easter_sunday',
  'easter_monday',
  'great_prayer_day',
  'ascension_day',
  'whit_sunday',
  'whit_monday',
  'christmas_day',
  'boxing_day',
] as const;
export type HolidayId = (typeof HOLIDAY_IDS)[number];

export interface HolidayRule {
  id: HolidayId;
  /** A fixed day of the year, or the number of days from Easter Sunday. */
  on: { month: number; day: number } | { fromEaster: number };
  /** The first and last year it is a public holiday (inclusive); absent: no limit. */
  fromYear?: number;
  toYear?: number;
}

export const DANISH_PUBLIC_HOLIDAYS: readonly HolidayRule[] = [
  { id: 'new_years_day', on: { month: 1, day: 1 } },
  { id: 'maundy_thursday', on: { fromEaster: -3 } },
  { id: 'good_friday', on: { fromEaster: -2 } },
  { id: 'easter_sunday', on: { fromEaster: 0 } },
  { id: 'easter_monday', on: { fromEaster: 1 } },
  // Store bededag: the fourth Friday after Easter; a public holiday until 2023, abolished from 2024.
  { id: 'great_prayer_day', on: { fromEaster: 26 }, toYear: 2023 },
  { id: 'ascension_day', on: { fromEaster: 39 } },
  { id: 'whit_sunday', on: { fromEaster: 49 } },
  { id: 'whit_monday', on: { fromEaster: 50 } },
  { id: 'christmas_day', on: { month: 12, day: 25 } },
  { id: 'boxing_day', on: { month: 12, day: 26 } },
];

const pad = (n: number) => String(n).padStart(2, '0');

/** Easter Sunday of a Gregorian year (the anonymous Gregorian algorithm: Meeus, Jones, Butcher). */
export function easterSunday(year: number): IsoDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${pad(month)}-${pad(day)}`;
}

/** The public holidays of a year, in date order: each with its date. */
export function publicHolidays(year: number): { id: HolidayId; date: IsoDate }[] {
  const easter = easterSunday(year);
  return DANISH_PUBLIC_HOLIDAYS.filter(
    (r) => (r.fromYear === undefined || year >= r.fromYear) && (r.toYear === undefined || year <= r.toYear),
  )
    .map((r) => ({
      id: r.id,
      date: 'fromEaster' in r.on ? addDays(easter, r.on.fromEaster) : `${year}-${pad(r.on.month)}-${pad(r.on.day)}`,
    }))
    .sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0));
}

const byYear = new Map<number, Map<IsoDate, HolidayId>>();

/** The public holiday on a date, or null. */
export function holidayOn(date: IsoDate): HolidayId | null {
  const year = Number(date.slice(0, 4));
  let days = byYear.get(year);
  if (!days) {
    days = new Map(publicHolidays(year).map((h) => [h.date, h.id]));
    byYear.set(year, days);
  }
  return days.get(date) ?? null;
}
