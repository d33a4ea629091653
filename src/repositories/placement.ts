// The placement engine's data (issue 5): the inputs the builders read (src/placement/inputs.ts),
// filled from the tenant's tables, and draft plans with their proposals, which a coordinator
// accepts whole or in part. Queries only, always inside a tenant transaction (RLS applies).
// Nothing here decides who should be placed where; the loaders say who has what, and
// `decideProposals` writes what a coordinator accepted, refusing (as conflicts, not errors)
// what can no longer be done: a unit already let, a full institution, position or mentor.
//
// Windows the loaders use (all parameters with these defaults):
// - housing units count as available when their status is 'available' and they are free within
//   30 days of the plan date (`horizonDays`);
// - agents are households and persons taken over by the plan date or within 60 days after it
//   (`arrivingWithinDays`: the municipality plans for announced arrivals);
// - adults needing a company-based offer are within the 5 years a program can last
//   (`programYears`); mentees are households taken over within the last 2 years
//   (`takenOverWithinDays`).
//
// Where a household has no housing unit yet, its town is unknown; children, adults and mentees
// are then placed relative to the municipality's largest town (where the language school and
// the job centre are), and a town without coordinates gets NaN for both (unknown).
import { sql, type RawBuilder, type Selectable } from 'kysely';
import type { PlacementPlansTable, PlacementProposalsTable, PlanKind, PlanStatus, AgentKind, OptionKind } from '../db/schema.js';
import type { Tx } from '../db/tenant.js';
import { addDays, ageOn, daysBetween } from '../domain/dates.js';
import { isBilingual } from '../domain/model.js';
import type {
  AdultInput, ChildInput, HouseholdInput, HousingUnitInput, InstitutionInput, MentorInput, PositionInput, PublicTransport, TownInput,
} from '../placement/inputs.js';

export type { PlanKind, PlanStatus, AgentKind, OptionKind } from '../db/schema.js';

/** Activity kinds that fill a company-based offer (a position's seat). */
export const COMPANY_OFFER_KINDS = ['company_internship', 'wage_subsidy', 'igu', 'ordinary_job'] as const;

/** The option each plan kind places agents in. */
export const PLAN_OPTION_KIND: Readonly<Record<PlanKind, OptionKind>> = {
  housing: 'housing_unit', daycare: 'institution', school: 'institution', internships: 'position', mentors: 'mentor',
};

/** The agents each plan kind places: households, persons (children, adults) or either (mentors). */
export const PLAN_AGENT_KINDS: Readonly<Record<PlanKind, readonly AgentKind[]>> = {
  housing: ['household'], daycare: ['person'], school: ['person'], internships: ['person'], mentors: ['household', 'person'],
};

const DEFAULT_HORIZON_DAYS = 30;
const DEFAULT_ARRIVING_WITHIN_DAYS = 60;
const DEFAULT_PROGRAM_YEARS = 5;
const DEFAULT_MENTEE_WINDOW_DAYS = 730;
/** Daycare is guaranteed from 26 weeks of age (dagtilbudsloven § 23). */
const DAYCARE_FROM_DAYS = 182;
/** Reception class teaching lasts at most 2 years from arrival. */
const RECEPTION_CLASS_YEARS = 2;

// ---------------------------------------------------------------------------------------------
// Small pure helpers

/**
 * The school grade a child is in on a date if they follow the Danish school years: 0 is the
 * reception year (børnehaveklasse), from the August of the year they turn 6; 9 is 9th grade.
 * Negative before school, above 9 after it.
 */
export function schoolGrade(birthDate: string, onDate: string): number {
  const year = Number(onDate.slice(0, 4));
  const schoolYear = Number(onDate.slice(5, 7)) >= 8 ? year : year - 1;
  return schoolYear - Number(birthDate.slice(0, 4)) - 6;
}

function addYears(date: string, years: number): string {
  const y = Number(date.slice(0, 4)) + years;
  const rest = date.slice(4);
  // 29 February in a year without it becomes 1 March.
  return rest === '-02-29' && !(y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0)) ? `${y}-03-01` : `${y}${rest}`;
}


/**
 * Monthly household income (DKK) when none is recorded: the self-support and repatriation
 * benefit by family type at about 2025 levels plus child benefits. A stand-in so that rent can
 * be weighed at all; record the real figure on the household.
 */
export function estimatedMonthlyIncome(adultAges: readonly number[], children: number): number {
  let total = children * 1_250;
  for (const age of adultAges) total += children > 0 ? (adultAges.length === 1 ? 13_000 : 9_300) : age >= 30 ? 7_000 : 5_300;
  return total;
}

// ---------------------------------------------------------------------------------------------
// Towns, housing units, institutions, positions, mentors (the options)

interface TownRow {
  id: string; name: string; population: number; public_transport: PublicTransport; services: string[];
  latitude: number | null; longitude: number | null; placed: number;
}

/** Every town, the largest first, with the number of households housed there now. */
export async function loadTowns(tx: Tx): Promise<TownInput[]> {
  const { rows } = await sql<TownRow>`
    SELECT t.id, t.name, t.population, t.public_transport, t.services, t.latitude, t.longitude,
           (SELECT count(*)::int FROM households h
              JOIN housing_units u ON u.municipality_code = h.municipality_code AND u.id = h.housing_unit_id
             WHERE u.municipality_code = t.municipality_code AND u.town_id = t.id) AS placed
      FROM towns t
     ORDER BY t.population DESC, t.name`.execute(tx);
  return rows.map((t) => ({
    id: t.id, name: t.name, population: t.population, publicTransport: t.public_transport, services: t.services,
    latitude: t.latitude ?? Number.NaN, longitude: t.longitude ?? Number.NaN, placedHouseholds: t.placed,
  }));
}

/** Units with status 'available' that are free on the plan date or within `horizonDays` after it. */
export async function loadHousingUnits(tx: Tx, onDate: string, options: { horizonDays?: number } = {}): Promise<HousingUnitInput[]> {
  const rows = await tx
    .selectFrom('housing_units')
    .select(['id', 'address', 'town_id', 'rooms', 'rent_dkk', 'landlord', 'available_from', 'tenure', 'deprived_area', 'accessible'])
    .where('status', '=', 'available')
    .where('available_from', '<=', addDays(onDate, options.horizonDays ?? DEFAULT_HORIZON_DAYS))
    .orderBy('town_id').orderBy('address').orderBy('id')
    .execute();
  return rows.map((u) => ({
    id: u.id, address: u.address, townId: u.town_id, rooms: u.rooms, rent: u.rent_dkk, landlord: u.landlord,
    availableFrom: u.available_from, tenure: u.tenure, deprivedArea: u.deprived_area, accessible: u.accessible,
  }));
}

