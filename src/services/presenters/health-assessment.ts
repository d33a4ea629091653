// A health assessment of a person's case (integrationsloven § 15 d): the need assessed, or the offer.
import type { Disclosure } from '../disclosure.js';

export interface HealthAssessmentRecord {
  id: string;
  held_on: string;
  kind: string;
  needed: boolean | null;
  accepted: boolean | null;
  note: string | null;
}

/** The health assessment record; registers the person it belongs to. */
export function presentHealthAssessment(row: HealthAssessmentRecord, personId: string, shown: Disclosure) {
  shown.person(personId);
  return {
    id: row.id,
    date: row.held_on,
    kind: row.kind,
    needed: row.needed,
    accepted: row.accepted,
    note: row.note,
  };
}
