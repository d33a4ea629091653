// A placement plan's acceptance rules and state machine as pure functions (src/domain/placement-plan.ts):
// which proposals a decision covers, the conflicts of accepting them against the options' state,
// the effects acceptance writes, and the plan's status. No database: placement-repository.test.ts
// runs the same rules through the service on both engines.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  acceptanceKeys,
  checkAcceptance,
  planStatus,
  selectProposals,
  type HousingState,
  type InternshipState,
  type MentorState,
  type ProposalFacts,
  type SeatState,
} from '../src/domain/placement-plan.js';
import { shippedPolicies } from '../src/policy/load.js';
import { placementFigures, placementParameters } from '../src/policy/placement.js';

const DATE = '2026-11-23';
const FIGURES = placementFigures(placementParameters(shippedPolicies(), '580', DATE)).eligibility;

const household = (
  id: string,
  householdId: string,
  optionId: string,
  status: ProposalFacts['status'] = 'proposed',
): ProposalFacts => ({ id, agentKind: 'household', householdId, personId: null, optionId, status });
const person = (
  id: string,
  personId: string,
  optionId: string,
  status: ProposalFacts['status'] = 'proposed',
): ProposalFacts => ({ id, agentKind: 'person', householdId: 'hh', personId, optionId, status });
const reasons = (r: { conflicts: { reason: string }[] }) => r.conflicts.map((c) => c.reason);

describe('the proposals a decision covers', () => {
  test('named proposals not in the plan or no longer open are conflicts, each once, in the order named', () => {
    const found = [person('p1', 'a', 'o1', 'accepted'), person('p2', 'b', 'o1')];
    const r = selectProposals('plan', ['p1', 'missing', 'p2', 'p1'], found);
    assert.deepEqual(
      r.proposals.map((p) => p.id),
      ['p2'],
    );
    assert.deepEqual(r.conflicts, [
      { proposalId: 'p1', reason: 'not_pending', optionId: 'o1', message: 'proposal p1 is accepted already' },
      { proposalId: 'missing', reason: 'not_in_plan', optionId: null, message: 'proposal missing is not in plan plan' },
    ]);
  });

  test("'all' covers the open proposals found; two proposals for one agent are a conflict", () => {
    const r = selectProposals('plan', 'all', [
      person('p1', 'a', 'o1'),
      person('p2', 'a', 'o2'),
      household('p3', 'h', 'u'),
    ]);
    assert.deepEqual(
      r.proposals.map((p) => p.id),
      ['p1', 'p2', 'p3'],
    );
    assert.deepEqual(r.conflicts, [
      {
        proposalId: 'p2',
        reason: 'duplicate_agent',
        optionId: 'o2',
        message: 'two proposals for person a in one decision',
      },
    ]);
    assert.deepEqual(selectProposals('plan', [], []), { proposals: [], conflicts: [] });
  });

  test('the keys to load: options, households proposed as such, persons', () => {
    assert.deepEqual(acceptanceKeys([person('p1', 'b', 'o2'), person('p2', 'a', 'o1'), household('p3', 'h', 'o1')]), {
      optionIds: ['o1', 'o2'],
      householdIds: ['h'],
      personIds: ['a', 'b'],
    });
  });
});

describe('accepting housing', () => {
  const state: HousingState = {
    kind: 'housing',
    units: new Map([
      ['u1', { id: 'u1', status: 'available', tenure: 'permanent', address: 'Storegade 1' }],
      ['u2', { id: 'u2', status: 'let', tenure: 'permanent', address: 'Storegade 2' }],
      ['u3', { id: 'u3', status: 'available', tenure: 'temporary', address: 'Storegade 3' }],
    ]),
    households: new Map([
      ['h1', { id: 'h1', housingStatus: 'none', housingUnitId: null }],
      ['h2', { id: 'h2', housingStatus: 'temporary', housingUnitId: 'u9' }],
      ['h3', { id: 'h3', housingStatus: 'permanent', housingUnitId: 'u8' }],
    ]),
  };

  test("the household moves in with the unit's tenure; the unit it leaves is named for release", () => {
    const r = checkAcceptance([household('p1', 'h1', 'u1'), household('p2', 'h2', 'u3')], state, DATE, FIGURES);
    assert.deepEqual(r.conflicts, []);
    assert.deepEqual(r.effects, {
      kind: 'housing',
      moves: [
        { householdId: 'h1', unitId: 'u1', tenure: 'permanent', previousUnitId: null },
        { householdId: 'h2', unitId: 'u3', tenure: 'temporary', previousUnitId: 'u9' },
      ],
    });
  });

  test('a let unit, a unit taken twice, a missing unit and a housed household are conflicts', () => {
    const r = checkAcceptance(
      [
        household('p1', 'h1', 'u2'),
        household('p2', 'h1', 'u3'),
        household('p3', 'h2', 'u3'),
        household('p4', 'h2', 'x'),
        household('p5', 'h3', 'u1'),
      ],
      state,
      DATE,
      FIGURES,
    );
    assert.deepEqual(
      r.conflicts.map((c) => [c.proposalId, c.reason, c.message]),
      [
        ['p1', 'unit_not_available', 'Storegade 2 is let'],
        ['p3', 'unit_not_available', 'Storegade 3 is taken by another proposal'],
        ['p4', 'option_missing', 'housing unit x does not exist'],
        ['p5', 'household_housed', 'household h3 has permanent housing already'],
      ],
    );
  });
});

