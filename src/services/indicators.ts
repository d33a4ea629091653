// The indicators of a municipality for a year: the catalogue's (policies/indicators.yaml) that apply
// to it and one compliance pair per rule, counted over its records (src/domain/indicators.ts) and
// shown only under disclosure control (src/domain/disclosure-control.ts): no figure about fewer
// than 5 persons, complementary suppression within each breakdown. Aggregates only: no person is
// shown, so nothing is access-logged but an export; the per-person records read here never leave this function.
import { protectIndicator, type ProtectedFigure } from '../domain/disclosure-control.js';
import {
  computeIndicators,
  type IndicatorBreakdown,
  type IndicatorDefinition,
  type IndicatorFigure,
} from '../domain/indicators.js';
import { inTenant } from '../db/tenant.js';
import { indicatorsFor, shippedIndicatorCatalogue, type CatalogueIndicator } from '../policy/indicators.js';
import { compileRules, shippedPolicies } from '../policy/load.js';
import { recordAccess } from '../repositories/access-log.js';
import { authorize, type Ctx } from './context.js';
import { inputNeeds, loadIndicatorInput } from './indicator-input.js';

/** The breakdown names of the API (`?breakdown=`) and the domain's dimensions. */
export const BREAKDOWN_PARAMETERS = {
  sex: 'sex',
  age: 'age_band',
  residenceBasis: 'residence_basis',
  program: 'program',
  cohort: 'cohort',
} as const satisfies Record<string, IndicatorBreakdown>;
export type BreakdownParameter = keyof typeof BREAKDOWN_PARAMETERS;

type Figure =
  { suppressed: true } | { suppressed: false; value: number | null; numerator?: number; denominator: number };

export interface IndicatorGroupView {
  group: string;
  suppressed: boolean;
  value?: number | null;
  numerator?: number;
  denominator?: number;
}

export interface IndicatorView {
  id: string;
  title: string;
  source: CatalogueIndicator['source'];
  target?: { value: number; source: { document: string; section?: string | undefined; quote: string } };
  /** false: not measurable from Medborger's records (`reason` says why); no figure. */
  measurable: boolean;
  reason?: string;
  /** true whenever no figure is shown: too few persons, or not measurable. */
  suppressed: boolean;
  value?: number | null;
  numerator?: number;
  denominator?: number;
  breakdown?: IndicatorGroupView[];
}

export interface IndicatorsView {
  year: number;
  asOf: string;
  breakdown: BreakdownParameter | null;
  indicators: IndicatorView[];
}

function figure(f: ProtectedFigure): Figure {
  if (f.suppressed) return { suppressed: true };
  return {
    suppressed: false,
    value: f.value,
    ...(f.numerator !== undefined ? { numerator: f.numerator } : {}),
    denominator: f.denominator,
  };
}

/**
 * The indicators of a municipality for a year, each under disclosure control, with one breakdown
 * if asked for. `options.export` logs the read as an export (an access-log row naming no person).
 */
export async function municipalityIndicators(
  ctx: Ctx,
  municipalityCode: string,
  year: number,
  breakdown: BreakdownParameter | null,
  options: { export?: { format: string } } = {},
): Promise<IndicatorsView> {
  authorize(ctx, municipalityCode, 'indicators.read');
  const policies = shippedPolicies();
  const catalogue = indicatorsFor(shippedIndicatorCatalogue(), policies, municipalityCode);
  const { rules, dueSoonDays } = compileRules(policies, municipalityCode);
  // Figures of a year that is over are as they stand today; of the current year, so far.
  const asOf = ctx.today;
  const measurable = catalogue.filter(
    (c): c is CatalogueIndicator & { definition: IndicatorDefinition } => c.definition !== null,
  );
  const defs = measurable.map((m) => m.definition);
  const figures = await inTenant(ctx.db, municipalityCode, async (tx) => {
    const input = await loadIndicatorInput(tx, { rules, dueSoonDays }, asOf, inputNeeds(defs));
    // An export (a CSV file) of aggregates is logged, though it names no person: who took which table out.
    if (options.export)
      await recordAccess(tx, ctx, [
        {
          personId: null,
          action: 'export',
          resource: 'indicators',
          criterion: `year=${year};breakdown=${breakdown ?? ''};format=${options.export.format}`,
        },
      ]);
    return new Map(computeIndicators(defs, input, year, asOf).map((f) => [f.id, f]));
  });
  return { year, asOf, breakdown, indicators: indicatorViews(catalogue, figures, breakdown) };
}

/** The catalogue's indicators as views: each figure under disclosure control, one breakdown if asked for. */
function indicatorViews(
  catalogue: readonly CatalogueIndicator[],
  figures: ReadonlyMap<string, IndicatorFigure>,
  breakdown: BreakdownParameter | null,
): IndicatorView[] {
  const dimension = breakdown ? BREAKDOWN_PARAMETERS[breakdown] : null;
  return catalogue.map((c): IndicatorView => {
    const head = {
      id: c.id,
      title: c.title,
      source: c.source,
      ...(c.target ? { target: { value: c.target.value, source: c.target.source } } : {}),
    };
    const f = figures.get(c.id);
    if (!c.definition || !f)
      return {
        ...head,
        measurable: false,
        ...(c.notMeasurableReason ? { reason: c.notMeasurableReason } : {}),
        suppressed: true,
      };
    const protectedFigure = protectIndicator(f);
    const groups = dimension
      ? protectedFigure.breakdown
          .filter((row) => row.dimension === dimension)
          .map((row) => ({ group: row.group, ...figure(row) }))
      : undefined;
    return { ...head, measurable: true, ...figure(protectedFigure.total), ...(groups ? { breakdown: groups } : {}) };
  });
}

/**
 * The indicators of a municipality for each year from `fromYear` to `toYear` (no breakdown), the
 * records loaded and the obligations evaluated once: a trend over the years. The years begin at
 * the first year anyone was taken over in the municipality, when that is later than `fromYear`;
 * a municipality with no records gets the last year only (`firstYear` null). Each year under
 * disclosure control of its own, as `municipalityIndicators` shows it.
 */
export async function municipalityIndicatorsOverYears(
  ctx: Ctx,
  municipalityCode: string,
  fromYear: number,
  toYear: number,
): Promise<{ firstYear: number | null; years: IndicatorsView[] }> {
  authorize(ctx, municipalityCode, 'indicators.read');
  const policies = shippedPolicies();
  const catalogue = indicatorsFor(shippedIndicatorCatalogue(), policies, municipalityCode);
  const { rules, dueSoonDays } = compileRules(policies, municipalityCode);
  const asOf = ctx.today;
  const defs = catalogue.flatMap((c) => (c.definition ? [c.definition] : []));
  const byYear = await inTenant(ctx.db, municipalityCode, async (tx) => {
    const input = await loadIndicatorInput(tx, { rules, dueSoonDays }, asOf, inputNeeds(defs));
    const first = input.persons.length
      ? Math.min(...input.persons.map((p) => Number(p.takeoverDate.slice(0, 4))))
      : null;
    const years: number[] = [];
    for (let y = Math.min(Math.max(fromYear, first ?? toYear), toYear); y <= toYear; y++) years.push(y);
    return {
      first,
      figures: years.map((y) => ({
        year: y,
        figures: new Map(computeIndicators(defs, input, y, asOf).map((f) => [f.id, f])),
      })),
    };
  });
  return {
    firstYear: byYear.first,
    years: byYear.figures.map(({ year, figures }) => ({
      year,
      asOf,
      breakdown: null,
      indicators: indicatorViews(catalogue, figures, null),
    })),
  };
}
