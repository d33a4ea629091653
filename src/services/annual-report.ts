// The annual report (årsrapport) of a municipality for a year, for the committee, the city council
// and the integration council: the policy's vision; every rule in force (the law's and the
// municipality's own) with its compliance in the year and over the years before; every indicator
// of the catalogue with target, value, n and trend; the governance obligations that fell due in
// the year and the governance events of the year; a comparison with chosen municipalities and the
// nation; and what could not be measured, and why. One operation: the renderers (src/reports/)
// turn the model into HTML and PDF.
//
// Who may read it: a role that may read both the indicators and the governance cycle
// (`indicators.read` and `governance.read`: the analyst, the secretariat, the team lead, the
// administrator). The report is one document for the councils; a role that could see only part of
// it (the caseworker reads indicators, not the governance cycle) is refused (403) rather than given
// an incomplete report that looks complete.
//
// Aggregates only. The model is built from the services' aggregate views (figures under disclosure
// control: a figure about fewer than 5 persons has no value and no n) and from the policy files; its
// types have no field for a person, a person's id, name or CPR number, nor for the staff who
// recorded anything (the governance records' `recordedBy` is left out). The free texts it carries
// from the governance records (titles, the body that held a meeting) are stored by the secretariat
// as municipality-level records; any CPR-like run in them is masked all the same. Nothing is shown
// of a person, so nothing is access-logged.
import { maskCprInText } from '../domain/cpr.js';
import type { ReportGovernanceOutcome } from '../domain/glossary.js';
import { governanceDueIn, type GovernanceEventKind, type GovernanceObligation } from '../domain/governance.js';
import { MUNICIPALITIES, POLICY_MUNICIPALITIES } from '../domain/municipalities.js';
import { shippedIndicatorCatalogue, type IndicatorSource } from '../policy/indicators.js';
import { compileRules, shippedPolicies } from '../policy/load.js';
import { ruleSummary } from '../policy/present.js';
import type { Rule } from '../policy/schema.js';
import { authorize, type Ctx } from './context.js';
import { UnprocessableError } from './errors.js';
import { governanceRecords, governanceRules } from './governance.js';
import { compareIndicators, type IndicatorComparisonView } from './indicator-comparison.js';
import { municipalityIndicatorsOverYears, type IndicatorView, type IndicatorsView } from './indicators.js';

/** How many years the trend looks back, the report's year included. */
export const TREND_YEARS = 6;

/** A figure as the report shows it: under disclosure control; no value and no n when suppressed. */
export interface ReportFigure {
  suppressed: boolean;
  /** A share 0–1 (unit share) or a number of days (unit days); null when nobody was in it. */
  value?: number | null;
  numerator?: number;
  /** n: the persons (or obligations) the figure is about. */
  denominator?: number;
}

export interface ReportTrendPoint extends ReportFigure {
  year: number;
}

/** Where an indicator or a rule comes from. */
export interface ReportSource {
  kind: IndicatorSource['type'];
  /** Integrationsbarometer: its number ("1.2"); Jobindsats: its measure ("MM13"). */
  reference?: string;
  /** The title the source gives (barometer, Jobindsats). */
  title?: string;
  document: string;
  section?: string;
  /** The sentence quoted verbatim (law, policy, national ambition). */
  quote?: string;
}

export interface ReportTarget {
  /** A share 0–1. */
  value: number;
  document: string;
  section?: string;
  quote: string;
}

export interface ReportIndicator {
  id: string;
  title: string;
  unit: 'share' | 'days';
  source: ReportSource;
  target?: ReportTarget;
  /** The national figure the source records (Integrationsbarometeret), with its year. */
  national?: { value: number; year: number };
  /** The report's year. */
  figure: ReportFigure;
  /** The years from the first with records (at most TREND_YEARS) to the report's year, oldest first. */
  trend: ReportTrendPoint[];
}

