// A placement plan's acceptance rules and state machine (issue 5, issue 10): pure functions.
// Given the proposals a coordinator named, the proposals found in the plan and the current state
// of the options (loaded FOR UPDATE by the repository), they return the conflicts, or the effects
// the repository writes. The service runs: load → select → load the options → check → write.
//
// Conflicts are returned, not thrown: a decision with any conflict writes nothing, and the
// service answers 409 naming each one. Their order is the order they are found in: the proposals
// named (not in the plan, not pending), then two proposals for one agent, then the kind's checks
// proposal by proposal.
import { countsInDeprivedAreaCap, needsReceptionClass, type EligibilityFigures } from './placement-eligibility.js';
import type { IsoDate } from './dates.js';
import { isBilingual } from './model.js';

export type PlanKind = 'housing' | 'daycare' | 'school' | 'internships' | 'mentors';
export type PlanStatus = 'draft' | 'accepted' | 'partially_accepted' | 'discarded';
export type ProposalStatus = 'proposed' | 'accepted' | 'rejected' | 'superseded';
export type Decision = 'accepted' | 'rejected';

/** What the rules read of a proposal. */
export interface ProposalFacts {
  id: string;
  agentKind: 'household' | 'person';
  householdId: string | null;
  personId: string | null;
  optionId: string;
  status: ProposalStatus;
}

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

/**
 * The proposals a decision covers. `requested` is 'all' (then `found` holds the plan's open
 * proposals) or ids (then `found` holds the plan's proposals among them, in any status). A named
 * proposal not in the plan or no longer open is a conflict, and so are two proposals for one agent.
 */
export function selectProposals<P extends ProposalFacts>(
  planId: string,
  requested: readonly string[] | 'all',
  found: readonly P[],
): { proposals: P[]; conflicts: DecisionConflict[] } {
  const conflicts: DecisionConflict[] = [];
  let proposals: P[];
  if (requested === 'all') {
    proposals = [...found];
  } else {
    const byId = new Map(found.map((p) => [p.id, p]));
    proposals = [];
    for (const id of new Set(requested)) {
      const p = byId.get(id);
      if (!p)
        conflicts.push({
          proposalId: id,
          reason: 'not_in_plan',
          optionId: null,
          message: `proposal ${id} is not in plan ${planId}`,
        });
      else if (p.status !== 'proposed') {
        conflicts.push({
          proposalId: id,
          reason: 'not_pending',
          optionId: p.optionId,
          message: `proposal ${id} is ${p.status} already`,
        });
      } else proposals.push(p);
    }
  }
  const seen = new Set<string>();
  for (const p of proposals) {
    const agent = agentIdOf(p);
    if (seen.has(agent)) {
      conflicts.push({
        proposalId: p.id,
        reason: 'duplicate_agent',
        optionId: p.optionId,
        message: `two proposals for ${p.agentKind} ${agent} in one decision`,
      });
    }
    seen.add(agent);
  }
  return { proposals, conflicts };
}

// ---- The options' state, as loaded (locked) for the proposals to accept ---------------------

export interface HousingState {
  kind: 'housing';
  units: ReadonlyMap<
    string,
    { id: string; status: 'available' | 'reserved' | 'let'; tenure: 'temporary' | 'permanent'; address: string }
  >;
  households: ReadonlyMap<
    string,
    { id: string; housingStatus: 'none' | 'temporary' | 'permanent'; housingUnitId: string | null }
  >;
}

export interface SeatState {
  kind: 'daycare' | 'school';
  institutions: ReadonlyMap<
    string,
    { id: string; kind: string; name: string; capacity: number; enrolled: number; hasReceptionClass: boolean }
  >;
  children: ReadonlyMap<
    string,
    {
      id: string;
      languages: string[];
      arrivalDate: IsoDate | null;
      takeoverDate: IsoDate;
      deprived: boolean;
      parentsInWorkOrEducation: boolean;
      enrolled: boolean;
    }
  >;
}

export interface InternshipState {
  kind: 'internships';
  positions: ReadonlyMap<
    string,
    {
      id: string;
      kind: 'company_internship' | 'wage_subsidy' | 'igu' | 'ordinary_job';
      hoursPerWeek: number;
      seats: number;
      companyName: string;
      title: string;
      filled: number;
    }
  >;
  /** persons with a company-based activity not ended before the plan date */
  placed: ReadonlySet<string>;
}

export interface MentorState {
  kind: 'mentors';
  mentors: ReadonlyMap<string, { id: string; name: string; mentor: boolean; capacity: number; current: number }>;
  /** households with a current mentorship, for the household or a member */
  mentoredHouseholds: ReadonlySet<string>;
  /** persons with a current mentorship of their own */
  mentoredPersons: ReadonlySet<string>;
}

export type OptionState = HousingState | SeatState | InternshipState | MentorState;

// ---- What acceptance writes ------------------------------------------------------------------

/** The household moves into the unit (housing status = the unit's tenure), the unit is let; a unit it leaves is released. */
export interface HousingEffects {
  kind: 'housing';
  moves: { householdId: string; unitId: string; tenure: 'temporary' | 'permanent'; previousUnitId: string | null }[];
}

