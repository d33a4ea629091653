// The indicator catalogue (policies/indicators.yaml): which aggregate figures show whether a
// policy is kept, each with its Danish title, population, numerator, reference date, source
// (Integrationsbarometer number, Jobindsats measure, or the policy sentence quoted verbatim) and
// target where a policy or the nation sets one. Checked at load like the policy files; what
// cannot be measured from Medborger's records is listed too (`measurable: false`) with the
// reason in Danish. The compliance indicators (one pair per rule evaluated per person) are not
// in the file: complianceIndicators() generates them from the compiled rules. The computation
// is the domain's (src/domain/indicators.ts); this module produces its plain definitions.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import {
  INDICATOR_BREAKDOWNS,
  REFERENCE_ANCHORS,
  type ComplianceIndicatorDefinition,
  type IndicatorBreakdown,
  type IndicatorDefinition,
  type PersonIndicatorDefinition,
} from '../domain/indicators.js';
import { ENROLMENT_KINDS, PROGRAMS, RECEPTION_STEP_KINDS, RESIDENCE_BASES, SEXES } from '../domain/model.js';
import { MUNICIPALITIES } from '../domain/municipalities.js';
import { isPersonRule } from '../domain/obligations.js';
import { COMPLETED_EDUCATION_KINDS, DANISH_TEST_KINDS, LABOUR_MARKET_STATUS_KINDS } from '../domain/outcomes.js';
import { Interpretation } from './kinds/common.js';
import { compileRules, PolicyError, POLICY_DIR } from './load.js';
import type { PolicySet } from './schema.js';

// ---- The file format -----------------------------------------------------------------------

const MunicipalityCode = z
  .string()
  .regex(/^\d{3}$/, 'a 3-digit municipality code')
  .refine((c) => MUNICIPALITIES.some((m) => m.code === c), 'not a Danish municipality code');

/** A sentence quoted verbatim from a document in shared/ (a policy file name, DOMAIN.md, or indicators/…). */
export const IndicatorQuote = z
  .object({
    document: z.string().min(1),
    section: z.string().optional(),
    quote: z.string().min(1).describe('Quoted verbatim; a test finds it in the document'),
  })
  .strict();
export type IndicatorQuote = z.infer<typeof IndicatorQuote>;

const Share = z.number().min(-1).max(1);

export const IndicatorSource = z.discriminatedUnion('type', [
  z
    .object({
      type: z.literal('barometer'),
      number: z.string().regex(/^\d+\.\d+$/, 'the indicator number, e.g. "1.2"'),
      title: z.string().min(1).describe('The indicator in Danish'),
      nationalValue: Share.describe('The national status as a share (percentage points as a difference of shares)'),
      year: z.number().int().min(2000).max(2100),
      document: z
        .string()
        .min(1)
        .describe('Where the national figures are recorded, e.g. indicators/national-indicators.md'),
    })
    .strict(),
  z
    .object({
      type: z.literal('jobindsats'),
      measure: z.string().regex(/^[A-Z]{2}\d+$/, 'a Jobindsats measure, e.g. MM13'),
      title: z.string().min(1).describe("The measure's title as Jobindsats gives it"),
      document: z.string().min(1),
    })
    .strict(),
  z.object({ type: z.literal('policy'), municipality: MunicipalityCode, ...IndicatorQuote.shape }).strict(),
  z
    .object({ type: z.literal('law'), ...IndicatorQuote.shape })
    .strict()
    .describe('A rule of national.yaml (the law)'),
  z
    .object({ type: z.literal('national'), ...IndicatorQuote.shape })
    .strict()
    .describe('A national measure or ambition, quoted from shared/ (DOMAIN.md, indicators/national-indicators.md)'),
]);
export type IndicatorSource = z.infer<typeof IndicatorSource>;

export const IndicatorTarget = z
  .object({
    value: z.number().min(0).max(1).describe('A share, 0..1'),
    source: IndicatorQuote.describe('The sentence that sets the target, quoted verbatim'),
    interpretation: Interpretation.optional(),
  })
  .strict();
export type IndicatorTarget = z.infer<typeof IndicatorTarget>;

const Age = z.number().int().min(0).max(130);

const Reference = z.discriminatedUnion('kind', [
  z
    .object({ kind: z.literal('year_end') })
    .strict()
    .describe('31 December of the year'),
  z
    .object({
      kind: z.literal('anniversary'),
      of: z.enum(REFERENCE_ANCHORS),
      months: z
        .union([z.number().int().min(0), z.array(z.number().int().min(0)).min(1)])
        .describe(
          'Months after the anchor; a list makes one indicator per value (id + "-<n>m", {months} in the title)',
        ),
    })
    .strict()
    .describe("The person's own anchor + months, for those for whom that day falls in the year"),
]);

