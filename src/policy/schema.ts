// The policy file format: one YAML file per municipality and one for national law. Each rule
// cites the sentence it implements; each kind of rule has its module in ./kinds/. The zod schema
// checks files at load and exports JSON Schema for editors (`medborger policy schema`).
import { z } from 'zod';
import { DurationText, isoDate, Source, Interpretation } from './kinds/common.js';
import { Rule } from './kinds/index.js';
import { PROGRAMS } from '../domain/model.js';
import { CAP_EXEMPTIONS } from '../domain/placement-eligibility.js';

// The rule kinds, one module each, are in ./kinds/; these are re-exported for the callers that
// read the file format from here.
export { AppliesTo, DurationText, Evidence, Interpretation, Source } from './kinds/common.js';
export { ANCHORS, type Anchor, type RuleKindName } from '../domain/rules.js';
export { DeadlineRule } from './kinds/deadline.js';
export { WeeklyHoursRule } from './kinds/weekly-hours.js';
export { PresenceRule } from './kinds/presence.js';
export { EveryConversationRule } from './kinds/every-conversation.js';
export { CadenceRule } from './kinds/cadence.js';
export { CoverageRule } from './kinds/coverage.js';
export { CapRule } from './kinds/cap.js';
export { GovernanceRule } from './kinds/governance.js';
export { Rule };

// ---- Placement parameters (issue 5) ----------------------------------------------------------
// The weights, eligibility rules and caps the placement builders (src/placement/instances.ts)
// read. national.yaml gives every parameter a default; a municipality overrides the ones its
// policy speaks to. Each parameter cites the sentence it implements (`source`, checked verbatim
// like the rules' quotes) or says whose reading it is (`interpretation`). A parameter the law
// marks `binding` may only be made stricter by a municipality (checked at load).

export const PLACEMENT_DOMAINS = ['housing', 'daycare', 'school', 'internships', 'mentors'] as const;
export type PlacementDomain = (typeof PLACEMENT_DOMAINS)[number];

/** The criteria per domain: stable code name → Danish label (UI). Weights are keyed by code. */
export const PLACEMENT_CRITERIA = {
  housing: {
    transport: 'Offentlig transport',
    services: 'Service i nærheden',
    spread: 'Spredning i kommunen',
    small_community: 'Mindre lokalsamfund',
    family_size: 'Familiestørrelse og værelser',
    economy: 'Husleje i forhold til økonomi',
    commute: 'Afstand til arbejde eller praktik',
    permanent: 'Permanent bolig',
    outside_deprived_area: 'Uden for udsat boligområde',
  },
  daycare: {
    distance: 'Afstand fra hjemmet',
    sibling: 'Søskende i institutionen',
    composition: 'Sammensætning (tosprogede)',
    preference: 'Familiens ønske',
  },
  school: {
    distance: 'Afstand fra hjemmet',
    sibling: 'Søskende på skolen',
    composition: 'Sammensætning (tosprogede)',
    preference: 'Familiens ønske',
  },
  internships: {
    sector: 'Branche passer til ønsker og kvalifikationer',
    commute: 'Afstand til virksomheden',
    hours: 'Timer i alt tæt på målet',
    real_opening: 'Reel jobåbning',
  },
  mentors: {
    language: 'Fælles sprog',
    distance: 'Afstand',
    availability: 'Tid til rådighed',
  },
} as const satisfies Record<PlacementDomain, Record<string, string>>;
export type PlacementCriterion<D extends PlacementDomain> = keyof (typeof PLACEMENT_CRITERIA)[D] & string;

/** Public transport levels of a town (src/placement/inputs.ts PublicTransport). */
export const PUBLIC_TRANSPORT_LEVELS = ['rail', 'frequent_bus', 'bus', 'limited'] as const;

const ParamMeta = {
  source: Source.optional().describe('The sentence the parameter implements, quoted verbatim'),
  interpretation: Interpretation.optional().describe(
    "How a vague sentence is read, or that the number is Medborger's default",
  ),
  binding: z
    .boolean()
    .optional()
    .describe("national.yaml only: the value is the law's; a municipality may only make it stricter"),
  note: z.string().optional(),
};

