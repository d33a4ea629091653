// The policy file format: one YAML file per municipality and one for national law. Each rule
// cites the sentence it implements. The zod schema checks files at load and exports JSON
// Schema for editors (`medborger policy schema`).
import { z } from 'zod';
import { parseDuration } from '../domain/dates.js';
import {
  ACTIVITY_KINDS, CONVERSATION_KINDS, ENROLMENT_KINDS, FOLLOW_UP_KINDS, HOUSEHOLD_RELATIONS, PROGRAMS, RESIDENCE_BASES,
} from '../domain/model.js';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');
export const DurationText = z.string().refine((s) => parseDuration(s) !== null, 'an ISO 8601 duration such as P4W, P1M, P7D, P1Y');

export const Source = z.object({
  document: z.string().min(1).describe('The document the rule comes from: a policy file name or a law reference'),
  section: z.string().optional().describe('Heading or paragraph, e.g. "Danskundervisning" or "§ 19, stk. 1"'),
  quote: z.string().min(1).describe('The sentence the rule implements, quoted verbatim'),
});

export const Interpretation = z.object({
  text: z.string().min(1).describe('How the municipality reads a vague sentence, e.g. "inden for de første dage" = 7 days'),
  by: z.enum(['municipality', 'medborger']).describe('Who chose the reading: the municipality (adopted) or Medborger (a default to confirm)'),
});

/** Events a deadline or cadence runs from. `arrival` falls back to takeover when unknown. */
export const ANCHORS = ['takeover', 'arrival', 'birth', 'school_start'] as const;
export type Anchor = (typeof ANCHORS)[number];

export const Evidence = z.discriminatedUnion('type', [
  z.object({ type: z.literal('activity_started'), kinds: z.array(z.enum(ACTIVITY_KINDS)).min(1) }),
  z.object({ type: z.literal('contract_signed') }),
  z.object({ type: z.literal('visitation_held') }),
  z.object({ type: z.literal('contact_person_assigned') }),
  z.object({ type: z.literal('enrolment'), kinds: z.array(z.enum(ENROLMENT_KINDS)).min(1) }),
  z.object({ type: z.literal('language_assessment') }),
  z.object({ type: z.literal('follow_up'), kinds: z.array(z.enum(FOLLOW_UP_KINDS)).min(1) }),
  z.object({ type: z.literal('conversation'), kinds: z.array(z.enum(CONVERSATION_KINDS)).min(1) }),
]);
export type Evidence = z.infer<typeof Evidence>;

export const AppliesTo = z.object({
  ageMin: z.number().int().min(0).optional(),
  ageMax: z.number().int().min(0).optional().describe('Inclusive'),
  ageAt: z.enum(['takeover', 'on']).default('takeover').describe('Whether the age range is taken at takeover or on the day the obligations are computed'),
  residenceBasis: z.array(z.enum(RESIDENCE_BASES)).min(1).optional(),
  program: z.array(z.enum(PROGRAMS)).min(1).optional(),
  relation: z.array(z.enum(HOUSEHOLD_RELATIONS)).min(1).optional(),
  bilingual: z.boolean().optional().describe('A child whose languages include one other than Danish'),
  yearsSinceTakeoverMax: z.number().min(0).optional().describe('The rule stops applying this many years after takeover'),
}).strict();
export type AppliesTo = z.infer<typeof AppliesTo>;

const Base = {
  id: z.string().regex(/^[a-z0-9]+(?:[.-][a-z0-9]+)*$/, 'lower-case words joined by dots or hyphens'),
  title: z.string().min(1).describe('Danish, as a caseworker reads it in the worklist'),
  appliesTo: AppliesTo.default({ ageAt: 'takeover' }),
  source: Source,
  effective: z.object({ from: isoDate, to: isoDate.optional() }).describe('The period the rule is in force'),
  interpretation: Interpretation.optional(),
  tightens: z.array(z.string()).min(1).optional().describe('The ids of the legal rules this municipal rule makes stricter (never looser)'),
  note: z.string().optional(),
};

export const DeadlineRule = z.object({
  ...Base,
  kind: z.literal('deadline'),
  from: z.enum(ANCHORS),
  offset: DurationText.optional().describe('Shifts the anchor, e.g. birth + P3Y for age three'),
  within: DurationText,
  evidence: z.array(Evidence).min(1).describe('All must have happened by the due date'),
}).strict();

