// A household and its members. Every member shown is a person shown: registered on the
// response's Disclosure, beside the person read under the resource 'household'.
import type { HouseholdRelation, Program } from '../../domain/model.js';
import type { Disclosure } from '../disclosure.js';

export interface HouseholdRecord {
  id: string;
  arrival_date: string | null;
  takeover_date: string;
}
export interface HouseholdMemberRecord {
  id: string;
  given_name: string;
  family_name: string;
  birth_date: string;
  household_relation: string;
}

/** A member as the person page and GET person list them; registered as shown in the household. */
export function presentHouseholdMember(m: HouseholdMemberRecord, shown: Disclosure) {
  return {
    personId: shown.person(m.id, 'household'),
    givenName: m.given_name,
    familyName: m.family_name,
    birthDate: m.birth_date,
    relation: m.household_relation,
  };
}

/** The household of a person read, with every member. */
export function presentHousehold(household: HouseholdRecord, members: HouseholdMemberRecord[], shown: Disclosure) {
  return {
    id: household.id,
    arrivalDate: household.arrival_date,
    takeoverDate: household.takeover_date,
    members: members.map((m) => presentHouseholdMember(m, shown)),
  };
}

/** A household just registered: its id and each member's id, given name and relation; every member registered as shown. */
export function presentRegisteredHousehold(
  householdId: string,
  members: Pick<HouseholdMemberRecord, 'id' | 'given_name' | 'household_relation'>[],
  shown: Disclosure,
) {
  return {
    householdId,
    members: members.map((m) => ({
      personId: shown.person(m.id),
      givenName: m.given_name,
      relation: m.household_relation as HouseholdRelation,
    })),
  };
}

/** A member just added to a household: registered as shown. */
export function presentAddedMember(
  m: {
    id: string;
    householdId: string;
    givenName: string;
    familyName: string;
    relation: string;
    program: Program | null;
    arrivalDate: string | null;
    decisionDate: string | null;
    takeoverDate: string;
    statutoryTakeoverDate: string | null;
    takeoverByConsent: boolean;
  },
  shown: Disclosure,
) {
  return {
    personId: shown.person(m.id),
    householdId: m.householdId,
    givenName: m.givenName,
    familyName: m.familyName,
    relation: m.relation as HouseholdRelation,
    program: m.program,
    arrivalDate: m.arrivalDate,
    decisionDate: m.decisionDate,
    takeoverDate: m.takeoverDate,
    statutoryTakeoverDate: m.statutoryTakeoverDate,
    takeoverByConsent: m.takeoverByConsent,
  };
}
