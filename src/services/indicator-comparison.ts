// Indicators compared across municipalities, as the Integrationsbarometer allows: the chosen
// municipalities beside the nation, under the same disclosure control as a municipality's own
// figures. Disclosure control is applied to the whole table, every municipality with records in
// Medborger as a cell and the nation as its total, and the chosen rows are taken from it after:
// the same cell is shown or hidden whichever municipalities are asked for, so no two requests can
// be subtracted from each other to recover a hidden municipality (test/indicator-comparison.test.ts).
//
// The nation is every municipality with records in Medborger, not Statistics Denmark's population:
// `nationMunicipalities` says how many. Each municipality is read in its own tenant transaction,
// under its own compiled rules; aggregates only, so no access-log row is written except for an
// export, which is logged in the caller's municipality.
import { protectComparison, type ComparisonRow, type ProtectedFigure } from '../domain/disclosure-control.js';
import {
  computeIndicators,
  type IndicatorDefinition,
  type IndicatorFigure,
  type IndicatorInput,
} from '../domain/indicators.js';
import { MUNICIPALITIES, MUNICIPALITY_CODE_PATTERN } from '../domain/municipalities.js';
import { inTenant } from '../db/tenant.js';
import {
  complianceIndicators,
  shippedIndicatorCatalogue,
  type CatalogueIndicator,
  type IndicatorSource,
} from '../policy/indicators.js';
import { compileRules, shippedPolicies } from '../policy/load.js';
import { recordAccess } from '../repositories/access-log.js';
import { authorize, type Ctx } from './context.js';
import { NotFoundError, UnprocessableError } from './errors.js';
import { inputNeeds, loadIndicatorInput } from './indicator-input.js';

/** The name of the nation's row. */
export const NATION_NAME = 'Hele landet';

export interface ComparisonRowView {
  /** The municipality code; null for the nation. */
  code: string | null;
  name: string;
  suppressed: boolean;
  value?: number | null;
  numerator?: number;
  denominator?: number;
}

export interface ComparedIndicator {
  id: string;
  title: string;
  source: IndicatorSource;
  target?: { value: number; source: { document: string; section?: string | undefined; quote: string } };
  measurable: boolean;
  reason?: string;
}

export interface IndicatorComparisonView {
  year: number;
  asOf: string;
  indicator: ComparedIndicator;
  /** How many municipalities the nation's row counts: those with persons in Medborger. */
  nationMunicipalities: number;
  /** The chosen municipalities in the order asked, then the nation (code null). */
  rows: ComparisonRowView[];
}

const NAMES = new Map(MUNICIPALITIES.map((m) => [m.code, m.name]));

/**
 * The indicators that mean the same in every municipality: the catalogue's (a municipality's own
 * target is still a definition any municipality can be measured by), and the compliance with
 * the law. The compliance with one municipality's own rule has no counterpart elsewhere.
 */
function comparableIndicator(id: string, ownCode: string): CatalogueIndicator {
  const policies = shippedPolicies();
  const found =
    shippedIndicatorCatalogue().indicators.find((c) => c.id === id) ??
    complianceIndicators(policies, ownCode).find((c) => c.id === id && c.source.type === 'law');
  if (found) return found;
  if ([...policies.byMunicipality.keys()].some((code) => complianceIndicators(policies, code).some((c) => c.id === id)))
    throw new UnprocessableError(
      'indicator.not_comparable',
      `The indicator ${id} measures a rule of one municipality's own policy; it has no counterpart elsewhere.`,
      [{ pointer: '/indicator', code: 'indicator.not_comparable', detail: 'not comparable across municipalities' }],
    );
  throw new NotFoundError('indicator.not_found', `The indicator ${id}`);
}

function checkCodes(codes: readonly string[]): void {
  const bad = codes.find((c) => !MUNICIPALITY_CODE_PATTERN.test(c) || !NAMES.has(c));
  if (bad !== undefined)
    throw new UnprocessableError('comparison.municipality_unknown', `No municipality has the code ${bad}.`, [
      { pointer: '/municipalities', code: 'comparison.municipality_unknown', detail: `unknown code ${bad}` },
    ]);
  if (codes.length === 0 || new Set(codes).size !== codes.length || codes.length > MUNICIPALITIES.length)
    throw new UnprocessableError('comparison.too_many_municipalities', 'Name from 1 to 98 municipalities, each once.', [
      { pointer: '/municipalities', code: 'comparison.too_many_municipalities', detail: 'from 1 to 98, each once' },
    ]);
}

/** Runs `work` over the items, at most `limit` at a time, results in the items' order. */
async function mapLimited<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await work(items[i] as T);
    }
  });
  await Promise.all(lanes);
  return out;
}

interface MunicipalityFigures {
  code: string;
  persons: number;
  figures: Map<string, IndicatorFigure>;
  /** Kept only where a median must be computed over the nation's records. */
  input: IndicatorInput | null;
}

