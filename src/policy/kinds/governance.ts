// Governance: an event of the municipality's own work (a report, a meeting, an evaluation) and
// who is responsible. The law sets no such rule to tighten, so a governance rule that names a
// legal rule in `tightens` is refused as not comparable.
import { z } from 'zod';
import { Base, DurationText, durationDa, type RuleKind } from './common.js';

export const GovernanceRule = z.object({
  ...Base,
  kind: z.literal('governance'),
  event: z.enum(['annual_report', 'dialogue_meeting', 'evaluation', 'committee_feedback', 'council_hearing', 'information_meeting']),
  every: z.union([DurationText, z.literal('election_period'), z.literal('once')]),
  responsible: z.string().min(1),
}).strict();
export type GovernanceRule = z.infer<typeof GovernanceRule>;

export const governance: RuleKind<GovernanceRule> = {
  kind: 'governance',
  schema: GovernanceRule,
  summaryDa: (rule) => `${rule.every === 'election_period' ? 'én gang pr. valgperiode' : rule.every === 'once' ? 'ved behov/én gang' : `hvert ${durationDa(rule.every)}`} – ${rule.responsible}`,
  compareWithLaw: () => ({ comparable: false, reason: 'a governance rule organises the municipality\'s own work; Medborger has no measure by which it could be stricter than a legal rule' }),
  obligation: null,
};
