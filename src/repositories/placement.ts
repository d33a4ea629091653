// The placement engine's data (issue 5): the options the builders read (src/placement/inputs.ts),
// the plain records of the agents (src/domain/placement-eligibility.ts), filled from the tenant's
// tables, and draft plans with their proposals, which a coordinator accepts whole or in part.
// Queries only, always inside a tenant transaction (RLS applies). Nothing here decides: who needs
// a seat, a home or a mentor, and what an acceptance means or conflicts with, is the domain's
// (src/domain/placement-eligibility.ts, src/domain/placement-plan.ts), fed by the policy's
// figures; the service loads here, decides there, and writes here what was decided.
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
import type {
  PlacementPlansTable,
  PlacementProposalsTable,
  PlanKind,
  PlanStatus,
  AgentKind,
  OptionKind,
} from '../db/schema.js';
import type { Tx } from '../db/tenant.js';
import { addDays, addDuration, ageOn } from '../domain/dates.js';
import type { ChildRecord, HouseholdRecord, MemberRecord } from '../domain/placement-eligibility.js';
import type {
  AcceptanceEffects,
  HousingState,
  InternshipState,
  MentorState,
  ProposalFacts,
  SeatState,
} from '../domain/placement-plan.js';
import type {
  AdultInput,
  HousingUnitInput,
  InstitutionInput,
  MentorInput,
  PositionInput,
  PublicTransport,
  TownInput,
} from '../placement/inputs.js';

export type { PlanKind, PlanStatus, AgentKind, OptionKind } from '../db/schema.js';

/** Activity kinds that fill a company-based offer (a position's seat). */
export const COMPANY_OFFER_KINDS = ['company_internship', 'wage_subsidy', 'igu', 'ordinary_job'] as const;

/** The option each plan kind places agents in. */
export const PLAN_OPTION_KIND: Readonly<Record<PlanKind, OptionKind>> = {
  housing: 'housing_unit',
  daycare: 'institution',
  school: 'institution',
  internships: 'position',
  mentors: 'mentor',
};

/** The agents each plan kind places: households, persons (children, adults) or either (mentors). */
export const PLAN_AGENT_KINDS: Readonly<Record<PlanKind, readonly AgentKind[]>> = {
  housing: ['household'],
  daycare: ['person'],
  school: ['person'],
  internships: ['person'],
  mentors: ['household', 'person'],
};

const DEFAULT_HORIZON_DAYS = 30;
const DEFAULT_ARRIVING_WITHIN_DAYS = 60;
const DEFAULT_PROGRAM_YEARS = 5;
const DEFAULT_MENTEE_WINDOW_DAYS = 730;
/** The date `years` before `date` (29 February → 28 February). */
const yearsBefore = (date: string, years: number) => addDuration(date, { years, months: 0, weeks: 0, days: 0 }, -1);

// ---------------------------------------------------------------------------------------------
// Towns, housing units, institutions, positions, mentors (the options)

interface TownRow {
  id: string;
  name: string;
  population: number;
  public_transport: PublicTransport;
  services: string[];
  latitude: number | null;
  longitude: number | null;
  placed: number;
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
    id: t.id,
    name: t.name,
    population: t.population,
    publicTransport: t.public_transport,
    services: t.services,
    latitude: t.latitude ?? Number.NaN,
    longitude: t.longitude ?? Number.NaN,
    placedHouseholds: t.placed,
  }));
}

/** Units with status 'available' that are free on the plan date or within `horizonDays` after it. */
export async function loadHousingUnits(
  tx: Tx,
  onDate: string,
  options: { horizonDays?: number } = {},
): Promise<HousingUnitInput[]> {
  const rows = await tx
    .selectFrom('housing_units')
    .select([
      'id',
      'address',
      'town_id',
      'rooms',
      'rent_dkk',
      'landlord',
      'available_from',
      'tenure',
      'deprived_area',
      'accessible',
    ])
    .where('status', '=', 'available')
    .where('available_from', '<=', addDays(onDate, options.horizonDays ?? DEFAULT_HORIZON_DAYS))
    .orderBy('town_id')
    .orderBy('address')
    .orderBy('id')
    .execute();
  return rows.map((u) => ({
    id: u.id,
    address: u.address,
    townId: u.town_id,
    rooms: u.rooms,
    rent: u.rent_dkk,
    landlord: u.landlord,
    availableFrom: u.available_from,
    tenure: u.tenure,
    deprivedArea: u.deprived_area,
    accessible: u.accessible,
  }));
}

/** Daycares or schools with their current composition (enrolment may exceed capacity). */
export async function loadInstitutions(tx: Tx, kind: 'daycare' | 'school'): Promise<InstitutionInput[]> {
  const rows = await tx
    .selectFrom('institutions')
    .select([
      'id',
      'name',
      'town_id',
      'capacity',
      'enrolled',
      'bilingual_enrolled',
      'admitted_this_year',
      'admitted_from_deprived_this_year',
      'has_reception_class',
    ])
    .where('kind', '=', kind)
    .orderBy('name')
    .orderBy('id')
    .execute();
  return rows.map((i) => ({
    id: i.id,
    name: i.name,
    kind,
    townId: i.town_id,
    capacity: i.capacity,
    enrolled: i.enrolled,
    bilingualEnrolled: i.bilingual_enrolled,
    admittedThisYear: i.admitted_this_year,
    admittedFromDeprivedThisYear: i.admitted_from_deprived_this_year,
    hasReceptionClass: i.has_reception_class,
  }));
}

