// The indicators of a municipality for a year: the catalogue's (policies/indicators.yaml) that apply
// to it and one compliance pair per rule, counted over its records (src/domain/indicators.ts) and
// shown only under disclosure control (src/domain/disclosure-control.ts): no figure about fewer
// than 5 persons, complementary suppression within each breakdown. Aggregates only: no person is
// shown, so nothing is access-logged; the per-person records read here never leave this function.
import { protectIndicator, type ProtectedFigure } from '../domain/disclosure-control.js';
import {
  computeIndicators,
  obligationRecord,
  type IndicatorBreakdown,
  type IndicatorDefinition,
  type IndicatorPerson,
} from '../domain/indicators.js';
import type { EnrolmentKind, Program, ResidenceBasis, Sex } from '../domain/model.js';
import { obligationsFor } from '../domain/obligations.js';
import { inTenant } from '../db/tenant.js';
import { indicatorsFor, shippedIndicatorCatalogue, type CatalogueIndicator } from '../policy/indicators.js';
import { compileRules, shippedPolicies } from '../policy/load.js';
import { loadCaseFacts } from '../repositories/case-facts.js';
import { indicatorPersons } from '../repositories/indicators.js';
import { authorize, type Ctx } from './context.js';
import { loadOutcomesOfMunicipality } from './outcomes.js';

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

/** The indicators of a municipality for a year, each under disclosure control, with one breakdown if asked for. */
export async function municipalityIndicators(
  ctx: Ctx,
  municipalityCode: string,
  year: number,
  breakdown: BreakdownParameter | null,
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
  const figures = await inTenant(ctx.db, municipalityCode, async (tx) => {
    const persons = await indicatorPersons(tx);
    const facts = await loadCaseFacts(tx);
    const outcomes = await loadOutcomesOfMunicipality(tx);
    const obligations = [...facts.values()].flatMap((f) =>
      obligationsFor(rules, f, asOf, dueSoonDays).map((o) => obligationRecord(f.personId, o)),
    );
    const input = {
      persons: persons.map((p): IndicatorPerson => ({
        id: p.id,
        sex: p.sex as Sex,
        birthDate: p.birth_date,
        residenceBasis: p.residence_basis as ResidenceBasis,
        program: p.program as Program | null,
        takeoverDate: p.takeover_date,
        arrivalDate: p.arrival_date,
        languages: p.languages,
        householdId: p.household_id,
        leftOn: p.left_on,
      })),
      ...outcomes,
      enrolments: [...facts.values()].flatMap((f) =>
        f.enrolments.map((e) => ({
          personId: f.personId,
          kind: e.kind as EnrolmentKind,
          startDate: e.startDate,
          endDate: e.endDate,
        })),
      ),
      languageAssessments: [...facts.values()].flatMap((f) =>
        f.languageAssessments.map((a) => ({ personId: f.personId, date: a.date })),
      ),
      obligations,
    };
    return new Map(
      computeIndicators(
        measurable.map((m) => m.definition),
        input,
        year,
        asOf,
      ).map((f) => [f.id, f]),
    );
  });
  const dimension = breakdown ? BREAKDOWN_PARAMETERS[breakdown] : null;
  const indicators = catalogue.map((c): IndicatorView => {
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
  return { year, asOf, breakdown, indicators };
}