describe('accepting daycare and school seats', () => {
  const seats = (kind: 'daycare' | 'school'): SeatState => ({
    kind,
    institutions: new Map([
      ['d1', { id: 'd1', kind: 'daycare', name: 'Solsikken', capacity: 40, enrolled: 39, hasReceptionClass: false }],
      ['s1', { id: 's1', kind: 'school', name: 'Høj Skole', capacity: 300, enrolled: 280, hasReceptionClass: true }],
    ]),
    children: new Map([
      [
        'c1',
        {
          id: 'c1',
          languages: ['ar'],
          arrivalDate: '2026-10-20',
          takeoverDate: '2026-11-01',
          deprived: true,
          parentsInWorkOrEducation: false,
          enrolled: false,
        },
      ],
      [
        'c2',
        {
          id: 'c2',
          languages: ['da'],
          arrivalDate: '2026-10-20',
          takeoverDate: '2026-11-01',
          deprived: false,
          parentsInWorkOrEducation: false,
          enrolled: false,
        },
      ],
      [
        'c3',
        {
          id: 'c3',
          languages: ['uk'],
          arrivalDate: '2026-06-01',
          takeoverDate: '2026-06-01',
          deprived: false,
          parentsInWorkOrEducation: false,
          enrolled: true,
        },
      ],
    ]),
  });

  test('one seat left and two children: the second is a conflict; a child with a seat and an institution of another kind too', () => {
    const r = checkAcceptance(
      [person('p1', 'c1', 'd1'), person('p2', 'c2', 'd1'), person('p3', 'c3', 's1')],
      seats('daycare'),
      DATE,
      FIGURES,
    );
    assert.deepEqual(
      r.conflicts.map((c) => [c.proposalId, c.reason, c.message]),
      [
        ['p2', 'institution_full', 'Solsikken has no free seat (39 enrolled, capacity 40)'],
        ['p3', 'option_missing', 'no daycare s1'],
      ],
    );
    assert.deepEqual(reasons(checkAcceptance([person('p3', 'c3', 'd1')], seats('daycare'), DATE, FIGURES)), [
      'already_enrolled',
    ]);
  });

  test("accepted: enrolments and counters; a newly arrived child without Danish goes to the school's reception class", () => {
    const daycare = checkAcceptance([person('p1', 'c1', 'd1')], seats('daycare'), DATE, FIGURES);
    assert.deepEqual(daycare.effects, {
      kind: 'daycare',
      enrolments: [{ personId: 'c1', institutionId: 'd1', kind: 'daycare' }],
      counters: [{ institutionId: 'd1', enrolled: 1, bilingual: 1, deprived: 1 }],
    });
    const school = checkAcceptance(
      [person('p1', 'c1', 's1'), person('p2', 'c2', 's1')],
      seats('school'),
      DATE,
      FIGURES,
    );
    assert.deepEqual(school.conflicts, []);
    assert.deepEqual(school.effects, {
      kind: 'school',
      enrolments: [
        { personId: 'c1', institutionId: 's1', kind: 'reception_class' },
        { personId: 'c2', institutionId: 's1', kind: 'school' },
      ],
      counters: [{ institutionId: 's1', enrolled: 2, bilingual: 1, deprived: 1 }],
    });
  });
});

