// A deadline: every evidence item by anchor (+ offset) + within, e.g. an integration contract
// within 1 month of takeover. Looser than the law: a later anchor, a longer offset or deadline,
// or an evidence item the law demands left out or accepted in more kinds.
import { z } from 'zod';
import { ANCHOR_DEFINITE_DA } from '../../domain/glossary.js';
import { deadlineObligation } from '../../domain/obligations.js';
import { ANCHORS } from '../../domain/rules.js';
import {
  anchorsIncomparable,
  Base,
  checkDemandsAllEvidence,
  checkNotLonger,
  DurationText,
  durationDa,
  Evidence,
  Interpretation,
  type RuleKind,
} from './common.js';

export const DeadlineRule = z
  .object({
    ...Base,
    kind: z.literal('deadline'),
    from: z.enum(ANCHORS),
    offset: DurationText.optional().describe('Shifts the anchor, e.g. birth + P3Y for age three'),
    within: DurationText,
    evidence: z.array(Evidence).min(1).describe('All must have happened by the due date'),
    countsFrom: z
      .object({ before: DurationText, interpretation: Interpretation })
      .strict()
      .optional()
      .describe(
        'Records count only from this long before the anchor + offset (e.g. P3M before the third birthday), with the reading that sets it; absent: every record counts',
      ),
  })
  .strict();
export type DeadlineRule = z.infer<typeof DeadlineRule>;

export const deadline: RuleKind<DeadlineRule> = {
  kind: 'deadline',
  schema: DeadlineRule,
  summaryDa: (rule) =>
    `inden ${durationDa(rule.within)} fra ${ANCHOR_DEFINITE_DA[rule.from]}${rule.offset ? ` + ${durationDa(rule.offset)}` : ''}`,
  compareWithLaw(rule, law) {
    const anchors = anchorsIncomparable(rule.from, law.from);
    if (anchors) return anchors;
    const looser: string[] = [];
    checkNotLonger(looser, 'its offset', rule.offset, law.offset);
    checkNotLonger(looser, 'its deadline', rule.within, law.within);
    checkDemandsAllEvidence(looser, rule.evidence, law.evidence);
    // Counting records from earlier than the law does accepts more of them.
    if (law.countsFrom !== undefined)
      if (rule.countsFrom === undefined)
        looser.push(`it counts every record, where the law counts them from ${law.countsFrom.before} before`);
      else checkNotLonger(looser, 'its records counted from before', rule.countsFrom.before, law.countsFrom.before);
    return { comparable: true, looser };
  },
  obligation: deadlineObligation,
};
