// Placement plans (issue 5): run a placement for one kind (housing, daycare, school,
// internships, mentors) on a date, store the proposals as a draft plan with their explanations,
// read plans, and accept or reject proposals whole or in part.
//
// runPlacement, top to bottom: authorize the kind → one tenant transaction → load the round's
// records → the municipality's placement parameters (law + policy) with what-if weights →
// build the problem → locks and forbids → solve (every answer checked, with bound and gap) →
// explain every placement → store the draft (older drafts of the kind are superseded) → log
// every person whose data the round used → return the plan.
//
// Who needs a home, a seat or a mentor is decided by the domain (src/domain/placement-eligibility.ts)
// from the records the repository loads and the policy's figures; a decision on proposals runs
// load (locked) → decide (src/domain/placement-plan.ts) → write what was decided → log → view
// (src/services/presenters/placement.ts).
import { can, type Action } from '../domain/authorization.js';
import { childrenNeedingSeat, householdFacts, type SeatCandidate } from '../domain/placement-eligibility.js';
import {
  acceptanceKeys,
  checkAcceptance,
  planStatus,
  selectProposals,
  type DecisionConflict,
  type OptionState,
} from '../domain/placement-plan.js';
import type { Tx } from '../db/tenant.js';
import { inTenant } from '../db/tenant.js';
import { deferredAcceptance, findBlockingPairs } from '../placement/deferred-acceptance.js';
import { explainPlacement, type Explanation } from '../placement/explain.js';
import {
  buildDaycareInstance,
  buildHousingInstance,
  buildInstitutionDeferredAcceptance,
  buildInternshipInstance,
  buildMentorInstance,
  buildSchoolInstance,
  type PlacementInstance,
} from '../placement/instances.js';
import { PlacementInputError, withLocksAndForbids, type PlacementSolution } from '../placement/model.js';
import { solvePlacement } from '../placement/solve.js';
import { placementFigures, placementParameters } from '../policy/placement.js';
import { shippedPolicies } from '../policy/load.js';
import * as repo from '../repositories/placement.js';
import type { PlanKind } from '../repositories/placement.js';
import { authorize, type Ctx } from './context.js';
import { Disclosure, logDisclosure } from './disclosure.js';
import {
  ConflictError,
  NotFoundError,
  PreconditionFailedError,
  PreconditionRequiredError,
  UnprocessableError,
  type FieldProblem,
} from './errors.js';
import { etagOf, matchesEtag } from './etag.js';
import { agentsShown, presentPlan, type AgentRef } from './presenters/placement.js';

export type { PlanKind } from '../repositories/placement.js';
export type { ConflictReason, DecisionConflict } from '../domain/placement-plan.js';

export const PLAN_KINDS = [
  'housing',
  'daycare',
  'school',
  'internships',
  'mentors',
] as const satisfies readonly PlanKind[];

const ACTION: Record<PlanKind, Action> = {
  housing: 'placement.housing',
  daycare: 'placement.daycare',
  school: 'placement.school',
  internships: 'placement.internships',
  mentors: 'placement.mentors',
};

export interface RunInput {
  kind: PlanKind;
  date: string;
  /** what-if: criterion → weight */
  weights?: Record<string, number> | undefined;
  /** what-if: keep this agent on this option */
  locks?: { agentId: string; optionId: string }[] | undefined;
  /** what-if: never this agent on this option */
  forbids?: { agentId: string; optionId: string }[] | undefined;
  /** daycare and school: 'optimise' (scores, default) or 'deferred_acceptance' (families' wishes, stable) */
  mechanism?: 'optimise' | 'deferred_acceptance' | undefined;
  timeLimitSec?: number | undefined;
}

export class PlacementConflictError extends ConflictError {
  constructor(
    detail: string,
    readonly problems: FieldProblem[],
  ) {
    super('placement.decision_conflict', detail);
  }
}