/**
 * Positions with a free seat on the plan date: `seats` is what is left after the company-based
 * activities filling the position then (ongoing or planned, not ended before the date).
 */
export async function loadPositions(tx: Tx, onDate: string): Promise<PositionInput[]> {
  const { rows } = await sql<{
    id: string;
    company_name: string;
    sector: string;
    town_id: string;
    kind: PositionInput['kind'];
    hours_per_week: number;
    real_opening: boolean;
    free: number;
  }>`
    SELECT p.id, c.name AS company_name, c.sector, c.town_id, p.kind, p.hours_per_week, p.real_opening,
           p.seats - (SELECT count(*)::int FROM activities a
                       WHERE a.municipality_code = p.municipality_code AND a.position_id = p.id
                         AND (a.end_date IS NULL OR a.end_date >= ${onDate}::date)) AS free
      FROM positions p
      JOIN companies c ON c.municipality_code = p.municipality_code AND c.id = p.company_id
     ORDER BY c.name, p.title, p.id`.execute(tx);
  return rows
    .filter((p) => p.free > 0)
    .map((p) => ({
      id: p.id,
      companyName: p.company_name,
      sector: p.sector,
      townId: p.town_id,
      kind: p.kind,
      hoursPerWeek: p.hours_per_week,
      realOpening: p.real_opening,
      seats: p.free,
    }));
}

/** Mentors (volunteers with mentor = true) with room for another family: capacity is what is left. */
export async function loadMentors(tx: Tx, onDate: string): Promise<MentorInput[]> {
  const { rows } = await sql<{
    id: string;
    given_name: string;
    family_name: string;
    town_id: string;
    languages: string[];
    hours_per_month: number;
    free: number;
  }>`
    SELECT v.id, v.given_name, v.family_name, v.town_id, v.languages, v.hours_per_month,
           v.mentor_capacity - (SELECT count(*)::int FROM mentorships m
                                 WHERE m.municipality_code = v.municipality_code AND m.volunteer_id = v.id
                                   AND (m.to_date IS NULL OR m.to_date >= ${onDate}::date)) AS free
      FROM volunteers v
     WHERE v.mentor
     ORDER BY v.family_name, v.given_name, v.id`.execute(tx);
  return rows
    .filter((v) => v.free > 0)
    .map((v) => ({
      id: v.id,
      label: `${v.given_name} ${v.family_name}`,
      townId: v.town_id,
      languages: v.languages,
      hoursPerMonth: v.hours_per_month,
      capacity: v.free,
    }));
}

// ---------------------------------------------------------------------------------------------
// Households, children, adults (the agents)

/** A household to be matched with a mentor: its record and the town it lives in (or the largest town). */
export interface MenteeRecord extends HouseholdRecord {
  townId: string;
}

/** [id, relation, given name, family name, birth date, languages] */
type MemberJson = [string, string, string, string, string, string[]];

interface HouseholdRow {
  id: string;
  needs_accessible: boolean;
  monthly_income_dkk: number | null;
  housing_status: 'none' | 'temporary' | 'permanent';
  town_id: string | null;
  work_town_id: string | null;
  /** [id, relation, given name, family name, birth date, languages], head first */
  members: MemberJson[];
}

const MEMBER_ORDER = sql.raw(
  `array_position(array['head','spouse','other','child'], p.household_relation), p.birth_date, p.id`,
);

async function mainTownId(tx: Tx): Promise<string> {
  const town = await tx
    .selectFrom('towns')
    .select('id')
    .orderBy('population', 'desc')
    .orderBy('name')
    .limit(1)
    .executeTakeFirst();
  return town?.id ?? '';
}

