// A person as a response shows them, minimised to the viewer's role (the role × fields matrix of
// src/domain/authorization.ts): every role that reads persons sees the identity fields; the masked
// CPR number only where `seesMaskedCpr`; the full number only where the caller revealed it and the
// policy allows it (person.readFullCpr); the case file as far as PERSON_FIELDS reaches. The person
// and every household member shown are registered on the Disclosure.
import {
  can,
  PERSON_FIELDS,
  seesMaskedCpr,
  type Actor,
  type PersonFields,
  type Role,
} from '../../domain/authorization.js';
import type { CprKind } from '../../domain/cpr.js';
import type { HouseholdRelation, Program, ResidenceBasis, Sex } from '../../domain/model.js';
import type { PersonRow } from '../../repositories/persons.js';
import type { Disclosure } from '../disclosure.js';
import { presentCaseSections, presentChildSections, showsCaseFile, type CaseFile } from './case-file.js';
import { presentHousehold, type HouseholdMemberRecord, type HouseholdRecord } from './household.js';

/** The fields the role sees of a person; a role that sees no person (admin, analyst) is a programming error here. */
function fieldsOf(role: Role): PersonFields {
  const fields = PERSON_FIELDS[role];
  if (fields === null) throw new Error(`The role ${role} sees no person; authorize before presenting.`);
  return fields;
}

export interface PresentPersonOptions {
  /** The full CPR number, formatted, when the request asked to reveal it; shown only to a role the policy allows. */
  fullCpr?: string | null | undefined;
}

/** The person's own fields (no household, no case records), registered as shown. */
export function presentPerson(row: PersonRow, viewer: Actor, shown: Disclosure, options: PresentPersonOptions = {}) {
  fieldsOf(viewer.role);
  const cpr = !seesMaskedCpr(viewer.role)
    ? null
    : options.fullCpr != null && can(viewer, 'person.readFullCpr', row.id)
      ? options.fullCpr
      : row.cpr_masked;
  return {
    id: shown.person(row.id),
    municipalityCode: row.municipality_code,
    householdId: row.household_id,
    relation: row.household_relation as HouseholdRelation,
    givenName: row.given_name,
    familyName: row.family_name,
    birthDate: row.birth_date,
    sex: row.sex as Sex,
    cpr,
    cprKind: row.cpr_kind as CprKind | null,
    residenceBasis: row.residence_basis as ResidenceBasis,
    program: row.program as Program | null,
    countryOfOrigin: row.country_of_origin,
    languages: row.languages,
    arrivalDate: row.arrival_date,
    takeoverDate: row.takeover_date,
    synthetic: row.synthetic,
    version: row.version,
  };
}

/** Whether presenting the role's view of a person needs their case file loaded. */
export function needsCaseFile(role: Role): boolean {
  return showsCaseFile(PERSON_FIELDS[role]);
}

export interface PersonCaseRecords {
  person: PersonRow;
  household: HouseholdRecord;
  members: HouseholdMemberRecord[];
  /** The case file; required where `needsCaseFile(role)`, else ignored. */
  caseFile: CaseFile | null;
}

/** A person with their household and, as the role's fields allow, the case file: the person page and GET person. */
export function presentPersonCase(
  records: PersonCaseRecords,
  viewer: Actor,
  shown: Disclosure,
  options: PresentPersonOptions = {},
) {
  const fields = fieldsOf(viewer.role);
  const file = showsCaseFile(fields) ? records.caseFile : null;
  if (showsCaseFile(fields) && !file)
    throw new Error(`The ${viewer.role} view of a person includes the case file; load it before presenting.`);
  const id = records.person.id;
  return {
    ...presentPerson(records.person, viewer, shown, options),
    household: presentHousehold(records.household, records.members, shown),
    ...(file && fields === 'case' ? presentCaseSections(file, id, shown) : {}),
    ...(file && fields === 'children' ? presentChildSections(file, id, shown) : {}),
  };
}

export interface SearchHitRecord {
  id: string;
  given_name: string;
  family_name: string;
  birth_date: string;
  cpr_masked: string | null;
  household_id: string;
  synthetic: boolean;
}

/** A person found by a search: name, birth date, the masked CPR number where the role sees it, household; registered as shown. */
export function presentSearchHit(h: SearchHitRecord, role: Role, shown: Disclosure) {
  fieldsOf(role);
  return {
    id: shown.person(h.id),
    givenName: h.given_name,
    familyName: h.family_name,
    birthDate: h.birth_date,
    cpr: seesMaskedCpr(role) ? h.cpr_masked : null,
    householdId: h.household_id,
    synthetic: h.synthetic,
  };
}