const Population = z
  .object({
    ageMin: Age.optional(),
    ageMax: Age.optional().describe('Inclusive; age on the reference date'),
    residenceBasis: z.array(z.enum(RESIDENCE_BASES)).min(1).optional(),
    program: z
      .array(z.enum([...PROGRAMS, 'none']))
      .min(1)
      .optional(),
    sex: z.array(z.enum(SEXES)).min(1).optional(),
    bilingual: z.boolean().optional(),
    arrivedAgedMax: Age.optional().describe('Age on arrival at most this (takeover where arrival is unknown)'),
  })
  .strict()
  .refine((p) => p.ageMin === undefined || p.ageMax === undefined || p.ageMin <= p.ageMax, {
    error: 'ageMin is above ageMax',
    path: ['ageMin'],
  });

const Numerator = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('employed') }).strict(),
  z
    .object({
      kind: z.literal('status'),
      statuses: z.array(z.enum([...LABOUR_MARKET_STATUS_KINDS, 'unknown'])).min(1),
    })
    .strict(),
  z
    .object({
      kind: z.literal('education_completed'),
      kinds: z.array(z.enum(COMPLETED_EDUCATION_KINDS)).min(1),
      danishOnly: z.boolean(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('danish_test_passed_within'),
      years: z.number().int().min(1),
      tests: z.array(z.enum(DANISH_TEST_KINDS)).min(1),
    })
    .strict(),
  z.object({ kind: z.literal('enrolled'), kinds: z.array(z.enum(ENROLMENT_KINDS)).min(1) }).strict(),
  z.object({ kind: z.literal('reception_step'), kinds: z.array(z.enum(RECEPTION_STEP_KINDS)).min(1) }).strict(),
  z
    .object({
      kind: z.literal('language_assessment_between_ages'),
      fromMonths: z.number().int().min(0),
      toMonths: z.number().int().min(0),
    })
    .strict()
    .refine((n) => n.fromMonths <= n.toMonths, { error: 'fromMonths is above toMonths', path: ['fromMonths'] }),
]);

const Common = {
  id: z.string().regex(/^[a-z0-9]+(?:[.-][a-z0-9]+)*$/, 'lower-case words and numbers joined by dots or hyphens'),
  title: z.string().min(1).describe('Danish, as the committee reads it'),
  source: IndicatorSource,
  target: IndicatorTarget.optional(),
  appliesTo: z
    .union([z.literal('all'), z.array(MunicipalityCode).min(1)])
    .describe('"all", or the municipalities it is for'),
  coverageRule: z.string().optional().describe('The coverage rule of the policy this indicator measures'),
  interpretation: Interpretation.optional().describe(
    'How a vague sentence is read, and where the figure differs from the national one',
  ),
  note: z.string().optional(),
};

const MeasurableEntry = z
  .object({
    ...Common,
    measurable: z.literal(true),
    reference: Reference,
    population: Population.default({}),
    numerator: Numerator,
    value: z.literal('share'),
    breakdowns: z.array(z.enum(INDICATOR_BREAKDOWNS)).default([...INDICATOR_BREAKDOWNS]),
  })
  .strict();

const NotMeasurableEntry = z
  .object({
    ...Common,
    measurable: z.literal(false),
    reason: z.string().min(1).describe("Danish: why Medborger's records cannot measure it"),
  })
  .strict();

export const IndicatorEntry = z.discriminatedUnion('measurable', [MeasurableEntry, NotMeasurableEntry]);
export type IndicatorEntry = z.infer<typeof IndicatorEntry>;

export const IndicatorCatalogueFile = z
  .object({
    $schema: z.string().optional(),
    indicators: z.array(IndicatorEntry).min(1),
  })
  .strict();
export type IndicatorCatalogueFile = z.infer<typeof IndicatorCatalogueFile>;

export function indicatorCatalogueJsonSchema(): unknown {
  return z.toJSONSchema(IndicatorCatalogueFile, { io: 'input', target: 'draft-2020-12' });
}

// ---- The catalogue as the service reads it -------------------------------------------------

/** One indicator: what the report shows beside the figure, and the plain definition the domain computes. */
export interface CatalogueIndicator {
  id: string;
  title: string;
  source: IndicatorSource;
  target?: IndicatorTarget | undefined;
  appliesTo: 'all' | string[];
  coverageRule?: string | undefined;
  interpretation?: z.infer<typeof Interpretation> | undefined;
  measurable: boolean;
  /** Danish: why it is not measurable (measurable: false). */
  notMeasurableReason?: string | undefined;
  /** Null when not measurable. */
  definition: IndicatorDefinition | null;
}

