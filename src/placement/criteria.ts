// The placement criteria (issue 5): for one agent and one option, whether the pair is eligible
// (and if not, why, in Danish) and the named criteria that make up its score, each measured
// (`raw`), scored 0..1 and weighted by a policy parameter. Pure; no I/O. The builders in
// instances.ts turn these into a PlacementProblem; the same functions explain a pair to the
// coordinator, so the score the engine maximises and the score the UI shows are one.
//
// A criterion that does not apply to an agent (commute for a household without a work town,
// composition for a child who is not bilingual, wishes when the family gave none, economy when
// the income is unknown) is left out of that agent's breakdown: it adds nothing to any of the
// agent's pairs.
import { formatDanishDate } from '../domain/dates.js';
import type { CriterionScore } from './explain.js';
import type {
  AdultInput,
  ChildInput,
  HouseholdInput,
  HousingUnitInput,
  InstitutionInput,
  MentorInput,
  PositionInput,
  PublicTransport,
  TownInput,
} from './inputs.js';
import { PlacementInputError } from './model.js';
import type { PlacementParameters } from '../policy/placement.js';
import {
  PLACEMENT_CRITERIA,
  PUBLIC_TRANSPORT_LEVELS,
  type PlacementCriterion,
  type PlacementDomain,
} from '../policy/schema.js';

/** One criterion of one pair, as the UI shows it. */
export interface CriterionBreakdown extends CriterionScore {
  /** what `raw` is measured in, Danish (e.g. "km", "kr./md.", "andel") */
  unit_da: string;
}

export type Weights<D extends PlacementDomain> = Record<PlacementCriterion<D>, number>;
export type WeightOverrides<D extends PlacementDomain> = Partial<Record<PlacementCriterion<D>, number>>;

// The transport levels of the policy schema are levels of the inputs (and transportScores,
// indexed by an input's level below, has every input level).
PUBLIC_TRANSPORT_LEVELS satisfies readonly PublicTransport[];

// ---- Shared ----------------------------------------------------------------------------------

const EARTH_RADIUS_KM = 6371.0088;

/** Great-circle distance between two WGS84 points (haversine), in km. */
export function haversineKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLon = (lon2 - lon1) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
}

export function townDistanceKm(a: TownInput, b: TownInput): number {
  return a.id === b.id ? 0 : haversineKm(a.latitude, a.longitude, b.latitude, b.longitude);
}

const clamp01 = (x: number) => (x <= 0 ? 0 : x >= 1 ? 1 : x);
/** 1 at 0, falling linearly to 0 at `zeroAt`. */
const linearDecay = (x: number, zeroAt: number) => clamp01(1 - x / zeroAt);

/** A what-if weight names a criterion the domain does not have: the caller's input, not a fault. */
export class UnknownCriterionError extends PlacementInputError {
  constructor(
    readonly domain: PlacementDomain,
    readonly criterion: string,
    readonly known: readonly string[],
  ) {
    super(`unknown ${domain} criterion "${criterion}"; known: ${known.join(', ')}`);
  }
}

/** The weights in force: the policy's, with the what-if overrides (each a finite number ≥ 0) on top. */
export function resolveWeights<D extends PlacementDomain>(
  domain: D,
  params: PlacementParameters,
  overrides: WeightOverrides<D> = {},
): Weights<D> {
  const codes = Object.keys(PLACEMENT_CRITERIA[domain]) as PlacementCriterion<D>[];
  const policy = params[domain].weights as Record<string, { value: number }>;
  for (const [code, w] of Object.entries<number | undefined>(overrides)) {
    if (!codes.includes(code as PlacementCriterion<D>)) throw new UnknownCriterionError(domain, code, codes);
    if (w !== undefined && !(Number.isFinite(w) && w >= 0))
      throw new PlacementInputError(`weight of ${domain} criterion "${code}" must be a finite number ≥ 0, got ${w}`);
  }
  const out = {} as Weights<D>;
  for (const code of codes) out[code] = (overrides as Record<string, number | undefined>)[code] ?? policy[code]!.value;
  return out;
}

const LABELS: Record<PlacementDomain, Record<string, string>> = PLACEMENT_CRITERIA;

function make<D extends PlacementDomain>(domain: D, weights: Weights<D>) {
  const labels = LABELS[domain];
  return (criterion: PlacementCriterion<D>, raw: number, score: number, unit_da: string): CriterionBreakdown => {
    const weight = weights[criterion];
    const s = clamp01(score);
    return { criterion, label_da: labels[criterion]!, raw, score: s, weight, contribution: weight * s, unit_da };
  };
}

export const pairValue = (criteria: readonly CriterionBreakdown[]) =>
  criteria.reduce((sum, c) => sum + c.contribution, 0);

// ---- Housing ---------------------------------------------------------------------------------