/** Runs a placement and stores it as a draft plan. */
export async function runPlacement(ctx: Ctx, municipalityCode: string, input: RunInput) {
  authorize(ctx, municipalityCode, ACTION[input.kind]);
  if (input.mechanism === 'deferred_acceptance' && input.kind !== 'daycare' && input.kind !== 'school') {
    throw new UnprocessableError(
      'placement.mechanism_not_for_kind',
      'Deferred acceptance is for daycare and school seats.',
      [{ pointer: '/mechanism', code: 'placement.mechanism_not_for_kind', detail: 'Only for daycare and school.' }],
    );
  }
  if (input.mechanism === 'deferred_acceptance' && (input.locks?.length || input.forbids?.length)) {
    throw new UnprocessableError(
      'placement.locks_with_deferred_acceptance',
      "Locks and forbidden pairs apply to the optimised plan; deferred acceptance follows the families' wishes and the priorities.",
      [
        {
          pointer: '/locks',
          code: 'placement.locks_with_deferred_acceptance',
          detail: 'Not with deferred acceptance.',
        },
      ],
    );
  }
  return inTenant(ctx.db, municipalityCode, async (tx) => {
    const params = placementParameters(shippedPolicies(), municipalityCode, input.date);
    const instance = await buildInstance(tx, input, params);
    const labelOf = agentRecords(instance);

    let solution: PlacementSolution;
    let explanations: Explanation[];
    const summary: Record<string, unknown> = {};
    if (input.mechanism === 'deferred_acceptance') {
      ({ solution, explanations } = await runDeferredAcceptance(tx, input, params, instance, summary));
    } else {
      const problem = applyWhatIf(instance, input);
      const started = performance.now();
      solution = await solvePlacement(problem, { timeLimitSec: input.timeLimitSec ?? 30 });
      if (solution.status === 'infeasible' || solution.status === 'time_limit_no_solution') {
        throw new UnprocessableError(
          'placement.infeasible',
          `No placement satisfies the constraints and the locks: ${(solution.notes ?? []).join('; ')}`,
        );
      }
      solution = { ...solution, timeMs: performance.now() - started };
      explanations = explainPlacement(problem, solution, (k) => instance.criteria(k));
    }

    const optionKind = repo.PLAN_OPTION_KIND[input.kind];
    const proposals: repo.NewProposal[] = [];
    const unplaced: { agentId: string; label: string; reason_da: string; mentions?: string[] }[] = [];
    // An explanation that names another agent ("… er tildelt <name>") keeps that agent's id, so
    // that the plan's view can register the persons it names.
    for (const e of explanations) {
      if (e.alternative?.takenBy)
        Object.assign(e.alternative.takenBy, {
          agentId: idAt(instance.agentIds, e.alternative.takenBy.agent, 'agent'),
        });
    }
    explanations.forEach((e) => {
      const agentId = idAt(instance.agentIds, e.agent, 'agent');
      if (e.option === null) {
        const mentions = e.alternative?.takenBy
          ? { mentions: [idAt(instance.agentIds, e.alternative.takenBy.agent, 'agent')] }
          : {};
        unplaced.push({ agentId, label: e.agentLabel, reason_da: e.text_da, ...mentions });
        return;
      }
      const agent = labelOf.get(agentId);
      if (!agent) throw new RangeError(`placement: agent ${agentId} is not in the instance`);
      proposals.push({
        agentKind: agent.kind,
        householdId: agent.kind === 'household' ? agentId : null,
        personId: agent.kind === 'person' ? agentId : null,
        optionKind,
        optionId: idAt(instance.optionIds, e.option, 'option'),
        score: e.value,
        explanation: {
          text_da: e.text_da,
          criteria: e.criteria,
          alternative: e.alternative,
          binding: e.binding,
          eligibleOptions: e.eligibleOptions,
        },
      });
    });
    Object.assign(summary, {
      placed: proposals.length,
      unplaced,
      notes: solution.notes ?? [],
      weights: instance.weights,
      constraintNotes: instance.constraintNotes,
      excludedAgents: instance.excludedAgents,
      excludedOptions: instance.excludedOptions.length,
    });
    const stored = await repo.insertPlan(
      tx,
      {
        municipalityCode,
        kind: input.kind,
        planDate: input.date,
        parameters: {
          weights: input.weights ?? {},
          locks: input.locks ?? [],
          forbids: input.forbids ?? [],
          mechanism: input.mechanism ?? 'optimise',
        },
        summary,
        objective: finite(solution.objective),
        bound: finite(solution.bound),
        gap: finite(solution.gap),
        engine: solution.engine,
        solveMs: Math.round(solution.timeMs),
        createdBy: ctx.actor.userId,
      },
      proposals,
    );
    await repo.supersedeDrafts(tx, input.kind, stored.plan.id);
    // The plan shows every agent of the round (placed, unplaced or excluded, and those its
    // explanations name): each of their persons gets an access-log row, through the view.
    const shown = new Disclosure();
    const plan = await planView(tx, stored.plan.id, shown);
    await logDisclosure(tx, ctx, shown, { action: 'read', resource: `placement_plan:${stored.plan.id}` });
    return { etag: etagOf(stored.plan.version), plan };
  });
}

