// What every rule kind shares: the parts a kind module must have (RuleKind), the fields every
// rule has and the evidence items (zod), the duration and anchor comparisons a kind uses to tell
// whether it is looser than the law it tightens, and the Danish words of the one-line summaries.
import { z } from 'zod';
import { durationDayRange, parseDuration, type Duration } from '../../domain/dates.js';
import {
  ACTIVITY_KINDS,
  CONVERSATION_KINDS,
  ENROLMENT_KINDS,
  FOLLOW_UP_KINDS,
  HOUSEHOLD_RELATIONS,
  PROGRAMS,
  RECEPTION_STEP_KINDS,
  RESIDENCE_BASES,
} from '../../domain/model.js';
import type { ObligationKind } from '../../domain/obligations.js';
import {
  QUOTE_KINDS,
  type Anchor,
  type Evidence as EvidenceItem,
  type PersonRuleKindName,
  type RuleHead,
} from '../../domain/rules.js';

// ---- The parts of a kind -------------------------------------------------------------------

/**
 * How a municipal rule compares with the legal rule it names in `tightens`: comparable, with the
 * parameters in which it is looser (none: as strict or stricter); or not comparable at all.
 * Each looser parameter is a phrase such as "its deadline P6W is longer than the law's P1M".
 */
export type LawComparison = { comparable: true; looser: string[] } | { comparable: false; reason: string };

/**
 * One kind of rule, all its parts in one module. `R` is the rule as the schema parses it; it must
 * fit the engine's plain type of the kind, which the compiler checks through `obligation`.
 */
export interface RuleKind<R extends RuleHead> {
  kind: R['kind'];
  /** The rule's fields as a policy file writes them. */
  schema: z.ZodType<R>;
  /** The rule's parameters in one line of Danish, e.g. "inden 4 uger fra ankomsten". */
  summaryDa: (rule: R) => string;
  /** The municipal rule `rule` against the legal rule `law` of the same kind that it names in `tightens`. */
  compareWithLaw: (rule: R, law: R) => LawComparison;
  /** Evaluation and due date for one person; null for a kind that concerns the municipality as a whole. */
  obligation: R['kind'] extends PersonRuleKindName ? ObligationKind<R> : null;
}

// ---- Fields every rule has (zod) -------------------------------------------------------------

export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');
export const DurationText = z
  .string()
  .refine((s) => parseDuration(s) !== null, 'an ISO 8601 duration such as P4W, P1M, P7D, P1Y');

export const Source = z
  .object({
    document: z
      .string()
      .min(1)
      .describe('The document the rule comes from: a policy file name, or law/excerpts.md for the law'),
    section: z.string().optional().describe('Heading or paragraph, e.g. "Danskundervisning" or "§ 19, stk. 1"'),
    quote: z.string().min(1).describe('The sentence the rule implements, quoted verbatim'),
    act: z.string().min(1).optional().describe('A legal source: the act or order quoted, e.g. "integrationsloven"'),
    paragraph: z.string().min(1).optional().describe('A legal source: the paragraph, e.g. "§ 20, stk. 1"'),
    version: z
      .string()
      .min(1)
      .optional()
      .describe('A legal source: the consolidated version quoted, e.g. "LBK nr. 1146 af 22/06/2020"'),
    quoteKind: z
      .enum(QUOTE_KINDS)
      .optional()
      .describe(
        "A legal source: the statute's own sentence (statute), the closest statute text (statute_closest), or, where the statute's sentence was not found, an executive order, a bill, a municipal page or commentary",
      ),
    url: z.url().optional().describe('The public page the quote was taken from'),
  })
  .strict();

export const Interpretation = z.object({
  text: z
    .string()
    .min(1)
    .describe('How the municipality reads a vague sentence, e.g. "inden for de første dage" = 7 days'),
  by: z
    .enum(['municipality', 'medborger'])
    .describe('Who chose the reading: the municipality (adopted) or Medborger (a default to confirm)'),
});