export type ReportRuleCompliance =
  /** A rule evaluated per person: its obligations due in the year met on time, and the median days late of those late. */
  | { kind: 'obligations'; onTime: ReportIndicator; medianDaysLate: ReportIndicator }
  /** A coverage target: measured by the catalogue indicator named for it. */
  | { kind: 'coverage'; indicator: ReportIndicator }
  /** A coverage target no indicator can measure from the records. */
  | { kind: 'coverage_not_measurable'; reason: string }
  /** A governance obligation of the municipality: what fell due in the year and how it was met. */
  | { kind: 'governance'; due: number; metOnTime: number; metLate: number; missed: number; notYetDue: number }
  /** A cap on an allocation: applied when placements are computed, not measured as a figure here. */
  | { kind: 'placement_cap' };

export interface ReportRule {
  id: string;
  title: string;
  /** The law's rule, or the municipality's own. */
  layer: 'law' | 'municipality';
  /** The rule's parameters in one line of Danish. */
  summary: string;
  source: { document: string; section?: string; quote: string };
  interpretation?: { by: string; text: string };
  effective: { from: string; to?: string };
  /** For a municipal rule: the titles of the legal rules it tightens. */
  tightens: string[];
  /** For a legal rule: the titles of the municipal rules that tighten it (and replace it where they apply). */
  tightenedBy: string[];
  compliance: ReportRuleCompliance;
}

export type { ReportGovernanceOutcome };

export interface ReportGovernanceObligation {
  ruleId: string;
  title: string;
  responsible: string;
  dueDate: string;
  outcome: ReportGovernanceOutcome;
  /** The day it was met, when it was. */
  metOn: string | null;
  /** For a council hearing: the case's title. */
  caseTitle: string | null;
}

export interface ReportGovernanceEvent {
  date: string;
  kind: GovernanceEventKind;
  title: string;
  /** The body that held or issued it. */
  body: string | null;
  published: boolean;
  /** The rule of the policy it carries out, by title. */
  ruleTitle: string | null;
}

export interface ReportComparisonRow extends ReportFigure {
  /** Null: the nation. */
  code: string | null;
  name: string;
  own: boolean;
}

export interface ReportComparison {
  indicatorId: string;
  title: string;
  unit: 'share' | 'days';
  target?: ReportTarget;
  rows: ReportComparisonRow[];
}

export interface ReportNotMeasurable {
  title: string;
  reason: string;
}

export interface AnnualReport {
  municipality: { code: string; name: string };
  year: number;
  /** The day the figures were made (today): the year's figures as they stand on it. */
  asOf: string;
  /** The report's year is not over on `asOf`: its figures are so far. */
  yearInProgress: boolean;
  /** Whether anyone has been taken over in the municipality in Medborger: without records, no figure. */
  hasRecords: boolean;
  policy: {
    title: string;
    document: string;
    adopted: { date: string | null; body: string; status: 'adopted' | 'draft' | 'law' };
    vision: string | null;
    values: string[];
    targetGroups: string[];
    responsibleCommittee: string | null;
    evaluation: string | null;
  } | null;
  rules: ReportRule[];
  /** The catalogue's indicators that could be measured (the compliance indicators are with their rules). */
  indicators: ReportIndicator[];
  governance: { obligations: ReportGovernanceObligation[]; events: ReportGovernanceEvent[] };
  comparison: {
    /** The municipalities compared, the report's own first. */
    municipalities: { code: string; name: string }[];
    /** How many municipalities the nation's row counts (those with records in Medborger). */
    nationMunicipalities: number;
    indicators: ReportComparison[];
  };
  notMeasurable: {
    /** Catalogue indicators Medborger's records cannot measure, with the catalogue's reason. */
    indicators: ReportNotMeasurable[];
    /** The policy's commitments that are not rules (not encoded), with the reason. */
    commitments: { quote: string; reason: string }[];
    /** Figures of the year not shown because they are about fewer than 5 persons, by title. */
    suppressed: string[];
  };
}