/** A plan with its proposals (each person shown is logged). */
export async function getPlan(ctx: Ctx, municipalityCode: string, kindOrAny: PlanKind | null, planId: string) {
  authorizeAnyPlanKind(ctx, municipalityCode);
  return inTenant(ctx.db, ctx.actor.municipalityCode, async (tx) => {
    const plan = await repo.findPlan(tx, planId);
    if (!plan || (kindOrAny && plan.kind !== kindOrAny))
      throw new NotFoundError('placement_plan.not_found', 'The placement plan');
    authorize(ctx, municipalityCode, ACTION[plan.kind]);
    const shown = new Disclosure();
    const view = await planView(tx, planId, shown);
    await logDisclosure(tx, ctx, shown, { action: 'read', resource: `placement_plan:${planId}` });
    return { etag: etagOf(plan.version), plan: view };
  });
}

/** Plans, newest first, of one kind or of every kind the role may run: counts only, no personal data. */
export async function listPlans(ctx: Ctx, municipalityCode: string, kind: PlanKind | undefined) {
  const kinds = kind ? [kind] : PLAN_KINDS.filter((k) => can(ctx.actor, ACTION[k]));
  authorize(ctx, municipalityCode, ACTION[kinds[0] ?? 'housing']); // another tenant: 404; no kind allowed: 403
  const plans = (
    await inTenant(ctx.db, municipalityCode, (tx) =>
      Promise.all(kinds.map((k) => repo.listPlans(tx, { kind: k, limit: 50 }))),
    )
  )
    .flat()
    .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
  return plans.map((p) => ({
    id: p.id,
    kind: p.kind,
    date: p.planDate,
    status: p.status,
    version: p.version,
    objective: p.objective,
    bound: p.bound,
    gap: p.gap,
    engine: p.engine,
    solveMs: p.solveMs,
    createdAt: p.createdAt.toISOString(),
    proposals: p.proposals,
  }));
}

export interface DecisionInput {
  accept?: string[] | 'all' | undefined;
  reject?: string[] | 'all' | undefined;
}

/**
 * Accepts and/or rejects proposals (If-Match: the plan's ETag). Acceptance writes what it
 * means (the household moves in, the child is enrolled, …); a proposal whose unit or seat is
 * gone meanwhile makes the whole decision a 409 naming each conflict, and nothing is written.
 */