export interface IndicatorCatalogue {
  file: string;
  indicators: CatalogueIndicator[];
}

const monthsDa = (m: number) => (m === 1 ? '1 måned' : `${m} måneder`);

/** One entry as catalogue indicators: an anniversary with a list of months makes one per month. */
function expand(entry: IndicatorEntry): CatalogueIndicator[] {
  const head = {
    source: entry.source,
    target: entry.target,
    appliesTo: entry.appliesTo,
    coverageRule: entry.coverageRule,
    interpretation: entry.interpretation,
  };
  if (!entry.measurable) {
    return [
      {
        ...head,
        id: entry.id,
        title: entry.title,
        measurable: false,
        notMeasurableReason: entry.reason,
        definition: null,
      },
    ];
  }
  const make = (id: string, title: string, reference: PersonIndicatorDefinition['reference']): CatalogueIndicator => {
    const definition: PersonIndicatorDefinition = {
      kind: 'persons',
      id,
      title,
      value: entry.value,
      reference,
      population: entry.population,
      numerator: entry.numerator,
      breakdowns: entry.breakdowns,
    };
    return { ...head, id, title, measurable: true, definition };
  };
  const ref = entry.reference;
  if (ref.kind === 'year_end') return [make(entry.id, entry.title, ref)];
  const titleFor = (m: number) => entry.title.replaceAll('{months}', monthsDa(m));
  if (!Array.isArray(ref.months)) return [make(entry.id, titleFor(ref.months), { ...ref, months: ref.months })];
  return ref.months.map((m) => make(`${entry.id}-${m}m`, titleFor(m), { ...ref, months: m }));
}

/** What the schema cannot see: ids (after expansion), titles of expanded entries, a policy source's municipality. */
function catalogueProblems(file: IndicatorCatalogueFile): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  file.indicators.forEach((entry, i) => {
    const at = `indicators.${i} (indicator ${entry.id})`;
    const ref = entry.measurable ? entry.reference : null;
    const severalMonths = ref?.kind === 'anniversary' && Array.isArray(ref.months);
    if (severalMonths && !entry.title.includes('{months}')) {
      problems.push(`${at}: an indicator for several months needs {months} in its title`);
    }
    const src = entry.source;
    if (src.type === 'policy' && (entry.appliesTo === 'all' || !entry.appliesTo.includes(src.municipality))) {
      problems.push(`${at}: it quotes the policy of ${src.municipality} but does not apply to ${src.municipality}`);
    }
    if (entry.coverageRule !== undefined && entry.source.type !== 'policy') {
      problems.push(`${at}: it names the coverage rule ${entry.coverageRule} but its source is not that policy`);
    }
    for (const x of expand(entry)) {
      if (ids.has(x.id)) problems.push(`${at}: the id ${x.id} is used twice`);
      ids.add(x.id);
    }
  });
  return problems;
}

function describeEntryAt(raw: unknown, at: PropertyKey[]): string {
  if (at[0] !== 'indicators' || typeof at[1] !== 'number') return '';
  const entry = (raw as { indicators?: { id?: unknown }[] }).indicators?.[at[1]];
  return entry && typeof entry.id === 'string' ? ` (indicator ${entry.id})` : '';
}

/** Parses and checks a catalogue; refuses it with every problem, naming the file, the place and the indicator. */
export function parseIndicatorCatalogue(text: string, file: string): IndicatorCatalogue {
  let raw: unknown;
  try {
    raw = parseYaml(text, { prettyErrors: true });
  } catch (err) {
    throw new PolicyError(file, [`not valid YAML: ${(err as Error).message}`]);
  }
  const parsed = IndicatorCatalogueFile.safeParse(raw);
  if (!parsed.success) {
    throw new PolicyError(
      file,
      parsed.error.issues.map(
        (i) => `${i.path.length ? i.path.join('.') : '(file)'}: ${i.message}${describeEntryAt(raw, i.path)}`,
      ),
    );
  }
  const problems = catalogueProblems(parsed.data);
  if (problems.length) throw new PolicyError(file, problems);
  return { file, indicators: parsed.data.indicators.flatMap(expand) };
}

export const INDICATOR_CATALOGUE_FILE = path.join(POLICY_DIR, 'indicators.yaml');

export function loadIndicatorCatalogue(file: string = INDICATOR_CATALOGUE_FILE): IndicatorCatalogue {
  return parseIndicatorCatalogue(readFileSync(file, 'utf8'), file);
}

/**
 * The catalogue against the loaded policies: a policy source names a municipality with a policy
 * and that policy's document; a named coverage rule exists there, is a coverage rule, quotes the
 * same sentence as the source or the target, and has the catalogue's target. Throws PolicyError.
 */
