// Presence: from anchor + within on, a fixed contact person or a daycare place on every day.
// Looser than the law: a later anchor or a longer delay; another kind of presence is not
// comparable.
import { z } from 'zod';
import {
  ANCHOR_DEFINITE_DA,
  CASE_RECORD_IN_SENTENCE_DA,
  ENROLMENT_KIND_IN_SENTENCE_DA,
} from '../../domain/glossary.js';
import { presenceObligation } from '../../domain/obligations.js';
import { ANCHORS } from '../../domain/rules.js';
import { anchorsIncomparable, Base, checkNotLonger, DurationText, durationDa, type RuleKind } from './common.js';

export const PresenceRule = z
  .object({
    ...Base,
    kind: z.literal('presence'),
    from: z.enum(ANCHORS),
    within: DurationText.default('P0D'),
    evidence: z.enum(['contact_person', 'daycare_enrolment']),
  })
  .strict();
export type PresenceRule = z.infer<typeof PresenceRule>;

export const presence: RuleKind<PresenceRule> = {
  kind: 'presence',
  schema: PresenceRule,
  summaryDa: (rule) =>
    `${rule.evidence === 'contact_person' ? CASE_RECORD_IN_SENTENCE_DA['contact-person'] : `plads i ${ENROLMENT_KIND_IN_SENTENCE_DA.daycare}`} ${/^P0[DW]?$/.test(rule.within) ? 'fra' : `senest ${durationDa(rule.within)} fra`} ${ANCHOR_DEFINITE_DA[rule.from]}`,
  compareWithLaw(rule, law) {
    if (rule.evidence !== law.evidence)
      return { comparable: false, reason: `it demands ${rule.evidence}, the law ${law.evidence}` };
    const anchors = anchorsIncomparable(rule.from, law.from);
    if (anchors) return anchors;
    const looser: string[] = [];
    checkNotLonger(looser, 'its deadline', rule.within, law.within);
    return { comparable: true, looser };
  },
  obligation: presenceObligation,
};