export async function decidePlan(
  ctx: Ctx,
  municipalityCode: string,
  planId: string,
  ifMatch: string | undefined,
  input: DecisionInput,
) {
  if (!input.accept && !input.reject)
    throw new UnprocessableError('placement.decision_missing', 'Name the proposals to accept or reject.', [
      { pointer: '/accept', code: 'placement.decision_missing', detail: 'Give accept and/or reject.' },
    ]);
  if (input.accept === 'all' && input.reject === 'all')
    throw new UnprocessableError('placement.decision_both', 'A proposal cannot be both accepted and rejected.', [
      { pointer: '/reject', code: 'placement.decision_both', detail: 'Both are "all".' },
    ]);
  const { accept, reject } = input;
  if (Array.isArray(accept) && Array.isArray(reject)) {
    const both = accept.filter((id) => reject.includes(id));
    if (both.length > 0)
      throw new UnprocessableError(
        'placement.decision_both',
        'A proposal cannot be both accepted and rejected.',
        both.map((id) => ({ pointer: '/reject', code: 'placement.decision_both', detail: id })),
      );
  }
  authorizeAnyPlanKind(ctx, municipalityCode);
  return inTenant(ctx.db, ctx.actor.municipalityCode, async (tx) => {
    const plan = await repo.findPlan(tx, planId, { lock: true });
    if (!plan) throw new NotFoundError('placement_plan.not_found', 'The placement plan');
    authorize(ctx, municipalityCode, ACTION[plan.kind]);
    if (ifMatch === undefined) throw new PreconditionRequiredError();
    if (!matchesEtag(ifMatch, plan.version)) throw new PreconditionFailedError(etagOf(plan.version));
    const changed: repo.ProposalRecord[] = [];
    for (const [decision, ids] of [
      ['rejected', input.reject],
      ['accepted', input.accept],
    ] as const) {
      if (!ids) continue;
      const r = await decideProposals(tx, planId, ids, decision, ctx.actor.userId);
      if (!r.ok && r.reason === 'plan_not_found')
        throw new NotFoundError('placement_plan.not_found', 'The placement plan');
      if (!r.ok) {
        throw new PlacementConflictError(
          `${r.conflicts.length} proposal(s) cannot be ${decision}; nothing was changed.`,
          r.conflicts.map((c) => ({
            pointer: `/${decision === 'accepted' ? 'accept' : 'reject'}`,
            code: `placement.conflict.${c.reason}` as const,
            detail: `${c.proposalId}: ${c.reason}: ${c.message}`,
          })),
        );
      }
      changed.push(...r.decided);
    }
    const after = await repo.findPlan(tx, planId);
    const shown = new Disclosure();
    const view = await planView(tx, planId, shown);
    // The persons whose proposals were decided are logged as changed; the rest of the plan as read.
    const decidedAgents = changed.flatMap((p): AgentRecord[] => {
      const id = p.agentKind === 'household' ? p.householdId : p.personId;
      return id === null ? [] : [{ kind: p.agentKind, id }];
    });
    const decided = new Set(await personsOf(tx, decidedAgents));
    const [changedShown, readShown] = [new Disclosure(), new Disclosure()];
    for (const [personId, resource] of shown.entries())
      (decided.has(personId) ? changedShown : readShown).person(personId, resource);
    await logDisclosure(tx, ctx, changedShown, { action: 'change', resource: `placement_plan:${planId}` });
    await logDisclosure(tx, ctx, readShown, { action: 'read', resource: `placement_plan:${planId}` });
    if (!after) throw new NotFoundError('placement_plan.not_found', 'The placement plan');
    return { etag: etagOf(after.version), plan: view };
  });
}

export type DecisionResult =
  | { ok: true; plan: repo.PlanRecord; decided: repo.ProposalRecord[] }
  | { ok: false; reason: 'plan_not_found' }
  | { ok: false; reason: 'conflict'; conflicts: DecisionConflict[] };

/**
 * Accepts or rejects proposals of a plan (`'all'`: every open one) in one go, as `userId`, inside
 * the caller's tenant transaction. Nothing is written when any of them conflicts: the conflicts
 * are returned instead (for a 409 with details). Acceptance writes what the proposal means:
 * - housing: the household moves into the unit (housing_status = the unit's tenure), the unit
 *   is let, and a unit the household leaves becomes available from the plan date;
 * - daycare / school: an enrolment from the plan date (a reception class for a child who needs
 *   one at a school that has one) and the institution's counters (enrolled, bilingual,
 *   admitted this year, admitted from a deprived area);
 * - internships: an activity of the position's kind at the company, with the position's hours,
 *   from the plan date, filling one of the position's seats;
 * - mentors: a mentorship from the plan date.
 * Then the plan's status follows its proposals (`planStatus`) and its version goes up.
 */