/** Enrolments from the plan date and the institutions' counters (enrolled, bilingual, admitted, admitted from a deprived area). */
export interface SeatEffects {
  kind: 'daycare' | 'school';
  enrolments: { personId: string; institutionId: string; kind: 'daycare' | 'school' | 'reception_class' }[];
  counters: { institutionId: string; enrolled: number; bilingual: number; deprived: number }[];
}

/** Activities of the position's kind at the company, with its hours, from the plan date. */
export interface InternshipEffects {
  kind: 'internships';
  activities: {
    personId: string;
    kind: 'company_internship' | 'wage_subsidy' | 'igu' | 'ordinary_job';
    hoursPerWeek: number;
    provider: string;
    positionId: string;
  }[];
}

/** Mentorships from the plan date: of the household, or of the person. */
export interface MentorEffects {
  kind: 'mentors';
  mentorships: { volunteerId: string; householdId: string | null; personId: string | null }[];
}

export type AcceptanceEffects = HousingEffects | SeatEffects | InternshipEffects | MentorEffects;

const conflict = (p: ProposalFacts, reason: ConflictReason, message: string): DecisionConflict => ({
  proposalId: p.id,
  reason,
  optionId: p.optionId,
  message,
});

// A proposal names its agent's id (the repository refuses one without): these read it.
function agentIdOf(p: ProposalFacts): string {
  const id = p.personId ?? p.householdId;
  if (id === null) throw new RangeError(`proposal ${p.id} names neither a person nor a household`);
  return id;
}
function householdIdOf(p: ProposalFacts): string {
  if (p.householdId === null) throw new RangeError(`proposal ${p.id} names no household`);
  return p.householdId;
}
function personIdOf(p: ProposalFacts): string {
  if (p.personId === null) throw new RangeError(`proposal ${p.id} names no person`);
  return p.personId;
}

/** The option ids and agent ids whose state acceptance needs (the repository loads and locks them). */
export function acceptanceKeys(proposals: readonly ProposalFacts[]): {
  optionIds: string[];
  householdIds: string[];
  personIds: string[];
} {
  const distinct = (values: readonly string[]) => [...new Set(values)].sort();
  return {
    optionIds: distinct(proposals.map((p) => p.optionId)),
    // households proposed as such (a person's proposal may name the household too)
    householdIds: distinct(
      proposals.flatMap((p) => (p.agentKind === 'household' && p.householdId ? [p.householdId] : [])),
    ),
    personIds: distinct(proposals.flatMap((p) => (p.personId ? [p.personId] : []))),
  };
}

/**
 * The conflicts of accepting `proposals` against the options' current state, and the effects
 * acceptance has when there are none. `planDate` and `figures` decide a school child's reception class.
 */
export function checkAcceptance(
  proposals: readonly ProposalFacts[],
  state: OptionState,
  planDate: IsoDate,
  figures: EligibilityFigures,
): { conflicts: DecisionConflict[]; effects: AcceptanceEffects } {
  switch (state.kind) {
    case 'housing':
      return checkHousing(proposals, state);
    case 'daycare':
    case 'school':
      return checkSeats(proposals, state, planDate, figures);
    case 'internships':
      return checkInternships(proposals, state);
    case 'mentors':
      return checkMentors(proposals, state);
  }
}

function checkHousing(
  proposals: readonly ProposalFacts[],
  s: HousingState,
): { conflicts: DecisionConflict[]; effects: HousingEffects } {
  const conflicts: DecisionConflict[] = [];
  const taken = new Set<string>();
  const moves: HousingEffects['moves'] = [];
  for (const p of proposals) {
    const unit = s.units.get(p.optionId);
    const householdId = householdIdOf(p);
    const household = s.households.get(householdId);
    if (!unit) conflicts.push(conflict(p, 'option_missing', `housing unit ${p.optionId} does not exist`));
    else if (unit.status !== 'available' || taken.has(unit.id)) {
      conflicts.push(
        conflict(
          p,
          'unit_not_available',
          `${unit.address} is ${taken.has(unit.id) ? 'taken by another proposal' : unit.status}`,
        ),
      );
    }
    if (household?.housingStatus === 'permanent')
      conflicts.push(conflict(p, 'household_housed', `household ${householdId} has permanent housing already`));
    if (unit) {
      taken.add(unit.id);
      moves.push({
        householdId,
        unitId: unit.id,
        tenure: unit.tenure,
        previousUnitId: household?.housingUnitId ?? null,
      });
    }
  }
  return { conflicts, effects: { kind: 'housing', moves } };
}