/** Daycares or schools with their current composition (enrolment may exceed capacity). */
export async function loadInstitutions(tx: Tx, kind: 'daycare' | 'school'): Promise<InstitutionInput[]> {
  const rows = await tx
    .selectFrom('institutions')
    .select(['id', 'name', 'town_id', 'capacity', 'enrolled', 'bilingual_enrolled', 'admitted_this_year', 'admitted_from_deprived_this_year', 'has_reception_class'])
    .where('kind', '=', kind)
    .orderBy('name').orderBy('id')
    .execute();
  return rows.map((i) => ({
    id: i.id, name: i.name, kind, townId: i.town_id, capacity: i.capacity, enrolled: i.enrolled,
    bilingualEnrolled: i.bilingual_enrolled, admittedThisYear: i.admitted_this_year,
    admittedFromDeprivedThisYear: i.admitted_from_deprived_this_year, hasReceptionClass: i.has_reception_class,
  }));
}

/**
 * Positions with a free seat on the plan date: `seats` is what is left after the company-based
 * activities filling the position then (ongoing or planned, not ended before the date).
 */
export async function loadPositions(tx: Tx, onDate: string): Promise<PositionInput[]> {
  const { rows } = await sql<{ id: string; company_name: string; sector: string; town_id: string; kind: PositionInput['kind']; hours_per_week: number; real_opening: boolean; free: number }>`
    SELECT p.id, c.name AS company_name, c.sector, c.town_id, p.kind, p.hours_per_week, p.real_opening,
           p.seats - (SELECT count(*)::int FROM activities a
                       WHERE a.municipality_code = p.municipality_code AND a.position_id = p.id
                         AND (a.end_date IS NULL OR a.end_date >= ${onDate}::date)) AS free
      FROM positions p
      JOIN companies c ON c.municipality_code = p.municipality_code AND c.id = p.company_id
     ORDER BY c.name, p.title, p.id`.execute(tx);
  return rows.filter((p) => p.free > 0).map((p) => ({
    id: p.id, companyName: p.company_name, sector: p.sector, townId: p.town_id, kind: p.kind,
    hoursPerWeek: Number(p.hours_per_week), realOpening: p.real_opening, seats: p.free,
  }));
}

/** Mentors (volunteers with mentor = true) with room for another family: capacity is what is left. */
export async function loadMentors(tx: Tx, onDate: string): Promise<MentorInput[]> {
  const { rows } = await sql<{ id: string; given_name: string; family_name: string; town_id: string; languages: string[]; hours_per_month: number; free: number }>`
    SELECT v.id, v.given_name, v.family_name, v.town_id, v.languages, v.hours_per_month,
           v.mentor_capacity - (SELECT count(*)::int FROM mentorships m
                                 WHERE m.municipality_code = v.municipality_code AND m.volunteer_id = v.id
                                   AND (m.to_date IS NULL OR m.to_date >= ${onDate}::date)) AS free
      FROM volunteers v
     WHERE v.mentor
     ORDER BY v.family_name, v.given_name, v.id`.execute(tx);
  return rows.filter((v) => v.free > 0).map((v) => ({
    id: v.id, label: `${v.given_name} ${v.family_name}`, townId: v.town_id, languages: v.languages,
    hoursPerMonth: v.hours_per_month, capacity: v.free,
  }));
}

// ---------------------------------------------------------------------------------------------
// Households, children, adults (the agents)

/** A household to be matched with a mentor: a household record and the town it lives in. */
export interface MenteeInput extends HouseholdInput {
  townId: string;
}

/** [id, relation, given name, family name, birth date, languages] */
type MemberJson = [string, string, string, string, string, string[]];

interface HouseholdRow {
  id: string; needs_accessible: boolean; monthly_income_dkk: number | null; housing_status: 'none' | 'temporary' | 'permanent';
  town_id: string | null; work_town_id: string | null;
  /** [id, relation, given name, family name, birth date, languages], head first */
  members: MemberJson[];
}

const MEMBER_ORDER = sql.raw(`array_position(array['head','spouse','other','child'], p.household_relation), p.birth_date, p.id`);

async function mainTownId(tx: Tx): Promise<string> {
  const town = await tx.selectFrom('towns').select('id').orderBy('population', 'desc').orderBy('name').limit(1).executeTakeFirst();
  return town?.id ?? '';
}

async function loadHouseholdRows(tx: Tx, onDate: string, where: RawBuilder<unknown>): Promise<HouseholdRow[]> {
  const { rows } = await sql<HouseholdRow>`
    SELECT h.id, h.needs_accessible, h.monthly_income_dkk, h.housing_status, u.town_id,
           (SELECT json_agg(json_build_array(p.id, p.household_relation, p.given_name, p.family_name, p.birth_date, p.languages) ORDER BY ${MEMBER_ORDER})
              FROM persons p WHERE p.municipality_code = h.municipality_code AND p.household_id = h.id) AS members,
           (SELECT c.town_id
              FROM persons p
              JOIN activities a ON a.municipality_code = p.municipality_code AND a.person_id = p.id
              LEFT JOIN positions po ON po.municipality_code = a.municipality_code AND po.id = a.position_id
              JOIN companies c ON c.municipality_code = a.municipality_code
                              AND c.id = coalesce(po.company_id, (SELECT c2.id FROM companies c2
                                                                   WHERE c2.municipality_code = a.municipality_code AND c2.name = a.provider
                                                                   ORDER BY c2.id LIMIT 1))
             WHERE p.municipality_code = h.municipality_code AND p.household_id = h.id
               AND a.kind IN ('company_internship','wage_subsidy','igu','ordinary_job')
               AND a.start_date <= ${onDate}::date AND (a.end_date IS NULL OR a.end_date >= ${onDate}::date)
             ORDER BY a.start_date DESC, a.id LIMIT 1) AS work_town_id
      FROM households h
      LEFT JOIN housing_units u ON u.municipality_code = h.municipality_code AND u.id = h.housing_unit_id
     WHERE ${where}
     ORDER BY h.takeover_date, h.id`.execute(tx);
  return rows.filter((h) => h.members !== null && h.members.length > 0);
}

