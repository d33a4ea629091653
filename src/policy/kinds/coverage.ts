// Coverage: a target share of a population reaching an indicator (municipality-level, not per
// person). Looser than the law: a lower target; another indicator or population is not comparable.
import { z } from 'zod';
import { Base, type RuleKind } from './common.js';

export const CoverageRule = z
  .object({
    ...Base,
    kind: z.literal('coverage'),
    indicator: z.string().min(1).describe('What is measured, e.g. youth_education_completed'),
    target: z.number().min(0).max(1).describe('Share of the population, 0..1'),
    population: z.string().min(1).describe('Danish description of who is counted'),
  })
  .strict();
export type CoverageRule = z.infer<typeof CoverageRule>;

export const coverage: RuleKind<CoverageRule> = {
  kind: 'coverage',
  schema: CoverageRule,
  summaryDa: (rule) => `mål: ${Math.round(rule.target * 100)} % (${rule.population})`,
  compareWithLaw(rule, law) {
    if (rule.indicator !== law.indicator)
      return { comparable: false, reason: `it measures ${rule.indicator}, the law ${law.indicator}` };
    // The population is described in words: only the same words say that no one is left out.
    if (rule.population !== law.population)
      return {
        comparable: false,
        reason: `it counts "${rule.population}", the law "${law.population}"; a population in other words cannot be compared`,
      };
    return {
      comparable: true,
      looser: rule.target < law.target ? [`its target ${rule.target} is below the law's ${law.target}`] : [],
    };
  },
  obligation: null,
};