export interface AnnualReportOptions {
  /** The municipalities to compare with (codes); default: the other municipalities with a policy in Medborger. */
  compare?: readonly string[];
}

const NAMES = new Map(MUNICIPALITIES.map((m) => [m.code, m.name]));

function figureOf(v: Pick<IndicatorView, 'suppressed' | 'value' | 'numerator' | 'denominator'>): ReportFigure {
  if (v.suppressed) return { suppressed: true };
  return {
    suppressed: false,
    value: v.value ?? null,
    ...(v.numerator !== undefined ? { numerator: v.numerator } : {}),
    ...(v.denominator !== undefined ? { denominator: v.denominator } : {}),
  };
}

function sourceOf(s: IndicatorSource): ReportSource {
  switch (s.type) {
    case 'barometer':
      return { kind: s.type, reference: s.number, title: s.title, document: s.document };
    case 'jobindsats':
      return { kind: s.type, reference: s.measure, title: s.title, document: s.document };
    case 'policy':
    case 'law':
    case 'national':
      return {
        kind: s.type,
        document: s.document,
        ...(s.section !== undefined ? { section: s.section } : {}),
        quote: s.quote,
      };
  }
}

function targetOf(t: IndicatorView['target']): ReportTarget | undefined {
  if (!t) return undefined;
  return {
    value: t.value,
    document: t.source.document,
    ...(t.source.section !== undefined ? { section: t.source.section } : {}),
    quote: t.source.quote,
  };
}

/** The indicator of the report's year with its trend over the years loaded. */
function reportIndicator(id: string, years: readonly IndicatorsView[]): ReportIndicator | null {
  const last = years.at(-1)?.indicators.find((i) => i.id === id);
  if (!last) return null;
  const target = targetOf(last.target);
  return {
    id,
    title: last.title,
    unit: id.endsWith('.median-days-late') ? 'days' : 'share',
    source: sourceOf(last.source),
    ...(target ? { target } : {}),
    ...(last.source.type === 'barometer'
      ? { national: { value: last.source.nationalValue, year: last.source.year } }
      : {}),
    figure: figureOf(last),
    trend: years.map((y) => {
      const v = y.indicators.find((i) => i.id === id);
      return { year: y.year, ...(v ? figureOf(v) : { suppressed: true }) };
    }),
  };
}

function governanceOutcome(o: GovernanceObligation, asOf: string): ReportGovernanceOutcome {
  if (o.status === 'met') return o.evidence.late ? 'met_late' : 'met_on_time';
  // Judged as on the year's end; a due date still ahead of today has not been missed yet.
  if (o.dueDate !== null && o.dueDate > asOf) return 'not_yet_due';
  return 'missed';
}

/** The free text of a governance record as the report may carry it: CPR-like runs masked. */
function safeText(text: string): string {
  return maskCprInText(text);
}

/**
 * The indicators the comparison shows: those with a national counterpart (Integrationsbarometeret,
 * Jobindsats), a target or the municipality's own policy as source, and the compliance with the law. Every municipality is measured by them
 * the same way; the compliance with a municipality's own rule has no counterpart elsewhere, and the
 * status series after takeover are shown in the municipality's own trend only.
 */
function comparedIndicatorIds(indicators: readonly IndicatorView[]): string[] {
  return indicators
    .filter(
      (i) =>
        i.measurable &&
        (i.source.type === 'barometer' ||
          i.source.type === 'jobindsats' ||
          (!i.id.startsWith('compliance.') && (i.target !== undefined || i.source.type === 'policy')) ||
          (i.source.type === 'law' && i.id.endsWith('.on-time'))),
    )
    .map((i) => i.id);
}

