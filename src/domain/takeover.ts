// The takeover date (overtagelsesdato): the day the municipality takes over responsibility for a
// refugee visited (visiteret) to it, from which the case's deadlines run. Pure.
//
// Integrationsloven § 4, stk. 2 (LBK nr. 1146 af 22/06/2020, elov.dk; shared/law/excerpts.md § 1):
//   "Ansvaret for flygtninge efter stk. 1 påhviler kommunalbestyrelsen fra udgangen af den første
//   hele måned fra tidspunktet for afgørelsen om visitering, jf. § 10, stk. 1. Falder den 1. i en
//   måned i en weekend eller på en helligdag, overgår ansvaret for en flygtning til
//   kommunalbestyrelsen den førstkommende hverdag. Kommunalbestyrelsen kan med den pågældendes
//   samtykke overtage ansvaret for en flygtning efter stk. 1 før udgangen af den første hele måned
//   efter afgørelsen om visitering."
//
// So: the 1st of the month after the first whole calendar month following the decision; if that
// 1st is a Saturday, a Sunday or a public holiday (holidays.ts), the next weekday. Earlier only
// with the person's consent, which is recorded with the date.
//
// Interpretation (a decision made on the 1st of a month): "den første hele måned fra tidspunktet
// for afgørelsen" counts from the moment of the decision, and the third sentence says "efter
// afgørelsen". A decision made on 1 April is made during 1 April, so April is not a whole month
// after it; the first whole month is May, and responsibility passes from 1 June (2025: a Sunday,
// so Monday 2 June). The other reading (April counts because the decision falls on its first day)
// would shorten the month of preparation the rule gives the municipality; a municipality that is
// ready earlier can take over earlier with consent. The month of the decision therefore never
// counts, whatever its day.
import { compareDates, firstOfMonthAfter, isIsoDate, isoWeekday, addDays, type IsoDate } from './dates.js';
import { holidayOn, type HolidayId } from './holidays.js';

/** Why the statutory day is not the 1st: the 1st (and maybe the days after it) fell on a weekend or a holiday. */
export interface TakeoverShift {
  /** The 1st of the month the rule names. */
  first: IsoDate;
  /** The days skipped from the 1st, each a weekend day or a holiday. */
  skipped: { date: IsoDate; reason: 'saturday' | 'sunday' | HolidayId }[];
}

/** The next weekday from `date` (itself when it is one): not a Saturday, a Sunday or a public holiday. */
export function nextWeekday(date: IsoDate): { date: IsoDate; skipped: TakeoverShift['skipped'] } {
  const skipped: TakeoverShift['skipped'] = [];
  let day = date;
  for (;;) {
    const weekday = isoWeekday(day);
    const holiday = holidayOn(day);
    // A holiday on a weekend (påskedag, pinsedag) is named as the holiday.
    if (holiday) skipped.push({ date: day, reason: holiday });
    else if (weekday === 6) skipped.push({ date: day, reason: 'saturday' });
    else if (weekday === 7) skipped.push({ date: day, reason: 'sunday' });
    else return { date: day, skipped };
    day = addDays(day, 1);
  }
}

/**
 * The statutory takeover date after a visitation decision on `decisionDate` (§ 4, stk. 2, 1.–2.
 * pkt.): the first whole calendar month after the decision's month ends; responsibility passes on
 * the 1st of the month after it, or the next weekday.
 */
export function statutoryTakeoverDate(decisionDate: IsoDate): { date: IsoDate; shift: TakeoverShift | null } {
  // The decision's own month never counts (see the interpretation above): the first whole month is
  // the next one, and the takeover is on the 1st of the month after that.
  const first = firstOfMonthAfter(decisionDate, 2);
  const { date, skipped } = nextWeekday(first);
  return { date, shift: skipped.length > 0 ? { first, skipped } : null };
}

export type TakeoverProblemCode =
  'takeover.date_missing' | 'takeover.consent_missing' | 'takeover.after_statutory' | 'takeover.before_decision';

export interface TakeoverProblem {
  /** The field it is about: the takeover date or the consent. */
  field: 'takeoverDate' | 'consent' | 'decisionDate';
  code: TakeoverProblemCode;
  detail: string;
}

export interface TakeoverInput {
  /** The day of Udlændingestyrelsen's visitation decision (§ 10, stk. 1), when there is one. */
  decisionDate?: IsoDate | undefined;
  /** A takeover date given: agreed earlier with consent, or (without a decision) the day responsibility passed. */
  takeoverDate?: IsoDate | undefined;
  /** The person consented to an earlier takeover (§ 4, stk. 2, 3. pkt.). */
  consent?: boolean | undefined;
}

export type Takeover =
  | {
      ok: true;
      takeoverDate: IsoDate;
      /** The date the rule gives for the decision; null when no decision date was given. */
      statutoryDate: IsoDate | null;
      shift: TakeoverShift | null;
      /** Earlier than the statutory date, with the person's consent. */
      byConsent: boolean;
    }
  | { ok: false; problems: TakeoverProblem[] };

/**
 * A person's takeover date from what is known: the decision date alone gives the statutory date;
 * a date given with it may be earlier only with consent, never later than the statutory date nor
 * before the decision; a date given without a decision (e.g. a family-reunified person, whose
 * responsibility does not follow a visitation decision) stands as given.
 */
export function resolveTakeover(input: TakeoverInput): Takeover {
  const { decisionDate, takeoverDate, consent } = input;
  const validDecision = decisionDate !== undefined && isIsoDate(decisionDate) ? decisionDate : undefined;
  if (validDecision === undefined) {
    if (takeoverDate === undefined)
      return {
        ok: false,
        problems: [
          {
            field: 'takeoverDate',
            code: 'takeover.date_missing',
            detail: 'Give the visitation decision date, or the takeover date.',
          },
        ],
      };
    return { ok: true, takeoverDate, statutoryDate: null, shift: null, byConsent: false };
  }
  const statutory = statutoryTakeoverDate(validDecision);
  if (takeoverDate === undefined || takeoverDate === statutory.date)
    return {
      ok: true,
      takeoverDate: statutory.date,
      statutoryDate: statutory.date,
      shift: statutory.shift,
      byConsent: false,
    };
  if (compareDates(takeoverDate, validDecision) < 0)
    return {
      ok: false,
      problems: [
        {
          field: 'takeoverDate',
          code: 'takeover.before_decision',
          detail: 'The takeover date is before the decision.',
        },
      ],
    };
  if (compareDates(takeoverDate, statutory.date) > 0)
    return {
      ok: false,
      problems: [
        {
          field: 'takeoverDate',
          code: 'takeover.after_statutory',
          detail: `Responsibility passes on ${statutory.date} by integrationsloven § 4, stk. 2; a later date cannot be agreed.`,
        },
      ],
    };
  if (consent !== true)
    return {
      ok: false,
      problems: [
        {
          field: 'consent',
          code: 'takeover.consent_missing',
          detail: `A takeover before ${statutory.date} needs the person's consent (integrationsloven § 4, stk. 2, 3. pkt.).`,
        },
      ],
    };
  return { ok: true, takeoverDate, statutoryDate: statutory.date, shift: statutory.shift, byConsent: true };
}
