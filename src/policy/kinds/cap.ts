// A cap: at most a share of a category of children per daycare or school (municipality-level;
// the placement engine applies caps). Looser than the law: no share or a higher one where the law
// sets one, or a cap per calendar year where the law caps every allocation; another scope or
// category is not comparable.
import { z } from 'zod';
import { CAP_CATEGORY_PLURAL_DA, CAP_EXEMPTION_DA, ENROLMENT_KIND_IN_SENTENCE_DA } from '../../domain/glossary.js';
import { CAP_EXEMPTIONS } from '../../domain/placement-eligibility.js';
import { Base, type RuleKind } from './common.js';

export const CapRule = z
  .object({
    ...Base,
    kind: z.literal('cap'),
    scope: z.enum(['daycare', 'school']),
    category: z.enum(['bilingual', 'deprived_housing_area']),
    maxShare: z.number().min(0).max(1).optional().describe('Absent where the policy only says "counter concentration"'),
    per: z.enum(['calendar_year', 'allocation']),
    exempt: z
      .array(z.enum(CAP_EXEMPTIONS))
      .min(1)
      .optional()
      .describe(
        'Children of the category the cap does not count (dagtilbudsloven § 26 b: parents in work or education)',
      ),
  })
  .strict();
export type CapRule = z.infer<typeof CapRule>;

export const cap: RuleKind<CapRule> = {
  kind: 'cap',
  schema: CapRule,
  summaryDa: (rule) =>
    `${CAP_CATEGORY_PLURAL_DA[rule.category]} pr. ${ENROLMENT_KIND_IN_SENTENCE_DA[rule.scope]}: ${rule.maxShare !== undefined ? `højst ${Math.round(rule.maxShare * 100)} %` : 'modvirk koncentration'}${rule.exempt ? ` (${rule.exempt.map((e) => CAP_EXEMPTION_DA[e]).join(', ')} tælles ikke med)` : ''}`,
  compareWithLaw(rule, law) {
    if (rule.scope !== law.scope || rule.category !== law.category) {
      return {
        comparable: false,
        reason: `it caps ${rule.category} per ${rule.scope}, the law ${law.category} per ${law.scope}`,
      };
    }
    const looser: string[] = [];
    if (law.maxShare !== undefined) {
      if (rule.maxShare === undefined) looser.push(`it sets no share where the law caps at ${law.maxShare}`);
      else if (rule.maxShare > law.maxShare) looser.push(`its cap ${rule.maxShare} is above the law's ${law.maxShare}`);
    }
    // An exemption the law does not make counts fewer children against the cap.
    for (const e of rule.exempt ?? [])
      if (!(law.exempt ?? []).includes(e)) looser.push(`it exempts ${e}, which the law counts`);
    // Each allocation within the share keeps the year within it, not the other way round.
    if (law.per === 'allocation' && rule.per === 'calendar_year')
      looser.push('it caps per calendar year, where the law caps every allocation');
    return { comparable: true, looser };
  },
  obligation: null,
};
