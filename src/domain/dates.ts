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
  const m = ISO_DATE.exec(date);
  if (!m) throw new RangeError(`not an ISO date: ${date}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

/** Age in whole years on a given date (a person born 29 Feb turns a year older on 1 Mar). */
export function ageOn(birthDate: IsoDate, on: IsoDate): number {
  const [by, bm, bd] = parts(birthDate);
  const [y, m, d] = parts(on);
  let age = y - by;
  if (m < bm || (m === bm && d < bd)) age -= 1;
  return age;
}

const COPENHAGEN = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Copenhagen', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today's date in Denmark (a caseworker's "today", whatever the server's time zone). */
export function todayIso(now: Date = new Date()): IsoDate {
  return COPENHAGEN.format(now);
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