export const WeeklyHoursRule = z.object({
  ...Base,
  kind: z.literal('weekly_hours'),
  from: z.enum(ANCHORS),
  startWithin: DurationText.describe('From the anchor to the day the hours must be reached'),
  minHours: z.number().positive(),
  kinds: z.array(z.enum(ACTIVITY_KINDS)).min(1),
  window: DurationText.describe('The hours are averaged over this window, ending on the day computed'),
}).strict();

export const PresenceRule = z.object({
  ...Base,
  kind: z.literal('presence'),
  from: z.enum(ANCHORS),
  within: DurationText.default('P0D'),
  evidence: z.enum(['contact_person', 'daycare_enrolment']),
}).strict();

export const EveryConversationRule = z.object({
  ...Base,
  kind: z.literal('every_conversation'),
  conversationKinds: z.array(z.enum(CONVERSATION_KINDS)).min(1).describe('Which conversations the rule covers'),
  requires: z.literal('repatriation_guidance'),
}).strict();

export const CadenceRule = z.object({
  ...Base,
  kind: z.literal('cadence'),
  from: z.enum(ANCHORS),
  offset: DurationText.optional(),
  count: z.number().int().positive(),
  within: DurationText.describe('The window each count must be reached in'),
  repeatFor: DurationText.optional().describe('Repeat the window back to back for this long (e.g. yearly for 5 years)'),
  evidence: z.array(Evidence).min(1).describe('Any of these counts'),
}).strict();

export const CoverageRule = z.object({
  ...Base,
  kind: z.literal('coverage'),
  indicator: z.string().min(1).describe('What is measured, e.g. youth_education_completed'),
  target: z.number().min(0).max(1).describe('Share of the population, 0..1'),
  population: z.string().min(1).describe('Danish description of who is counted'),
}).strict();

export const CapRule = z.object({
  ...Base,
  kind: z.literal('cap'),
  scope: z.enum(['daycare', 'school']),
  category: z.enum(['bilingual', 'deprived_housing_area']),
  maxShare: z.number().min(0).max(1).optional().describe('Absent where the policy only says "counter concentration"'),
  per: z.enum(['calendar_year', 'allocation']),
}).strict();

export const GovernanceRule = z.object({
  ...Base,
  kind: z.literal('governance'),
  event: z.enum(['annual_report', 'dialogue_meeting', 'evaluation', 'committee_feedback', 'council_hearing', 'information_meeting']),
  every: z.union([DurationText, z.literal('election_period'), z.literal('once')]),
  responsible: z.string().min(1),
}).strict();

export const Rule = z.discriminatedUnion('kind', [
  DeadlineRule, WeeklyHoursRule, PresenceRule, EveryConversationRule, CadenceRule, CoverageRule, CapRule, GovernanceRule,
]);
export type Rule = z.infer<typeof Rule>;
export type RuleKind = Rule['kind'];

export const PolicyFile = z.object({
  $schema: z.string().optional(),
  municipality: z.union([z.string().regex(/^\d{3}$/), z.literal('national')]).describe('Municipality code, or "national" for the law'),
  title: z.string().min(1),
  document: z.string().min(1).describe('The source document (file name of the adopted text, or the law)'),
  adopted: z.object({ date: isoDate.optional(), body: z.string().min(1), status: z.enum(['adopted', 'draft', 'law']) }),
  period: z.object({ from: isoDate, to: isoDate.optional() }),
  vision: z.string().optional().describe('Danish text'),
  values: z.array(z.string()).default([]),
  targetGroups: z.array(z.string()).default([]),
  tracks: z.array(z.string()).default([]),
  focusAreas: z.array(z.string()).default([]),
  responsibleCommittee: z.string().optional(),
  evaluation: z.string().optional().describe('Evaluation cadence in words'),
  languages: z.array(z.string()).default([]).describe('Languages the policy is translated into (ISO 639)'),
  dueSoonDays: z.number().int().min(0).max(90).default(7).describe('An open obligation is due soon this many days before its due date'),
  rules: z.array(Rule),
  notEncoded: z.array(z.object({ quote: z.string(), reason: z.string() })).default([]).describe('Commitments that are not rules, and why'),
}).strict();
export type PolicyFile = z.infer<typeof PolicyFile>;

export function policyJsonSchema(): unknown {
  return z.toJSONSchema(PolicyFile, { io: 'input', target: 'draft-2020-12' });
}
