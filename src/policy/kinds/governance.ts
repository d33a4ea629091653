// Governance: an event of the municipality's own work (a report, a meeting, an evaluation) and
// who is responsible. The law sets no such rule to tighten, so a governance rule that names a
// legal rule in `tightens` is refused as not comparable.
import { z } from 'zod';
import { GOVERNANCE_RULE_EVENTS } from '../../domain/governance.js';
import { Base, DurationText, durationDa, type RuleKind } from './common.js';

export const GovernanceRule = z
  .object({
    ...Base,
    kind: z.literal('governance'),
    event: z.enum(GOVERNANCE_RULE_EVENTS),
    every: z.union([DurationText, z.literal('election_period'), z.literal('once')]),
    /** For `every: once`: how long after the rule's effective start it is due. */
    within: DurationText.optional(),
    responsible: z.string().min(1),
  })
  .strict();
// The parsed rule is what the governance cycle (src/domain/governance.ts) evaluates; the service that
// hands it over (src/services/governance.ts) checks the two types agree.
export type GovernanceRule = z.infer<typeof GovernanceRule>;

export const governance: RuleKind<GovernanceRule> = {
  kind: 'governance',
  schema: GovernanceRule,
  summaryDa: (rule) =>
    `${rule.every === 'election_period' ? 'én gang pr. valgperiode' : rule.every === 'once' ? 'ved behov/én gang' : `hvert ${durationDa(rule.every)}`} – ${rule.responsible}`,
  compareWithLaw: () => ({
    comparable: false,
    reason:
      "a governance rule organises the municipality's own work; Medborger has no measure by which it could be stricter than a legal rule",
  }),
  obligation: null,
};