describe('accepting internships and mentors', () => {
  const internships: InternshipState = {
    kind: 'internships',
    positions: new Map([
      [
        'po1',
        {
          id: 'po1',
          kind: 'company_internship',
          hoursPerWeek: 22.5,
          seats: 2,
          companyName: 'Rødekro Byggecenter',
          title: 'Butiksassistent',
          filled: 1,
        },
      ],
    ]),
    placed: new Set(['a3']),
  };

  test("a full position and an adult placed already are conflicts; accepted, an activity of the position's kind", () => {
    const r = checkAcceptance(
      [person('p1', 'a1', 'po1'), person('p2', 'a2', 'po1'), person('p3', 'a3', 'po9')],
      internships,
      DATE,
      FIGURES,
    );
    assert.deepEqual(
      r.conflicts.map((c) => [c.proposalId, c.reason, c.message]),
      [
        ['p2', 'position_full', 'Rødekro Byggecenter: Butiksassistent has no free seat (1 of 2 filled)'],
        ['p3', 'option_missing', 'position po9 does not exist'],
      ],
    );
    assert.deepEqual(reasons(checkAcceptance([person('p3', 'a3', 'po1')], internships, DATE, FIGURES)), [
      'already_placed',
    ]);
    assert.deepEqual(checkAcceptance([person('p1', 'a1', 'po1')], internships, DATE, FIGURES).effects, {
      kind: 'internships',
      activities: [
        {
          personId: 'a1',
          kind: 'company_internship',
          hoursPerWeek: 22.5,
          provider: 'Rødekro Byggecenter',
          positionId: 'po1',
        },
      ],
    });
  });

  const mentors: MentorState = {
    kind: 'mentors',
    mentors: new Map([
      ['v1', { id: 'v1', name: 'Frivillig V1', mentor: true, capacity: 1, current: 1 }],
      ['v2', { id: 'v2', name: 'Frivillig V2', mentor: true, capacity: 2, current: 0 }],
      ['v3', { id: 'v3', name: 'Frivillig V3', mentor: false, capacity: 1, current: 0 }],
    ]),
    mentoredHouseholds: new Set(['h3']),
    mentoredPersons: new Set(['x']),
  };

  test('a full mentor, a volunteer who is no mentor and a family with a mentor are conflicts; accepted, mentorships', () => {
    const r = checkAcceptance(
      [household('p1', 'h1', 'v1'), household('p2', 'h2', 'v3'), household('p3', 'h3', 'v2'), person('p4', 'x', 'v2')],
      mentors,
      DATE,
      FIGURES,
    );
    assert.deepEqual(
      r.conflicts.map((c) => [c.proposalId, c.reason, c.message]),
      [
        ['p1', 'mentor_full', 'Frivillig V1 has no room for another family (1 of 1)'],
        ['p2', 'option_missing', 'volunteer v3 is not a mentor'],
        ['p3', 'already_mentored', 'household h3 has a mentor already'],
        ['p4', 'already_mentored', 'person x has a mentor already'],
      ],
    );
    const ok = checkAcceptance([household('p1', 'h1', 'v2'), person('p2', 'y', 'v2')], mentors, DATE, FIGURES);
    assert.deepEqual(ok.conflicts, []);
    assert.deepEqual(ok.effects, {
      kind: 'mentors',
      mentorships: [
        { volunteerId: 'v2', householdId: 'h1', personId: null },
        { volunteerId: 'v2', householdId: null, personId: 'y' },
      ],
    });
    assert.deepEqual(
      reasons(
        checkAcceptance(
          [household('p1', 'h1', 'v2'), household('p2', 'h2', 'v2'), household('p3', 'h4', 'v2')],
          mentors,
          DATE,
          FIGURES,
        ),
      ),
      ['mentor_full'],
    );
  });
});

describe("the plan's status from its proposals", () => {
  test('accepted, partially accepted, discarded, draft', () => {
    assert.equal(planStatus({ proposed: 0, accepted: 3, rejected: 0 }), 'accepted');
    assert.equal(planStatus({ proposed: 0, accepted: 2, rejected: 1 }), 'partially_accepted');
    assert.equal(planStatus({ proposed: 1, accepted: 1, rejected: 0 }), 'partially_accepted');
    assert.equal(planStatus({ proposed: 0, accepted: 0, rejected: 2 }), 'discarded');
    assert.equal(planStatus({ proposed: 0, accepted: 0, rejected: 0 }), 'discarded');
    assert.equal(planStatus({ proposed: 2, accepted: 0, rejected: 1 }), 'draft');
  });
});