function householdInput(h: HouseholdRow, onDate: string): HouseholdInput {
  const members = h.members.map(([id, relation, given, family, birth, languages]) => ({ id, relation, given, family, birth, languages, age: ageOn(birth, onDate) }));
  const adults = members.filter((m) => m.age >= 18);
  const children = members.filter((m) => m.age < 18);
  const head = members.find((m) => m.relation === 'head') ?? members[0]!;
  const languages = [...new Set([...head.languages, ...members.flatMap((m) => m.languages)])];
  return {
    id: h.id,
    label: `${head.given} ${head.family}`,
    persons: members.length,
    adults: adults.length,
    children: children.length,
    schoolChildren: children.filter((c) => schoolGrade(c.birth, onDate) <= 9).length,
    singleParent: adults.length === 1 && children.length > 0,
    needsAccessible: h.needs_accessible,
    monthlyIncome: h.monthly_income_dkk ?? estimatedMonthlyIncome(adults.map((a) => a.age), children.length),
    headAge: Math.max(...(adults.length > 0 ? adults : members).map((m) => m.age)),
    currentHousing: h.housing_status,
    workTownId: h.work_town_id,
    languages,
  };
}

/**
 * Households without permanent housing (none yet, or temporary) taken over by the plan date or
 * within `arrivingWithinDays` after it.
 */
export async function loadHouseholdsNeedingHousing(tx: Tx, onDate: string, options: { arrivingWithinDays?: number } = {}): Promise<HouseholdInput[]> {
  const until = addDays(onDate, options.arrivingWithinDays ?? DEFAULT_ARRIVING_WITHIN_DAYS);
  const rows = await loadHouseholdRows(tx, onDate, sql`h.housing_status <> 'permanent' AND h.takeover_date <= ${until}::date`);
  return rows.map((h) => householdInput(h, onDate));
}

/**
 * Households taken over within `takenOverWithinDays` before the plan date (or arriving within
 * `arrivingWithinDays` after it) that have no current mentorship, for the household or any member.
 */
export async function loadMentees(tx: Tx, onDate: string, options: { takenOverWithinDays?: number; arrivingWithinDays?: number } = {}): Promise<MenteeInput[]> {
  const from = addDays(onDate, -(options.takenOverWithinDays ?? DEFAULT_MENTEE_WINDOW_DAYS));
  const until = addDays(onDate, options.arrivingWithinDays ?? DEFAULT_ARRIVING_WITHIN_DAYS);
  const rows = await loadHouseholdRows(tx, onDate, sql`h.takeover_date BETWEEN ${from}::date AND ${until}::date
    AND NOT EXISTS (SELECT 1 FROM mentorships m
                     WHERE m.municipality_code = h.municipality_code
                       AND (m.household_id = h.id OR m.person_id IN (SELECT p.id FROM persons p WHERE p.municipality_code = h.municipality_code AND p.household_id = h.id))
                       AND (m.to_date IS NULL OR m.to_date >= ${onDate}::date))`);
  const fallback = await mainTownId(tx);
  return rows.map((h) => ({ ...householdInput(h, onDate), townId: h.town_id ?? fallback }));
}

interface ChildRow {
  id: string; given_name: string; family_name: string; household_id: string; birth_date: string; languages: string[];
  arrival_date: string | null; takeover_date: string; town_id: string | null; deprived: boolean; sibling_at: string[];
}

/**
 * Children without a seat of the kind on the plan date (no enrolment of that kind that has not
 * ended before it; for school, a reception class counts as a seat):
 * - daycare: from 26 weeks old until the reception year of school;
 * - school: from the reception year (August of the year they turn 6) to 9th grade.
 * A child is bilingual when a language other than Danish is recorded; needs a reception class
 * when they arrived less than 2 years before the plan date and Danish is not among their
 * languages. No wishes are stored yet: `preferences` is empty.
 */
export async function loadChildrenNeedingSeat(tx: Tx, kind: 'daycare' | 'school', onDate: string, options: { arrivingWithinDays?: number } = {}): Promise<ChildInput[]> {
  const until = addDays(onDate, options.arrivingWithinDays ?? DEFAULT_ARRIVING_WITHIN_DAYS);
  const seatKinds = kind === 'daycare' ? ['daycare'] : ['school', 'reception_class'];
  const { rows } = await sql<ChildRow>`
    SELECT p.id, p.given_name, p.family_name, p.household_id, p.birth_date, p.languages, p.arrival_date, p.takeover_date,
           u.town_id, coalesce(u.deprived_area, false) AS deprived,
           (SELECT coalesce(json_agg(DISTINCT e.institution_id), '[]'::json)
              FROM persons s
              JOIN enrolments e ON e.municipality_code = s.municipality_code AND e.person_id = s.id
              JOIN institutions i ON i.municipality_code = e.municipality_code AND i.id = e.institution_id
             WHERE s.municipality_code = p.municipality_code AND s.household_id = p.household_id AND s.id <> p.id
               AND i.kind = ${kind} AND e.start_date <= ${onDate}::date AND (e.end_date IS NULL OR e.end_date >= ${onDate}::date)) AS sibling_at
      FROM persons p
      JOIN households h ON h.municipality_code = p.municipality_code AND h.id = p.household_id
      LEFT JOIN housing_units u ON u.municipality_code = h.municipality_code AND u.id = h.housing_unit_id
     WHERE p.birth_date > ${addYears(onDate, -18)}::date
       AND p.birth_date <= ${onDate}::date
       AND p.takeover_date <= ${until}::date
       AND NOT EXISTS (SELECT 1 FROM enrolments e
                        WHERE e.municipality_code = p.municipality_code AND e.person_id = p.id
                          AND e.kind IN (${sql.join(seatKinds)}) AND (e.end_date IS NULL OR e.end_date >= ${onDate}::date))
     ORDER BY p.household_id, p.birth_date, p.id`.execute(tx);
  const fallback = await mainTownId(tx);
  const receptionSince = addYears(onDate, -RECEPTION_CLASS_YEARS);
  return rows
    .filter((c) => {
      const grade = schoolGrade(c.birth_date, onDate);
      return kind === 'daycare' ? grade < 0 && daysBetween(c.birth_date, onDate) >= DAYCARE_FROM_DAYS : grade >= 0 && grade <= 9;
    })
    .map((c) => ({
      id: c.id,
      label: `${c.given_name} ${c.family_name}`,
      householdId: c.household_id,
      age: ageOn(c.birth_date, onDate),
      bilingual: isBilingual(c.languages),
      livesInDeprivedArea: c.deprived,
      townId: c.town_id ?? fallback,
      needsReceptionClass: kind === 'school' && (c.arrival_date ?? c.takeover_date) > receptionSince && !c.languages.includes('da'),
      preferences: [],
      siblingAt: c.sibling_at,
    }));
}