function comparisonOf(v: IndicatorComparisonView, own: string): ReportComparison {
  const target = targetOf(v.indicator.target);
  return {
    indicatorId: v.indicator.id,
    title: v.indicator.title,
    unit: v.indicator.id.endsWith('.median-days-late') ? 'days' : 'share',
    ...(target ? { target } : {}),
    rows: v.rows.map((r) => ({
      code: r.code,
      name: r.name,
      own: r.code === own,
      ...figureOf({ suppressed: r.suppressed, value: r.value, numerator: r.numerator, denominator: r.denominator }),
    })),
  };
}

function ruleSource(rule: Rule): ReportRule['source'] {
  return {
    document: rule.source.document,
    ...(rule.source.section !== undefined ? { section: rule.source.section } : {}),
    quote: rule.source.quote,
  };
}

/** The annual report of a municipality for a year, as of today. */
export async function annualReport(
  ctx: Ctx,
  municipalityCode: string,
  year: number,
  options: AnnualReportOptions = {},
): Promise<AnnualReport> {
  // The whole report or nothing: both the indicators and the governance cycle.
  authorize(ctx, municipalityCode, 'indicators.read');
  authorize(ctx, municipalityCode, 'governance.read');
  const asOf = ctx.today;
  const currentYear = Number(asOf.slice(0, 4));
  if (!Number.isInteger(year) || year > currentYear)
    throw new UnprocessableError(
      'date.in_future',
      `The year ${year} has not begun; the report covers a year up to now.`,
      [{ pointer: '/year', code: 'date.in_future', detail: `Up to ${currentYear}.` }],
    );
  const compare = [
    municipalityCode,
    ...(options.compare ?? POLICY_MUNICIPALITIES).filter((c) => c !== municipalityCode),
  ].filter((c, i, all) => all.indexOf(c) === i);

  const policies = shippedPolicies();
  const compiled = compileRules(policies, municipalityCode);

  const { firstYear, years } = await municipalityIndicatorsOverYears(
    ctx,
    municipalityCode,
    year - TREND_YEARS + 1,
    year,
  );
  const thisYear = years.at(-1)?.indicators ?? [];
  const comparisons = await compareIndicators(ctx, comparedIndicatorIds(thisYear), compare, year);
  const records = await governanceRecords(ctx, municipalityCode, `${year}-01-01`);
  const dueInYear = governanceDueIn(
    { rules: governanceRules(municipalityCode), events: records.events, cases: records.cases },
    year,
  );

  const catalogue = shippedIndicatorCatalogue();
  const titleOf = new Map(compiled.rules.map((c) => [c.rule.id, c.rule.title]));
  const indicatorById = (id: string) => reportIndicator(id, years);

  const governanceOf = (ruleId: string): ReportRuleCompliance => {
    const outcomes = dueInYear.filter((o) => o.ruleId === ruleId).map((o) => governanceOutcome(o, asOf));
    const count = (k: ReportGovernanceOutcome) => outcomes.filter((o) => o === k).length;
    return {
      kind: 'governance',
      due: outcomes.length,
      metOnTime: count('met_on_time'),
      metLate: count('met_late'),
      missed: count('missed'),
      notYetDue: count('not_yet_due'),
    };
  };

  const rules = compiled.rules.map((c): ReportRule => {
    const { rule } = c;
    let compliance: ReportRuleCompliance;
    switch (rule.kind) {
      case 'governance':
        compliance = governanceOf(rule.id);
        break;
      case 'cap':
        compliance = { kind: 'placement_cap' };
        break;
      case 'coverage': {
        const measuredBy = catalogue.indicators.find((i) => i.coverageRule === rule.id);
        const indicator = measuredBy?.measurable ? indicatorById(measuredBy.id) : null;
        compliance = indicator
          ? { kind: 'coverage', indicator }
          : { kind: 'coverage_not_measurable', reason: measuredBy?.notMeasurableReason ?? '' };
        break;
      }
      case 'deadline':
      case 'weekly_hours':
      case 'presence':
      case 'every_conversation':
      case 'cadence': {
        const onTime = indicatorById(`compliance.${rule.id}.on-time`);
        const medianDaysLate = indicatorById(`compliance.${rule.id}.median-days-late`);
        // The catalogue generates both for every rule evaluated per person (src/policy/indicators.ts).
        if (!onTime || !medianDaysLate) throw new Error(`No compliance indicators for the rule ${rule.id}.`);
        compliance = { kind: 'obligations', onTime, medianDaysLate };
        break;
      }
    }
    return {
      id: rule.id,
      title: rule.title,
      layer: c.layer === 'national' ? 'law' : 'municipality',
      summary: ruleSummary(rule),
      source: ruleSource(rule),
      ...(rule.interpretation
        ? { interpretation: { by: rule.interpretation.by, text: rule.interpretation.text } }
        : {}),
      effective: { from: rule.effective.from, ...(rule.effective.to ? { to: rule.effective.to } : {}) },
      tightens: (rule.tightens ?? []).map((id) => titleOf.get(id) ?? id),
      tightenedBy: compiled.rules
        .filter((m) => m.layer !== 'national' && (m.rule.tightens ?? []).includes(rule.id))
        .map((m) => m.rule.title),
      compliance,
    };
  });

  const indicators = thisYear
    .filter((i) => i.measurable && !i.id.startsWith('compliance.'))
    .flatMap((i) => indicatorById(i.id) ?? []);

  const p = compiled.policy?.policy ?? null;
  const ruleTitles = new Map(compiled.rules.map((c) => [c.rule.id, c.rule.title]));
  const end = `${year}-12-31`;
  return {
    municipality: { code: municipalityCode, name: NAMES.get(municipalityCode) ?? municipalityCode },
    year,
    asOf,
    yearInProgress: asOf < end,
    hasRecords: firstYear !== null,
    policy: p
      ? {
          title: p.title,
          document: p.document,
          adopted: { date: p.adopted.date ?? null, body: p.adopted.body, status: p.adopted.status },
          vision: p.vision ?? null,
          values: p.values,
          targetGroups: p.targetGroups,
          responsibleCommittee: p.responsibleCommittee ?? null,
          evaluation: p.evaluation ?? null,
        }
      : null,
    rules,
    indicators,
    governance: {
      obligations: dueInYear
        .flatMap((o): ReportGovernanceObligation[] =>
          o.dueDate === null
            ? []
            : [
                {
                  ruleId: o.ruleId,
                  title: o.title,
                  responsible: o.responsible,
                  dueDate: o.dueDate,
                  outcome: governanceOutcome(o, asOf),
                  metOn: o.status === 'met' ? o.evidence.date : null,
                  caseTitle: o.case ? safeText(o.case.title) : null,
                },
              ],
        )
        .sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : a.title < b.title ? -1 : 1)),
      events: records.events
        .filter((e) => e.date <= end)
        .map((e) => ({
          date: e.date,
          kind: e.kind,
          title: safeText(e.title),
          body: e.body === null ? null : safeText(e.body),
          published: e.published,
          ruleTitle: e.ruleId === null ? null : (ruleTitles.get(e.ruleId) ?? null),
        })),
    },
    comparison: {
      municipalities: compare.map((code) => ({ code, name: NAMES.get(code) ?? code })),
      nationMunicipalities: comparisons[0]?.nationMunicipalities ?? 0,
      indicators: comparisons.map((v) => comparisonOf(v, municipalityCode)),
    },
    notMeasurable: {
      indicators: thisYear.filter((i) => !i.measurable).map((i) => ({ title: i.title, reason: i.reason ?? '' })),
      commitments: (p?.notEncoded ?? []).map((n) => ({ quote: n.quote, reason: n.reason })),
      // The median days late is hidden whenever fewer than 5 were late: shown with its rule, not listed here.
      suppressed: thisYear
        .filter((i) => i.measurable && i.suppressed && !i.id.endsWith('.median-days-late'))
        .map((i) => i.title),
    },
  };
}
