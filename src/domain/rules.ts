// The rules the obligations engine reads, as plain data: the vocabulary shared by the policy
// files (src/policy/kinds/, which parse and check them) and the engine (src/domain/obligations.ts,
// which evaluates them). No schema library here: the policy layer's parsed rules must fit these
// types, which the compiler checks where each kind is registered (src/policy/kinds/index.ts).
import type {
  ActivityKind,
  ConversationKind,
  EnrolmentKind,
  FollowUpKind,
  HouseholdRelation,
  Program,
  ReceptionStepKind,
  ResidenceBasis,
} from './model.js';

/** Every kind of rule a policy file may contain. Each has one module in src/policy/kinds/. */
export const RULE_KIND_NAMES = [
  'deadline',
  'weekly_hours',
  'presence',
  'every_conversation',
  'cadence',
  'coverage',
  'cap',
  'governance',
] as const;
export type RuleKindName = (typeof RULE_KIND_NAMES)[number];

/** The kinds the engine evaluates for each person; the others concern the municipality as a whole. */
export const PERSON_RULE_KIND_NAMES = [
  'deadline',
  'weekly_hours',
  'presence',
  'every_conversation',
  'cadence',
] as const satisfies readonly RuleKindName[];
export type PersonRuleKindName = (typeof PERSON_RULE_KIND_NAMES)[number];

/**
 * Events a deadline or cadence runs from. `arrival` falls back to takeover when unknown;
 * `repatriation_wish` is the first wish to return recorded and `reception_class_start` the first
 * day in a reception class (a rule from either applies only once there is one).
 */
export const ANCHORS = ['takeover', 'arrival', 'birth', 'reception_class_start', 'repatriation_wish'] as const;
export type Anchor = (typeof ANCHORS)[number];

/** What counts as done: a record of the case file. */
export type Evidence =
  | { type: 'activity_started'; kinds: ActivityKind[] }
  | { type: 'contract_signed' }
  | { type: 'visitation_held' }
  | { type: 'contact_person_assigned' }
  | { type: 'enrolment'; kinds: EnrolmentKind[] }
  /** Every enrolment of these kinds has ended (e.g. reception-class teaching for at most 2 years). */
  | { type: 'enrolment_ended'; kinds: EnrolmentKind[] }
  | { type: 'language_assessment' }
  | { type: 'follow_up'; kinds: FollowUpKind[] }
  | { type: 'conversation'; kinds: ConversationKind[] }
  /** A referral to Danish education (integrationsloven § 21). */
  | { type: 'danish_education_referred' }
  /** Danish education could begin: the provider's first possible day, or the start itself (danskuddannelsesloven § 5). */
  | { type: 'danish_education_start_possible' }
  /** A health assessment offered (integrationsloven § 15 d). */
  | { type: 'health_assessment_offered' }
  /** The advising organisation notified of a wish to return, on or after the wish (repatrieringsloven § 5). */
  | { type: 'repatriation_notified' }
  /** A reception step of one of the kinds (issue 12: information, reception programme, orientation …). */
  | { type: 'reception_step'; kinds: ReceptionStepKind[] };
export type EvidenceType = Evidence['type'];

/** Who a rule applies to. */
export interface AppliesTo {
  ageMin?: number | undefined;
  /** Inclusive. */
  ageMax?: number | undefined;
  ageAt: 'takeover' | 'on';
  residenceBasis?: ResidenceBasis[] | undefined;
  program?: Program[] | undefined;
  relation?: HouseholdRelation[] | undefined;
  bilingual?: boolean | undefined;
  yearsSinceTakeoverMax?: number | undefined;
  /** true: only after a concrete assessment found a health assessment needed (integrationsloven § 15 d, stk. 1). */
  healthAssessmentNeeded?: boolean | undefined;
  /**
   * true: only for persons in ordinary work or education without a benefit on the day; false:
   * only for the others (integrationsloven § 20, stk. 1, 5. pkt.).
   */
  ordinaryWorkOrEducationWithoutBenefit?: boolean | undefined;
}

/**
 * What kind of text a legal rule quotes. The statute's own sentence where it was found; where it
 * was not, the closest official text, marked so that a reader knows (law/excerpts.md says which).
 */
export const QUOTE_KINDS = [
  'statute',
  'statute_closest',
  'executive_order',
  'bill',
  'municipal_page',
  'commentary',
] as const;
export type QuoteKind = (typeof QUOTE_KINDS)[number];

export interface RuleSource {
  document: string;
  section?: string | undefined;
  quote: string;
  /** A legal source: the act (e.g. integrationsloven), its paragraph, the consolidated version, the kind of text quoted. */
  act?: string | undefined;
  paragraph?: string | undefined;
  version?: string | undefined;
  quoteKind?: QuoteKind | undefined;
  url?: string | undefined;
}
export interface RuleInterpretation {
  text: string;
  by: 'municipality' | 'medborger';
}

/** What every rule has, whatever its kind. Durations are ISO 8601 texts (P4W, P1M …). */
export interface RuleHead {
  id: string;
  kind: RuleKindName;
  title: string;
  appliesTo: AppliesTo;
  source: RuleSource;
  effective: { from: string; to?: string | undefined; basis?: string | undefined };
  interpretation?: RuleInterpretation | undefined;
  /** A new version of the law: the id of the earlier version it replaces. */
  replaces?: string | undefined;
  /** The ids of the legal rules this municipal rule makes stricter. */
  tightens?: string[] | undefined;
}

// The parameters of the kinds evaluated per person. Coverage, cap and governance rules concern
// the municipality as a whole; the engine never evaluates them, so they need no domain type.

export interface DeadlineRule extends RuleHead {
  kind: 'deadline';
  from: Anchor;
  offset?: string | undefined;
  within: string;
  /** All must have happened by the due date. */
  evidence: Evidence[];
  /**
   * Records count only from this long before the anchor + offset (e.g. a language assessment from
   * 3 months before the third birthday), with the reading that sets it; absent: every record counts.
   */
  countsFrom?: { before: string; interpretation: RuleInterpretation } | undefined;
}

export interface WeeklyHoursRule extends RuleHead {
  kind: 'weekly_hours';
  from: Anchor;
  startWithin: string;
  minHours: number;
  kinds: ActivityKind[];
  window: string;
}

export interface PresenceRule extends RuleHead {
  kind: 'presence';
  from: Anchor;
  within: string;
  evidence: 'contact_person' | 'daycare_enrolment';
}

export interface EveryConversationRule extends RuleHead {
  kind: 'every_conversation';
  conversationKinds: ConversationKind[];
  requires: 'repatriation_guidance';
}

export interface CadenceRule extends RuleHead {
  kind: 'cadence';
  from: Anchor;
  offset?: string | undefined;
  count: number;
  within: string;
  repeatFor?: string | undefined;
  /** Any of these counts. */
  evidence: Evidence[];
}
