// Builders (issue 5): plain domain records (inputs.ts) + the municipality's placement parameters
// (src/policy/placement.ts) + optional what-if weight overrides → a PlacementProblem ('max'),
// with the criteria of every pair, the ids behind every agent and option, and a Danish note on
// how every cap was computed. One builder per domain: housing, daycare, school, internships,
// mentors; and, for daycare and school, the input of deferred acceptance. Pure; no I/O.
//
// Leaving an agent unplaced is allowed (units and seats may be scarce), but placing one more
// agent always comes first: an unplaced agent is worth −P with
//
//   P = (number of agents) × (sum of the weights) + 1.
//
// A pair is worth Σ weight × score ≤ Σ weights, so any assignment that places fewer agents than
// another loses at least P − (agents) × Σ weights ≥ 1 against it: every optimum places as many
// agents as the constraints allow, and among those it maximises the criteria. (`unplacedPenalty`
// overrides P, e.g. for a what-if "leave a family unplaced rather than in a poor unit".)
import { formatDanishDate } from '../domain/dates.js';
import { capFromShare, type DaChild, type DaInput, type DaInstitution } from './deferred-acceptance.js';
import {
  childOutsideAgeBand,
  housingCriteria,
  housingIneligibility,
  institutionCriteria,
  institutionIneligibility,
  internshipCriteria,
  internshipIneligibility,
  mentorCriteria,
  mentorIneligibility,
  pairValue,
  resolveWeights,
  townDistanceKm,
  type CriterionBreakdown,
  type InstitutionKind,
  type MenteeInput,
  type WeightOverrides,
} from './criteria.js';
import type {
  AdultInput,
  ChildInput,
  HouseholdInput,
  HousingUnitInput,
  InstitutionInput,
  MentorInput,
  PositionInput,
  TownInput,
} from './inputs.js';
import { PlacementInputError, ProblemBuilder, type PlacementProblem } from './model.js';
import type { PlacementParameters } from '../policy/placement.js';
import { PLACEMENT_CRITERIA, type PlacementDomain } from '../policy/schema.js';

export interface WeightView {
  criterion: string;
  label_da: string;
  /** the weight used */
  weight: number;
  /** the policy's weight (before a what-if override) */
  policyWeight: number;
  overridden: boolean;
  /** where the policy weight comes from: 'national' or the municipality code */
  layer: string;
  source?: { document: string; section?: string | undefined; quote: string };
  interpretation?: { text: string; by: 'municipality' | 'medborger' };
}

export interface PairExplanation {
  eligible: boolean;
  /** why not, Danish; empty when eligible */
  reasons_da: string[];
  /** the criteria the pair has (or would have, were it eligible) */
  criteria: CriterionBreakdown[];
  value: number;
}

export interface PlacementInstance {
  domain: PlacementDomain;
  municipalityCode: string;
  problem: PlacementProblem;
  /** record id of agent i (household, child, adult or mentee) */
  agentIds: string[];
  /** record id of option j (unit, institution, position, mentor) */
  optionIds: string[];
  /** the criteria of pair k (agent problem.pairAgent[k], option problem.pairOption[k]); their contributions sum to problem.pairValue[k] */
  criteria(pair: number): CriterionBreakdown[];
  /** any agent and option by record id, eligible or not, with the reasons (for "why not this one?") */
  explainPair(agentId: string, optionId: string): PairExplanation;
  weights: WeightView[];
  /** P: an unplaced agent is worth −P */
  unplacedPenalty: number;
  /** per constraint of problem.constraints (same order): how its cap was computed, Danish */
  constraintNotes: string[];
  /** records that are not agents of this problem, and why (e.g. a child outside the age band) */
  excludedAgents: { id: string; reason_da: string }[];
  /** records that are not options of this problem, and why (e.g. a unit not available by the date) */
  excludedOptions: { id: string; reason_da: string }[];
  /** agents with no eligible option at all: they stay unplaced whatever the engine does */
  agentsWithoutOptions: string[];
}

interface ConstraintSpec {
  name: string;
  kind: 'option' | 'group';
  dimension: string;
  optionIds: string[];
  cap: number;
  note_da: string;
}