function param<T extends z.ZodType>(value: T, description: string) {
  return z
    .object({ value, ...ParamMeta })
    .strict()
    .refine((p) => p.source !== undefined || p.interpretation !== undefined, {
      error:
        'a placement parameter cites the sentence it implements (source) or says whose reading it is (interpretation)',
    })
    .describe(description);
}

const Weight = z.number().min(0).describe('A weight ≥ 0; 0 switches the criterion off');
const Share = z.number().min(0).max(1).describe('A share, 0..1');
const Km = z.number().positive().describe('Kilometres');
const Count = z.number().int().min(0);

function weights<const K extends string>(labels: Record<K, string>) {
  const shape = {} as Record<K, ReturnType<typeof param<typeof Weight>>>;
  for (const k of Object.keys(labels) as K[]) shape[k] = param(Weight, `Weight of the criterion "${labels[k]}"`);
  return z.object(shape).strict();
}

const HousingWeights = weights(PLACEMENT_CRITERIA.housing);
const HousingEligibility = z
  .object({
    maxPersonsPerRoom: param(
      z.number().positive(),
      'Overcrowding limit: a unit needs at least ceil(persons / this) rooms',
    ),
    maxExtraRooms: param(
      Count,
      "A unit may have at most this many rooms more than the household's ideal (not absurdly large)",
    ),
    maxRentShareOfIncome: param(
      Share,
      "Rent may be at most this share of the household's monthly income (incl. benefits)",
    ),
    accessibleWhenNeeded: param(
      z.boolean(),
      'A household that needs a step-free home is only offered accessible units',
    ),
    temporaryNeverInDeprivedArea: param(z.boolean(), 'Temporary housing is never in a deprived housing area'),
    onlyPermanentAfterTemporary: param(
      z.boolean(),
      'A household that already has a home (temporary) is only offered permanent units',
    ),
  })
  .strict();
const HousingScoring = z
  .object({
    transportScores: param(
      z.object({ rail: Share, frequent_bus: Share, bus: Share, limited: Share }).strict(),
      'Score 0..1 per public-transport level of the town',
    ),
    servicesForAll: param(
      z.array(z.string().min(1)).min(1),
      'Services that count for every household (town service codes)',
    ),
    servicesWithChildren: param(z.array(z.string().min(1)), 'Services that also count when the household has children'),
    spreadFullPenaltyPer1000: param(
      z.number().positive(),
      'Refugee households per 1,000 residents at which the spread score reaches 0',
    ),
    smallCommunityPopulation: param(
      z.number().int().positive(),
      'Towns up to this population score 1 as a small community; larger towns score population-proportionally less',
    ),
    comfortableRentShareOfIncome: param(
      Share,
      'Rent up to this share of income scores 1 on economy; the score falls to 0 at the maximum share',
    ),
    commuteZeroScoreKm: param(Km, 'Distance to the work town at which the commute score reaches 0'),
    estimatedMonthlyIncome: param(
      z
        .object({
          year: z.number().int().min(2000).describe('The year the levels are of'),
          singleProvider: z.number().min(0).describe('An adult who is the only provider for children (DKK a month)'),
          providerInCouple: z.number().min(0).describe('Each of two or more adults with children (DKK a month)'),
          withoutChildrenOlder: z
            .number()
            .min(0)
            .describe('An adult without children aged olderFromAge or more (DKK a month)'),
          withoutChildrenYounger: z
            .number()
            .min(0)
            .describe('An adult without children under olderFromAge (DKK a month)'),
          olderFromAge: z.number().int().min(18),
          perChild: z.number().min(0).describe('Child benefits per child (DKK a month)'),
        })
        .strict(),
      "A household's monthly income when none is recorded: the benefit levels of one year by family type, plus child benefits",
    ),
  })
  .strict();
const HousingCaps = z
  .object({
    maxRoundShareOfHouseholdsPerTown: param(
      Share,
      'At most max(1, ceil(share × households in the round)) households of the round per town',
    ).optional(),
    maxHouseholdsPer1000Residents: param(
      z.number().positive(),
      'Refugee households in a town (already placed + this round) at most this many per 1,000 residents',
    ).optional(),
    maxRoundShareOfPersonsPerTown: param(
      Share,
      'Persons of the round per town at most max(largest household, ceil(share × persons in the round))',
    ).optional(),
    maxLargeFamiliesPerTown: param(Count, 'Large families of the round per town at most this many').optional(),
    maxSingleParentsPerTown: param(
      Count,
      'Single-parent households of the round per town at most this many',
    ).optional(),
    largeFamilyMinPersons: param(
      z.number().int().min(2),
      'A household of at least this many persons is a large family',
    ),
  })
  .strict();