interface AdultRow {
  id: string; given_name: string; family_name: string; household_id: string; birth_date: string; languages: string[];
  sectors: string[]; town_id: string | null; planned_hours: number;
}

/**
 * Program participants of 18 or more on the plan date, within the `programYears` a program can
 * last, without a company-based activity (internship, wage subsidy, IGU, ordinary job) that has
 * not ended before the plan date. `plannedHours` sums their other activities on that date or
 * planned after it (Danish education, health, education).
 */
export async function loadAdultsNeedingInternship(tx: Tx, onDate: string, options: { programYears?: number; arrivingWithinDays?: number } = {}): Promise<AdultInput[]> {
  const until = addDays(onDate, options.arrivingWithinDays ?? DEFAULT_ARRIVING_WITHIN_DAYS);
  const since = addYears(onDate, -(options.programYears ?? DEFAULT_PROGRAM_YEARS));
  const { rows } = await sql<AdultRow>`
    SELECT p.id, p.given_name, p.family_name, p.household_id, p.birth_date, p.languages, p.sectors, u.town_id,
           (SELECT coalesce(sum(a.hours_per_week), 0)::float8 FROM activities a
             WHERE a.municipality_code = p.municipality_code AND a.person_id = p.id
               AND (a.end_date IS NULL OR a.end_date >= ${onDate}::date)) AS planned_hours
      FROM persons p
      JOIN households h ON h.municipality_code = p.municipality_code AND h.id = p.household_id
      LEFT JOIN housing_units u ON u.municipality_code = h.municipality_code AND u.id = h.housing_unit_id
     WHERE p.program IS NOT NULL
       AND p.birth_date <= ${addYears(onDate, -18)}::date
       AND p.takeover_date > ${since}::date AND p.takeover_date <= ${until}::date
       AND NOT EXISTS (SELECT 1 FROM activities a
                        WHERE a.municipality_code = p.municipality_code AND a.person_id = p.id
                          AND a.kind IN ('company_internship','wage_subsidy','igu','ordinary_job')
                          AND (a.end_date IS NULL OR a.end_date >= ${onDate}::date))
     ORDER BY p.household_id, p.birth_date, p.id`.execute(tx);
  const fallback = await mainTownId(tx);
  return rows.map((p) => ({
    id: p.id, label: `${p.given_name} ${p.family_name}`, householdId: p.household_id, townId: p.town_id ?? fallback,
    sectors: p.sectors, languages: p.languages, plannedHours: Number(p.planned_hours),
  }));
}

// ---------------------------------------------------------------------------------------------
// Plans and proposals

export interface NewPlan {
  municipalityCode: string;
  kind: PlanKind;
  planDate: string;
  /** weights, locks, forbids … as the service received them (stored as jsonb) */
  parameters: unknown;
  /** unplaced agents with reasons, engine notes … (stored as jsonb) */
  summary?: unknown;
  objective: number | null;
  bound: number | null;
  gap: number | null;
  engine: string;
  solveMs: number;
  createdBy: string | null;
}

export interface NewProposal {
  agentKind: AgentKind;
  householdId?: string | null;
  personId?: string | null;
  optionKind: OptionKind;
  optionId: string;
  score: number;
  /** the criteria breakdown behind the score (stored as jsonb) */
  explanation: unknown;
}

