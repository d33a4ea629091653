// Placement plans as the API shows them (issue 5, issue 10): a plan with its proposals, each
// person it shows registered on the response's Disclosure (src/services/disclosure.ts). Pure: the
// service loads the plan, its proposals with their names, and the members of the household agents
// the plan names (`agentsShown`), then presents them here.
import type { PlanKind, PlanRecord, ProposalWithNames } from '../../repositories/placement.js';
import type { Disclosure } from '../disclosure.js';

/** An agent a plan shows: a household (shown with its members) or a person. */
export type AgentRef = { kind: 'household' | 'person'; id: string };

/** The agent kind of a plan's summary entries (unplaced, excluded, named in explanations). */
const SUMMARY_AGENT_KIND: Record<PlanKind, 'household' | 'person'> = {
  housing: 'household',
  mentors: 'household',
  daycare: 'person',
  school: 'person',
  internships: 'person',
};

interface StoredTakenBy {
  agent: number;
  agentLabel: string;
  exchangeDelta: number | null;
  agentId?: string;
}
type StoredSummary = {
  unplaced?: { agentId: string; mentions?: string[] }[];
  excludedAgents?: { id: string }[];
} & Record<string, unknown>;

const takenByOf = (explanation: unknown): StoredTakenBy | undefined =>
  (explanation as { alternative?: { takenBy?: StoredTakenBy } | null } | null)?.alternative?.takenBy ?? undefined;

// A proposal names its agent's id (the repository refuses one without).
const proposalAgent = (p: ProposalWithNames): AgentRef => {
  const id = p.agentKind === 'household' ? p.householdId : p.personId;
  if (id === null) throw new RangeError(`proposal ${p.id} names no ${p.agentKind}`);
  return { kind: p.agentKind, id };
};

/**
 * Every agent a plan shows: each proposal's agent, each unplaced or excluded agent, and each agent
 * an explanation names ("… er tildelt <navn>"). The service loads the members of the households among them.
 */
export function agentsShown(plan: PlanRecord, proposals: readonly ProposalWithNames[]): AgentRef[] {
  const summary = (plan.summary ?? {}) as StoredSummary;
  const summaryKind = SUMMARY_AGENT_KIND[plan.kind];
  return [
    ...proposals.map(proposalAgent),
    ...proposals.flatMap((p) => {
      const id = takenByOf(p.explanation)?.agentId;
      return id ? [{ kind: summaryKind, id }] : [];
    }),
    ...(summary.unplaced ?? []).flatMap((u) =>
      [u.agentId, ...(u.mentions ?? [])].map((id) => ({ kind: summaryKind, id })),
    ),
    ...(summary.excludedAgents ?? []).map((x) => ({ kind: summaryKind, id: x.id })),
  ];
}

/** A proposal's option as named: the unit's address, the institution's or the mentor's name, or "company: title". */
const optionLabel = (p: ProposalWithNames): string | null =>
  p.position ? `${p.position.company}: ${p.position.title}` : p.optionName;

/**
 * A plan as shown, with every person it shows registered on `shown`: each proposal's agent, each
 * unplaced or excluded agent, and each agent an explanation names. A household agent shows its
 * members (the plan weighs the family's size, ages and economy), listed as `personIds`;
 * `members` holds them by household id.
 */
export function presentPlan(
  plan: PlanRecord,
  proposals: readonly ProposalWithNames[],
  members: ReadonlyMap<string, string[]>,
  shown: Disclosure,
) {
  const summary = (plan.summary ?? {}) as StoredSummary;
  const summaryKind = SUMMARY_AGENT_KIND[plan.kind];
  const personsFor = (kind: 'household' | 'person', id: string): string[] =>
    (kind === 'household' ? (members.get(id) ?? []) : [id]).map((personId) => shown.person(personId));
  const withPersons = <T extends object>(entry: T, kind: 'household' | 'person', id: string) => ({
    ...entry,
    personIds: personsFor(kind, id),
  });
  const explanationView = (explanation: unknown) => {
    const takenBy = takenByOf(explanation);
    if (!takenBy?.agentId) return explanation;
    const e = explanation as { alternative: object };
    return { ...e, alternative: { ...e.alternative, takenBy: withPersons(takenBy, summaryKind, takenBy.agentId) } };
  };
  return {
    id: plan.id,
    kind: plan.kind,
    date: plan.planDate,
    status: plan.status,
    version: plan.version,
    objective: plan.objective,
    bound: plan.bound,
    gap: plan.gap,
    engine: plan.engine,
    solveMs: plan.solveMs,
    parameters: plan.parameters,
    summary: {
      ...summary,
      ...(summary.unplaced
        ? {
            unplaced: summary.unplaced.map((u) => ({
              ...withPersons(u, summaryKind, u.agentId),
              ...(u.mentions ? { mentionedPersonIds: u.mentions.flatMap((id) => personsFor(summaryKind, id)) } : {}),
            })),
          }
        : {}),
      ...(summary.excludedAgents
        ? { excludedAgents: summary.excludedAgents.map((x) => withPersons(x, summaryKind, x.id)) }
        : {}),
    } as Record<string, unknown>,
    createdAt: plan.createdAt.toISOString(),
    proposals: proposals.map((p) => {
      const agent = proposalAgent(p);
      return {
        id: p.id,
        status: p.status,
        agentKind: p.agentKind,
        householdId: p.householdId,
        personId: p.personId,
        agentLabel: p.agentName ?? '',
        personIds: personsFor(agent.kind, agent.id),
        optionKind: p.optionKind,
        optionId: p.optionId,
        optionLabel: optionLabel(p),
        score: p.score,
        explanation: explanationView(p.explanation),
        decidedAt: p.decidedAt ? p.decidedAt.toISOString() : null,
      };
    }),
  };
}

export type PlanView = ReturnType<typeof presentPlan>;
