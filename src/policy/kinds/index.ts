// The registry of rule kinds: one module per kind, each with its schema, its one-line Danish
// summary, how it compares with the legal rule it tightens, and (for the kinds evaluated per
// person) its evaluation and due date. The registry is typed over every name in
// RULE_KIND_NAMES, so a kind without a module, or a module without one of its parts, does not
// compile; a rule whose kind is not here is refused by the loader and never reaches the engine.
import { z } from 'zod';
import { bindObligation, type ObligationKind, type PersonEvaluation } from '../../domain/obligations.js';
import { RULE_KIND_NAMES, type RuleKindName } from '../../domain/rules.js';
import { cadence, CadenceRule } from './cadence.js';
import { cap, CapRule } from './cap.js';
import type { LawComparison, RuleKind } from './common.js';
import { coverage, CoverageRule } from './coverage.js';
import { deadline, DeadlineRule } from './deadline.js';
import { everyConversation, EveryConversationRule } from './every-conversation.js';
import { governance, GovernanceRule } from './governance.js';
import { presence, PresenceRule } from './presence.js';
import { weeklyHours, WeeklyHoursRule } from './weekly-hours.js';

export const Rule = z.discriminatedUnion('kind', [
  DeadlineRule,
  WeeklyHoursRule,
  PresenceRule,
  EveryConversationRule,
  CadenceRule,
  CoverageRule,
  CapRule,
  GovernanceRule,
]);
export type Rule = z.infer<typeof Rule>;
export type RuleOfKind<K extends RuleKindName> = Extract<Rule, { kind: K }>;

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** The schema's kinds are exactly the kinds the domain names (a compile-time check). */
const _schemaNamesEveryKind: Same<Rule['kind'], RuleKindName> = true;

export const RULE_KINDS: { readonly [K in RuleKindName]: RuleKind<RuleOfKind<K>> } = {
  deadline,
  weekly_hours: weeklyHours,
  presence,
  every_conversation: everyConversation,
  cadence,
  coverage,
  cap,
  governance,
};

/** A kind's parts for a rule of any kind (the registry entry is the one of the rule's own kind). */
interface AnyRuleKind {
  kind: RuleKindName;
  summaryDa: (rule: Rule) => string;
  compareWithLaw: (rule: Rule, law: Rule) => LawComparison;
  obligation: ObligationKind<Rule> | null;
}

export function isRuleKindName(name: unknown): name is RuleKindName {
  return typeof name === 'string' && (RULE_KIND_NAMES as readonly string[]).includes(name);
}

/**
 * The registry entry of a rule's kind. Rules come from the schema, which knows only registered
 * kinds; a rule built some other way with an unknown kind is an error, never a silent default.
 */
export function kindOf(rule: { id: string; kind: string }): AnyRuleKind {
  if (!isRuleKindName(rule.kind))
    throw new RangeError(
      `rule ${rule.id} has the kind "${rule.kind}", which Medborger does not know (the kinds are ${RULE_KIND_NAMES.join(', ')})`,
    );
  // The entry is looked up by the rule's own kind, so it accepts this rule.
  return RULE_KINDS[rule.kind] as unknown as AnyRuleKind;
}

/** The rule's parameters in one line of Danish. */
export function ruleSummaryDa(rule: Rule): string {
  return kindOf(rule).summaryDa(rule);
}

/** A municipal rule against a legal rule it names in `tightens`. */
export function compareWithLaw(rule: Rule, law: Rule): LawComparison {
  if (rule.kind !== law.kind) {
    return {
      comparable: false,
      reason: `it is a ${rule.kind} rule and ${law.id} a ${law.kind} rule; a rule can only tighten a legal rule of its own kind`,
    };
  }
  return kindOf(rule).compareWithLaw(rule, law);
}

/** The rule bound to its kind's evaluation for one person; null for a municipality-level kind. */
export function personEvaluation(rule: Rule): PersonEvaluation | null {
  const { obligation } = kindOf(rule);
  return obligation ? bindObligation(obligation, rule) : null;
}

export type { LawComparison, RuleKind } from './common.js';