export function checkCatalogueAgainstPolicies(catalogue: IndicatorCatalogue, set: PolicySet): void {
  const problems: string[] = [];
  for (const x of catalogue.indicators) {
    if (x.source.type !== 'policy') continue;
    const policy = set.byMunicipality.get(x.source.municipality);
    if (!policy) {
      problems.push(`indicator ${x.id}: no policy of municipality ${x.source.municipality} is loaded`);
      continue;
    }
    if (policy.policy.document !== x.source.document) {
      const { municipality, document } = x.source;
      problems.push(`indicator ${x.id}: the policy of ${municipality} is ${policy.policy.document}, not ${document}`);
    }
    if (x.coverageRule === undefined) continue;
    const rule = policy.policy.rules.find((r) => r.id === x.coverageRule);
    const at = `indicator ${x.id}`;
    if (!rule) {
      problems.push(`${at}: ${path.basename(policy.file)} has no rule ${x.coverageRule}`);
      continue;
    }
    if (rule.kind !== 'coverage') {
      problems.push(`${at}: ${x.coverageRule} is a ${rule.kind} rule, not a coverage rule`);
      continue;
    }
    const quotes = [x.source.quote, x.target?.source.quote];
    if (!quotes.includes(rule.source.quote)) problems.push(`${at}: it does not quote the sentence of ${rule.id}`);
    if (x.target !== undefined && x.target.value !== rule.target) {
      problems.push(`${at}: its target ${x.target.value} is not the target ${rule.target} of ${x.coverageRule}`);
    }
  }
  if (problems.length) throw new PolicyError(catalogue.file, problems);
}

/** The coverage rules of the policies that no catalogue indicator measures (or says it cannot), as "file: rule". */
export function coverageRulesWithoutIndicator(catalogue: IndicatorCatalogue, set: PolicySet): string[] {
  const named = new Set(catalogue.indicators.flatMap((x) => (x.coverageRule ? [x.coverageRule] : [])));
  return [set.law, ...set.byMunicipality.values()].flatMap((p) =>
    p.policy.rules
      .filter((r) => r.kind === 'coverage' && !named.has(r.id))
      .map((r) => `${path.basename(p.file)}: ${r.id}`),
  );
}

// ---- Compliance, generated from the compiled rules -----------------------------------------

const COMPLIANCE_BREAKDOWNS: readonly IndicatorBreakdown[] = INDICATOR_BREAKDOWNS;

/**
 * Two indicators per rule the obligations engine evaluates per person (law and the
 * municipality's own): the share of its obligations due in the year met on time, and the median
 * days late of those late. Their source is the rule's quoted sentence. Municipality-level rules
 * (coverage, cap, governance) have no obligations per person and no compliance figure here.
 */
export function complianceIndicators(set: PolicySet, municipalityCode: string): CatalogueIndicator[] {
  const { rules } = compileRules(set, municipalityCode);
  return rules.filter(isPersonRule).flatMap((c): CatalogueIndicator[] => {
    const { rule } = c;
    const quoted = { document: rule.source.document, section: rule.source.section, quote: rule.source.quote };
    const source: IndicatorSource =
      c.layer === 'national' ? { type: 'law', ...quoted } : { type: 'policy', municipality: c.layer, ...quoted };
    const make = (suffix: string, title: string, value: ComplianceIndicatorDefinition['value']): CatalogueIndicator => {
      const id = `compliance.${rule.id}.${suffix}`;
      const definition: ComplianceIndicatorDefinition = {
        kind: 'compliance',
        id,
        title,
        ruleId: rule.id,
        value,
        breakdowns: COMPLIANCE_BREAKDOWNS,
      };
      return {
        id,
        title,
        source,
        appliesTo: [municipalityCode],
        interpretation: rule.interpretation,
        measurable: true,
        definition,
      };
    };
    return [
      make('on-time', `Overholdt til tiden: ${rule.title}`, 'share'),
      make('median-days-late', `Dage for sent (median): ${rule.title}`, 'median_days'),
    ];
  });
}

/** The indicators of one municipality: the catalogue's that apply to it, then its compliance indicators. */
export function indicatorsFor(
  catalogue: IndicatorCatalogue,
  set: PolicySet,
  municipalityCode: string,
): CatalogueIndicator[] {
  const own = catalogue.indicators.filter((x) => x.appliesTo === 'all' || x.appliesTo.includes(municipalityCode));
  return [...own, ...complianceIndicators(set, municipalityCode)];
}

let cached: IndicatorCatalogue | null = null;

/** The shipped catalogue, loaded once per process. */
export function shippedIndicatorCatalogue(): IndicatorCatalogue {
  cached ??= loadIndicatorCatalogue();
  return cached;
}
