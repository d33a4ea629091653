// A cadence: at least `count` conversations or follow-ups in each window of `within`, from
// anchor (+ offset), repeated back to back for `repeatFor`. Looser than the law: fewer, a later
// start (longer offset), longer windows, repetitions that end earlier, or counting evidence the
// law does not count.
import { z } from 'zod';
import { ANCHOR_DEFINITE_DA } from '../../domain/glossary.js';
import { cadenceObligation } from '../../domain/obligations.js';
import { ANCHORS } from '../../domain/rules.js';
import {
  anchorsIncomparable,
  Base,
  checkCountsNoMoreEvidence,
  checkNotLonger,
  DurationText,
  durationDa,
  durationNeverLonger,
  Evidence,
  sumDurations,
  type RuleKind,
} from './common.js';

export const CadenceRule = z
  .object({
    ...Base,
    kind: z.literal('cadence'),
    from: z.enum(ANCHORS),
    offset: DurationText.optional(),
    count: z.number().int().positive(),
    within: DurationText.describe('The window each count must be reached in'),
    repeatFor: DurationText.optional().describe(
      'Repeat the window back to back for this long (e.g. yearly for 5 years)',
    ),
    evidence: z.array(Evidence).min(1).describe('Any of these counts'),
  })
  .strict();
export type CadenceRule = z.infer<typeof CadenceRule>;

export const cadence: RuleKind<CadenceRule> = {
  kind: 'cadence',
  schema: CadenceRule,
  summaryDa: (rule) =>
    `mindst ${rule.count} pr. ${durationDa(rule.within)} fra ${ANCHOR_DEFINITE_DA[rule.from]}${rule.offset ? ` + ${durationDa(rule.offset)}` : ''}${rule.repeatFor ? ` i ${durationDa(rule.repeatFor)}` : ''}`,
  compareWithLaw(rule, law) {
    const anchors = anchorsIncomparable(rule.from, law.from);
    if (anchors) return anchors;
    const looser: string[] = [];
    if (rule.count < law.count) looser.push(`its ${rule.count} per window are fewer than the law's ${law.count}`);
    checkNotLonger(looser, 'its offset', rule.offset, law.offset);
    checkNotLonger(looser, 'its window', rule.within, law.within);
    if (law.repeatFor !== undefined) {
      // The law repeats its window: the municipal windows must run at least as long as the law's.
      if (rule.repeatFor === undefined)
        looser.push(`it is not repeated, where the law repeats it for ${law.repeatFor}`);
      else if (
        !durationNeverLonger(sumDurations(law.offset, law.repeatFor), sumDurations(rule.offset, rule.repeatFor))
      ) {
        looser.push(
          `its repetitions (${rule.offset ?? 'P0D'} + ${rule.repeatFor}) end before the law's (${law.offset ?? 'P0D'} + ${law.repeatFor})`,
        );
      }
    }
    checkCountsNoMoreEvidence(looser, rule.evidence, law.evidence);
    return { comparable: true, looser };
  },
  obligation: cadenceObligation,
};