export interface PlanRecord {
  id: string;
  kind: PlanKind;
  planDate: string;
  status: PlanStatus;
  parameters: unknown;
  summary: unknown;
  objective: number | null;
  bound: number | null;
  gap: number | null;
  engine: string;
  solveMs: number;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

export interface PlanListItem extends PlanRecord {
  proposals: { proposed: number; accepted: number; rejected: number; superseded: number };
}

export interface ProposalRecord {
  id: string;
  planId: string;
  agentKind: AgentKind;
  householdId: string | null;
  personId: string | null;
  optionKind: OptionKind;
  optionId: string;
  score: number;
  explanation: unknown;
  status: Selectable<PlacementProposalsTable>['status'];
  decidedBy: string | null;
  decidedAt: Date | null;
}

export interface ProposalView extends ProposalRecord {
  /** the household head's or the person's name */
  agentLabel: string;
  /** the unit's address, the institution's name, "company: title", or the mentor's name */
  optionLabel: string | null;
}

const planRecord = (r: Selectable<PlacementPlansTable>): PlanRecord => ({
  id: r.id, kind: r.kind, planDate: r.plan_date, status: r.status, parameters: r.parameters, summary: r.summary,
  objective: r.objective, bound: r.bound, gap: r.gap, engine: r.engine, solveMs: r.solve_ms, createdBy: r.created_by,
  createdAt: r.created_at, updatedAt: r.updated_at, version: r.version,
});

const proposalRecord = (r: Selectable<PlacementProposalsTable>): ProposalRecord => ({
  id: r.id, planId: r.plan_id, agentKind: r.agent_kind, householdId: r.household_id, personId: r.person_id,
  optionKind: r.option_kind, optionId: r.option_id, score: r.score, explanation: r.explanation, status: r.status,
  decidedBy: r.decided_by, decidedAt: r.decided_at,
});

const CHUNK = 500;

/**
 * Stores a draft plan and its proposals. Throws a RangeError when a proposal does not fit the
 * plan's kind (a programming error, not a user's).
 */
export async function insertPlan(tx: Tx, plan: NewPlan, proposals: readonly NewProposal[]): Promise<{ plan: PlanRecord; proposals: ProposalRecord[] }> {
  for (const p of proposals) {
    if (p.optionKind !== PLAN_OPTION_KIND[plan.kind] || !PLAN_AGENT_KINDS[plan.kind].includes(p.agentKind)) {
      throw new RangeError(`a ${plan.kind} plan cannot hold a proposal of ${p.agentKind} → ${p.optionKind}`);
    }
    if (p.agentKind === 'household' ? !p.householdId || p.personId : !p.personId) throw new RangeError(`a ${p.agentKind} proposal needs its ${p.agentKind} id`);
    if (!Number.isFinite(p.score)) throw new RangeError('a proposal score must be a finite number');
  }
  const row = await tx
    .insertInto('placement_plans')
    .values({
      municipality_code: plan.municipalityCode, kind: plan.kind, plan_date: plan.planDate,
      parameters: JSON.stringify(plan.parameters ?? {}), summary: JSON.stringify(plan.summary ?? {}),
      objective: finiteOrNull(plan.objective), bound: finiteOrNull(plan.bound), gap: finiteOrNull(plan.gap),
      engine: plan.engine, solve_ms: Math.max(0, Math.round(plan.solveMs)), created_by: plan.createdBy,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const inserted: ProposalRecord[] = [];
  for (let i = 0; i < proposals.length; i += CHUNK) {
    const rows = await tx
      .insertInto('placement_proposals')
      .values(proposals.slice(i, i + CHUNK).map((p) => ({
        municipality_code: plan.municipalityCode, plan_id: row.id, agent_kind: p.agentKind,
        household_id: p.householdId ?? null, person_id: p.personId ?? null, option_kind: p.optionKind, option_id: p.optionId,
        score: p.score, explanation: JSON.stringify(p.explanation ?? {}),
      })))
      .returningAll()
      .execute();
    inserted.push(...rows.map(proposalRecord));
  }
  return { plan: planRecord(row), proposals: inserted };
}

function finiteOrNull(value: number | null): number | null {
  return value === null || !Number.isFinite(value) ? null : value;
}

/** One plan; `lock` takes a row lock (FOR UPDATE) until the transaction ends. */
export async function findPlan(tx: Tx, planId: string, options: { lock?: boolean } = {}): Promise<PlanRecord | undefined> {
  const q = tx.selectFrom('placement_plans').selectAll().where('id', '=', planId);
  const row = await (options.lock ? q.forUpdate() : q).executeTakeFirst();
  return row ? planRecord(row) : undefined;
}

/** Plans, the newest first, with the number of proposals in each status. */
export async function listPlans(tx: Tx, options: { kind?: PlanKind; limit?: number } = {}): Promise<PlanListItem[]> {
  let q = tx
    .selectFrom('placement_plans as pl')
    .selectAll('pl')
    .select((eb) => [
      eb.selectFrom('placement_proposals as pr').whereRef('pr.municipality_code', '=', 'pl.municipality_code').whereRef('pr.plan_id', '=', 'pl.id')
        .select(sql<{ proposed: number; accepted: number; rejected: number; superseded: number }>`json_build_object(
          'proposed', count(*) FILTER (WHERE pr.status = 'proposed'), 'accepted', count(*) FILTER (WHERE pr.status = 'accepted'),
          'rejected', count(*) FILTER (WHERE pr.status = 'rejected'), 'superseded', count(*) FILTER (WHERE pr.status = 'superseded'))`.as('c'))
        .as('counts'),
    ])
    .orderBy('pl.created_at', 'desc').orderBy('pl.id');
  if (options.kind) q = q.where('pl.kind', '=', options.kind);
  if (options.limit) q = q.limit(options.limit);
  const rows = await q.execute();
  return rows.map(({ counts, ...r }) => ({
    ...planRecord(r),
    proposals: counts ?? { proposed: 0, accepted: 0, rejected: 0, superseded: 0 },
  }));
}

/** A plan's proposals with the names to show (agents in household order, then by score). */
export async function listProposals(tx: Tx, planId: string): Promise<ProposalView[]> {
  const { rows } = await sql<Selectable<PlacementProposalsTable> & { agent_label: string | null; option_label: string | null }>`
    SELECT pr.*,
           CASE WHEN pr.agent_kind = 'person'
                THEN (SELECT p.given_name || ' ' || p.family_name FROM persons p WHERE p.municipality_code = pr.municipality_code AND p.id = pr.person_id)
                ELSE (SELECT p.given_name || ' ' || p.family_name FROM persons p WHERE p.municipality_code = pr.municipality_code AND p.household_id = pr.household_id
                       ORDER BY ${MEMBER_ORDER} LIMIT 1)
           END AS agent_label,
           CASE pr.option_kind
             WHEN 'housing_unit' THEN (SELECT u.address FROM housing_units u WHERE u.municipality_code = pr.municipality_code AND u.id = pr.option_id)
             WHEN 'institution' THEN (SELECT i.name FROM institutions i WHERE i.municipality_code = pr.municipality_code AND i.id = pr.option_id)
             WHEN 'position' THEN (SELECT c.name || ': ' || po.title FROM positions po
                                     JOIN companies c ON c.municipality_code = po.municipality_code AND c.id = po.company_id
                                    WHERE po.municipality_code = pr.municipality_code AND po.id = pr.option_id)
             WHEN 'mentor' THEN (SELECT v.given_name || ' ' || v.family_name FROM volunteers v WHERE v.municipality_code = pr.municipality_code AND v.id = pr.option_id)
           END AS option_label
      FROM placement_proposals pr
     WHERE pr.plan_id = ${planId}
     ORDER BY agent_label, pr.score DESC, pr.id`.execute(tx);
  return rows.map((r) => ({ ...proposalRecord(r), agentLabel: r.agent_label ?? '', optionLabel: r.option_label }));
}

/**
 * Discards the other draft plans of a kind (a newer plan replaces them): their open proposals
 * become 'superseded'. Returns the number of plans discarded.
 */
export async function supersedeDrafts(tx: Tx, kind: PlanKind, exceptPlanId: string): Promise<number> {
  const plans = await tx
    .updateTable('placement_plans')
    .set({ status: 'discarded', version: sql`version + 1`, updated_at: sql`now()` })
    .where('kind', '=', kind).where('status', '=', 'draft').where('id', '<>', exceptPlanId)
    .returning('id')
    .execute();
  if (plans.length > 0) {
    await tx.updateTable('placement_proposals').set({ status: 'superseded' })
      .where('plan_id', 'in', plans.map((p) => p.id)).where('status', '=', 'proposed')
      .execute();
  }
  return plans.length;
}

// ----- decisions -----

export type ConflictReason =
  | 'not_in_plan' // no such proposal in this plan
  | 'not_pending' // already accepted, rejected or superseded
  | 'duplicate_agent' // two proposals for the same household or person in one decision
  | 'option_missing' // the unit, institution, position or mentor no longer exists (or is no longer a mentor)
  | 'unit_not_available' // the unit is reserved or let (or taken twice in one decision)
  | 'household_housed' // the household has permanent housing already
  | 'institution_full' // no free seat left
  | 'already_enrolled' // the child has a seat of the kind already
  | 'position_full' // no free seat left on the position
  | 'already_placed' // the adult has a company-based activity already
  | 'mentor_full' // the mentor has no room for another family
  | 'already_mentored'; // the household or person has a current mentor

export interface DecisionConflict {
  proposalId: string;
  reason: ConflictReason;
  optionId: string | null;
  /** one sentence, English, for logs and problem details */
  message: string;
}

export type DecisionResult =
  | { ok: true; plan: PlanRecord; decided: ProposalRecord[] }
  | { ok: false; reason: 'plan_not_found' }
  | { ok: false; reason: 'conflict'; conflicts: DecisionConflict[] };

/**
 * Accepts or rejects proposals of a plan (`'all'`: every open one) in one go, as `userId`.
 * Nothing is written when any of them conflicts: the conflicts are returned instead (for a 409
 * with details). Acceptance writes what the proposal means:
 * - housing: the household moves into the unit (housing_status = the unit's tenure), the unit
 *   is let, and a unit the household leaves becomes available from the plan date;
 * - daycare / school: an enrolment from the plan date (a reception class for a child who needs
 *   one at a school that has one) and the institution's counters (enrolled, bilingual,
 *   admitted this year, admitted from a deprived area);
 * - internships: an activity of the position's kind at the company, with the position's hours,
 *   from the plan date, filling one of the position's seats;
 * - mentors: a mentorship from the plan date.
 * Then the plan's status follows its proposals (accepted: all accepted; partially_accepted:
 * some; discarded: all decided, none accepted; draft otherwise) and its version goes up.
 */
export async function decideProposals(
  tx: Tx, planId: string, proposalIds: readonly string[] | 'all', decision: 'accepted' | 'rejected', userId: string,
): Promise<DecisionResult> {
  const plan = await findPlan(tx, planId, { lock: true });
  if (!plan) return { ok: false, reason: 'plan_not_found' };
  const conflicts: DecisionConflict[] = [];
  let proposals: ProposalRecord[];
  if (proposalIds === 'all') {
    proposals = (await tx.selectFrom('placement_proposals').selectAll().where('plan_id', '=', planId).where('status', '=', 'proposed').orderBy('id').forUpdate().execute()).map(proposalRecord);
  } else {
    const ids = [...new Set(proposalIds)];
    const found = ids.length === 0 ? [] : (await tx.selectFrom('placement_proposals').selectAll().where('plan_id', '=', planId).where('id', 'in', ids).orderBy('id').forUpdate().execute()).map(proposalRecord);
    const byId = new Map(found.map((p) => [p.id, p]));
    proposals = [];
    for (const id of ids) {
      const p = byId.get(id);
      if (!p) conflicts.push({ proposalId: id, reason: 'not_in_plan', optionId: null, message: `proposal ${id} is not in plan ${planId}` });
      else if (p.status !== 'proposed') conflicts.push({ proposalId: id, reason: 'not_pending', optionId: p.optionId, message: `proposal ${id} is ${p.status} already` });
      else proposals.push(p);
    }
  }
  const seen = new Set<string>();
  for (const p of proposals) {
    const agent = p.personId ?? p.householdId!;
    if (seen.has(agent)) conflicts.push({ proposalId: p.id, reason: 'duplicate_agent', optionId: p.optionId, message: `two proposals for ${p.agentKind} ${agent} in one decision` });
    seen.add(agent);
  }

  let apply: (() => Promise<void>) | null = null;
  if (decision === 'accepted' && proposals.length > 0) {
    const check = await ACCEPT[plan.kind](tx, plan, proposals, userId);
    conflicts.push(...check.conflicts);
    apply = check.apply;
  }
  if (conflicts.length > 0) return { ok: false, reason: 'conflict', conflicts };
  if (proposals.length === 0) return { ok: true, plan, decided: [] };
  if (apply) await apply();

  const decided = proposals.length === 0 ? [] : (await tx
    .updateTable('placement_proposals')
    .set({ status: decision, decided_by: userId, decided_at: sql`now()` })
    .where('plan_id', '=', planId)
    .where('id', 'in', proposals.map((p) => p.id))
    .returningAll()
    .execute()).map(proposalRecord);

  const counts = await tx
    .selectFrom('placement_proposals')
    .select([
      sql<number>`count(*) FILTER (WHERE status = 'proposed')::int`.as('proposed'),
      sql<number>`count(*) FILTER (WHERE status = 'accepted')::int`.as('accepted'),
      sql<number>`count(*) FILTER (WHERE status = 'rejected')::int`.as('rejected'),
    ])
    .where('plan_id', '=', planId)
    .executeTakeFirstOrThrow();
  const status: PlanStatus = counts.proposed === 0
    ? counts.accepted > 0 ? (counts.rejected === 0 ? 'accepted' : 'partially_accepted') : 'discarded'
    : counts.accepted > 0 ? 'partially_accepted' : 'draft';
  const updated = await tx
    .updateTable('placement_plans')
    .set({ status, version: sql`version + 1`, updated_at: sql`now()` })
    .where('id', '=', planId)
    .returningAll()
    .executeTakeFirstOrThrow();
  return { ok: true, plan: planRecord(updated), decided: decided.sort((a, b) => (a.id < b.id ? -1 : 1)) };
}

type Acceptance = (tx: Tx, plan: PlanRecord, proposals: ProposalRecord[], userId: string) => Promise<{ conflicts: DecisionConflict[]; apply: () => Promise<void> }>;

const conflict = (p: ProposalRecord, reason: ConflictReason, message: string): DecisionConflict => ({ proposalId: p.id, reason, optionId: p.optionId, message });
const distinct = (values: readonly string[]) => [...new Set(values)].sort();

const acceptHousing: Acceptance = async (tx, plan, proposals) => {
  const units = new Map((await tx.selectFrom('housing_units').select(['id', 'status', 'tenure', 'address'])
    .where('id', 'in', distinct(proposals.map((p) => p.optionId))).orderBy('id').forUpdate().execute()).map((u) => [u.id, u]));
  const households = new Map((await tx.selectFrom('households').select(['id', 'housing_status', 'housing_unit_id'])
    .where('id', 'in', distinct(proposals.map((p) => p.householdId!))).orderBy('id').forUpdate().execute()).map((h) => [h.id, h]));
  const conflicts: DecisionConflict[] = [];
  const taken = new Set<string>();
  for (const p of proposals) {
    const unit = units.get(p.optionId);
    const household = households.get(p.householdId!);
    if (!unit) conflicts.push(conflict(p, 'option_missing', `housing unit ${p.optionId} does not exist`));
    else if (unit.status !== 'available' || taken.has(unit.id)) conflicts.push(conflict(p, 'unit_not_available', `${unit.address} is ${taken.has(unit.id) ? 'taken by another proposal' : unit.status}`));
    if (household?.housing_status === 'permanent') conflicts.push(conflict(p, 'household_housed', `household ${p.householdId} has permanent housing already`));
    if (unit) taken.add(unit.id);
  }
  return {
    conflicts,
    apply: async () => {
      for (const p of proposals) {
        const unit = units.get(p.optionId)!;
        const previous = households.get(p.householdId!)?.housing_unit_id ?? null;
        await tx.updateTable('households').set({ housing_unit_id: unit.id, housing_status: unit.tenure }).where('id', '=', p.householdId!).execute();
        await tx.updateTable('housing_units').set({ status: 'let', version: sql`version + 1` }).where('id', '=', unit.id).execute();
        if (previous && previous !== unit.id) {
          await tx.updateTable('housing_units')
            .set({ status: 'available', available_from: sql`greatest(available_from, ${plan.planDate}::date)`, version: sql`version + 1` })
            .where('id', '=', previous)
            .where(({ not, exists, selectFrom }) => not(exists(selectFrom('households').select('id').where('housing_unit_id', '=', previous))))
            .execute();
        }
      }
    },
  };
};

function acceptSeat(kind: 'daycare' | 'school'): Acceptance {
  return async (tx, plan, proposals, userId) => {
    const institutions = new Map((await tx.selectFrom('institutions').select(['id', 'kind', 'name', 'capacity', 'enrolled', 'has_reception_class', 'municipality_code'])
      .where('id', 'in', distinct(proposals.map((p) => p.optionId))).orderBy('id').forUpdate().execute()).map((i) => [i.id, i]));
    const { rows: children } = await sql<{ id: string; languages: string[]; arrival_date: string | null; takeover_date: string; deprived: boolean; enrolled: boolean }>`
      SELECT p.id, p.languages, p.arrival_date, p.takeover_date, coalesce(u.deprived_area, false) AS deprived,
             EXISTS (SELECT 1 FROM enrolments e WHERE e.municipality_code = p.municipality_code AND e.person_id = p.id
                        AND e.kind IN (${sql.join(kind === 'daycare' ? ['daycare'] : ['school', 'reception_class'])})
                        AND (e.end_date IS NULL OR e.end_date >= ${plan.planDate}::date)) AS enrolled
        FROM persons p
        JOIN households h ON h.municipality_code = p.municipality_code AND h.id = p.household_id
        LEFT JOIN housing_units u ON u.municipality_code = h.municipality_code AND u.id = h.housing_unit_id
       WHERE p.id IN (${sql.join(distinct(proposals.map((p) => p.personId!)))})`.execute(tx);
    const child = new Map(children.map((c) => [c.id, c]));
    const conflicts: DecisionConflict[] = [];
    const used = new Map<string, number>();
    for (const p of proposals) {
      const institution = institutions.get(p.optionId);
      if (!institution || institution.kind !== kind) {
        conflicts.push(conflict(p, 'option_missing', `no ${kind} ${p.optionId}`));
        continue;
      }
      const n = (used.get(institution.id) ?? 0) + 1;
      used.set(institution.id, n);
      if (institution.enrolled + n > institution.capacity) conflicts.push(conflict(p, 'institution_full', `${institution.name} has no free seat (${institution.enrolled} enrolled, capacity ${institution.capacity})`));
      if (child.get(p.personId!)?.enrolled) conflicts.push(conflict(p, 'already_enrolled', `person ${p.personId} has a ${kind} seat already`));
    }
    const receptionSince = addYears(plan.planDate, -RECEPTION_CLASS_YEARS);
    return {
      conflicts,
      apply: async () => {
        const counters = new Map<string, { enrolled: number; bilingual: number; deprived: number }>();
        const enrolments = proposals.map((p) => {
          const institution = institutions.get(p.optionId)!;
          const c = child.get(p.personId!)!;
          const reception = kind === 'school' && institution.has_reception_class && (c.arrival_date ?? c.takeover_date) > receptionSince && !c.languages.includes('da');
          const k = counters.get(institution.id) ?? { enrolled: 0, bilingual: 0, deprived: 0 };
          k.enrolled++;
          if (isBilingual(c.languages)) k.bilingual++;
          if (c.deprived) k.deprived++;
          counters.set(institution.id, k);
          return {
            municipality_code: institution.municipality_code, person_id: c.id, kind: reception ? 'reception_class' : kind,
            institution_id: institution.id, start_date: plan.planDate, created_by: userId,
          };
        });
        for (let i = 0; i < enrolments.length; i += CHUNK) await tx.insertInto('enrolments').values(enrolments.slice(i, i + CHUNK)).execute();
        for (const [id, k] of counters) {
          await tx.updateTable('institutions').set({
            enrolled: sql`enrolled + ${k.enrolled}`, bilingual_enrolled: sql`bilingual_enrolled + ${k.bilingual}`,
            admitted_this_year: sql`admitted_this_year + ${k.enrolled}`,
            admitted_from_deprived_this_year: sql`admitted_from_deprived_this_year + ${k.deprived}`,
          }).where('id', '=', id).execute();
        }
      },
    };
  };
}

const acceptInternships: Acceptance = async (tx, plan, proposals, userId) => {
  const { rows: positions } = await sql<{ id: string; municipality_code: string; kind: string; hours_per_week: number; seats: number; company_name: string; title: string; filled: number }>`
    SELECT po.id, po.municipality_code, po.kind, po.hours_per_week, po.seats, c.name AS company_name, po.title,
           (SELECT count(*)::int FROM activities a WHERE a.municipality_code = po.municipality_code AND a.position_id = po.id
               AND (a.end_date IS NULL OR a.end_date >= ${plan.planDate}::date)) AS filled
      FROM positions po JOIN companies c ON c.municipality_code = po.municipality_code AND c.id = po.company_id
     WHERE po.id IN (${sql.join(distinct(proposals.map((p) => p.optionId)))})
     ORDER BY po.id
       FOR UPDATE OF po`.execute(tx);
  const byId = new Map(positions.map((p) => [p.id, p]));
  const placed = new Set((await tx.selectFrom('activities').select('person_id')
    .where('person_id', 'in', distinct(proposals.map((p) => p.personId!)))
    .where('kind', 'in', COMPANY_OFFER_KINDS)
    .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>=', plan.planDate)]))
    .execute()).map((a) => a.person_id));
  const conflicts: DecisionConflict[] = [];
  const used = new Map<string, number>();
  for (const p of proposals) {
    const position = byId.get(p.optionId);
    if (!position) {
      conflicts.push(conflict(p, 'option_missing', `position ${p.optionId} does not exist`));
      continue;
    }
    const n = (used.get(position.id) ?? 0) + 1;
    used.set(position.id, n);
    if (position.filled + n > position.seats) conflicts.push(conflict(p, 'position_full', `${position.company_name}: ${position.title} has no free seat (${position.filled} of ${position.seats} filled)`));
    if (placed.has(p.personId!)) conflicts.push(conflict(p, 'already_placed', `person ${p.personId} has a company-based activity already`));
  }
  return {
    conflicts,
    apply: async () => {
      const rows = proposals.map((p) => {
        const position = byId.get(p.optionId)!;
        return {
          municipality_code: position.municipality_code, person_id: p.personId!, kind: position.kind, start_date: plan.planDate,
          hours_per_week: Number(position.hours_per_week), provider: position.company_name, position_id: position.id, created_by: userId,
        };
      });
      for (let i = 0; i < rows.length; i += CHUNK) await tx.insertInto('activities').values(rows.slice(i, i + CHUNK)).execute();
    },
  };
};

const acceptMentors: Acceptance = async (tx, plan, proposals, userId) => {
  const { rows: mentors } = await sql<{ id: string; municipality_code: string; name: string; mentor: boolean; capacity: number; current: number }>`
    SELECT v.id, v.municipality_code, v.given_name || ' ' || v.family_name AS name, v.mentor, v.mentor_capacity AS capacity,
           (SELECT count(*)::int FROM mentorships m WHERE m.municipality_code = v.municipality_code AND m.volunteer_id = v.id
               AND (m.to_date IS NULL OR m.to_date >= ${plan.planDate}::date)) AS current
      FROM volunteers v
     WHERE v.id IN (${sql.join(distinct(proposals.map((p) => p.optionId)))})
     ORDER BY v.id
       FOR UPDATE`.execute(tx);
  const byId = new Map(mentors.map((m) => [m.id, m]));
  const householdIds = distinct(proposals.flatMap((p) => (p.householdId && !p.personId ? [p.householdId] : [])));
  const personIds = distinct(proposals.flatMap((p) => (p.personId ? [p.personId] : [])));
  const { rows: mentored } = await sql<{ household_id: string | null; person_id: string | null }>`
    SELECT m.household_id, m.person_id FROM mentorships m
     WHERE (m.to_date IS NULL OR m.to_date >= ${plan.planDate}::date)
       AND (m.household_id IN (${sql.join(householdIds.length ? householdIds : [null])})
            OR m.person_id IN (${sql.join(personIds.length ? personIds : [null])})
            OR m.person_id IN (SELECT p.id FROM persons p WHERE p.household_id IN (${sql.join(householdIds.length ? householdIds : [null])})))`.execute(tx);
  const { rows: memberOf } = householdIds.length === 0 ? { rows: [] as { id: string; household_id: string }[] }
    : await sql<{ id: string; household_id: string }>`SELECT p.id, p.household_id FROM persons p WHERE p.household_id IN (${sql.join(householdIds)})`.execute(tx);
  const householdOfPerson = new Map(memberOf.map((p) => [p.id, p.household_id]));
  const mentoredHouseholds = new Set(mentored.flatMap((m) => [m.household_id, m.person_id ? householdOfPerson.get(m.person_id) : undefined]).filter((x): x is string => !!x));
  const mentoredPersons = new Set(mentored.flatMap((m) => (m.person_id ? [m.person_id] : [])));
  const conflicts: DecisionConflict[] = [];
  const used = new Map<string, number>();
  for (const p of proposals) {
    const mentor = byId.get(p.optionId);
    if (!mentor || !mentor.mentor) {
      conflicts.push(conflict(p, 'option_missing', `volunteer ${p.optionId} is not a mentor`));
      continue;
    }
    const n = (used.get(mentor.id) ?? 0) + 1;
    used.set(mentor.id, n);
    if (mentor.current + n > mentor.capacity) conflicts.push(conflict(p, 'mentor_full', `${mentor.name} has no room for another family (${mentor.current} of ${mentor.capacity})`));
    const already = p.personId ? mentoredPersons.has(p.personId) : mentoredHouseholds.has(p.householdId!);
    if (already) conflicts.push(conflict(p, 'already_mentored', `${p.agentKind} ${p.personId ?? p.householdId} has a mentor already`));
  }
  return {
    conflicts,
    apply: async () => {
      const rows = proposals.map((p) => ({
        municipality_code: byId.get(p.optionId)!.municipality_code, volunteer_id: p.optionId,
        household_id: p.personId ? null : p.householdId, person_id: p.personId, from_date: plan.planDate, created_by: userId,
      }));
      for (let i = 0; i < rows.length; i += CHUNK) await tx.insertInto('mentorships').values(rows.slice(i, i + CHUNK)).execute();
    },
  };
};

const ACCEPT: Readonly<Record<PlanKind, Acceptance>> = {
  housing: acceptHousing,
  daycare: acceptSeat('daycare'),
  school: acceptSeat('school'),
  internships: acceptInternships,
  mentors: acceptMentors,
};

/** The members (person ids) of the given households. */
export async function householdMembers(tx: Tx, householdIds: readonly string[]): Promise<{ id: string; household_id: string }[]> {
  if (householdIds.length === 0) return [];
  return tx.selectFrom('persons').select(['id', 'household_id']).where('household_id', 'in', householdIds).orderBy('household_id').orderBy('birth_date').execute();
}