async function loadHouseholdRows(tx: Tx, onDate: string, where: RawBuilder<unknown>): Promise<HouseholdRow[]> {
  // json_agg over no members is NULL.
  const { rows } = await sql<Omit<HouseholdRow, 'members'> & { members: MemberJson[] | null }>`
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
  return rows.filter((h): h is HouseholdRow => h.members !== null && h.members.length > 0);
}

function householdRecord(h: HouseholdRow): HouseholdRecord {
  const members: MemberRecord[] = h.members.map(([id, relation, givenName, familyName, birthDate, languages]) => ({
    id,
    relation,
    givenName,
    familyName,
    birthDate,
    languages,
  }));
  return {
    id: h.id,
    needsAccessible: h.needs_accessible,
    monthlyIncome: h.monthly_income_dkk,
    currentHousing: h.housing_status,
    townId: h.town_id,
    workTownId: h.work_town_id,
    members,
  };
}

/**
 * Households without permanent housing (none yet, or temporary) taken over by the plan date or
 * within `arrivingWithinDays` after it.
 */
export async function loadHouseholdsNeedingHousing(
  tx: Tx,
  onDate: string,
  options: { arrivingWithinDays?: number } = {},
): Promise<HouseholdRecord[]> {
  const until = addDays(onDate, options.arrivingWithinDays ?? DEFAULT_ARRIVING_WITHIN_DAYS);
  const rows = await loadHouseholdRows(
    tx,
    onDate,
    sql`h.housing_status <> 'permanent' AND h.takeover_date <= ${until}::date`,
  );
  return rows.map(householdRecord);
}

/**
 * Households taken over within `takenOverWithinDays` before the plan date (or arriving within
 * `arrivingWithinDays` after it) that have no current mentorship, for the household or any member.
 */
export async function loadMentees(
  tx: Tx,
  onDate: string,
  options: { takenOverWithinDays?: number; arrivingWithinDays?: number } = {},
): Promise<MenteeRecord[]> {
  const from = addDays(onDate, -(options.takenOverWithinDays ?? DEFAULT_MENTEE_WINDOW_DAYS));
  const until = addDays(onDate, options.arrivingWithinDays ?? DEFAULT_ARRIVING_WITHIN_DAYS);
  const rows = await loadHouseholdRows(
    tx,
    onDate,
    sql`h.takeover_date BETWEEN ${from}::date AND ${until}::date
    AND NOT EXISTS (SELECT 1 FROM mentorships m
                     WHERE m.municipality_code = h.municipality_code
                       AND (m.household_id = h.id OR m.person_id IN (SELECT p.id FROM persons p WHERE p.municipality_code = h.municipality_code AND p.household_id = h.id))
                       AND (m.to_date IS NULL OR m.to_date >= ${onDate}::date))`,
  );
  const fallback = await mainTownId(tx);
  return rows.map((h) => ({ ...householdRecord(h), townId: h.town_id ?? fallback }));
}

interface ChildRow {
  id: string;
  given_name: string;
  family_name: string;
  household_id: string;
  birth_date: string;
  languages: string[];
  arrival_date: string | null;
  takeover_date: string;
  town_id: string | null;
  deprived: boolean;
  parents_in_work_or_education: boolean;
  sibling_at: string[];
}

/** The labour-market statuses that are work or education (dagtilbudsloven § 26 b, as read in national.yaml). */
const WORK_OR_EDUCATION = ['ordinary_job', 'wage_subsidy', 'igu', 'flexjob', 'education'] as const;

/**
 * SQL: every parent of the child's household (head, spouse) has a labour-market period of work or
 * education covering the day, and there is at least one parent. `p` is the child's persons row.
 */
function parentsInWorkOrEducation(onDate: string) {
  return sql<boolean>`(EXISTS (SELECT 1 FROM persons a
                 WHERE a.municipality_code = p.municipality_code AND a.household_id = p.household_id
                   AND a.household_relation IN ('head', 'spouse'))
          AND NOT EXISTS (SELECT 1 FROM persons a
                 WHERE a.municipality_code = p.municipality_code AND a.household_id = p.household_id
                   AND a.household_relation IN ('head', 'spouse')
                   AND NOT EXISTS (SELECT 1 FROM labour_market_periods l
                                    WHERE l.municipality_code = a.municipality_code AND l.person_id = a.id
                                      AND l.kind IN (${sql.join([...WORK_OR_EDUCATION])})
                                      AND l.from_date <= ${onDate}::date
                                      AND (l.to_date IS NULL OR l.to_date >= ${onDate}::date))))`;
}

/**
 * The children (persons under 18 on the plan date) taken over by the plan date or within
 * `arrivingWithinDays` after it who have no seat of the kind then (no enrolment of that kind
 * that has not ended before it; for school, a reception class counts as a seat), with the
 * institutions of the kind where a sibling is enrolled. Which of them need a seat (their age,
 * a reception class) is the domain's: `childrenNeedingSeat` in src/domain/placement-eligibility.ts.
 */
export async function loadChildrenNeedingSeat(
  tx: Tx,
  kind: 'daycare' | 'school',
  onDate: string,
  options: { arrivingWithinDays?: number } = {},
): Promise<ChildRecord[]> {
  const until = addDays(onDate, options.arrivingWithinDays ?? DEFAULT_ARRIVING_WITHIN_DAYS);
  const seatKinds = kind === 'daycare' ? ['daycare'] : ['school', 'reception_class'];
  const { rows } = await sql<ChildRow>`
    SELECT p.id, p.given_name, p.family_name, p.household_id, p.birth_date, p.languages, p.arrival_date, p.takeover_date,
           u.town_id, coalesce(u.deprived_area, false) AS deprived,
           ${parentsInWorkOrEducation(onDate)} AS parents_in_work_or_education,
           (SELECT coalesce(json_agg(DISTINCT e.institution_id), '[]'::json)
              FROM persons s
              JOIN enrolments e ON e.municipality_code = s.municipality_code AND e.person_id = s.id
              JOIN institutions i ON i.municipality_code = e.municipality_code AND i.id = e.institution_id
             WHERE s.municipality_code = p.municipality_code AND s.household_id = p.household_id AND s.id <> p.id
               AND i.kind = ${kind} AND e.start_date <= ${onDate}::date AND (e.end_date IS NULL OR e.end_date >= ${onDate}::date)) AS sibling_at
      FROM persons p
      JOIN households h ON h.municipality_code = p.municipality_code AND h.id = p.household_id
      LEFT JOIN housing_units u ON u.municipality_code = h.municipality_code AND u.id = h.housing_unit_id
     WHERE p.birth_date > ${yearsBefore(onDate, 18)}::date
       AND p.birth_date <= ${onDate}::date
       AND p.takeover_date <= ${until}::date
       AND NOT EXISTS (SELECT 1 FROM enrolments e
                        WHERE e.municipality_code = p.municipality_code AND e.person_id = p.id
                          AND e.kind IN (${sql.join(seatKinds)}) AND (e.end_date IS NULL OR e.end_date >= ${onDate}::date))
     ORDER BY p.household_id, p.birth_date, p.id`.execute(tx);
  const fallback = await mainTownId(tx);
  return rows.map((c) => ({
    id: c.id,
    givenName: c.given_name,
    familyName: c.family_name,
    householdId: c.household_id,
    birthDate: c.birth_date,
    age: ageOn(c.birth_date, onDate),
    languages: c.languages,
    arrivalDate: c.arrival_date,
    takeoverDate: c.takeover_date,
    townId: c.town_id ?? fallback,
    deprived: c.deprived,
    parentsInWorkOrEducation: c.parents_in_work_or_education,
    siblingAt: c.sibling_at,
  }));
}

interface AdultRow {
  id: string;
  given_name: string;
  family_name: string;
  household_id: string;
  birth_date: string;
  languages: string[];
  sectors: string[];
  town_id: string | null;
  planned_hours: number;
}

/**
 * Program participants of 18 or more on the plan date, within the `programYears` a program can
 * last, without a company-based activity (internship, wage subsidy, IGU, ordinary job) that has
 * not ended before the plan date. `plannedHours` sums their other activities on that date or
 * planned after it (Danish education, health, education).
 */
export async function loadAdultsNeedingInternship(
  tx: Tx,
  onDate: string,
  options: { programYears?: number; arrivingWithinDays?: number } = {},
): Promise<AdultInput[]> {
  const until = addDays(onDate, options.arrivingWithinDays ?? DEFAULT_ARRIVING_WITHIN_DAYS);
  const since = yearsBefore(onDate, options.programYears ?? DEFAULT_PROGRAM_YEARS);
  const { rows } = await sql<AdultRow>`
    SELECT p.id, p.given_name, p.family_name, p.household_id, p.birth_date, p.languages, p.sectors, u.town_id,
           (SELECT coalesce(sum(a.hours_per_week), 0)::float8 FROM activities a
             WHERE a.municipality_code = p.municipality_code AND a.person_id = p.id
               AND (a.end_date IS NULL OR a.end_date >= ${onDate}::date)) AS planned_hours
      FROM persons p
      JOIN households h ON h.municipality_code = p.municipality_code AND h.id = p.household_id
      LEFT JOIN housing_units u ON u.municipality_code = h.municipality_code AND u.id = h.housing_unit_id
     WHERE p.program IS NOT NULL
       AND p.birth_date <= ${yearsBefore(onDate, 18)}::date
       AND p.takeover_date > ${since}::date AND p.takeover_date <= ${until}::date
       AND NOT EXISTS (SELECT 1 FROM activities a
                        WHERE a.municipality_code = p.municipality_code AND a.person_id = p.id
                          AND a.kind IN ('company_internship','wage_subsidy','igu','ordinary_job')
                          AND (a.end_date IS NULL OR a.end_date >= ${onDate}::date))
     ORDER BY p.household_id, p.birth_date, p.id`.execute(tx);
  const fallback = await mainTownId(tx);
  return rows.map((p) => ({
    id: p.id,
    label: `${p.given_name} ${p.family_name}`,
    householdId: p.household_id,
    townId: p.town_id ?? fallback,
    sectors: p.sectors,
    languages: p.languages,
    plannedHours: p.planned_hours,
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
  municipalityCode: string;
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

/** A proposal with the names its view shows (src/services/presenters/placement.ts). */
export interface ProposalWithNames extends ProposalRecord {
  /** the household head's or the person's name; null when the person is gone */
  agentName: string | null;
  /** the unit's address, the institution's or the mentor's name (null for a position: see `position`, or when the option is gone) */
  optionName: string | null;
  /** the position's company and title, apart (option kind 'position' only) */
  position: { company: string; title: string } | null;
}

const planRecord = (r: Selectable<PlacementPlansTable>): PlanRecord => ({
  id: r.id,
  municipalityCode: r.municipality_code,
  kind: r.kind,
  planDate: r.plan_date,
  status: r.status,
  parameters: r.parameters,
  summary: r.summary,
  objective: r.objective,
  bound: r.bound,
  gap: r.gap,
  engine: r.engine,
  solveMs: r.solve_ms,
  createdBy: r.created_by,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  version: r.version,
});

const proposalRecord = (r: Selectable<PlacementProposalsTable>): ProposalRecord => ({
  id: r.id,
  planId: r.plan_id,
  agentKind: r.agent_kind,
  householdId: r.household_id,
  personId: r.person_id,
  optionKind: r.option_kind,
  optionId: r.option_id,
  score: r.score,
  explanation: r.explanation,
  status: r.status,
  decidedBy: r.decided_by,
  decidedAt: r.decided_at,
});

const CHUNK = 500;

/**
 * Stores a draft plan and its proposals. Throws a RangeError when a proposal does not fit the
 * plan's kind (a programming error, not a user's).
 */
export async function insertPlan(
  tx: Tx,
  plan: NewPlan,
  proposals: readonly NewProposal[],
): Promise<{ plan: PlanRecord; proposals: ProposalRecord[] }> {
  for (const p of proposals) {
    if (p.optionKind !== PLAN_OPTION_KIND[plan.kind] || !PLAN_AGENT_KINDS[plan.kind].includes(p.agentKind)) {
      throw new RangeError(`a ${plan.kind} plan cannot hold a proposal of ${p.agentKind} → ${p.optionKind}`);
    }
    if (p.agentKind === 'household' ? !p.householdId || p.personId : !p.personId)
      throw new RangeError(`a ${p.agentKind} proposal needs its ${p.agentKind} id`);
    if (!Number.isFinite(p.score)) throw new RangeError('a proposal score must be a finite number');
  }
  const row = await tx
    .insertInto('placement_plans')
    .values({
      municipality_code: plan.municipalityCode,
      kind: plan.kind,
      plan_date: plan.planDate,
      parameters: JSON.stringify(plan.parameters ?? {}),
      summary: JSON.stringify(plan.summary ?? {}),
      objective: finiteOrNull(plan.objective),
      bound: finiteOrNull(plan.bound),
      gap: finiteOrNull(plan.gap),
      engine: plan.engine,
      solve_ms: Math.max(0, Math.round(plan.solveMs)),
      created_by: plan.createdBy,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const inserted: ProposalRecord[] = [];
  for (let i = 0; i < proposals.length; i += CHUNK) {
    const rows = await tx
      .insertInto('placement_proposals')
      .values(
        proposals.slice(i, i + CHUNK).map((p) => ({
          municipality_code: plan.municipalityCode,
          plan_id: row.id,
          agent_kind: p.agentKind,
          household_id: p.householdId ?? null,
          person_id: p.personId ?? null,
          option_kind: p.optionKind,
          option_id: p.optionId,
          score: p.score,
          explanation: JSON.stringify(p.explanation ?? {}),
        })),
      )
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
export async function findPlan(
  tx: Tx,
  planId: string,
  options: { lock?: boolean } = {},
): Promise<PlanRecord | undefined> {
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
      eb
        .selectFrom('placement_proposals as pr')
        .whereRef('pr.municipality_code', '=', 'pl.municipality_code')
        .whereRef('pr.plan_id', '=', 'pl.id')
        .select(
          sql<{ proposed: number; accepted: number; rejected: number; superseded: number }>`json_build_object(
          'proposed', count(*) FILTER (WHERE pr.status = 'proposed'), 'accepted', count(*) FILTER (WHERE pr.status = 'accepted'),
          'rejected', count(*) FILTER (WHERE pr.status = 'rejected'), 'superseded', count(*) FILTER (WHERE pr.status = 'superseded'))`.as(
            'c',
          ),
        )
        .as('counts'),
    ])
    .orderBy('pl.created_at', 'desc')
    .orderBy('pl.id');
  if (options.kind) q = q.where('pl.kind', '=', options.kind);
  if (options.limit) q = q.limit(options.limit);
  const rows = await q.execute();
  return rows.map(({ counts, ...r }) => ({
    ...planRecord(r),
    proposals: counts ?? { proposed: 0, accepted: 0, rejected: 0, superseded: 0 },
  }));
}

/**
 * A plan's proposals with the names their view shows: the person's (or the household head's)
 * name, and the option's (the unit's address, the institution's or the mentor's name, the
 * position's company and title). Ordered by that name, then by score.
 */
export async function listProposals(tx: Tx, planId: string): Promise<ProposalWithNames[]> {
  type Row = Selectable<PlacementProposalsTable> & {
    agent_label: string | null;
    option_label: string | null;
    company: string | null;
    title: string | null;
  };
  const { rows } = await sql<Row>`
    SELECT pr.*,
           CASE WHEN pr.agent_kind = 'person'
                THEN (SELECT p.given_name || ' ' || p.family_name FROM persons p WHERE p.municipality_code = pr.municipality_code AND p.id = pr.person_id)
                ELSE (SELECT p.given_name || ' ' || p.family_name FROM persons p WHERE p.municipality_code = pr.municipality_code AND p.household_id = pr.household_id
                       ORDER BY ${MEMBER_ORDER} LIMIT 1)
           END AS agent_label,
           CASE pr.option_kind
             WHEN 'housing_unit' THEN (SELECT u.address FROM housing_units u WHERE u.municipality_code = pr.municipality_code AND u.id = pr.option_id)
             WHEN 'institution' THEN (SELECT i.name FROM institutions i WHERE i.municipality_code = pr.municipality_code AND i.id = pr.option_id)
             WHEN 'mentor' THEN (SELECT v.given_name || ' ' || v.family_name FROM volunteers v WHERE v.municipality_code = pr.municipality_code AND v.id = pr.option_id)
           END AS option_label,
           po.title, c.name AS company
      FROM placement_proposals pr
      LEFT JOIN positions po ON pr.option_kind = 'position' AND po.municipality_code = pr.municipality_code AND po.id = pr.option_id
      LEFT JOIN companies c ON c.municipality_code = po.municipality_code AND c.id = po.company_id
     WHERE pr.plan_id = ${planId}
     ORDER BY agent_label, pr.score DESC, pr.id`.execute(tx);
  return rows.map(({ agent_label, option_label, company, title, ...r }) => ({
    ...proposalRecord(r),
    agentName: agent_label,
    optionName: option_label,
    position: company !== null && title !== null ? { company, title } : null,
  }));
}

/**
 * Discards the other draft plans of a kind (a newer plan replaces them): their open proposals
 * become 'superseded'. Returns the number of plans discarded.
 */
export async function supersedeDrafts(tx: Tx, kind: PlanKind, exceptPlanId: string): Promise<number> {
  const plans = await tx
    .updateTable('placement_plans')
    .set({ status: 'discarded', version: sql`version + 1`, updated_at: sql`now()` })
    .where('kind', '=', kind)
    .where('status', '=', 'draft')
    .where('id', '<>', exceptPlanId)
    .returning('id')
    .execute();
  if (plans.length > 0) {
    await tx
      .updateTable('placement_proposals')
      .set({ status: 'superseded' })
      .where(
        'plan_id',
        'in',
        plans.map((p) => p.id),
      )
      .where('status', '=', 'proposed')
      .execute();
  }
  return plans.length;
}

// ----- decisions -----
// The rules are the domain's (src/domain/placement-plan.ts); here the rows they read are loaded
// and locked (FOR UPDATE, until the transaction ends), and the effects they return are written.

/**
 * The proposals a decision names, locked: with 'all', the plan's open proposals; with ids, the
 * plan's proposals among them in any status (the domain tells which are not pending).
 */
export async function lockProposals(tx: Tx, planId: string, ids: readonly string[] | 'all'): Promise<ProposalRecord[]> {
  if (ids === 'all') {
    return (
      await tx
        .selectFrom('placement_proposals')
        .selectAll()
        .where('plan_id', '=', planId)
        .where('status', '=', 'proposed')
        .orderBy('id')
        .forUpdate()
        .execute()
    ).map(proposalRecord);
  }
  const distinct = [...new Set(ids)];
  if (distinct.length === 0) return [];
  return (
    await tx
      .selectFrom('placement_proposals')
      .selectAll()
      .where('plan_id', '=', planId)
      .where('id', 'in', distinct)
      .orderBy('id')
      .forUpdate()
      .execute()
  ).map(proposalRecord);
}

type Keys = { optionIds: string[]; householdIds: string[]; personIds: string[] };

/** The units (locked) and the households (locked) of housing proposals. */
export async function loadHousingState(tx: Tx, keys: Keys): Promise<HousingState> {
  const units =
    keys.optionIds.length === 0
      ? []
      : await tx
          .selectFrom('housing_units')
          .select(['id', 'status', 'tenure', 'address'])
          .where('id', 'in', keys.optionIds)
          .orderBy('id')
          .forUpdate()
          .execute();
  const households =
    keys.householdIds.length === 0
      ? []
      : await tx
          .selectFrom('households')
          .select(['id', 'housing_status', 'housing_unit_id'])
          .where('id', 'in', keys.householdIds)
          .orderBy('id')
          .forUpdate()
          .execute();
  return {
    kind: 'housing',
    units: new Map(units.map((u) => [u.id, u])),
    households: new Map(
      households.map((h) => [h.id, { id: h.id, housingStatus: h.housing_status, housingUnitId: h.housing_unit_id }]),
    ),
  };
}

/** The institutions (locked) of seat proposals, and their children: languages, arrival, area, and a current seat of the kind. */
export async function loadSeatState(
  tx: Tx,
  kind: 'daycare' | 'school',
  planDate: string,
  keys: Keys,
): Promise<SeatState> {
  const institutions =
    keys.optionIds.length === 0
      ? []
      : await tx
          .selectFrom('institutions')
          .select(['id', 'kind', 'name', 'capacity', 'enrolled', 'has_reception_class'])
          .where('id', 'in', keys.optionIds)
          .orderBy('id')
          .forUpdate()
          .execute();
  const { rows: children } =
    keys.personIds.length === 0
      ? { rows: [] }
      : await sql<{
          id: string;
          languages: string[];
          arrival_date: string | null;
          takeover_date: string;
          deprived: boolean;
          parents_in_work_or_education: boolean;
          enrolled: boolean;
        }>`
      SELECT p.id, p.languages, p.arrival_date, p.takeover_date, coalesce(u.deprived_area, false) AS deprived,
             ${parentsInWorkOrEducation(planDate)} AS parents_in_work_or_education,
             EXISTS (SELECT 1 FROM enrolments e WHERE e.municipality_code = p.municipality_code AND e.person_id = p.id
                        AND e.kind IN (${sql.join(kind === 'daycare' ? ['daycare'] : ['school', 'reception_class'])})
                        AND (e.end_date IS NULL OR e.end_date >= ${planDate}::date)) AS enrolled
        FROM persons p
        JOIN households h ON h.municipality_code = p.municipality_code AND h.id = p.household_id
        LEFT JOIN housing_units u ON u.municipality_code = h.municipality_code AND u.id = h.housing_unit_id
       WHERE p.id IN (${sql.join(keys.personIds)})`.execute(tx);
  return {
    kind,
    institutions: new Map(
      institutions.map((i) => [
        i.id,
        {
          id: i.id,
          kind: i.kind,
          name: i.name,
          capacity: i.capacity,
          enrolled: i.enrolled,
          hasReceptionClass: i.has_reception_class,
        },
      ]),
    ),
    children: new Map(
      children.map((c) => [
        c.id,
        {
          id: c.id,
          languages: c.languages,
          arrivalDate: c.arrival_date,
          takeoverDate: c.takeover_date,
          deprived: c.deprived,
          parentsInWorkOrEducation: c.parents_in_work_or_education,
          enrolled: c.enrolled,
        },
      ]),
    ),
  };
}

/** The positions (locked) of internship proposals with the seats filled on the plan date, and the adults placed already. */
export async function loadInternshipState(tx: Tx, planDate: string, keys: Keys): Promise<InternshipState> {
  const { rows: positions } =
    keys.optionIds.length === 0
      ? { rows: [] }
      : await sql<{
          id: string;
          kind: (typeof COMPANY_OFFER_KINDS)[number];
          hours_per_week: number;
          seats: number;
          company_name: string;
          title: string;
          filled: number;
        }>`
    SELECT po.id, po.kind, po.hours_per_week, po.seats, c.name AS company_name, po.title,
           (SELECT count(*)::int FROM activities a WHERE a.municipality_code = po.municipality_code AND a.position_id = po.id
               AND (a.end_date IS NULL OR a.end_date >= ${planDate}::date)) AS filled
      FROM positions po JOIN companies c ON c.municipality_code = po.municipality_code AND c.id = po.company_id
     WHERE po.id IN (${sql.join(keys.optionIds)})
     ORDER BY po.id
       FOR UPDATE OF po`.execute(tx);
  const placed =
    keys.personIds.length === 0
      ? []
      : await tx
          .selectFrom('activities')
          .select('person_id')
          .where('person_id', 'in', keys.personIds)
          .where('kind', 'in', COMPANY_OFFER_KINDS)
          .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>=', planDate)]))
          .execute();
  return {
    kind: 'internships',
    positions: new Map(
      positions.map((p) => [
        p.id,
        {
          id: p.id,
          kind: p.kind,
          hoursPerWeek: p.hours_per_week,
          seats: p.seats,
          companyName: p.company_name,
          title: p.title,
          filled: p.filled,
        },
      ]),
    ),
    placed: new Set(placed.map((a) => a.person_id)),
  };
}

/**
 * The volunteers (locked) of mentor proposals with their current mentorships, and who of the
 * proposals' households and persons has a current mentor (a household counts as mentored when
 * it or a member is). `householdIds` are the households proposed as such (not through a person).
 */
export async function loadMentorState(tx: Tx, planDate: string, keys: Keys): Promise<MentorState> {
  type Row = { id: string; name: string; mentor: boolean; capacity: number; current: number };
  const { rows: mentors } =
    keys.optionIds.length === 0
      ? { rows: [] }
      : await sql<Row>`
    SELECT v.id, v.given_name || ' ' || v.family_name AS name, v.mentor, v.mentor_capacity AS capacity,
           (SELECT count(*)::int FROM mentorships m WHERE m.municipality_code = v.municipality_code AND m.volunteer_id = v.id
               AND (m.to_date IS NULL OR m.to_date >= ${planDate}::date)) AS current
      FROM volunteers v
     WHERE v.id IN (${sql.join(keys.optionIds)})
     ORDER BY v.id
       FOR UPDATE`.execute(tx);
  const { householdIds, personIds } = keys;
  const { rows: mentored } = await sql<{ household_id: string | null; person_id: string | null }>`
    SELECT m.household_id, m.person_id FROM mentorships m
     WHERE (m.to_date IS NULL OR m.to_date >= ${planDate}::date)
       AND (m.household_id IN (${sql.join(householdIds.length ? householdIds : [null])})
            OR m.person_id IN (${sql.join(personIds.length ? personIds : [null])})
            OR m.person_id IN (SELECT p.id FROM persons p WHERE p.household_id IN (${sql.join(householdIds.length ? householdIds : [null])})))`.execute(
    tx,
  );
  const { rows: memberOf } =
    householdIds.length === 0
      ? { rows: [] as { id: string; household_id: string }[] }
      : await sql<{
          id: string;
          household_id: string;
        }>`SELECT p.id, p.household_id FROM persons p WHERE p.household_id IN (${sql.join(householdIds)})`.execute(tx);
  const householdOfPerson = new Map(memberOf.map((p) => [p.id, p.household_id]));
  return {
    kind: 'mentors',
    mentors: new Map(mentors.map((m) => [m.id, m])),
    mentoredHouseholds: new Set(
      mentored
        .flatMap((m) => [m.household_id, m.person_id ? householdOfPerson.get(m.person_id) : undefined])
        .filter((x): x is string => !!x),
    ),
    mentoredPersons: new Set(mentored.flatMap((m) => (m.person_id ? [m.person_id] : []))),
  };
}

/** Writes what an acceptance decided (src/domain/placement-plan.ts `checkAcceptance`), from the plan date, as `userId`. */
export async function writeAcceptance(
  tx: Tx,
  plan: PlanRecord,
  effects: AcceptanceEffects,
  userId: string,
): Promise<void> {
  const municipality_code = plan.municipalityCode;
  switch (effects.kind) {
    case 'housing':
      for (const m of effects.moves) {
        await tx
          .updateTable('households')
          .set({ housing_unit_id: m.unitId, housing_status: m.tenure })
          .where('id', '=', m.householdId)
          .execute();
        await tx
          .updateTable('housing_units')
          .set({ status: 'let', version: sql`version + 1` })
          .where('id', '=', m.unitId)
          .execute();
        if (m.previousUnitId && m.previousUnitId !== m.unitId) {
          // The unit left behind is available again from the plan date, unless someone else lives there.
          const previous = m.previousUnitId;
          await tx
            .updateTable('housing_units')
            .set({
              status: 'available',
              available_from: sql`greatest(available_from, ${plan.planDate}::date)`,
              version: sql`version + 1`,
            })
            .where('id', '=', previous)
            .where((eb) =>
              eb.not(eb.exists(eb.selectFrom('households').select('id').where('housing_unit_id', '=', previous))),
            )
            .execute();
        }
      }
      return;
    case 'daycare':
    case 'school': {
      const rows = effects.enrolments.map((e) => ({
        municipality_code,
        person_id: e.personId,
        kind: e.kind,
        institution_id: e.institutionId,
        start_date: plan.planDate,
        created_by: userId,
      }));
      for (let i = 0; i < rows.length; i += CHUNK)
        await tx
          .insertInto('enrolments')
          .values(rows.slice(i, i + CHUNK))
          .execute();
      for (const k of effects.counters) {
        await tx
          .updateTable('institutions')
          .set({
            enrolled: sql`enrolled + ${k.enrolled}`,
            bilingual_enrolled: sql`bilingual_enrolled + ${k.bilingual}`,
            admitted_this_year: sql`admitted_this_year + ${k.enrolled}`,
            admitted_from_deprived_this_year: sql`admitted_from_deprived_this_year + ${k.deprived}`,
          })
          .where('id', '=', k.institutionId)
          .execute();
      }
      return;
    }
    case 'internships': {
      const rows = effects.activities.map((a) => ({
        municipality_code,
        person_id: a.personId,
        kind: a.kind,
        start_date: plan.planDate,
        hours_per_week: a.hoursPerWeek,
        provider: a.provider,
        position_id: a.positionId,
        created_by: userId,
      }));
      for (let i = 0; i < rows.length; i += CHUNK)
        await tx
          .insertInto('activities')
          .values(rows.slice(i, i + CHUNK))
          .execute();
      return;
    }
    case 'mentors': {
      const rows = effects.mentorships.map((m) => ({
        municipality_code,
        volunteer_id: m.volunteerId,
        household_id: m.householdId,
        person_id: m.personId,
        from_date: plan.planDate,
        created_by: userId,
      }));
      for (let i = 0; i < rows.length; i += CHUNK)
        await tx
          .insertInto('mentorships')
          .values(rows.slice(i, i + CHUNK))
          .execute();
      return;
    }
  }
}

/** Marks proposals decided by `userId` now. */
export async function markDecided(
  tx: Tx,
  planId: string,
  proposals: readonly ProposalFacts[],
  decision: 'accepted' | 'rejected',
  userId: string,
): Promise<ProposalRecord[]> {
  if (proposals.length === 0) return [];
  return (
    await tx
      .updateTable('placement_proposals')
      .set({ status: decision, decided_by: userId, decided_at: sql`now()` })
      .where('plan_id', '=', planId)
      .where(
        'id',
        'in',
        proposals.map((p) => p.id),
      )
      .returningAll()
      .execute()
  ).map(proposalRecord);
}

/** The number of a plan's proposals that are open, accepted and rejected. */
export async function proposalCounts(
  tx: Tx,
  planId: string,
): Promise<{ proposed: number; accepted: number; rejected: number }> {
  return tx
    .selectFrom('placement_proposals')
    .select([
      sql<number>`count(*) FILTER (WHERE status = 'proposed')::int`.as('proposed'),
      sql<number>`count(*) FILTER (WHERE status = 'accepted')::int`.as('accepted'),
      sql<number>`count(*) FILTER (WHERE status = 'rejected')::int`.as('rejected'),
    ])
    .where('plan_id', '=', planId)
    .executeTakeFirstOrThrow();
}

/** Sets a plan's status; its version goes up. */
export async function setPlanStatus(tx: Tx, planId: string, status: PlanStatus): Promise<PlanRecord> {
  const updated = await tx
    .updateTable('placement_plans')
    .set({ status, version: sql`version + 1`, updated_at: sql`now()` })
    .where('id', '=', planId)
    .returningAll()
    .executeTakeFirstOrThrow();
  return planRecord(updated);
}

/** The members (person ids) of the given households. */
export async function householdMembers(
  tx: Tx,
  householdIds: readonly string[],
): Promise<{ id: string; household_id: string }[]> {
  if (householdIds.length === 0) return [];
  return tx
    .selectFrom('persons')
    .select(['id', 'household_id'])
    .where('household_id', 'in', householdIds)
    .orderBy('household_id')
    .orderBy('birth_date')
    .execute();
}