export async function decideProposals(
  tx: Tx,
  planId: string,
  proposalIds: readonly string[] | 'all',
  decision: 'accepted' | 'rejected',
  userId: string,
): Promise<DecisionResult> {
  const plan = await repo.findPlan(tx, planId, { lock: true });
  if (!plan) return { ok: false, reason: 'plan_not_found' };
  const { proposals, conflicts } = selectProposals(
    planId,
    proposalIds,
    await repo.lockProposals(tx, planId, proposalIds),
  );
  let effects: ReturnType<typeof checkAcceptance>['effects'] | null = null;
  if (decision === 'accepted' && proposals.length > 0) {
    const state = await loadOptionState(tx, plan, acceptanceKeys(proposals));
    const figures = placementFigures(
      placementParameters(shippedPolicies(), plan.municipalityCode, plan.planDate),
    ).eligibility;
    const check = checkAcceptance(proposals, state, plan.planDate, figures);
    conflicts.push(...check.conflicts);
    effects = check.effects;
  }
  if (conflicts.length > 0) return { ok: false, reason: 'conflict', conflicts };
  if (proposals.length === 0) return { ok: true, plan, decided: [] };
  if (effects) await repo.writeAcceptance(tx, plan, effects, userId);
  const decided = await repo.markDecided(tx, planId, proposals, decision, userId);
  const updated = await repo.setPlanStatus(tx, planId, planStatus(await repo.proposalCounts(tx, planId)));
  return { ok: true, plan: updated, decided: decided.sort((a, b) => (a.id < b.id ? -1 : 1)) };
}

/** The current state (locked) of the options and agents that accepting proposals of `plan` reads. */
function loadOptionState(tx: Tx, plan: repo.PlanRecord, keys: ReturnType<typeof acceptanceKeys>): Promise<OptionState> {
  switch (plan.kind) {
    case 'housing':
      return repo.loadHousingState(tx, keys);
    case 'daycare':
    case 'school':
      return repo.loadSeatState(tx, plan.kind, plan.planDate, keys);
    case 'internships':
      return repo.loadInternshipState(tx, plan.planDate, keys);
    case 'mentors':
      return repo.loadMentorState(tx, plan.planDate, keys);
  }
}

// ---- helpers -------------------------------------------------------------------------------

type AgentRecord = AgentRef;
type Params = ReturnType<typeof placementParameters>;

/** The children who need a seat of `kind` on `date`, by the policy's figures. */
async function seatCandidates(
  tx: Tx,
  kind: 'daycare' | 'school',
  date: string,
  params: Params,
): Promise<SeatCandidate[]> {
  return childrenNeedingSeat(
    kind,
    await repo.loadChildrenNeedingSeat(tx, kind, date),
    date,
    placementFigures(params).eligibility,
  );
}

/** The round's problem, with the agents named as a coordinator knows them (never by CPR or id). */
async function buildInstance(tx: Tx, input: RunInput, params: Params): Promise<PlacementInstance> {
  const { instance, labels } = await buildLabelledInstance(tx, input, params);
  instance.problem.agentLabels = instance.agentIds.map((id) => labels.get(id) ?? id);
  return instance;
}