interface AssembleSpec<A, O> {
  domain: PlacementDomain;
  params: PlacementParameters;
  weights: Record<string, number>;
  agents: A[];
  options: O[];
  agentId: (a: A) => string;
  optionId: (o: O) => string;
  optionLabel: (o: O) => string;
  ineligible: (a: A, o: O) => string[];
  criteria: (a: A, o: O) => CriterionBreakdown[];
  /** the agent's use per dimension (only dimensions some constraint caps are kept) */
  use: (a: A) => Record<string, number>;
  constraints: ConstraintSpec[];
  unplacedPenalty: number | undefined;
  excludedAgents: { id: string; reason_da: string }[];
  excludedOptions: { id: string; reason_da: string }[];
  /** every record by id, excluded ones too, for explainPair */
  allAgents: Map<string, A>;
  allOptions: Map<string, O>;
}

function uniqueIds<T>(what: string, items: readonly T[], id: (t: T) => string): Map<string, T> {
  const out = new Map<string, T>();
  for (const t of items) {
    if (out.has(id(t))) throw new PlacementInputError(`${what} ${id(t)} appears twice`);
    out.set(id(t), t);
  }
  return out;
}

/** The weights used beside the policy's, by criterion name (the criteria of the domain). */
function weightViews(
  domain: PlacementDomain,
  params: PlacementParameters,
  used: Readonly<Record<string, number>>,
): WeightView[] {
  const policy = params[domain].weights as Record<
    string,
    { value: number; layer: string; source?: WeightView['source']; interpretation?: WeightView['interpretation'] }
  >;
  return Object.entries(PLACEMENT_CRITERIA[domain] as Record<string, string>).map(([criterion, label_da]) => {
    const p = policy[criterion]!;
    const weight = used[criterion]!;
    return {
      criterion,
      label_da,
      weight,
      policyWeight: p.value,
      overridden: weight !== p.value,
      layer: p.layer,
      ...(p.source ? { source: p.source } : {}),
      ...(p.interpretation ? { interpretation: p.interpretation } : {}),
    };
  });
}

function assemble<A, O>(s: AssembleSpec<A, O>): PlacementInstance {
  const b = new ProblemBuilder('max');
  const agentIds = s.agents.map(s.agentId);
  const optionIds = s.options.map(s.optionId);
  for (const id of agentIds) b.agent(id);
  for (const id of optionIds) b.option(id);
  const dims = new Set(s.constraints.map((c) => c.dimension));
  const pairAgent: number[] = [];
  const pairOption: number[] = [];
  const hasOption = new Uint8Array(s.agents.length);
  s.agents.forEach((a, i) => {
    const fullUse = s.use(a);
    const use: Record<string, number> = {};
    for (const d of dims) if (fullUse[d]) use[d] = fullUse[d]!;
    s.options.forEach((o, j) => {
      if (s.ineligible(a, o).length > 0) return;
      b.pair(agentIds[i]!, optionIds[j]!, pairValue(s.criteria(a, o)), use);
      pairAgent.push(i);
      pairOption.push(j);
      hasOption[i] = 1;
    });
  });
  for (const c of s.constraints) b.capacity(c.name, c.kind, c.dimension, c.optionIds, c.cap);
  const weightSum = Object.values(s.weights).reduce((x, y) => x + y, 0);
  const penalty = s.unplacedPenalty ?? s.agents.length * weightSum + 1;
  if (!(Number.isFinite(penalty) && penalty >= 0))
    throw new PlacementInputError(`unplacedPenalty must be a finite number ≥ 0, got ${penalty}`);
  for (const id of agentIds) b.mayStayUnplaced(id, -penalty);
  const built = b.build();
  const problem: PlacementProblem = { ...built, agentLabels: agentIds, optionLabels: s.options.map(s.optionLabel) };

  const explainPair = (agentId: string, optionId: string): PairExplanation => {
    const a = s.allAgents.get(agentId);
    const o = s.allOptions.get(optionId);
    if (!a) throw new PlacementInputError(`no agent ${agentId} in this ${s.domain} round`);
    if (!o) throw new PlacementInputError(`no option ${optionId} in this ${s.domain} round`);
    const reasons_da = [
      ...s.excludedAgents.filter((x) => x.id === agentId).map((x) => x.reason_da),
      ...s.excludedOptions.filter((x) => x.id === optionId).map((x) => x.reason_da),
    ];
    for (const r of s.ineligible(a, o)) if (!reasons_da.includes(r)) reasons_da.push(r);
    const criteria = s.criteria(a, o);
    return { eligible: reasons_da.length === 0, reasons_da, criteria, value: pairValue(criteria) };
  };

  return {
    domain: s.domain,
    municipalityCode: s.params.municipalityCode,
    problem,
    agentIds,
    optionIds,
    criteria: (k: number) => {
      if (!(k >= 0 && k < pairAgent.length)) throw new PlacementInputError(`no pair ${k}`);
      return s.criteria(s.agents[pairAgent[k]!]!, s.options[pairOption[k]!]!);
    },
    explainPair,
    weights: weightViews(s.domain, s.params, s.weights),
    unplacedPenalty: penalty,
    constraintNotes: s.constraints.map((c) => c.note_da),
    excludedAgents: s.excludedAgents,
    excludedOptions: s.excludedOptions,
    agentsWithoutOptions: agentIds.filter((_, i) => hasOption[i] === 0),
  };
}

