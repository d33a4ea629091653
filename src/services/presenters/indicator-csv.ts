// Indicator tables as CSV (RFC 4180: comma, double quotes, CRLF; UTF-8; numbers with a decimal
// point), the columns named as the JSON fields, one row per figure: the total, then each group of
// the breakdown; one row per municipality and the nation for a comparison. A suppressed figure has
// empty value, numerator and denominator, exactly as the JSON omits them: nothing the API hides
// reaches the file.
import { csv, type Cell } from './csv.js';
import type { IndicatorComparisonView } from '../indicator-comparison.js';
import type { IndicatorsView } from '../indicators.js';

const figureCells = (f: { suppressed: boolean; value?: number | null; numerator?: number; denominator?: number }) => [
  f.suppressed,
  f.suppressed ? null : f.value,
  f.suppressed ? null : f.numerator,
  f.suppressed ? null : f.denominator,
];

/** The indicators of a municipality: one row per indicator, and one per group of the breakdown asked for. */
export function indicatorsCsv(view: IndicatorsView): string {
  const header = [
    'year',
    'id',
    'title',
    'breakdown',
    'group',
    'measurable',
    'suppressed',
    'value',
    'numerator',
    'denominator',
    'target',
    'source',
  ];
  const rows: Cell[][] = [];
  for (const i of view.indicators) {
    const source = i.source.type;
    rows.push([view.year, i.id, i.title, null, null, i.measurable, ...figureCells(i), i.target?.value, source]);
    for (const g of i.breakdown ?? [])
      rows.push([view.year, i.id, i.title, view.breakdown, g.group, i.measurable, ...figureCells(g), null, source]);
  }
  return csv(header, rows);
}

/** A comparison: one row per chosen municipality, then the nation (empty code). */
export function comparisonCsv(view: IndicatorComparisonView): string {
  const header = [
    'year',
    'indicator',
    'title',
    'municipality',
    'name',
    'suppressed',
    'value',
    'numerator',
    'denominator',
  ];
  return csv(
    header,
    view.rows.map((r) => [view.year, view.indicator.id, view.indicator.title, r.code, r.name, ...figureCells(r)]),
  );
}