async function buildLabelledInstance(
  tx: Tx,
  input: RunInput,
  params: Params,
): Promise<{ instance: PlacementInstance; labels: Map<string, string> }> {
  const named = (records: { id: string; label: string }[], instance: PlacementInstance) => ({
    instance,
    labels: new Map(records.map((r) => [r.id, r.label])),
  });
  const towns = await repo.loadTowns(tx);
  const weights = input.weights as never;
  const figures = placementFigures(params);
  switch (input.kind) {
    case 'housing': {
      const [records, units] = await Promise.all([
        repo.loadHouseholdsNeedingHousing(tx, input.date),
        repo.loadHousingUnits(tx, input.date),
      ]);
      const households = records.map((h) => householdFacts(h, input.date, figures.eligibility, figures.income));
      return named(households, buildHousingInstance({ params, households, units, towns, date: input.date, weights }));
    }
    case 'daycare':
    case 'school': {
      const [children, institutions] = await Promise.all([
        seatCandidates(tx, input.kind, input.date, params),
        repo.loadInstitutions(tx, input.kind),
      ]);
      return named(
        children,
        (input.kind === 'daycare' ? buildDaycareInstance : buildSchoolInstance)({
          params,
          children,
          institutions,
          towns,
          weights,
        }),
      );
    }
    case 'internships': {
      const [adults, positions] = await Promise.all([
        repo.loadAdultsNeedingInternship(tx, input.date),
        repo.loadPositions(tx, input.date),
      ]);
      return named(adults, buildInternshipInstance({ params, adults, positions, towns, weights }));
    }
    case 'mentors': {
      const [records, mentors] = await Promise.all([
        repo.loadMentees(tx, input.date),
        repo.loadMentors(tx, input.date),
      ]);
      const mentees = records.map((m) => {
        const facts = householdFacts(m, input.date, figures.eligibility, figures.income);
        return {
          kind: 'household' as const,
          id: m.id,
          label: facts.label,
          townId: m.townId,
          languages: facts.languages,
        };
      });
      return named(mentees, buildMentorInstance({ params, mentees, mentors, towns, weights }));
    }
  }
}

/** The record behind every agent: households for housing and mentors, persons otherwise. */
function agentRecords(instance: PlacementInstance): Map<string, AgentRecord> {
  const out = new Map<string, AgentRecord>();
  const household = instance.domain === 'housing' || instance.domain === 'mentors';
  for (const id of instance.agentIds) out.set(id, { kind: household ? 'household' : 'person', id });
  return out;
}

function applyWhatIf(instance: PlacementInstance, input: RunInput) {
  const agentIndex = new Map(instance.agentIds.map((id, i) => [id, i]));
  const optionIndex = new Map(instance.optionIds.map((id, j) => [id, j]));
  const resolve = (
    list: { agentId: string; optionId: string }[] | undefined,
    field: 'locks' | 'forbids',
  ): [number, number][] =>
    (list ?? []).map((l, at) => {
      const a = agentIndex.get(l.agentId),
        o = optionIndex.get(l.optionId);
      if (a === undefined)
        throw new UnprocessableError('placement.unknown_agent', `${field}[${at}]: ${l.agentId} is not in this round.`, [
          {
            pointer: `/${field}/${at}/agentId`,
            code: 'placement.unknown_agent',
            detail: 'Not an agent of this round.',
          },
        ]);
      if (o === undefined)
        throw new UnprocessableError(
          'placement.unknown_option',
          `${field}[${at}]: ${l.optionId} is not available in this round.`,
          [
            {
              pointer: `/${field}/${at}/optionId`,
              code: 'placement.unknown_option',
              detail: 'Not an option of this round.',
            },
          ],
        );
      return [a, o];
    });
  try {
    return withLocksAndForbids(instance.problem, resolve(input.locks, 'locks'), resolve(input.forbids, 'forbids'));
  } catch (err) {
    if (err instanceof PlacementInputError)
      throw new UnprocessableError('placement.invalid_what_if', err.message, [
        { pointer: '/locks', code: 'placement.invalid_what_if', detail: err.message },
      ]);
    throw err;
  }
}

/**
 * Daycare and school seats by child-proposing deferred acceptance: stable and strategy-proof for
 * families. Each child's result is explained by its rejections; the matching is checked for
 * blocking pairs, and institutions where two caps cross (stability cannot be promised) are named.
 */