function checkSeats(
  proposals: readonly ProposalFacts[],
  s: SeatState,
  planDate: IsoDate,
  figures: EligibilityFigures,
): { conflicts: DecisionConflict[]; effects: SeatEffects } {
  const conflicts: DecisionConflict[] = [];
  const used = new Map<string, number>();
  const seated: {
    p: ProposalFacts;
    personId: string;
    institution: NonNullable<ReturnType<SeatState['institutions']['get']>>;
  }[] = [];
  for (const p of proposals) {
    const institution = s.institutions.get(p.optionId);
    if (!institution || institution.kind !== s.kind) {
      conflicts.push(conflict(p, 'option_missing', `no ${s.kind} ${p.optionId}`));
      continue;
    }
    const personId = personIdOf(p);
    seated.push({ p, personId, institution });
    const n = (used.get(institution.id) ?? 0) + 1;
    used.set(institution.id, n);
    if (institution.enrolled + n > institution.capacity) {
      const seats = `${institution.enrolled} enrolled, capacity ${institution.capacity}`;
      conflicts.push(conflict(p, 'institution_full', `${institution.name} has no free seat (${seats})`));
    }
    if (s.children.get(personId)?.enrolled)
      conflicts.push(conflict(p, 'already_enrolled', `person ${personId} has a ${s.kind} seat already`));
  }
  if (conflicts.length > 0) return { conflicts, effects: { kind: s.kind, enrolments: [], counters: [] } };
  const counters = new Map<string, SeatEffects['counters'][number]>();
  const enrolments = seated.map(({ p, personId, institution }) => {
    const c = s.children.get(personId);
    if (!c) throw new RangeError(`person ${personId} of proposal ${p.id} was not loaded`);
    const reception = s.kind === 'school' && institution.hasReceptionClass && needsReceptionClass(c, planDate, figures);
    const k = counters.get(institution.id) ?? { institutionId: institution.id, enrolled: 0, bilingual: 0, deprived: 0 };
    k.enrolled++;
    if (isBilingual(c.languages)) k.bilingual++;
    if (countsInDeprivedAreaCap(c, figures)) k.deprived++;
    counters.set(institution.id, k);
    return { personId: c.id, institutionId: institution.id, kind: reception ? ('reception_class' as const) : s.kind };
  });
  return { conflicts, effects: { kind: s.kind, enrolments, counters: [...counters.values()] } };
}

function checkInternships(
  proposals: readonly ProposalFacts[],
  s: InternshipState,
): { conflicts: DecisionConflict[]; effects: InternshipEffects } {
  const conflicts: DecisionConflict[] = [];
  const used = new Map<string, number>();
  const activities: InternshipEffects['activities'] = [];
  for (const p of proposals) {
    const position = s.positions.get(p.optionId);
    if (!position) {
      conflicts.push(conflict(p, 'option_missing', `position ${p.optionId} does not exist`));
      continue;
    }
    const n = (used.get(position.id) ?? 0) + 1;
    used.set(position.id, n);
    if (position.filled + n > position.seats) {
      const seats = `${position.filled} of ${position.seats} filled`;
      conflicts.push(
        conflict(p, 'position_full', `${position.companyName}: ${position.title} has no free seat (${seats})`),
      );
    }
    const personId = personIdOf(p);
    if (s.placed.has(personId))
      conflicts.push(conflict(p, 'already_placed', `person ${personId} has a company-based activity already`));
    activities.push({
      personId,
      kind: position.kind,
      hoursPerWeek: position.hoursPerWeek,
      provider: position.companyName,
      positionId: position.id,
    });
  }
  return { conflicts, effects: { kind: 'internships', activities } };
}

function checkMentors(
  proposals: readonly ProposalFacts[],
  s: MentorState,
): { conflicts: DecisionConflict[]; effects: MentorEffects } {
  const conflicts: DecisionConflict[] = [];
  const used = new Map<string, number>();
  for (const p of proposals) {
    const mentor = s.mentors.get(p.optionId);
    if (!mentor || !mentor.mentor) {
      conflicts.push(conflict(p, 'option_missing', `volunteer ${p.optionId} is not a mentor`));
      continue;
    }
    const n = (used.get(mentor.id) ?? 0) + 1;
    used.set(mentor.id, n);
    if (mentor.current + n > mentor.capacity) {
      conflicts.push(
        conflict(
          p,
          'mentor_full',
          `${mentor.name} has no room for another family (${mentor.current} of ${mentor.capacity})`,
        ),
      );
    }
    const already = p.personId ? s.mentoredPersons.has(p.personId) : s.mentoredHouseholds.has(householdIdOf(p));
    if (already)
      conflicts.push(
        conflict(p, 'already_mentored', `${p.agentKind} ${p.personId ?? p.householdId} has a mentor already`),
      );
  }
  const mentorships = proposals.map((p) => ({
    volunteerId: p.optionId,
    householdId: p.personId ? null : p.householdId,
    personId: p.personId,
  }));
  return { conflicts, effects: { kind: 'mentors', mentorships } };
}

/**
 * A plan's status from its proposals: accepted when all are decided and none rejected;
 * partially_accepted when some are accepted (and some rejected or still open); discarded when all
 * are decided and none accepted; draft while none is accepted and some are open.
 */
export function planStatus(counts: { proposed: number; accepted: number; rejected: number }): PlanStatus {
  if (counts.proposed === 0)
    return counts.accepted > 0 ? (counts.rejected === 0 ? 'accepted' : 'partially_accepted') : 'discarded';
  return counts.accepted > 0 ? 'partially_accepted' : 'draft';
}
