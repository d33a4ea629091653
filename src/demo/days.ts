// Dates as day numbers (days since 1970-01-01, UTC) for the demo generator: cheaper than ISO
// strings in its loops, and turned into ISO dates (yyyy-mm-dd) only on the records it makes.

const MS_PER_DAY = 86_400_000;

export function dayOf(iso: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new RangeError(`not an ISO date: ${iso}`);
  return Math.round(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / MS_PER_DAY);
}

export function isoOf(day: number): string {
  const [y, m, d] = ymd(day);
  return `${y}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

/** Year, month, day of a day number (Howard Hinnant's civil-from-days; faster than Date). */
export function ymd(day: number): [number, number, number] {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

export function dayFrom(year: number, month: number, dayOfMonth: number): number {
  return Math.round(Date.UTC(year, month - 1, dayOfMonth) / MS_PER_DAY);
}

/** The same calendar date `years` later (29 February becomes 1 March). */
export function addYears(day: number, years: number): number {
  const [y, m, d] = ymd(day);
  return dayFrom(y + years, m, d);
}

/** Whole years of age, as ageOn in src/domain/dates.ts (a 29 February birthday counts from 1 March). */
export function ageAt(birth: number, on: number): number {
  const [by, bm, bd] = ymd(birth);
  const [y, m, d] = ymd(on);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** `months` calendar months later, the day clamped to the month's last (as addDuration in src/domain/dates.ts). */
export function addMonths(day: number, months: number): number {
  const [y, m, d] = ymd(day);
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = total - ny * 12;
  const last = new Date(Date.UTC(ny, nm + 1, 0)).getUTCDate();
  return dayFrom(ny, nm + 1, Math.min(d, last));
}