async function runDeferredAcceptance(
  _tx: Tx,
  input: RunInput,
  params: Params,
  instance: PlacementInstance,
  summary: Record<string, unknown>,
) {
  const started = performance.now();
  // The builder needs the same records the instance was built from; it reads them again.
  const towns = await repo.loadTowns(_tx);
  const kind = input.kind as 'daycare' | 'school';
  const [children, institutions] = await Promise.all([
    seatCandidates(_tx, kind, input.date, params),
    repo.loadInstitutions(_tx, kind),
  ]);
  const build = buildInstitutionDeferredAcceptance(input.kind as 'daycare', {
    params,
    children,
    institutions,
    towns,
    weights: input.weights,
    lotterySeed: `${input.kind}:${input.date}`,
  });
  const result = deferredAcceptance(build.input);
  const blocking = findBlockingPairs(build.input, result);
  summary.deferredAcceptance = {
    rounds: result.rounds,
    proposals: result.proposals,
    blockingPairs: blocking.length,
    crossingCaps: result.crossingCaps,
    capNotes: build.capNotes,
  };
  const agentIndex = new Map(instance.agentIds.map((id, i) => [id, i]));
  const optionIndex = new Map(instance.optionIds.map((id, j) => [id, j]));
  const assignment = new Int32Array(instance.problem.agents).fill(-1);
  for (const [childId, instId] of result.assignment) {
    const i = agentIndex.get(childId),
      j = instId ? optionIndex.get(instId) : undefined;
    if (i !== undefined && j !== undefined) assignment[i] = j;
  }
  const names = new Map(institutions.map((i) => [i.id, i.name]));
  const explanations: Explanation[] = instance.agentIds.map((childId, i) => {
    const j = assignment[i] ?? -1;
    const rejections = result.rejections.get(childId) ?? [];
    const why = rejections.map(
      (r) =>
        `${names.get(r.institutionId) ?? r.institutionId}: ${r.reason.kind === 'capacity' ? 'fuld af børn med højere prioritet' : `loftet for ${r.reason.categories.join(' og ')} er nået`}`,
    );
    const label = instance.problem.agentLabels?.[i] ?? childId;
    const placed =
      j >= 0
        ? `Plads i ${names.get(idAt(instance.optionIds, j, 'option')) ?? ''} (runde ${result.placedInRound.get(childId)}).`
        : 'Ingen plads i denne runde.';
    return {
      agent: i,
      agentLabel: label,
      option: j >= 0 ? j : null,
      optionLabel: j >= 0 ? (instance.problem.optionLabels?.[j] ?? null) : null,
      value: NaN,
      criteria: null,
      alternative: null,
      binding: [],
      eligibleOptions: build.input.children.find((c) => c.id === childId)?.preferences.length ?? 0,
      text_da: `${placed}${why.length ? ` Afvist af ${why.join('; ')}.` : ''}`,
    };
  });
  const solution: PlacementSolution = {
    status: 'feasible',
    assignment,
    objective: NaN,
    bound: NaN,
    gap: NaN,
    engine: 'deferred-acceptance',
    timeMs: performance.now() - started,
    notes: blocking.length ? [`${blocking.length} blocking pair(s) where two caps cross`] : [],
  };
  // Scores are kept for comparison with the optimised plan.
  explanations.forEach((e) => {
    if (e.option === null) return;
    for (let k = 0; k < instance.problem.pairAgent.length; k++) {
      if (instance.problem.pairAgent[k] === e.agent && instance.problem.pairOption[k] === e.option) {
        e.value = instance.problem.pairValue[k] ?? NaN;
        e.criteria = instance.criteria(k);
        break;
      }
    }
  });
  return { solution, explanations };
}

/** The members of the household agents among `agents`. */
async function membersOf(tx: Tx, agents: AgentRecord[]): Promise<Map<string, string[]>> {
  const households = [...new Set(agents.filter((a) => a.kind === 'household').map((a) => a.id))];
  const out = new Map<string, string[]>();
  for (let at = 0; at < households.length; at += 500) {
    for (const r of await repo.householdMembers(tx, households.slice(at, at + 500))) {
      const list = out.get(r.household_id) ?? [];
      list.push(r.id);
      out.set(r.household_id, list);
    }
  }
  return out;
}

/** Person ids behind agents: a household's members, or the person. */
async function personsOf(tx: Tx, agents: AgentRecord[]): Promise<string[]> {
  const members = await membersOf(tx, agents);
  return [...new Set(agents.flatMap((a) => (a.kind === 'household' ? (members.get(a.id) ?? []) : [a.id])))];
}

/**
 * Before a plan is opened: the URL's municipality is the token's, and the role may read some kind
 * of plan. A plan of another municipality is never looked up (its id is not even queried).
 */