const DaycareWeights = weights(PLACEMENT_CRITERIA.daycare);
const DaycareEligibility = z
  .object({
    fromWeeks: param(Count, 'Daycare from this many weeks of age'),
    ageMin: param(
      Count,
      'Youngest age for daycare, counted in school years (the age reached in the calendar year the school year began)',
    ),
    ageMax: param(Count, 'Oldest age for daycare (inclusive), counted in school years'),
    maxDistanceKm: param(
      Km,
      "Institutions farther than this from the family's town are not offered (unless wished or a sibling is there)",
    ),
  })
  .strict();
const DaycareCaps = z
  .object({
    bilingualMaxShare: param(
      Share,
      'Share of bilingual children per institution after placement at most this',
    ).optional(),
    deprivedAreaMaxShare: param(
      Share,
      "Children from deprived housing areas at most this share of a daycare's admissions per calendar year",
    ).optional(),
    deprivedAreaExempt: param(
      z.array(z.enum(CAP_EXEMPTIONS)),
      'Children from deprived housing areas the cap does not count; set from the cap rule of the law in force on the plan date',
    ).optional(),
  })
  .strict();
const SchoolWeights = weights(PLACEMENT_CRITERIA.school);
const SchoolEligibility = z
  .object({
    ageMin: param(
      Count,
      'Youngest age for school, counted in school years (the age reached in the calendar year the school year began)',
    ),
    ageMax: param(Count, 'Oldest age for school (inclusive), counted in school years'),
    receptionClassYears: param(
      z.number().int().positive(),
      'A child without Danish who arrived less than this many years ago needs a reception class',
    ),
    maxDistanceKm: param(
      Km,
      "Schools farther than this from the family's town are not offered (unless wished or a sibling is there)",
    ),
    receptionClassOnlyWhereOffered: param(
      z.boolean(),
      'A child who needs a reception class is only offered schools that have one',
    ),
  })
  .strict();
const SchoolCaps = z
  .object({
    bilingualMaxShare: param(Share, 'Share of bilingual pupils per school after placement at most this').optional(),
  })
  .strict();

const InternshipWeights = weights(PLACEMENT_CRITERIA.internships);
const InternshipEligibility = z
  .object({
    realOpeningsOnly: param(z.boolean(), 'Only positions at companies with a real job opening are offered'),
    maxCommuteKm: param(
      Km,
      "Positions farther than this from the adult's town are not offered; the commute score falls to 0 here",
    ),
  })
  .strict();
const InternshipScoring = z
  .object({
    targetWeeklyHours: param(z.number().positive(), "Planned hours + the position's hours should come close to this"),
  })
  .strict();

const MentorWeights = weights(PLACEMENT_CRITERIA.mentors);
const MentorEligibility = z
  .object({
    maxDistanceKm: param(Km, 'Mentors farther than this are not offered; the distance score falls to 0 here'),
    sharedLanguageRequired: param(
      z.boolean(),
      'Only mentors who share a language with the family or person are offered',
    ),
  })
  .strict();
const MentorScoring = z
  .object({
    targetHoursPerMonth: param(
      z.number().positive(),
      'A mentor with this many hours a month or more scores 1 on availability',
    ),
  })
  .strict();

/** Every parameter present: what national.yaml must define, and the effective parameters. */
export const PlacementComplete = z
  .object({
    housing: z
      .object({ weights: HousingWeights, eligibility: HousingEligibility, scoring: HousingScoring, caps: HousingCaps })
      .strict(),
    daycare: z.object({ weights: DaycareWeights, eligibility: DaycareEligibility, caps: DaycareCaps }).strict(),
    school: z.object({ weights: SchoolWeights, eligibility: SchoolEligibility, caps: SchoolCaps }).strict(),
    internships: z
      .object({ weights: InternshipWeights, eligibility: InternshipEligibility, scoring: InternshipScoring })
      .strict(),
    mentors: z.object({ weights: MentorWeights, eligibility: MentorEligibility, scoring: MentorScoring }).strict(),
  })
  .strict();