export const Evidence = z.discriminatedUnion('type', [
  z.object({ type: z.literal('activity_started'), kinds: z.array(z.enum(ACTIVITY_KINDS)).min(1) }),
  z.object({ type: z.literal('contract_signed') }),
  z.object({ type: z.literal('visitation_held') }),
  z.object({ type: z.literal('contact_person_assigned') }),
  z.object({ type: z.literal('enrolment'), kinds: z.array(z.enum(ENROLMENT_KINDS)).min(1) }),
  z.object({ type: z.literal('enrolment_ended'), kinds: z.array(z.enum(ENROLMENT_KINDS)).min(1) }),
  z.object({ type: z.literal('language_assessment') }),
  z.object({ type: z.literal('follow_up'), kinds: z.array(z.enum(FOLLOW_UP_KINDS)).min(1) }),
  z.object({ type: z.literal('conversation'), kinds: z.array(z.enum(CONVERSATION_KINDS)).min(1) }),
  z.object({ type: z.literal('danish_education_referred') }),
  z.object({ type: z.literal('danish_education_start_possible') }),
  z.object({ type: z.literal('health_assessment_offered') }),
  z.object({ type: z.literal('repatriation_notified') }),
  z.object({ type: z.literal('reception_step'), kinds: z.array(z.enum(RECEPTION_STEP_KINDS)).min(1) }),
]);
export type Evidence = z.infer<typeof Evidence>;

export const AppliesTo = z
  .object({
    ageMin: z.number().int().min(0).optional(),
    ageMax: z.number().int().min(0).optional().describe('Inclusive'),
    ageAt: z
      .enum(['takeover', 'on'])
      .default('takeover')
      .describe('Whether the age range is taken at takeover or on the day the obligations are computed'),
    residenceBasis: z.array(z.enum(RESIDENCE_BASES)).min(1).optional(),
    program: z.array(z.enum(PROGRAMS)).min(1).optional(),
    relation: z.array(z.enum(HOUSEHOLD_RELATIONS)).min(1).optional(),
    bilingual: z.boolean().optional().describe('A child whose languages include one other than Danish'),
    yearsSinceTakeoverMax: z
      .number()
      .min(0)
      .optional()
      .describe('The rule stops applying this many years after takeover'),
    healthAssessmentNeeded: z
      .boolean()
      .optional()
      .describe('true: only once a concrete assessment found a health assessment needed (integrationsloven § 15 d)'),
    ordinaryWorkOrEducationWithoutBenefit: z
      .boolean()
      .optional()
      .describe(
        'true: only persons in ordinary work or education without a benefit on the day; false: only the others (§ 20)',
      ),
  })
  .strict();
export type AppliesTo = z.infer<typeof AppliesTo>;

/** The fields of every rule; each kind's schema spreads them before its own. */
export const Base = {
  id: z.string().regex(/^[a-z0-9]+(?:[.-][a-z0-9]+)*$/, 'lower-case words joined by dots or hyphens'),
  title: z.string().min(1).describe('Danish, as a caseworker reads it in the worklist'),
  appliesTo: AppliesTo.default({ ageAt: 'takeover' }),
  source: Source,
  effective: z
    .object({
      from: isoDate,
      to: isoDate.optional(),
      basis: z
        .string()
        .min(1)
        .optional()
        .describe("Danish: what sets the period, e.g. the act's entry into force and where that date comes from"),
    })
    .strict()
    .describe('The period the rule is in force'),
  interpretation: Interpretation.optional(),
  tightens: z
    .array(z.string())
    .min(1)
    .optional()
    .describe('The ids of the legal rules this municipal rule makes stricter (never looser)'),
  replaces: z
    .string()
    .optional()
    .describe(
      'A new version of the law: the id of the rule it replaces, whose effective period ends the day before this one begins',
    ),
  note: z.string().optional(),
};

// ---- Comparing with the law ----------------------------------------------------------------

const NO_DURATION: Duration = { years: 0, months: 0, weeks: 0, days: 0 };

function duration(text: string | undefined): Duration {
  if (text === undefined) return NO_DURATION;
  const d = parseDuration(text);
  if (!d) throw new RangeError(`Not an ISO 8601 duration: ${text}`);
  return d;
}

/** The sum of durations (an absent one counts as none). */
export function sumDurations(...texts: (string | undefined)[]): Duration {
  return texts.map(duration).reduce(
    (a, b) => ({
      years: a.years + b.years,
      months: a.months + b.months,
      weeks: a.weeks + b.weeks,
      days: a.days + b.days,
    }),
    NO_DURATION,
  );
}

/** Whether duration a is never longer than b, whatever day it is counted from. */
export function durationNeverLonger(da: Duration, db: Duration): boolean {
  const months = (d: Duration) => d.years * 12 + d.months;
  const fixed = (d: Duration) => d.weeks * 7 + d.days;
  if (months(da) <= months(db) && fixed(da) <= fixed(db)) return true;
  return durationDayRange(da)[1] <= durationDayRange(db)[0];
}

/** Whether duration a is never longer than b, whatever day it is counted from (absent = none). */
export function neverLonger(a: string | undefined, b: string | undefined): boolean {
  return durationNeverLonger(duration(a), duration(b));
}