function concatInputs(inputs: readonly IndicatorInput[]): IndicatorInput {
  const keys = [
    'persons',
    'labourMarket',
    'educationCompleted',
    'danishEducation',
    'danishTests',
    'enrolments',
    'languageAssessments',
    'obligations',
  ] as const;
  return Object.fromEntries(keys.map((k) => [k, inputs.flatMap((i) => i[k] as readonly unknown[])])) as never;
}

function rowView(code: string | null, name: string, f: ProtectedFigure): ComparisonRowView {
  if (f.suppressed) return { code, name, suppressed: true };
  return {
    code,
    name,
    suppressed: false,
    value: f.value,
    ...(f.numerator !== undefined ? { numerator: f.numerator } : {}),
    denominator: f.denominator,
  };
}

/**
 * The indicators for the chosen municipalities beside the nation, for a year. Refused: an unknown
 * indicator (404), a municipal rule's compliance (422), an unknown or repeated municipality (422).
 * `options.export` logs the comparison as an export (a CSV) in the caller's municipality.
 */
export async function compareIndicators(
  ctx: Ctx,
  indicatorIds: readonly string[],
  municipalityCodes: readonly string[],
  year: number,
  options: { export?: { format: string } } = {},
): Promise<IndicatorComparisonView[]> {
  const own = ctx.actor.municipalityCode;
  authorize(ctx, own, 'indicators.read');
  const indicators = indicatorIds.map((id) => comparableIndicator(id, own));
  checkCodes(municipalityCodes);
  const asOf = ctx.today;
  const policies = shippedPolicies();
  const defs = indicators.flatMap((c) => (c.definition ? [c.definition] : []));
  const needs = inputNeeds(defs);
  const keepInput = defs.some((d) => d.value === 'median_days');

  const perMunicipality: MunicipalityFigures[] =
    defs.length === 0
      ? []
      : await mapLimited(MUNICIPALITIES, 4, ({ code }) =>
          inTenant(ctx.db, code, async (tx) => {
            const input = await loadIndicatorInput(tx, compileRules(policies, code), asOf, needs);
            const figures = new Map(computeIndicators(defs, input, year, asOf).map((f) => [f.id, f]));
            return { code, persons: input.persons.length, figures, input: keepInput ? input : null };
          }),
        );
  const withPersons = perMunicipality.filter((m) => m.persons > 0);
  const medianNation = keepInput
    ? new Map(
        computeIndicators(
          defs.filter((d) => d.value === 'median_days'),
          concatInputs(withPersons.flatMap((m) => (m.input ? [m.input] : []))),
          year,
          asOf,
        ).map((f) => [f.id, f]),
      )
    : new Map<string, IndicatorFigure>();

  if (options.export)
    await inTenant(ctx.db, own, (tx) =>
      recordAccess(tx, ctx, [
        {
          personId: null,
          action: 'export',
          resource: 'indicator-comparison',
          criterion: `indicator=${indicatorIds.join(',')};municipalities=${municipalityCodes.join(',')};year=${year};format=${options.export?.format ?? ''}`,
        },
      ]),
    );

  return indicators.map((c): IndicatorComparisonView => {
    const indicator: ComparedIndicator = {
      id: c.id,
      title: c.title,
      source: c.source,
      ...(c.target ? { target: { value: c.target.value, source: c.target.source } } : {}),
      measurable: c.definition !== null,
      ...(c.notMeasurableReason ? { reason: c.notMeasurableReason } : {}),
    };
    const head = { year, asOf, indicator, nationMunicipalities: withPersons.length };
    const def: IndicatorDefinition | null = c.definition;
    if (!def) {
      const rows = [
        ...municipalityCodes.map((code) => ({ code, name: NAMES.get(code) ?? code })),
        ...[{ code: null, name: NATION_NAME }],
      ];
      return { ...head, rows: rows.map((r) => ({ ...r, suppressed: true })) };
    }
    // Every municipality with someone in the figure is a cell of the table; one with nobody in it
    // reveals nothing and hides nothing (shown as no figure).
    const cells: ComparisonRow[] = [];
    for (const m of perMunicipality) {
      const f = m.figures.get(def.id);
      if (!f || f.denominator === 0) continue;
      cells.push({
        key: m.code,
        denominator: f.denominator,
        ...(def.value === 'share' ? { numerator: f.numerator ?? 0 } : { value: f.value }),
      });
    }
    const nation =
      def.value === 'share'
        ? {
            numerator: cells.reduce((s, r) => s + (r.numerator ?? 0), 0),
            denominator: cells.reduce((s, r) => s + r.denominator, 0),
          }
        : {
            denominator: medianNation.get(def.id)?.denominator ?? 0,
            value: medianNation.get(def.id)?.value ?? null,
          };
    const table = protectComparison(cells, nation);
    const byCode = new Map(table.rows.map((r) => [r.key, r]));
    return {
      ...head,
      rows: [
        ...municipalityCodes.map((code) =>
          rowView(code, NAMES.get(code) ?? code, byCode.get(code) ?? { suppressed: true }),
        ),
        rowView(null, NATION_NAME, table.nation),
      ],
    };
  });
}
