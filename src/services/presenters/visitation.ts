// The visitation interview of a person, as the case file and the PUT that wrote it show it.
import type { Disclosure } from '../disclosure.js';

export interface VisitationRecord {
  held_on: string;
  resources: string;
  qualifications: string;
  wishes: string;
  challenges: string;
  version: number;
}

/** The interview; registers the person it belongs to. */
export function presentVisitation(row: VisitationRecord, personId: string, shown: Disclosure) {
  shown.person(personId);
  return {
    heldOn: row.held_on,
    resources: row.resources,
    qualifications: row.qualifications,
    wishes: row.wishes,
    challenges: row.challenges,
    version: row.version,
  };
}
