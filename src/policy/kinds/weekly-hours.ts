// Weekly hours: from anchor + startWithin, at least minHours a week of the given activity kinds,
// averaged over a window. Looser than the law: fewer hours, a later start, a longer averaging
// window, or counting an activity kind the law does not count (health, other …).
import { z } from 'zod';
import { ANCHOR_DEFINITE_DA } from '../../domain/glossary.js';
import { weeklyHoursObligation } from '../../domain/obligations.js';
import { ACTIVITY_KINDS } from '../../domain/model.js';
import { ANCHORS } from '../../domain/rules.js';
import { anchorsIncomparable, Base, checkNotLonger, DurationText, durationDa, type RuleKind } from './common.js';

export const WeeklyHoursRule = z
  .object({
    ...Base,
    kind: z.literal('weekly_hours'),
    from: z.enum(ANCHORS),
    startWithin: DurationText.describe('From the anchor to the day the hours must be reached'),
    minHours: z.number().positive(),
    kinds: z.array(z.enum(ACTIVITY_KINDS)).min(1),
    window: DurationText.describe('The hours are averaged over this window, ending on the day computed'),
  })
  .strict();
export type WeeklyHoursRule = z.infer<typeof WeeklyHoursRule>;

export const weeklyHours: RuleKind<WeeklyHoursRule> = {
  kind: 'weekly_hours',
  schema: WeeklyHoursRule,
  summaryDa: (rule) =>
    `mindst ${rule.minHours} timer/uge senest ${durationDa(rule.startWithin)} fra ${ANCHOR_DEFINITE_DA[rule.from]} (gennemsnit over ${durationDa(rule.window)})`,
  compareWithLaw(rule, law) {
    const anchors = anchorsIncomparable(rule.from, law.from);
    if (anchors) return anchors;
    const looser: string[] = [];
    if (rule.minHours < law.minHours)
      looser.push(`its ${rule.minHours} hours a week are fewer than the law's ${law.minHours}`);
    checkNotLonger(looser, 'its start', rule.startWithin, law.startWithin);
    checkNotLonger(looser, 'its averaging window', rule.window, law.window);
    const extra = rule.kinds.filter((k) => !law.kinds.includes(k));
    if (extra.length)
      looser.push(`it counts ${extra.join(', ')} activities towards the hours, which the law does not count`);
    return { comparable: true, looser };
  },
  obligation: weeklyHoursObligation,
};