/** Town-to-town distances, computed once per pair of towns. */
function townIndex(towns: readonly TownInput[]) {
  const byId = uniqueIds('town', towns, (t) => t.id);
  const memo = new Map<string, number>();
  const town = (id: string, whose: string): TownInput => {
    const t = byId.get(id);
    if (!t) throw new PlacementInputError(`${whose} names town ${id}, which is not among the towns given`);
    return t;
  };
  const distance = (a: TownInput, b: TownInput): number => {
    const key = a.id < b.id ? `${a.id}\u0000${b.id}` : `${b.id}\u0000${a.id}`;
    let d = memo.get(key);
    if (d === undefined) {
      d = townDistanceKm(a, b);
      memo.set(key, d);
    }
    return d;
  };
  return { town, distance };
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

// ---- Housing ---------------------------------------------------------------------------------

export interface HousingInstanceInput {
  params: PlacementParameters;
  households: HouseholdInput[];
  units: HousingUnitInput[];
  towns: TownInput[];
  /** the move-in day of the round: a unit must be available by then */
  date: string;
  weights?: WeightOverrides<'housing'>;
  unplacedPenalty?: number;
}

/**
 * Households × available housing units. Caps: one household per unit ("count"); per town, the
 * households of the round (max(1, ⌈share × households⌉) and/or ⌊rate × population / 1000⌋ −
 * already placed), the persons of the round (max(largest household, ⌈share × persons⌉)), large
 * families and single parents ("persons", "large_families", "single_parents", as in Annie
 * MOORE), each only where the municipality's parameters set it and it can bind.
 */
export function buildHousingInstance(input: HousingInstanceInput): PlacementInstance {
  const { params, date } = input;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new PlacementInputError(`date must be YYYY-MM-DD, got ${date}`);
  const weights = resolveWeights('housing', params, input.weights);
  const { town, distance } = townIndex(input.towns);
  const allHouseholds = uniqueIds('household', input.households, (h) => h.id);
  const allUnits = uniqueIds('housing unit', input.units, (u) => u.id);
  for (const h of input.households) if (h.workTownId !== null) town(h.workTownId, `household ${h.id}`);
  for (const u of input.units) town(u.townId, `housing unit ${u.id}`);

  const excludedOptions: { id: string; reason_da: string }[] = [];
  const units = input.units.filter((u) => {
    const reasons: string[] = [];
    if (u.availableFrom > date) reasons.push(`Boligen er først ledig ${formatDanishDate(u.availableFrom)}`);
    if (params.housing.eligibility.temporaryNeverInDeprivedArea.value && u.tenure === 'temporary' && u.deprivedArea)
      reasons.push('En midlertidig bolig må ikke ligge i et udsat boligområde');
    for (const r of reasons) excludedOptions.push({ id: u.id, reason_da: r });
    return reasons.length === 0;
  });

  const caps = params.housing.caps;
  const largeMin = caps.largeFamilyMinPersons.value;
  const isLarge = (h: HouseholdInput) => h.persons >= largeMin;
  const roundHouseholds = input.households.length;
  const roundPersons = input.households.reduce((s, h) => s + h.persons, 0);
  const largest = input.households.reduce((m, h) => Math.max(m, h.persons), 0);
  const largeCount = input.households.filter(isLarge).length;
  const singleParentCount = input.households.filter((h) => h.singleParent).length;

  const constraints: ConstraintSpec[] = units.map((u) => ({
    name: `bolig:${u.address}`,
    kind: 'option',
    dimension: 'count',
    optionIds: [u.id],
    cap: 1,
    note_da: `Én husstand i ${u.address}`,
  }));
  const unitsByTown = new Map<string, HousingUnitInput[]>();
  for (const u of units) unitsByTown.set(u.townId, [...(unitsByTown.get(u.townId) ?? []), u]);
  for (const [townId, inTown] of unitsByTown) {
    const t = town(townId, 'unit');
    const ids = inTown.map((u) => u.id);
    const households: { cap: number; why: string }[] = [];
    if (caps.maxRoundShareOfHouseholdsPerTown) {
      const share = caps.maxRoundShareOfHouseholdsPerTown.value;
      const cap = Math.max(1, Math.ceil(share * roundHouseholds - 1e-9));
      households.push({
        cap,
        why: `højst ${Math.round(share * 100)} % af rundens ${roundHouseholds} husstande pr. by, mindst 1: ${cap}`,
      });
    }
    if (caps.maxHouseholdsPer1000Residents) {
      const rate = caps.maxHouseholdsPer1000Residents.value;
      const total = Math.floor((rate * t.population) / 1000 + 1e-9);
      const cap = Math.max(0, total - t.placedHouseholds);
      households.push({
        cap,
        why: `højst ${rate} husstande pr. 1.000 indbyggere: ${total} i alt for ${t.population.toLocaleString('da-DK')} indbyggere, ${t.placedHouseholds} placeret før, ${cap} tilbage`,
      });
    }
    if (households.length > 0) {
      const tightest = households.reduce((a, b) => (b.cap < a.cap ? b : a));
      if (tightest.cap < Math.min(inTown.length, roundHouseholds)) {
        constraints.push({
          name: `by:${t.name} husstande`,
          kind: 'group',
          dimension: 'count',
          optionIds: ids,
          cap: tightest.cap,
          note_da: `${t.name}: ${tightest.why}`,
        });
      }
    }
    if (caps.maxRoundShareOfPersonsPerTown) {
      const share = caps.maxRoundShareOfPersonsPerTown.value;
      const cap = Math.max(largest, Math.ceil(share * roundPersons - 1e-9));
      if (cap < roundPersons) {
        constraints.push({
          name: `by:${t.name} personer`,
          kind: 'group',
          dimension: 'persons',
          optionIds: ids,
          cap,
          note_da: `${t.name}: højst ${Math.round(share * 100)} % af rundens ${roundPersons} personer, mindst den største husstand (${largest}): ${cap}`,
        });
      }
    }
    if (caps.maxLargeFamiliesPerTown) {
      const cap = caps.maxLargeFamiliesPerTown.value;
      if (cap < Math.min(largeCount, inTown.length)) {
        constraints.push({
          name: `by:${t.name} store familier`,
          kind: 'group',
          dimension: 'large_families',
          optionIds: ids,
          cap,
          note_da: `${t.name}: højst ${plural(cap, 'stor familie', 'store familier')} (${largeMin}+ personer) fra denne runde`,
        });
      }
    }
    if (caps.maxSingleParentsPerTown) {
      const cap = caps.maxSingleParentsPerTown.value;
      if (cap < Math.min(singleParentCount, inTown.length)) {
        constraints.push({
          name: `by:${t.name} enlige forsørgere`,
          kind: 'group',
          dimension: 'single_parents',
          optionIds: ids,
          cap,
          note_da: `${t.name}: højst ${plural(cap, 'enlig forsørger', 'enlige forsørgere')} fra denne runde`,
        });
      }
    }
  }

  const criteria = (h: HouseholdInput, u: HousingUnitInput) =>
    housingCriteria(
      h,
      u,
      town(u.townId, 'unit'),
      h.workTownId === null ? null : town(h.workTownId, 'household'),
      params,
      weights,
      distance,
    );
  return assemble({
    domain: 'housing',
    params,
    weights,
    agents: input.households,
    options: units,
    agentId: (h) => h.id,
    optionId: (u) => u.id,
    optionLabel: (u) => u.address,
    ineligible: (h, u) => housingIneligibility(h, u, date, params),
    criteria,
    use: (h) => ({
      count: 1,
      persons: h.persons,
      large_families: isLarge(h) ? 1 : 0,
      single_parents: h.singleParent ? 1 : 0,
    }),
    constraints,
    unplacedPenalty: input.unplacedPenalty,
    excludedAgents: [],
    excludedOptions,
    allAgents: allHouseholds,
    allOptions: allUnits,
  });
}

// ---- Daycare and school ----------------------------------------------------------------------

export interface InstitutionInstanceInput {
  params: PlacementParameters;
  children: ChildInput[];
  /** institutions of the other kind are ignored */
  institutions: InstitutionInput[];
  towns: TownInput[];
  weights?: WeightOverrides<'daycare'> | WeightOverrides<'school'>;
  unplacedPenalty?: number;
}

interface InstitutionCap {
  category: 'bilingual' | 'deprived';
  cap: number;
  note_da: string;
}

/**
 * The category caps of one institution this round, from the parameters and its composition.
 * Both hold whatever else the round brings ("worst case" of capFromShare: only children of the
 * category are admitted), so a cap is never broken by children who do not come:
 *
 *   bilingual (daycare and school): (bilingualEnrolled + k) / (enrolled + k) ≤ share
 *     → k ≤ (share × enrolled − bilingualEnrolled) / (1 − share)
 *   deprived (daycare, dagtilbudsloven § 26 a, per calendar year):
 *     (fromDeprivedThisYear + k) / (admittedThisYear + k) ≤ share
 *     → k ≤ (share × admittedThisYear − fromDeprivedThisYear) / (1 − share)
 *
 * rounded down, between 0 and the free seats. Strict by design: at the start of a year (no
 * admissions yet) no child from a deprived area can be admitted until others have been.
 */
export function institutionCaps(
  kind: InstitutionKind,
  inst: InstitutionInput,
  params: PlacementParameters,
): InstitutionCap[] {
  const free = Math.max(0, inst.capacity - inst.enrolled);
  const out: InstitutionCap[] = [];
  const cap = (what: string, share: number, already: number, ofCategory: number) => {
    try {
      return capFromShare({
        share,
        alreadyAdmitted: already,
        alreadyAdmittedOfCategory: ofCategory,
        newSeats: free,
        assume: 'worstCase',
      });
    } catch (err) {
      throw new PlacementInputError(`${inst.name} (${inst.id}): ${what}: ${(err as Error).message}`);
    }
  };
  const bilingual = params[kind].caps.bilingualMaxShare;
  if (bilingual) {
    const share = bilingual.value;
    const k = cap('bilingual composition', share, inst.enrolled, inst.bilingualEnrolled);
    out.push({
      category: 'bilingual',
      cap: k,
      note_da: `${inst.name}: højst ${Math.round(share * 100)} % tosprogede efter placering; ${inst.bilingualEnrolled} af ${inst.enrolled} nu → højst ${plural(k, 'tosproget barn', 'tosprogede børn')} mere`,
    });
  }
  const deprived = kind === 'daycare' ? params.daycare.caps.deprivedAreaMaxShare : undefined;
  if (deprived) {
    const share = deprived.value;
    const k = cap('deprived-area admissions', share, inst.admittedThisYear, inst.admittedFromDeprivedThisYear);
    out.push({
      category: 'deprived',
      cap: k,
      note_da: `${inst.name}: højst ${Math.round(share * 100)} % af årets optagne fra udsatte boligområder; ${inst.admittedFromDeprivedThisYear} af ${inst.admittedThisYear} i år → højst ${plural(k, 'barn', 'børn')} mere derfra`,
    });
  }
  return out;
}

function childCategories(kind: InstitutionKind, c: ChildInput): Set<'bilingual' | 'deprived'> {
  const out = new Set<'bilingual' | 'deprived'>();
  if (c.bilingual) out.add('bilingual');
  if (kind === 'daycare' && c.countsInDeprivedAreaCap) out.add('deprived');
  return out;
}

function prepareInstitutions(kind: InstitutionKind, input: InstitutionInstanceInput) {
  const { params } = input;
  const weights = resolveWeights(kind, params, input.weights as WeightOverrides<typeof kind>);
  const { town, distance } = townIndex(input.towns);
  const allChildren = uniqueIds('child', input.children, (c) => c.id);
  const ofKind = input.institutions.filter((i) => i.kind === kind);
  const allInstitutions = uniqueIds('institution', ofKind, (i) => i.id);
  for (const c of input.children) town(c.townId, `child ${c.id}`);
  for (const i of ofKind) town(i.townId, `institution ${i.id}`);

  const excludedAgents: { id: string; reason_da: string }[] = [];
  const children = input.children.filter((c) => {
    const why = childOutsideAgeBand(kind, c, params);
    if (why) excludedAgents.push({ id: c.id, reason_da: why });
    return !why;
  });
  const excludedOptions: { id: string; reason_da: string }[] = [];
  const institutions = ofKind.filter((i) => {
    if (i.capacity - i.enrolled > 0) return true;
    excludedOptions.push({ id: i.id, reason_da: `${i.name}: ingen ledige pladser (${i.enrolled} af ${i.capacity})` });
    return false;
  });
  const km = (c: ChildInput, i: InstitutionInput) => distance(town(c.townId, 'child'), town(i.townId, 'institution'));
  const ineligible = (c: ChildInput, i: InstitutionInput) => institutionIneligibility(kind, c, i, km(c, i), params);
  const criteria = (c: ChildInput, i: InstitutionInput) => institutionCriteria(kind, c, i, km(c, i), params, weights);
  return {
    params,
    weights,
    children,
    institutions,
    excludedAgents,
    excludedOptions,
    allChildren,
    allInstitutions,
    km,
    ineligible,
    criteria,
  };
}

function buildInstitutionInstance(kind: InstitutionKind, input: InstitutionInstanceInput): PlacementInstance {
  const x = prepareInstitutions(kind, input);
  const word = kind === 'daycare' ? 'dagtilbud' : 'skole';
  const constraints: ConstraintSpec[] = [];
  for (const i of x.institutions) {
    const free = i.capacity - i.enrolled;
    constraints.push({
      name: `${word}:${i.name} pladser`,
      kind: 'option',
      dimension: 'count',
      optionIds: [i.id],
      cap: free,
      note_da: `${i.name}: ${free} ledige pladser (${i.enrolled} af ${i.capacity} optaget)`,
    });
    for (const c of institutionCaps(kind, i, x.params)) {
      const candidates = x.children.filter(
        (ch) => childCategories(kind, ch).has(c.category) && x.ineligible(ch, i).length === 0,
      ).length;
      if (c.cap < Math.min(free, candidates)) {
        constraints.push({
          name: `${word}:${i.name} ${c.category === 'bilingual' ? 'tosprogede' : 'udsatte boligområder'}`,
          kind: 'group',
          dimension: c.category,
          optionIds: [i.id],
          cap: c.cap,
          note_da: c.note_da,
        });
      }
    }
  }
  return assemble({
    domain: kind,
    params: x.params,
    weights: x.weights,
    agents: x.children,
    options: x.institutions,
    agentId: (c) => c.id,
    optionId: (i) => i.id,
    optionLabel: (i) => i.name,
    ineligible: x.ineligible,
    criteria: x.criteria,
    use: (c) => {
      const cats = childCategories(kind, c);
      return { count: 1, bilingual: cats.has('bilingual') ? 1 : 0, deprived: cats.has('deprived') ? 1 : 0 };
    },
    constraints,
    unplacedPenalty: input.unplacedPenalty,
    excludedAgents: x.excludedAgents,
    excludedOptions: x.excludedOptions,
    allAgents: x.allChildren,
    allOptions: x.allInstitutions,
  });
}

/**
 * Children of daycare age × daycares with free seats. Caps: free seats ("count"); bilingual
 * share after placement where the parameters set one ("bilingual"); children from deprived
 * housing areas at most the legal share of the year's admissions ("deprived"); see institutionCaps.
 */
export function buildDaycareInstance(input: InstitutionInstanceInput): PlacementInstance {
  return buildInstitutionInstance('daycare', input);
}

/** Children of school age × schools with free seats; a child who needs a reception class only where there is one. */
export function buildSchoolInstance(input: InstitutionInstanceInput): PlacementInstance {
  return buildInstitutionInstance('school', input);
}

export interface DeferredAcceptanceBuild {
  input: DaInput;
  excludedAgents: { id: string; reason_da: string }[];
  excludedOptions: { id: string; reason_da: string }[];
  /** per institution and category, how the cap was computed, Danish */
  capNotes: string[];
}

/**
 * The same round as input to deferred acceptance (src/placement/deferred-acceptance.ts). Each
 * child proposes to the eligible institutions the family wished, in their order; with
 * `completePreferences` (default true) then to the other eligible institutions, best pair score
 * first, so that a family that wished little is not left out. An institution ranks its
 * proposers by sibling and distance (weight × score of those two criteria, the institution's
 * side of the match); ties go to the lower lottery number, drawn from `lotterySeed` and the
 * child id (reproducible). Categories and caps are those of institutionCaps.
 */
export function buildInstitutionDeferredAcceptance(
  kind: InstitutionKind,
  input: InstitutionInstanceInput & { lotterySeed?: string; completePreferences?: boolean },
): DeferredAcceptanceBuild {
  const x = prepareInstitutions(kind, input);
  const seed = input.lotterySeed ?? '';
  const complete = input.completePreferences ?? true;
  const capsOf = new Map(x.institutions.map((i) => [i.id, institutionCaps(kind, i, x.params)]));
  const capped = new Set([...capsOf.values()].flat().map((c) => c.category));
  const priority = new Map<string, Record<string, number>>(x.institutions.map((i) => [i.id, {}]));

  const children: DaChild[] = x.children.map((c) => {
    const eligible = x.institutions.filter((i) => x.ineligible(c, i).length === 0);
    const wished = c.preferences.flatMap((id) => eligible.filter((i) => i.id === id));
    const rest = complete
      ? eligible
          .filter((i) => !c.preferences.includes(i.id))
          .map((i) => ({ i, v: pairValue(x.criteria(c, i)) }))
          .sort((a, b) => b.v - a.v || (a.i.id < b.i.id ? -1 : 1))
          .map((e) => e.i)
      : [];
    const list = [...wished, ...rest];
    for (const i of list) {
      const side = x.criteria(c, i).filter((k) => k.criterion === 'sibling' || k.criterion === 'distance');
      priority.get(i.id)![c.id] = pairValue(side);
    }
    return {
      id: c.id,
      preferences: list.map((i) => i.id),
      categories: [...childCategories(kind, c)].filter((cat) => capped.has(cat)),
      lottery: lottery(seed, c.id),
    };
  });
  const institutions: DaInstitution[] = x.institutions.map((i) => {
    const caps = capsOf.get(i.id)!;
    return {
      id: i.id,
      capacity: i.capacity - i.enrolled,
      score: priority.get(i.id)!,
      ...(caps.length > 0 ? { caps: Object.fromEntries(caps.map((c) => [c.category, c.cap])) } : {}),
    };
  });
  return {
    input: { children, institutions },
    excludedAgents: x.excludedAgents,
    excludedOptions: x.excludedOptions,
    capNotes: [...capsOf.values()].flat().map((c) => c.note_da),
  };
}

/** A reproducible lottery number in [0, 2^32) from a seed and a child id (FNV-1a). */
function lottery(seed: string, id: string): number {
  let h = 0x811c9dc5;
  for (const ch of `${seed}\u0000${id}`) {
    h ^= ch.codePointAt(0)!;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

// ---- Internships -----------------------------------------------------------------------------

export interface InternshipInstanceInput {
  params: PlacementParameters;
  adults: AdultInput[];
  positions: PositionInput[];
  towns: TownInput[];
  weights?: WeightOverrides<'internships'>;
  unplacedPenalty?: number;
}

/**
 * Adults × positions with seats. Where the municipality's policy asks for real job openings
 * only (Frederikshavn), other positions are not options; elsewhere a real opening is a criterion.
 */
export function buildInternshipInstance(input: InternshipInstanceInput): PlacementInstance {
  const { params } = input;
  const weights = resolveWeights('internships', params, input.weights);
  const { town, distance } = townIndex(input.towns);
  const allAdults = uniqueIds('adult', input.adults, (a) => a.id);
  const allPositions = uniqueIds('position', input.positions, (p) => p.id);
  for (const a of input.adults) town(a.townId, `adult ${a.id}`);
  for (const p of input.positions) town(p.townId, `position ${p.id}`);
  const excludedOptions: { id: string; reason_da: string }[] = [];
  const positions = input.positions.filter((p) => {
    const reasons: string[] = [];
    if (p.seats <= 0) reasons.push(`${p.companyName}: ingen ledige pladser`);
    if (params.internships.eligibility.realOpeningsOnly.value && !p.realOpening)
      reasons.push(`${p.companyName}: kommunens politik kræver en reel jobåbning`);
    for (const r of reasons) excludedOptions.push({ id: p.id, reason_da: r });
    return reasons.length === 0;
  });
  const km = (a: AdultInput, p: PositionInput) => distance(town(a.townId, 'adult'), town(p.townId, 'position'));
  const constraints: ConstraintSpec[] = positions.map((p) => ({
    name: `stilling:${p.companyName} ${p.sector}`,
    kind: 'option',
    dimension: 'count',
    optionIds: [p.id],
    cap: p.seats,
    note_da: `${p.companyName}: ${plural(p.seats, 'plads', 'pladser')}`,
  }));
  return assemble({
    domain: 'internships',
    params,
    weights,
    agents: input.adults,
    options: positions,
    agentId: (a) => a.id,
    optionId: (p) => p.id,
    optionLabel: (p) => `${p.companyName} (${p.sector})`,
    ineligible: (a, p) => internshipIneligibility(a, p, km(a, p), params),
    criteria: (a, p) => internshipCriteria(a, p, km(a, p), params, weights),
    use: () => ({ count: 1 }),
    constraints,
    unplacedPenalty: input.unplacedPenalty,
    excludedAgents: [],
    excludedOptions,
    allAgents: allAdults,
    allOptions: allPositions,
  });
}

// ---- Mentors ---------------------------------------------------------------------------------

export interface MentorInstanceInput {
  params: PlacementParameters;
  /** households (menteeFromHousehold) or adults (menteeFromAdult) */
  mentees: MenteeInput[];
  mentors: MentorInput[];
  towns: TownInput[];
  weights?: WeightOverrides<'mentors'>;
  unplacedPenalty?: number;
}

/** Households or adults × mentors with room; capacity = how many the mentor can take. */
export function buildMentorInstance(input: MentorInstanceInput): PlacementInstance {
  const { params } = input;
  const weights = resolveWeights('mentors', params, input.weights);
  const { town, distance } = townIndex(input.towns);
  const allMentees = uniqueIds('mentee', input.mentees, (m) => m.id);
  const allMentors = uniqueIds('mentor', input.mentors, (m) => m.id);
  for (const m of input.mentees) town(m.townId, `mentee ${m.id}`);
  for (const m of input.mentors) town(m.townId, `mentor ${m.id}`);
  const excludedOptions: { id: string; reason_da: string }[] = [];
  const mentors = input.mentors.filter((m) => {
    if (m.capacity > 0) return true;
    excludedOptions.push({ id: m.id, reason_da: `${m.label}: har ikke plads til flere` });
    return false;
  });
  const km = (e: MenteeInput, m: MentorInput) => distance(town(e.townId, 'mentee'), town(m.townId, 'mentor'));
  const constraints: ConstraintSpec[] = mentors.map((m) => ({
    name: `mentor:${m.label}`,
    kind: 'option',
    dimension: 'count',
    optionIds: [m.id],
    cap: m.capacity,
    note_da: `${m.label}: kan tage ${m.capacity}`,
  }));
  return assemble({
    domain: 'mentors',
    params,
    weights,
    agents: input.mentees,
    options: mentors,
    agentId: (e) => e.id,
    optionId: (m) => m.id,
    optionLabel: (m) => m.label,
    ineligible: (e, m) => mentorIneligibility(e, m, km(e, m), params),
    criteria: (e, m) => mentorCriteria(e, m, km(e, m), params, weights),
    use: () => ({ count: 1 }),
    constraints,
    unplacedPenalty: input.unplacedPenalty,
    excludedAgents: [],
    excludedOptions,
    allAgents: allMentees,
    allOptions: allMentors,
  });
}