function authorizeAnyPlanKind(ctx: Ctx, municipalityCode: string): void {
  const kinds = PLAN_KINDS.filter((k) => can(ctx.actor, ACTION[k]));
  authorize(ctx, municipalityCode, ACTION[kinds[0] ?? 'housing']);
}

/** A plan as shown (src/services/presenters/placement.ts), with every person it shows registered on `shown`. */
async function planView(tx: Tx, planId: string, shown: Disclosure) {
  const plan = await repo.findPlan(tx, planId);
  if (!plan) throw new NotFoundError('placement_plan.not_found', 'The placement plan');
  const proposals = await repo.listProposals(tx, planId);
  const members = await membersOf(tx, agentsShown(plan, proposals));
  return presentPlan(plan, proposals, members, shown);
}

const finite = (x: number) => (Number.isFinite(x) ? x : null);

/** The id at an index the instance gave (an agent's or an option's): in range by construction. */
function idAt(ids: readonly string[], index: number, what: 'agent' | 'option'): string {
  const id = ids[index];
  if (id === undefined) throw new RangeError(`placement: no ${what} at index ${index}`);
  return id;
}

/** A town of the municipality as the plan's drawing shows it: no person, only the town. */
export interface PlanTown {
  id: string;
  name: string;
  population: number;
  latitude: number;
  longitude: number;
}

/**
 * The municipality's towns and the town of each option a plan proposes (a unit, an institution,
 * a position or a mentor), for the drawing of the plan: authorised like the plan, no person shown.
 * An option no longer open on the plan's date (a unit let since) has no town here.
 */
export async function planTowns(ctx: Ctx, municipalityCode: string, planId: string) {
  authorizeAnyPlanKind(ctx, municipalityCode);
  return inTenant(ctx.db, ctx.actor.municipalityCode, async (tx) => {
    const plan = await repo.findPlan(tx, planId);
    if (!plan) throw new NotFoundError('placement_plan.not_found', 'The placement plan');
    authorize(ctx, municipalityCode, ACTION[plan.kind]);
    const towns = (await repo.loadTowns(tx))
      .filter((t) => Number.isFinite(t.latitude) && Number.isFinite(t.longitude))
      .map((t): PlanTown => ({
        id: t.id,
        name: t.name,
        population: t.population,
        latitude: t.latitude,
        longitude: t.longitude,
      }));
    const options: { id: string; townId: string }[] =
      plan.kind === 'housing'
        ? await repo.loadHousingUnits(tx, plan.planDate)
        : plan.kind === 'daycare' || plan.kind === 'school'
          ? await repo.loadInstitutions(tx, plan.kind)
          : plan.kind === 'internships'
            ? await repo.loadPositions(tx, plan.planDate)
            : await repo.loadMentors(tx, plan.planDate);
    const optionTowns: Record<string, string> = {};
    for (const o of options) optionTowns[o.id] = o.townId;
    return { towns, optionTowns };
  });
}

/**
 * Before a round: how many need a place of the kind on the date and what is free, as counts (and,
 * for daycare and school, each institution's free seats). No person is shown, so nothing is logged,
 * as with listPlans.
 */
export async function placementOverview(ctx: Ctx, municipalityCode: string, kind: PlanKind, date: string) {
  authorize(ctx, municipalityCode, ACTION[kind]);
  return inTenant(ctx.db, municipalityCode, async (tx) => {
    const params = placementParameters(shippedPolicies(), municipalityCode, date);
    const instance = await buildInstance(tx, { kind, date }, params);
    return {
      kind,
      date,
      agents: instance.agentIds.length,
      agentsWithoutOptions: instance.agentsWithoutOptions.length,
      excludedAgents: instance.excludedAgents.length,
      options: instance.optionIds.length,
      excludedOptions: instance.excludedOptions.length,
      /** the institutions' free seats (daycare and school), as the round computes them */
      capacityNotes: kind === 'daycare' || kind === 'school' ? instance.constraintNotes : [],
    };
  });
}
