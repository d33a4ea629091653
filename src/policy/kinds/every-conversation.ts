// Every conversation: repatriation guidance recorded at every conversation of the given kinds.
// Looser than the law: leaving out a kind of conversation the law covers.
import { z } from 'zod';
import { CONVERSATION_KIND_PLURAL_DA } from '../../domain/glossary.js';
import { CONVERSATION_KINDS } from '../../domain/model.js';
import { everyConversationObligation } from '../../domain/obligations.js';
import { Base, type RuleKind } from './common.js';

export const EveryConversationRule = z
  .object({
    ...Base,
    kind: z.literal('every_conversation'),
    conversationKinds: z.array(z.enum(CONVERSATION_KINDS)).min(1).describe('Which conversations the rule covers'),
    requires: z.literal('repatriation_guidance'),
  })
  .strict();
export type EveryConversationRule = z.infer<typeof EveryConversationRule>;

export const everyConversation: RuleKind<EveryConversationRule> = {
  kind: 'every_conversation',
  schema: EveryConversationRule,
  summaryDa: (rule) =>
    `vejledning om repatriering i ${rule.conversationKinds.length >= CONVERSATION_KINDS.length ? 'alle samtaler' : rule.conversationKinds.map((k) => CONVERSATION_KIND_PLURAL_DA[k]).join(', ')}`,
  compareWithLaw(rule, law) {
    const missing = law.conversationKinds.filter((k) => !rule.conversationKinds.includes(k));
    return {
      comparable: true,
      looser: missing.length ? [`it leaves out conversations of kind ${missing.join(', ')} that the law covers`] : [],
    };
  },
  obligation: everyConversationObligation,
};