/**
 * The rooms a household ideally needs (Danish room count: the living room counts): the living
 * room, one bedroom for the adults (two adults share), one room per two children.
 */
export function idealRooms(h: Pick<HouseholdInput, 'adults' | 'children'>): number {
  return 1 + Math.ceil(h.adults / 2) + Math.ceil(h.children / 2);
}

/** Fewest rooms without overcrowding: ceil(persons / maxPersonsPerRoom), at least 1. */
export function minRooms(h: Pick<HouseholdInput, 'persons'>, params: PlacementParameters): number {
  return Math.max(1, Math.ceil(h.persons / params.housing.eligibility.maxPersonsPerRoom.value));
}

/** Most rooms before a unit is absurdly large for the household: ideal + maxExtraRooms (and never below the minimum). */
export function maxRooms(
  h: Pick<HouseholdInput, 'persons' | 'adults' | 'children'>,
  params: PlacementParameters,
): number {
  return Math.max(minRooms(h, params), idealRooms(h) + params.housing.eligibility.maxExtraRooms.value);
}

/** The households' share of income the rent takes; null when the income is unknown (0). */
export function rentShare(
  h: Pick<HouseholdInput, 'monthlyIncome'>,
  unit: Pick<HousingUnitInput, 'rent'>,
): number | null {
  return h.monthlyIncome > 0 ? unit.rent / h.monthlyIncome : null;
}

const kr = (n: number) => `${Math.round(n).toLocaleString('da-DK')} kr.`;
const pct = (x: number) => `${Math.round(x * 100)} %`;

/** Why a unit cannot be offered to a household (Danish); empty when it can. `date` is the move-in day of the round. */
export function housingIneligibility(
  h: HouseholdInput,
  unit: HousingUnitInput,
  date: string,
  params: PlacementParameters,
): string[] {
  const e = params.housing.eligibility;
  const out: string[] = [];
  if (unit.availableFrom > date) out.push(`Boligen er først ledig ${formatDanishDate(unit.availableFrom)}`);
  if (e.temporaryNeverInDeprivedArea.value && unit.tenure === 'temporary' && unit.deprivedArea)
    out.push('En midlertidig bolig må ikke ligge i et udsat boligområde');
  const min = minRooms(h, params);
  if (unit.rooms < min) out.push(`For lille: ${unit.rooms} værelser til ${h.persons} personer (mindst ${min})`);
  const max = maxRooms(h, params);
  if (unit.rooms > max) out.push(`For stor: ${unit.rooms} værelser til ${h.persons} personer (højst ${max})`);
  const share = rentShare(h, unit);
  if (share !== null && share > e.maxRentShareOfIncome.value)
    out.push(`Huslejen ${kr(unit.rent)} er ${pct(share)} af indkomsten (højst ${pct(e.maxRentShareOfIncome.value)})`);
  if (e.accessibleWhenNeeded.value && h.needsAccessible && !unit.accessible)
    out.push('Husstanden har brug for en tilgængelig bolig');
  if (e.onlyPermanentAfterTemporary.value && h.currentHousing !== 'none' && unit.tenure === 'temporary')
    out.push('Husstanden har allerede en bolig; kun permanente boliger tilbydes');
  return out;
}

const servicesMemo = new WeakMap<PlacementParameters, [forAll: string[], withChildren: string[]]>();

/** The services that count for this household: for all, plus those for families with children. */
export function relevantServices(
  h: Pick<HouseholdInput, 'children' | 'schoolChildren'>,
  params: PlacementParameters,
): readonly string[] {
  let lists = servicesMemo.get(params);
  if (!lists) {
    const s = params.housing.scoring;
    lists = [
      [...new Set(s.servicesForAll.value)],
      [...new Set([...s.servicesForAll.value, ...s.servicesWithChildren.value])],
    ];
    servicesMemo.set(params, lists);
  }
  return h.children > 0 || h.schoolChildren > 0 ? lists[1] : lists[0];
}