export type PlacementComplete = z.infer<typeof PlacementComplete>;

/** The `placement` section of a policy file: any subset (a municipality overrides what its policy speaks to). */
export const PlacementSection = z
  .object({
    housing: z
      .object({
        weights: HousingWeights.partial().optional(),
        eligibility: HousingEligibility.partial().optional(),
        scoring: HousingScoring.partial().optional(),
        caps: HousingCaps.partial().optional(),
      })
      .strict()
      .optional(),
    daycare: z
      .object({
        weights: DaycareWeights.partial().optional(),
        eligibility: DaycareEligibility.partial().optional(),
        caps: DaycareCaps.partial().optional(),
      })
      .strict()
      .optional(),
    school: z
      .object({
        weights: SchoolWeights.partial().optional(),
        eligibility: SchoolEligibility.partial().optional(),
        caps: SchoolCaps.partial().optional(),
      })
      .strict()
      .optional(),
    internships: z
      .object({
        weights: InternshipWeights.partial().optional(),
        eligibility: InternshipEligibility.partial().optional(),
        scoring: InternshipScoring.partial().optional(),
      })
      .strict()
      .optional(),
    mentors: z
      .object({
        weights: MentorWeights.partial().optional(),
        eligibility: MentorEligibility.partial().optional(),
        scoring: MentorScoring.partial().optional(),
      })
      .strict()
      .optional(),
  })
  .strict()
  .describe('Placement weights, eligibility rules and caps (issue 5); national.yaml holds every default');
export type PlacementSection = z.infer<typeof PlacementSection>;

/**
 * For parameters the law may bind: which direction is stricter. 'lower' = a municipality may
 * only lower it; 'higher' = only raise it; 'true' = may not switch it off.
 */
export const PLACEMENT_STRICTER: Record<string, 'lower' | 'higher' | 'true'> = {
  'housing.eligibility.maxPersonsPerRoom': 'lower',
  'housing.eligibility.maxExtraRooms': 'lower',
  'housing.eligibility.maxRentShareOfIncome': 'lower',
  'housing.eligibility.accessibleWhenNeeded': 'true',
  'housing.eligibility.temporaryNeverInDeprivedArea': 'true',
  'housing.eligibility.onlyPermanentAfterTemporary': 'true',
  'housing.caps.maxRoundShareOfHouseholdsPerTown': 'lower',
  'housing.caps.maxHouseholdsPer1000Residents': 'lower',
  'housing.caps.maxRoundShareOfPersonsPerTown': 'lower',
  'housing.caps.maxLargeFamiliesPerTown': 'lower',
  'housing.caps.maxSingleParentsPerTown': 'lower',
  'daycare.eligibility.fromWeeks': 'lower',
  'daycare.eligibility.maxDistanceKm': 'lower',
  'daycare.caps.bilingualMaxShare': 'lower',
  'daycare.caps.deprivedAreaMaxShare': 'lower',
  'school.eligibility.maxDistanceKm': 'lower',
  'school.eligibility.receptionClassOnlyWhereOffered': 'true',
  'school.eligibility.receptionClassYears': 'lower',
  'school.caps.bilingualMaxShare': 'lower',
  'internships.eligibility.realOpeningsOnly': 'true',
  'internships.eligibility.maxCommuteKm': 'lower',
  'internships.scoring.targetWeeklyHours': 'higher',
  'mentors.eligibility.maxDistanceKm': 'lower',
  'mentors.eligibility.sharedLanguageRequired': 'true',
};

/**
 * Facts checked when a record is registered, not obligations of their own (national.yaml only):
 * an IGU lasts at most `iguMaxDuration` and has on average at least `iguMinWeeklyHours` paid hours.
 */
export const RegistrationChecks = z
  .object({
    iguMinWeeklyHours: param(
      z.number().positive(),
      'An IGU activity has on average at least this many paid hours a week',
    ),
    iguMaxDuration: param(DurationText, 'An IGU activity ends at most this long after it starts'),
  })
  .strict();
