// Numbers, dates and figures in Danish, as the reports print them: decimal comma, thousands dot,
// "42 %" (a no-break space before the sign), "4. marts 2025". Pure.
import type { ReportFigure } from '../services/annual-report.js';

const NBSP = '\u00a0';
const INTEGER = new Intl.NumberFormat('da-DK', { maximumFractionDigits: 0 });
const ONE_DECIMAL = new Intl.NumberFormat('da-DK', { maximumFractionDigits: 1 });
const LONG_DATE = new Intl.DateTimeFormat('da-DK', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

/** A whole number: "1.234". */
export function integerDa(n: number): string {
  return INTEGER.format(n);
}

/** A share 0–1 as a whole percentage: "42 %". */
export function percentDa(share: number): string {
  return `${INTEGER.format(Math.round(share * 100))}${NBSP}%`;
}

/** A number of days, to one decimal: "31,5 dage", "1 dag". */
export function daysDa(days: number): string {
  return `${ONE_DECIMAL.format(days)}${NBSP}${days === 1 ? 'dag' : 'dage'}`;
}

/** An ISO date in words: "4. marts 2025". */
export function longDateDa(iso: string): string {
  return LONG_DATE.format(new Date(`${iso}T00:00:00Z`));
}

/** Why a figure shows no value, in a table cell ("Om rapporten" explains: fewer than 5 persons). */
export const SUPPRESSED_DA = 'Skjult';
export const NOBODY_DA = 'Ingen';

/** A figure's value as a table cell: the share or the days, or why there is none. */
export function figureValueDa(figure: ReportFigure, unit: 'share' | 'days'): string {
  if (figure.suppressed) return SUPPRESSED_DA;
  if (figure.value === null || figure.value === undefined) return NOBODY_DA;
  return unit === 'share' ? percentDa(figure.value) : daysDa(figure.value);
}

/** n as a table cell ("–" when suppressed). */
export function figureCountDa(figure: ReportFigure): string {
  return figure.suppressed || figure.denominator === undefined ? '–' : integerDa(figure.denominator);
}

/** The numerator of a share as a table cell ("–" when suppressed or a median). */
export function figureNumeratorDa(figure: ReportFigure): string {
  return figure.suppressed || figure.numerator === undefined ? '–' : integerDa(figure.numerator);
}

/** A sentence's first letter in upper case (a rule's summary is written to follow a title). */
export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