export function housingCriteria(
  h: HouseholdInput,
  unit: HousingUnitInput,
  town: TownInput,
  workTown: TownInput | null,
  params: PlacementParameters,
  weights: Weights<'housing'>,
  distanceKm: (a: TownInput, b: TownInput) => number = townDistanceKm,
): CriterionBreakdown[] {
  const c = make('housing', weights);
  const s = params.housing.scoring;
  const out: CriterionBreakdown[] = [];

  const level = PUBLIC_TRANSPORT_LEVELS.length - 1 - PUBLIC_TRANSPORT_LEVELS.indexOf(town.publicTransport);
  out.push(c('transport', level, s.transportScores.value[town.publicTransport], 'niveau 0–3 (begrænset – tog)'));

  const relevant = relevantServices(h, params);
  const present = relevant.filter((x) => town.services.includes(x)).length;
  if (relevant.length > 0)
    out.push(c('services', present, present / relevant.length, `af ${relevant.length} tjenester i byen`));

  const per1000 = town.population > 0 ? (town.placedHouseholds / town.population) * 1000 : Infinity;
  out.push(
    c(
      'spread',
      Number.isFinite(per1000) ? per1000 : town.placedHouseholds,
      Number.isFinite(per1000) ? linearDecay(per1000, s.spreadFullPenaltyPer1000.value) : 0,
      'placerede husstande pr. 1.000 indbyggere',
    ),
  );

  out.push(
    c(
      'small_community',
      town.population,
      town.population > 0 ? Math.min(1, s.smallCommunityPopulation.value / town.population) : 1,
      'indbyggere',
    ),
  );

  const ideal = idealRooms(h);
  const min = minRooms(h, params);
  const extra = params.housing.eligibility.maxExtraRooms.value;
  const fit =
    unit.rooms >= ideal ? 1 - (unit.rooms - ideal) / (extra + 1) : 1 - (ideal - unit.rooms) / (ideal - min + 1);
  out.push(c('family_size', unit.rooms - ideal, fit, 'værelser over (+) eller under (−) behovet'));

  const share = rentShare(h, unit);
  if (share !== null) {
    const lo = s.comfortableRentShareOfIncome.value;
    const hi = params.housing.eligibility.maxRentShareOfIncome.value;
    out.push(c('economy', share, share <= lo ? 1 : hi > lo ? 1 - (share - lo) / (hi - lo) : 0, 'andel af indkomsten'));
  }

  if (workTown) {
    const km = distanceKm(town, workTown);
    out.push(c('commute', km, linearDecay(km, s.commuteZeroScoreKm.value), 'km til arbejde/praktik'));
  }

  out.push(c('permanent', unit.tenure === 'permanent' ? 1 : 0, unit.tenure === 'permanent' ? 1 : 0, '1 = permanent'));
  out.push(c('outside_deprived_area', unit.deprivedArea ? 1 : 0, unit.deprivedArea ? 0 : 1, '1 = i udsat boligområde'));
  return out;
}

// ---- Daycare and school ----------------------------------------------------------------------

export type InstitutionKind = 'daycare' | 'school';

/** Why a child is not placed in this kind of institution at all (age), Danish; null when it is. */
export function childOutsideAgeBand(
  kind: InstitutionKind,
  child: ChildInput,
  params: PlacementParameters,
): string | null {
  const e = params[kind].eligibility;
  if (child.age < e.ageMin.value || child.age > e.ageMax.value) {
    return `${child.age} år: ${kind === 'daycare' ? 'dagtilbud' : 'skole'} er for ${e.ageMin.value}–${e.ageMax.value} år`;
  }
  return null;
}

/** Why an institution cannot be offered to a child (Danish); empty when it can. */
export function institutionIneligibility(
  kind: InstitutionKind,
  child: ChildInput,
  inst: InstitutionInput,
  distanceKm: number,
  params: PlacementParameters,
): string[] {
  const out: string[] = [];
  if (inst.kind !== kind) out.push(`${inst.name} er ikke ${kind === 'daycare' ? 'et dagtilbud' : 'en skole'}`);
  const age = childOutsideAgeBand(kind, child, params);
  if (age) out.push(age);
  const e = params[kind].eligibility;
  const wishedOrSibling = child.preferences.includes(inst.id) || child.siblingAt.includes(inst.id);
  if (distanceKm > e.maxDistanceKm.value && !wishedOrSibling)
    out.push(
      `${Math.round(distanceKm)} km fra hjemmet (højst ${e.maxDistanceKm.value} km, medmindre familien ønsker den eller en søskende går der)`,
    );
  if (
    kind === 'school' &&
    params.school.eligibility.receptionClassOnlyWhereOffered.value &&
    child.needsReceptionClass &&
    !inst.hasReceptionClass
  )
    out.push('Barnet skal i modtageklasse, og skolen har ingen');
  if (inst.capacity - inst.enrolled <= 0) out.push('Ingen ledige pladser');
  return out;
}

export function institutionCriteria(
  kind: InstitutionKind,
  child: ChildInput,
  inst: InstitutionInput,
  distanceKm: number,
  params: PlacementParameters,
  weights: Weights<'daycare'> | Weights<'school'>,
): CriterionBreakdown[] {
  const c = make(kind, weights as Weights<typeof kind>);
  const out: CriterionBreakdown[] = [];
  out.push(
    c('distance', distanceKm, linearDecay(distanceKm, params[kind].eligibility.maxDistanceKm.value), 'km fra hjemmet'),
  );
  const sibling = child.siblingAt.includes(inst.id) ? 1 : 0;
  out.push(c('sibling', sibling, sibling, '1 = søskende går der'));
  if (child.bilingual) {
    // The bilingual share the institution would have with this child.
    const after = (inst.bilingualEnrolled + 1) / (inst.enrolled + 1);
    out.push(c('composition', after, 1 - after, 'andel tosprogede efter placering'));
  }
  if (child.preferences.length > 0) {
    const rank = child.preferences.indexOf(inst.id) + 1;
    out.push(
      c('preference', rank, rank === 0 ? 0 : 1 - (rank - 1) / child.preferences.length, 'ønske nr. (0 = ikke ønsket)'),
    );
  }
  return out;
}