export type RegistrationChecks = z.infer<typeof RegistrationChecks>;

// ---- Retention of closed cases (issue 13, item 4) ---------------------------------------------
// A closed case is deleted when the retention period of its case type has run out after the
// closure day (src/domain/closure.ts retentionPassed; `medborger retention`). The period is
// configuration: national.yaml gives the default, a municipality's file may set its own (it is
// the data controller). Each period cites its source or says whose reading it is.

export const RetentionPeriod = z
  .object({
    afterClosure: DurationText.describe('How long after the closure day the case is kept, e.g. P5Y'),
    source: Source.optional(),
    interpretation: Interpretation.optional(),
  })
  .strict()
  .refine((p) => p.source !== undefined || p.interpretation !== undefined, {
    error: 'a retention period cites its source or says whose reading it is (interpretation)',
  });

export const RetentionSection = z
  .object({
    integration: RetentionPeriod.describe(
      'The integration case (integrationssag): the person and every case record of theirs',
    ),
  })
  .strict();
export type RetentionSection = z.infer<typeof RetentionSection>;

// ---- Names the law gives (issue 12, item 2) ---------------------------------------------------
// The law renames things: LOV nr. 1654 af 30/12/2024 calls every programme "introduktionsprogram".
// national.yaml lists each name with the period it is the law's; pages name a programme as the law
// in force on the day they show (src/domain/glossary.ts programNameOn).

const NameVersion = z
  .object({
    effective: z
      .object({ from: isoDate, to: isoDate.optional(), basis: z.string().min(1).optional() })
      .strict()
      .describe('The period these are the names in the law'),
    program: z.record(z.enum(PROGRAMS), z.string().min(1)).describe('The Danish name of each programme in this period'),
    source: Source.describe('The sentence that gives or changes the names, quoted verbatim'),
  })
  .strict();
export type NameVersion = z.infer<typeof NameVersion>;

export const PolicyFile = z
  .object({
    $schema: z.string().optional(),
    municipality: z
      .union([z.string().regex(/^\d{3}$/), z.literal('national')])
      .describe('Municipality code, or "national" for the law'),
    title: z.string().min(1),
    document: z.string().min(1).describe('The source document (file name of the adopted text, or the law)'),
    adopted: z.object({
      date: isoDate.optional(),
      body: z.string().min(1),
      status: z.enum(['adopted', 'draft', 'law']),
    }),
    period: z.object({ from: isoDate, to: isoDate.optional() }),
    vision: z.string().optional().describe('Danish text'),
    values: z.array(z.string()).default([]),
    targetGroups: z.array(z.string()).default([]),
    tracks: z.array(z.string()).default([]),
    focusAreas: z.array(z.string()).default([]),
    responsibleCommittee: z.string().optional(),
    evaluation: z.string().optional().describe('Evaluation cadence in words'),
    languages: z.array(z.string()).default([]).describe('Languages the policy is translated into (ISO 639)'),
    dueSoonDays: z
      .number()
      .int()
      .min(0)
      .max(90)
      .default(7)
      .describe('An open obligation is due soon this many days before its due date'),
    rules: z.array(Rule),
    placement: PlacementSection.optional(),
    checks: RegistrationChecks.optional().describe('national.yaml: facts checked when a record is registered'),
    retention: RetentionSection.optional().describe(
      'How long a closed case is kept after its closure, per case type (national.yaml: the default)',
    ),
    names: z
      .array(NameVersion)
      .min(1)
      .optional()
      .describe("national.yaml: the law's names, one entry per version of the law, in date order"),
    notEncoded: z
      .array(z.object({ quote: z.string(), reason: z.string() }))
      .default([])
      .describe('Commitments that are not rules, and why'),
  })
  .strict();
export type PolicyFile = z.infer<typeof PolicyFile>;

/** A checked policy file and where it was read from. */
export interface LoadedPolicy {
  file: string;
  policy: PolicyFile;
}

/** The law and the municipal policies, as loaded together (src/policy/load.ts). */
export interface PolicySet {
  law: LoadedPolicy;
  byMunicipality: Map<string, LoadedPolicy>;
}

export function policyJsonSchema(): unknown {
  return z.toJSONSchema(PolicyFile, { io: 'input', target: 'draft-2020-12' });
}