/** Adds "<what> <mine> is longer than the law's <theirs>" when it can be. */
export function checkNotLonger(
  looser: string[],
  what: string,
  mine: string | undefined,
  theirs: string | undefined,
): void {
  if (!neverLonger(mine, theirs))
    looser.push(`${what} ${mine ?? 'P0D'} is longer than the law's ${theirs ?? 'P0D (none)'}`);
}

/**
 * Takeover and arrival may stand for each other (arrival falls back to takeover, and the engine
 * keeps a municipal due date no later than the law's); other anchors cannot be compared.
 */
export function anchorsIncomparable(mine: Anchor, theirs: Anchor): LawComparison | null {
  const interchangeable = (a: Anchor) => a === 'takeover' || a === 'arrival';
  if (mine === theirs || (interchangeable(mine) && interchangeable(theirs))) return null;
  return {
    comparable: false,
    reason: `it runs from ${mine}, the law from ${theirs}; a clock from ${mine} cannot be compared with one from ${theirs}`,
  };
}

export function describeEvidenceItem(e: EvidenceItem): string {
  return 'kinds' in e ? `${e.type} (${e.kinds.join(', ')})` : e.type;
}

const kindsOf = (e: EvidenceItem): readonly string[] | null => ('kinds' in e ? e.kinds : null);

/**
 * Where all evidence items must be present (a deadline): every item the law demands must be
 * demanded too, of the same type and with no kind the law does not accept.
 */
export function checkDemandsAllEvidence(looser: string[], mine: EvidenceItem[], law: EvidenceItem[]): void {
  for (const l of law) {
    if (mine.some((m) => implies(m, l))) continue;
    const sameType = mine.filter((m) => m.type === l.type);
    if (sameType.length === 0) {
      looser.push(`it does not demand ${describeEvidenceItem(l)}, which the law demands`);
      continue;
    }
    const lawKinds = kindsOf(l);
    if (lawKinds === null) continue;
    if (l.type === 'enrolment_ended') {
      // Demanding more kinds ended is stricter; each kind the law names must be among them.
      const covered = sameType.some((m) => lawKinds.every((k) => (kindsOf(m) ?? []).includes(k)));
      if (!covered) looser.push(`it does not demand ${describeEvidenceItem(l)}, which the law demands`);
      continue;
    }
    const extras = sameType.map((m) => {
      const kinds = kindsOf(m);
      if (kinds === null) throw new RangeError(`evidence of type ${m.type} without kinds`);
      return kinds.filter((k) => !lawKinds.includes(k));
    });
    if (extras.some((e) => e.length === 0)) continue;
    const fewest = extras.reduce((a, b) => (b.length < a.length ? b : a));
    looser.push(`it accepts ${l.type} of kind ${fewest.join(', ')} where the law demands ${describeEvidenceItem(l)}`);
  }
}

/**
 * Whether demanding `mine` demands `law` too, across types: a Danish-education activity that has
 * started shows that the teaching could begin (danskuddannelsesloven § 5).
 */
function implies(mine: EvidenceItem, law: EvidenceItem): boolean {
  return (
    law.type === 'danish_education_start_possible' &&
    mine.type === 'activity_started' &&
    mine.kinds.every((k) => k === 'danish_education')
  );
}

/** Where any evidence item counts (a cadence): nothing may count that the law does not count. */
export function checkCountsNoMoreEvidence(looser: string[], mine: EvidenceItem[], law: EvidenceItem[]): void {
  for (const m of mine) {
    const sameType = law.filter((l) => l.type === m.type);
    if (sameType.length === 0) {
      looser.push(`it counts ${describeEvidenceItem(m)}, which the law does not count`);
      continue;
    }
    const mineKinds = kindsOf(m);
    if (mineKinds === null) continue;
    const lawKinds = new Set(sameType.flatMap((l) => kindsOf(l) ?? []));
    const extra = mineKinds.filter((k) => !lawKinds.has(k));
    if (extra.length) looser.push(`it counts ${m.type} of kind ${extra.join(', ')}, which the law does not count`);
  }
}

// ---- Danish wording ------------------------------------------------------------------------

/** An ISO duration in Danish words, e.g. "1 måned og 2 uger". */
export function durationDa(d: string): string {
  const m = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$/.exec(d);
  if (!m) return d;
  const parts: string[] = [];
  const add = (n: string | undefined, one: string, many: string) => {
    if (n && n !== '0') parts.push(`${n} ${n === '1' ? one : many}`);
  };
  add(m[1], 'år', 'år');
  add(m[2], 'måned', 'måneder');
  add(m[3], 'uge', 'uger');
  add(m[4], 'dag', 'dage');
  return parts.length ? parts.join(' og ') : '0 dage';
}