// ---- Internships -----------------------------------------------------------------------------

/** Why a position cannot be offered to an adult (Danish); empty when it can. */
export function internshipIneligibility(
  adult: AdultInput,
  position: PositionInput,
  distanceKm: number,
  params: PlacementParameters,
): string[] {
  const e = params.internships.eligibility;
  const out: string[] = [];
  if (e.realOpeningsOnly.value && !position.realOpening)
    out.push('Kommunens politik: kun virksomheder med en reel jobåbning');
  if (distanceKm > e.maxCommuteKm.value)
    out.push(`${Math.round(distanceKm)} km til virksomheden (højst ${e.maxCommuteKm.value} km)`);
  if (position.seats <= 0) out.push('Ingen ledige pladser');
  return out;
}

export function internshipCriteria(
  adult: AdultInput,
  position: PositionInput,
  distanceKm: number,
  params: PlacementParameters,
  weights: Weights<'internships'>,
): CriterionBreakdown[] {
  const c = make('internships', weights);
  const out: CriterionBreakdown[] = [];
  if (adult.sectors.length > 0) {
    const match = adult.sectors.includes(position.sector) ? 1 : 0;
    out.push(c('sector', match, match, '1 = branchen er blandt ønskerne'));
  }
  out.push(
    c(
      'commute',
      distanceKm,
      linearDecay(distanceKm, params.internships.eligibility.maxCommuteKm.value),
      'km til virksomheden',
    ),
  );
  const target = params.internships.scoring.targetWeeklyHours.value;
  const total = adult.plannedHours + position.hoursPerWeek;
  out.push(c('hours', total, 1 - Math.abs(total - target) / target, `timer/uge i alt (mål ${target})`));
  out.push(c('real_opening', position.realOpening ? 1 : 0, position.realOpening ? 1 : 0, '1 = reel jobåbning'));
  return out;
}

// ---- Mentors ---------------------------------------------------------------------------------

/** Who a mentor is matched with: a household (at the town it lives in) or one adult. */
export interface MenteeInput {
  kind: 'household' | 'adult';
  id: string;
  label: string;
  townId: string;
  languages: string[];
}

export function menteeFromAdult(a: AdultInput): MenteeInput {
  return { kind: 'adult', id: a.id, label: a.label, townId: a.townId, languages: a.languages };
}

/** A household as a mentee; the household record has no town of its own, so the caller gives where it lives. */
export function menteeFromHousehold(h: HouseholdInput, townId: string): MenteeInput {
  return { kind: 'household', id: h.id, label: h.label, townId, languages: h.languages };
}

const sharedLanguages = (a: readonly string[], b: readonly string[]) => {
  const mine = new Set(a.map((l) => l.toLowerCase()));
  return [...new Set(b.map((l) => l.toLowerCase()))].filter((l) => mine.has(l)).length;
};

export function mentorIneligibility(
  mentee: MenteeInput,
  mentor: MentorInput,
  distanceKm: number,
  params: PlacementParameters,
): string[] {
  const e = params.mentors.eligibility;
  const out: string[] = [];
  if (distanceKm > e.maxDistanceKm.value)
    out.push(`${Math.round(distanceKm)} km til mentoren (højst ${e.maxDistanceKm.value} km)`);
  if (e.sharedLanguageRequired.value && sharedLanguages(mentee.languages, mentor.languages) === 0)
    out.push('Intet fælles sprog');
  if (mentor.capacity <= 0) out.push('Mentoren har ikke plads til flere');
  return out;
}

export function mentorCriteria(
  mentee: MenteeInput,
  mentor: MentorInput,
  distanceKm: number,
  params: PlacementParameters,
  weights: Weights<'mentors'>,
): CriterionBreakdown[] {
  const c = make('mentors', weights);
  const shared = sharedLanguages(mentee.languages, mentor.languages);
  const target = params.mentors.scoring.targetHoursPerMonth.value;
  return [
    c('language', shared, shared > 0 ? 1 : 0, 'fælles sprog'),
    c('distance', distanceKm, linearDecay(distanceKm, params.mentors.eligibility.maxDistanceKm.value), 'km'),
    c('availability', mentor.hoursPerMonth, Math.min(1, mentor.hoursPerMonth / target), 'timer/md.'),
  ];
}
